#ifndef LAWENFORCE_COMMON_DEADLINES_SCHEMA_H_
#define LAWENFORCE_COMMON_DEADLINES_SCHEMA_H_

// The table behind the deadline engine, for the owning service's migration
// list (store::Migration{n, "deadlines", kDeadlinesTableSql}). Portable to
// SQLite and PostgreSQL (partial indexes exist in both).
//
// Columns: times are unix microseconds. `state` is pending, fired or
// cancelled. `remind_at` is NULL without a reminder; `reminded` is 1 once the
// reminder fired. `published` is 0 while the row's current state has not yet
// been written to Redis; `version` counts changes, so that marking a row
// published never covers a change made after the row was read (see
// deadline_engine.h). `fired_at` is when the due event fired.
//
// Indexes: (state, id) pages the reconciler through pending rows;
// (state, kind) counts them per kind for the pending gauge; the partial
// index on unpublished rows keeps the publish loop's query cheap however
// many rows the table holds.

#include "absl/strings/string_view.h"

namespace lawenforce::deadlines {

inline constexpr absl::string_view kDeadlinesTableSql = R"sql(
CREATE TABLE deadlines (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  remind_at INTEGER,
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'fired', 'cancelled')),
  reminded INTEGER NOT NULL DEFAULT 0,
  published INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 0,
  fired_at INTEGER,
  create_time INTEGER NOT NULL,
  UNIQUE (kind, subject));
CREATE INDEX deadlines_pending ON deadlines (state, id);
CREATE INDEX deadlines_pending_kind ON deadlines (state, kind);
CREATE INDEX deadlines_unpublished ON deadlines (id) WHERE published = 0;
)sql";

}  // namespace lawenforce::deadlines

#endif  // LAWENFORCE_COMMON_DEADLINES_SCHEMA_H_
