#ifndef LAWENFORCE_SERVICES_CASE_APP_CASE_STATISTICS_H_
#define LAWENFORCE_SERVICES_CASE_APP_CASE_STATISTICS_H_

// GetCaseStatistics: the figures of a division subtree or of one agency
// for a period of China Standard Time dates, as they stood at the end of
// the period or now if sooner (domain/statistics.h). Role, then input,
// then jurisdiction, as ListCases: the division must be the caller's or
// inside it; an agency must be one personnel-service knows inside the
// caller's jurisdiction; an agency admin bound to an agency
// (Authorizer::RequireAgency) reads only its agency's figures.
// Thread-safe.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/auth/principal.h"
#include "services/case/app/case_deps.h"
#include "services/case/domain/statistics.h"
#include "services/case/domain/visit.h"

namespace lawenforce::cases {

struct CaseStatisticsReport {
  std::string division_code;  // the scope's (an agency's division for an agency)
  std::string agency_id;      // empty: the whole subtree
  absl::CivilDay start_date;
  absl::CivilDay end_date;
  absl::Time as_of;
  bool closed_period = false;
  CaseFigures figures;
  InspectionFigures inspections;
};

class CaseStatistics {
 public:
  explicit CaseStatistics(const CaseDeps& deps) : d_(deps) {}

  // At most one of `division_code` and `agency_id`; neither: the caller's
  // division (a bound agency admin: its agency). INVALID_ARGUMENT naming
  // start_date or end_date (missing or malformed, end before start, more
  // than five years), agency_id (malformed, or given with
  // division_code), division_code (unknown); PERMISSION_DENIED outside
  // the caller's jurisdiction, for an unknown agency too (NOT_FOUND for a
  // region-wide caller); UNAVAILABLE when personnel-service cannot say
  // where an agency is.
  absl::StatusOr<CaseStatisticsReport> Get(const auth::Principal& who,
                                           const std::string& division_code,
                                           const std::string& agency_id,
                                           absl::StatusOr<absl::CivilDay> start_date,
                                           absl::StatusOr<absl::CivilDay> end_date) const;

 private:
  const CaseDeps d_;
};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_APP_CASE_STATISTICS_H_
