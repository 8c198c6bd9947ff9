#ifndef LAWENFORCE_COMMON_KIT_MAINTENANCE_H_
#define LAWENFORCE_COMMON_KIT_MAINTENANCE_H_

// One-shot store commands every service binary runs instead of serving,
// with the service's own configuration (docs/operations.md "Backup and
// restore", "Moving from SQLite to PostgreSQL"):
//
//   --digest-store         prints one JSON line per table of --store
//                          {"table","rows","sha256"} (store/transfer.h) and
//                          exits: equal digests, equal records.
//   --import-from=URL      copies every record of the store at URL (the
//                          service stopped, its schema at the version this
//                          binary migrates --store to) into the empty
//                          --store, checks the digests agree and exits.

#include <optional>

#include "common/config/flags.h"
#include "common/kit/service.h"
#include "common/store/sql.h"

namespace lawenforce::kit {

// Defines --digest-store and --import-from (DefineFlags calls it).
void DefineMaintenanceFlags(config::Flags& flags);

// When `flags` ask for a command, runs it on `db` (the service's store,
// already migrated) and returns the process exit code (0 done, 1 failed, with a log line
// saying why); std::nullopt when the service should serve.
std::optional<int> RunMaintenance(const ServiceSpec& spec, const config::Flags& flags,
                                  store::Database& db);

}  // namespace lawenforce::kit

#endif  // LAWENFORCE_COMMON_KIT_MAINTENANCE_H_
