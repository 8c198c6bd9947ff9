#include "common/store/postgres_database.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/store/connection_transaction.h"
#include "common/store/postgres_connection.h"
#include "common/store/postgres_endpoint.h"

namespace lawenforce::store {
namespace {

constexpr char kBeginWrite[] = "BEGIN ISOLATION LEVEL SERIALIZABLE";
constexpr char kBeginRead[] = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
constexpr char kCommit[] = "COMMIT";
constexpr char kRollback[] = "ROLLBACK";
constexpr absl::Duration kBackoffBase = absl::Milliseconds(2);
constexpr absl::Duration kBackoffCap = absl::Milliseconds(100);

// The Transaction handed to callbacks: a view of the leased connection.
using PostgresTransaction = internal::ConnectionTransaction<PostgresConnection>;

// Sleeps a random time below an exponentially growing cap, so that
// transactions that collided do not collide again in lockstep.
void Backoff(int attempt) {
  thread_local absl::BitGen gen;
  const absl::Duration cap = std::min(kBackoffCap, kBackoffBase * (1 << std::min(attempt, 10)));
  absl::SleepFor(
      absl::Microseconds(absl::Uniform<int64_t>(gen, 0, absl::ToInt64Microseconds(cap))));
}

// How one run of a transaction ended.
enum class Outcome {
  kDone,           // status is the answer
  kRetry,          // serialization failure or deadlock: run it again
  kLost,           // connection lost before COMMIT: nothing committed
  kCommitUnknown,  // connection lost during COMMIT
};

void RollBack(PostgresConnection& conn) {
  if (!conn.lost() && conn.transaction_status() != PQTRANS_IDLE) {
    conn.Command(kRollback);
  }
}

// Runs `fn` once in a transaction on `conn` (a write transaction when
// `write`, else a read-only one) of the server `label`. Sets `fn_ran` when
// `fn` was called.
Outcome RunOnce(PostgresConnection& conn, bool write, absl::string_view label,
                absl::FunctionRef<absl::Status(Transaction&)> fn, absl::Status& status,
                bool& fn_ran) {
  conn.StartTransaction();
  if (PostgresError e = conn.Command(write ? kBeginWrite : kBeginRead); !e.status.ok()) {
    status = e.status;
    return conn.lost() ? Outcome::kLost : Outcome::kDone;
  }
  fn_ran = true;
  PostgresTransaction tx(conn);
  status = fn(tx);
  if (conn.lost()) {
    if (status.ok() || status.code() != absl::StatusCode::kUnavailable) {
      status = conn.first_error().code() == absl::StatusCode::kUnavailable
                   ? conn.first_error()
                   : absl::UnavailableError(absl::StrCat("postgres ", label, ": connection lost"));
    }
    return Outcome::kLost;
  }
  if (conn.retry_wanted()) {
    RollBack(conn);
    return Outcome::kRetry;
  }
  if (status.ok() && conn.transaction_status() == PQTRANS_INERROR) {
    // fn went on after a failed statement. Nothing can commit: a Write says
    // why; a Read has nothing to commit and answers as fn decided.
    if (write) {
      status = conn.first_error();
    } else {
      RollBack(conn);
      return Outcome::kDone;
    }
  } else if (status.ok() && conn.transaction_status() != PQTRANS_INTRANS) {
    // fn ran COMMIT or ROLLBACK itself: its work did not commit as one unit.
    status = absl::InternalError("transaction ended inside the callback");
  }
  if (!status.ok()) {
    RollBack(conn);
    return Outcome::kDone;
  }
  PostgresError commit = conn.Command(kCommit);
  if (commit.retryable) {
    return Outcome::kRetry;
  }
  if (commit.connection_lost && !write) {
    status = absl::OkStatus();  // the snapshot was read; nothing to commit
    return Outcome::kDone;
  }
  if (commit.connection_lost) {
    status = absl::Status(commit.status.code(),
                          absl::StrCat(commit.status.message(), " (commit outcome unknown)"));
    return Outcome::kCommitUnknown;
  }
  status = commit.status;
  return Outcome::kDone;
}

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::unique_ptr<PostgresShared> shared, const PostgresOptions& options,
                   std::unique_ptr<PostgresConnection> first)
      : shared_(std::move(shared)), options_(options) {
    idle_.push_back(std::move(first));
  }

  absl::Status Write(absl::FunctionRef<absl::Status(Transaction&)> fn) override {
    return Run(/*write=*/true, fn);
  }

  absl::Status Read(absl::FunctionRef<absl::Status(Transaction&)> fn) override {
    return Run(/*write=*/false, fn);
  }

  absl::string_view dialect() const override { return "postgres"; }

  absl::Status RunExclusive(absl::string_view key, absl::FunctionRef<absl::Status()> fn) override;

 private:
  // A pool slot held by one call; gives it back on destruction.
  class Lease {
   public:
    explicit Lease(PostgresDatabase* db, std::unique_ptr<PostgresConnection> conn)
        : db_(db), conn_(std::move(conn)) {}
    ~Lease() { db_->Release(std::move(conn_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    // The slot's connection, opened when it has none.
    absl::StatusOr<PostgresConnection*> Connection() {
      if (conn_ == nullptr) {
        absl::StatusOr<std::unique_ptr<PostgresConnection>> conn =
            PostgresConnection::Open(db_->shared_.get());
        if (!conn.ok()) {
          return conn.status();
        }
        conn_ = std::move(*conn);
      }
      return conn_.get();
    }
    // Closes a lost connection, and every idle one (lost too, most likely).
    void Drop() {
      conn_.reset();
      db_->DropIdle();
    }

   private:
    PostgresDatabase* const db_;
    std::unique_ptr<PostgresConnection> conn_;
  };

  absl::Status Run(bool write, absl::FunctionRef<absl::Status(Transaction&)> fn);
  absl::StatusOr<std::unique_ptr<Lease>> Acquire() ABSL_LOCKS_EXCLUDED(mu_);
  void Release(std::unique_ptr<PostgresConnection> conn) ABSL_LOCKS_EXCLUDED(mu_);
  void DropIdle() ABSL_LOCKS_EXCLUDED(mu_);

  const std::unique_ptr<PostgresShared> shared_;
  const PostgresOptions options_;

  absl::Mutex mu_;
  std::vector<std::unique_ptr<PostgresConnection>> idle_ ABSL_GUARDED_BY(mu_);
  int leased_ ABSL_GUARDED_BY(mu_) = 0;
};

absl::Status PostgresDatabase::Run(bool write, absl::FunctionRef<absl::Status(Transaction&)> fn) {
  absl::StatusOr<std::unique_ptr<Lease>> lease = Acquire();
  if (!lease.ok()) {
    return lease.status();
  }
  bool reconnected = false;
  for (int attempt = 0;; ++attempt) {
    absl::StatusOr<PostgresConnection*> conn = (*lease)->Connection();
    if (!conn.ok()) {
      return conn.status();
    }
    absl::Status status;
    bool fn_ran = false;
    switch (RunOnce(**conn, write, shared_->endpoint.label, fn, status, fn_ran)) {
      case Outcome::kDone:
        return status;
      case Outcome::kRetry:
        if (!write) {
          return status;
        }
        if (attempt >= options_.serialization_retries) {
          return absl::AbortedError(absl::StrCat("postgres ", shared_->endpoint.label,
                                                 ": serialization failure after ", attempt + 1,
                                                 " attempts"));
        }
        Backoff(attempt);
        break;
      case Outcome::kLost:
        (*lease)->Drop();
        // Once, on a new connection: nothing committed, and the contract
        // lets Write run fn again; a Read only when fn has not run yet.
        if (reconnected || (!write && fn_ran)) {
          return status;
        }
        reconnected = true;
        break;
      case Outcome::kCommitUnknown:
        (*lease)->Drop();
        return status;
    }
  }
}

absl::StatusOr<std::unique_ptr<PostgresDatabase::Lease>> PostgresDatabase::Acquire() {
  std::unique_ptr<PostgresConnection> conn;
  {
    absl::MutexLock lock(&mu_);
    auto free = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return !idle_.empty() || leased_ < options_.pool_size;
    };
    if (!mu_.AwaitWithTimeout(absl::Condition(&free), options_.pool_timeout)) {
      return absl::UnavailableError(absl::StrCat(
          "postgres ", shared_->endpoint.label, ": no free connection within ",
          absl::FormatDuration(options_.pool_timeout), " (pool_size ", options_.pool_size, ")"));
    }
    ++leased_;
    if (!idle_.empty()) {
      conn = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  return std::make_unique<Lease>(this, std::move(conn));
}

void PostgresDatabase::Release(std::unique_ptr<PostgresConnection> conn) {
  if (conn != nullptr && (conn->lost() || conn->transaction_status() != PQTRANS_IDLE)) {
    conn.reset();  // closed outside the lock
  }
  absl::MutexLock lock(&mu_);
  --leased_;
  if (conn != nullptr) {
    idle_.push_back(std::move(conn));
  }
}

void PostgresDatabase::DropIdle() {
  std::vector<std::unique_ptr<PostgresConnection>> dropped;
  absl::MutexLock lock(&mu_);
  dropped.swap(idle_);
}  // `dropped` closes them after the lock is released (declared first)

absl::Status PostgresDatabase::RunExclusive(absl::string_view key,
                                            absl::FunctionRef<absl::Status()> fn) {
  absl::StatusOr<std::unique_ptr<PostgresConnection>> conn =
      PostgresConnection::Open(shared_.get());
  if (!conn.ok()) {
    return conn.status();
  }
  const Value lock_key = Int(AdvisoryLockKey(options_.schema, key));
  const std::string timeout =
      absl::StrCat("SET statement_timeout = ", absl::ToInt64Milliseconds(options_.lock_timeout));
  if (PostgresError e = (*conn)->Command(timeout.c_str()); !e.status.ok()) {
    return e.status;
  }
  absl::StatusOr<std::vector<Row>> locked =
      (*conn)->Query("SELECT pg_advisory_lock(?)", {lock_key});
  if (!locked.ok()) {
    if (locked.status().code() == absl::StatusCode::kDeadlineExceeded) {
      return absl::DeadlineExceededError(absl::StrCat("lock ", key, " not granted within ",
                                                      absl::FormatDuration(options_.lock_timeout)));
    }
    return locked.status();
  }
  absl::Status status = fn();
  // Closing the session releases the lock too, should this fail.
  (*conn)->Query("SELECT pg_advisory_unlock(?)", {lock_key}).IgnoreError();
  return status;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> OpenPostgres(const PostgresOptions& options) {
  absl::StatusOr<PostgresEndpoint> endpoint = MakePostgresEndpoint(options);
  if (!endpoint.ok()) {
    return endpoint.status();
  }
  auto shared = std::make_unique<PostgresShared>(std::move(*endpoint));
  absl::StatusOr<std::unique_ptr<PostgresConnection>> first =
      PostgresConnection::Open(shared.get());
  if (!first.ok()) {
    return first.status();
  }
  if (absl::Status s = PreparePostgresDatabase(**first, options.schema, shared->endpoint.label);
      !s.ok()) {
    return s;
  }
  return std::make_unique<PostgresDatabase>(std::move(shared), options, std::move(*first));
}

}  // namespace lawenforce::store
