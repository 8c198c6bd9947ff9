#include "common/deadlines/deadline_engine.h"

// The background side of DeadlineEngine: worker, publish and reconcile
// loops, and the tracking of Redis's availability that drives them.
#include <algorithm>
#include <utility>
#include <vector>

#include "common/deadlines/deadline_rows.h"
#include "common/deadlines/metrics.h"
#include "common/deadlines/redis_queue.h"
#include "common/log/log.h"

namespace lawenforce::deadlines {
namespace {

constexpr absl::Duration kMaxBackoff = absl::Seconds(5);

absl::Duration NextBackoff(absl::Duration current, absl::Duration floor) {
  return std::min(std::max(current * 2, floor), std::max(kMaxBackoff, floor));
}

// Logs when a loop starts or stops failing, not every failure.
class FailureLog {
 public:
  explicit FailureLog(absl::string_view loop) : loop_(loop) {}
  void Note(const absl::Status& status) {
    if (!status.ok() && !failing_) {
      log::Warn("deadline_loop_failing",
                {{"loop", loop_}, {"code", absl::StatusCodeToString(status.code())}});
    } else if (status.ok() && failing_) {
      log::Info("deadline_loop_recovered", {{"loop", loop_}});
    }
    failing_ = !status.ok();
  }

 private:
  absl::string_view loop_;
  bool failing_ = false;
};

}  // namespace

void DeadlineEngine::Start() {
  absl::MutexLock lock(&loop_mu_);
  if (!threads_.empty() || stopping_) {
    return;
  }
  reconcile_requested_ = true;
  for (int i = 0; i < std::max(1, options_.worker_threads); ++i) {
    threads_.emplace_back([this] { WorkerLoop(); });
  }
  threads_.emplace_back([this] { PublishLoop(); });
  threads_.emplace_back([this] { ReconcileLoop(); });
}

void DeadlineEngine::Stop() {
  std::vector<std::thread> threads;
  {
    absl::MutexLock lock(&loop_mu_);
    stopping_ = true;
    threads.swap(threads_);
  }
  for (std::thread& t : threads) {
    t.join();
  }
}

bool DeadlineEngine::WaitOrStop(absl::Duration d) {
  loop_mu_.LockWhenWithTimeout(absl::Condition(&stopping_), d);
  const bool stopping = stopping_;
  loop_mu_.Unlock();
  return stopping;
}

void DeadlineEngine::RequestReconcile() {
  absl::MutexLock lock(&loop_mu_);
  reconcile_requested_ = true;
}

void DeadlineEngine::NoteRedis(const absl::Status& status) {
  constexpr int kUp = 1;
  constexpr int kDown = 2;
  if (status.ok()) {
    if (redis_state_.exchange(kUp) == kDown) {
      // A restart may have lost the writes of its last second (AOF
      // everysec) without losing the marker: reconcile regardless.
      log::Info("deadlines_redis_back", {{"namespace", options_.namespace_prefix}});
      RequestReconcile();
    }
  } else if (status.code() == absl::StatusCode::kUnavailable) {
    if (redis_state_.exchange(kDown) != kDown) {
      log::Warn("deadlines_redis_unavailable", {{"namespace", options_.namespace_prefix}});
    }
  }
}

absl::Status DeadlineEngine::RefreshPendingGauge() {
  std::vector<std::pair<std::string, int64_t>> counts;
  absl::Status status = db_->Read([&](store::Transaction& tx) -> absl::Status {
    absl::StatusOr<std::vector<std::pair<std::string, int64_t>>> c =
        internal::CountPendingByKind(tx);
    if (!c.ok()) {
      return c.status();
    }
    counts = std::move(*c);
    return absl::OkStatus();
  });
  if (status.ok()) {
    metrics_->SetPending(counts);
  }
  return status;
}

void DeadlineEngine::WorkerLoop() {
  FailureLog failures("worker");
  absl::Duration backoff = options_.poll_interval;
  for (;;) {
    absl::StatusOr<Cycle> cycle = RunCycle();
    failures.Note(cycle.status());
    absl::Duration wait = options_.poll_interval;
    if (!cycle.ok()) {
      backoff = NextBackoff(backoff, options_.poll_interval);
      wait = backoff;
    } else {
      backoff = options_.poll_interval;
      if (cycle->claimed >= options_.claim_batch) {
        wait = absl::ZeroDuration();  // a full batch: more may be due
      }
    }
    if (WaitOrStop(wait)) {
      return;
    }
  }
}

void DeadlineEngine::PublishLoop() {
  FailureLog failures("publish");
  const int64_t gauge_every =
      std::max<int64_t>(1, static_cast<int64_t>(absl::FDivDuration(
                               options_.pending_gauge_interval,
                               std::max(options_.publish_interval, absl::Milliseconds(1)))));
  for (int64_t round = 0;; ++round) {
    absl::Status status = PublishPending();
    // The marker is checked once this engine has set it (the start-up
    // reconcile), so that a fresh Redis is not reported as a loss.
    if (status.ok() && reconciled_.load()) {
      absl::StatusOr<bool> marker = internal::MarkerExists(*redis_, *keys_);
      NoteRedis(marker.status());
      status = marker.status();
      if (marker.ok() && !*marker) {
        log::Warn("deadlines_redis_data_lost", {{"namespace", options_.namespace_prefix}});
        RequestReconcile();
      }
    }
    failures.Note(status);
    if (round % gauge_every == 0) {
      if (absl::Status s = RefreshPendingGauge(); !s.ok()) {
        log::Warn("deadline_gauge_failed", {{"code", absl::StatusCodeToString(s.code())}});
      }
    }
    if (WaitOrStop(options_.publish_interval)) {
      return;
    }
  }
}

void DeadlineEngine::ReconcileLoop() {
  FailureLog failures("reconcile");
  absl::Duration retry = absl::Seconds(1);
  absl::Duration wait = absl::ZeroDuration();  // Start() asked for one
  for (;;) {
    loop_mu_.LockWhenWithTimeout(absl::Condition(this, &DeadlineEngine::ReconcileWanted), wait);
    const bool stopping = stopping_;
    reconcile_requested_ = false;
    loop_mu_.Unlock();
    if (stopping) {
      return;
    }
    absl::Status status = Reconcile();
    failures.Note(status);
    if (status.ok()) {
      retry = absl::Seconds(1);
      wait = options_.reconcile_interval;
    } else {
      wait = std::min(retry, options_.reconcile_interval);
      retry = NextBackoff(retry, absl::Seconds(1));
    }
  }
}

}  // namespace lawenforce::deadlines
