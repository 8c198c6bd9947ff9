#ifndef LAWENFORCE_SERVICES_TASK_DOMAIN_PLAN_H_
#define LAWENFORCE_SERVICES_TASK_DOMAIN_PLAN_H_

// A plan as data (docs/plan-format.md): its period, sections and tasks, each
// task with its text as written and its deadlines. Plain C++.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace lawenforce::tasks {

enum class DeadlineKind { kOnce = 1, kYearly = 2, kYearlyTotal = 3 };

struct TaskDeadline {
  DeadlineKind kind = DeadlineKind::kOnce;
  absl::CivilDay date;  // kOnce
  int month = 0;        // yearly kinds
  int day = 0;
  std::string what;  // kYearlyTotal: "training_hours"
  double amount = 0;
  std::string source;  // the plan's phrase
};

struct Task {
  int number = 0;
  std::string section;
  std::string title;
  std::string text;
  std::vector<std::string> responsible_units;
  std::vector<TaskDeadline> deadlines;

  bool yearly() const;
};

struct Section {
  std::string number;
  std::string title;
};

struct Plan {
  std::string id;
  std::string title;
  std::string issuer;
  absl::CivilDay period_start;
  absl::CivilDay period_end;
  std::vector<Section> sections;
  std::vector<Task> tasks;

  const Task* FindTask(int number) const;
};

// The plan of `id` among `plans`, or null.
const Plan* FindPlan(const std::vector<Plan>& plans, const std::string& id);

enum class PlanStatus { kUpcoming = 1, kActive = 2, kEnded = 3 };
// At `today` (China Standard Time).
PlanStatus StatusOf(const Plan& plan, absl::CivilDay today);

// A plan as loaded is consistent: id [a-z0-9-]{1,64}; period start <= end;
// tasks numbered 1..n in order, each in a listed section, with text; a
// once date within the period; yearly month/day a real day (29 February
// refused). FAILED_PRECONDITION naming the plan and the item.
absl::Status ValidatePlan(const Plan& plan);

// The day `deadline` falls on in `year` (yearly kinds) or its date (once).
absl::CivilDay DueDayIn(const TaskDeadline& deadline, int year);

// The task's first deadline day on or after `today` within the plan's
// period; nullopt when none is left.
std::optional<absl::CivilDay> NextDeadline(const Plan& plan, const Task& task,
                                           absl::CivilDay today);

}  // namespace lawenforce::tasks

#endif  // LAWENFORCE_SERVICES_TASK_DOMAIN_PLAN_H_
