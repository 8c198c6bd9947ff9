#ifndef LAWENFORCE_COMMON_DEADLINES_TEST_EFFECTS_H_
#define LAWENFORCE_COMMON_DEADLINES_TEST_EFFECTS_H_

// Test support shared by the deadline tests and the worker helper binary: a
// handler effect is one row in `effects`, written in the firing transaction.
// No UNIQUE constraint on purpose: a second firing shows up as a second row
// instead of failing the transaction, so tests can count.

#include <array>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/deadlines/deadline_scheduler.h"
#include "common/deadlines/schema.h"
#include "common/store/sql.h"

namespace lawenforce::deadlines::testing {

inline constexpr absl::string_view kEffectsTableSql = R"sql(
CREATE TABLE effects (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  deadline_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  is_reminder INTEGER NOT NULL,
  worker TEXT NOT NULL);
)sql";

inline constexpr std::array<store::Migration, 2> kTestMigrations = {{
    {1, "deadlines", kDeadlinesTableSql},
    {2, "effects", kEffectsTableSql},
}};

inline absl::Status RecordEffect(store::Transaction& tx, const Deadline& deadline,
                                 absl::string_view worker) {
  return tx
      .Execute(
          "INSERT INTO effects (deadline_id, subject, is_reminder, worker) VALUES (?, ?, ?, ?)",
          {store::Text(deadline.id), store::Text(deadline.subject),
           store::Bool(deadline.is_reminder), store::Text(worker)})
      .status();
}

}  // namespace lawenforce::deadlines::testing

#endif  // LAWENFORCE_COMMON_DEADLINES_TEST_EFFECTS_H_
