#include "common/deadlines/deadline_rows.h"

namespace lawenforce::deadlines::internal {
namespace {

using store::Int;
using store::Null;
using store::Text;

constexpr absl::string_view kSelectByKey =
    "SELECT id, kind, subject, payload, due_at, remind_at, state, reminded, version, published "
    "FROM deadlines WHERE kind = ? AND subject = ?";
constexpr absl::string_view kSelectById =
    "SELECT id, kind, subject, payload, due_at, remind_at, state, reminded, version, published "
    "FROM deadlines WHERE id = ?";
constexpr absl::string_view kInsert =
    "INSERT INTO deadlines (id, kind, subject, payload, due_at, remind_at, state, reminded, "
    "published, version, create_time) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, 0, 0, ?)";
constexpr absl::string_view kRearm =
    "UPDATE deadlines SET id = ?, payload = ?, due_at = ?, remind_at = ?, state = 'pending', "
    "reminded = ?, published = 0, version = version + 1, fired_at = NULL WHERE id = ?";
constexpr absl::string_view kCancelPending =
    "UPDATE deadlines SET state = 'cancelled', published = 0, version = version + 1 "
    "WHERE kind = ? AND subject = ? AND state = 'pending'";
constexpr absl::string_view kMarkFired =
    "UPDATE deadlines SET state = 'fired', fired_at = ?, version = version + 1 "
    "WHERE id = ? AND state = 'pending' AND due_at = ?";
constexpr absl::string_view kMarkReminded =
    "UPDATE deadlines SET reminded = 1 "
    "WHERE id = ? AND state = 'pending' AND reminded = 0 AND remind_at = ?";
// `published = 0` spelled out so that the partial index applies.
constexpr absl::string_view kListUnpublished =
    "SELECT id, kind, subject, payload, due_at, remind_at, state, reminded, version, published "
    "FROM deadlines WHERE published = 0 AND id > ? ORDER BY id LIMIT ?";
constexpr absl::string_view kMarkPublished =
    "UPDATE deadlines SET published = 1 WHERE id = ? AND version = ?";
// Subject and payload left out (read as ""): the reconciler pages through
// every pending row and needs neither.
constexpr absl::string_view kListPending =
    "SELECT id, kind, '', '', due_at, remind_at, state, reminded, version, published "
    "FROM deadlines WHERE state = 'pending' AND id > ? ORDER BY id LIMIT ?";
constexpr absl::string_view kCountPendingByKind =
    "SELECT kind, COUNT(*) FROM deadlines WHERE state = 'pending' GROUP BY kind";

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

store::Value OptionalMicros(const std::optional<absl::Time>& t) {
  return t.has_value() ? Int(Micros(*t)) : Null();
}

// Columns: id, kind, subject, payload, due_at, remind_at, state, reminded,
// version, published (every SELECT above lists them in this order).
DeadlineRow FromRow(const store::Row& r) {
  DeadlineRow row;
  row.id = r.Text(0);
  row.kind = r.Text(1);
  row.subject = r.Text(2);
  row.payload = r.Text(3);
  row.due_at = absl::FromUnixMicros(r.Int(4));
  if (!r.IsNull(5)) {
    row.remind_at = absl::FromUnixMicros(r.Int(5));
  }
  row.state = r.Text(6);
  row.reminded = r.Bool(7);
  row.version = r.Int(8);
  row.published = r.Bool(9);
  return row;
}

absl::StatusOr<std::optional<DeadlineRow>> QueryOne(store::Transaction& tx, absl::string_view sql,
                                                    absl::Span<const store::Value> params) {
  absl::StatusOr<std::vector<store::Row>> rows = tx.Query(sql, params);
  if (!rows.ok()) {
    return rows.status();
  }
  if (rows->empty()) {
    return std::optional<DeadlineRow>();
  }
  return std::optional<DeadlineRow>(FromRow(rows->front()));
}

absl::StatusOr<std::vector<DeadlineRow>> QueryMany(store::Transaction& tx, absl::string_view sql,
                                                   absl::Span<const store::Value> params) {
  absl::StatusOr<std::vector<store::Row>> rows = tx.Query(sql, params);
  if (!rows.ok()) {
    return rows.status();
  }
  std::vector<DeadlineRow> out;
  out.reserve(rows->size());
  for (const store::Row& r : *rows) {
    out.push_back(FromRow(r));
  }
  return out;
}

absl::StatusOr<bool> ChangedOne(absl::StatusOr<int64_t> changed) {
  if (!changed.ok()) {
    return changed.status();
  }
  return *changed > 0;
}

}  // namespace

absl::StatusOr<std::optional<DeadlineRow>> FindByKey(store::Transaction& tx, absl::string_view kind,
                                                     absl::string_view subject) {
  return QueryOne(tx, kSelectByKey, {Text(kind), Text(subject)});
}

absl::StatusOr<std::optional<DeadlineRow>> FindById(store::Transaction& tx, absl::string_view id) {
  return QueryOne(tx, kSelectById, {Text(id)});
}

absl::Status Insert(store::Transaction& tx, const DeadlineRow& row, absl::Time now) {
  return tx
      .Execute(kInsert, {Text(row.id), Text(row.kind), Text(row.subject), Text(row.payload),
                         Int(Micros(row.due_at)), OptionalMicros(row.remind_at),
                         store::Bool(row.reminded), Int(Micros(now))})
      .status();
}

absl::Status Rearm(store::Transaction& tx, absl::string_view old_id, const DeadlineRow& row) {
  return tx
      .Execute(kRearm, {Text(row.id), Text(row.payload), Int(Micros(row.due_at)),
                        OptionalMicros(row.remind_at), store::Bool(row.reminded), Text(old_id)})
      .status();
}

absl::StatusOr<bool> CancelPending(store::Transaction& tx, absl::string_view kind,
                                   absl::string_view subject) {
  return ChangedOne(tx.Execute(kCancelPending, {Text(kind), Text(subject)}));
}

absl::StatusOr<bool> MarkFired(store::Transaction& tx, absl::string_view id, absl::Time due_at,
                               absl::Time now) {
  return ChangedOne(tx.Execute(kMarkFired, {Int(Micros(now)), Text(id), Int(Micros(due_at))}));
}

absl::StatusOr<bool> MarkReminded(store::Transaction& tx, absl::string_view id,
                                  absl::Time remind_at) {
  return ChangedOne(tx.Execute(kMarkReminded, {Text(id), Int(Micros(remind_at))}));
}

absl::StatusOr<std::vector<DeadlineRow>> ListUnpublished(store::Transaction& tx,
                                                         absl::string_view after_id, int limit) {
  return QueryMany(tx, kListUnpublished, {Text(after_id), Int(limit)});
}

absl::Status MarkPublished(store::Transaction& tx, absl::string_view id, int64_t version) {
  return tx.Execute(kMarkPublished, {Text(id), Int(version)}).status();
}

absl::StatusOr<std::vector<DeadlineRow>> ListPending(store::Transaction& tx,
                                                     absl::string_view after_id, int limit) {
  return QueryMany(tx, kListPending, {Text(after_id), Int(limit)});
}

absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> CountPendingByKind(
    store::Transaction& tx) {
  absl::StatusOr<std::vector<store::Row>> rows = tx.Query(kCountPendingByKind);
  if (!rows.ok()) {
    return rows.status();
  }
  std::vector<std::pair<std::string, int64_t>> out;
  out.reserve(rows->size());
  for (const store::Row& r : *rows) {
    out.emplace_back(r.Text(0), r.Int(1));
  }
  return out;
}

}  // namespace lawenforce::deadlines::internal
