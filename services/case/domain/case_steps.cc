#include "services/case/domain/case_steps.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/calendar/statutory_period.h"
#include "common/ids/id_generator.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/time/clock.h"
#include "common/validation/validate.h"
#include "services/case/domain/decision_rules.h"
#include "services/case/domain/side_acts.h"

namespace lawenforce::cases {
namespace {

using E = CaseEvent;

std::string TimeText(absl::Time t) {
  return absl::FormatTime(absl::RFC3339_sec, t, ChinaTimeZone());
}

absl::Status RequireReason(const Act& act, int max_chars = 500) {
  return ValidateText("reason", act.reason, max_chars);
}

StepResult Result(Case after, const CaseClocks& clocks, const Act& act, std::string summary) {
  StepResult r;
  r.after = std::move(after);
  r.after.update_time = act.now;
  r.after.overdue = clocks.AnyOverdue(act.now);
  r.changed_clocks = clocks.Changed();
  r.entry.time = act.now;
  r.entry.actor = act.actor;
  r.entry.action = CaseEventName(act.event);
  r.entry.officer_ids = act.officer_ids;
  r.entry.summary = std::move(summary);
  r.entry.evidence = act.evidence;
  r.event_type = absl::StrCat("case.", CaseEventName(act.event));
  return r;
}

}  // namespace

int OfficersNeeded(CaseEvent e) {
  switch (e) {
    case E::kStartInvestigation:
    case E::kRecordEvidence:
    case E::kNotify:
    case E::kDecide:
    case E::kServe:
    case E::kApplyCoercion:
      return 2;
    case E::kApproveReview:
    case E::kReturnReview:
    case E::kApproveTransfer:
    case E::kDeclineTransfer:
    case E::kExtendClock:
    case E::kReplaceOfficers:
    case E::kWithdraw:
      return 0;
    default:
      return 1;
  }
}

absl::Status ValidateNewCase(const Case& c, absl::Time now) {
  LE_RETURN_IF_ERROR(ValidateId("case.agency_id", c.agency_id));
  LE_RETURN_IF_ERROR(ValidateId("case.item_id", c.item_id));
  if (c.parties.empty()) return InvalidField("case.parties", "at least one party");
  if (c.parties.size() > 20) return InvalidField("case.parties", "at most 20 parties");
  for (size_t i = 0; i < c.parties.size(); ++i) {
    LE_RETURN_IF_ERROR(
        ValidateText(absl::StrCat("case.parties[", i, "].name"), c.parties[i].name, 200));
  }
  LE_RETURN_IF_ERROR(ValidateText("case.facts", c.facts, 2000));
  if (c.violation_time > now)
    return InvalidField("case.violation_time", "must not be in the future");
  return ValidateOfficerList("case.officer_ids", c.officer_ids);
}

absl::StatusOr<StepResult> FileNew(Case c, const EnforcementItem& item, const StepContext& ctx) {
  const absl::Time now = c.filed_at;
  LE_RETURN_IF_ERROR(ValidateNewCase(c, now));
  std::optional<ItemVersion> at_violation = ItemVersionAt(item.versions, c.violation_time);
  if (!at_violation.has_value()) {
    return absl::FailedPreconditionError(
        "case.violation_time: the item had no version in force when the violation happened");
  }
  if (at_violation->repealed) {
    return absl::FailedPreconditionError(
        "case.violation_time: the item was repealed when the violation happened");
  }
  const calendar::StatutoryPeriod limitation =
      c.endangers_safety ? ctx.policy->limitation_safety
                         : RuleOf(ClockKind::kLimitation, *ctx.policy).period;
  CaseClocks clocks({}, *ctx.calendar, *ctx.policy);
  LE_RETURN_IF_ERROR(clocks.Start(c.id, c.division_code, ClockKind::kLimitation, c.violation_time,
                                  "violation ended", limitation));
  const absl::Time limit = *clocks.Find(ClockKind::kLimitation)->due;
  if (now >= limit) {
    return absl::FailedPreconditionError(absl::StrCat(
        "case.violation_time: the limitation period (", limitation.count, " ",
        calendar::PeriodUnitName(limitation.unit), ", APL art. 36) ended at ", TimeText(limit)));
  }
  clocks.Meet(ClockKind::kLimitation, now);  // discovered and filed in time
  LE_RETURN_IF_ERROR(clocks.Start(c.id, c.division_code, ClockKind::kDecision, now, "filed"));
  c.kind = item.kind;
  c.domain = item.domain;
  c.item_code = item.code;
  c.state = CaseState::kFiled;
  c.item_version_at_filing = at_violation->number;
  c.review_reasons.clear();
  if (at_violation->major) c.review_reasons.push_back("the item is major (APL art. 58)");
  c.version = 1;
  Act act;
  act.event = E::kStartInvestigation;  // for Result's bookkeeping only
  act.actor = c.filed_by;
  act.now = now;
  act.officer_ids = c.officer_ids;
  StepResult r = Result(std::move(c), clocks, act,
                        absl::StrCat("filed under item ", item.code, " version ",
                                     at_violation->number, "; limitation ends ", TimeText(limit)));
  r.entry.action = "file";
  r.event_type = "case.file";
  return r;
}

absl::StatusOr<StepResult> Step(const Case& before, const std::vector<StatutoryClock>& clock_list,
                                const Act& act, const StepContext& ctx) {
  GuardFacts facts;
  if (act.event == E::kDecide && act.decision.has_value()) facts.outcome = act.decision->outcome;
  LE_ASSIGN_OR_RETURN(CaseState to, Transition(before, act.event, facts));
  // An optional reason is text like a required one (the review's is its
  // "opinion", checked below).
  if (!act.reason.empty() && act.event != E::kApproveReview && act.event != E::kReturnReview) {
    LE_RETURN_IF_ERROR(ValidateText("reason", act.reason, 2000));
  }
  Case c = before;
  c.state = to;
  CaseClocks clocks(clock_list, *ctx.calendar, *ctx.policy);
  const absl::Time now = act.now;
  std::string summary;
  switch (act.event) {
    case E::kStartInvestigation:
      summary = "investigation started";
      break;
    case E::kRecordEvidence:
      if (act.evidence.empty()) return InvalidField("evidence", "at least one reference");
      LE_RETURN_IF_ERROR(ValidateEvidence(act.evidence));
      summary = absl::StrCat(act.evidence.size(), " evidence reference(s) recorded");
      break;
    case E::kSubmitForReview: {
      if (!act.decision.has_value()) return InvalidField("proposal", "required");
      LE_ASSIGN_OR_RETURN(Decision p, PrepareDecision(c, *act.decision, ctx, now, "proposal"));
      c.proposal = p;
      c.review.reset();
      summary = absl::StrCat("submitted for legal review: ", DescribeDecision(p));
      break;
    }
    case E::kApproveReview:
    case E::kReturnReview: {
      LE_RETURN_IF_ERROR(ValidateId("reviewer_officer_id", act.reviewer_officer_id));
      LE_RETURN_IF_ERROR(ValidateText("opinion", act.reason, 2000));
      if (IsHandlingOfficer(c, act.reviewer_officer_id) || IsHandlingOfficer(c, act.actor)) {
        return absl::FailedPreconditionError(
            "reviewer_officer_id: a handling officer of the case cannot review it (APL art. 58)");
      }
      LegalReview review;
      review.reviewer_officer_id = act.reviewer_officer_id;
      review.reviewer_subject = act.actor;
      review.outcome =
          act.event == E::kApproveReview ? ReviewOutcome::kApproved : ReviewOutcome::kReturned;
      review.opinion = act.reason;
      review.time = now;
      if (c.proposal.has_value()) review.proposal = *c.proposal;
      c.review = review;
      summary = absl::StrCat(
          act.event == E::kApproveReview ? "legal review approved: " : "legal review returned: ",
          act.reason);
      break;
    }
    case E::kNotify:
      c.notified_at = now;
      if (!act.hearing_waived) {
        LE_RETURN_IF_ERROR(
            clocks.Start(c.id, c.division_code, ClockKind::kHearingRequest, now, "notice served"));
      }
      summary = act.hearing_waived ? "party notified; the party waived a hearing"
                                   : "party notified of facts, grounds and rights (APL art. 44)";
      break;
    case E::kRequestHearing: {
      if (!act.hearing_at.has_value() || *act.hearing_at <= now) {
        return InvalidField("hearing_time", "required, in the future");
      }
      clocks.Meet(ClockKind::kHearingRequest, now);
      c.hearing_requested = true;
      c.hearing_at = act.hearing_at;
      if (c.review.has_value()) c.review.reset();  // review follows the hearing (APL art. 58)
      // The notice of the hearing is served with this act.
      LE_RETURN_IF_ERROR(clocks.Start(c.id, c.division_code, ClockKind::kHearingNotice,
                                      *act.hearing_at, "the hearing"));
      clocks.Meet(ClockKind::kHearingNotice, now);
      summary = absl::StrCat("hearing requested; held at ", TimeText(*act.hearing_at));
      break;
    }
    case E::kDecide: {
      if (!act.decision.has_value()) return InvalidField("decision", "required");
      if (const StatutoryClock* window = clocks.Find(ClockKind::kHearingRequest);
          window != nullptr && window->state == ClockState::kRunning && window->due.has_value() &&
          now < *window->due && !c.hearing_requested) {
        return absl::FailedPreconditionError(absl::StrCat(
            "the party may ask for a hearing until ", TimeText(*window->due), " (APL art. 64)"));
      }
      LE_ASSIGN_OR_RETURN(Decision d, PrepareDecision(c, *act.decision, ctx, now, "decision"));
      const bool approved = c.review.has_value() && c.review->outcome == ReviewOutcome::kApproved;
      if (!d.outside_benchmark.empty() && !approved) {
        return absl::FailedPreconditionError(absl::StrCat(
            "a decision outside the benchmark needs legal review first: ", d.outside_benchmark));
      }
      if (approved && !NoHeavierThan(d, c.review->proposal)) {
        return absl::FailedPreconditionError(
            "the decision is heavier than the proposal the legal review approved");
      }
      clocks.Meet(ClockKind::kDecision, now);
      clocks.Meet(ClockKind::kHearingRequest, now);
      if (act.served_on_the_spot) {
        c.served_at = now;
        if (d.sanction.fine_fen > 0) {
          LE_RETURN_IF_ERROR(
              clocks.Start(c.id, c.division_code, ClockKind::kPayment, now, "served"));
        }
      } else {
        LE_RETURN_IF_ERROR(
            clocks.Start(c.id, c.division_code, ClockKind::kServiceAbsent, now, "decided"));
      }
      if (d.publish) {
        LE_RETURN_IF_ERROR(
            clocks.Start(c.id, c.division_code, ClockKind::kPublicity, now, "decided"));
      }
      c.decision = d;
      summary = absl::StrCat("decided: ", DescribeDecision(d), "; ", d.rules_explanation);
      break;
    }
    case E::kServe:
      c.served_at = now;
      clocks.Meet(ClockKind::kServiceAbsent, now);
      if (c.decision.has_value() && c.decision->sanction.fine_fen > 0) {
        LE_RETURN_IF_ERROR(clocks.Start(c.id, c.division_code, ClockKind::kPayment, now, "served"));
      }
      summary = "decision served";
      break;
    case E::kPublish:
      c.published_at = now;
      clocks.Meet(ClockKind::kPublicity, now);
      summary = "decision published";
      break;
    case E::kChangeDecision: {
      LE_RETURN_IF_ERROR(RequireReason(act, 2000));
      if (act.decision.has_value()) {
        LE_ASSIGN_OR_RETURN(Decision d, PrepareDecision(c, *act.decision, ctx, now, "decision"));
        // As at the decision: outside the benchmark only within what a legal
        // review approved (a case is not reviewed again once decided, so a
        // heavier change needs a new procedure).
        const bool approved = c.review.has_value() && c.review->outcome == ReviewOutcome::kApproved;
        if (!d.outside_benchmark.empty() && !(approved && NoHeavierThan(d, c.review->proposal))) {
          return absl::FailedPreconditionError(absl::StrCat(
              "a changed decision outside the benchmark needs a legal review that approved it: ",
              d.outside_benchmark));
        }
        if (approved && !NoHeavierThan(d, c.review->proposal)) {
          return absl::FailedPreconditionError(
              "the changed decision is heavier than the proposal the legal review approved");
        }
        d.publish = c.decision->publish;
        c.decision = d;
      } else {
        c.decision->outcome = Outcome::kNotEstablished;  // revoked
        c.decision->sanction = Sanction{};
      }
      c.decision_changed = true;
      if (c.published_at.has_value()) {
        c.publication_withdrawn_at.reset();
        LE_RETURN_IF_ERROR(clocks.Start(c.id, c.division_code, ClockKind::kPublicityWithdrawal, now,
                                        "decision changed"));
      }
      clocks.Meet(ClockKind::kPayment, now);
      summary = absl::StrCat(act.decision.has_value() ? "decision changed: " : "decision revoked: ",
                             act.reason);
      break;
    }
    case E::kWithdrawPublication:
      c.publication_withdrawn_at = now;
      clocks.Meet(ClockKind::kPublicityWithdrawal, now);
      summary = "publication of the changed decision withdrawn (APL art. 48)";
      break;
    case E::kExecute:
      c.executed_at = now;
      clocks.Meet(ClockKind::kPayment, now);
      summary = absl::StrCat("decision executed", act.reason.empty() ? "" : ": ", act.reason);
      break;
    case E::kClose:
      c.closed_at = now;
      c.end_reason = act.reason;
      clocks.StopAll(now);
      summary = "case closed and archived";
      break;
    case E::kWithdraw:
      LE_RETURN_IF_ERROR(RequireReason(act));
      c.end_reason = act.reason;
      c.closed_at = now;
      clocks.StopAll(now);
      summary = absl::StrCat("filing withdrawn (撤销立案): ", act.reason);
      break;
    default: {
      absl::StatusOr<std::string> side = ApplySideAct(c, clocks, act, ctx);
      if (!side.ok()) return side.status();
      summary = *std::move(side);
      break;
    }
  }
  if (IsTerminal(c.state)) clocks.StopAll(now);
  if (!act.reason.empty() && summary.find(act.reason) == std::string::npos) {
    absl::StrAppend(&summary, "; reason: ", act.reason);
  }
  c.version = before.version + 1;
  return Result(std::move(c), clocks, act, std::move(summary));
}

std::optional<StepResult> FireClock(const Case& before,
                                    const std::vector<StatutoryClock>& clock_list, ClockKind kind,
                                    absl::Time at, const StepContext& ctx) {
  CaseClocks clocks(clock_list, *ctx.calendar, *ctx.policy);
  if (!clocks.Fire(kind, at)) return std::nullopt;
  const StatutoryClock& fired = *clocks.Find(kind);
  const ClockRule rule = RuleOf(kind, *ctx.policy);
  Case c = before;
  c.version = before.version + 1;
  Act act;
  act.actor = "system";
  act.now = at;
  StepResult r = Result(std::move(c), clocks, act,
                        absl::StrCat("clock ", rule.code, " (", rule.name, ", ", rule.basis, ") ",
                                     fired.state == ClockState::kLapsed ? "lapsed" : "overdue",
                                     " at ", TimeText(*fired.due)));
  r.entry.action = fired.state == ClockState::kLapsed ? "clock_lapsed" : "clock_overdue";
  r.event_type = absl::StrCat("case.", r.entry.action);
  return r;
}

}  // namespace lawenforce::cases
