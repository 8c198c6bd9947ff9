#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_USE_CASE_DEPS_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_USE_CASE_DEPS_H_

// What personnel's use-case classes share: the collaborators every one of
// them takes, the role table, and the jurisdiction-visible lookups of the
// records several of them start from. Internal to app/.

#include <string>

#include "absl/status/statusor.h"
#include "common/app/use_case.h"
#include "common/auth/authorize.h"
#include "common/auth/principal.h"
#include "common/crypto/pii.h"
#include "common/ids/id_generator.h"
#include "common/time/clock.h"
#include "services/personnel/app/record_cache.h"
#include "services/personnel/domain/domains.h"
#include "services/personnel/domain/model.h"
#include "services/personnel/domain/policy.h"
#include "services/personnel/store/personnel_store.h"

namespace lawenforce::personnel {

using app::CreateOptions;
using app::Page;
using app::PageQuery;

// Who may do what (docs/api/personnel.md "Authorization" mirrors this table).
namespace roles {
inline const auth::RoleSet kReaders = auth::RoleSet::All();
inline const auth::RoleSet kAgencyCreators = {auth::Role::kSupervisor, auth::Role::kSystem};
inline const auth::RoleSet kStaffWriters = {auth::Role::kAgencyAdmin, auth::Role::kSupervisor,
                                            auth::Role::kSystem};
inline const auth::RoleSet kCertificateAuthorities = {auth::Role::kSupervisor, auth::Role::kSystem};
inline const auth::RoleSet kCancellers = {auth::Role::kAgencyAdmin, auth::Role::kSupervisor,
                                          auth::Role::kSystem};
inline const auth::RoleSet kAuditReaders = {auth::Role::kAuditor, auth::Role::kSupervisor,
                                            auth::Role::kSystem};
}  // namespace roles

// Records a caller must be allowed to see (common/app FindVisible): the
// same PERMISSION_DENIED for a missing record as for one outside the
// caller's jurisdiction. Officers and certificates are read through the
// cache. Thread-safe.
class Lookups {
 public:
  Lookups(AgencyStore* agencies, RecordCache* records, const auth::Authorizer* authorizer)
      : agencies_(agencies), records_(records), authorizer_(authorizer) {}

  absl::StatusOr<Agency> VisibleAgency(const auth::Principal& who, absl::string_view field,
                                       const std::string& id, absl::string_view action) const;
  absl::StatusOr<Officer> VisibleOfficer(const auth::Principal& who, absl::string_view field,
                                         const std::string& id, absl::string_view action) const;
  absl::StatusOr<Certificate> VisibleCertificate(const auth::Principal& who,
                                                 absl::string_view field, const std::string& id,
                                                 absl::string_view action) const;

 private:
  AgencyStore* agencies_;
  RecordCache* records_;
  const auth::Authorizer* authorizer_;
};

// The collaborators of every use-case class; all must outlive it.
struct UseCaseDeps {
  const auth::Authorizer* authorizer = nullptr;
  const crypto::PiiProtector* pii = nullptr;
  IdGenerator* ids = nullptr;
  const Clock* clock = nullptr;
  const Lookups* lookups = nullptr;
  const PersonnelPolicy* policy = nullptr;
  // The enforcement domains agencies and certificates may name; null: any
  // well-formed code (tests that do not care).
  const EnforcementDomains* domains = nullptr;
};

// The domains of an agency or certificate: on the catalogue when there is
// one, else only well-formed (validation.h).
absl::Status ValidateKnownDomains(const UseCaseDeps& deps, absl::string_view field,
                                  const std::vector<std::string>& domains);

// The key of a create by `who` (common/app KeyFor: caller-scoped, keyed
// with the PII key's request-hash key), `protected_form` standing for a
// protected value left out of the request digest.
absl::StatusOr<std::optional<IdempotencyKey>> KeyOf(const UseCaseDeps& deps,
                                                    absl::string_view method,
                                                    const auth::Principal& who,
                                                    const CreateOptions& options,
                                                    absl::string_view protected_form = "");

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_USE_CASE_DEPS_H_
