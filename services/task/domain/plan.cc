#include "services/task/domain/plan.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace lawenforce::tasks {
namespace {

absl::Status Bad(const Plan& p, absl::string_view what) {
  return absl::FailedPreconditionError(absl::StrCat("plan ", p.id, ": ", what));
}

bool RealDay(int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  // A year that is not a leap year: every yearly deadline exists each year.
  const absl::CivilDay d(2023, month, day);
  return d.month() == month && d.day() == day;
}

}  // namespace

bool Task::yearly() const {
  return std::any_of(deadlines.begin(), deadlines.end(),
                     [](const TaskDeadline& d) { return d.kind != DeadlineKind::kOnce; });
}

const Task* Plan::FindTask(int number) const {
  if (number < 1 || number > static_cast<int>(tasks.size())) return nullptr;
  return &tasks[number - 1];
}

const Plan* FindPlan(const std::vector<Plan>& plans, const std::string& id) {
  for (const Plan& p : plans) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

PlanStatus StatusOf(const Plan& plan, absl::CivilDay today) {
  if (today < plan.period_start) return PlanStatus::kUpcoming;
  if (today > plan.period_end) return PlanStatus::kEnded;
  return PlanStatus::kActive;
}

absl::Status ValidatePlan(const Plan& p) {
  if (p.id.empty() || p.id.size() > 64 || !std::all_of(p.id.begin(), p.id.end(), [](char c) {
        return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-';
      })) {
    return Bad(p, "id must be [a-z0-9-]{1,64}");
  }
  if (p.title.empty()) return Bad(p, "title is empty");
  if (p.period_end < p.period_start) return Bad(p, "period ends before it starts");
  if (p.tasks.empty()) return Bad(p, "no tasks");
  for (size_t i = 0; i < p.tasks.size(); ++i) {
    const Task& t = p.tasks[i];
    const std::string at = absl::StrCat("task ", i + 1);
    if (t.number != static_cast<int>(i) + 1)
      return Bad(p, absl::StrCat(at, ": numbered ", t.number));
    if (std::none_of(p.sections.begin(), p.sections.end(),
                     [&](const Section& s) { return s.number == t.section; })) {
      return Bad(p, absl::StrCat(at, ": section ", t.section, " is not listed"));
    }
    if (t.text.empty()) return Bad(p, absl::StrCat(at, ": no text"));
    for (const TaskDeadline& d : t.deadlines) {
      if (d.kind == DeadlineKind::kOnce) {
        if (d.date < p.period_start || d.date > p.period_end) {
          return Bad(p, absl::StrCat(at, ": deadline ", absl::FormatCivilTime(d.date),
                                     " outside the period"));
        }
      } else if (!RealDay(d.month, d.day)) {
        return Bad(p, absl::StrCat(at, ": yearly deadline ", d.month, "-", d.day, " is no day"));
      }
    }
  }
  return absl::OkStatus();
}

absl::CivilDay DueDayIn(const TaskDeadline& d, int year) {
  if (d.kind == DeadlineKind::kOnce) return d.date;
  return absl::CivilDay(year, d.month, d.day);
}

std::optional<absl::CivilDay> NextDeadline(const Plan& plan, const Task& task,
                                           absl::CivilDay today) {
  std::optional<absl::CivilDay> best;
  for (const TaskDeadline& d : task.deadlines) {
    std::vector<absl::CivilDay> candidates;
    if (d.kind == DeadlineKind::kOnce) {
      candidates.push_back(d.date);
    } else {
      for (int y = today.year(); y <= plan.period_end.year(); ++y) {
        candidates.push_back(DueDayIn(d, y));
      }
    }
    for (absl::CivilDay c : candidates) {
      if (c < today || c > plan.period_end) continue;
      if (!best.has_value() || c < *best) best = c;
    }
  }
  return best;
}

}  // namespace lawenforce::tasks
