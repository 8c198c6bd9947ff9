#ifndef LAWENFORCE_COMMON_TESTING_POSTGRES_SERVER_H_
#define LAWENFORCE_COMMON_TESTING_POSTGRES_SERVER_H_

// A real, throwaway PostgreSQL for tests, like RedisServer: initdb into a
// temporary directory (C locale, UTF8, trust authentication), postgres
// listening on 127.0.0.1 only, on a free port, with its unix socket in that
// directory and fsync on; a database kDatabase owned by kUser. Stopped and
// removed on destruction. Tests that need PostgreSQL start one (or share
// SharedPostgresServer()); they never skip: without the server binaries
// (Debian package postgresql-15) Start() fails saying so.
//
// PostgreSQL refuses to run as root: when the test runs as root, initdb and
// postgres run as the user `nobody` (the directory is handed to it).
//
// The server dies with the test (PR_SET_PDEATHSIG on the postmaster, and its
// backends follow the postmaster): call Start() and Restart() from a thread
// that outlives the server, such as the test body's thread. Not
// thread-safe; Query() may be called concurrently with itself.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/testing/temp_dir.h"
#include "gtest/gtest.h"

namespace lawenforce::testing {

class PostgresServer {
 public:
  static constexpr absl::string_view kUser = "postgres";
  static constexpr absl::string_view kDatabase = "lawenforce_test";

  struct Options {
    // More server settings, as postgres -c name=value.
    std::vector<std::pair<std::string, std::string>> settings;
  };

  // Finds the binaries ($LAWENFORCE_POSTGRES_BINDIR, else
  // /usr/lib/postgresql/15/bin, else the newest /usr/lib/postgresql/*/bin),
  // runs initdb, starts postgres and waits (bounded) until it accepts
  // connections, then creates kDatabase. FAILED_PRECONDITION naming the
  // package when the binaries are missing; UNAVAILABLE or DEADLINE_EXCEEDED
  // with the server's log when it does not come up.
  static absl::StatusOr<std::unique_ptr<PostgresServer>> Start(Options options = {});
  ~PostgresServer();

  int port() const { return port_; }
  std::string host() const { return "127.0.0.1"; }
  // "postgres://postgres@127.0.0.1:<port>/lawenforce_test", with
  // "?schema=<schema>" when `schema` is given.
  std::string url(absl::string_view schema = "") const;

  // SIGKILL to the postmaster and every backend at once: a crash (with
  // fsync on, every committed transaction survives). FAILED_PRECONDITION
  // when not running.
  absl::Status Kill();
  // Fast shutdown (SIGINT) and wait for the exit. FAILED_PRECONDITION when
  // not running.
  absl::Status Stop();
  // Starts again on the same port and directory after Stop() or Kill()
  // (crash recovery replays the WAL). FAILED_PRECONDITION while running.
  absl::Status Restart();

  // The cluster's data directory (every file the server writes: tables,
  // indexes, WAL).
  std::string data_directory() const { return dir_.File("data"); }

  // Runs `sql` as the superuser on kDatabase through a private connection;
  // the rows as text, columns joined with '|', rows with '\n'. An error is
  // INTERNAL with the server's message.
  absl::StatusOr<std::string> Query(absl::string_view sql) const;

 private:
  PostgresServer() = default;
  absl::Status InitDb();
  // Starts postgres on port_ and waits until it answers as pid_.
  absl::Status Launch();
  // While the server is down: keeps port_ bound (not listening, so clients
  // are refused at once) so that no other server started meanwhile, e.g. by
  // a test running in parallel, takes it before Restart().
  void HoldPort();
  void ReleasePort();

  TempDir dir_;
  std::string bin_dir_;
  Options options_;
  int port_ = 0;
  int pid_ = -1;
  int port_holder_ = -1;
  // The unprivileged user the server runs as when the test is root.
  bool drop_privileges_ = false;
  unsigned uid_ = 0;
  unsigned gid_ = 0;
};

// One server for every test of the process, started at the first call
// (from the test body's thread, see above) and stopped at exit. Fails the
// same way on every call when it could not start.
absl::StatusOr<PostgresServer*> SharedPostgresServer();

// The backends a store test runs against (value-parameterised tests).
enum class StoreBackend { kSqlite, kPostgres };

// "Sqlite" or "Postgres", for INSTANTIATE_TEST_SUITE_P.
std::string StoreBackendName(const ::testing::TestParamInfo<StoreBackend>& info);

// A store URL (common/store/open.h) of a fresh, empty database: a new file
// in `dir` (SQLite), or a new schema ("t1", "t2"...) on the shared server.
// Each call returns another one; two Database objects opened on one URL
// are two replicas of one service.
absl::StatusOr<std::string> FreshStoreUrl(StoreBackend backend, const TempDir& dir);

}  // namespace lawenforce::testing

#endif  // LAWENFORCE_COMMON_TESTING_POSTGRES_SERVER_H_
