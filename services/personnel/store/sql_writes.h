#ifndef LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_WRITES_H_
#define LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_WRITES_H_

// Writes shared by the store's RPC path and its deadline handlers, each
// inside the caller's change (common/store/record_store.h). The only code
// that changes a certificate's state.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "common/deadlines/deadline_scheduler.h"
#include "common/store/record_store.h"
#include "services/personnel/domain/model.h"
#include "services/personnel/store/personnel_store.h"

namespace lawenforce::personnel::sql {

// Appends `event` to the certificate's history under the next sequence
// number (the event's own `sequence` is ignored).
absl::Status AppendCertificateEvent(store::Transaction& tx, const std::string& certificate_id,
                                    const CertificateEvent& event);

// The one writer of certificate state, for transitions asked by a caller
// and for expiry alike: stores `to_state` with the event's reason and time,
// clears review_required and bumps the version (only when the stored
// version is `expected_version`, if given: else ABORTED naming etag, or
// NOT_FOUND), appends `event` to the history, cancels the expiry deadline
// when the certificate leaves for a final state other than EXPIRED (an
// expiry is that deadline firing), journals the cache keys the change
// invalidates (cache_keys.h) and writes `audit`.
absl::Status WriteCertificateState(store::Change& change, const std::string& id,
                                   std::optional<int64_t> expected_version,
                                   CertificateState to_state, const CertificateEvent& event,
                                   const AuditEntry& audit,
                                   deadlines::DeadlineScheduler* deadlines);

}  // namespace lawenforce::personnel::sql

#endif  // LAWENFORCE_SERVICES_PERSONNEL_STORE_SQL_WRITES_H_
