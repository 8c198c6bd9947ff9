#include "common/testing/child_process.h"

#include <signal.h>
#include <sys/wait.h>

#include <cerrno>

#include "absl/time/clock.h"

namespace lawenforce::testing {

bool WaitForExit(int pid, absl::Duration timeout, int* status) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    const int reaped = waitpid(pid, status, WNOHANG);
    if (reaped == pid || (reaped < 0 && errno == ECHILD)) {
      return true;
    }
    if (absl::Now() >= deadline) {
      return false;
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
}

void KillAndReap(int pid) {
  kill(pid, SIGKILL);
  while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace lawenforce::testing
