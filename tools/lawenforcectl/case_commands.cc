// The case-service commands (lawenforce.cases.v1.CaseService): one entry
// per RPC, binding its flags to a builder of case_requests.h. They connect
// to --case-server (env LAWENFORCE_CASE_SERVER, default localhost:50052),
// through the same runner as the personnel commands.

#include <utility>

#include "absl/strings/str_cat.h"
#include "tools/lawenforcectl/case_render.h"
#include "tools/lawenforcectl/case_requests.h"
#include "tools/lawenforcectl/command_parts.h"
#include "tools/lawenforcectl/rpc_command.h"

namespace lawenforce::ctl {
namespace {

using Stub = CaseStub;
constexpr auto Rpc = MakeCommand;

// The CaseActRequest fields every act takes, then the act's own flags.
std::vector<FlagSpec> ActFlags(bool reason_required, absl::string_view reason_help,
                               std::vector<FlagSpec> own = {}) {
  std::vector<FlagSpec> flags = std::move(own);
  flags.push_back(reason_required ? Required("reason", "TEXT", std::string(reason_help))
                                  : Optional("reason", "TEXT", std::string(reason_help)));
  flags.push_back(Optional("etag", "ETAG", "fail with ABORTED unless the case is unchanged"));
  flags.push_back(OptionalRepeated("officer", "ID",
                                   "acting officer, a handling officer (default: all of them)"));
  return flags;
}

// The Decision of decide, submit-review and change-decision.
std::vector<FlagSpec> DecisionFlags(bool outcome_required) {
  const std::string outcomes = Choices(OutcomeChoices());
  return {
      outcome_required ? Required("outcome", outcomes, "the decision's outcome")
                       : Optional("outcome", outcomes, "the changed decision's outcome"),
      Optional("circumstance", "LEVEL",
               "benchmark level applied (required with a benchmark and a penalty)"),
      OptionalRepeated("penalty", Choices(PenaltyKindChoices()), "penalty kind imposed"),
      Optional("fine-fen", "FEN", "the fine in integer fen (分): 3000 yuan is 300000"),
      Optional("decision-reason", "TEXT", "written reason; required outside the benchmark"),
      Switch("publish", "publish the decision (penalties default to published; --publish=false)"),
  };
}

std::vector<FlagSpec> Concat(std::vector<FlagSpec> a, const std::vector<FlagSpec>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const std::string& ClockChoices() {
  static const std::string* const kText = new std::string(Choices(ClockKindChoices()));
  return *kText;
}

}  // namespace

std::vector<Command> CaseCommands() {
  std::vector<Command> c;

  // Enforcement item catalogue.
  c.push_back(Rpc(
      "item", "create", "", "Add an item to an agency's catalogue (行政执法事项目录).",
      {Required("agency", "ID", "the agency (personnel-service) whose catalogue holds it"),
       Required("code", "CODE", "catalogue code, 1..32 of A-Z a-z 0-9 -; unique per agency"),
       Required("name", "NAME", "item name"),
       Required("kind", Choices(ItemKindChoices()), "kind of enforcement"),
       Required("legal-basis", "TEXT", "the law and article the item rests on"),
       Required("domain", "DOMAIN", "enforcement domain, one of the agency's"),
       Switch("major", "decisions are major: legal review first (APL art. 58)"),
       Switch("delegated-to-townships", "delegated to townships (赋权事项)"),
       Optional("effective-from", "RFC3339", "when the first version takes effect (default now)"),
       RequestIdFlag()},
      RpcRunner(BuildCreateItem, &Stub::CreateItem)));
  c.push_back(Rpc("item", "get", "ID", "Show an item with its versions.", {},
                  RpcRunner(BuildGetItem, &Stub::GetItem)));
  c.push_back(Rpc("item", "list", "", "List catalogue items in a division subtree.",
                  PagingFlags({Optional("division", "CODE", "subtree (default: your own)"),
                               Optional("agency", "ID", "only this agency's items")}),
                  RpcRunner(BuildListItems, &Stub::ListItems)));
  c.push_back(Rpc(
      "item", "revise", "ID",
      "A new version of an item (now or later); what is not given is kept from the latest.",
      {Required("reason", "TEXT", "why the version is made"),
       Optional("etag", "ETAG",
                "fail with ABORTED unless the item is unchanged (default: as read)"),
       Optional("name", "NAME", "new name"), Optional("legal-basis", "TEXT", "new legal basis"),
       Switch("major", "major (--major=false: no longer)"),
       Switch("delegated-to-townships", "delegated to townships (--delegated-to-townships=false)"),
       Switch("repealed", "from this version on, no longer punishable under the item"),
       Optional("effective-from", "RFC3339", "when the version takes effect (default now)")},
      ReadModifyWriteRunner(BuildGetItem, &Stub::GetItem, BuildReviseItem, &Stub::ReviseItem)));

  // Discretion benchmarks.
  c.push_back(
      Rpc("benchmark", "publish", "", "Publish a new version of an item's benchmark (裁量权基准).",
          {Required("item", "ID", "the item"),
           Required("basis", "TEXT", "the document issuing the benchmark"),
           Required("levels-file", "PATH|-",
                    "the levels as JSON (proto field names): a list of levels, or a benchmark as "
                    "'benchmark get --output json' prints it; - reads standard input"),
           Optional("effective-from", "RFC3339", "when it takes effect (default now)")},
          RpcRunner(BuildPublishBenchmark, &Stub::PublishBenchmark)));
  c.push_back(Rpc("benchmark", "get", "", "Show the benchmark version in force (now, or at --at).",
                  {Required("item", "ID", "the item"),
                   Optional("at", "RFC3339", "the moment, e.g. 2025-03-01T09:30:00+08:00")},
                  RpcRunner(BuildGetBenchmark, &Stub::GetBenchmark)));
  c.push_back(Rpc("benchmark", "versions", "", "List every version of an item's benchmark.",
                  {Required("item", "ID", "the item")},
                  RpcRunner(BuildListBenchmarkVersions, &Stub::ListBenchmarkVersions)));

  // Cases.
  c.push_back(Rpc(
      "case", "file", "", "File (立案) a penalty case; starts the decision clock.",
      {Required("agency", "ID", "the agency"), Required("item", "ID", "an item of its catalogue"),
       Required("facts", "TEXT", "the facts, 1..2000 characters"),
       Required("violation-time", "RFC3339", "when the violation ended (APL art. 36)"),
       RequiredRepeated("officer", "ID", "handling officer; at least two (APL art. 42)"),
       RequiredRepeated("party", "KIND:NAME[:CREDIT_CODE]",
                        "individual:NAME or enterprise:NAME:CREDIT_CODE"),
       Optional("id-number", "NUMBER|-",
                "identity-card numbers of the individual parties, one a line in --party order; - "
                "reads them from stdin (a number on the command line shows in ps and the shell "
                "history)"),
       Optional("id-number-file", "PATH", "read the identity-card numbers from a file"),
       Switch("endangers-safety",
              "endangers life, health or financial safety: 5 years' limitation"),
       Switch("first-violation", "the party's first violation (APL art. 33)"), RequestIdFlag()},
      RpcRunner(BuildFileCase, &Stub::FileCase)));
  c.push_back(Rpc("case", "get", "ID", "Show a case with its parties and clocks.", {},
                  RpcRunner(BuildGetCase, &Stub::GetCase)));
  c.push_back(Rpc(
      "case", "list", "", "List cases.",
      PagingFlags({Optional("division", "CODE", "subtree (default: your own)"),
                   Optional("agency", "ID", "only this agency's cases"),
                   Optional("state", Choices(CaseStateChoices()), "only cases in this state"),
                   Optional("item", "ID", "only cases under this item"),
                   Optional("officer", "ID", "only cases with this handling officer"),
                   Switch("overdue", "only cases with a clock overdue now (--overdue=false: none)"),
                   Switch("enterprise-party",
                          "only cases with an enterprise party (--enterprise-party=false: none)"),
                   Optional("filed-after", "RFC3339", "filed at or after"),
                   Optional("filed-before", "RFC3339", "filed before"),
                   Optional("decided-after", "RFC3339", "decided at or after"),
                   Optional("decided-before", "RFC3339", "decided before")}),
      RpcRunner(BuildListCases, &Stub::ListCases)));
  c.push_back(
      Rpc("case", "stats", "",
          "Case figures of a subtree or an agency for a period, as they stood at its end (or now).",
          {Optional("division", "CODE", "subtree (default: your own)"),
           Optional("agency", "ID", "this agency instead of a subtree"),
           Required("from", "YYYY-MM-DD", "first day of the period (China Standard Time)"),
           Required("to", "YYYY-MM-DD", "last day of the period, inclusive")},
          RpcRunner(BuildGetCaseStatistics, &Stub::GetCaseStatistics)));

  // Acts on a case: CASE, then --reason, --etag, --officer and their own flags.
  const auto plain = [&](std::string verb, std::string summary, bool reason_required,
                         absl::string_view reason_help,
                         CaseMethod<cv1::CaseActRequest, cv1::Case> method) {
    c.push_back(Rpc("case", std::move(verb), "CASE", std::move(summary),
                    ActFlags(reason_required, reason_help), RpcRunner(BuildCaseAct, method)));
  };
  constexpr absl::string_view kNote = "note for the record";
  plain("start-investigation", "FILED -> INVESTIGATING (调查取证).", false, kNote,
        &Stub::StartInvestigation);
  c.push_back(
      Rpc("case", "record-evidence", "CASE",
          "Add evidence references (by SHA-256 of the file) to the record.",
          ActFlags(false, kNote,
                   {RequiredRepeated("evidence", "SHA256:KIND:DESCRIPTION",
                                     "e.g. $(sha256sum photo.jpg | cut -c1-64):photo:现场照片")}),
          RpcRunner(BuildRecordEvidence, &Stub::RecordEvidence)));
  c.push_back(Rpc("case", "submit-review", "CASE",
                  "Submit a proposed decision for legal review (法制审核).",
                  ActFlags(false, kNote, DecisionFlags(/*outcome_required=*/true)),
                  RpcRunner(BuildSubmitForLegalReview, &Stub::SubmitForLegalReview)));
  c.push_back(Rpc(
      "case", "complete-review", "CASE",
      "Legal reviewer: approve the proposal or return the case to investigation.",
      ActFlags(
          false, kNote,
          {Required("outcome", Choices(ReviewOutcomeChoices()), "the review's outcome"),
           Required("reviewer", "ID", "the reviewing officer (legal_reviewer role, not handling)"),
           Required("opinion", "TEXT", "the review opinion")}),
      RpcRunner(BuildCompleteLegalReview, &Stub::CompleteLegalReview)));
  c.push_back(Rpc(
      "case", "notify", "CASE", "Notify the party (告知); starts the 5-working-day hearing window.",
      ActFlags(false, kNote, {Switch("hearing-waived", "the party declared it wants no hearing")}),
      RpcRunner(BuildNotifyParty, &Stub::NotifyParty)));
  c.push_back(Rpc(
      "case", "schedule-hearing", "CASE",
      "Record the party's hearing request and the hearing notice served now.",
      ActFlags(false, kNote, {Required("hearing-time", "RFC3339", "when the hearing takes place")}),
      RpcRunner(BuildScheduleHearing, &Stub::ScheduleHearing)));
  c.push_back(
      Rpc("case", "decide", "CASE", "Decide (决定), checked against the benchmark in force.",
          ActFlags(false, kNote,
                   Concat(DecisionFlags(/*outcome_required=*/true),
                          {Switch("served-on-the-spot", "the party was present: served at once")})),
          RpcRunner(BuildDecideCase, &Stub::DecideCase)));
  plain("serve", "Record the service of the decision.", false, kNote, &Stub::ServeDecision);
  plain("publish", "DECIDED -> PUBLISHED (公示).", false, kNote, &Stub::PublishDecision);
  c.push_back(Rpc("case", "change-decision", "CASE",
                  "Change (--outcome ...) or revoke (--revoke) a decision.",
                  ActFlags(true, "why (reconsideration, litigation, correction)",
                           Concat(DecisionFlags(/*outcome_required=*/false),
                                  {Switch("revoke", "revoke the decision instead")})),
                  RpcRunner(BuildChangeDecision, &Stub::ChangeDecision)));
  plain("withdraw-publication", "Withdraw the publication of a changed decision.", false, kNote,
        &Stub::WithdrawPublication);
  plain("record-execution", "-> EXECUTED (payment or performance).", false, kNote,
        &Stub::RecordExecution);
  plain("close", "-> CLOSED (结案).", false, kNote, &Stub::CloseCase);
  plain("withdraw", "Agency head: -> WITHDRAWN (撤销立案).", true, "why the filing is withdrawn",
        &Stub::WithdrawCase);
  c.push_back(Rpc(
      "case", "report-crime", "CASE",
      "Report a suspected crime: -> TRANSFER_PENDING; 3 days to decide the transfer.",
      ActFlags(true, "the suspicion",
               {Required("recipient", Choices(TransferRecipientChoices()), "receiving body kind"),
                Required("recipient-name", "NAME", "the receiving body")}),
      RpcRunner(BuildReportSuspectedCrime, &Stub::ReportSuspectedCrime)));
  c.push_back(Rpc("case", "decide-transfer", "CASE",
                  "Agency head: approve (24 hours to hand over) or decline the transfer.",
                  ActFlags(false, "why (required with --decline)",
                           {Switch("approve", "approve the transfer"),
                            Switch("decline", "decline it: back to INVESTIGATING")}),
                  RpcRunner(BuildDecideTransfer, &Stub::DecideTransfer)));
  plain("hand-over", "TRANSFER_APPROVED -> TRANSFERRED.", false, kNote, &Stub::HandOverCase);
  c.push_back(Rpc("case", "transfer-receipt", "CASE",
                  "Record the receiving body's acknowledgement of a transfer.",
                  ActFlags(false, kNote,
                           {Required("receipt-number", "NUMBER", "the acknowledgement's number")}),
                  RpcRunner(BuildRecordTransferReceipt, &Stub::RecordTransferReceipt)));
  c.push_back(Rpc("case", "replace-officers", "CASE",
                  "Agency head: new handling officers, each eligible now.",
                  ActFlags(true, "why",
                           {RequiredRepeated("new-officer", "ID", "new handling officer (2..20)")}),
                  RpcRunner(BuildReplaceHandlingOfficers, &Stub::ReplaceHandlingOfficers)));
  c.push_back(Rpc(
      "case", "pause-clock", "CASE",
      "Pause the decision or seizure clock (hearing, public notice, testing and appraisal).",
      ActFlags(true, "why",
               {Required("clock", ClockChoices(), "the clock"),
                Required("pause-reason", Choices(PauseReasonChoices()), "what the time is for")}),
      RpcRunner(BuildPauseClock, &Stub::PauseClock)));
  c.push_back(Rpc("case", "resume-clock", "CASE", "Resume a paused clock.",
                  ActFlags(false, kNote, {Required("clock", ClockChoices(), "the clock")}),
                  RpcRunner(BuildResumeClock, &Stub::ResumeClock)));
  c.push_back(Rpc("case", "extend-clock", "CASE", "Agency head: an approved extension of a clock.",
                  ActFlags(true, "the approval",
                           {Required("clock", ClockChoices(), "the clock"),
                            Required("extension", "N", "in the clock's unit (days, hours)")}),
                  RpcRunner(BuildExtendClock, &Stub::ExtendClock)));
  c.push_back(Rpc(
      "case", "apply-coercion", "CASE",
      "Seizure or detention (查封扣押, 30 days); --emergency: on the spot.",
      ActFlags(true, "why", {Switch("emergency", "on the spot; to be reported within 24 hours")}),
      RpcRunner(BuildApplyCoercion, &Stub::ApplyCoercion)));
  plain("report-coercion", "Report an on-the-spot coercion.", false, kNote, &Stub::ReportCoercion);
  plain("release-coercion", "Release a seizure or detention.", false, kNote,
        &Stub::ReleaseCoercion);

  // Clocks, acts and the record.
  Command explain =
      Rpc("case", "explain", "CASE CLOCK",
          "How a clock's due moment comes about: rule, legal basis, pauses, extensions.", {},
          RpcRunner(BuildExplainDeadline, &Stub::ExplainDeadline,
                    Presentation<cv1::DeadlineExplanation>{RenderDeadlineExplanation, nullptr}));
  explain.details = absl::StrCat(
      "CLOCK is one of ", ClockChoices(),
      ".\nPrinted: the rule and its legal basis, the start event, the state, the due moment\n"
      "(exclusive) and last day, whether working days were counted on a provisional\n"
      "calendar (and which days and holidays), every pause, resume and extension, and the\n"
      "steps by which the due moment came about.");
  c.push_back(std::move(explain));
  c.push_back(
      Rpc("case", "officer-acts", "", "An officer's acts on cases in a time window.",
          PagingFlags({Required("officer", "ID", "the officer"),
                       Optional("start", "RFC3339", "from (default: the beginning)"),
                       Optional("end", "RFC3339", "until, exclusive (default: now)"),
                       Switch("recheck", "ask personnel-service again for each act's moment"),
                       Optional("division", "CODE", "cases in this subtree (default: your own)")}),
          RpcRunner(BuildListOfficerActs, &Stub::ListOfficerActs)));
  c.push_back(Rpc("record", "get", "CASE", "Show a case's full-process record (执法全过程记录).",
                  {}, RpcRunner(BuildGetCaseRecord, &Stub::GetCaseRecord)));
  c.push_back(Rpc(
      "record", "verify", "CASE", "Recompute a record's hash chain; exit 1 when it is not intact.",
      {Optional("expected-length", "N", "length of a head exported earlier"),
       Optional("expected-hash", "HEX", "hash of that head (default: the head on the case)")},
      RpcRunner(BuildVerifyCaseRecord, &Stub::VerifyCaseRecord,
                Presentation<cv1::RecordVerification>{nullptr, RecordVerificationVerdict})));
  c.push_back(Rpc("record", "export-heads", "",
                  "The chain heads of a subtree's cases, for a third party to keep.",
                  PagingFlags({Optional("division", "CODE", "subtree (default: your own)")}),
                  RpcRunner(BuildExportRecordHeads, &Stub::ExportRecordHeads)));

  // Random inspections (双随机、一公开).
  c.push_back(
      Rpc("inspection", "plan-create", "",
          "Plan random inspections (双随机): an inspection item, the enterprises and officers "
          "drawn from, the period of the draws.",
          {Required("agency", "ID", "the agency (personnel-service)"),
           Required("item", "ID", "an item of its catalogue of kind inspection"),
           Required("name", "NAME", "the plan's name"),
           Required("start", "YYYY-MM-DD", "first day of the draws (China Standard Time)"),
           Required("end", "YYYY-MM-DD", "last day of the draws, inclusive"),
           Required("enterprises-file", "PATH|-",
                    "the enterprises that may be drawn (检查对象名录库), CREDIT_CODE,NAME a line "
                    "(CSV); - reads standard input"),
           RequiredRepeated("inspector", "ID[,ID...]",
                            "officers who may be drawn (执法检查人员名录库), at least two"),
           Required("targets", "N", "enterprises per draw, 1..500 (all of them when fewer)"),
           Optional("per-target", "N", "officers per enterprise, 2..10 (default 2: APL art. 42)"),
           RequestIdFlag()},
          RpcRunner(BuildCreateInspectionPlan, &Stub::CreateInspectionPlan)));
  c.push_back(
      Rpc("inspection", "plan-get", "ID", "Show a plan with its enterprises and officers.", {},
          RpcRunner(BuildIdRequest<cv1::GetInspectionPlanRequest>, &Stub::GetInspectionPlan)));
  c.push_back(Rpc("inspection", "plan-list", "",
                  "List the inspection plans of a subtree (their sizes, not their lists).",
                  PagingFlags({Optional("division", "CODE", "subtree (default: your own)"),
                               Optional("agency", "ID", "only this agency's plans")}),
                  RpcRunner(BuildListInspectionPlans, &Stub::ListInspectionPlans)));
  Command draw =
      Rpc("inspection", "draw", "PLAN",
          "Draw targets and their inspectors from a recorded seed; anyone can re-run it.",
          {Optional("seed", "HEX",
                    "32 lower-case hex characters chosen in public, a lottery (default: random)"),
           RequestIdFlag()},
          RpcRunner(BuildDrawInspection, &Stub::DrawInspection));
  draw.details =
      "Method sha256-rank-v1: the targets are the plan's targets-per-draw credit codes of\n"
      "enterprise_candidates whose key, the hex SHA-256 of \"<seed>:<credit code>\", sorts\n"
      "first; each target's inspectors the plan's inspectors-per-target officer ids of\n"
      "inspector_candidates (those who may inspect in the item's domain now) whose key of\n"
      "\"<seed>:<credit code>:<officer id>\" sorts first. The officers left out are listed\n"
      "in inspectors_excluded with the reason. Each run is a new draw, unless it repeats a\n"
      "--request-id.";
  c.push_back(std::move(draw));
  c.push_back(
      Rpc("inspection", "draw-get", "ID",
          "Show a draw: seed, candidates, targets with their inspectors, results.", {},
          RpcRunner(BuildIdRequest<cv1::GetInspectionDrawRequest>, &Stub::GetInspectionDraw)));
  c.push_back(Rpc("inspection", "draw-list", "PLAN",
                  "List a plan's draws (without their candidate lists).", PagingFlags({}),
                  RpcRunner(BuildListInspectionDraws, &Stub::ListInspectionDraws)));
  c.push_back(Rpc(
      "inspection", "result", "DRAW", "Record the outcome of one target's inspection, once.",
      WithEtag("draw",
               {Required("credit-code", "CODE", "the target's unified social credit code"),
                Required("outcome", Choices(InspectionOutcomeChoices()), "what it found"),
                Required("summary", "TEXT", "what was inspected and found, 1..2000 characters")}),
      RpcRunner(BuildRecordInspectionResult, &Stub::RecordInspectionResult)));

  // Enterprise inspection control (State Council Office 〔2024〕54).
  c.push_back(Rpc("inspection", "cap-set", "",
                  "Publish an agency's yearly cap of on-site visits per enterprise (a later one "
                  "for the year replaces it from then on).",
                  {Required("agency", "ID", "the agency (personnel-service)"),
                   Required("year", "YYYY", "the calendar year (China Standard Time), 2000..2100"),
                   Required("max", "N", "visits per enterprise in the year, 1..100"),
                   Required("basis", "TEXT", "the published document setting the cap")},
                  RpcRunner(BuildSetInspectionCap, &Stub::SetInspectionCap)));
  c.push_back(Rpc("inspection", "cap-get", "",
                  "Show the cap in force for an agency and year (published: readable by all).",
                  {Required("agency", "ID", "the agency"),
                   Required("year", "YYYY", "the calendar year (China Standard Time)")},
                  RpcRunner(BuildGetInspectionCap, &Stub::GetInspectionCap)));
  Command visit = Rpc(
      "inspection", "visit", "",
      "Record an on-site visit as it happens: one agency's, or a joint visit (综合查一次).",
      {Required("credit-code", "CODE", "the enterprise's unified social credit code"),
       Required("name", "NAME", "the enterprise's name"),
       RequiredRepeated("part", "AGENCY:ITEM",
                        "an agency and an inspection item of its catalogue, the lead agency "
                        "first; two or more make a joint visit"),
       RequiredRepeated("officer", "ID[,ID...]",
                        "officers inspecting, at least two, each certified for one of the items' "
                        "domains"),
       Required("basis", Choices(VisitBasisChoices()), "why the enterprise is visited"),
       Required("basis-ref", "REF",
                "the draw's id (draw), the complaint's or clue's number, the plan's number"),
       Optional("summary", "TEXT", "what was inspected, up to 2000 characters"), RequestIdFlag()},
      RpcRunner(BuildRecordInspectionVisit, &Stub::RecordInspectionVisit));
  visit.details =
      "A visit that would exceed an agency's cap for the year (inspection cap-set) is refused\n"
      "with FAILED_PRECONDITION naming the part and the cap, unless --basis is complaint or\n"
      "clue: then it is recorded with beyond_cap true. A joint visit counts once for each of\n"
      "its agencies. With --basis draw, --basis-ref is a draw of one of the agencies with the\n"
      "enterprise among its targets. Repeated visits to one enterprise by any agency within\n"
      "case-service's window raise a warning (warning_id) for the supervisors of the tier\n"
      "above the lead agency (inspection warnings).";
  c.push_back(std::move(visit));
  c.push_back(
      Rpc("inspection", "history", "CREDIT_CODE",
          "One enterprise's visits across agencies, those with an agency in a subtree.",
          PagingFlags({Optional("division", "CODE", "subtree (default: your own)")}),
          RpcRunner(BuildGetEnterpriseInspectionHistory, &Stub::GetEnterpriseInspectionHistory)));
  c.push_back(
      Rpc("inspection", "whitelist-add", "",
          "White-list an enterprise for an agency for a period: its random draws leave it out.",
          {Required("agency", "ID", "the agency (personnel-service)"),
           Required("credit-code", "CODE", "the enterprise's unified social credit code"),
           Required("name", "NAME", "the enterprise's name"),
           Required("start", "YYYY-MM-DD", "first day listed (China Standard Time)"),
           Required("end", "YYYY-MM-DD", "last day listed, inclusive (at most three years)"),
           Required("reason", "TEXT", "why it is listed, 1..500 characters"), RequestIdFlag()},
          RpcRunner(BuildAddToInspectionWhitelist, &Stub::AddToInspectionWhitelist)));
  c.push_back(Rpc("inspection", "whitelist-list", "", "List an agency's white list.",
                  PagingFlags({Required("agency", "ID", "the agency")}),
                  RpcRunner(BuildListInspectionWhitelist, &Stub::ListInspectionWhitelist)));
  c.push_back(Rpc("inspection", "warnings", "",
                  "Warnings of high-frequency inspection for the supervisors of a subtree.",
                  PagingFlags({Optional("division", "CODE", "subtree (default: your own)")}),
                  RpcRunner(BuildListInspectionWarnings, &Stub::ListInspectionWarnings)));
  return c;
}

}  // namespace lawenforce::ctl
