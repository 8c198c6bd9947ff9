#include "services/case/app/case_metrics.h"

#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "absl/strings/ascii.h"
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
  std::vector<prometheus::MetricFamily> out;
  out.push_back(std::move(clock_family));
  out.push_back(std::move(publicity_family));
  AddCaseAndVisitFamilies(out);
  return out;
}

void CaseMetrics::AddCaseAndVisitFamilies(std::vector<prometheus::MetricFamily>& out) const {
  absl::StatusOr<std::vector<CaseCount>> cases = store_->CountCases();
  absl::StatusOr<std::vector<VisitCount>> visits = store_->CountVisits();
  if (!cases.ok() || !visits.ok()) return;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, double> by_state;
  for (const CaseCount& c : *cases) {
    const metrics::DivisionLabel where = metrics::LabelsFor(*divisions_, c.division_code);
    by_state[{where.tier, where.division, absl::AsciiStrToLower(ItemKindName(c.kind)),
              absl::AsciiStrToLower(CaseStateName(c.state))}] += static_cast<double>(c.count);
  }
  prometheus::MetricFamily case_family =
      Gauge("lawenforce_case_cases",
            "Cases by the item's kind and their state now (filed ... closed, transferred, "
            "withdrawn).");
  for (const auto& [key, n] : by_state) {
    prometheus::ClientMetric m;
    m.label = {{"tier", std::get<0>(key)},
               {"division", std::get<1>(key)},
               {"kind", std::get<2>(key)},
               {"state", std::get<3>(key)}};
    m.gauge.value = n;
    case_family.metric.push_back(std::move(m));
  }
  std::map<std::tuple<std::string, std::string, std::string>, double> by_basis;
  std::map<std::pair<std::string, std::string>, double> warned;
  for (const VisitCount& v : *visits) {
    const metrics::DivisionLabel where = metrics::LabelsFor(*divisions_, v.division_code);
    by_basis[{where.tier, where.division, absl::AsciiStrToLower(VisitBasisName(v.basis))}] +=
        static_cast<double>(v.visits);
    warned[{where.tier, where.division}] += static_cast<double>(v.warnings);
  }
  prometheus::MetricFamily visit_family =
      Gauge("lawenforce_inspection_visits",
            "On-site inspection visits to enterprises recorded, by the lead agency's division "
            "and what justified them (draw, complaint, clue, plan).");
  for (const auto& [key, n] : by_basis) {
    AddSample(visit_family, {std::get<0>(key), std::get<1>(key)}, "basis", std::get<2>(key), n);
  }
  prometheus::MetricFamily warning_family =
      Gauge("lawenforce_inspection_warnings",
            "Visits that raised a high-frequency inspection warning to the tier above, by the lead "
            "agency's division (every division with a visit has a series).");
  for (const auto& [key, n] : warned) {
    prometheus::ClientMetric m;
    m.label = {{"tier", key.first}, {"division", key.second}};
    m.gauge.value = n;
    warning_family.metric.push_back(std::move(m));
  }
  out.push_back(std::move(case_family));
  out.push_back(std::move(visit_family));
  out.push_back(std::move(warning_family));
}

}  // namespace lawenforce::cases
