#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_OFFICERS_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_OFFICERS_H_

// Use cases on officers (行政执法人员). Check order as in agencies.h; inputs
// that api/ could not even convert arrive as a failed StatusOr, so that a
// caller without the role learns nothing from validation. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/personnel/app/use_case_deps.h"

namespace lawenforce::personnel {

// Narrowing of ListOfficers: every field optional.
struct OfficerSearch {
  std::string name_prefix;  // names starting with it (1..64 characters)
  std::string id_number;    // a whole identity-card number (GB 11643)
  std::optional<bool> review_required;
  std::optional<bool> in_service;
  // Only officers in service holding no enforcement certificate valid today.
  bool without_valid_certificate = false;
};

// What changing `before` into `after` changed, as audit fields: the name
// masked, roles listed (never the identity-card number).
std::vector<store::FieldChange> OfficerFieldChanges(const Officer& before, const Officer& after);

class Officers {
 public:
  Officers(OfficerStore* store, const UseCaseDeps& deps) : store_(store), deps_(deps) {}

  // `id_number` is the identity-card number in clear; it is stored
  // encrypted with a blind index and returned masked.
  absl::StatusOr<Officer> Create(const auth::Principal& who, absl::StatusOr<Officer> draft,
                                 const std::string& id_number, const CreateOptions& options);
  // The fields of a draft as Create checks them at `now` (the import's
  // too), the agency aside.
  absl::Status Check(const Officer& draft, const std::string& id_number, absl::Time now) const;
  absl::StatusOr<Officer> Get(const auth::Principal& who, const std::string& id);
  // The subtree's officers, narrowed by `search` (an identity-card number
  // is looked up by its blind index, never by decrypting stored values).
  absl::StatusOr<Page<Officer>> List(const auth::Principal& who, const std::string& division_code,
                                     const std::string& agency_id,
                                     absl::StatusOr<std::optional<OfficerRole>> role,
                                     const PageQuery& page, const OfficerSearch& search = {});
  // Fields left nullopt are not changed (the update mask). `etag` empty
  // means "whatever the current version is".
  absl::StatusOr<Officer> Update(
      const auth::Principal& who, const std::string& id, const std::string& etag,
      const std::optional<std::string>& name,
      const absl::StatusOr<std::optional<std::vector<OfficerRole>>>& roles);
  // Clears the officer's review flag, and those of its certificates, after
  // a supervisor's review: supervisor or system only, with a reason
  // (recorded in the audit row "officer.review_cleared").
  absl::StatusOr<Officer> ClearReview(const auth::Principal& who, const std::string& id,
                                      const std::string& reason, const std::string& etag);

 private:
  OfficerStore* store_;
  UseCaseDeps deps_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_OFFICERS_H_
