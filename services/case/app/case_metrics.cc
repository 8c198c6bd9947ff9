#include "services/case/app/case_metrics.h"

#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "common/metrics/division_label.h"
#include "prometheus/client_metric.h"

namespace lawenforce::cases {
namespace {

prometheus::MetricFamily Gauge(std::string name, std::string help) {
  prometheus::MetricFamily f;
  f.name = std::move(name);
  f.help = std::move(help);
  f.type = prometheus::MetricType::Gauge;
  return f;
}

void AddSample(prometheus::MetricFamily& family, const metrics::DivisionLabel& where,
               std::string key, std::string value, double count) {
  prometheus::ClientMetric m;
  m.label = {
      {"tier", where.tier}, {"division", where.division}, {std::move(key), std::move(value)}};
  m.gauge.value = count;
  family.metric.push_back(std::move(m));
}

}  // namespace

std::vector<prometheus::MetricFamily> CaseMetrics::Compute() const {
  absl::StatusOr<std::vector<ClockCount>> overdue = store_->CountOverdueClocks(clock()->Now());
  absl::StatusOr<std::vector<PublicityCount>> publicity = store_->CountPublicity();
  if (!overdue.ok() || !publicity.ok()) return {};  // the store error shows in RPC metrics
  // Townships roll up to their county: sum per label.
  std::map<std::tuple<std::string, std::string, std::string>, double> clocks;
  for (const ClockCount& c : *overdue) {
    const metrics::DivisionLabel where = metrics::LabelsFor(*divisions_, c.division_code);
    clocks[{where.tier, where.division, RuleOf(c.kind).code}] += static_cast<double>(c.count);
  }
  std::map<std::tuple<std::string, std::string, std::string>, double> published;
  for (const PublicityCount& p : *publicity) {
    const metrics::DivisionLabel where = metrics::LabelsFor(*divisions_, p.division_code);
    published[{where.tier, where.division, p.on_time ? "on_time" : "late"}] +=
        static_cast<double>(p.count);
  }
  prometheus::MetricFamily clock_family = Gauge(
      "lawenforce_case_clocks_overdue",
      "Open statutory clocks of cases past their due moment (not a party's window), by clock.");
  for (const auto& [key, n] : clocks) {
    AddSample(clock_family, {std::get<0>(key), std::get<1>(key)}, "clock", std::get<2>(key), n);
  }
  prometheus::MetricFamily publicity_family =
      Gauge("lawenforce_case_publicity_decisions",
            "Penalty decisions published, within the 7 working days or late.");
  for (const auto& [key, n] : published) {
    AddSample(publicity_family, {std::get<0>(key), std::get<1>(key)}, "timeliness",
              std::get<2>(key), n);
  }
  return {std::move(clock_family), std::move(publicity_family)};
}

}  // namespace lawenforce::cases
