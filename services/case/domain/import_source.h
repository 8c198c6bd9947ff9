#ifndef LAWENFORCE_SERVICES_CASE_DOMAIN_IMPORT_SOURCE_H_
#define LAWENFORCE_SERVICES_CASE_DOMAIN_IMPORT_SOURCE_H_

// Where an imported record came from (task 36: ingestion without
// re-entry): the departmental system, the record's id there, and when it
// was first and last imported (docs/api/cases.md "Ingestion").

#include <string>

#include "absl/time/time.h"

namespace lawenforce::cases {

struct ImportSource {
  std::string system;
  std::string id;
  absl::Time first_import_time;
  absl::Time last_import_time;
};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_DOMAIN_IMPORT_SOURCE_H_
