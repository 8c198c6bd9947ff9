#ifndef LAWENFORCE_SERVICES_CASE_STORE_CASE_QUERY_H_
#define LAWENFORCE_SERVICES_CASE_STORE_CASE_QUERY_H_

// Internal to the SQL store: the statement that reads one ListCases page,
// and the conditions on a case's clocks that make it overdue.
//
// A page is the first `limit` cases after the cursor in id order that
// match the filter. Case ids are random, so every filter's matches are
// spread evenly over the id order, and reading an index in id order until
// the page is full costs about limit / (share of rows matching). The plan
// (migration 3, schema.cc) therefore reads, in this order of preference:
//
//   1. a small set in id order: the handling officer's cases
//      (case_officers), the item's, the agency's, the township's;
//   2. a narrow filed or decided range (at most kNarrowRange rows, counted
//      with a bounded probe): the range, sorted by id;
//   3. a set ordered by id whose index carries every other filter column,
//      so that the filter is evaluated in the index and only the page's
//      rows are read from the table: the state's, the county's, the
//      city's, or all cases.
//
// On SQLite the choice is spelled out (INDEXED BY, CROSS JOIN), because
// its planner cannot see how many rows a bound range or prefix covers; on
// PostgreSQL the same statement is left to the planner and its statistics.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/store/sql.h"
#include "services/case/store/case_store.h"

namespace lawenforce::cases::sql {

// Ranges of at most this many rows are read as a range and sorted.
inline constexpr int kNarrowRange = 2000;

struct Statement {
  std::string sql;
  std::vector<store::Value> params;
};

// The page of `filter` after `page.after_id`: kCaseColumns, then 0/1
// whether the case is overdue at filter.now. `tx` runs the range probes
// (SQLite only); `dialect` is Database::dialect().
absl::StatusOr<Statement> CaseListStatement(store::Transaction& tx, absl::string_view dialect,
                                            const CaseFilter& filter, const PageRequest& page);

// The condition on `division_code` for the subtree `prefix`
// (Divisions::SubtreePrefix; empty: none), as the indexes of migration 3
// spell it, with its parameter appended to `params`.
std::string SubtreeCondition(const std::string& prefix, std::vector<store::Value>& params);

// A clock (case_clocks row) running toward a due moment that makes its case
// overdue once passed: running, and not a party's window.
std::string RunningDutyClockCondition();

// An open clock past due at ? (bound by the caller) or already overdue.
std::string OverdueClockCondition();

// Sets cases.next_due_at of case ? (bound twice: the case id, twice) from
// its clocks: the earliest due moment of a RunningDutyClockCondition clock.
std::string UpdateNextDueSql();

}  // namespace lawenforce::cases::sql

#endif  // LAWENFORCE_SERVICES_CASE_STORE_CASE_QUERY_H_
