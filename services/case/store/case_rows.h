#ifndef LAWENFORCE_SERVICES_CASE_STORE_CASE_ROWS_H_
#define LAWENFORCE_SERVICES_CASE_STORE_CASE_ROWS_H_

// Internal to the SQL store: reading and writing a case with its parties,
// officers, clocks, record and acts on a caller's transaction, so that the
// store's own writes and the clock deadline handler (running in the
// deadline engine's transaction) write exactly the same way.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/deadlines/deadline_scheduler.h"
#include "common/store/record_store.h"
#include "common/store/sql.h"
#include "services/case/store/case_store.h"

namespace lawenforce::cases::sql {

inline constexpr char kCaseColumns[] =
    "id, agency_id, division_code, item_id, state, enterprise_party, overdue, violation_time, "
    "filed_at, decided_at, closed_at, record_length, record_head, detail, update_time, version";

// A case row (kCaseColumns) without its parties. DATA_LOSS for a malformed detail.
absl::StatusOr<Case> CaseFromRow(const store::Row& r);
// Fills the parties of `cases` (one query).
absl::Status LoadParties(store::Transaction& tx, std::vector<Case>& cases);
// NOT_FOUND "case not found".
absl::StatusOr<CaseBundle> ReadBundle(store::Transaction& tx, const std::string& id);
// Every clock of case `id`, by kind. DATA_LOSS for malformed events.
absl::StatusOr<std::vector<StatutoryClock>> ReadClocks(store::Transaction& tx,
                                                       const std::string& id);

// The source row of an imported record (import_sources), if any.
absl::StatusOr<std::optional<SourceRecord>> ReadSource(store::Transaction& tx,
                                                       const std::string& kind,
                                                       const std::string& system,
                                                       const std::string& agency_id,
                                                       const std::string& source_id);
// Inserts `s` (s.version 0) or replaces it over s.version; ABORTED naming
// source_id when the stored row is not at s.version.
absl::Status WriteSource(store::Transaction& tx, const SourceRecord& s);

// Writes `w` in `change`: the case row (inserted when w.expected_version
// is 0, else updated at that version: ABORTED naming "etag"), its parties
// and officers, the clocks (and their deadlines on `deadlines`, nullable),
// the record entry chained after the case's last, the acts, the case's
// facts after the act (case_facts.h), the outbox event and the audit row.
// Returns the chained entry.
absl::StatusOr<RecordEntry> WriteCase(store::Change& change, const CaseWrite& w,
                                      deadlines::DeadlineScheduler* deadlines);

// "<case id>/<clock code>".
std::string ClockSubject(const std::string& case_id, ClockKind kind);

// [low, high) of the division codes under `prefix` (empty prefix: all).
std::pair<std::string, std::string> PrefixRange(const std::string& prefix);

}  // namespace lawenforce::cases::sql

#endif  // LAWENFORCE_SERVICES_CASE_STORE_CASE_ROWS_H_
