#ifndef LAWENFORCE_COMMON_GRPC_CALL_EXECUTOR_H_
#define LAWENFORCE_COMMON_GRPC_CALL_EXECUTOR_H_

// The pool that runs every service's handlers (docs/adr/0006). Services use
// gRPC's callback API: gRPC's own threads only receive calls and hand each to
// this pool, whose fixed number of threads run the blocking work (SQL,
// Redis, calls to other services). So threads are bounded whatever the load,
// health checks (answered on gRPC's threads) never wait behind handlers,
// and excess load is refused at the door instead of piling up:
//
//   - at most `max_queued` admitted calls wait for a thread; one more is
//     refused at once (the caller answers RESOURCE_EXHAUSTED);
//   - a call whose deadline has passed, or whose client has gone, while it
//     waited is dropped before any work is done (see unary.h).
//
// Metrics (`registry` may be null):
//   lawenforce_grpc_executor_threads        gauge, the pool size
//   lawenforce_grpc_executor_queued         gauge, calls waiting for a thread
//   lawenforce_grpc_executor_busy           gauge, threads running a handler
//   lawenforce_grpc_shed_total{reason}      calls refused or dropped: queue_full,
//                                           deadline_passed, cancelled

#include <cstdint>
#include <deque>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"

namespace lawenforce::grpc_edge {

struct ExecutorOptions {
  // Threads running handlers. 0 runs every task inline on the submitting
  // (gRPC) thread: only for handlers that never block.
  int threads = 16;
  // Admitted calls waiting for a thread, beyond which calls are refused.
  int max_queued = 256;
};

// Why a call was not run.
enum class ShedReason { kQueueFull, kDeadlinePassed, kCancelled };

// Thread-safe.
class CallExecutor {
 public:
  CallExecutor(ExecutorOptions options, prometheus::Registry* registry);
  // Shutdown().
  ~CallExecutor();

  CallExecutor(const CallExecutor&) = delete;
  CallExecutor& operator=(const CallExecutor&) = delete;

  // Queues `task` for a pool thread (or runs it now with threads = 0).
  // Returns false, without running it, when max_queued tasks are waiting
  // or the executor is shut down; the caller refuses the call.
  bool TrySubmit(absl::AnyInvocable<void() &&> task) ABSL_LOCKS_EXCLUDED(mu_);

  // Counts a call that was refused or dropped.
  void CountShed(ShedReason reason);

  // Stops accepting, runs what is queued, joins the threads. Idempotent.
  void Shutdown() ABSL_LOCKS_EXCLUDED(mu_);

  const ExecutorOptions& options() const { return options_; }
  int queued() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  void Work() ABSL_LOCKS_EXCLUDED(mu_);
  bool HasWorkOrStopping() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return stopping_ || !tasks_.empty();
  }

  const ExecutorOptions options_;
  prometheus::Gauge* queued_gauge_ = nullptr;
  prometheus::Gauge* busy_gauge_ = nullptr;
  prometheus::Counter* shed_[3] = {nullptr, nullptr, nullptr};

  mutable absl::Mutex mu_;
  std::deque<absl::AnyInvocable<void() &&>> tasks_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace lawenforce::grpc_edge

#endif  // LAWENFORCE_COMMON_GRPC_CALL_EXECUTOR_H_
