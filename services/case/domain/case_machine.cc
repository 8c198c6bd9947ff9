#include "services/case/domain/case_machine.h"

#include "absl/strings/str_cat.h"

namespace lawenforce::cases {
namespace {

using S = CaseState;
using E = CaseEvent;
using G = Guard;

// Every legal move. Terminal states (CLOSED, WITHDRAWN, TRANSFERRED) have
// no rows but the transfer receipt: nothing else changes them.
constexpr TransitionRule kTable[] = {
    {S::kFiled, E::kStartInvestigation, S::kInvestigating, G::kNone},
    {S::kInvestigating, E::kRecordEvidence, S::kInvestigating, G::kNone},
    {S::kNotified, E::kRecordEvidence, S::kNotified, G::kNone},
    {S::kInvestigating, E::kSubmitForReview, S::kLegalReview, G::kNone},
    {S::kNotified, E::kSubmitForReview, S::kLegalReview, G::kNone},
    {S::kLegalReview, E::kApproveReview, S::kLegalReview, G::kNotYetApproved},
    {S::kLegalReview, E::kReturnReview, S::kInvestigating, G::kNotYetApproved},
    {S::kInvestigating, E::kNotify, S::kNotified, G::kReviewSatisfied},
    {S::kLegalReview, E::kNotify, S::kNotified, G::kApprovedBeforeNotice},
    {S::kNotified, E::kRequestHearing, S::kNotified, G::kHearingNotRequested},
    {S::kInvestigating, E::kDecide, S::kDecided, G::kNoPenaltyOutcome},
    {S::kNotified, E::kDecide, S::kDecided, G::kReviewSatisfied},
    {S::kLegalReview, E::kDecide, S::kDecided, G::kApprovedAfterNotice},
    {S::kDecided, E::kServe, S::kDecided, G::kNotServed},
    {S::kPublished, E::kServe, S::kPublished, G::kNotServed},
    {S::kDecided, E::kPublish, S::kPublished, G::kPublicationPending},
    {S::kDecided, E::kChangeDecision, S::kDecided, G::kNone},
    {S::kPublished, E::kChangeDecision, S::kPublished, G::kNone},
    {S::kPublished, E::kWithdrawPublication, S::kPublished, G::kChangedNotWithdrawn},
    {S::kDecided, E::kExecute, S::kExecuted, G::kServedSanction},
    {S::kPublished, E::kExecute, S::kExecuted, G::kServedSanction},
    {S::kExecuted, E::kPublish, S::kExecuted, G::kPublicationPending},
    {S::kExecuted, E::kClose, S::kClosed, G::kPublishedIfRequired},
    {S::kDecided, E::kClose, S::kClosed, G::kNothingToExecute},
    {S::kPublished, E::kClose, S::kClosed, G::kNothingToExecute},
    {S::kFiled, E::kWithdraw, S::kWithdrawn, G::kNone},
    {S::kInvestigating, E::kWithdraw, S::kWithdrawn, G::kNone},
    {S::kLegalReview, E::kWithdraw, S::kWithdrawn, G::kNone},
    {S::kNotified, E::kWithdraw, S::kWithdrawn, G::kNone},
    {S::kFiled, E::kReportCrime, S::kTransferPending, G::kNone},
    {S::kInvestigating, E::kReportCrime, S::kTransferPending, G::kNone},
    {S::kLegalReview, E::kReportCrime, S::kTransferPending, G::kNone},
    {S::kNotified, E::kReportCrime, S::kTransferPending, G::kNone},
    {S::kTransferPending, E::kApproveTransfer, S::kTransferApproved, G::kNone},
    {S::kTransferPending, E::kDeclineTransfer, S::kInvestigating, G::kNone},
    {S::kTransferApproved, E::kHandOver, S::kTransferred, G::kNone},
    {S::kTransferred, E::kRecordReceipt, S::kTransferred, G::kNoReceipt},
    // Acts on a live case that leave its state as it is.
    {S::kFiled, E::kReplaceOfficers, S::kFiled, G::kNone},
    {S::kInvestigating, E::kReplaceOfficers, S::kInvestigating, G::kNone},
    {S::kLegalReview, E::kReplaceOfficers, S::kLegalReview, G::kNone},
    {S::kNotified, E::kReplaceOfficers, S::kNotified, G::kNone},
    {S::kDecided, E::kReplaceOfficers, S::kDecided, G::kNone},
    {S::kPublished, E::kReplaceOfficers, S::kPublished, G::kNone},
    {S::kExecuted, E::kReplaceOfficers, S::kExecuted, G::kNone},
    {S::kTransferPending, E::kReplaceOfficers, S::kTransferPending, G::kNone},
    {S::kTransferApproved, E::kReplaceOfficers, S::kTransferApproved, G::kNone},
    {S::kFiled, E::kApplyCoercion, S::kFiled, G::kCoercionInactive},
    {S::kInvestigating, E::kApplyCoercion, S::kInvestigating, G::kCoercionInactive},
};

// Clock events apply on every live state (the clock itself decides), as do
// the release and the report of a coercive measure.
constexpr CaseState kLive[] = {S::kFiled,    S::kInvestigating,   S::kLegalReview,
                               S::kNotified, S::kDecided,         S::kPublished,
                               S::kExecuted, S::kTransferPending, S::kTransferApproved};

const std::vector<TransitionRule>& AllRules() {
  static const auto* const rules = [] {
    auto* all = new std::vector<TransitionRule>(std::begin(kTable), std::end(kTable));
    for (CaseState s : kLive) {
      for (CaseEvent e : {E::kPauseClock, E::kResumeClock, E::kExtendClock}) {
        all->push_back({s, e, s, G::kNone});
      }
      all->push_back({s, E::kReleaseCoercion, s, G::kCoercionActive});
      // The report of an on-the-spot measure is due whether or not it was
      // released meanwhile (the act itself needs its open report clock).
      all->push_back({s, E::kReportCoercion, s, G::kNone});
    }
    return all;
  }();
  return *rules;
}

bool Approved(const Case& c) {
  return c.review.has_value() && c.review->outcome == ReviewOutcome::kApproved;
}

bool HasPenalty(const Decision& d) {
  return d.outcome == Outcome::kPenalty && !d.sanction.kinds.empty();
}

// A penalty that is more than a warning needs executing (payment,
// confiscation, a licence measure).
bool NeedsExecution(const Decision& d) {
  if (!HasPenalty(d)) return false;
  for (PenaltyKind k : d.sanction.kinds) {
    if (k != PenaltyKind::kWarning) return true;
  }
  return false;
}

}  // namespace

const char* CaseStateName(CaseState s) {
  switch (s) {
    case S::kFiled:
      return "FILED";
    case S::kInvestigating:
      return "INVESTIGATING";
    case S::kLegalReview:
      return "LEGAL_REVIEW";
    case S::kNotified:
      return "NOTIFIED";
    case S::kDecided:
      return "DECIDED";
    case S::kPublished:
      return "PUBLISHED";
    case S::kExecuted:
      return "EXECUTED";
    case S::kClosed:
      return "CLOSED";
    case S::kTransferPending:
      return "TRANSFER_PENDING";
    case S::kTransferApproved:
      return "TRANSFER_APPROVED";
    case S::kTransferred:
      return "TRANSFERRED";
    case S::kWithdrawn:
      return "WITHDRAWN";
  }
  return "UNKNOWN";
}

bool IsTerminal(CaseState s) {
  return s == S::kClosed || s == S::kTransferred || s == S::kWithdrawn;
}

const char* CaseEventName(CaseEvent e) {
  switch (e) {
    case E::kStartInvestigation:
      return "start_investigation";
    case E::kRecordEvidence:
      return "record_evidence";
    case E::kSubmitForReview:
      return "submit_for_legal_review";
    case E::kApproveReview:
      return "approve_legal_review";
    case E::kReturnReview:
      return "return_legal_review";
    case E::kNotify:
      return "notify_party";
    case E::kRequestHearing:
      return "record_hearing_request";
    case E::kDecide:
      return "decide";
    case E::kServe:
      return "record_service";
    case E::kPublish:
      return "publish_decision";
    case E::kChangeDecision:
      return "change_decision";
    case E::kWithdrawPublication:
      return "withdraw_publication";
    case E::kExecute:
      return "record_execution";
    case E::kClose:
      return "close";
    case E::kWithdraw:
      return "withdraw";
    case E::kReportCrime:
      return "report_suspected_crime";
    case E::kApproveTransfer:
      return "approve_transfer";
    case E::kDeclineTransfer:
      return "decline_transfer";
    case E::kHandOver:
      return "hand_over";
    case E::kRecordReceipt:
      return "record_transfer_receipt";
    case E::kReplaceOfficers:
      return "replace_officers";
    case E::kPauseClock:
      return "pause_clock";
    case E::kResumeClock:
      return "resume_clock";
    case E::kExtendClock:
      return "extend_clock";
    case E::kApplyCoercion:
      return "apply_coercion";
    case E::kReportCoercion:
      return "report_coercion";
    case E::kReleaseCoercion:
      return "release_coercion";
  }
  return "unknown";
}

absl::Span<const TransitionRule> TransitionTable() { return AllRules(); }

std::vector<std::string> ReviewReasons(const Case& c) {
  std::vector<std::string> reasons = c.review_reasons;  // the item's, set at filing
  if (c.hearing_requested) reasons.push_back("a hearing was requested (APL art. 58)");
  if (c.proposal.has_value() && !c.proposal->outside_benchmark.empty()) {
    reasons.push_back(
        absl::StrCat("the proposal is outside the benchmark: ", c.proposal->outside_benchmark));
  }
  return reasons;
}

std::string GuardFailure(Guard g, const Case& c, const GuardFacts& facts) {
  switch (g) {
    case G::kNone:
      return "";
    case G::kReviewSatisfied: {
      const std::vector<std::string> reasons = ReviewReasons(c);
      if (reasons.empty() || Approved(c)) return "";
      return absl::StrCat("legal review required first: ", reasons.front());
    }
    case G::kApprovedBeforeNotice:
      if (!Approved(c)) return "the legal review has not approved the proposal";
      return c.notified_at.has_value() ? "the party was already notified" : "";
    case G::kApprovedAfterNotice:
      if (!Approved(c)) return "the legal review has not approved the proposal";
      // Only a penalty needs the notice (APL art. 44).
      return c.notified_at.has_value() || facts.outcome != Outcome::kPenalty
                 ? ""
                 : "the party must be notified first (APL art. 44)";
    case G::kNotYetApproved:
      return c.review.has_value() ? "the legal review already has an outcome" : "";
    case G::kNoPenaltyOutcome: {
      if (facts.outcome == Outcome::kPenalty) {
        return "the party must be notified before a penalty is decided (APL art. 44)";
      }
      // A major decision is reviewed whatever its outcome (APL art. 58).
      const std::vector<std::string> reasons = ReviewReasons(c);
      if (reasons.empty() || Approved(c)) return "";
      return absl::StrCat("legal review required first: ", reasons.front());
    }
    case G::kHearingNotRequested:
      return c.hearing_requested ? "a hearing was already requested" : "";
    case G::kNotServed:
      return c.served_at.has_value() ? "the decision was already served" : "";
    case G::kPublicationPending:
      if (!c.decision.has_value() || !c.decision->publish)
        return "the decision is not to be published";
      return c.published_at.has_value() ? "the decision was already published" : "";
    case G::kServedSanction:
      if (!c.decision.has_value() || !NeedsExecution(*c.decision)) {
        return "the decision imposes nothing to execute";
      }
      return c.served_at.has_value() ? "" : "the decision must be served first";
    case G::kNothingToExecute:
      if (c.decision.has_value() && NeedsExecution(*c.decision)) {
        return "the penalty must be executed first";
      }
      if (c.decision.has_value() && c.decision->publish && !c.published_at.has_value()) {
        return "the decision must be published first";
      }
      return "";
    case G::kPublishedIfRequired:
      if (c.decision.has_value() && c.decision->publish && !c.published_at.has_value()) {
        return "the decision must be published first";
      }
      return "";
    case G::kChangedNotWithdrawn:
      if (!c.decision_changed) return "the published decision has not changed";
      return c.publication_withdrawn_at.has_value() ? "the publication was already withdrawn" : "";
    case G::kNoReceipt:
      return c.transfer.has_value() && c.transfer->receipt_at.has_value()
                 ? "the receipt was already recorded"
                 : "";
    case G::kCoercionInactive:
      return c.coercion_active ? "a coercive measure is already in force" : "";
    case G::kCoercionActive:
      return c.coercion_active ? "" : "no coercive measure is in force";
  }
  return "unknown guard";
}

absl::StatusOr<CaseState> Transition(const Case& c, CaseEvent e, const GuardFacts& facts) {
  std::string first_failure;
  bool any_row = false;
  for (const TransitionRule& r : AllRules()) {
    if (r.from != c.state || r.event != e) continue;
    any_row = true;
    std::string failure = GuardFailure(r.guard, c, facts);
    if (failure.empty()) return r.to;
    if (first_failure.empty()) first_failure = std::move(failure);
  }
  if (!any_row) {
    return absl::FailedPreconditionError(
        absl::StrCat("case is ", CaseStateName(c.state), ": cannot ", CaseEventName(e)));
  }
  return absl::FailedPreconditionError(absl::StrCat("case is ", CaseStateName(c.state), ": cannot ",
                                                    CaseEventName(e), ": ", first_failure));
}

bool HasEnterpriseParty(const Case& c) {
  for (const Party& p : c.parties) {
    if (p.kind == PartyKind::kEnterprise) return true;
  }
  return false;
}

bool IsHandlingOfficer(const Case& c, const std::string& officer_id) {
  for (const std::string& o : c.officer_ids) {
    if (o == officer_id) return true;
  }
  return false;
}

}  // namespace lawenforce::cases
