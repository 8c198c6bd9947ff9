#include "services/task/app/reports.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/status/errors.h"
#include "common/status/macros.h"

namespace lawenforce::tasks {
namespace {

using auth::Role;

// Who may do what (docs/api/tasks.md "Authorization" mirrors this).
const auth::RoleSet kReaders = auth::RoleSet::All();
// A division's report is its judicial department's (司法厅/局) to make; an
// agency's, the agency's own.
const auth::RoleSet kDivisionReporters = {Role::kSupervisor, Role::kSystem};
const auth::RoleSet kAgencyReporters = {Role::kAgencyAdmin, Role::kSupervisor, Role::kSystem};
const auth::RoleSet kAcrossAgencies = {Role::kSupervisor, Role::kAuditor, Role::kSystem};

// Bound to one agency with no wider role: sees only that agency's reports.
bool AgencyBound(const auth::Principal& who) {
  return !who.agency_id.empty() && !who.roles.Intersects(kAcrossAgencies);
}

}  // namespace

absl::Status Reports::ValidateYear(int year) const {
  const int now = absl::ToCivilYear(d_.clock->Now(), ChinaTimeZone()).year();
  if (year < 2000 || year > now) return InvalidField("year", absl::StrCat("must be 2000..", now));
  return absl::OkStatus();
}

absl::StatusOr<Reports::ResolvedScope> Reports::Resolve(const auth::Principal& who,
                                                        const ReportScope& scope,
                                                        absl::string_view action) {
  if (scope.division_code.empty() == scope.agency_id.empty()) {
    return InvalidField("division_code", "give exactly one of division_code and agency_id");
  }
  ResolvedScope out;
  if (!scope.division_code.empty()) {
    LE_ASSIGN_OR_RETURN(Division d, d_.divisions->Validate("division_code", scope.division_code));
    if (d.tier == Tier::kTownship) {
      return InvalidField("division_code",
                          "a township publishes no annual report of its own: give its county");
    }
    if (!who.roles.Intersects(kDivisionReporters) || AgencyBound(who)) {
      return PermissionDenied(action);
    }
    LE_RETURN_IF_ERROR(d_.authorizer->RequireWithin(who, d.code, action));
    out.scope.division_code = d.code;
    out.name = d.name.empty() ? d.code : d.name;
    out.tier = d.tier;
    return out;
  }
  LE_RETURN_IF_ERROR(ValidateId("agency_id", scope.agency_id));
  absl::StatusOr<AgencyInfo> agency = d_.sources->GetAgency(scope.agency_id);
  if (agency.status().code() == absl::StatusCode::kNotFound) {
    return d_.authorizer->RecordNotFound(who, "agency", action);
  }
  LE_RETURN_IF_ERROR(agency.status());
  LE_RETURN_IF_ERROR(d_.authorizer->RequireWithin(who, agency->division_code, action));
  LE_RETURN_IF_ERROR(d_.authorizer->RequireAgency(who, agency->id, action));
  LE_ASSIGN_OR_RETURN(Division d, d_.divisions->Lookup(agency->division_code));
  out.scope = {agency->division_code, agency->id};
  out.name = agency->name;
  out.tier = d.tier;
  return out;
}

absl::Status Reports::RequireScope(const auth::Principal& who, const AnnualReport& r,
                                   absl::string_view action) const {
  LE_RETURN_IF_ERROR(d_.authorizer->RequireWithin(who, r.division_code, action));
  if (r.agency_id.empty()) {
    return AgencyBound(who) ? PermissionDenied(action) : absl::OkStatus();
  }
  return d_.authorizer->RequireAgency(who, r.agency_id, action);
}

absl::StatusOr<ReportFigures> Reports::Gather(const ReportScope& scope, int year,
                                              absl::Time as_of) {
  const absl::CivilDay first = YearFirstDay(year);
  const absl::CivilDay last = YearLastDay(year);
  const bool closed = as_of == FiguresAsOf(year, absl::InfiniteFuture());
  ReportFigures f;
  LE_RETURN_IF_ERROR(d_.sources->AddPersonnel(scope, year, f));
  LE_RETURN_IF_ERROR(d_.sources->AddCases(scope, first, last, f));
  if (scope.agency_id.empty()) {
    LE_RETURN_IF_ERROR(d_.sources->AddComplaints(scope.division_code, first, last, f));
    f.complaints.available = true;
    // The plans' progress in the subtree at the figures' moment, for every
    // plan whose period overlaps the year.
    for (const Plan& plan : *d_.plans) {
      if (plan.period_end < first || plan.period_start > last) continue;
      LE_ASSIGN_OR_RETURN(std::vector<Assignment> all, d_.assignments->AllOf(plan.id));
      const PlanProgress progress =
          ComputeProgress(plan, all, *d_.divisions, scope.division_code, as_of);
      f.plans.push_back(
          {plan.id, plan.title,
           StatusOf(plan, absl::ToCivilDay(as_of - absl::Microseconds(1), ChinaTimeZone())),
           progress.total});
      f.sources.push_back(
          {"task-service", "lawenforce.tasks.v1.TaskService/GetPlanProgress",
           absl::StrCat("plan_id=", plan.id, " division_code=", scope.division_code, " as_of=",
                        absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", as_of, ChinaTimeZone())),
           d_.clock->Now(), closed});
    }
  } else {
    f.complaints = ComplaintFigures{};  // kept by division only
  }
  return f;
}

absl::StatusOr<AnnualReport> Reports::Generate(const auth::Principal& who, const ReportScope& scope,
                                               int year, const app::CreateOptions& options) {
  constexpr absl::string_view kAction = "generate annual reports for this scope";
  const auth::RoleSet& roles = scope.agency_id.empty() ? kDivisionReporters : kAgencyReporters;
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, roles, kAction));
  LE_RETURN_IF_ERROR(ValidateYear(year));
  LE_ASSIGN_OR_RETURN(ResolvedScope resolved, Resolve(who, scope, kAction));
  LE_ASSIGN_OR_RETURN(std::optional<store::IdempotencyKey> key,
                      app::KeyFor("GenerateAnnualReport", who, options, *d_.keys));
  const absl::Time now = d_.clock->Now();
  AnnualReport r;
  r.id = d_.ids->NewId();
  r.division_code = resolved.scope.division_code;
  r.agency_id = resolved.scope.agency_id;
  r.scope_name = resolved.name;
  r.tier = resolved.tier;
  r.year = year;
  r.state = ReportState::kDraft;
  r.as_of = FiguresAsOf(year, now);
  r.closed_period = now >= FiguresAsOf(year, absl::InfiniteFuture());
  log::Info("annual_report_gathering", {{"report_id", r.id},
                                        {"division", r.division_code},
                                        {"agency_id", r.agency_id},
                                        {"year", absl::StrCat(year)}});
  LE_ASSIGN_OR_RETURN(r.figures, Gather(resolved.scope, year, r.as_of));
  r.indicators = ComputeIndicators(r.figures);
  r.generated_by = who.subject;
  r.generate_time = now;
  LE_ASSIGN_OR_RETURN(
      AnnualReport stored,
      d_.reports->AddReport(
          r, key,
          app::AuditOf(
              who, "annual_report.generate", r.id, now,
              absl::StrCat(r.agency_id.empty() ? r.division_code : r.agency_id, " ", year))));
  log::Info("annual_report_generated",
            {{"report_id", stored.id},
             {"version", absl::StrCat(stored.version)},
             {"closed_period", stored.closed_period ? "true" : "false"}});
  return stored;
}

absl::StatusOr<AnnualReport> Reports::Get(const auth::Principal& who, const std::string& id) {
  constexpr absl::string_view kAction = "read this annual report";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReaders, kAction));
  LE_RETURN_IF_ERROR(ValidateId("id", id));
  absl::StatusOr<AnnualReport> r = d_.reports->GetReport(id);
  if (r.status().code() == absl::StatusCode::kNotFound) {
    return d_.authorizer->RecordNotFound(who, "annual report", kAction);
  }
  LE_RETURN_IF_ERROR(r.status());
  if (r->state != ReportState::kPublished) LE_RETURN_IF_ERROR(RequireScope(who, *r, kAction));
  return r;
}

absl::StatusOr<std::vector<AnnualReport>> Reports::List(const auth::Principal& who,
                                                        const ReportScope& scope, int year,
                                                        bool published_only) {
  constexpr absl::string_view kAction = "list annual reports of this scope";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReaders, kAction));
  if (year != 0) LE_RETURN_IF_ERROR(ValidateYear(year));
  if (scope.division_code.empty() == scope.agency_id.empty()) {
    return InvalidField("division_code", "give exactly one of division_code and agency_id");
  }
  ReportFilter f{scope.division_code, scope.agency_id, year, published_only};
  if (!scope.division_code.empty()) {
    LE_RETURN_IF_ERROR(d_.divisions->Validate("division_code", scope.division_code).status());
  } else {
    LE_RETURN_IF_ERROR(ValidateId("agency_id", scope.agency_id));
  }
  LE_ASSIGN_OR_RETURN(std::vector<AnnualReport> all, d_.reports->ListReports(f));
  // Published versions are public; drafts only for callers who may see the
  // scope's drafts.
  std::vector<AnnualReport> out;
  for (AnnualReport& r : all) {
    if (r.state != ReportState::kPublished && !RequireScope(who, r, kAction).ok()) continue;
    out.push_back(std::move(r));
  }
  return out;
}

absl::StatusOr<AnnualReport> Reports::Publish(const auth::Principal& who, const std::string& id) {
  constexpr absl::string_view kAction = "publish this annual report";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kAgencyReporters, kAction));
  LE_RETURN_IF_ERROR(ValidateId("id", id));
  absl::StatusOr<AnnualReport> r = d_.reports->GetReport(id);
  if (r.status().code() == absl::StatusCode::kNotFound) {
    return d_.authorizer->RecordNotFound(who, "annual report", kAction);
  }
  LE_RETURN_IF_ERROR(r.status());
  LE_RETURN_IF_ERROR(RequireScope(who, *r, kAction));
  if (r->agency_id.empty() && !who.roles.Intersects(kDivisionReporters)) {
    return PermissionDenied(kAction);
  }
  if (!r->closed_period) {
    return absl::FailedPreconditionError(
        absl::StrCat("annual report ", id, " has the figures of ", r->year,
                     " while it was in progress: generate it again after the year ends"));
  }
  const absl::Time now = d_.clock->Now();
  LE_ASSIGN_OR_RETURN(
      AnnualReport published,
      d_.reports->PublishReport(id, who.subject, now,
                                app::AuditOf(who, "annual_report.publish", id, now,
                                             absl::StrCat("version ", r->version))));
  log::Info("annual_report_published",
            {{"report_id", id}, {"version", absl::StrCat(published.version)}});
  return published;
}

absl::StatusOr<ReportStatusView> Reports::Status(const auth::Principal& who,
                                                 const std::string& division_code, int year) {
  constexpr absl::string_view kAction = "read annual report status of this division";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReaders, kAction));
  LE_ASSIGN_OR_RETURN(std::string scope,
                      d_.authorizer->ScopeForList(who, "division_code", division_code, kAction));
  LE_RETURN_IF_ERROR(ValidateYear(year));
  LE_ASSIGN_OR_RETURN(Division root, d_.divisions->Lookup(scope));
  if (root.tier == Tier::kTownship) {
    return InvalidField("division_code", "a township publishes no annual report of its own");
  }
  using Published = std::map<std::string, FirstPublication>;
  LE_ASSIGN_OR_RETURN(Published published,
                      d_.reports->FirstPublications(Divisions::SubtreePrefix(scope), year));
  const absl::Time now = d_.clock->Now();
  ReportStatusView out{scope, year, {}};
  for (const Division* d : ReportingDivisions(*d_.divisions, scope)) {
    DivisionDueStatus s;
    s.division = d;
    if (auto it = published.find(d->code); it != published.end()) s.first = it->second;
    s.state =
        DueStateOf(year, s.first.has_value() ? std::optional(s.first->time) : std::nullopt, now);
    out.divisions.push_back(std::move(s));
  }
  return out;
}

}  // namespace lawenforce::tasks
