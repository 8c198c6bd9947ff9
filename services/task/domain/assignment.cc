#include "services/task/domain/assignment.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/time/clock.h"
#include "common/validation/validate.h"

namespace lawenforce::tasks {

absl::Time DueMoment(absl::CivilDay due_date) {
  return absl::FromCivil(due_date + 1, ChinaTimeZone());
}

absl::StatusOr<Assignment> ReportProgress(Assignment a, int percent, const std::string& narrative,
                                          const std::vector<std::string>& evidence,
                                          const std::string& actor, absl::Time now) {
  if (percent < 0 || percent > 100) return InvalidField("percent", "must be 0..100");
  if (absl::Status s = ValidateMultilineText("narrative", narrative, 4000); !s.ok()) return s;
  if (evidence.size() > 20) return InvalidField("evidence", "at most 20 references");
  for (size_t i = 0; i < evidence.size(); ++i) {
    if (absl::Status s = ValidateText(absl::StrCat("evidence[", i, "]"), evidence[i], 500);
        !s.ok()) {
      return s;
    }
  }
  if (a.state == AssignmentState::kDone) {
    return absl::FailedPreconditionError("the assignment is done already");
  }
  if (percent < a.percent) {
    return InvalidField("percent", absl::StrCat("is below the last report's ", a.percent));
  }
  ProgressReport r{
      static_cast<int64_t>(a.reports.size()) + 1, percent, narrative, evidence, actor, now};
  a.reports.push_back(std::move(r));
  a.percent = percent;
  if (percent == 100) {
    a.state = AssignmentState::kDone;
    a.done_time = now;
    a.on_time = now < DueMoment(a.due_date);
  } else if (a.state == AssignmentState::kNotStarted) {
    a.state = AssignmentState::kInProgress;
  }
  return a;
}

std::optional<Assignment> FireDue(Assignment a, absl::Time due_at, absl::Time now) {
  if (a.state == AssignmentState::kDone || a.state == AssignmentState::kOverdue ||
      DueMoment(a.due_date) != due_at) {
    return std::nullopt;
  }
  a.state = AssignmentState::kOverdue;
  a.overdue_at = now;
  return a;
}

std::optional<Assignment> NextYear(const Assignment& a, const Plan& plan, const std::string& id,
                                   absl::Time now) {
  const Task* task = plan.FindTask(a.task_number);
  if (task == nullptr || !task->yearly()) return std::nullopt;
  // The first yearly deadline day after this assignment's due day (in its
  // year or the next), so that no year is skipped.
  std::optional<absl::CivilDay> next;
  for (const TaskDeadline& d : task->deadlines) {
    if (d.kind == DeadlineKind::kOnce) continue;
    for (int year : {a.due_date.year(), a.due_date.year() + 1}) {
      const absl::CivilDay day = DueDayIn(d, year);
      if (day > a.due_date && (!next.has_value() || day < *next)) next = day;
    }
  }
  if (!next.has_value() || *next > plan.period_end) return std::nullopt;
  Assignment n;
  n.id = id;
  n.plan_id = a.plan_id;
  n.task_number = a.task_number;
  n.division_code = a.division_code;
  n.unit = a.unit;
  n.owner = a.owner;
  n.year = next->year();
  n.due_date = *next;
  n.previous_id = a.id;
  n.create_time = now;
  n.assigned_by = "system";
  return n;
}

std::optional<AssignmentState> StateAt(const Assignment& a, absl::Time t) {
  if (a.create_time >= t) return std::nullopt;
  if (a.done_time.has_value() && *a.done_time < t) return AssignmentState::kDone;
  if (a.overdue_at.has_value() && *a.overdue_at < t) return AssignmentState::kOverdue;
  const bool reported = std::any_of(a.reports.begin(), a.reports.end(),
                                    [&](const ProgressReport& r) { return r.at < t; });
  return reported ? AssignmentState::kInProgress : AssignmentState::kNotStarted;
}

void ProgressCounts::Add(AssignmentState s) {
  ++assignments;
  switch (s) {
    case AssignmentState::kNotStarted:
      ++not_started;
      break;
    case AssignmentState::kInProgress:
      ++in_progress;
      break;
    case AssignmentState::kDone:
      ++done;
      break;
    case AssignmentState::kOverdue:
      ++overdue;
      break;
  }
}

PlanProgress ComputeProgress(const Plan& plan, const std::vector<Assignment>& assignments,
                             const Divisions& divisions, const std::string& scope,
                             absl::Time as_of) {
  PlanProgress out;
  for (const Task& t : plan.tasks) out.tasks.push_back(TaskProgress{t.number, {}, {}});
  for (const Assignment& a : assignments) {
    if (a.plan_id != plan.id || !divisions.IsWithin(a.division_code, scope)) continue;
    const std::optional<AssignmentState> s = StateAt(a, as_of);
    if (!s.has_value() || a.task_number < 1 || a.task_number > static_cast<int>(out.tasks.size())) {
      continue;
    }
    absl::StatusOr<Division> d = divisions.Lookup(a.division_code);
    TaskProgress& tp = out.tasks[a.task_number - 1];
    tp.total.Add(*s);
    if (d.ok()) tp.by_tier[d->tier].Add(*s);
    out.total.Add(*s);
  }
  return out;
}

}  // namespace lawenforce::tasks
