#ifndef LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_WRITES_H_
#define LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_WRITES_H_

// Statements shared by the store and the deadline handlers, each run inside
// the caller's transaction.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "common/ids/id_generator.h"
#include "common/store/sql.h"
#include "services/personnel/domain/model.h"
#include "services/personnel/store/personnel_store.h"

namespace lawenforce::personnel::sql {

// Appends `event` to the certificate's history under the next sequence
// number (the event's own `sequence` is ignored).
absl::Status AppendCertificateEvent(store::Transaction& tx, const std::string& certificate_id,
                                    const CertificateEvent& event);

absl::Status WriteAuditRow(store::Transaction& tx, IdGenerator& ids, const AuditEntry& audit);

}  // namespace lawenforce::personnel::sql

#endif  // LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_WRITES_H_
