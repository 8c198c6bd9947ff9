#ifndef LAWENFORCE_COMMON_STORE_AUDIT_H_
#define LAWENFORCE_COMMON_STORE_AUDIT_H_

// The audit log (ARCHITECTURE.md section 7): who did what to which record,
// and when, written in the same transaction as the change itself. Every
// service includes kAuditLogTableSql in one of its migrations (personnel's
// first migration created the same table itself) and kAuditLogScopeSql in
// a later one.
//
// A row carries the division of the record it is about, stored once whole
// and once cut to each tier's prefix, so that a list for a caller's
// jurisdiction (a city, a county, a township) is one equality on an
// indexed column read newest first, never a scan: ListAuditRows.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/ids/id_generator.h"
#include "common/store/sql.h"

namespace lawenforce::store {

inline constexpr absl::string_view kAuditLogTableSql = R"sql(
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  event_time INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_by_resource ON audit_log (resource_id, event_time);
)sql";

// The later migration: the method, the record's division and its tier
// prefixes, the changed fields. Rows written before it have an empty
// division (only a region-wide list shows them) unless the service's
// migration fills it from its records.
inline constexpr absl::string_view kAuditLogScopeSql = R"sql(
ALTER TABLE audit_log ADD COLUMN method TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN division_code TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN scope_city TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN scope_county TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN changes TEXT NOT NULL DEFAULT '';
DROP INDEX audit_by_resource;
CREATE INDEX audit_by_resource ON audit_log (resource_id, event_time, id);
CREATE INDEX audit_by_time ON audit_log (event_time, id);
CREATE INDEX audit_by_city ON audit_log (scope_city, event_time, id);
CREATE INDEX audit_by_county ON audit_log (scope_county, event_time, id);
CREATE INDEX audit_by_division ON audit_log (division_code, event_time, id);
CREATE INDEX audit_by_actor ON audit_log (actor, event_time, id);
)sql";

// After kAuditLogScopeSql: the tier prefixes of rows whose division_code a
// service's migration filled in.
inline constexpr absl::string_view kAuditLogScopeFillSql = R"sql(
UPDATE audit_log SET scope_city = substr(division_code, 1, 4),
  scope_county = substr(division_code, 1, 6) WHERE division_code <> '';
)sql";

// One changed field of a record. Values are as shown to a reader of the
// audit log: personal data masked (a name "王**"), protected values (an
// identity-card number) never present.
struct FieldChange {
  std::string field;
  std::string before;
  std::string after;

  friend bool operator==(const FieldChange&, const FieldChange&) = default;
};

// One audit row. No personal data in any field but masked values.
struct AuditEntry {
  std::string actor;   // token subject, or "system" for the service's own handlers
  std::string action;  // e.g. "certificate.suspend"; "denied.<Method>" for a denial
  std::string resource_id;
  std::string detail;  // short
  absl::Time time;
  std::string method = {};         // the RPC ("SuspendCertificate"); empty for the engine's own
  std::string division_code = {};  // the record's division (a denial's: see the service)
  std::vector<FieldChange> changes = {};
};

// An audit row as read back.
struct AuditRow {
  std::string id;
  AuditEntry entry;
};

// Inside a write transaction: appends `entry` under a new id.
absl::Status WriteAuditRow(Transaction& tx, IdGenerator& ids, const AuditEntry& entry);

// What a list of audit rows asks for. Every set field narrows it.
struct AuditQuery {
  // Subtree prefix of the caller's jurisdiction (Divisions::SubtreePrefix):
  // 2 characters for the region (no narrowing), 4 a city, 6 a county, 9 a
  // township.
  std::string scope_prefix;
  std::string resource_id;
  std::string actor;
  std::string method;
  std::vector<std::string> actions;  // any of these (empty: any)
  std::string action_prefix;         // e.g. "certificate." (empty: any)
  std::optional<bool> denied;        // only denials / only changes
  std::optional<absl::Time> from;    // inclusive
  std::optional<absl::Time> until;   // exclusive
};

// Newest first (time, then id, descending), `limit` rows after the row
// `after_id` (empty: from the newest). A row id not in the log as
// `after_id` gives an empty page.
absl::StatusOr<std::vector<AuditRow>> ListAuditRows(Transaction& tx, const AuditQuery& query,
                                                    const std::string& after_id, int limit);

// True when `row` matches `query` (for stores that keep rows in memory).
bool AuditRowMatches(const AuditRow& row, const AuditQuery& query);

// The stored text of `changes` and back (a JSON array of
// [field, before, after]); Parse gives an empty list for malformed text.
std::string EncodeFieldChanges(const std::vector<FieldChange>& changes);
std::vector<FieldChange> ParseFieldChanges(absl::string_view text);

}  // namespace lawenforce::store

#endif  // LAWENFORCE_COMMON_STORE_AUDIT_H_
