#ifndef LAWENFORCE_COMMON_TESTING_REDIS_SERVER_H_
#define LAWENFORCE_COMMON_TESTING_REDIS_SERVER_H_

// A real redis-server for tests: started on a free loopback port with its
// data in a temporary directory, stopped (and the directory removed) on
// destruction. Tests that need Redis start their own; they never skip.
//
// The server is killed if the test process dies (PR_SET_PDEATHSIG): call
// Start() and Restart() from a thread that outlives the server, such as the
// test body's thread. Not thread-safe; Query() may be called concurrently
// with itself.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/testing/temp_dir.h"

namespace lawenforce::testing {

class RedisServer {
 public:
  // Starts redis-server (PATH or /usr/bin) bound to 127.0.0.1 on a free
  // port, appendonly yes (appendfsync always), maxmemory-policy noeviction,
  // and waits (bounded) until it answers PING. `extra_args` are appended to
  // the command line, split on spaces; with "--requirepass X" the private
  // connections of Stop, FlushAll and Query authenticate with X.
  static absl::StatusOr<std::unique_ptr<RedisServer>> Start(std::string extra_args = "");
  ~RedisServer();

  int port() const { return port_; }
  std::string url() const;  // "redis://127.0.0.1:<port>"

  // SIGKILL, no persistence flush (a crash; with appendfsync always every
  // acknowledged write survives). FAILED_PRECONDITION when not running.
  absl::Status Kill();
  // SHUTDOWN (graceful) and wait for the process to exit.
  // FAILED_PRECONDITION when not running.
  absl::Status Stop();
  // Starts again on the same port and directory after Stop() or Kill(); the
  // AOF restores the data. FAILED_PRECONDITION while running.
  absl::Status Restart();
  // FLUSHALL.
  absl::Status FlushAll();
  // Runs one command via a private connection and returns the reply as text
  // (integers formatted, nil as "", arrays joined with '\n'); for assertions.
  // An error reply is INTERNAL with the full error text.
  absl::StatusOr<std::string> Query(const std::vector<std::string>& argv);

 private:
  RedisServer() = default;
  // Starts redis-server on port_ and waits until it answers as pid_.
  absl::Status Launch();

  TempDir dir_;
  int port_ = 0;
  int pid_ = -1;
  std::string extra_args_;
  std::string password_;  // from --requirepass in extra_args_
};

}  // namespace lawenforce::testing

#endif  // LAWENFORCE_COMMON_TESTING_REDIS_SERVER_H_
