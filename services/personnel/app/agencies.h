#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_AGENCIES_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_AGENCIES_H_

// Use cases on enforcement agencies (执法主体). Every method first checks the
// caller's role (before any lookup), then validates input, then checks
// jurisdiction on the record or on the division the request names. Field
// paths in errors are the API's ("agency.name"). Thread-safe.

#include <string>

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
  absl::StatusOr<Agency> Get(const auth::Principal& who, const std::string& id);
  absl::StatusOr<Page<Agency>> List(const auth::Principal& who, const std::string& division_code,
                                    const PageQuery& page);

 private:
  AgencyStore* store_;
  UseCaseDeps deps_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_AGENCIES_H_
