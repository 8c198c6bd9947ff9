#ifndef LAWENFORCE_SERVICES_CASE_APP_VISITS_H_
#define LAWENFORCE_SERVICES_CASE_APP_VISITS_H_

// Enterprise inspection control (domain/visit.h): caps, on-site visits,
// white lists and high-frequency warnings. Agencies come from
// personnel-service (AgencyDirectory), the officers' eligibility at the
// visit too (OfficerDirectory).

#include <string>

#include "absl/status/statusor.h"
#include "common/app/use_case.h"
#include "common/auth/principal.h"
#include "services/case/app/case_deps.h"
#include "services/case/domain/visit.h"

namespace lawenforce::cases {

class Visits {
 public:
  Visits(const CaseDeps& deps, FrequencyRule rule) : d_(deps), rule_(rule) {}

  absl::StatusOr<VisitCap> SetCap(const auth::Principal& who, VisitCap draft);
  // NOT_FOUND "inspection cap not found" when the agency published none
  // for the year; readable by every caller (a published figure).
  absl::StatusOr<VisitCap> GetCap(const auth::Principal& who, const std::string& agency_id,
                                  int year);

  // Records the visit now (docs/api/cases.md "Inspection control").
  absl::StatusOr<InspectionVisit> RecordVisit(const auth::Principal& who,
                                              absl::StatusOr<InspectionVisit> draft,
                                              const app::CreateOptions& options);
  absl::StatusOr<app::Page<InspectionVisit>> History(const auth::Principal& who,
                                                     const std::string& credit_code,
                                                     const std::string& division_code,
                                                     const app::PageQuery& page);

  absl::StatusOr<WhitelistEntry> AddToWhitelist(const auth::Principal& who,
                                                absl::StatusOr<WhitelistEntry> draft,
                                                const app::CreateOptions& options);
  absl::StatusOr<app::Page<WhitelistEntry>> ListWhitelist(const auth::Principal& who,
                                                          const std::string& agency_id,
                                                          const app::PageQuery& page);
  absl::StatusOr<app::Page<InspectionWarning>> ListWarnings(const auth::Principal& who,
                                                            const std::string& division_code,
                                                            const app::PageQuery& page);

 private:
  const CaseDeps d_;
  const FrequencyRule rule_;
};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_APP_VISITS_H_
