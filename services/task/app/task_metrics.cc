#include "services/task/app/task_metrics.h"

#include <map>
#include <string>
#include <tuple>

#include "common/metrics/division_label.h"
#include "prometheus/client_metric.h"

namespace lawenforce::tasks {
namespace {

const char* StateLabel(AssignmentState s) {
  switch (s) {
    case AssignmentState::kNotStarted:
      return "not_started";
    case AssignmentState::kInProgress:
      return "in_progress";
    case AssignmentState::kDone:
      return "done";
    case AssignmentState::kOverdue:
      return "overdue";
  }
  return "unknown";
}

}  // namespace

std::vector<prometheus::MetricFamily> TaskMetrics::Compute() const {
  absl::StatusOr<std::vector<AssignmentStore::StateCount>> counts = store_->CountByState();
  if (!counts.ok()) return {};  // the store error shows in the RPC metrics
  std::map<std::tuple<std::string, std::string, std::string>, double> by;
  for (const AssignmentStore::StateCount& c : *counts) {
    const metrics::DivisionLabel where = metrics::LabelsFor(*divisions_, c.division_code);
    by[{where.tier, where.division, StateLabel(c.state)}] += static_cast<double>(c.count);
  }
  prometheus::MetricFamily f;
  f.name = "lawenforce_assignments";
  f.help = "Task assignments by the assigned division and state.";
  f.type = prometheus::MetricType::Gauge;
  for (const auto& [key, n] : by) {
    prometheus::ClientMetric m;
    m.label = {
        {"tier", std::get<0>(key)}, {"division", std::get<1>(key)}, {"state", std::get<2>(key)}};
    m.gauge.value = n;
    f.metric.push_back(std::move(m));
  }
  return {std::move(f)};
}

}  // namespace lawenforce::tasks
