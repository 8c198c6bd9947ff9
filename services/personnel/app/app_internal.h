#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_APP_INTERNAL_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_APP_INTERNAL_H_

// Shared by the PersonnelApp translation units only.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "common/auth/principal.h"
#include "services/personnel/app/personnel_app.h"
#include "services/personnel/store/personnel_store.h"

namespace lawenforce::personnel::internal {

// Who may do what (docs/api.md "Authorization" mirrors this table).
inline const auth::RoleSet kReaders = auth::RoleSet::All();
inline const auth::RoleSet kAgencyCreators = {auth::Role::kSupervisor, auth::Role::kSystem};
inline const auth::RoleSet kStaffWriters = {auth::Role::kAgencyAdmin, auth::Role::kSupervisor,
                                            auth::Role::kSystem};
inline const auth::RoleSet kCertificateAuthorities = {auth::Role::kSupervisor, auth::Role::kSystem};
inline const auth::RoleSet kCancellers = {auth::Role::kAgencyAdmin, auth::Role::kSupervisor,
                                          auth::Role::kSystem};

// The idempotency key of a create, or nullopt when the client sent no
// request_id. INVALID_ARGUMENT naming request_id when it is malformed.
absl::StatusOr<std::optional<IdempotencyKey>> KeyFor(absl::string_view method,
                                                     const CreateOptions& options);

AuditEntry Audit(const auth::Principal& who, absl::string_view action,
                 const std::string& resource_id, absl::Time now, std::string detail = "");

// Parses an etag sent by a client; INVALID_ARGUMENT naming `field` if it is
// not one this service issued.
absl::StatusOr<int64_t> ParseEtag(absl::string_view field, absl::string_view etag);

}  // namespace lawenforce::personnel::internal

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_APP_INTERNAL_H_
