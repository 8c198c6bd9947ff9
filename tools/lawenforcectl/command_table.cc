// The command table: one entry per command, binding its flags to a request
// builder (requests.h) and an RPC of PersonnelService; the case-service
// commands come from case_commands.cc, the supervision-service ones from
// supervision_commands.cc, the task-service ones from task_commands.cc.

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "tools/lawenforcectl/command_parts.h"
#include "tools/lawenforcectl/commands.h"
#include "tools/lawenforcectl/requests.h"
#include "tools/lawenforcectl/rpc_command.h"
#include "tools/lawenforcectl/text.h"
#include "tools/lawenforcectl/token_mint.h"

namespace lawenforce::ctl {

FlagSpec RequestIdFlag() {
  return Optional("request-id", "ID",
                  "idempotency key; reuse it to retry safely (default: a fresh UUID)");
}

std::vector<FlagSpec> PagingFlags(std::vector<FlagSpec> flags) {
  flags.push_back(Optional("page-size", "N", "items per page, 1..500 (server default 50)"));
  flags.push_back(Optional("page-token", "TOKEN", "next_page_token of the previous page"));
  flags.push_back(Switch("all", "follow next_page_token and print every page"));
  return flags;
}

std::vector<FlagSpec> WithEtag(absl::string_view what, std::vector<FlagSpec> flags) {
  flags.push_back(Optional("etag", "ETAG",
                           absl::StrCat("fail with ABORTED unless the ", what,
                                        " is unchanged (default: whatever it is now)")));
  return flags;
}

std::string Choices(absl::Span<const Choice> choices) { return ChoiceNames(choices); }

Command MakeCommand(std::string group, std::string verb, std::string positional,
                    std::string summary, std::vector<FlagSpec> flags, CommandRunner run) {
  return Command{std::move(group),   std::move(verb),  std::move(positional),
                 std::move(summary), std::move(flags), std::move(run)};
}

namespace {

using Stub = PersonnelStub;
constexpr auto Rpc = MakeCommand;

// `cert qr` in table mode: the text on a line of its own first (what a QR
// code holds: `cert qr ID | head -n 1`), then the number and the code.
std::string RenderVerificationCode(const v1::CertificateVerificationCode& printed) {
  return absl::StrCat(Sanitize(printed.text()), "\n", "number: ", Sanitize(printed.number()), "\n",
                      "code:   ", Sanitize(printed.code()), "\n");
}

// `args` without --token and --token-file: every other flag as given.
Args WithoutToken(const Command& command, const Args& args) {
  std::vector<FlagSpec> specs = GlobalFlags();
  specs.insert(specs.end(), command.flags.begin(), command.flags.end());
  std::map<std::string, std::vector<std::string>> values;
  for (const FlagSpec& spec : specs) {
    if (spec.name != "token" && spec.name != "token-file" && args.Has(spec.name)) {
      values[spec.name] = args.Values(spec.name);
    }
  }
  return Args(std::move(specs), std::move(values), args.positionals(), args.help_requested());
}

// The runner of the suite's one public method (cert verify): like
// RpcRunner, but the call carries no authorization metadata at all. A
// token from --token, --token-file or $LAWENFORCE_TOKEN is not read, let
// alone sent (the flags are accepted, so an alias carrying them works).
template <typename Request, typename Response>
CommandRunner PublicRpcRunner(RequestBuilder<Request> build,
                              PersonnelMethod<Request, Response> method) {
  return [build, method](const Command& command, const Args& args, Io& io) -> int {
    Environment tokenless = io.env;
    tokenless.getenv = [&io](absl::string_view name) -> std::optional<std::string> {
      if (name == kTokenEnv) return std::nullopt;
      return io.env.getenv(name);
    };
    absl::StatusOr<GlobalOptions> options = ResolveGlobalOptions(
        WithoutToken(command, args), tokenless, /*need_token=*/false, kPersonnelEndpoint);
    if (!options.ok()) {
      return ReportUsageError(command, options.status(), io.err);
    }
    options->token.clear();
    absl::StatusOr<Request> request = build(args, RequestContext{});
    if (!request.ok()) {
      return ReportUsageError(command, request.status(), io.err);
    }
    std::unique_ptr<Stub> stub = OpenStub<Stub>(io, *options);
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + options->timeout));
    Response response;
    grpc::Status status = (stub.get()->*method)(&context, *request, &response);
    if (!status.ok()) {
      return ReportRpcError(status, *options, io.err);
    }
    return Present(response, *options, io, Presentation<Response>{});
  };
}

std::vector<Command> MakeCommands() {
  std::vector<Command> c;

  c.push_back(Rpc("token", "mint", "", "Sign a bearer token locally and print it.",
                  TokenMintFlags(), RunTokenMint));

  // Agencies.
  c.push_back(Rpc(
      "agency", "create", "", "Create an enforcement agency (执法主体).",
      {Required("name", "NAME", "official name"),
       Required("division", "CODE", "division code of the agency"),
       RequiredRepeated("domain", "DOMAIN", "enforcement domain, e.g. market_regulation"),
       Switch("require-training", "officers need 60 counted training hours last year to enforce"),
       RequestIdFlag()},
      RpcRunner(BuildCreateAgency, &Stub::CreateAgency)));
  c.push_back(
      Rpc("agency", "update", "ID",
          "Rename an agency and/or change its enforcement domains (only the fields "
          "given); the audit log keeps each version.",
          {Required("reason", "TEXT", "why (e.g. the reform document); audited"),
           Optional("etag", "ETAG", "fail with ABORTED unless the agency is unchanged"),
           Optional("name", "NAME", "the new official name"),
           OptionalRepeated("domain", "DOMAIN", "the new set of domains (replaces the old)")},
          RpcRunner(BuildUpdateAgency, &Stub::UpdateAgency)));
  c.push_back(Rpc("agency", "get", "ID", "Show an agency.", {},
                  RpcRunner(BuildGetAgency, &Stub::GetAgency)));
  c.push_back(Rpc("agency", "list", "", "List agencies in a division subtree.",
                  PagingFlags({Optional("division", "CODE", "subtree (default: your own)")}),
                  RpcRunner(BuildListAgencies, &Stub::ListAgencies)));

  // Officers.
  const std::string roles = Choices(OfficerRoleChoices());
  c.push_back(
      Rpc("officer", "create", "", "Create an officer of an agency.",
          {Required("agency", "ID", "the officer's agency"), Required("name", "NAME", "full name"),
           Optional("id-number", "NUMBER|-",
                    "18-character resident identity-card number; - reads it from stdin (a "
                    "number on the command line shows in ps and the shell history)"),
           Optional("id-number-file", "PATH", "read the identity-card number from a file"),
           RequiredRepeated("role", roles, "role held"), RequestIdFlag()},
          RpcRunner(BuildCreateOfficer, &Stub::CreateOfficer)));
  c.push_back(Rpc("officer", "get", "ID", "Show an officer.", {},
                  RpcRunner(BuildGetOfficer, &Stub::GetOfficer)));
  c.push_back(
      Rpc("officer", "list", "", "List officers.",
          PagingFlags(
              {Optional("division", "CODE", "subtree (default: your own)"),
               Optional("agency", "ID", "only this agency's officers"),
               Optional("role", roles, "only officers holding this role"),
               Optional("name-prefix", "TEXT", "only names starting so"),
               Optional("id-number", "-|NUM",
                        "the officer with this identity-card number (- reads "
                        "standard input; found by its blind index)"),
               Optional("id-number-file", "PATH", "the number from a file"),
               Switch("review-required", "only officers flagged for review (=false: not flagged)"),
               Switch("without-valid-certificate",
                      "the worklist: officers in service holding no enforcement "
                      "certificate valid today"),
               Switch("in-service", "only officers in service (=false: only those who left)")}),
          RpcRunner(BuildListOfficers, &Stub::ListOfficers)));
  c.push_back(Rpc("officer", "update", "ID",
                  "Change an officer's name and/or roles (only the fields given).",
                  {Required("etag", "ETAG", "etag of the version you read"),
                   Optional("name", "NAME", "new full name"),
                   OptionalRepeated("role", roles, "new set of roles (replaces the old)")},
                  RpcRunner(BuildUpdateOfficer, &Stub::UpdateOfficer)));
  c.push_back(Rpc("officer", "transfer", "ID",
                  "Move an officer to another agency (调动), or bring back one who left; "
                  "cancels the live certificates.",
                  {Required("agency", "ID", "the agency served from then on"),
                   Optional("note", "TEXT", "why; kept in the history"),
                   Optional("etag", "ETAG", "fail with ABORTED unless the officer is unchanged"),
                   Optional("effective", "RFC3339", "when it took effect, if earlier")},
                  RpcRunner(BuildTransferOfficer, &Stub::TransferOfficer)));
  c.push_back(Rpc("officer", "end-service", "ID",
                  "End an officer's service (调离执法岗位 or 退休); cancels the live certificates.",
                  {Required("reason", Choices(ServiceEndReasonChoices()), "why service ends"),
                   Optional("note", "TEXT", "details; kept in the history"),
                   Optional("etag", "ETAG", "fail with ABORTED unless the officer is unchanged"),
                   Optional("effective", "RFC3339", "when it took effect, if earlier")},
                  RpcRunner(BuildEndOfficerService, &Stub::EndOfficerService)));
  c.push_back(Rpc("officer", "service", "ID", "Show an officer's periods of service, oldest first.",
                  {}, RpcRunner(BuildListOfficerServicePeriods, &Stub::ListOfficerServicePeriods)));
  c.push_back(Rpc("officer", "clear-review", "ID",
                  "Clear an officer's review flag (and its certificates') after a review.",
                  {Required("reason", "TEXT", "the review's outcome; audited"),
                   Optional("etag", "ETAG", "fail with ABORTED unless the officer is unchanged")},
                  RpcRunner(BuildClearOfficerReview, &Stub::ClearOfficerReview)));

  // Certificates.
  c.push_back(Rpc("cert", "issue", "", "Issue a certificate (行政执法证件) to an officer.",
                  {Required("officer", "ID", "holder"),
                   Required("number", "NUMBER", "certificate number as printed"),
                   Required("kind", Choices(CertificateKindChoices()), "certificate kind"),
                   RequiredRepeated("domain", "DOMAIN", "domain covered"),
                   Required("valid-from", "YYYY-MM-DD", "first day of validity"),
                   Required("valid-until", "YYYY-MM-DD", "last day of validity"), RequestIdFlag()},
                  RpcRunner(BuildIssueCertificate, &Stub::IssueCertificate)));
  c.push_back(
      Rpc("cert", "renew", "ID",
          "Renew (换证) an active or expired certificate: a new number and validity; the old "
          "one is cancelled (if live) and linked.",
          {Required("number", "NUMBER", "the new certificate's number"),
           Required("reason", "TEXT", "why; kept in the old certificate's history"),
           Required("valid-from", "YYYY-MM-DD", "first day of the new validity (not after today)"),
           Required("valid-until", "YYYY-MM-DD", "last day of the new validity"),
           OptionalRepeated("domain", "DOMAIN", "the new domains (default: the old ones)"),
           Optional("etag", "ETAG", "fail with ABORTED unless the certificate is unchanged"),
           Optional("decision", "TEXT", "the decision document it rests on"), RequestIdFlag()},
          RpcRunner(BuildRenewCertificate, &Stub::ReissueCertificate)));
  c.push_back(
      Rpc("cert", "replace", "ID",
          "Replace (补证) a lost or damaged active certificate: a new number, the same kind, "
          "domains and validity; the old one is cancelled and linked.",
          {Required("number", "NUMBER", "the new certificate's number"),
           Required("reason", "TEXT", "why; kept in the old certificate's history"),
           Optional("etag", "ETAG", "fail with ABORTED unless the certificate is unchanged"),
           Optional("decision", "TEXT", "the decision document it rests on"), RequestIdFlag()},
          RpcRunner(BuildReplaceCertificate, &Stub::ReissueCertificate)));
  c.push_back(
      Rpc("cert", "correct", "ID",
          "Correct a field mistyped when a live certificate was recorded (only the fields "
          "given); the audit log keeps the before and after.",
          {Required("reason", "TEXT", "what was mistyped and where it was found; audited"),
           Optional("number", "NUMBER", "the number as printed (a new verification code)"),
           Optional("valid-from", "YYYY-MM-DD", "first day of validity as printed"),
           Optional("valid-until", "YYYY-MM-DD", "last day of validity as printed"),
           OptionalRepeated("domain", "DOMAIN", "the domains as printed (replaces the list)"),
           Optional("etag", "ETAG", "fail with ABORTED unless the certificate is unchanged")},
          RpcRunner(BuildCorrectCertificate, &Stub::CorrectCertificate)));
  c.push_back(Rpc("cert", "get", "ID", "Show a certificate.", {},
                  RpcRunner(BuildGetCertificate, &Stub::GetCertificate)));
  c.push_back(Rpc("cert", "list", "", "List certificates.",
                  PagingFlags({Optional("division", "CODE", "subtree (default: your own)"),
                               Optional("officer", "ID", "only this officer's certificates"),
                               Optional("state", Choices(CertificateStateChoices()),
                                        "only certificates in this state"),
                               Optional("expiring-within-days", "N",
                                        "the worklist: live certificates ending within N days "
                                        "(1..366)")}),
                  RpcRunner(BuildListCertificates, &Stub::ListCertificates)));
  const auto transition =
      [](std::string verb, std::string summary,
         PersonnelMethod<v1::TransitionCertificateRequest, v1::Certificate> method) {
        std::vector<FlagSpec> flags = {
            Required("reason", "TEXT", "why; recorded in the history"),
            Optional("etag", "ETAG", "fail with ABORTED unless the certificate is unchanged"),
            Optional("effective", "RFC3339",
                     "when it took effect, if earlier (suspend, revoke, cancel)"),
            Optional("decision", "TEXT", "the decision document (决定书 number) it rests on")};
        const bool suspend = verb == "suspend";
        if (suspend) {
          flags.push_back(
              Optional("until", "RFC3339", "the suspension's end: reinstated automatically then"));
        }
        return Rpc(
            "cert", std::move(verb), "ID", std::move(summary), std::move(flags),
            RpcRunner(suspend ? BuildSuspendCertificate : BuildTransitionCertificate, method));
      };
  c.push_back(
      transition("suspend", "Suspend (暂扣) an active certificate.", &Stub::SuspendCertificate));
  c.push_back(
      transition("reinstate", "Reinstate a suspended certificate.", &Stub::ReinstateCertificate));
  c.push_back(
      transition("revoke", "Revoke (收回) a certificate; final.", &Stub::RevokeCertificate));
  c.push_back(
      transition("cancel", "Cancel (注销) a certificate; final.", &Stub::CancelCertificate));
  c.push_back(Rpc("cert", "history", "ID", "Show a certificate's state history, oldest first.", {},
                  RpcRunner(BuildGetCertificateHistory, &Stub::GetCertificateHistory)));
  Command qr = Rpc(
      "cert", "qr", "ID", "Print the verification text (URL) and code to print with a certificate.",
      {},
      RpcRunner(BuildGetCertificateVerificationCode, &Stub::GetCertificateVerificationCode,
                Presentation<v1::CertificateVerificationCode>{RenderVerificationCode, nullptr}));
  qr.details =
      "Printed: the text on the first line (<verification-url-base>?n=<number>&c=<code>,\n"
      "what the certificate's QR code holds), then the number and the 10-character code.\n"
      "No QR code is drawn (there is no QR library in the build): print the text; any QR\n"
      "generator renders it, e.g.\n"
      "  qrencode -t ansiutf8 \"$(lawenforcectl cert qr ID | head -n 1)\"\n"
      "For agency_admin, supervisor and system within the certificate's jurisdiction.";
  c.push_back(std::move(qr));
  Command verify = Rpc(
      "cert", "verify", "", "Check a certificate as the public does: valid now? (no token is sent)",
      {Optional("text", "TEXT", "the printed text: the verification URL, or \"<number> <code>\""),
       Optional("number", "NUMBER", "the certificate number as printed (with --code)"),
       Optional("code", "CODE", "the 10-character verification code printed beside it")},
      PublicRpcRunner(BuildVerifyCertificate, &Stub::VerifyCertificate));
  verify.details =
      "Give --text, or --number and --code. VerifyCertificate is public: this command\n"
      "sends no token, whatever --token, --token-file or LAWENFORCE_TOKEN say.\n"
      "Printed: valid (ACTIVE now), state, kind, domains, validity, the agency and the\n"
      "holder's name masked (欧**). An unknown number and a wrong code are the same\n"
      "NOT_FOUND (exit 1); too many checks from one address are RESOURCE_EXHAUSTED\n"
      "\"retry in N s\" (exit 1).";
  c.push_back(std::move(verify));

  // Eligibility.
  c.push_back(Rpc("eligibility", "check", "",
                  "May these officers enforce in a domain (now, or at --at)?",
                  {RequiredRepeated("officer", "ID", "officer to check"),
                   Required("domain", "DOMAIN", "enforcement domain"),
                   Optional("at", "RFC3339", "moment of the act, e.g. 2024-03-01T09:30:00+08:00")},
                  RpcRunner(BuildCheckEligibility, &Stub::CheckEnforcementEligibility)));
  c.push_back(Rpc("eligibility", "supervise", "",
                  "May this supervisor supervise a division (now, or at --at)?",
                  {Required("officer", "ID", "the supervisor"),
                   Required("division", "CODE", "division to supervise"),
                   Optional("domain", "DOMAIN", "domain supervised (default: any)"),
                   Optional("at", "RFC3339", "the moment, e.g. 2024-03-01T09:30:00+08:00")},
                  RpcRunner(BuildCheckSupervision, &Stub::CheckSupervisionAuthority)));

  // Training.
  c.push_back(Rpc("training", "record", "", "Record hours of training.",
                  {Required("officer", "ID", "trainee"),
                   Required("hours", "HOURS", "hours, e.g. 2.5 (steps of 0.5, at most 24)"),
                   Required("category", Choices(TrainingCategoryChoices()), "training category"),
                   Required("course", "TITLE", "course title"),
                   Required("date", "YYYY-MM-DD", "day of the training"),
                   Required("provider", "NAME", "training provider"), RequestIdFlag()},
                  RpcRunner(BuildRecordTraining, &Stub::RecordTraining)));
  c.push_back(Rpc("training", "list", "", "List an officer's training records.",
                  PagingFlags({Required("officer", "ID", "trainee"),
                               Optional("year", "YYYY", "only this calendar year")}),
                  RpcRunner(BuildListTrainingRecords, &Stub::ListTrainingRecords)));
  c.push_back(Rpc("training", "summary", "",
                  "Counted hours vs the yearly 60, for an officer, agency or division.",
                  {Optional("officer", "ID", "scope: one officer"),
                   Optional("agency", "ID", "scope: an agency"),
                   Optional("division", "CODE", "scope: a division subtree"),
                   Required("year", "YYYY", "calendar year")},
                  RpcRunner(BuildGetTrainingSummary, &Stub::GetTrainingSummary)));
  c.push_back(Rpc("training", "shortfalls", "",
                  "The worklist of officers below the training requirement for a year.",
                  PagingFlags({Required("year", "YYYY", "calendar year"),
                               Optional("division", "CODE", "division subtree (default: own)"),
                               Optional("agency", "ID", "only this agency's officers")}),
                  RpcRunner(BuildListTrainingShortfalls, &Stub::ListTrainingShortfalls)));

  // Assessments.
  c.push_back(Rpc(
      "assessment", "record", "", "Record an officer's annual assessment.",
      {Required("officer", "ID", "assessed officer"), Required("year", "YYYY", "assessment year"),
       Required("result", Choices(AssessmentResultChoices()), "result"),
       Optional("remarks", "TEXT", "remarks"), RequestIdFlag()},
      RpcRunner(BuildRecordAssessment, &Stub::RecordAssessment)));
  c.push_back(Rpc("assessment", "list", "", "List an officer's assessments.",
                  {Required("officer", "ID", "assessed officer")},
                  RpcRunner(BuildListAssessments, &Stub::ListAssessments)));

  // Audit log.
  c.push_back(Rpc(
      "audit", "list", "",
      "The audit log of a division subtree, newest first: changes and denied attempts.",
      PagingFlags({Optional("division", "CODE", "division subtree (default: own)"),
                   Optional("resource", "ID", "only entries about this record"),
                   Optional("actor", "SUBJECT", "only entries by this token subject"),
                   Optional("method", "RPC", "only entries through this RPC"),
                   Optional("action", "ACTION", "an action, or a family ending in '.'"),
                   Optional("outcome", Choices(AuditOutcomeChoices()), "changes or denials only"),
                   Optional("from", "TIME", "from this moment (RFC 3339), inclusive"),
                   Optional("until", "TIME", "before this moment (RFC 3339)")}),
      RpcRunner(BuildListAuditEntries, &Stub::ListAuditEntries)));

  // Staffing.
  c.push_back(
      Rpc("staffing", "", "",
          "Legal reviewers vs 5% of officers per agency, for an agency or a division subtree.",
          {Optional("agency", "ID", "scope: an agency"),
           Optional("division", "CODE", "scope: a division subtree"),
           Optional("year", "YYYY", "a past year, as it stood at its end")},
          RpcRunner(BuildGetStaffingCompliance, &Stub::GetStaffingCompliance)));

  // case-service, supervision-service and task-service.
  for (auto service_commands : {CaseCommands, ImportCommands, SupervisionCommands, TaskCommands}) {
    for (Command& command : service_commands()) c.push_back(std::move(command));
  }
  return c;
}

}  // namespace

const std::vector<Command>& Commands() {
  static const std::vector<Command>* const kCommands = new std::vector<Command>(MakeCommands());
  return *kCommands;
}

const Command* FindCommand(absl::string_view group, absl::string_view verb) {
  for (const Command& command : Commands()) {
    if (command.group == group && command.verb == verb) {
      return &command;
    }
  }
  return nullptr;
}

const Command* MatchCommand(absl::string_view group, const std::vector<std::string>& tokens,
                            size_t* pos) {
  size_t most_words = 0;
  for (const Command& command : Commands()) {
    if (command.group == group) {
      const size_t words = std::count(command.verb.begin(), command.verb.end(), ' ') + 1;
      most_words = std::max(most_words, words);
    }
  }
  for (size_t words = std::min(most_words, tokens.size() - *pos); words > 0; --words) {
    const std::string verb =
        absl::StrJoin(tokens.begin() + *pos, tokens.begin() + *pos + words, " ");
    if (const Command* command = FindCommand(group, verb)) {
      *pos += words;
      return command;
    }
  }
  return nullptr;
}

bool IsGroup(absl::string_view group) {
  for (const Command& command : Commands()) {
    if (command.group == group) {
      return true;
    }
  }
  return false;
}

bool GroupHasVerbs(absl::string_view group) {
  for (const Command& command : Commands()) {
    if (command.group == group && !command.verb.empty()) {
      return true;
    }
  }
  return false;
}

absl::StatusOr<Args> ParseCommandArgs(const Command& command,
                                      const std::vector<std::string>& tokens) {
  std::vector<FlagSpec> specs = GlobalFlags();
  specs.insert(specs.end(), command.flags.begin(), command.flags.end());
  return ParseArgs(specs, tokens, command.positional);
}

}  // namespace lawenforce::ctl
