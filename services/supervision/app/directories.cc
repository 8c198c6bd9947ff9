#include "services/supervision/app/directories.h"

#include "absl/strings/str_cat.h"
#include "common/ids/id_generator.h"

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

}  // namespace lawenforce::supervision
