#ifndef LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_NOTICES_H_
#define LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_NOTICES_H_

// Problem lists (突出问题清单, task 8: one per department), circulars (情况通报,
// task 27) and annual supervision plans (年度执法监督计划, task 31). Plain C++.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/divisions/divisions.h"

namespace lawenforce::supervision {

enum class NoticeKind { kProblemList = 1, kCircular = 2 };

struct NoticeItem {
  std::string text;
  std::string finding_id;
  std::string rectification_id;
  std::string complaint_id;
};

struct Notice {
  std::string id;
  NoticeKind kind = NoticeKind::kCircular;
  std::string division_code;  // the publisher; readable in its subtree
  std::string agency_id;      // problem lists: the department
  int year = 0;               // problem lists
  int number = 0;             // problem lists: 1, 2... per (agency, year)
  std::string title;
  std::string body;
  std::vector<NoticeItem> items;
  std::string published_by;
  absl::Time publish_time;
};

// INVALID_ARGUMENT naming the field: kind; title 1..200 and body 0..20000
// characters; a problem list names its agency and year (2000..2100) and has
// 1..200 items, a circular neither agency nor year and 0..200 items; item
// text 1..1000 characters, references UUIDs or empty.
absl::Status ValidateNotice(const Notice& n);

// A caller of `who_division` may read a notice of `notice_division` when
// either lies in the other's subtree (published above it, or inside its
// jurisdiction).
bool NoticeReadable(const Divisions& divisions, const std::string& notice_division,
                    const std::string& who_division);

struct SupervisionPlan {
  std::string division_code;
  int year = 0;
  std::string content;
  absl::Time record_time;  // first recorded
  absl::Time update_time;  // latest revision
  std::string recorded_by;
  int64_t version = 1;
};

// A plan is due by the end of 31 March of its year, China Standard Time:
// this is 1 April 00:00 CST.
absl::Time PlanDue(int year);
bool PlanOnTime(const SupervisionPlan& p);
// Regions, cities and counties record plans; townships do not.
bool RecordsPlans(Tier tier);

enum class PlanState { kOnTime = 1, kLate = 2, kMissing = 3, kOverdue = 4 };

struct PlanStatusEntry {
  std::string division_code;
  Tier tier = Tier::kCounty;
  PlanState state = PlanState::kMissing;
  std::optional<absl::Time> record_time;
};

// Every division of `root`'s subtree that records plans, in code order,
// with its state for `year` at `now` (`plans` by division code).
std::vector<PlanStatusEntry> PlanStatus(const Divisions& divisions, const std::string& root,
                                        int year,
                                        const std::map<std::string, SupervisionPlan>& plans,
                                        absl::Time now);

}  // namespace lawenforce::supervision

#endif  // LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_NOTICES_H_
