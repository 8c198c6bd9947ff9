#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_PERSONNEL_APP_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_PERSONNEL_APP_H_

// The use cases of personnel-service: authorization, validation,
// idempotency and orchestration of domain rules over the store. Knows no
// gRPC, protobuf or SQL types: api/ translates requests into these calls.
//
// Every method first checks the caller's role (before any lookup), then
// validates input (inputs that api/ could not even convert arrive as a
// failed StatusOr, so that a caller without the role learns nothing from
// validation), then checks jurisdiction on the record or the division
// the request names. Field paths in errors are the API's ("officer.name").

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/authorize.h"
#include "common/auth/principal.h"
#include "common/cache/versioned_cache.h"
#include "common/crypto/pii.h"
#include "common/ids/id_generator.h"
#include "common/time/clock.h"
#include "services/personnel/app/eligibility_source.h"
#include "services/personnel/app/record_cache.h"
#include "services/personnel/domain/certificate_machine.h"
#include "services/personnel/domain/eligibility.h"
#include "services/personnel/domain/model.h"
#include "services/personnel/domain/staffing.h"
#include "services/personnel/domain/training.h"
#include "services/personnel/store/personnel_store.h"

namespace lawenforce::personnel {

// Idempotency of a create: the client's request_id (may be empty: no
// idempotency) and a hash of the rest of the request.
struct CreateOptions {
  std::string request_id;
  std::string request_hash;
};

struct PageQuery {
  int page_size = 0;       // 0: default 50; > 500 is lowered to 500
  std::string page_token;  // opaque, from a previous page
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_page_token;  // empty on the last page
};

// Exactly one of the three is set.
struct SummaryScope {
  std::string officer_id;
  std::string agency_id;
  std::string division_code;
};

// Thread-safe. Collaborators must outlive the object.
class PersonnelApp {
 public:
  // `cache` may be null (no Redis): eligibility facts, officers and
  // certificates are then read from the store on every call.
  PersonnelApp(PersonnelStore* store, const auth::Authorizer* authorizer,
               const crypto::PiiProtector* pii, IdGenerator* ids, const Clock* clock,
               cache::VersionedCache* cache = nullptr);

  absl::StatusOr<Agency> CreateAgency(const auth::Principal& who, Agency draft,
                                      const CreateOptions& options);
  absl::StatusOr<Agency> GetAgency(const auth::Principal& who, const std::string& id);
  absl::StatusOr<Page<Agency>> ListAgencies(const auth::Principal& who,
                                            const std::string& division_code,
                                            const PageQuery& page);

  absl::StatusOr<Officer> CreateOfficer(const auth::Principal& who, absl::StatusOr<Officer> draft,
                                        const std::string& id_number, const CreateOptions& options);
  absl::StatusOr<Officer> GetOfficer(const auth::Principal& who, const std::string& id);
  absl::StatusOr<Page<Officer>> ListOfficers(const auth::Principal& who,
                                             const std::string& division_code,
                                             const std::string& agency_id,
                                             absl::StatusOr<std::optional<OfficerRole>> role,
                                             const PageQuery& page);
  // Fields left nullopt are not changed (the update mask). `etag` empty
  // means "whatever the current version is".
  absl::StatusOr<Officer> UpdateOfficer(
      const auth::Principal& who, const std::string& id, const std::string& etag,
      const std::optional<std::string>& name,
      const absl::StatusOr<std::optional<std::vector<OfficerRole>>>& roles);

  absl::StatusOr<Certificate> IssueCertificate(const auth::Principal& who,
                                               absl::StatusOr<Certificate> draft,
                                               const CreateOptions& options);
  absl::StatusOr<Certificate> GetCertificate(const auth::Principal& who, const std::string& id);
  absl::StatusOr<Page<Certificate>> ListCertificates(
      const auth::Principal& who, const std::string& division_code, const std::string& officer_id,
      absl::StatusOr<std::optional<CertificateState>> state, const PageQuery& page);
  absl::StatusOr<Certificate> TransitionCertificate(const auth::Principal& who,
                                                    const std::string& id,
                                                    CertificateEventKind event,
                                                    const std::string& reason,
                                                    const std::string& etag);
  absl::StatusOr<std::vector<CertificateEvent>> GetCertificateHistory(const auth::Principal& who,
                                                                      const std::string& id);

  // One verdict per officer id, in order. `at` nullopt means now.
  absl::StatusOr<std::vector<EligibilityVerdict>> CheckEligibility(
      const auth::Principal& who, const std::vector<std::string>& officer_ids,
      const std::string& domain, absl::StatusOr<std::optional<absl::Time>> at);

  // `draft.minutes` must already be converted (HoursToMinutes).
  absl::StatusOr<TrainingRecord> RecordTraining(const auth::Principal& who,
                                                absl::StatusOr<TrainingRecord> draft,
                                                const CreateOptions& options);
  absl::StatusOr<Page<TrainingRecord>> ListTrainingRecords(const auth::Principal& who,
                                                           const std::string& officer_id, int year,
                                                           const PageQuery& page);
  absl::StatusOr<TrainingSummary> GetTrainingSummary(const auth::Principal& who,
                                                     const SummaryScope& scope, int year);

  absl::StatusOr<Assessment> RecordAssessment(const auth::Principal& who,
                                              absl::StatusOr<Assessment> draft,
                                              const CreateOptions& options);
  absl::StatusOr<std::vector<Assessment>> ListAssessments(const auth::Principal& who,
                                                          const std::string& officer_id);

  // Exactly one of agency_id / division_code non-empty.
  absl::StatusOr<StaffingReport> GetStaffingCompliance(const auth::Principal& who,
                                                       const std::string& agency_id,
                                                       const std::string& division_code);

  // The current etag text of a version, as returned to clients.
  static std::string Etag(int64_t version);

 private:
  // Looks up a record the caller must be allowed to see: NOT_FOUND or the
  // same PERMISSION_DENIED as an out-of-jurisdiction record (Authorizer).
  absl::StatusOr<Officer> VisibleOfficer(const auth::Principal& who, const std::string& field,
                                         const std::string& id, absl::string_view action);
  absl::StatusOr<Agency> VisibleAgency(const auth::Principal& who, const std::string& field,
                                       const std::string& id, absl::string_view action);
  absl::StatusOr<Certificate> VisibleCertificate(const auth::Principal& who, const std::string& id,
                                                 absl::string_view action);
  // An agency_admin bound to an agency acts only on that agency's records.
  absl::Status RequireAgencyScope(const auth::Principal& who, const std::string& agency_id,
                                  absl::string_view action) const;

  PersonnelStore* store_;
  const auth::Authorizer* authorizer_;
  const crypto::PiiProtector* pii_;
  IdGenerator* ids_;
  const Clock* clock_;
  EligibilitySource eligibility_;
  RecordCache records_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_PERSONNEL_APP_H_
