#include "tools/lawenforcectl/case_requests.h"

#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/time/clock.h"
#include "google/protobuf/util/json_util.h"
#include "tools/lawenforcectl/import_requests.h"

namespace lawenforce::ctl {
namespace {

constexpr Choice kItemKinds[] = {
    {"penalty", cv1::ITEM_KIND_PENALTY},
    {"coercion", cv1::ITEM_KIND_COERCION},
    {"inspection", cv1::ITEM_KIND_INSPECTION},
    {"other", cv1::ITEM_KIND_OTHER},
};

constexpr Choice kPenaltyKinds[] = {
    {"warning", cv1::PENALTY_KIND_WARNING},
    {"fine", cv1::PENALTY_KIND_FINE},
    {"confiscation", cv1::PENALTY_KIND_CONFISCATION},
    {"licence_suspension", cv1::PENALTY_KIND_LICENCE_SUSPENSION},
    {"business_restriction", cv1::PENALTY_KIND_BUSINESS_RESTRICTION},
    {"licence_revocation", cv1::PENALTY_KIND_LICENCE_REVOCATION},
    {"detention", cv1::PENALTY_KIND_DETENTION},
    // American spellings.
    {"license_suspension", cv1::PENALTY_KIND_LICENCE_SUSPENSION, /*alias=*/true},
    {"license_revocation", cv1::PENALTY_KIND_LICENCE_REVOCATION, /*alias=*/true},
};

constexpr Choice kCaseStates[] = {
    {"filed", cv1::CASE_STATE_FILED},
    {"investigating", cv1::CASE_STATE_INVESTIGATING},
    {"legal_review", cv1::CASE_STATE_LEGAL_REVIEW},
    {"notified", cv1::CASE_STATE_NOTIFIED},
    {"decided", cv1::CASE_STATE_DECIDED},
    {"published", cv1::CASE_STATE_PUBLISHED},
    {"executed", cv1::CASE_STATE_EXECUTED},
    {"closed", cv1::CASE_STATE_CLOSED},
    {"transfer_pending", cv1::CASE_STATE_TRANSFER_PENDING},
    {"transfer_approved", cv1::CASE_STATE_TRANSFER_APPROVED},
    {"transferred", cv1::CASE_STATE_TRANSFERRED},
    {"withdrawn", cv1::CASE_STATE_WITHDRAWN},
};

constexpr Choice kPartyKinds[] = {
    {"individual", cv1::PARTY_KIND_INDIVIDUAL},
    {"enterprise", cv1::PARTY_KIND_ENTERPRISE},
};

constexpr Choice kOutcomes[] = {
    {"penalty", cv1::OUTCOME_PENALTY},
    {"no_penalty_first_violation", cv1::OUTCOME_NO_PENALTY_FIRST_VIOLATION},
    {"no_penalty_minor", cv1::OUTCOME_NO_PENALTY_MINOR},
    {"not_established", cv1::OUTCOME_NOT_ESTABLISHED},
};

constexpr Choice kReviewOutcomes[] = {
    {"approved", cv1::REVIEW_OUTCOME_APPROVED},
    {"returned", cv1::REVIEW_OUTCOME_RETURNED},
};

constexpr Choice kTransferRecipients[] = {
    {"police", cv1::TRANSFER_RECIPIENT_POLICE},
    {"procuratorate", cv1::TRANSFER_RECIPIENT_PROCURATORATE},
    {"discipline_inspection", cv1::TRANSFER_RECIPIENT_DISCIPLINE_INSPECTION},
};

constexpr Choice kClockKinds[] = {
    {"decision", cv1::CLOCK_KIND_DECISION},
    {"hearing_request", cv1::CLOCK_KIND_HEARING_REQUEST},
    {"hearing_notice", cv1::CLOCK_KIND_HEARING_NOTICE},
    {"service", cv1::CLOCK_KIND_SERVICE},
    {"publicity", cv1::CLOCK_KIND_PUBLICITY},
    {"publicity_withdrawal", cv1::CLOCK_KIND_PUBLICITY_WITHDRAWAL},
    {"payment", cv1::CLOCK_KIND_PAYMENT},
    {"seizure", cv1::CLOCK_KIND_SEIZURE},
    {"emergency_coercion_report", cv1::CLOCK_KIND_EMERGENCY_COERCION_REPORT},
    {"transfer_decision", cv1::CLOCK_KIND_TRANSFER_DECISION},
    {"transfer_handover", cv1::CLOCK_KIND_TRANSFER_HANDOVER},
    {"limitation", cv1::CLOCK_KIND_LIMITATION},
};

constexpr Choice kPauseReasons[] = {
    {"hearing", cv1::PAUSE_REASON_HEARING},
    {"public_notice", cv1::PAUSE_REASON_PUBLIC_NOTICE},
    {"testing_appraisal", cv1::PAUSE_REASON_TESTING_APPRAISAL},
};

constexpr Choice kInspectionOutcomes[] = {
    {"no_issue", cv1::INSPECTION_OUTCOME_NO_ISSUE},
    {"finding", cv1::INSPECTION_OUTCOME_FINDING},
    {"not_inspected", cv1::INSPECTION_OUTCOME_NOT_INSPECTED},
};

constexpr Choice kVisitBases[] = {
    {"draw", cv1::VISIT_BASIS_DRAW},
    {"complaint", cv1::VISIT_BASIS_COMPLAINT},
    {"clue", cv1::VISIT_BASIS_CLUE},
    {"plan", cv1::VISIT_BASIS_PLAN},
};

constexpr int64_t kMaxFen = std::numeric_limits<int64_t>::max();

absl::Status SetClock(const Args& args, cv1::ClockKind* out) {
  absl::StatusOr<cv1::ClockKind> clock = ChoiceOf<cv1::ClockKind>(args, "clock", kClockKinds);
  if (!clock.ok()) return clock.status();
  *out = *clock;
  return absl::OkStatus();
}

// 64 hex digits, returned in lower case.
absl::StatusOr<std::string> Sha256Hex(absl::string_view flag, absl::string_view text) {
  bool ok = text.size() == 64;
  for (char c : text) ok = ok && absl::ascii_isxdigit(static_cast<unsigned char>(c));
  if (!ok) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", flag, ": want 64 hex digits (a SHA-256), got \"", text, "\""));
  }
  return absl::AsciiStrToLower(text);
}

// The common fields of every act.
void FillAct(const Args& args, cv1::CaseActRequest* act) {
  act->set_case_id(Positional(args, 0));
  act->set_etag(args.Value("etag"));
  act->set_reason(args.Value("reason"));
  for (const std::string& officer : args.Values("officer")) {
    act->add_officer_ids(officer);
  }
}

// --outcome [--circumstance] [--penalty...] [--fine-fen] [--decision-reason]
// [--publish[=false]] into *decision.
absl::Status FillDecision(const Args& args, cv1::Decision* decision) {
  absl::StatusOr<cv1::Outcome> outcome = ChoiceOf<cv1::Outcome>(args, "outcome", kOutcomes);
  if (!outcome.ok()) return outcome.status();
  decision->set_outcome(*outcome);
  decision->set_circumstance(args.Value("circumstance"));
  for (const std::string& kind : args.Values("penalty")) {
    absl::StatusOr<int> value = ParseChoiceFlag("penalty", kind, kPenaltyKinds);
    if (!value.ok()) return value.status();
    decision->add_penalty_kinds(static_cast<cv1::PenaltyKind>(*value));
  }
  if (args.Has("fine-fen")) {
    absl::StatusOr<int64_t> fen = ParseInt64Flag("fine-fen", args.Value("fine-fen"), 0, kMaxFen);
    if (!fen.ok()) return fen.status();
    decision->set_fine_fen(*fen);
  }
  decision->set_reason(args.Value("decision-reason"));
  if (args.Has("publish")) decision->set_publish(args.Enabled("publish"));
  return absl::OkStatus();
}

// "individual:NAME" or "enterprise:NAME:CREDIT_CODE".
absl::StatusOr<cv1::Party> ParseParty(absl::string_view text) {
  const auto bad = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        "--party: want individual:NAME or enterprise:NAME:CREDIT_CODE, got \"", text, "\""));
  };
  const size_t colon = text.find(':');
  if (colon == absl::string_view::npos) return bad();
  absl::StatusOr<int> kind = ParseChoiceFlag("party", text.substr(0, colon), kPartyKinds);
  if (!kind.ok()) return bad();
  absl::string_view rest = text.substr(colon + 1);
  cv1::Party party;
  party.set_kind(static_cast<cv1::PartyKind>(*kind));
  if (party.kind() == cv1::PARTY_KIND_ENTERPRISE) {
    const size_t last = rest.rfind(':');
    if (last == absl::string_view::npos || last == 0 || last + 1 == rest.size()) return bad();
    party.set_name(std::string(rest.substr(0, last)));
    party.set_credit_code(std::string(rest.substr(last + 1)));
  } else {
    if (rest.empty()) return bad();
    party.set_name(std::string(rest));
  }
  return party;
}

}  // namespace

absl::Span<const Choice> ItemKindChoices() { return kItemKinds; }
absl::Span<const Choice> PenaltyKindChoices() { return kPenaltyKinds; }
absl::Span<const Choice> CaseStateChoices() { return kCaseStates; }
absl::Span<const Choice> PartyKindChoices() { return kPartyKinds; }
absl::Span<const Choice> OutcomeChoices() { return kOutcomes; }
absl::Span<const Choice> ReviewOutcomeChoices() { return kReviewOutcomes; }
absl::Span<const Choice> TransferRecipientChoices() { return kTransferRecipients; }
absl::Span<const Choice> ClockKindChoices() { return kClockKinds; }
absl::Span<const Choice> PauseReasonChoices() { return kPauseReasons; }
absl::Span<const Choice> InspectionOutcomeChoices() { return kInspectionOutcomes; }
absl::Span<const Choice> VisitBasisChoices() { return kVisitBases; }

// ---------------------------------------------------------------- catalogue

absl::StatusOr<cv1::CreateItemRequest> BuildCreateItem(const Args& args,
                                                       const RequestContext& context) {
  cv1::CreateItemRequest request;
  cv1::EnforcementItem* item = request.mutable_item();
  item->set_agency_id(args.Value("agency"));
  item->set_code(args.Value("code"));
  item->set_name(args.Value("name"));
  absl::StatusOr<cv1::ItemKind> kind = ChoiceOf<cv1::ItemKind>(args, "kind", kItemKinds);
  if (!kind.ok()) return kind.status();
  item->set_kind(*kind);
  item->set_legal_basis(args.Value("legal-basis"));
  item->set_domain(args.Value("domain"));
  item->set_major(args.Enabled("major"));
  item->set_delegated_to_townships(args.Enabled("delegated-to-townships"));
  if (absl::Status s =
          SetTime(args, "effective-from", [&] { return item->mutable_effective_from(); });
      !s.ok()) {
    return s;
  }
  request.set_request_id(context.request_id);
  return request;
}

absl::StatusOr<cv1::GetItemRequest> BuildGetItem(const Args& args, const RequestContext&) {
  cv1::GetItemRequest request;
  request.set_id(Positional(args, 0));
  return request;
}

absl::StatusOr<cv1::ListItemsRequest> BuildListItems(const Args& args, const RequestContext&) {
  cv1::ListItemsRequest request;
  request.set_division_code(args.Value("division"));
  request.set_agency_id(args.Value("agency"));
  if (absl::Status status = SetPaging(args, &request); !status.ok()) return status;
  return request;
}

absl::StatusOr<cv1::ReviseItemRequest> BuildReviseItem(const Args& args, const RequestContext&,
                                                       const cv1::EnforcementItem& current) {
  cv1::ReviseItemRequest request;
  request.set_id(Positional(args, 0));
  request.set_etag(args.Has("etag") ? args.Value("etag") : current.etag());
  cv1::ItemVersion* v = request.mutable_version();
  // The latest version, or the item's own fields when it lists none.
  if (current.versions_size() > 0) {
    const cv1::ItemVersion& latest = current.versions(current.versions_size() - 1);
    v->set_name(latest.name());
    v->set_legal_basis(latest.legal_basis());
    v->set_major(latest.major());
    v->set_delegated_to_townships(latest.delegated_to_townships());
    v->set_repealed(latest.repealed());
  } else {
    v->set_name(current.name());
    v->set_legal_basis(current.legal_basis());
    v->set_major(current.major());
    v->set_delegated_to_townships(current.delegated_to_townships());
  }
  if (args.Has("name")) v->set_name(args.Value("name"));
  if (args.Has("legal-basis")) v->set_legal_basis(args.Value("legal-basis"));
  if (args.Has("major")) v->set_major(args.Enabled("major"));
  if (args.Has("delegated-to-townships")) {
    v->set_delegated_to_townships(args.Enabled("delegated-to-townships"));
  }
  if (args.Has("repealed")) v->set_repealed(args.Enabled("repealed"));
  v->set_reason(args.Value("reason"));
  if (absl::Status s = SetTime(args, "effective-from", [&] { return v->mutable_effective_from(); });
      !s.ok()) {
    return s;
  }
  return request;
}

absl::StatusOr<cv1::PublishBenchmarkRequest> BuildPublishBenchmark(const Args& args,
                                                                   const RequestContext& context) {
  cv1::PublishBenchmarkRequest request;
  request.set_item_id(args.Value("item"));
  cv1::Benchmark* benchmark = request.mutable_benchmark();
  benchmark->set_basis(args.Value("basis"));
  if (absl::Status s =
          SetTime(args, "effective-from", [&] { return benchmark->mutable_effective_from(); });
      !s.ok()) {
    return s;
  }

  absl::StatusOr<std::string> text = ReadFileFlag(args, context, "levels-file");
  if (!text.ok()) return text.status();
  std::string json(absl::StripAsciiWhitespace(*text));
  if (absl::StartsWith(json, "[")) json = absl::StrCat("{\"levels\":", json, "}");
  cv1::Benchmark parsed;
  if (const auto s = google::protobuf::util::JsonStringToMessage(json, &parsed); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--levels-file: want a JSON list of levels (or a benchmark as `benchmark get --output "
        "json` prints it): ",
        std::string(s.message())));
  }
  if (parsed.levels().empty()) return absl::InvalidArgumentError("--levels-file: no levels");
  *benchmark->mutable_levels() = parsed.levels();
  return request;
}

absl::StatusOr<cv1::GetBenchmarkRequest> BuildGetBenchmark(const Args& args,
                                                           const RequestContext&) {
  cv1::GetBenchmarkRequest request;
  request.set_item_id(args.Value("item"));
  if (absl::Status s = SetTime(args, "at", [&] { return request.mutable_at_time(); }); !s.ok())
    return s;
  return request;
}

absl::StatusOr<cv1::ListBenchmarkVersionsRequest> BuildListBenchmarkVersions(
    const Args& args, const RequestContext&) {
  cv1::ListBenchmarkVersionsRequest request;
  request.set_item_id(args.Value("item"));
  return request;
}

// ---------------------------------------------------------------- cases

absl::StatusOr<cv1::FileCaseRequest> BuildFileCase(const Args& args,
                                                   const RequestContext& context) {
  cv1::FileCaseRequest request;
  cv1::Case* c = request.mutable_case_();
  c->set_agency_id(args.Value("agency"));
  c->set_item_id(args.Value("item"));
  c->set_facts(args.Value("facts"));
  if (absl::Status s = SetTime(args, "violation-time", [&] { return c->mutable_violation_time(); });
      !s.ok()) {
    return s;
  }
  c->set_endangers_safety(args.Enabled("endangers-safety"));
  c->set_first_violation(args.Enabled("first-violation"));
  for (const std::string& officer : args.Values("officer")) c->add_officer_ids(officer);

  std::vector<cv1::Party*> individuals;
  for (const std::string& text : args.Values("party")) {
    absl::StatusOr<cv1::Party> party = ParseParty(text);
    if (!party.ok()) return party.status();
    cv1::Party* added = c->add_parties();
    *added = *std::move(party);
    if (added->kind() == cv1::PARTY_KIND_INDIVIDUAL) individuals.push_back(added);
  }
  const bool numbers_given = args.Has("id-number") || args.Has("id-number-file");
  if (individuals.empty()) {
    if (numbers_given) {
      return absl::InvalidArgumentError(
          "--id-number: no individual --party (an enterprise has a credit code instead)");
    }
  } else {
    if (!numbers_given) {
      return absl::InvalidArgumentError(
          "an individual party needs its identity-card number: --id-number - (stdin) or "
          "--id-number-file PATH, one number a line in the order of the --party flags");
    }
    absl::StatusOr<std::string> text =
        ReadProtectedValue(args, context, "id-number", "id-number-file");
    if (!text.ok()) return text.status();
    std::vector<std::string> numbers;
    for (absl::string_view line : absl::StrSplit(*text, '\n')) {
      line = absl::StripAsciiWhitespace(line);
      if (!line.empty()) numbers.emplace_back(line);
    }
    // The numbers themselves are never echoed.
    if (numbers.size() != individuals.size()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--id-number: ", numbers.size(), " identity-card number(s) for ", individuals.size(),
          " individual part", individuals.size() == 1 ? "y" : "ies",
          " (one a line, in the order of the --party flags)"));
    }
    for (size_t i = 0; i < numbers.size(); ++i) individuals[i]->set_id_number(numbers[i]);
  }
  request.set_request_id(context.request_id);
  return request;
}

absl::StatusOr<cv1::GetCaseRequest> BuildGetCase(const Args& args, const RequestContext&) {
  cv1::GetCaseRequest request;
  request.set_id(Positional(args, 0));
  return request;
}

absl::StatusOr<cv1::ListCasesRequest> BuildListCases(const Args& args, const RequestContext&) {
  cv1::ListCasesRequest request;
  request.set_division_code(args.Value("division"));
  request.set_agency_id(args.Value("agency"));
  if (args.Has("state")) {
    absl::StatusOr<cv1::CaseState> state = ChoiceOf<cv1::CaseState>(args, "state", kCaseStates);
    if (!state.ok()) return state.status();
    request.set_state(*state);
  }
  request.set_item_id(args.Value("item"));
  request.set_officer_id(args.Value("officer"));
  if (args.Has("overdue")) request.set_overdue(args.Enabled("overdue"));
  if (args.Has("enterprise-party")) request.set_enterprise_party(args.Enabled("enterprise-party"));
  using Field = google::protobuf::Timestamp* (cv1::ListCasesRequest::*)();
  const std::pair<const char*, Field> times[] = {
      {"filed-after", &cv1::ListCasesRequest::mutable_filed_after},
      {"filed-before", &cv1::ListCasesRequest::mutable_filed_before},
      {"decided-after", &cv1::ListCasesRequest::mutable_decided_after},
      {"decided-before", &cv1::ListCasesRequest::mutable_decided_before},
  };
  for (const auto& [flag, field] : times) {
    if (absl::Status s = SetTime(args, flag, [&] { return (request.*field)(); }); !s.ok()) {
      return s;
    }
  }
  if (absl::Status status = SetPaging(args, &request); !status.ok()) return status;
  return request;
}

absl::StatusOr<cv1::GetCaseStatisticsRequest> BuildGetCaseStatistics(const Args& args,
                                                                     const RequestContext&) {
  cv1::GetCaseStatisticsRequest request;
  request.set_division_code(args.Value("division"));
  request.set_agency_id(args.Value("agency"));
  absl::StatusOr<common::v1::Date> from = ParseDateFlag("from", args.Value("from"));
  if (!from.ok()) return from.status();
  absl::StatusOr<common::v1::Date> to = ParseDateFlag("to", args.Value("to"));
  if (!to.ok()) return to.status();
  *request.mutable_start_date() = *from;
  *request.mutable_end_date() = *to;
  return request;
}

// ---------------------------------------------------------------- acts

absl::StatusOr<cv1::CaseActRequest> BuildCaseAct(const Args& args, const RequestContext&) {
  cv1::CaseActRequest request;
  FillAct(args, &request);
  return request;
}

absl::StatusOr<cv1::RecordEvidenceRequest> BuildRecordEvidence(const Args& args,
                                                               const RequestContext&) {
  cv1::RecordEvidenceRequest request;
  FillAct(args, request.mutable_act());
  for (const std::string& text : args.Values("evidence")) {
    std::vector<std::string> parts = absl::StrSplit(text, absl::MaxSplits(':', 2));
    if (parts.size() != 3 || parts[1].empty() || parts[2].empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--evidence: want SHA256:KIND:DESCRIPTION, got \"", text, "\""));
    }
    absl::StatusOr<std::string> sha256 = Sha256Hex("evidence", parts[0]);
    if (!sha256.ok()) return sha256.status();
    cv1::EvidenceRef* ref = request.add_evidence();
    ref->set_sha256(*sha256);
    ref->set_kind(parts[1]);
    ref->set_description(parts[2]);
  }
  return request;
}

absl::StatusOr<cv1::SubmitForLegalReviewRequest> BuildSubmitForLegalReview(const Args& args,
                                                                           const RequestContext&) {
  cv1::SubmitForLegalReviewRequest request;
  FillAct(args, request.mutable_act());
  if (absl::Status s = FillDecision(args, request.mutable_proposal()); !s.ok()) return s;
  return request;
}

absl::StatusOr<cv1::CompleteLegalReviewRequest> BuildCompleteLegalReview(const Args& args,
                                                                         const RequestContext&) {
  cv1::CompleteLegalReviewRequest request;
  FillAct(args, request.mutable_act());
  absl::StatusOr<cv1::ReviewOutcome> outcome =
      ChoiceOf<cv1::ReviewOutcome>(args, "outcome", kReviewOutcomes);
  if (!outcome.ok()) return outcome.status();
  request.set_outcome(*outcome);
  request.set_reviewer_officer_id(args.Value("reviewer"));
  request.set_opinion(args.Value("opinion"));
  return request;
}

absl::StatusOr<cv1::NotifyPartyRequest> BuildNotifyParty(const Args& args, const RequestContext&) {
  cv1::NotifyPartyRequest request;
  FillAct(args, request.mutable_act());
  request.set_hearing_waived(args.Enabled("hearing-waived"));
  return request;
}

absl::StatusOr<cv1::ScheduleHearingRequest> BuildScheduleHearing(const Args& args,
                                                                 const RequestContext&) {
  cv1::ScheduleHearingRequest request;
  FillAct(args, request.mutable_act());
  if (absl::Status s =
          SetTime(args, "hearing-time", [&] { return request.mutable_hearing_time(); });
      !s.ok()) {
    return s;
  }
  return request;
}

absl::StatusOr<cv1::DecideCaseRequest> BuildDecideCase(const Args& args, const RequestContext&) {
  cv1::DecideCaseRequest request;
  FillAct(args, request.mutable_act());
  if (absl::Status s = FillDecision(args, request.mutable_decision()); !s.ok()) return s;
  request.set_served_on_the_spot(args.Enabled("served-on-the-spot"));
  return request;
}

absl::StatusOr<cv1::ChangeDecisionRequest> BuildChangeDecision(const Args& args,
                                                               const RequestContext&) {
  cv1::ChangeDecisionRequest request;
  FillAct(args, request.mutable_act());
  absl::StatusOr<std::string> which = ExactlyOne(args, {"outcome", "revoke"});
  if (!which.ok()) return which.status();
  if (*which == "revoke") {
    for (const char* flag : {"circumstance", "penalty", "fine-fen", "decision-reason", "publish"}) {
      if (args.Has(flag)) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", flag, ": --revoke takes no decision flags"));
      }
    }
    if (!args.Enabled("revoke")) {
      return absl::InvalidArgumentError("--revoke=false: give --outcome for a changed decision");
    }
    return request;  // No decision: revoked.
  }
  if (absl::Status s = FillDecision(args, request.mutable_decision()); !s.ok()) return s;
  return request;
}

absl::StatusOr<cv1::ReportSuspectedCrimeRequest> BuildReportSuspectedCrime(const Args& args,
                                                                           const RequestContext&) {
  cv1::ReportSuspectedCrimeRequest request;
  FillAct(args, request.mutable_act());
  absl::StatusOr<cv1::TransferRecipient> recipient =
      ChoiceOf<cv1::TransferRecipient>(args, "recipient", kTransferRecipients);
  if (!recipient.ok()) return recipient.status();
  request.set_recipient(*recipient);
  request.set_recipient_name(args.Value("recipient-name"));
  return request;
}

absl::StatusOr<cv1::DecideTransferRequest> BuildDecideTransfer(const Args& args,
                                                               const RequestContext&) {
  cv1::DecideTransferRequest request;
  FillAct(args, request.mutable_act());
  absl::StatusOr<std::string> which = ExactlyOne(args, {"approve", "decline"});
  if (!which.ok()) return which.status();
  if (!args.Enabled(*which)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", *which, "=false: give --approve or --decline"));
  }
  if (*which == "decline" && !args.Has("reason")) {
    return absl::InvalidArgumentError("--decline needs --reason");
  }
  request.set_approved(*which == "approve");
  return request;
}

absl::StatusOr<cv1::RecordTransferReceiptRequest> BuildRecordTransferReceipt(
    const Args& args, const RequestContext&) {
  cv1::RecordTransferReceiptRequest request;
  FillAct(args, request.mutable_act());
  request.set_receipt_number(args.Value("receipt-number"));
  return request;
}

absl::StatusOr<cv1::ReplaceHandlingOfficersRequest> BuildReplaceHandlingOfficers(
    const Args& args, const RequestContext&) {
  cv1::ReplaceHandlingOfficersRequest request;
  FillAct(args, request.mutable_act());
  for (const std::string& officer : args.Values("new-officer")) {
    request.add_new_officer_ids(officer);
  }
  return request;
}

absl::StatusOr<cv1::PauseClockRequest> BuildPauseClock(const Args& args, const RequestContext&) {
  cv1::PauseClockRequest request;
  FillAct(args, request.mutable_act());
  cv1::ClockKind clock;
  if (absl::Status s = SetClock(args, &clock); !s.ok()) return s;
  request.set_clock(clock);
  absl::StatusOr<cv1::PauseReason> reason =
      ChoiceOf<cv1::PauseReason>(args, "pause-reason", kPauseReasons);
  if (!reason.ok()) return reason.status();
  request.set_pause_reason(*reason);
  return request;
}

absl::StatusOr<cv1::ResumeClockRequest> BuildResumeClock(const Args& args, const RequestContext&) {
  cv1::ResumeClockRequest request;
  FillAct(args, request.mutable_act());
  cv1::ClockKind clock;
  if (absl::Status s = SetClock(args, &clock); !s.ok()) return s;
  request.set_clock(clock);
  return request;
}

absl::StatusOr<cv1::ExtendClockRequest> BuildExtendClock(const Args& args, const RequestContext&) {
  cv1::ExtendClockRequest request;
  FillAct(args, request.mutable_act());
  cv1::ClockKind clock;
  if (absl::Status s = SetClock(args, &clock); !s.ok()) return s;
  request.set_clock(clock);
  absl::StatusOr<int32_t> extension =
      ParseIntFlag("extension", args.Value("extension"), 1, std::numeric_limits<int32_t>::max());
  if (!extension.ok()) return extension.status();
  request.set_extension(*extension);
  return request;
}

absl::StatusOr<cv1::ApplyCoercionRequest> BuildApplyCoercion(const Args& args,
                                                             const RequestContext&) {
  cv1::ApplyCoercionRequest request;
  FillAct(args, request.mutable_act());
  request.set_emergency(args.Enabled("emergency"));
  return request;
}

// ---------------------------------------------------------------- clocks and the record

absl::StatusOr<cv1::ExplainDeadlineRequest> BuildExplainDeadline(const Args& args,
                                                                 const RequestContext&) {
  cv1::ExplainDeadlineRequest request;
  request.set_case_id(Positional(args, 0));
  absl::StatusOr<int> clock = PositionalChoice(args, 1, "CLOCK", kClockKinds);
  if (!clock.ok()) return clock.status();
  request.set_clock(static_cast<cv1::ClockKind>(*clock));
  return request;
}

absl::StatusOr<cv1::GetCaseRecordRequest> BuildGetCaseRecord(const Args& args,
                                                             const RequestContext&) {
  cv1::GetCaseRecordRequest request;
  request.set_case_id(Positional(args, 0));
  return request;
}

absl::StatusOr<cv1::VerifyCaseRecordRequest> BuildVerifyCaseRecord(const Args& args,
                                                                   const RequestContext&) {
  cv1::VerifyCaseRecordRequest request;
  request.set_case_id(Positional(args, 0));
  const bool length = args.Has("expected-length");
  const bool hash = args.Has("expected-hash");
  if (length != hash) {
    return absl::InvalidArgumentError(
        "give --expected-length and --expected-hash together (a head exported earlier), or "
        "neither (the head recorded on the case)");
  }
  if (length) {
    absl::StatusOr<int64_t> n = ParseInt64Flag("expected-length", args.Value("expected-length"), 0,
                                               std::numeric_limits<int64_t>::max());
    if (!n.ok()) return n.status();
    absl::StatusOr<std::string> hex = Sha256Hex("expected-hash", args.Value("expected-hash"));
    if (!hex.ok()) return hex.status();
    request.mutable_expected_head()->set_length(*n);
    request.mutable_expected_head()->set_hash(*hex);
  }
  return request;
}

absl::StatusOr<cv1::ExportRecordHeadsRequest> BuildExportRecordHeads(const Args& args,
                                                                     const RequestContext&) {
  cv1::ExportRecordHeadsRequest request;
  request.set_division_code(args.Value("division"));
  if (absl::Status status = SetPaging(args, &request); !status.ok()) return status;
  return request;
}

absl::StatusOr<cv1::ListOfficerActsRequest> BuildListOfficerActs(const Args& args,
                                                                 const RequestContext&) {
  cv1::ListOfficerActsRequest request;
  request.set_officer_id(args.Value("officer"));
  if (absl::Status s = SetTime(args, "start", [&] { return request.mutable_start_time(); });
      !s.ok())
    return s;
  if (absl::Status s = SetTime(args, "end", [&] { return request.mutable_end_time(); }); !s.ok())
    return s;
  request.set_recheck(args.Enabled("recheck"));
  request.set_division_code(args.Value("division"));
  if (absl::Status status = SetPaging(args, &request); !status.ok()) return status;
  return request;
}

// ---------------------------------------------------------------- random inspections

namespace {

// A CSV field without its surrounding double quotes ("" inside is one ").
std::string Unquote(absl::string_view field) {
  field = absl::StripAsciiWhitespace(field);
  if (field.size() >= 2 && field.front() == '"' && field.back() == '"') {
    return absl::StrReplaceAll(field.substr(1, field.size() - 2), {{"\"\"", "\""}});
  }
  return std::string(field);
}

// The enterprises of --enterprises-file: "CREDIT_CODE,NAME" a line.
absl::StatusOr<std::vector<cv1::Enterprise>> ParseEnterprises(absl::string_view text) {
  constexpr absl::string_view kFlag = "--enterprises-file";
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");  // the byte order mark of a spreadsheet's export
  std::vector<cv1::Enterprise> out;
  bool first = true;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    line = absl::StripAsciiWhitespace(line);  // a CR of CRLF too
    if (line.empty() || absl::StartsWith(line, "#")) continue;
    const size_t comma = line.find(',');
    const std::string code = Unquote(line.substr(0, comma));
    if (first) {
      first = false;
      if (absl::EqualsIgnoreCase(code, "credit_code") || code == "统一社会信用代码") continue;
    }
    if (comma == absl::string_view::npos || code.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(kFlag, ": line ", number, ": want CREDIT_CODE,NAME"));
    }
    std::string name = Unquote(line.substr(comma + 1));
    if (name.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(kFlag, ": line ", number, ": no name after the credit code"));
    }
    cv1::Enterprise& e = out.emplace_back();
    e.set_credit_code(code);
    e.set_name(std::move(name));
  }
  if (out.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(kFlag, ": no enterprises (want CREDIT_CODE,NAME a line)"));
  }
  return out;
}

// 00:00 China Standard Time, `days` after `date`.
google::protobuf::Timestamp CstMidnight(const common::v1::Date& date, int days) {
  const absl::CivilDay day = absl::CivilDay(date.year(), date.month(), date.day()) + days;
  google::protobuf::Timestamp out;
  out.set_seconds(absl::ToUnixSeconds(absl::FromCivil(day, ChinaTimeZone())));
  return out;
}

// The China Standard Time days --start to --end, both included: [00:00 of
// --start, 00:00 after --end).
absl::Status SetCstDays(const Args& args, google::protobuf::Timestamp* start,
                        google::protobuf::Timestamp* end) {
  absl::StatusOr<common::v1::Date> first = ParseDateFlag("start", args.Value("start"));
  if (!first.ok()) return first.status();
  absl::StatusOr<common::v1::Date> last = ParseDateFlag("end", args.Value("end"));
  if (!last.ok()) return last.status();
  *start = CstMidnight(*first, 0);
  *end = CstMidnight(*last, 1);  // --end is the last day
  if (end->seconds() <= start->seconds()) {
    return absl::InvalidArgumentError(absl::StrCat("--end: want a day on or after --start (",
                                                   args.Value("start"), "), got \"",
                                                   args.Value("end"), "\""));
  }
  return absl::OkStatus();
}

// The ids of every --<flag> ID[,ID...], in order.
absl::StatusOr<std::vector<std::string>> IdList(const Args& args, absl::string_view flag) {
  std::vector<std::string> out;
  for (const std::string& value : args.Values(flag)) {
    for (absl::string_view id : absl::StrSplit(value, ',')) {
      id = absl::StripAsciiWhitespace(id);
      if (id.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", flag, ": want ID or ID,ID,..., got \"", value, "\""));
      }
      out.emplace_back(id);
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<cv1::CreateInspectionPlanRequest> BuildCreateInspectionPlan(
    const Args& args, const RequestContext& context) {
  cv1::CreateInspectionPlanRequest request;
  cv1::InspectionPlan* plan = request.mutable_plan();
  plan->set_agency_id(args.Value("agency"));
  plan->set_item_id(args.Value("item"));
  plan->set_name(args.Value("name"));
  if (absl::Status s = SetCstDays(args, plan->mutable_period_start(), plan->mutable_period_end());
      !s.ok()) {
    return s;
  }
  absl::StatusOr<std::string> text = ReadFileFlag(args, context, "enterprises-file");
  if (!text.ok()) return text.status();
  absl::StatusOr<std::vector<cv1::Enterprise>> enterprises = ParseEnterprises(*text);
  if (!enterprises.ok()) return enterprises.status();
  for (cv1::Enterprise& e : *enterprises) *plan->add_enterprises() = std::move(e);
  absl::StatusOr<std::vector<std::string>> inspectors = IdList(args, "inspector");
  if (!inspectors.ok()) return inspectors.status();
  for (std::string& id : *inspectors) plan->add_inspector_ids(std::move(id));
  absl::StatusOr<int32_t> targets = ParseIntFlag("targets", args.Value("targets"), 1, 500);
  if (!targets.ok()) return targets.status();
  plan->set_targets_per_draw(*targets);
  int32_t per_target = 2;
  if (args.Has("per-target")) {
    absl::StatusOr<int32_t> n = ParseIntFlag("per-target", args.Value("per-target"), 2, 10);
    if (!n.ok()) return n.status();
    per_target = *n;
  }
  plan->set_inspectors_per_target(per_target);
  request.set_request_id(context.request_id);
  return request;
}

absl::StatusOr<cv1::ListInspectionPlansRequest> BuildListInspectionPlans(const Args& args,
                                                                         const RequestContext&) {
  cv1::ListInspectionPlansRequest request;
  request.set_division_code(args.Value("division"));
  request.set_agency_id(args.Value("agency"));
  if (absl::Status status = SetPaging(args, &request); !status.ok()) return status;
  return request;
}

absl::StatusOr<cv1::DrawInspectionRequest> BuildDrawInspection(const Args& args,
                                                               const RequestContext& context) {
  cv1::DrawInspectionRequest request;
  request.set_plan_id(Positional(args, 0));
  request.set_seed(args.Value("seed"));
  request.set_request_id(context.request_id);
  return request;
}

absl::StatusOr<cv1::ListInspectionDrawsRequest> BuildListInspectionDraws(const Args& args,
                                                                         const RequestContext&) {
  cv1::ListInspectionDrawsRequest request;
  request.set_plan_id(Positional(args, 0));
  if (absl::Status status = SetPaging(args, &request); !status.ok()) return status;
  return request;
}

absl::StatusOr<cv1::RecordInspectionResultRequest> BuildRecordInspectionResult(
    const Args& args, const RequestContext&) {
  cv1::RecordInspectionResultRequest request;
  request.set_draw_id(Positional(args, 0));
  request.set_credit_code(args.Value("credit-code"));
  absl::StatusOr<cv1::InspectionOutcome> outcome =
      ChoiceOf<cv1::InspectionOutcome>(args, "outcome", kInspectionOutcomes);
  if (!outcome.ok()) return outcome.status();
  request.set_outcome(*outcome);
  request.set_summary(args.Value("summary"));
  request.set_etag(args.Value("etag"));
  return request;
}

// ---------------------------------------------------------------- inspection control

namespace {

// "AGENCY:ITEM" of --part.
absl::StatusOr<cv1::VisitPart> ParsePart(absl::string_view text) {
  const std::vector<absl::string_view> fields = absl::StrSplit(text, ':');
  if (fields.size() != 2 || absl::StripAsciiWhitespace(fields[0]).empty() ||
      absl::StripAsciiWhitespace(fields[1]).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--part: want AGENCY:ITEM (an agency and an inspection item of its catalogue), got \"",
        text, "\""));
  }
  cv1::VisitPart part;
  part.set_agency_id(std::string(absl::StripAsciiWhitespace(fields[0])));
  part.set_item_id(std::string(absl::StripAsciiWhitespace(fields[1])));
  return part;
}

absl::StatusOr<int32_t> CapYear(const Args& args) {
  return ParseIntFlag("year", args.Value("year"), 2000, 2100);
}

}  // namespace

absl::StatusOr<cv1::SetInspectionCapRequest> BuildSetInspectionCap(const Args& args,
                                                                   const RequestContext&) {
  cv1::SetInspectionCapRequest request;
  cv1::InspectionCap* cap = request.mutable_cap();
  cap->set_agency_id(args.Value("agency"));
  absl::StatusOr<int32_t> year = CapYear(args);
  if (!year.ok()) return year.status();
  cap->set_year(*year);
  absl::StatusOr<int32_t> max = ParseIntFlag("max", args.Value("max"), 1, 100);
  if (!max.ok()) return max.status();
  cap->set_max_visits(*max);
  cap->set_basis(args.Value("basis"));
  return request;
}

absl::StatusOr<cv1::GetInspectionCapRequest> BuildGetInspectionCap(const Args& args,
                                                                   const RequestContext&) {
  cv1::GetInspectionCapRequest request;
  request.set_agency_id(args.Value("agency"));
  absl::StatusOr<int32_t> year = CapYear(args);
  if (!year.ok()) return year.status();
  request.set_year(*year);
  return request;
}

absl::StatusOr<cv1::RecordInspectionVisitRequest> BuildRecordInspectionVisit(
    const Args& args, const RequestContext& context) {
  cv1::RecordInspectionVisitRequest request;
  cv1::InspectionVisit* visit = request.mutable_visit();
  visit->mutable_enterprise()->set_credit_code(args.Value("credit-code"));
  visit->mutable_enterprise()->set_name(args.Value("name"));
  for (const std::string& text : args.Values("part")) {
    absl::StatusOr<cv1::VisitPart> part = ParsePart(text);
    if (!part.ok()) return part.status();
    *visit->add_parts() = *std::move(part);
  }
  absl::StatusOr<std::vector<std::string>> officers = IdList(args, "officer");
  if (!officers.ok()) return officers.status();
  for (std::string& id : *officers) visit->add_officer_ids(std::move(id));
  absl::StatusOr<cv1::VisitBasis> basis = ChoiceOf<cv1::VisitBasis>(args, "basis", kVisitBases);
  if (!basis.ok()) return basis.status();
  visit->set_basis(*basis);
  visit->set_basis_ref(args.Value("basis-ref"));
  visit->set_summary(args.Value("summary"));
  request.set_request_id(context.request_id);
  return request;
}

absl::StatusOr<cv1::GetEnterpriseInspectionHistoryRequest> BuildGetEnterpriseInspectionHistory(
    const Args& args, const RequestContext&) {
  cv1::GetEnterpriseInspectionHistoryRequest request;
  request.set_credit_code(Positional(args, 0));
  request.set_division_code(args.Value("division"));
  if (absl::Status status = SetPaging(args, &request); !status.ok()) return status;
  return request;
}

absl::StatusOr<cv1::AddToInspectionWhitelistRequest> BuildAddToInspectionWhitelist(
    const Args& args, const RequestContext& context) {
  cv1::AddToInspectionWhitelistRequest request;
  cv1::WhitelistEntry* entry = request.mutable_entry();
  entry->set_agency_id(args.Value("agency"));
  entry->mutable_enterprise()->set_credit_code(args.Value("credit-code"));
  entry->mutable_enterprise()->set_name(args.Value("name"));
  if (absl::Status s = SetCstDays(args, entry->mutable_start_time(), entry->mutable_end_time());
      !s.ok()) {
    return s;
  }
  entry->set_reason(args.Value("reason"));
  request.set_request_id(context.request_id);
  return request;
}

absl::StatusOr<cv1::ListInspectionWhitelistRequest> BuildListInspectionWhitelist(
    const Args& args, const RequestContext&) {
  cv1::ListInspectionWhitelistRequest request;
  request.set_agency_id(args.Value("agency"));
  if (absl::Status status = SetPaging(args, &request); !status.ok()) return status;
  return request;
}

absl::StatusOr<cv1::ListInspectionWarningsRequest> BuildListInspectionWarnings(
    const Args& args, const RequestContext&) {
  cv1::ListInspectionWarningsRequest request;
  request.set_division_code(args.Value("division"));
  if (absl::Status status = SetPaging(args, &request); !status.ok()) return status;
  return request;
}

namespace {

// The records of NDJSON `text` (one JSON object a line in the proto3 JSON
// mapping, blank lines and lines starting with '#' skipped), each parsed
// into a new element of a request made by `next` (a fresh request every
// `batch` records). INVALID_ARGUMENT naming the line.
template <typename Request, typename Record>
absl::StatusOr<std::vector<Request>> ParseRecords(absl::string_view text, int batch,
                                                  const Request& prototype,
                                                  Record* (*add)(Request&)) {
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");
  std::vector<Request> out;
  int number = 0;
  int in_batch = batch;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || absl::StartsWith(line, "#")) continue;
    if (in_batch == batch) {
      out.push_back(prototype);
      in_batch = 0;
    }
    Record* record = add(out.back());
    google::protobuf::util::JsonParseOptions options;
    if (const auto s =
            google::protobuf::util::JsonStringToMessage(std::string(line), record, options);
        !s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--file line ", number, ": not a record: ", std::string(s.message())));
    }
    ++in_batch;
  }
  if (out.empty()) return absl::InvalidArgumentError("--file: no records");
  return out;
}

}  // namespace

absl::StatusOr<std::vector<cv1::ImportCasesRequest>> BuildImportCases(
    const Args& args, const RequestContext& context) {
  int batch = 0;
  absl::StatusOr<cv1::ImportCasesRequest> prototype =
      ImportPrototype<cv1::ImportCasesRequest>(args, &batch);
  if (!prototype.ok()) return prototype.status();
  absl::StatusOr<std::string> text = ReadFileFlag(args, context, "file");
  if (!text.ok()) return text.status();
  return ParseRecords<cv1::ImportCasesRequest, cv1::ImportedCase>(
      *text, batch, *prototype, [](cv1::ImportCasesRequest& r) { return r.add_cases(); });
}

absl::StatusOr<std::vector<cv1::ImportInspectionsRequest>> BuildImportInspections(
    const Args& args, const RequestContext& context) {
  int batch = 0;
  absl::StatusOr<cv1::ImportInspectionsRequest> prototype =
      ImportPrototype<cv1::ImportInspectionsRequest>(args, &batch);
  if (!prototype.ok()) return prototype.status();
  absl::StatusOr<std::string> text = ReadFileFlag(args, context, "file");
  if (!text.ok()) return text.status();
  return ParseRecords<cv1::ImportInspectionsRequest, cv1::ImportedVisit>(
      *text, batch, *prototype, [](cv1::ImportInspectionsRequest& r) { return r.add_visits(); });
}

}  // namespace lawenforce::ctl
