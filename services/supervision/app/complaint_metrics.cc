#include "services/supervision/app/complaint_metrics.h"

#include <map>
#include <string>
#include <utility>

#include "common/metrics/division_label.h"
#include "common/time/clock.h"
#include "prometheus/client_metric.h"
#include "services/supervision/domain/notices.h"

namespace lawenforce::supervision {
namespace {

prometheus::MetricFamily Gauge(std::string name, std::string help) {
  prometheus::MetricFamily f;
  f.name = std::move(name);
  f.help = std::move(help);
  f.type = prometheus::MetricType::Gauge;
  return f;
}

prometheus::ClientMetric Sample(prometheus::ClientMetric::Label tier,
                                prometheus::ClientMetric::Label division, double value) {
  prometheus::ClientMetric m;
  m.label = {std::move(tier), std::move(division)};
  m.gauge.value = value;
  return m;
}

}  // namespace

std::vector<prometheus::MetricFamily> ComplaintMetrics::Compute() const {
  // Each family from its own query: one that fails (the error shows in
  // the RPC metrics) leaves the others.
  absl::StatusOr<std::vector<OpenCount>> counts = store_->CountOpen(clock()->Now());
  if (!counts.ok()) counts = std::vector<OpenCount>();
  // Townships roll up to their county: sum per label.
  std::map<std::pair<std::string, std::string>, std::map<std::string, double>> open;
  std::map<std::pair<std::string, std::string>, double> overdue;
  for (const OpenCount& c : *counts) {
    const metrics::DivisionLabel where = metrics::LabelsFor(*divisions_, c.division_code);
    std::string state = StateCode(c.state);
    for (char& ch : state) {
      if (ch == ' ') ch = '_';
    }
    open[{where.tier, where.division}][state] += static_cast<double>(c.count);
    // Every division with an open complaint has a series (0 when none is late).
    overdue[{where.tier, where.division}] += c.late ? static_cast<double>(c.count) : 0.0;
  }
  prometheus::MetricFamily open_family =
      Gauge("lawenforce_complaints_open",
            "Complaints not yet closed, by the responsible division and state.");
  for (const auto& [where, states] : open) {
    for (const auto& [state, n] : states) {
      prometheus::ClientMetric m = Sample({"tier", where.first}, {"division", where.second}, n);
      m.label.push_back({"state", state});
      open_family.metric.push_back(std::move(m));
    }
  }
  prometheus::MetricFamily overdue_family =
      Gauge("lawenforce_complaints_overdue",
            "Open complaints with a clock that ran out or is past its due moment.");
  for (const auto& [where, n] : overdue) {
    overdue_family.metric.push_back(Sample({"tier", where.first}, {"division", where.second}, n));
  }
  prometheus::MetricFamily rect_open =
      Gauge("lawenforce_rectifications_open",
            "Rectifications of review findings not yet completed, by the agency's division.");
  prometheus::MetricFamily rect_overdue =
      Gauge("lawenforce_rectifications_overdue",
            "Open rectifications whose deadline ran out (escalated), by the agency's division.");
  absl::StatusOr<std::vector<ReviewStore::OpenRectifications>> rects =
      store_->CountOpenRectifications();
  if (rects.ok()) {
    std::map<std::pair<std::string, std::string>, std::pair<double, double>> by_division;
    for (const ReviewStore::OpenRectifications& r : *rects) {
      const metrics::DivisionLabel where = metrics::LabelsFor(*divisions_, r.division_code);
      auto& [n, late] = by_division[{where.tier, where.division}];
      n += static_cast<double>(r.count);
      if (r.overdue) late += static_cast<double>(r.count);
    }
    for (const auto& [where, counts] : by_division) {
      rect_open.metric.push_back(
          Sample({"tier", where.first}, {"division", where.second}, counts.first));
      rect_overdue.metric.push_back(
          Sample({"tier", where.first}, {"division", where.second}, counts.second));
    }
  }
  prometheus::MetricFamily plans_family =
      Gauge("lawenforce_supervision_plans_overdue",
            "1 for a region, city or county without its supervision plan for the current year "
            "after 31 March (China Standard Time), else 0.");
  const absl::Time now = clock()->Now();
  const int year = absl::ToCivilYear(now, ChinaTimeZone()).year();
  absl::StatusOr<std::vector<SupervisionPlan>> plans = store_->PlansOf(year);
  if (plans.ok()) {
    std::map<std::string, SupervisionPlan> by_division;
    for (SupervisionPlan& p : *plans) by_division.emplace(p.division_code, std::move(p));
    for (const PlanStatusEntry& e :
         PlanStatus(*divisions_, divisions_->root(), year, by_division, now)) {
      const metrics::DivisionLabel where = metrics::LabelsFor(*divisions_, e.division_code);
      plans_family.metric.push_back(Sample({"tier", where.tier}, {"division", where.division},
                                           e.state == PlanState::kOverdue ? 1.0 : 0.0));
    }
  }
  return {std::move(open_family), std::move(overdue_family), std::move(rect_open),
          std::move(rect_overdue), std::move(plans_family)};
}

}  // namespace lawenforce::supervision
