#ifndef LAWENFORCE_COMMON_AUTH_AUTHORIZE_H_
#define LAWENFORCE_COMMON_AUTH_AUTHORIZE_H_

// Role and jurisdiction checks. Every handler calls RequireRole before it
// looks anything up, then RequireWithin on the record's division (or on the
// division a request names). The denial is the same PERMISSION_DENIED
// whether or not the record exists; a record that does not exist is only
// reported NOT_FOUND to a caller whose jurisdiction is the whole region
// (RecordNotFound below), because only such a caller could have seen it.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/auth/principal.h"
#include "common/divisions/divisions.h"

namespace lawenforce::auth {

// Thread-safe; holds a reference to `divisions`, which must outlive it.
class Authorizer {
 public:
  explicit Authorizer(const Divisions& divisions) : divisions_(divisions) {}

  // PERMISSION_DENIED "caller may not <action>" unless the principal holds
  // one of `allowed`.
  absl::Status RequireRole(const Principal& principal, RoleSet allowed,
                           absl::string_view action) const;

  // PERMISSION_DENIED "caller may not <action>" unless `division_code` is the
  // principal's division or inside its subtree.
  absl::Status RequireWithin(const Principal& principal, absl::string_view division_code,
                             absl::string_view action) const;

  // PERMISSION_DENIED "caller may not <action>" when the principal is an
  // agency_admin bound to an agency (token claim "agency") other than
  // `agency_id` and holds no wider role (supervisor or system): such an
  // admin acts only on its own agency's records.
  absl::Status RequireAgency(const Principal& principal, absl::string_view agency_id,
                             absl::string_view action) const;

  // What to answer when a looked-up record is missing: NOT_FOUND "<what> not
  // found" for a region-wide caller, else the same PERMISSION_DENIED as for a
  // record outside the caller's jurisdiction.
  absl::Status RecordNotFound(const Principal& principal, absl::string_view what,
                              absl::string_view action) const;

  // The division subtree a List call covers: `requested` when it is inside
  // the caller's jurisdiction, the caller's own division when `requested`
  // is empty; INVALID_ARGUMENT naming `field` for a bad code, and
  // PERMISSION_DENIED when it is outside.
  absl::StatusOr<std::string> ScopeForList(const Principal& principal, absl::string_view field,
                                           absl::string_view requested,
                                           absl::string_view action) const;

  const Divisions& divisions() const { return divisions_; }

 private:
  const Divisions& divisions_;
};

}  // namespace lawenforce::auth

#endif  // LAWENFORCE_COMMON_AUTH_AUTHORIZE_H_
