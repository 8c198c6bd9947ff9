#include "services/personnel/app/staffing.h"

#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/personnel/domain/validation.h"

namespace lawenforce::personnel {

absl::StatusOr<StaffingReport> Staffing::Get(const auth::Principal& who,
                                             const std::string& agency_id,
                                             const std::string& division_code, int year) {
  constexpr absl::string_view kAction = "read staffing of this scope";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kReaders, kAction));
  if (agency_id.empty() == division_code.empty()) {
    return InvalidField("scope", "exactly one of agency_id, division_code is required");
  }
  absl::Time as_of = absl::InfiniteFuture();
  if (year != 0) {
    LE_RETURN_IF_ERROR(ValidateYear("year", year));
    if (year >= absl::ToCivilYear(deps_.clock->Now(), ChinaTimeZone()).year()) {
      return InvalidField("year", "must be a past year (0: as of now)");
    }
    as_of = EndOfYear(year);
  }
  std::string scope_division;
  std::string prefix;
  if (!agency_id.empty()) {
    LE_ASSIGN_OR_RETURN(Agency agency,
                        deps_.lookups->VisibleAgency(who, "agency_id", agency_id, kAction));
    scope_division = agency.division_code;
  } else {
    LE_ASSIGN_OR_RETURN(scope_division, deps_.authorizer->ScopeForList(who, "division_code",
                                                                       division_code, kAction));
    prefix = Divisions::SubtreePrefix(scope_division);
  }
  LE_ASSIGN_OR_RETURN(std::vector<AgencyHeadcount> counts,
                      store_->Headcounts(agency_id, prefix, as_of));
  std::vector<AgencyCounts> input;
  input.reserve(counts.size());
  for (const AgencyHeadcount& c : counts) {
    input.push_back(AgencyCounts{c.agency_id, c.agency_name, c.division_code, c.officer_count,
                                 c.legal_reviewer_count});
  }
  return ComputeStaffing(deps_.authorizer->divisions(), scope_division, input,
                         deps_.policy->legal_reviewer_percent);
}

}  // namespace lawenforce::personnel
