#include "services/task/app/task_metrics.h"

#include <map>
#include <string>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "common/metrics/division_label.h"
#include "common/time/clock.h"
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

const char* DueLabel(ReportDueState s) {
  switch (s) {
    case ReportDueState::kOnTime:
      return "on_time";
    case ReportDueState::kLate:
      return "late";
    case ReportDueState::kPending:
      return "pending";
    case ReportDueState::kOverdue:
      return "overdue";
  }
  return "unknown";
}

}  // namespace

prometheus::MetricFamily TaskMetrics::Reports() const {
  prometheus::MetricFamily f;
  f.name = "lawenforce_annual_reports";
  f.help =
      "Annual enforcement reports of the last year due, per region, city and county: 1 in the "
      "report's state (on_time, late, pending, overdue).";
  f.type = prometheus::MetricType::Gauge;
  const absl::Time now = clock_->Now();
  const int year = absl::ToCivilYear(now, ChinaTimeZone()).year() - 1;
  absl::StatusOr<std::map<std::string, FirstPublication>> published =
      store_->FirstPublications("", year);
  if (!published.ok()) return f;  // the store error shows in the RPC metrics
  const std::string year_label = absl::StrCat(year);
  for (const Division* d : ReportingDivisions(*divisions_, divisions_->root())) {
    auto it = published->find(d->code);
    const ReportDueState state = DueStateOf(
        year, it == published->end() ? std::nullopt : std::optional(it->second.time), now);
    const metrics::DivisionLabel where = metrics::LabelsFor(*divisions_, d->code);
    for (ReportDueState s : {ReportDueState::kOnTime, ReportDueState::kLate,
                             ReportDueState::kPending, ReportDueState::kOverdue}) {
      prometheus::ClientMetric m;
      m.label = {{"tier", where.tier},
                 {"division", where.division},
                 {"year", year_label},
                 {"state", DueLabel(s)}};
      m.gauge.value = s == state ? 1 : 0;
      f.metric.push_back(std::move(m));
    }
  }
  return f;
}

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
  return {std::move(f), Reports()};
}

}  // namespace lawenforce::tasks
