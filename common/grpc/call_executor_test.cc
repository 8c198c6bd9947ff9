#include "common/grpc/call_executor.h"

#include <atomic>
#include <thread>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"

namespace lawenforce::grpc_edge {
namespace {

double Value(prometheus::Registry& registry, const std::string& name, const std::string& reason) {
  for (const prometheus::MetricFamily& f : registry.Collect()) {
    if (f.name != name) continue;
    for (const prometheus::ClientMetric& m : f.metric) {
      if (reason.empty()) return m.gauge.value;
      for (const auto& l : m.label) {
        if (l.name == "reason" && l.value == reason) return m.counter.value;
      }
    }
  }
  return -1;
}

TEST(CallExecutorTest, RunsEveryAdmittedTaskOnItsThreads) {
  CallExecutor executor({.threads = 3, .max_queued = 100}, nullptr);
  std::atomic<int> ran{0};
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<bool> on_caller{false};
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(executor.TrySubmit([&] {
      if (std::this_thread::get_id() == caller) on_caller = true;
      ++ran;
    }));
  }
  executor.Shutdown();  // runs what is queued
  EXPECT_EQ(ran.load(), 50);
  EXPECT_FALSE(on_caller.load());
}

TEST(CallExecutorTest, RefusesBeyondTheQueueBoundWhileEveryThreadIsBusy) {
  prometheus::Registry registry;
  CallExecutor executor({.threads = 2, .max_queued = 3}, &registry);
  absl::Notification release;
  std::atomic<int> started{0};
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(executor.TrySubmit([&] {
      ++started;
      release.WaitForNotification();
    }));
  }
  while (started.load() < 2) std::this_thread::yield();  // both threads now busy
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(executor.TrySubmit([] {})) << i;
  EXPECT_EQ(executor.queued(), 3);
  EXPECT_EQ(Value(registry, "lawenforce_grpc_executor_queued", ""), 3);
  EXPECT_FALSE(executor.TrySubmit([] {})) << "a fourth waiting call is refused";
  executor.CountShed(ShedReason::kQueueFull);
  EXPECT_EQ(Value(registry, "lawenforce_grpc_shed_total", "queue_full"), 1);
  EXPECT_EQ(Value(registry, "lawenforce_grpc_executor_threads", ""), 2);
  release.Notify();
  executor.Shutdown();
  EXPECT_EQ(executor.queued(), 0);
}

TEST(CallExecutorTest, NothingIsAdmittedAfterShutdown) {
  CallExecutor executor({.threads = 1, .max_queued = 10}, nullptr);
  executor.Shutdown();
  EXPECT_FALSE(executor.TrySubmit([] {}));
}

TEST(CallExecutorTest, ZeroThreadsRunsInline) {
  CallExecutor executor({.threads = 0, .max_queued = 0}, nullptr);
  bool ran = false;
  EXPECT_TRUE(executor.TrySubmit([&] { ran = true; }));
  EXPECT_TRUE(ran);
}

}  // namespace
}  // namespace lawenforce::grpc_edge
