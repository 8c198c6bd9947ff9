#include "common/store/audit.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/store/values.h"
#include "nlohmann/json.hpp"

namespace lawenforce::store {
namespace {

std::string Cut(const std::string& code, size_t n) {
  return code.size() >= n ? code.substr(0, n) : std::string();
}

// The indexed column that narrows a list to the subtree of `prefix`, or
// nullptr for the region (every row).
const char* ScopeColumn(size_t prefix_size) {
  switch (prefix_size) {
    case 4:
      return "scope_city";
    case 6:
      return "scope_county";
    case 9:
      return "division_code";
    default:
      return nullptr;
  }
}

}  // namespace

absl::Status WriteAuditRow(Transaction& tx, IdGenerator& ids, const AuditEntry& a) {
  return tx
      .Execute(
          "INSERT INTO audit_log (id, event_time, actor, action, resource_id, detail, method, "
          "division_code, scope_city, scope_county, changes) VALUES "
          "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          // Ordered ids: rows of one moment list in the order written.
          {Text(ids.NewOrderedId()), Int(absl::ToUnixMicros(a.time)), Text(a.actor), Text(a.action),
           Text(a.resource_id), Text(a.detail), Text(a.method), Text(a.division_code),
           Text(Cut(a.division_code, 4)), Text(Cut(a.division_code, 6)),
           Text(a.changes.empty() ? std::string() : EncodeFieldChanges(a.changes))})
      .status();
}

absl::StatusOr<std::vector<AuditRow>> ListAuditRows(Transaction& tx, const AuditQuery& q,
                                                    const std::string& after_id, int limit) {
  std::string sql =
      "SELECT id, event_time, actor, action, resource_id, detail, method, division_code, changes "
      "FROM audit_log WHERE 1 = 1";
  std::vector<Value> params;
  const char* scope = ScopeColumn(q.scope_prefix.size());
  if (scope != nullptr && (!q.resource_id.empty() || !q.actor.empty())) {
    // A record's or an actor's rows are few: their own index finds them and
    // the scope only filters (an expression no index serves, so that the
    // planner does not walk the scope's index instead).
    absl::StrAppend(&sql, " AND substr(division_code, 1, ", q.scope_prefix.size(), ") = ?");
    params.push_back(Text(q.scope_prefix));
  } else if (scope != nullptr) {
    absl::StrAppend(&sql, " AND ", scope, " = ?");
    params.push_back(Text(q.scope_prefix));
  } else if (!q.scope_prefix.empty() && q.scope_prefix.size() != 2) {
    return absl::InvalidArgumentError("audit scope: not a division prefix");
  }
  if (!q.resource_id.empty()) {
    sql += " AND resource_id = ?";
    params.push_back(Text(q.resource_id));
  }
  if (!q.actor.empty()) {
    sql += " AND actor = ?";
    params.push_back(Text(q.actor));
  }
  if (!q.method.empty()) {
    sql += " AND method = ?";
    params.push_back(Text(q.method));
  }
  if (!q.actions.empty()) {
    sql += " AND action IN (";
    for (size_t i = 0; i < q.actions.size(); ++i) {
      sql += i == 0 ? "?" : ", ?";
      params.push_back(Text(q.actions[i]));
    }
    sql += ")";
  }
  if (!q.action_prefix.empty()) {
    // A range on the text rather than LIKE: no wildcard can hide in it.
    sql += " AND action >= ? AND action < ?";
    params.push_back(Text(q.action_prefix));
    std::string next = q.action_prefix;
    next.back() = static_cast<char>(next.back() + 1);
    params.push_back(Text(next));
  }
  if (q.denied.has_value()) {
    sql += *q.denied ? " AND action >= 'denied.' AND action < 'denied/'"
                     : " AND NOT (action >= 'denied.' AND action < 'denied/')";
  }
  if (q.from.has_value()) {
    sql += " AND event_time >= ?";
    params.push_back(Int(absl::ToUnixMicros(*q.from)));
  }
  if (q.until.has_value()) {
    sql += " AND event_time < ?";
    params.push_back(Int(absl::ToUnixMicros(*q.until)));
  }
  if (!after_id.empty()) {
    // Keyset paging newest first: strictly before the last row shown.
    sql += " AND (event_time, id) < ((SELECT event_time FROM audit_log WHERE id = ?), ?)";
    params.push_back(Text(after_id));
    params.push_back(Text(after_id));
  }
  sql += " ORDER BY event_time DESC, id DESC LIMIT ?";
  params.push_back(Int(limit));
  absl::StatusOr<std::vector<Row>> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<AuditRow> out;
  out.reserve(rows->size());
  for (const Row& r : *rows) {
    AuditRow row;
    row.id = r.Text(0);
    row.entry.time = absl::FromUnixMicros(r.Int(1));
    row.entry.actor = r.Text(2);
    row.entry.action = r.Text(3);
    row.entry.resource_id = r.Text(4);
    row.entry.detail = r.Text(5);
    row.entry.method = r.Text(6);
    row.entry.division_code = r.Text(7);
    row.entry.changes = ParseFieldChanges(r.Text(8));
    out.push_back(std::move(row));
  }
  return out;
}

bool AuditRowMatches(const AuditRow& row, const AuditQuery& q) {
  const AuditEntry& e = row.entry;
  if (q.scope_prefix.size() > 2 && !absl::StartsWith(e.division_code, q.scope_prefix)) {
    return false;
  }
  if (q.scope_prefix.size() == 9 && e.division_code != q.scope_prefix) return false;
  if (!q.resource_id.empty() && e.resource_id != q.resource_id) return false;
  if (!q.actor.empty() && e.actor != q.actor) return false;
  if (!q.method.empty() && e.method != q.method) return false;
  if (!q.actions.empty()) {
    bool any = false;
    for (const std::string& a : q.actions) any = any || a == e.action;
    if (!any) return false;
  }
  if (!q.action_prefix.empty() && !absl::StartsWith(e.action, q.action_prefix)) return false;
  if (q.denied.has_value() && absl::StartsWith(e.action, "denied.") != *q.denied) return false;
  if (q.from.has_value() && e.time < *q.from) return false;
  if (q.until.has_value() && e.time >= *q.until) return false;
  return true;
}

std::string EncodeFieldChanges(const std::vector<FieldChange>& changes) {
  nlohmann::json out = nlohmann::json::array();
  for (const FieldChange& c : changes) out.push_back({c.field, c.before, c.after});
  return out.dump();
}

std::vector<FieldChange> ParseFieldChanges(absl::string_view text) {
  std::vector<FieldChange> out;
  if (text.empty()) return out;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return out;
  for (const nlohmann::json& c : j) {
    if (!c.is_array() || c.size() != 3 || !c[0].is_string() || !c[1].is_string() ||
        !c[2].is_string()) {
      continue;
    }
    out.push_back({c[0].get<std::string>(), c[1].get<std::string>(), c[2].get<std::string>()});
  }
  return out;
}

}  // namespace lawenforce::store
