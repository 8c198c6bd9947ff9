#ifndef LAWENFORCE_COMMON_AUTH_PRINCIPAL_H_
#define LAWENFORCE_COMMON_AUTH_PRINCIPAL_H_

// Who is calling: the verified claims of a bearer token.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace lawenforce::auth {

// The suite's roles (ARCHITECTURE.md section 7). Token claim spelling in
// parentheses.
enum class Role : uint8_t {
  kOfficer = 0,        // "officer"
  kLegalReviewer = 1,  // "legal_reviewer"
  kAgencyAdmin = 2,    // "agency_admin"
  kSupervisor = 3,     // "supervisor"
  kAuditor = 4,        // "auditor"
  kSystem = 5,         // "system": another service of the suite
};

absl::string_view RoleName(Role role);
std::optional<Role> ParseRole(absl::string_view name);

// A small set of roles.
class RoleSet {
 public:
  RoleSet() = default;
  RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) Add(r);
  }
  void Add(Role r) { bits_ |= Bit(r); }
  bool Has(Role r) const { return (bits_ & Bit(r)) != 0; }
  bool Intersects(RoleSet other) const { return (bits_ & other.bits_) != 0; }
  bool empty() const { return bits_ == 0; }
  // Every role.
  static RoleSet All();

 private:
  static uint32_t Bit(Role r) { return 1u << static_cast<uint32_t>(r); }
  uint32_t bits_ = 0;
};

struct Principal {
  std::string subject;                             // "sub"
  RoleSet roles;                                   // "roles": array of role names
  std::string division_code;                       // "division": the caller's jurisdiction root
  std::string agency_id;                           // "agency": optional
  absl::Time expires_at = absl::InfiniteFuture();  // "exp"
};

}  // namespace lawenforce::auth

#endif  // LAWENFORCE_COMMON_AUTH_PRINCIPAL_H_
