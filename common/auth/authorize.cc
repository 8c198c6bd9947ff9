#include "common/auth/authorize.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace lawenforce::auth {

absl::Status Authorizer::RequireRole(const Principal& principal, RoleSet allowed,
                                     absl::string_view action) const {
  if (!principal.roles.Intersects(allowed)) {
    return PermissionDenied(action);
  }
  return absl::OkStatus();
}

absl::Status Authorizer::RequireWithin(const Principal& principal, absl::string_view division_code,
                                       absl::string_view action) const {
  // IsWithin is false when either code is unknown, so a principal whose
  // division is not in the table is denied everything.
  if (!divisions_.IsWithin(division_code, principal.division_code)) {
    return PermissionDenied(action);
  }
  return absl::OkStatus();
}

absl::Status Authorizer::RequireAgency(const Principal& principal, absl::string_view agency_id,
                                       absl::string_view action) const {
  const bool bound_admin = principal.roles.Has(Role::kAgencyAdmin) &&
                           !principal.roles.Has(Role::kSupervisor) &&
                           !principal.roles.Has(Role::kSystem) && !principal.agency_id.empty();
  if (bound_admin && principal.agency_id != agency_id) {
    return PermissionDenied(action);
  }
  return absl::OkStatus();
}

absl::Status Authorizer::RecordNotFound(const Principal& principal, absl::string_view what,
                                        absl::string_view action) const {
  if (principal.division_code == divisions_.root()) {
    return absl::NotFoundError(absl::StrCat(what, " not found"));
  }
  return PermissionDenied(action);
}

absl::StatusOr<std::string> Authorizer::ScopeForList(const Principal& principal,
                                                     absl::string_view field,
                                                     absl::string_view requested,
                                                     absl::string_view action) const {
  if (!divisions_.Lookup(principal.division_code).ok()) {
    return PermissionDenied(action);
  }
  if (requested.empty()) {
    return principal.division_code;
  }
  absl::StatusOr<Division> division = divisions_.Validate(field, requested);
  if (!division.ok()) {
    return division.status();
  }
  if (!divisions_.IsWithin(division->code, principal.division_code)) {
    return PermissionDenied(action);
  }
  return division->code;
}

}  // namespace lawenforce::auth
