#include "common/auth/principal.h"

#include <array>

namespace lawenforce::auth {
namespace {

struct RoleSpelling {
  Role role;
  absl::string_view name;
};

// Indexed by the enum's value.
constexpr std::array<RoleSpelling, 6> kRoles = {{
    {Role::kOfficer, "officer"},
    {Role::kLegalReviewer, "legal_reviewer"},
    {Role::kAgencyAdmin, "agency_admin"},
    {Role::kSupervisor, "supervisor"},
    {Role::kAuditor, "auditor"},
    {Role::kSystem, "system"},
}};

}  // namespace

absl::string_view RoleName(Role role) {
  size_t index = static_cast<size_t>(role);
  return index < kRoles.size() ? kRoles[index].name : absl::string_view("unknown");
}

std::optional<Role> ParseRole(absl::string_view name) {
  for (const RoleSpelling& spelling : kRoles) {
    if (spelling.name == name) {
      return spelling.role;
    }
  }
  return std::nullopt;
}

RoleSet RoleSet::All() {
  RoleSet all;
  for (const RoleSpelling& spelling : kRoles) {
    all.Add(spelling.role);
  }
  return all;
}

}  // namespace lawenforce::auth
