#include "common/store/record_store.h"

#include "common/status/errors.h"

namespace lawenforce::store {

absl::Status Change::Invalidate(absl::string_view key, absl::Time now) {
  if (observer_ == nullptr) return absl::OkStatus();
  return observer_->RecordInvalidation(tx_, key, now);
}

absl::Status Change::ExpectUpdated(const absl::StatusOr<int64_t>& changed, absl::string_view table,
                                   absl::string_view id, absl::string_view resource,
                                   absl::string_view etag_field) {
  if (!changed.ok()) return changed.status();
  if (*changed > 0) return absl::OkStatus();
  absl::StatusOr<std::vector<Row>> rows =
      tx_.Query(absl::StrCat("SELECT 1 FROM ", table, " WHERE id = ?"), {Text(id)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::NotFoundError(absl::StrCat(resource, " not found"));
  return StaleEtag(etag_field);
}

absl::Status RecordStore::Write(absl::FunctionRef<absl::Status(Change&)> fn) {
  absl::Status s = db_->Write([&](Transaction& tx) {
    Change change(tx, *ids_, observer_);
    return fn(change);
  });
  if (s.ok()) AfterCommit();
  return s;
}

absl::StatusOr<Created> RecordStore::Create(
    const std::optional<IdempotencyKey>& key, const AuditEntry& audit, const std::string& id,
    absl::FunctionRef<absl::Status(Change&)> insert,
    absl::FunctionRef<absl::Status(const absl::Status&)> name_conflict) {
  Created created{id, false};
  absl::Status s = db_->Write([&](Transaction& tx) -> absl::Status {
    created = Created{id, false};  // the backend may run this again
    if (key.has_value()) {
      absl::StatusOr<std::optional<std::string>> earlier = FindIdempotentResult(tx, *key);
      if (!earlier.ok()) return earlier.status();
      if (earlier->has_value()) {
        created = Created{**earlier, true};
        return absl::OkStatus();
      }
    }
    Change change(tx, *ids_, observer_);
    absl::Status inserted = insert(change);
    if (inserted.code() == absl::StatusCode::kAlreadyExists) inserted = name_conflict(inserted);
    if (!inserted.ok()) return inserted;
    if (absl::Status audited = change.Audit(audit); !audited.ok()) return audited;
    if (!key.has_value()) return absl::OkStatus();
    return RecordIdempotentResult(tx, *key, id, audit.time);
  });
  if (!s.ok()) return s;
  if (!created.replayed) AfterCommit();
  return created;
}

absl::StatusOr<std::optional<std::string>> RecordStore::FindCreated(
    const std::optional<IdempotencyKey>& key) const {
  if (!key.has_value()) return std::nullopt;
  std::optional<std::string> found;
  absl::Status s = db_->Read([&](Transaction& tx) -> absl::Status {
    absl::StatusOr<std::optional<std::string>> earlier = FindIdempotentResult(tx, *key);
    if (!earlier.ok()) return earlier.status();
    found = *earlier;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return found;
}

}  // namespace lawenforce::store
