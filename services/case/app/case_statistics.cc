#include "services/case/app/case_statistics.h"

#include <algorithm>

#include "common/app/use_case.h"
#include "common/divisions/divisions.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/case/app/cases.h"

namespace lawenforce::cases {
namespace {

// A period of at most five years, leap days included.
constexpr int kMaxPeriodDays = 366 * 5;

}  // namespace

absl::StatusOr<CaseStatisticsReport> CaseStatistics::Get(
    const auth::Principal& who, const std::string& division_code, const std::string& agency_id,
    absl::StatusOr<absl::CivilDay> start_date, absl::StatusOr<absl::CivilDay> end_date) const {
  constexpr absl::string_view kAction = "read case figures of this scope";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, CaseReaders(), kAction));
  LE_ASSIGN_OR_RETURN(absl::CivilDay start, std::move(start_date));
  LE_ASSIGN_OR_RETURN(absl::CivilDay end, std::move(end_date));
  if (end < start) return InvalidField("end_date", "is before start_date");
  if (end - start > kMaxPeriodDays) {
    return InvalidField("end_date", "the period is at most five years");
  }
  if (!agency_id.empty() && !division_code.empty()) {
    return InvalidField("agency_id", "give division_code or agency_id, not both");
  }
  // A bound agency admin (RequireAgency refuses it any other agency) is
  // scoped to its agency, as its acts are.
  const bool bound = !d_.authorizer->RequireAgency(who, "", kAction).ok();
  std::string agency = agency_id;
  if (agency.empty() && division_code.empty() && bound) agency = who.agency_id;
  CaseStatisticsReport out;
  FactsScope scope;
  if (!agency.empty()) {
    LE_ASSIGN_OR_RETURN(AgencyInfo info, VisibleAgency(d_, who, "agency_id", agency, kAction));
    LE_RETURN_IF_ERROR(d_.authorizer->RequireAgency(who, info.id, kAction));
    out.division_code = info.division_code;
    out.agency_id = info.id;
    scope.division_prefix = Divisions::SubtreePrefix(info.division_code);
    scope.agency_id = info.id;
  } else {
    if (bound) return PermissionDenied(kAction);
    LE_ASSIGN_OR_RETURN(out.division_code,
                        d_.authorizer->ScopeForList(who, "division_code", division_code, kAction));
    scope.division_prefix = Divisions::SubtreePrefix(out.division_code);
  }
  const absl::TimeZone cst = ChinaTimeZone();
  const absl::Time from = absl::FromCivil(start, cst);
  const absl::Time to = absl::FromCivil(end + 1, cst);
  const absl::Time now = d_.clock->Now();
  out.start_date = start;
  out.end_date = end;
  out.as_of = std::min(to, now);
  out.closed_period = to <= now;
  LE_ASSIGN_OR_RETURN(std::vector<CaseFacts> facts, d_.store->ListLatestFacts(scope, out.as_of));
  out.figures = ComputeCaseFigures(facts, from, out.as_of);
  LE_ASSIGN_OR_RETURN(std::vector<InspectionDraw> draws, d_.store->ListScopeDraws(scope));
  LE_ASSIGN_OR_RETURN(std::vector<InspectionVisit> visits,
                      d_.store->ListScopeVisits(scope, from, out.as_of));
  out.inspections = ComputeInspectionFigures(draws, visits, from, out.as_of);
  return out;
}

}  // namespace lawenforce::cases
