#include "services/supervision/domain/statistics.h"

#include <algorithm>

#include "common/stats/percentile.h"

namespace lawenforce::supervision {

using stats::NearestRankPercentile;

ComplaintFigures ComputeFigures(const std::vector<Complaint>& complaints,
                                const Divisions& divisions, const std::string& division,
                                absl::Time from, absl::Time to, absl::Time as_of) {
  ComplaintFigures f;
  std::vector<double> handling_days;
  int64_t satisfaction_sum = 0;
  int64_t satisfied = 0;
  for (const Complaint& c : complaints) {
    if (c.submit_time < from || c.submit_time >= to || c.submit_time >= as_of) continue;
    // The complaint as it stood at as_of: the last event up to then.
    const ComplaintEvent* last = nullptr;
    const ComplaintEvent* last_resolved = nullptr;
    const ComplaintEvent* last_rated = nullptr;
    bool reopened = false;
    bool declined = false;
    for (const ComplaintEvent& e : c.history) {
      if (e.at >= as_of) continue;  // recorded at or after the moment: not yet
      if (last == nullptr || e.seq > last->seq) last = &e;
      if (e.type == "resolved") last_resolved = &e;
      if (e.type == "rated") last_rated = &e;
      if (e.type == "reopened") reopened = true;
      if (e.type == "declined") declined = true;
    }
    if (last == nullptr) continue;
    if (!divisions.IsWithin(last->division_after, division)) continue;
    ++f.received;
    if (c.private_enterprise()) ++f.from_private_enterprises;
    ++f.by_channel[c.channel];
    ++f.by_category[c.category];
    ++f.by_state[last->state_after];
    const bool answered = last->state_after == ComplaintState::kResolved ||
                          last->state_after == ComplaintState::kClosed;
    if (answered && last_resolved != nullptr) {
      ++f.resolved;
      if (last_resolved->on_time) ++f.resolved_on_time;
      handling_days.push_back(absl::ToDoubleHours(last_resolved->at - c.submit_time) / 24.0);
    }
    if (last_rated != nullptr && last->state_after == ComplaintState::kClosed) {
      ++f.rated;
      satisfaction_sum += last_rated->satisfaction;
      if (last_rated->satisfaction >= 4) ++satisfied;
    }
    for (const Escalation& e : c.escalations) {
      if (e.recorded_at < as_of) ++f.escalations_by_tier[e.from_tier];
    }
    if (reopened) ++f.reopened;
    if (declined) ++f.declined;
  }
  if (!handling_days.empty()) {
    std::sort(handling_days.begin(), handling_days.end());
    f.median_handling_days = NearestRankPercentile(handling_days, 0.5);
    f.p90_handling_days = NearestRankPercentile(handling_days, 0.9);
  }
  if (f.rated > 0) {
    f.average_satisfaction = static_cast<double>(satisfaction_sum) / static_cast<double>(f.rated);
    f.satisfied_share = static_cast<double>(satisfied) / static_cast<double>(f.rated);
  }
  return f;
}

}  // namespace lawenforce::supervision
