#include "services/supervision/app/directories.h"

#include "absl/strings/str_cat.h"
#include "common/ids/id_generator.h"
#include "common/status/errors.h"

namespace lawenforce::supervision {

absl::Status RequireSupervisionCertificate(AgencyDirectory& officers, const auth::Principal& who,
                                           absl::string_view action) {
  if (!who.roles.Has(auth::Role::kSupervisor) || !IsValidId(who.subject)) {
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<bool>> holds = officers.HoldsSupervisionCertificate(who.subject);
  if (!holds.ok()) return holds.status();
  if (!holds->has_value() || **holds) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat("caller may not ", action, ": no valid supervision certificate"));
}

namespace {

const auth::RoleSet kAcrossAgencies = {auth::Role::kSupervisor, auth::Role::kAuditor,
                                       auth::Role::kSystem};

}  // namespace

absl::Status RequireAgency(const auth::Principal& who, const std::string& agency_id,
                           absl::string_view action) {
  if (who.roles.Intersects(kAcrossAgencies)) return absl::OkStatus();
  if (!who.agency_id.empty() && who.agency_id == agency_id) return absl::OkStatus();
  return PermissionDenied(action);
}

absl::StatusOr<std::string> AgencyScope(const auth::Principal& who, const std::string& requested,
                                        absl::string_view action) {
  if (!requested.empty()) {
    if (absl::Status s = ValidateId("agency_id", requested); !s.ok()) return s;
  }
  if (who.roles.Intersects(kAcrossAgencies)) return requested;
  if (who.agency_id.empty() || (!requested.empty() && requested != who.agency_id)) {
    return PermissionDenied(action);
  }
  return who.agency_id;
}

}  // namespace lawenforce::supervision
