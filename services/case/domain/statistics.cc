#include "services/case/domain/statistics.h"

#include <algorithm>

#include "common/stats/percentile.h"
#include "services/case/domain/case_machine.h"

namespace lawenforce::cases {
namespace {

bool In(const std::optional<absl::Time>& t, absl::Time start, absl::Time end) {
  return t.has_value() && *t >= start && *t < end;
}

// The moment the decision was first made: a changed decision carries the
// moment of the change (PrepareDecision), the decision clock keeps the
// first (it is met by the decision and never started again).
std::optional<absl::Time> FirstDecided(const Case& c, const std::vector<StatutoryClock>& clocks,
                                       const std::optional<CaseFacts>& previous) {
  if (!c.decision.has_value()) return std::nullopt;
  if (previous.has_value() && previous->decided_at.has_value()) return previous->decided_at;
  for (const StatutoryClock& k : clocks) {
    if (k.kind == ClockKind::kDecision && k.state == ClockState::kMet && k.ended_at.has_value()) {
      return k.ended_at;
    }
  }
  return c.decision->time;
}

}  // namespace

absl::Time RecordedAt(const std::optional<CaseFacts>& previous, absl::Time entry_time) {
  return previous.has_value() ? std::max(previous->entry_time, entry_time) : entry_time;
}

CaseFacts FactsAfter(const Case& c, const std::vector<StatutoryClock>& clocks,
                     const std::optional<CaseFacts>& previous, int64_t seq, absl::Time entry_time) {
  CaseFacts f;
  f.case_id = c.id;
  f.seq = seq;
  f.entry_time = RecordedAt(previous, entry_time);
  f.division_code = c.division_code;
  f.agency_id = c.agency_id;
  f.kind = c.kind;
  f.state = c.state;
  f.filed_at = c.filed_at;
  f.decided_at = FirstDecided(c, clocks, previous);
  if (c.decision.has_value()) {
    f.outcome = c.decision->outcome;
    f.outside_benchmark = !c.decision->outside_benchmark.empty();
    f.publish = c.decision->publish;
  }
  f.review_required = !ReviewReasons(c).empty();
  if (previous.has_value()) f.reviews = previous->reviews;
  // A review outcome is kept until the next review or a hearing request
  // (which resets it): a later time is a review this act completed.
  if (c.review.has_value() && (f.reviews.empty() || c.review->time > f.reviews.back().time)) {
    f.reviews.push_back({c.review->time, c.review->outcome});
  }
  f.published_at = c.published_at;
  if (c.transfer.has_value()) {
    f.transfer_reported_at = c.transfer->reported_at;
    f.handed_over_at = c.transfer->handed_over_at;
  } else if (previous.has_value()) {
    f.transfer_reported_at = previous->transfer_reported_at;  // declined: still reported
  }
  if (c.state == CaseState::kClosed || c.state == CaseState::kWithdrawn) {
    f.ended_at = c.closed_at;
  } else if (c.state == CaseState::kTransferred) {
    f.ended_at = f.handed_over_at;
  }
  for (const StatutoryClock& k : clocks) {
    if (k.kind == ClockKind::kPublicity) f.publicity_due = k.due;
    if (RuleOf(k.kind).party_window) continue;
    if (k.state == ClockState::kOverdue) {
      f.open_dues.push_back({k.kind, k.due.value_or(absl::InfinitePast())});
    } else if (k.state == ClockState::kRunning && k.due.has_value()) {
      f.open_dues.push_back({k.kind, *k.due});
    }
  }
  return f;
}

CaseFigures ComputeCaseFigures(const std::vector<CaseFacts>& latest, absl::Time start,
                               absl::Time as_of) {
  CaseFigures out;
  std::vector<double> days;
  double days_sum = 0;
  for (const CaseFacts& f : latest) {
    if (f.entry_time >= as_of || f.filed_at >= as_of) continue;
    if (f.filed_at >= start) {
      ++out.cases_filed;
      ++out.filed_by_kind[f.kind];
      ++out.by_state[f.state];
    }
    if (In(f.ended_at, start, as_of)) ++out.cases_ended;
    for (const ReviewFact& r : f.reviews) {
      if (!In(r.time, start, as_of)) continue;
      ++out.legal_reviews;
      if (r.outcome == ReviewOutcome::kReturned) ++out.legal_reviews_returned;
    }
    if (In(f.transfer_reported_at, start, as_of)) {
      ++out.transfers_reported;
      if (f.handed_over_at.has_value() && *f.handed_over_at < as_of) ++out.transfers_handed_over;
    }
    for (const DueFact& d : f.open_dues) {
      if (d.due <= as_of) ++out.overdue_by_clock[d.kind];
    }
    if (!In(f.decided_at, start, as_of)) continue;
    const absl::Time decided = *f.decided_at;
    ++out.decisions;
    ++out.decisions_by_outcome[f.outcome];
    if (f.review_required) {
      ++out.decisions_review_required;
      const ReviewFact* before = nullptr;
      for (const ReviewFact& r : f.reviews) {
        if (r.time <= decided) before = &r;
      }
      if (before != nullptr && before->outcome == ReviewOutcome::kApproved) {
        ++out.decisions_review_required_reviewed;
      }
    }
    if (f.outside_benchmark) ++out.benchmark_deviations;
    const double d = absl::ToDoubleHours(decided - f.filed_at) / 24;
    days.push_back(d);
    days_sum += d;
    if (f.publish) {
      ++out.publications_due;
      const bool published = f.published_at.has_value() && *f.published_at < as_of;
      if (published && f.publicity_due.has_value() && *f.published_at >= *f.publicity_due) {
        ++out.published_late;
      } else if (published) {
        ++out.published_on_time;
      } else if (f.publicity_due.has_value() && *f.publicity_due <= as_of) {
        ++out.publications_overdue;
      }
    }
  }
  if (!days.empty()) {
    std::sort(days.begin(), days.end());
    out.average_days_to_decision = days_sum / static_cast<double>(days.size());
    out.p90_days_to_decision = stats::NearestRankPercentile(days, 0.9);
  }
  return out;
}

}  // namespace lawenforce::cases
