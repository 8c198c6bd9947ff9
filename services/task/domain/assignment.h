#ifndef LAWENFORCE_SERVICES_TASK_DOMAIN_ASSIGNMENT_H_
#define LAWENFORCE_SERVICES_TASK_DOMAIN_ASSIGNMENT_H_

// A task assigned to a unit at a division: its due day, progress reports
// and state, and the roll-up of a plan's progress by tier. Plain C++.
//
//   NOT_STARTED --report--> IN_PROGRESS --report 100%--> DONE
//        \___________ due day passes ______________> OVERDUE --100%--> DONE (late)

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/divisions/divisions.h"
#include "services/task/domain/plan.h"

namespace lawenforce::tasks {

enum class AssignmentState { kNotStarted = 1, kInProgress = 2, kDone = 3, kOverdue = 4 };

struct ProgressReport {
  int64_t seq = 0;
  int percent = 0;
  std::string narrative;
  std::vector<std::string> evidence;
  std::string reported_by;
  absl::Time at;
};

struct Assignment {
  std::string id;
  std::string plan_id;
  int task_number = 0;
  std::string division_code;
  std::string unit;
  std::string owner;
  int year = 0;  // the due day's year
  absl::CivilDay due_date;
  AssignmentState state = AssignmentState::kNotStarted;
  int percent = 0;
  std::vector<ProgressReport> reports;
  std::optional<absl::Time> done_time;
  bool on_time = false;
  std::optional<absl::Time> overdue_at;  // when the due day's passing was recorded
  std::string previous_id;
  absl::Time create_time;
  std::string assigned_by;
  int64_t version = 1;
};

// The first instant after the due day (00:00 CST of the next day).
absl::Time DueMoment(absl::CivilDay due_date);

// A progress report: percent 0..100 and not below the last one, narrative
// 1..4000 characters, 0..20 evidence references of 1..500 characters.
// 100 percent is done (on time iff before DueMoment). FAILED_PRECONDITION
// when it is done already.
absl::StatusOr<Assignment> ReportProgress(Assignment a, int percent, const std::string& narrative,
                                          const std::vector<std::string>& evidence,
                                          const std::string& actor, absl::Time now);

// Its due moment `due_at` passed (the engine's firing at `now`): OVERDUE
// unless done; nullopt when done or the due day moved (stale).
std::optional<Assignment> FireDue(Assignment a, absl::Time due_at, absl::Time now);

// A yearly task's next assignment (id `id`, created at `now`), due on the
// first of the task's yearly days after this one's due day; nullopt when
// the task is not yearly or that day is after the plan's period.
std::optional<Assignment> NextYear(const Assignment& a, const Plan& plan, const std::string& id,
                                   absl::Time now);

// The state of `a` as recorded before `t` (nullopt: it did not exist yet).
std::optional<AssignmentState> StateAt(const Assignment& a, absl::Time t);

struct ProgressCounts {
  int assignments = 0;
  int not_started = 0;
  int in_progress = 0;
  int done = 0;
  int overdue = 0;
  void Add(AssignmentState s);
};

struct TaskProgress {
  int task_number = 0;
  ProgressCounts total;
  std::map<Tier, ProgressCounts> by_tier;
};

struct PlanProgress {
  ProgressCounts total;
  std::vector<TaskProgress> tasks;  // every task of the plan, in order
};

// The plan's assignments within `scope`'s subtree as of `as_of`, per task,
// and per tier of the assigned division (townships, counties, cities and the
// region, each counting its own assignments: a tier's figure is what was
// assigned at that tier in the subtree).
PlanProgress ComputeProgress(const Plan& plan, const std::vector<Assignment>& assignments,
                             const Divisions& divisions, const std::string& scope,
                             absl::Time as_of);

}  // namespace lawenforce::tasks

#endif  // LAWENFORCE_SERVICES_TASK_DOMAIN_ASSIGNMENT_H_
