#ifndef LAWENFORCE_COMMON_STORE_RECORD_STORE_H_
#define LAWENFORCE_COMMON_STORE_RECORD_STORE_H_

// The plumbing every service's SQL store needs besides its own tables and
// queries (docs/adding-a-service.md):
//
//   - a change is one write transaction that also carries its audit row and
//     the journal rows of the cache keys it makes stale (Change); once it is
//     durable, and before the caller answers, the observer's AfterCommit
//     runs (flush the invalidation journal, publish new deadlines);
//   - an idempotent create (AIP-155): the request's key and hash are looked
//     up and recorded in the create's own transaction (Create);
//   - an optimistic update: `UPDATE ... WHERE id = ? AND version = ?` that
//     matched nothing is NOT_FOUND or ABORTED (Change::ExpectUpdated);
//   - reads: all rows, one row (NOT_FOUND), or a page ordered by id.
//
//   absl::StatusOr<Created> SqlCaseStore::FileCase(const Case& c, const Key& key,
//                                                  const AuditEntry& audit) {
//     return records_.Create(key, audit, c.id, [&](Change& change) -> absl::Status {
//       LE_RETURN_IF_ERROR(change.tx().Execute(kInsertCase, CaseParams(c)));
//       return change.Invalidate(CaseListKey(c.agency_id), audit.time);
//     });
//   }
//
// Thread-safe; `db`, `ids` and `observer` must outlive it.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/ids/id_generator.h"
#include "common/store/audit.h"
#include "common/store/idempotency.h"
#include "common/store/sql.h"

namespace lawenforce::store {

// What a change does besides its own rows. The kit connects it to the
// service's invalidation journal and deadline engine (common/kit); null
// (no Redis layer) is allowed wherever an observer is taken.
class ChangeObserver {
 public:
  virtual ~ChangeObserver() = default;
  // Inside the change's transaction: `key` (of the service's cache
  // namespace) must be invalidated once the change is durable.
  virtual absl::Status RecordInvalidation(Transaction& tx, absl::string_view key,
                                          absl::Time now) = 0;
  // After the commit, before the caller answers. Must not fail the change
  // (it is durable): failures are retried by the observer's own loops.
  virtual void AfterCommit() = 0;
};

// The outcome of a create: the record's id, and whether an earlier call
// with the same idempotency key created it (replayed).
struct Created {
  std::string id;
  bool replayed = false;
};

// A page of a list: rows with id > after_id, ascending, at most `limit`.
struct PageRequest {
  std::string after_id;  // empty: from the start
  int limit = 50;
};

// One write transaction and what it carries. Valid only inside the callback
// that received it.
class Change {
 public:
  Change(Transaction& tx, IdGenerator& ids, ChangeObserver* observer)
      : tx_(tx), ids_(ids), observer_(observer) {}

  Transaction& tx() { return tx_; }
  IdGenerator& ids() { return ids_; }

  // Journals the invalidation of cache key `key` (nothing without an observer).
  absl::Status Invalidate(absl::string_view key, absl::Time now);
  // Appends the audit row of the change.
  absl::Status Audit(const AuditEntry& entry) { return WriteAuditRow(tx_, ids_, entry); }

  // After `UPDATE <table> ... WHERE id = ? AND version = ?`: OK when it
  // changed a row; NOT_FOUND "<resource> not found" when the record is gone;
  // otherwise the version moved on: ABORTED naming `etag_field`. The
  // statement's own error passes through.
  absl::Status ExpectUpdated(const absl::StatusOr<int64_t>& changed, absl::string_view table,
                             absl::string_view id, absl::string_view resource,
                             absl::string_view etag_field);

 private:
  Transaction& tx_;
  IdGenerator& ids_;
  ChangeObserver* observer_;
};

// Rows mapped by a function that can fail (a stored JSON body that does
// not parse): the first failure, else every value.
template <typename T>
absl::StatusOr<std::vector<T>> AllOk(absl::StatusOr<std::vector<absl::StatusOr<T>>> rows) {
  if (!rows.ok()) return rows.status();
  std::vector<T> out;
  out.reserve(rows->size());
  for (absl::StatusOr<T>& r : *rows) {
    if (!r.ok()) return r.status();
    out.push_back(*std::move(r));
  }
  return out;
}

class RecordStore {
 public:
  RecordStore(Database* db, IdGenerator* ids, ChangeObserver* observer)
      : db_(db), ids_(ids), observer_(observer) {}

  Database* db() const { return db_; }

  // Runs `fn` as one change; on commit runs the observer's AfterCommit.
  // Returns the status of `fn` or of the commit.
  absl::Status Write(absl::FunctionRef<absl::Status(Change&)> fn);

  // A Change bound to a transaction someone else runs (a deadline handler's):
  // its AfterCommit is that owner's business.
  Change ChangeIn(Transaction& tx) { return Change(tx, *ids_, observer_); }

  // An idempotent create of record `id`. With `key`: when an earlier create
  // used the key with the same request hash, returns its id (replayed) and
  // does nothing else; a different hash is INVALID_ARGUMENT naming
  // request_id. Otherwise runs `insert`, writes `audit` and records the key,
  // all in one transaction. `name_conflict` turns the backend's
  // ALREADY_EXISTS (whose message names the constraint's columns) into one
  // naming the API field; by default it passes through.
  absl::StatusOr<Created> Create(
      const std::optional<IdempotencyKey>& key, const AuditEntry& audit, const std::string& id,
      absl::FunctionRef<absl::Status(Change&)> insert,
      absl::FunctionRef<absl::Status(const absl::Status&)> name_conflict = PassThrough);

  // Before a create whose checks are costly or may no longer pass (calls to
  // other services, a period that has ended): the id an earlier create
  // under `key` made, read without writing; nullopt for no key or a new
  // one; INVALID_ARGUMENT naming request_id when the key was used for
  // another request. Create checks the key again in its transaction.
  absl::StatusOr<std::optional<std::string>> FindCreated(
      const std::optional<IdempotencyKey>& key) const;

  // Every row of `sql`, mapped by `from_row`, on a read snapshot.
  template <typename T, typename FromRow>
  absl::StatusOr<std::vector<T>> QueryAll(absl::string_view sql, std::vector<Value> params,
                                          FromRow from_row) const {
    std::vector<T> out;
    absl::Status s = db_->Read([&](Transaction& tx) -> absl::Status {
      absl::StatusOr<std::vector<Row>> rows = tx.Query(sql, params);
      if (!rows.ok()) return rows.status();
      out.reserve(rows->size());
      for (const Row& r : *rows) out.push_back(from_row(r));
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return out;
  }

  // The first row of `sql`; NOT_FOUND "<what> not found" when there is none.
  template <typename T, typename FromRow>
  absl::StatusOr<T> GetOne(absl::string_view sql, std::vector<Value> params, absl::string_view what,
                           FromRow from_row) const {
    absl::StatusOr<std::vector<T>> rows = QueryAll<T>(sql, std::move(params), from_row);
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return absl::NotFoundError(absl::StrCat(what, " not found"));
    return std::move((*rows)[0]);
  }

  // The same for rows mapped by a function that can fail (a stored JSON
  // body that does not parse: its error passes through).
  template <typename T, typename Parse>
  absl::StatusOr<T> GetOneParsed(absl::string_view sql, std::vector<Value> params,
                                 absl::string_view what, Parse parse) const {
    absl::StatusOr<std::vector<T>> rows =
        AllOk(QueryAll<absl::StatusOr<T>>(sql, std::move(params), parse));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return absl::NotFoundError(absl::StrCat(what, " not found"));
    return std::move((*rows)[0]);
  }

  // A page of `select_where` (a SELECT ending in a WHERE clause, the id
  // column named `id_column`): appends "AND <id> > ? ORDER BY <id> LIMIT ?".
  template <typename T, typename FromRow>
  absl::StatusOr<std::vector<T>> QueryPage(absl::string_view select_where,
                                           std::vector<Value> params, const PageRequest& page,
                                           FromRow from_row,
                                           absl::string_view id_column = "id") const {
    params.push_back(Text(page.after_id));
    params.push_back(Int(page.limit));
    return QueryAll<T>(
        absl::StrCat(select_where, " AND ", id_column, " > ? ORDER BY ", id_column, " LIMIT ?"),
        std::move(params), from_row);
  }

  static absl::Status PassThrough(const absl::Status& status) { return status; }

 private:
  void AfterCommit() {
    if (observer_ != nullptr) observer_->AfterCommit();
  }

  Database* const db_;
  IdGenerator* const ids_;
  ChangeObserver* const observer_;
};

}  // namespace lawenforce::store

#endif  // LAWENFORCE_COMMON_STORE_RECORD_STORE_H_
