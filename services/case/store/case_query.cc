#include "services/case/store/case_query.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/macros.h"
#include "common/store/values.h"
#include "services/case/store/case_rows.h"

namespace lawenforce::cases::sql {
namespace {

using store::Bool;
using store::Int;
using store::Text;
using store::TimeValue;
using store::Value;

// Clocks that are a party's window (they lapse, never overdue).
std::string PartyWindowKinds() {
  std::string out;
  for (int k = 1; k <= kClockKindCount; ++k) {
    if (RuleOf(static_cast<ClockKind>(k)).party_window) {
      absl::StrAppend(&out, out.empty() ? "" : ", ", k);
    }
  }
  return out;
}

// Conditions joined with AND, with their parameters in order.
struct Where {
  std::vector<std::string> terms;
  std::vector<Value> params;
  void Add(std::string term, std::vector<Value> values = {}) {
    terms.push_back(std::move(term));
    for (Value& v : values) params.push_back(std::move(v));
  }
};

// How a page is read (case_query.h); the index is migration 3's.
struct Path {
  const char* index = nullptr;  // nullptr: the planner's choice (or the officer join)
  bool officer = false;
};

// The rows in [from, to) of `index` (on `column`), counted up to
// kNarrowRange + 1.
absl::StatusOr<int64_t> RangeRows(store::Transaction& tx, absl::string_view index,
                                  absl::string_view column, const std::optional<absl::Time>& from,
                                  const std::optional<absl::Time>& to) {
  Where w;
  if (from.has_value()) w.Add(absl::StrCat(column, " >= ?"), {TimeValue(*from)});
  if (to.has_value()) w.Add(absl::StrCat(column, " < ?"), {TimeValue(*to)});
  w.params.push_back(Int(kNarrowRange + 1));
  LE_ASSIGN_OR_RETURN(
      std::vector<store::Row> rows,
      tx.Query(absl::StrCat("SELECT COUNT(*) FROM (SELECT 1 FROM cases INDEXED BY ", index,
                            " WHERE ", absl::StrJoin(w.terms, " AND "), " LIMIT ?) AS probe"),
               w.params));
  return rows.empty() ? 0 : rows[0].Int(0);
}

absl::StatusOr<Path> ChoosePath(store::Transaction& tx, absl::string_view dialect,
                                const CaseFilter& f) {
  if (!f.officer_id.empty()) return Path{nullptr, true};
  if (dialect != "sqlite") return Path{};
  if (!f.item_id.empty()) return Path{"cases_by_item"};
  if (!f.agency_id.empty()) return Path{"cases_by_agency"};
  if (f.division_prefix.size() == 9) return Path{"cases_by_division"};
  std::optional<int64_t> filed, decided;
  if (f.filed_from.has_value() || f.filed_to.has_value()) {
    LE_ASSIGN_OR_RETURN(filed,
                        RangeRows(tx, "cases_by_filed", "filed_at", f.filed_from, f.filed_to));
  }
  if (f.decided_from.has_value() || f.decided_to.has_value()) {
    LE_ASSIGN_OR_RETURN(
        decided, RangeRows(tx, "cases_by_decided", "decided_at", f.decided_from, f.decided_to));
  }
  const bool filed_narrow = filed.has_value() && *filed <= kNarrowRange;
  const bool decided_narrow = decided.has_value() && *decided <= kNarrowRange;
  if (filed_narrow && (!decided_narrow || *filed <= *decided)) return Path{"cases_by_filed"};
  if (decided_narrow) return Path{"cases_by_decided"};
  if (f.state.has_value()) return Path{"cases_by_state"};
  if (f.division_prefix.size() == 6) return Path{"cases_by_county"};
  if (f.division_prefix.size() == 4) return Path{"cases_by_city"};
  return Path{"cases_scan"};
}

}  // namespace

std::string SubtreeCondition(const std::string& prefix, std::vector<Value>& params) {
  if (prefix.empty()) return "";
  params.push_back(Text(prefix));
  // A township's prefix is its whole code; shorter prefixes are spelled as
  // the expressions migration 3 indexes (4: a city, 6: a county).
  if (prefix.size() == 9) return "division_code = ?";
  return absl::StrCat("substr(division_code, 1, ", prefix.size(), ") = ?");
}

std::string RunningDutyClockCondition() {
  return absl::StrCat("state = ", static_cast<int>(ClockState::kRunning), " AND kind NOT IN (",
                      PartyWindowKinds(), ")");
}

std::string OverdueClockCondition() {
  return absl::StrCat("(state = ", static_cast<int>(ClockState::kOverdue), " OR (",
                      RunningDutyClockCondition(), " AND due_at <= ?))");
}

std::string UpdateNextDueSql() {
  // `+state`: by the case's key (case_id, kind), never by clocks_by_state
  // (state, due_at), whose first row of state RUNNING would serve MIN(due_at)
  // after a scan of every case's running clocks.
  return absl::StrCat(
      "UPDATE cases SET next_due_at = (SELECT MIN(due_at) FROM case_clocks WHERE case_id = ? AND +",
      RunningDutyClockCondition(), ") WHERE id = ?");
}

absl::StatusOr<Statement> CaseListStatement(store::Transaction& tx, absl::string_view dialect,
                                            const CaseFilter& f, const PageRequest& page) {
  LE_ASSIGN_OR_RETURN(Path path, ChoosePath(tx, dialect, f));
  Where w;
  if (path.officer) w.Add("c.id = o.case_id AND o.officer_id = ?", {Text(f.officer_id)});
  std::vector<Value> division;
  if (std::string c = SubtreeCondition(f.division_prefix, division); !c.empty()) {
    w.Add(std::move(c), std::move(division));
  }
  if (!f.agency_id.empty()) w.Add("agency_id = ?", {Text(f.agency_id)});
  if (f.state.has_value()) w.Add("state = ?", {Int(static_cast<int64_t>(*f.state))});
  if (!f.item_id.empty()) w.Add("item_id = ?", {Text(f.item_id)});
  if (f.enterprise_party.has_value()) w.Add("enterprise_party = ?", {Bool(*f.enterprise_party)});
  if (f.filed_from.has_value()) w.Add("filed_at >= ?", {TimeValue(*f.filed_from)});
  if (f.filed_to.has_value()) w.Add("filed_at < ?", {TimeValue(*f.filed_to)});
  if (f.decided_from.has_value()) w.Add("decided_at >= ?", {TimeValue(*f.decided_from)});
  if (f.decided_to.has_value()) w.Add("decided_at < ?", {TimeValue(*f.decided_to)});
  // Overdue at now: flagged at the case's last write, or a duty clock's
  // due moment (cases.next_due_at) has passed since.
  if (f.overdue.has_value()) {
    w.Add(*f.overdue ? "(overdue = 1 OR next_due_at <= ?)"
                     : "(overdue = 0 AND (next_due_at IS NULL OR next_due_at > ?))",
          {TimeValue(f.now)});
  }
  const std::string id = path.officer ? "o.case_id" : "id";
  w.Add(absl::StrCat(id, " > ?"), {Text(page.after_id)});
  w.params.push_back(Int(page.limit));
  const std::string from = path.officer
                               ? "case_officers o CROSS JOIN cases c"
                               : absl::StrCat("cases", path.index != nullptr ? " INDEXED BY " : "",
                                              path.index != nullptr ? path.index : "");
  Statement out;
  out.sql = absl::StrCat(
      "SELECT ", kCaseColumns, ", CASE WHEN overdue = 1 OR next_due_at <= ? THEN 1 ELSE 0 END ",
      "FROM cases WHERE id IN (SELECT ", id, " FROM ", from, " WHERE ",
      absl::StrJoin(w.terms, " AND "), " ORDER BY ", id, " LIMIT ?) ORDER BY id");
  out.params.push_back(TimeValue(f.now));
  for (Value& v : w.params) out.params.push_back(std::move(v));
  return out;
}

}  // namespace lawenforce::cases::sql
