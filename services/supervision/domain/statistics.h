#ifndef LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_STATISTICS_H_
#define LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_STATISTICS_H_

// Complaint figures of a division subtree for a period (docs/api/
// supervision.md "Statistics"). Each complaint counts as it stood at
// `as_of`, read from its history (the events up to that moment), never from
// its current fields, so that the figures of a closed period do not change
// when the complaints move on.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/divisions/divisions.h"
#include "services/supervision/domain/complaint.h"

namespace lawenforce::supervision {

struct ComplaintFigures {
  int64_t received = 0;
  int64_t from_private_enterprises = 0;
  std::map<Channel, int64_t> by_channel;
  std::map<Category, int64_t> by_category;
  std::map<ComplaintState, int64_t> by_state;
  int64_t resolved = 0;  // resolved or closed at as_of
  int64_t resolved_on_time = 0;
  double median_handling_days = 0;
  double p90_handling_days = 0;
  std::map<Tier, int64_t> escalations_by_tier;  // the tier that let it lapse
  int64_t rated = 0;
  double average_satisfaction = 0;
  double satisfied_share = 0;  // rated 4 or 5, over rated
  int64_t reopened = 0;
  int64_t declined = 0;
};

// Figures over `complaints` received in [from, to) whose responsible
// division at `as_of` is within `division` (its subtree), from what was
// recorded before `as_of` (events and escalations by their recording
// time). Complaints received at or after `as_of` are left out.
// Percentiles are nearest-rank.
ComplaintFigures ComputeFigures(const std::vector<Complaint>& complaints,
                                const Divisions& divisions, const std::string& division,
                                absl::Time from, absl::Time to, absl::Time as_of);

}  // namespace lawenforce::supervision

#endif  // LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_STATISTICS_H_
