#include "common/store/sqlite_database.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "common/status/errors.h"
#include "common/store/connection_transaction.h"
#include "common/store/sqlite_connection.h"

namespace lawenforce::store {
namespace {

constexpr absl::string_view kBeginImmediate = "BEGIN IMMEDIATE";
constexpr absl::string_view kBeginDeferred = "BEGIN";
constexpr absl::string_view kCommit = "COMMIT";
constexpr absl::string_view kRollback = "ROLLBACK";

// The Transaction handed to callbacks: a view of the connection that owns
// the open transaction.
using SqliteTransaction = internal::ConnectionTransaction<SqliteConnection>;

// Ends the open transaction, if SQLite has not already ended it.
void RollBack(SqliteConnection& conn) {
  if (conn.InTransaction()) {
    conn.Execute(kRollback, {}).IgnoreError();
  }
}

// Runs `fn` between `begin` and COMMIT on `conn`; rolls back when `fn` or the
// commit fails.
absl::Status RunTransaction(SqliteConnection& conn, absl::string_view begin,
                            absl::FunctionRef<absl::Status(Transaction&)> fn) {
  // A transaction left open by an earlier failure would make BEGIN fail.
  RollBack(conn);
  if (absl::StatusOr<int64_t> s = conn.Execute(begin, {}); !s.ok()) {
    return s.status();
  }
  SqliteTransaction tx(conn);
  absl::Status status = fn(tx);
  if (status.ok() && !conn.InTransaction()) {
    // SQLite rolled back on its own (e.g. disk full) or fn ran COMMIT or
    // ROLLBACK itself: fn's work did not commit as one unit, so say so.
    status = absl::InternalError("transaction ended inside the callback");
  }
  if (!status.ok()) {
    RollBack(conn);
    return status;
  }
  if (absl::StatusOr<int64_t> s = conn.Execute(kCommit, {}); !s.ok()) {
    RollBack(conn);
    return s.status();
  }
  return absl::OkStatus();
}

// Database over one write connection (writers queue on write_mu_) and a
// fixed pool of read-only connections (readers wait on pool_mu_ for one).
class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::unique_ptr<SqliteConnection> writer,
                 std::vector<std::unique_ptr<SqliteConnection>> readers)
      : writer_(std::move(writer)), readers_(std::move(readers)) {
    for (const auto& reader : readers_) {
      idle_readers_.push_back(reader.get());
    }
  }

  ~SqliteDatabase() override {
    // Readers first: the writer, closing last, checkpoints the WAL.
    readers_.clear();
    writer_.reset();
  }

  absl::Status Write(absl::FunctionRef<absl::Status(Transaction&)> fn) override {
    absl::MutexLock lock(&write_mu_);
    return RunTransaction(*writer_, kBeginImmediate, fn);
  }

  absl::Status Read(absl::FunctionRef<absl::Status(Transaction&)> fn) override {
    SqliteConnection* reader = AcquireReader();
    absl::Status status = RunTransaction(*reader, kBeginDeferred, fn);
    ReleaseReader(reader);
    return status;
  }

  absl::string_view dialect() const override { return "sqlite"; }

 private:
  bool HasIdleReader() const ABSL_SHARED_LOCKS_REQUIRED(pool_mu_) { return !idle_readers_.empty(); }

  // Blocks until a read connection is free.
  SqliteConnection* AcquireReader() {
    absl::MutexLock lock(&pool_mu_, absl::Condition(this, &SqliteDatabase::HasIdleReader));
    SqliteConnection* reader = idle_readers_.back();
    idle_readers_.pop_back();
    return reader;
  }

  void ReleaseReader(SqliteConnection* reader) {
    absl::MutexLock lock(&pool_mu_);
    idle_readers_.push_back(reader);
  }

  absl::Mutex write_mu_;
  std::unique_ptr<SqliteConnection> writer_ ABSL_PT_GUARDED_BY(write_mu_);

  // Owned read connections, fixed after construction; each is used by the
  // one thread that took it from idle_readers_.
  std::vector<std::unique_ptr<SqliteConnection>> readers_;
  absl::Mutex pool_mu_;
  std::vector<SqliteConnection*> idle_readers_ ABSL_GUARDED_BY(pool_mu_);
};

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> OpenSqlite(const SqliteOptions& options) {
  if (options.path.empty() || options.path == ":memory:") {
    return InvalidField("path", "an in-memory database cannot be shared; give a file path");
  }
  if (options.reader_connections < 1) {
    return InvalidField("reader_connections", "must be at least 1");
  }
  // The writer first: it creates the file and switches it to WAL, which
  // read-only connections cannot do.
  absl::StatusOr<std::unique_ptr<SqliteConnection>> writer =
      SqliteConnection::Open(options.path, SqliteConnection::Mode::kWriter, options.busy_timeout);
  if (!writer.ok()) {
    return writer.status();
  }
  std::vector<std::unique_ptr<SqliteConnection>> readers;
  for (int i = 0; i < options.reader_connections; ++i) {
    absl::StatusOr<std::unique_ptr<SqliteConnection>> reader =
        SqliteConnection::Open(options.path, SqliteConnection::Mode::kReader, options.busy_timeout);
    if (!reader.ok()) {
      return reader.status();
    }
    readers.push_back(std::move(*reader));
  }
  return std::make_unique<SqliteDatabase>(std::move(*writer), std::move(readers));
}

}  // namespace lawenforce::store
