#ifndef LAWENFORCE_COMMON_OUTBOX_OUTBOX_H_
#define LAWENFORCE_COMMON_OUTBOX_OUTBOX_H_

// The transactional outbox (ARCHITECTURE.md section 10): every state change
// of a service also writes an event row in the same transaction as the
// change, so that an event exists if and only if its change committed.
// Events are numbered by a per-service cursor (`seq`) in commit order:
// Append takes the next number from a one-row counter that it updates in
// the caller's transaction, so two transactions that both append are
// serialised on that row (SQLite has one writer anyway; on PostgreSQL the
// second waits for the first, or fails with a serialization error and is
// retried by the store), and a reader that has seen `seq` n will never
// later find an event numbered below n. Streaming them out (WatchEvents)
// is built on ReadEvents.
//
// Each service includes kOutboxTableSql in one of its migrations.
//
//   LE_RETURN_IF_ERROR(outbox::Append(change, {"case.filed", "cases/" + c.id,
//                                              c.division_code, who.subject, now,
//                                              CaseJson(c)}).status());
//
// The payload is the changed resource as the service's JSON. It is stored
// as is and will be sent to other systems: it must carry no protected
// value (identity-card numbers only masked; no blind index, no hash of
// one).

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/store/record_store.h"
#include "common/store/sql.h"

namespace lawenforce::outbox {

inline constexpr absl::string_view kOutboxTableSql = R"sql(
CREATE TABLE outbox_events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  event_type TEXT NOT NULL,
  resource_name TEXT NOT NULL,
  division_code TEXT NOT NULL,
  actor TEXT NOT NULL,
  event_time INTEGER NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX outbox_by_division ON outbox_events (division_code, seq);
CREATE INDEX outbox_by_resource ON outbox_events (resource_name, seq);
CREATE TABLE outbox_cursor (
  id INTEGER PRIMARY KEY,
  last_seq INTEGER NOT NULL
);
INSERT INTO outbox_cursor (id, last_seq) VALUES (1, 0);
)sql";

// One state change as other systems see it.
struct Event {
  // What happened, "<resource>.<verb>": "case.filed", "case.decided".
  std::string type;
  // The changed resource, "<collection>/<id>": "cases/6b0f...".
  std::string resource_name;
  // The resource's division (GB/T 2260), for subtree filters.
  std::string division_code;
  // Token subject of the caller, or "system" for the service's own handlers.
  std::string actor;
  absl::Time time;
  // The changed resource after the change, as JSON text (UTF-8).
  std::string payload;
};

// An event as stored: with its cursor position and id.
struct StoredEvent {
  int64_t seq = 0;
  std::string id;  // random, unique: lets a consumer drop a duplicate
  Event event;
};

// Inside the change's write transaction: appends `event` under the next
// cursor position and a new id from `ids`; returns the position.
// INVALID_ARGUMENT naming "event.<field>" for an empty type, resource name
// or actor, a division that is not 6 or 9 digits, an infinite time or a
// payload that is not valid UTF-8; store errors as they come.
absl::StatusOr<int64_t> Append(store::Transaction& tx, IdGenerator& ids, const Event& event);
absl::StatusOr<int64_t> Append(store::Change& change, const Event& event);

// What to read.
struct ReadRequest {
  int64_t after_seq = 0;        // events with seq > after_seq
  int limit = 100;              // at most this many (1..1000)
  std::string division_prefix;  // subtree prefix (Divisions::SubtreePrefix); empty: all
  std::string resource_name;    // one resource's events only; empty: all
};

// Events in cursor order, on `tx` (a read or write transaction).
// INVALID_ARGUMENT naming "limit" outside 1..1000; store errors.
absl::StatusOr<std::vector<StoredEvent>> ReadEvents(store::Transaction& tx,
                                                    const ReadRequest& request);
// The same on a read snapshot of `db`.
absl::StatusOr<std::vector<StoredEvent>> ReadEvents(store::Database& db,
                                                    const ReadRequest& request);

// The last position handed out (0 before the first event).
absl::StatusOr<int64_t> LastSeq(store::Transaction& tx);

}  // namespace lawenforce::outbox

#endif  // LAWENFORCE_COMMON_OUTBOX_OUTBOX_H_
