#include "common/server/signals.h"

#include <pthread.h>
#include <signal.h>

#include <chrono>

#include "absl/strings/str_format.h"
#include "common/log/log.h"

namespace lawenforce::server {
namespace {

sigset_t TerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

absl::string_view SignalName(int signal) {
  switch (signal) {
    case SIGTERM:
      return "SIGTERM";
    case SIGINT:
      return "SIGINT";
    default:
      return "other";
  }
}

}  // namespace

void BlockTerminationSignals() {
  sigset_t set = TerminationSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int RunUntilSignal(Server& server) {
  BlockTerminationSignals();
  sigset_t set = TerminationSignals();
  int signal = 0;
  if (int error = sigwait(&set, &signal); error != 0) {
    // Only possible for an invalid set; shut down rather than run unstoppable.
    log::Error("sigwait_failed", {{"errno", error}});
  }
  log::Info("shutdown_started", {{"signal", SignalName(signal)}});
  auto start = std::chrono::steady_clock::now();
  server.Shutdown();
  server.Wait();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  log::Info("shutdown_complete", {{"duration_s", absl::StrFormat("%.3f", seconds)}});
  return 0;
}

}  // namespace lawenforce::server
