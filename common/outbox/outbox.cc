#include "common/outbox/outbox.h"

#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/store/values.h"

namespace lawenforce::outbox {
namespace {

using store::Int;
using store::Text;

constexpr absl::string_view kNextSeq =
    "UPDATE outbox_cursor SET last_seq = last_seq + 1 WHERE id = 1";
constexpr absl::string_view kLastSeq = "SELECT last_seq FROM outbox_cursor WHERE id = 1";
constexpr absl::string_view kInsert =
    "INSERT INTO outbox_events (seq, id, event_type, resource_name, division_code, actor, "
    "event_time, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr absl::string_view kSelect =
    "SELECT seq, id, event_type, resource_name, division_code, actor, event_time, payload "
    "FROM outbox_events WHERE seq > ?";

// Well-formed UTF-8 (no overlong forms or surrogates are checked for: the
// payload is the service's own JSON; this only keeps raw bytes out).
bool ValidUtf8(absl::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t extra = 0;
    if (c < 0x80) {
      extra = 0;
    } else if ((c >> 5) == 0x6) {
      extra = 1;
    } else if ((c >> 4) == 0xE) {
      extra = 2;
    } else if ((c >> 3) == 0x1E) {
      extra = 3;
    } else {
      return false;
    }
    if (s.size() - i <= extra) return false;
    for (size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += extra + 1;
  }
  return true;
}

absl::Status Validate(const Event& e) {
  if (e.type.empty()) return InvalidField("event.type", "required");
  if (e.resource_name.empty()) return InvalidField("event.resource_name", "required");
  if (e.actor.empty()) return InvalidField("event.actor", "required");
  const bool digits = !e.division_code.empty() && absl::c_all_of(e.division_code, [](char c) {
    return absl::ascii_isdigit(c);
  });
  if (!digits || (e.division_code.size() != 6 && e.division_code.size() != 9)) {
    return InvalidField("event.division_code", "must be a 6-digit or 9-digit division code");
  }
  if (e.time == absl::InfiniteFuture() || e.time == absl::InfinitePast()) {
    return InvalidField("event.time", "must be finite");
  }
  if (!ValidUtf8(e.payload)) return InvalidField("event.payload", "must be valid UTF-8");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<int64_t> LastSeq(store::Transaction& tx) {
  LE_ASSIGN_OR_RETURN(std::vector<store::Row> rows, tx.Query(kLastSeq));
  if (rows.empty()) return absl::InternalError("outbox_cursor has no row: migration missing");
  return rows[0].Int(0);
}

absl::StatusOr<int64_t> Append(store::Transaction& tx, IdGenerator& ids, const Event& event) {
  LE_RETURN_IF_ERROR(Validate(event));
  LE_ASSIGN_OR_RETURN(int64_t changed, tx.Execute(kNextSeq));
  if (changed != 1) return absl::InternalError("outbox_cursor has no row: migration missing");
  LE_ASSIGN_OR_RETURN(int64_t seq, LastSeq(tx));
  LE_RETURN_IF_ERROR(
      tx.Execute(kInsert, {Int(seq), Text(ids.NewId()), Text(event.type), Text(event.resource_name),
                           Text(event.division_code), Text(event.actor),
                           store::TimeValue(event.time), Text(event.payload)})
          .status());
  return seq;
}

absl::StatusOr<int64_t> Append(store::Change& change, const Event& event) {
  return Append(change.tx(), change.ids(), event);
}

absl::StatusOr<std::vector<StoredEvent>> ReadEvents(store::Transaction& tx, const ReadRequest& r) {
  if (r.limit < 1 || r.limit > 1000) return InvalidField("limit", "must be 1..1000");
  std::string sql(kSelect);
  std::vector<store::Value> params = {Int(r.after_seq)};
  if (!r.division_prefix.empty()) {
    absl::StrAppend(&sql, " AND division_code LIKE ?");
    params.push_back(Text(absl::StrCat(r.division_prefix, "%")));
  }
  if (!r.resource_name.empty()) {
    absl::StrAppend(&sql, " AND resource_name = ?");
    params.push_back(Text(r.resource_name));
  }
  absl::StrAppend(&sql, " ORDER BY seq LIMIT ?");
  params.push_back(Int(r.limit));
  LE_ASSIGN_OR_RETURN(std::vector<store::Row> rows, tx.Query(sql, params));
  std::vector<StoredEvent> out;
  out.reserve(rows.size());
  for (const store::Row& row : rows) {
    StoredEvent e;
    e.seq = row.Int(0);
    e.id = row.Text(1);
    e.event.type = row.Text(2);
    e.event.resource_name = row.Text(3);
    e.event.division_code = row.Text(4);
    e.event.actor = row.Text(5);
    e.event.time = store::TimeFromMicros(row.Int(6));
    e.event.payload = row.Text(7);
    out.push_back(std::move(e));
  }
  return out;
}

absl::StatusOr<std::vector<StoredEvent>> ReadEvents(store::Database& db, const ReadRequest& r) {
  std::vector<StoredEvent> out;
  LE_RETURN_IF_ERROR(db.Read([&](store::Transaction& tx) -> absl::Status {
    LE_ASSIGN_OR_RETURN(out, ReadEvents(tx, r));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace lawenforce::outbox
