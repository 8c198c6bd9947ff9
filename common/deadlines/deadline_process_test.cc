// Two worker processes share one database (a SQLite file, or a PostgreSQL
// schema: two replicas) and one Redis. The first is
// killed with SIGKILL in the middle of a handler (its transaction not yet
// committed); the second takes the deadline over when the lease expires.
// Every deadline's effect exists exactly once.

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "common/deadlines/deadline_engine.h"
#include "common/deadlines/engine_test_base.h"

extern char** environ;

namespace lawenforce::deadlines::testing {
namespace {

constexpr char kBlockedSubject[] = "blocked";

class DeadlineProcessTest : public DeadlineTestBase {
 protected:
  void TearDown() override {
    for (pid_t pid : children_) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }

  // Starts a worker process; returns its pid (or -1).
  pid_t SpawnWorker(const std::string& name, const std::string& block_subject) {
    std::vector<std::string> args = {WORKER_BIN, store_url_,    redis_server_->url(),
                                     name,       block_subject, dir_.path()};
    std::vector<char*> argv;
    for (std::string& a : args) {
      argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    pid_t pid = -1;
    if (posix_spawn(&pid, WORKER_BIN, nullptr, nullptr, argv.data(), environ) != 0) {
      return -1;
    }
    children_.push_back(pid);
    return pid;
  }

  // Waits (bounded) for `pid` to exit; its exit status, or -1.
  int WaitExit(pid_t pid) {
    int status = 0;
    pid_t done = 0;
    if (!WaitFor([&] { return (done = waitpid(pid, &status, WNOHANG)) != 0; })) {
      return -1;
    }
    std::erase(children_, pid);
    return done == pid && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  bool FileExists(const std::string& name) { return access(dir_.File(name).c_str(), F_OK) == 0; }

  std::vector<pid_t> children_;
};

TEST_P(DeadlineProcessTest, AWorkerKilledMidHandlerIsTakenOverAndEveryEffectHappensOnce) {
  RealClock clock;
  auto scheduler = NewEngine(&clock);  // schedules and publishes only
  const absl::Time now = clock.Now();
  ASSERT_OK(ScheduleAndPublish(*scheduler, Spec(kBlockedSubject, now)));
  constexpr int kOthers = 20;
  for (int i = 0; i < kOthers; ++i) {
    ASSERT_OK(ScheduleAndPublish(*scheduler,
                                 Spec(absl::StrCat("s", i), now + absl::Milliseconds(50 * i))));
  }

  pid_t doomed = SpawnWorker("doomed", kBlockedSubject);
  ASSERT_GT(doomed, 0);
  // The doomed worker is inside the handler of "blocked", its transaction
  // open (it holds the SQLite write lock, or the row's lock, meanwhile).
  int doomed_status = 0;
  ASSERT_TRUE(WaitFor([&] {
    return FileExists("doomed.entered") || waitpid(doomed, &doomed_status, WNOHANG) == doomed;
  }));
  ASSERT_TRUE(FileExists("doomed.entered")) << "the worker exited early, status " << doomed_status;
  pid_t survivor = SpawnWorker("survivor", "");
  ASSERT_GT(survivor, 0);
  ASSERT_EQ(kill(doomed, SIGKILL), 0);
  ASSERT_EQ(waitpid(doomed, nullptr, 0), doomed);
  std::erase(children_, doomed);

  EXPECT_TRUE(WaitFor([&] { return Effects().size() >= kOthers + 1; }, absl::Seconds(60)));
  std::ofstream(dir_.File("stop")) << "stop";
  EXPECT_EQ(WaitExit(survivor), 0);

  absl::flat_hash_map<std::string, int> count;
  for (const Effect& e : Effects()) {
    ++count[e.subject];
    if (e.subject == kBlockedSubject) {
      EXPECT_EQ(e.worker, "survivor");  // the doomed worker's effect rolled back
    }
  }
  EXPECT_EQ(count.size(), static_cast<size_t>(kOthers + 1));
  for (const auto& [subject, n] : count) {
    EXPECT_EQ(n, 1) << subject;
  }
}

LAWENFORCE_DEADLINE_BACKENDS(DeadlineProcessTest);

}  // namespace
}  // namespace lawenforce::deadlines::testing
