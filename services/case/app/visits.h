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
#include "services/case/domain/import.h"
#include "services/case/domain/visit.h"

namespace lawenforce::cases {

// One record of ImportInspections: the source's id, the visit as the API
// gives it (visit_time: when it happened) and its canonical bytes.
struct ImportedVisitInput {
  std::string source_id;
  absl::StatusOr<InspectionVisit> visit = InspectionVisit{};
  std::string canonical;
};

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
  // Imports visits recorded in a departmental system (docs/api/cases.md
  // "Ingestion"), each judged as a live visit at its visit_time and
  // written with its source row in its own transaction. `validate_only`:
  // every check (caps included, in a transaction rolled back), nothing
  // written.
  absl::StatusOr<std::vector<ImportRecordResult>> Import(const auth::Principal& who,
                                                         const std::string& source_system,
                                                         std::vector<ImportedVisitInput> records,
                                                         bool validate_only);
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
  // Every part's agency within `who`'s jurisdiction and a bound admin's
  // own among them, each item an inspection item of its agency, every
  // officer eligible at `at` in one of the items' domains, a draw basis a
  // draw of the visit's agencies with the enterprise among its targets.
  absl::Status CheckVisit(const auth::Principal& who, InspectionVisit& v, absl::Time at,
                          absl::string_view action) const;
  // Id, moment `at`, recording moment `now`, year, lead division, recorder.
  void Stamp(const auth::Principal& who, InspectionVisit& v, absl::Time at, absl::Time now) const;
  absl::StatusOr<std::optional<InspectionWarning>> Decide(InspectionVisit& visit,
                                                          const VisitFacts& facts,
                                                          const std::string& warn_division) const;

  const CaseDeps d_;
  const FrequencyRule rule_;
};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_APP_VISITS_H_
