#include "common/grpc/call_executor.h"

#include <utility>

namespace lawenforce::grpc_edge {

CallExecutor::CallExecutor(ExecutorOptions options, prometheus::Registry* registry)
    : options_(options) {
  if (registry != nullptr) {
    prometheus::BuildGauge()
        .Name("lawenforce_grpc_executor_threads")
        .Help("Threads running handlers (fixed: --max-threads).")
        .Register(*registry)
        .Add({})
        .Set(options_.threads);
    queued_gauge_ = &prometheus::BuildGauge()
                         .Name("lawenforce_grpc_executor_queued")
                         .Help("Admitted calls waiting for a handler thread.")
                         .Register(*registry)
                         .Add({});
    busy_gauge_ = &prometheus::BuildGauge()
                       .Name("lawenforce_grpc_executor_busy")
                       .Help("Handler threads running a call.")
                       .Register(*registry)
                       .Add({});
    auto& shed = prometheus::BuildCounter()
                     .Name("lawenforce_grpc_shed_total")
                     .Help(
                         "Calls refused (queue_full) or dropped before any work "
                         "(deadline_passed, cancelled).")
                     .Register(*registry);
    shed_[0] = &shed.Add({{"reason", "queue_full"}});
    shed_[1] = &shed.Add({{"reason", "deadline_passed"}});
    shed_[2] = &shed.Add({{"reason", "cancelled"}});
  }
  threads_.reserve(options_.threads);
  for (int i = 0; i < options_.threads; ++i) {
    threads_.emplace_back([this] { Work(); });
  }
}

CallExecutor::~CallExecutor() { Shutdown(); }

bool CallExecutor::TrySubmit(absl::AnyInvocable<void() &&> task) {
  if (options_.threads == 0) {
    std::move(task)();
    return true;
  }
  {
    absl::MutexLock lock(&mu_);
    if (stopping_ || static_cast<int>(tasks_.size()) >= options_.max_queued) {
      return false;
    }
    tasks_.push_back(std::move(task));
    if (queued_gauge_ != nullptr) queued_gauge_->Set(static_cast<double>(tasks_.size()));
  }
  return true;
}

void CallExecutor::CountShed(ShedReason reason) {
  prometheus::Counter* counter = shed_[static_cast<int>(reason)];
  if (counter != nullptr) counter->Increment();
}

void CallExecutor::Work() {
  while (true) {
    absl::AnyInvocable<void() &&> task;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(this, &CallExecutor::HasWorkOrStopping));
      if (tasks_.empty()) {
        return;  // stopping, and everything queued has run
      }
      task = std::move(tasks_.front());
      tasks_.pop_front();
      if (queued_gauge_ != nullptr) queued_gauge_->Set(static_cast<double>(tasks_.size()));
    }
    if (busy_gauge_ != nullptr) busy_gauge_->Increment();
    std::move(task)();
    if (busy_gauge_ != nullptr) busy_gauge_->Decrement();
  }
}

void CallExecutor::Shutdown() {
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  for (std::thread& t : threads_) t.join();
}

int CallExecutor::queued() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(tasks_.size());
}

}  // namespace lawenforce::grpc_edge
