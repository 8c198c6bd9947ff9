#include "services/task/app/tracking.h"

#include <algorithm>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/validation/validate.h"

namespace lawenforce::tasks {
namespace {

using auth::Role;

// Who may do what (docs/api/tasks.md "Authorization" mirrors this).
const auth::RoleSet kReaders = auth::RoleSet::All();
// The judicial departments (司法厅/局) tracking the plan.
const auth::RoleSet kAssigners = {Role::kSupervisor, Role::kSystem};
const auth::RoleSet kReporters = {Role::kAgencyAdmin, Role::kSupervisor, Role::kSystem};

}  // namespace

PlanStatus Tracking::StatusNow(const Plan& p) const {
  return StatusOf(p, absl::ToCivilDay(d_.clock->Now(), ChinaTimeZone()));
}

absl::StatusOr<const Plan*> Tracking::FindPlan(const auth::Principal& who, const std::string& field,
                                               const std::string& id) const {
  (void)who;
  if (id.empty()) return InvalidField(field, "required");
  if (const Plan* p = tasks::FindPlan(*d_.plans, id)) return p;
  // Plans are public data: NOT_FOUND to anyone.
  return absl::NotFoundError("plan not found");
}

absl::StatusOr<std::vector<Plan>> Tracking::ListPlans(const auth::Principal& who) {
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReaders, "read plans"));
  return *d_.plans;
}

absl::StatusOr<Plan> Tracking::GetPlan(const auth::Principal& who, const std::string& id) {
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReaders, "read plans"));
  LE_ASSIGN_OR_RETURN(const Plan* p, FindPlan(who, "id", id));
  return *p;
}

absl::StatusOr<std::vector<Task>> Tracking::ListTasks(const auth::Principal& who,
                                                      const std::string& plan_id,
                                                      const std::string& section) {
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReaders, "read plans"));
  LE_ASSIGN_OR_RETURN(const Plan* p, FindPlan(who, "plan_id", plan_id));
  if (!section.empty() && std::none_of(p->sections.begin(), p->sections.end(),
                                       [&](const Section& s) { return s.number == section; })) {
    return InvalidField("section", "not a section of the plan");
  }
  std::vector<Task> out;
  for (const Task& t : p->tasks) {
    if (section.empty() || t.section == section || absl::StartsWith(t.section, section + "(")) {
      out.push_back(t);
    }
  }
  return out;
}

absl::StatusOr<Task> Tracking::GetTask(const auth::Principal& who, const std::string& plan_id,
                                       int number) {
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReaders, "read plans"));
  LE_ASSIGN_OR_RETURN(const Plan* p, FindPlan(who, "plan_id", plan_id));
  const Task* t = p->FindTask(number);
  if (t == nullptr) {
    return InvalidField("number", absl::StrCat("the plan has tasks 1..", p->tasks.size()));
  }
  return *t;
}

absl::StatusOr<std::vector<Assignment>> Tracking::Assign(const auth::Principal& who,
                                                         AssignRequest r,
                                                         const app::CreateOptions& options) {
  constexpr absl::string_view kAction = "assign tasks in this division";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kAssigners, kAction));
  LE_ASSIGN_OR_RETURN(const Plan* plan, FindPlan(who, "plan_id", r.plan_id));
  const Task* task = plan->FindTask(r.task_number);
  if (task == nullptr) {
    return InvalidField("task_number", absl::StrCat("the plan has tasks 1..", plan->tasks.size()));
  }
  LE_RETURN_IF_ERROR(ValidateText("unit", r.unit, 100));
  LE_RETURN_IF_ERROR(ValidateOptionalText("owner", r.owner, 100));
  const absl::Time now = d_.clock->Now();
  const absl::CivilDay today = absl::ToCivilDay(now, ChinaTimeZone());
  std::optional<absl::CivilDay> due;
  if (r.due_date.has_value()) {
    LE_ASSIGN_OR_RETURN(absl::CivilDay given, *r.due_date);
    if (given < today) return InvalidField("due_date", "is in the past");
    if (!task->yearly() && given > plan->period_end) {
      return InvalidField("due_date", "is after the plan's period");
    }
    due = given;
  } else {
    due = NextDeadline(*plan, *task, today);
    if (!due.has_value()) {
      return InvalidField("due_date", task->deadlines.empty()
                                          ? "the task has no deadline in the plan: give one"
                                          : "the task has no deadline left in the plan's "
                                            "period: give one");
    }
  }
  // The divisions: named, or every one of a tier below a parent.
  std::vector<std::string> divisions = r.division_codes;
  if (!r.fan_out_parent.empty() || r.fan_out_tier.has_value()) {
    if (!divisions.empty()) {
      return InvalidField("division_codes", "give the divisions or a fan-out, not both");
    }
    LE_ASSIGN_OR_RETURN(Division parent,
                        d_.divisions->Validate("fan_out_parent", r.fan_out_parent));
    if (!r.fan_out_tier.has_value() || *r.fan_out_tier <= parent.tier) {
      return InvalidField("fan_out_tier", "must be a tier below fan_out_parent's");
    }
    for (const Division& d : d_.divisions->all()) {
      if (d.tier == *r.fan_out_tier && d_.divisions->IsWithin(d.code, parent.code)) {
        divisions.push_back(d.code);
      }
    }
    if (divisions.empty()) return InvalidField("fan_out_tier", "no division of that tier there");
  }
  if (divisions.empty()) return InvalidField("division_codes", "name at least one division");
  if (divisions.size() > 500) return InvalidField("division_codes", "at most 500 at once");
  std::set<std::string> seen;
  for (size_t i = 0; i < divisions.size(); ++i) {
    const std::string field = absl::StrCat("division_codes[", i, "]");
    LE_RETURN_IF_ERROR(d_.divisions->Validate(field, divisions[i]).status());
    if (!seen.insert(divisions[i]).second) return InvalidField(field, "repeated");
  }
  LE_ASSIGN_OR_RETURN(std::optional<store::IdempotencyKey> key,
                      app::KeyFor("AssignTask", who, options, *d_.keys));
  for (const std::string& code : divisions) {
    LE_RETURN_IF_ERROR(d_.authorizer->RequireWithin(who, code, kAction));
  }
  std::vector<Assignment> all;
  for (const std::string& code : divisions) {
    Assignment a;
    a.id = d_.ids->NewId();
    a.plan_id = plan->id;
    a.task_number = task->number;
    a.division_code = code;
    absl::StatusOr<Division> d = d_.divisions->Lookup(code);
    a.unit =
        absl::StrReplaceAll(r.unit, {{"{division}", d.ok() && !d->name.empty() ? d->name : code}});
    a.owner = r.owner;
    a.year = due->year();
    a.due_date = *due;
    a.create_time = now;
    a.assigned_by = who.subject;
    all.push_back(std::move(a));
  }
  LE_ASSIGN_OR_RETURN(
      std::vector<std::string> ids,
      d_.store->CreateAll(
          all, task->yearly(), key,
          app::AuditOf(who, "assignment.create", all.front().id, now,
                       absl::StrCat("task ", task->number, " to ", all.size(), " divisions"))));
  std::vector<Assignment> out;
  for (const std::string& id : ids) {
    LE_ASSIGN_OR_RETURN(Assignment a, d_.store->Get(id));
    out.push_back(std::move(a));
  }
  return out;
}

absl::StatusOr<Assignment> Tracking::Get(const auth::Principal& who, const std::string& id) {
  constexpr absl::string_view kAction = "read this assignment";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReaders, kAction));
  return app::FindVisible<Assignment>(*d_.authorizer, who, "id", id, "assignment", kAction,
                                      [&](const std::string& i) { return d_.store->Get(i); });
}

absl::StatusOr<app::Page<Assignment>> Tracking::List(const auth::Principal& who,
                                                     absl::StatusOr<AssignmentQuery> query,
                                                     const app::PageQuery& page) {
  constexpr absl::string_view kAction = "list assignments of this division";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReaders, kAction));
  LE_ASSIGN_OR_RETURN(const AssignmentQuery q, std::move(query));
  LE_ASSIGN_OR_RETURN(std::string scope,
                      d_.authorizer->ScopeForList(who, "division_code", q.division_code, kAction));
  if (!q.plan_id.empty()) LE_RETURN_IF_ERROR(FindPlan(who, "plan_id", q.plan_id).status());
  if (q.task_number < 0) return InvalidField("task_number", "must not be negative");
  const AssignmentFilter f{Divisions::SubtreePrefix(scope), q.plan_id, q.task_number, q.state};
  return app::ListPage<Assignment>(
      page,
      absl::StrCat("assignments|", scope, "|", q.plan_id, "|", q.task_number, "|",
                   q.state ? static_cast<int>(*q.state) : 0),
      *d_.keys, [&](const store::PageRequest& r) { return d_.store->List(f, r); });
}

absl::StatusOr<Assignment> Tracking::Report(const auth::Principal& who, const std::string& id,
                                            const std::string& etag, int percent,
                                            const std::string& narrative,
                                            const std::vector<std::string>& evidence) {
  constexpr absl::string_view kAction = "report progress on this assignment";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReporters, kAction));
  LE_ASSIGN_OR_RETURN(std::optional<int64_t> expected, app::ParseEtag("etag", etag));
  LE_ASSIGN_OR_RETURN(
      Assignment a,
      app::FindVisible<Assignment>(*d_.authorizer, who, "assignment_id", id, "assignment", kAction,
                                   [&](const std::string& i) { return d_.store->Get(i); }));
  LE_RETURN_IF_ERROR(app::CheckEtag("etag", expected, a.version));
  const absl::Time now = d_.clock->Now();
  LE_ASSIGN_OR_RETURN(Assignment after,
                      ReportProgress(a, percent, narrative, evidence, who.subject, now));
  const Plan* plan = tasks::FindPlan(*d_.plans, a.plan_id);
  const Task* task = plan == nullptr ? nullptr : plan->FindTask(a.task_number);
  LE_RETURN_IF_ERROR(d_.store->Update(
      after, a.version, task != nullptr && task->yearly(),
      app::AuditOf(
          who, after.state == AssignmentState::kDone ? "assignment.done" : "assignment.progress",
          id, now, absl::StrCat(percent, "%"))));
  return d_.store->Get(id);
}

absl::StatusOr<ProgressReportView> Tracking::Progress(
    const auth::Principal& who, const std::string& plan_id, const std::string& division_code,
    absl::StatusOr<std::optional<absl::Time>> as_of) {
  constexpr absl::string_view kAction = "read plan progress of this division";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReaders, kAction));
  LE_ASSIGN_OR_RETURN(const Plan* plan, FindPlan(who, "plan_id", plan_id));
  LE_ASSIGN_OR_RETURN(std::optional<absl::Time> at, std::move(as_of));
  LE_ASSIGN_OR_RETURN(std::string scope,
                      d_.authorizer->ScopeForList(who, "division_code", division_code, kAction));
  const absl::Time now = d_.clock->Now();
  if (at.has_value() && *at > now) return InvalidField("as_of", "is in the future");
  ProgressReportView out;
  out.plan_id = plan->id;
  out.division_code = scope;
  out.as_of = at.value_or(now);
  out.status = StatusOf(*plan, absl::ToCivilDay(out.as_of, ChinaTimeZone()));
  LE_ASSIGN_OR_RETURN(std::vector<Assignment> all, d_.store->AllOf(plan->id));
  // As of T includes what was recorded at T.
  out.progress =
      ComputeProgress(*plan, all, *d_.divisions, scope, out.as_of + absl::Microseconds(1));
  return out;
}

}  // namespace lawenforce::tasks
