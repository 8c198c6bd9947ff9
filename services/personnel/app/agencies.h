#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_AGENCIES_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_AGENCIES_H_

// Use cases on enforcement agencies (执法主体). Every method first checks the
// caller's role (before any lookup), then validates input, then checks
// jurisdiction on the record or on the division the request names. Field
// paths in errors are the API's ("agency.name"). Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/personnel/app/use_case_deps.h"

namespace lawenforce::personnel {

class Agencies {
 public:
  Agencies(AgencyStore* store, const UseCaseDeps& deps) : store_(store), deps_(deps) {}

  absl::StatusOr<Agency> Create(const auth::Principal& who, Agency draft,
                                const CreateOptions& options);
  // The fields of a draft as Create checks them (the import's too).
  absl::Status Check(const Agency& draft) const;
  // Rename (机构改革, 更名) and/or change the enforcement domains (only
  // the fields given), with a reason kept in the audit log, which is the
  // agency's history (ListAuditEntries resource_id). A domain still
  // covered by a live certificate of the agency cannot be removed.
  absl::StatusOr<Agency> Update(
      const auth::Principal& who, const std::string& id, const std::string& etag,
      const std::optional<std::string>& name,
      const absl::StatusOr<std::optional<std::vector<std::string>>>& domains,
      const std::string& reason);
  absl::StatusOr<Agency> Get(const auth::Principal& who, const std::string& id);
  absl::StatusOr<Page<Agency>> List(const auth::Principal& who, const std::string& division_code,
                                    const PageQuery& page);

 private:
  AgencyStore* store_;
  UseCaseDeps deps_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_AGENCIES_H_
