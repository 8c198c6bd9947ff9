// Durability of acknowledged writes: a child process writes rows one by one
// and reports each id only after Write() returned OK; the parent kills it
// with SIGKILL at an arbitrary point and checks that every reported id is in
// the database. This is a binary of its own so that fork() happens before
// any thread exists in the process.

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/store/sql.h"
#include "common/store/sqlite_database.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::store {
namespace {

constexpr int kAcksBeforeKill = 100;
// Bounds the child should the parent vanish without killing it.
constexpr int64_t kMaxChildWrites = 100000;
constexpr absl::Duration kDeadline = absl::Seconds(60);

// The child: returns its exit code. Writes nothing but ids to `fd`.
int RunWriter(const std::string& path, int fd) {
  absl::StatusOr<std::unique_ptr<Database>> db = OpenSqlite({.path = path});
  if (!db.ok()) {
    return 2;
  }
  if (!(*db)
           ->Write([](Transaction& tx) {
             return tx.ExecuteScript("CREATE TABLE IF NOT EXISTS acks (id INTEGER PRIMARY KEY)");
           })
           .ok()) {
    return 3;
  }
  for (int64_t id = 1; id <= kMaxChildWrites; ++id) {
    absl::Status status = (*db)->Write([id](Transaction& tx) {
      return tx.Execute("INSERT INTO acks (id) VALUES (?)", {Int(id)}).status();
    });
    if (!status.ok()) {
      return 4;
    }
    if (write(fd, &id, sizeof(id)) != static_cast<ssize_t>(sizeof(id))) {
      return 5;
    }
  }
  return 0;
}

// Reads ids from `fd` into `ids` until `want` have arrived, EOF, or the
// deadline. Returns false on EOF or deadline.
bool ReadIds(int fd, size_t want, std::string& pending, std::vector<int64_t>& ids,
             absl::Time deadline) {
  while (ids.size() < want) {
    const int64_t left_ms = absl::ToInt64Milliseconds(deadline - absl::Now());
    if (left_ms <= 0) {
      return false;
    }
    pollfd pfd = {.fd = fd, .events = POLLIN, .revents = 0};
    const int ready = poll(&pfd, 1, static_cast<int>(left_ms));
    if (ready < 0 && errno == EINTR) {
      continue;
    }
    if (ready <= 0) {
      return false;
    }
    char buf[4096];
    const ssize_t n = read(fd, buf, sizeof(buf));
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    pending.append(buf, static_cast<size_t>(n));
    while (pending.size() >= sizeof(int64_t)) {
      int64_t id;
      std::memcpy(&id, pending.data(), sizeof(id));
      ids.push_back(id);
      pending.erase(0, sizeof(id));
    }
  }
  return true;
}

TEST(SqliteDurabilityTest, EveryAcknowledgedWriteSurvivesKillingTheWriter) {
  ::lawenforce::testing::TempDir dir;
  const std::string path = dir.File("durable.db");
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    _exit(RunWriter(path, fds[1]));
  }
  close(fds[1]);

  std::string pending;
  std::vector<int64_t> acked;
  const absl::Time deadline = absl::Now() + kDeadline;
  const bool enough = ReadIds(fds[0], kAcksBeforeKill, pending, acked, deadline);
  // Killed mid-stream: most likely inside a Write, possibly mid-commit.
  kill(child, SIGKILL);
  int wait_status = 0;
  ASSERT_EQ(waitpid(child, &wait_status, 0), child);
  ASSERT_TRUE(enough) << "writer stopped after " << acked.size() << " acks, status " << wait_status;
  ASSERT_TRUE(WIFSIGNALED(wait_status)) << "writer exited with " << wait_status;
  // Ids acknowledged before the kill and still in the pipe count too.
  ReadIds(fds[0], SIZE_MAX, pending, acked, absl::Now() + absl::Seconds(5));
  close(fds[0]);
  ASSERT_GE(acked.size(), static_cast<size_t>(kAcksBeforeKill));

  absl::StatusOr<std::unique_ptr<Database>> db = OpenSqlite({.path = path});
  ASSERT_OK(db.status());
  ASSERT_OK((*db)->Read([&](Transaction& tx) -> absl::Status {
    for (int64_t id : acked) {
      absl::StatusOr<std::vector<Row>> rows =
          tx.Query("SELECT id FROM acks WHERE id = ?", {Int(id)});
      if (!rows.ok()) {
        return rows.status();
      }
      EXPECT_EQ(rows->size(), 1u) << "acknowledged id " << id << " is missing";
    }
    return absl::OkStatus();
  }));
  // Acks arrive in order; the row count can only exceed them (a commit the
  // writer made but could not report before it died).
  ASSERT_OK((*db)->Read([&](Transaction& tx) -> absl::Status {
    absl::StatusOr<std::vector<Row>> rows = tx.Query("SELECT COUNT(*), MAX(id) FROM acks");
    if (!rows.ok()) {
      return rows.status();
    }
    EXPECT_GE(rows->front().Int(0), static_cast<int64_t>(acked.size()));
    EXPECT_EQ(rows->front().Int(0), rows->front().Int(1));  // No holes.
    return absl::OkStatus();
  }));
}

}  // namespace
}  // namespace lawenforce::store
