#include "common/deadlines/metrics.h"

#include <algorithm>

namespace lawenforce::deadlines::internal {
namespace {

constexpr absl::string_view kOther = "other";

const prometheus::Histogram::BucketBoundaries& LagBuckets() {
  static const auto* const kBuckets = new prometheus::Histogram::BucketBoundaries{
      0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600};
  return *kBuckets;
}

}  // namespace

EngineMetrics::EngineMetrics(prometheus::Registry* registry) : enabled_(registry != nullptr) {
  if (registry == nullptr) {
    return;
  }
  pending_ = &prometheus::BuildGauge()
                  .Name("lawenforce_deadlines_pending")
                  .Help("Deadlines scheduled and not yet fired or cancelled, per kind.")
                  .Register(*registry);
  fired_ = &prometheus::BuildCounter()
                .Name("lawenforce_deadlines_fired_total")
                .Help("Deadlines whose handler ran and committed, per kind.")
                .Register(*registry);
  lag_ = &prometheus::BuildHistogram()
              .Name("lawenforce_deadlines_firing_lag_seconds")
              .Help("Time from a deadline's due time to its firing, per kind.")
              .Register(*registry);
  overdue_ = &prometheus::BuildCounter()
                  .Name("lawenforce_deadlines_overdue_total")
                  .Help("Deadlines fired more than 60 seconds after their due time, per kind.")
                  .Register(*registry);
  reminders_ = &prometheus::BuildCounter()
                    .Name("lawenforce_deadlines_reminders_total")
                    .Help("Deadline reminders whose handler ran and committed, per kind.")
                    .Register(*registry);
  failures_ = &prometheus::BuildCounter()
                   .Name("lawenforce_deadlines_handler_failures_total")
                   .Help(
                       "Deadline handler runs that failed and were rolled back (retried "
                       "after the lease), per kind.")
                   .Register(*registry);
  lease_expiries_ = &prometheus::BuildCounter()
                         .Name("lawenforce_deadlines_lease_expiries_total")
                         .Help(
                             "Claimed deadlines whose lease expired before the worker "
                             "finished (worker died or stalled); they are claimed again.")
                         .Register(*registry)
                         .Add({});
  readds_ = &prometheus::BuildCounter()
                 .Name("lawenforce_deadlines_reconciler_readds_total")
                 .Help(
                     "Pending deadlines the reconciler found missing from Redis and "
                     "added back.")
                 .Register(*registry)
                 .Add({});
  // Every series exists from the start, at zero, so that dashboards and
  // alerts see a service with no deadline yet (rate() of a missing series
  // is nothing, not 0).
  absl::MutexLock lock(&mu_);
  SeriesFor(kOther);
}

void EngineMetrics::AddKind(absl::string_view kind) {
  absl::MutexLock lock(&mu_);
  kinds_.insert(std::string(kind));
  if (enabled_) SeriesFor(kind);
}

std::string EngineMetrics::Label(absl::string_view kind) const {
  return std::string(kinds_.contains(kind) ? kind : kOther);
}

EngineMetrics::KindSeries& EngineMetrics::SeriesFor(absl::string_view kind) {
  const std::string label = Label(kind);
  auto [it, inserted] = series_.try_emplace(label);
  if (inserted) {
    const prometheus::Labels labels = {{"kind", label}};
    it->second.pending = &pending_->Add(labels);
    it->second.fired = &fired_->Add(labels);
    it->second.lag = &lag_->Add(labels, LagBuckets());
    it->second.overdue = &overdue_->Add(labels);
    it->second.reminders = &reminders_->Add(labels);
    it->second.failures = &failures_->Add(labels);
  }
  return it->second;
}

void EngineMetrics::RecordFired(absl::string_view kind, absl::Duration lag) {
  if (!enabled_) {
    return;
  }
  absl::MutexLock lock(&mu_);
  KindSeries& s = SeriesFor(kind);
  s.fired->Increment();
  s.lag->Observe(absl::ToDoubleSeconds(std::max(lag, absl::ZeroDuration())));
  if (lag > kOverdueAfter) {
    s.overdue->Increment();
  }
}

void EngineMetrics::RecordReminder(absl::string_view kind) {
  if (!enabled_) {
    return;
  }
  absl::MutexLock lock(&mu_);
  SeriesFor(kind).reminders->Increment();
}

void EngineMetrics::RecordHandlerFailure(absl::string_view kind) {
  if (!enabled_) {
    return;
  }
  absl::MutexLock lock(&mu_);
  SeriesFor(kind).failures->Increment();
}

void EngineMetrics::RecordLeaseExpiries(int64_t n) {
  if (enabled_ && n > 0) {
    lease_expiries_->Increment(static_cast<double>(n));
  }
}

void EngineMetrics::RecordReadds(int64_t n) {
  if (enabled_ && n > 0) {
    readds_->Increment(static_cast<double>(n));
  }
}

void EngineMetrics::SetPending(const std::vector<std::pair<std::string, int64_t>>& counts) {
  if (!enabled_) {
    return;
  }
  absl::MutexLock lock(&mu_);
  absl::flat_hash_map<std::string, double> totals;
  for (const auto& [kind, n] : counts) {
    totals[Label(kind)] += static_cast<double>(n);
  }
  for (auto& [label, series] : series_) {
    series.pending->Set(0);
  }
  for (const auto& [label, n] : totals) {
    SeriesFor(label).pending->Set(n);  // Label(label) == label
  }
}

}  // namespace lawenforce::deadlines::internal
