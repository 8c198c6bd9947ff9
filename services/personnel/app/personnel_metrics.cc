#include "services/personnel/app/personnel_metrics.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "prometheus/client_metric.h"
#include "services/personnel/domain/certificate_machine.h"
#include "services/personnel/domain/staffing.h"

namespace lawenforce::personnel {
namespace {

struct Totals {
  int officers = 0;
  int legal_reviewers = 0;
  int training_compliant = 0;
  int certificates_by_state[6] = {0, 0, 0, 0, 0, 0};
  int certificates_expiring_30d = 0;
  // Task 38 is judged per agency: counts of agencies, not pooled ratios.
  int compliant_agencies = 0;
  int noncompliant_agencies = 0;
  int reviewer_shortfall = 0;
};

prometheus::MetricFamily Gauge(std::string name, std::string help) {
  prometheus::MetricFamily f;
  f.name = std::move(name);
  f.help = std::move(help);
  f.type = prometheus::MetricType::Gauge;
  return f;
}

void AddSample(prometheus::MetricFamily& family,
               std::vector<prometheus::ClientMetric::Label> labels, double value) {
  prometheus::ClientMetric m;
  m.label = std::move(labels);
  m.gauge.value = value;
  family.metric.push_back(std::move(m));
}

}  // namespace

PersonnelMetrics::PersonnelMetrics(PersonnelStore* store, const Divisions* divisions,
                                   const Clock* clock, absl::Duration min_interval,
                                   PersonnelPolicy policy)
    : ThrottledCollectable(clock, min_interval),
      store_(store),
      divisions_(divisions),
      policy_(policy) {}

std::vector<prometheus::MetricFamily> PersonnelMetrics::Compute() const {
  const absl::Time now = clock()->Now();
  const absl::CivilDay today = absl::ToCivilDay(now, ChinaTimeZone());
  absl::StatusOr<std::vector<DivisionFigures>> figures = store_->FiguresByDivision(
      today, static_cast<int>(today.year()), policy_.required_training_minutes_per_year);
  if (!figures.ok()) {
    return {};  // A scrape without business gauges; the store error shows in RPC metrics.
  }
  std::map<std::string, Totals> by_division;
  for (const DivisionFigures& f : *figures) {
    Totals& t = by_division[Divisions::MetricsDivision(f.division_code)];
    t.officers += f.officers;
    t.legal_reviewers += f.legal_reviewers;
    t.training_compliant += f.training_compliant;
    for (int s = 1; s <= 5; ++s) t.certificates_by_state[s] += f.certificates_by_state[s];
    t.certificates_expiring_30d += f.certificates_expiring_30d;
  }
  absl::StatusOr<std::vector<AgencyHeadcount>> headcounts =
      store_->Headcounts("", Divisions::SubtreePrefix(divisions_->root()));
  if (!headcounts.ok()) {
    return {};
  }
  for (const AgencyHeadcount& h : *headcounts) {
    const StaffingFigures figures = MakeStaffingFigures(h.officer_count, h.legal_reviewer_count,
                                                        policy_.legal_reviewer_percent);
    Totals& t = by_division[Divisions::MetricsDivision(h.division_code)];
    ++(figures.compliant ? t.compliant_agencies : t.noncompliant_agencies);
    t.reviewer_shortfall +=
        std::max(0, figures.required_legal_reviewers - figures.legal_reviewer_count);
  }
  auto officers = Gauge("lawenforce_personnel_officers", "Officers registered, by division.");
  auto reviewers = Gauge("lawenforce_personnel_legal_reviewers",
                         "Officers holding the legal-reviewer role, by division.");
  auto certificates = Gauge("lawenforce_personnel_certificates",
                            "Certificates by state as read now (expired by date included).");
  auto compliant = Gauge("lawenforce_personnel_training_compliant_officers",
                         "Officers with at least 60 counted training hours this calendar year.");
  auto training_ratio =
      Gauge("lawenforce_personnel_training_compliance_ratio",
            "Share of officers with at least 60 counted training hours this calendar year.");
  auto reviewer_ratio =
      Gauge("lawenforce_personnel_legal_reviewer_ratio",
            "Legal reviewers / officers, pooled over the division's agencies (informative: "
            "task 38 is judged per agency, see lawenforce_personnel_staffing_agencies).");
  auto expiring = Gauge("lawenforce_personnel_certificates_expiring",
                        "ACTIVE or SUSPENDED certificates whose validity ends within "
                        "`within_days` days (today included).");
  auto staffing = Gauge("lawenforce_personnel_staffing_agencies",
                        "Agencies by task-38 compliance (legal reviewers >= 5% of the agency's "
                        "officers), each agency judged on its own.");
  auto shortfall = Gauge("lawenforce_personnel_legal_reviewer_shortfall",
                         "Legal reviewers missing, summed over the agencies below 5%.");
  for (const auto& [code, t] : by_division) {
    absl::StatusOr<Division> division = divisions_->Lookup(code);
    if (!division.ok()) continue;  // never label with a code the table does not know
    const std::string tier(TierName(division->tier));
    std::vector<prometheus::ClientMetric::Label> labels = {{"division", code}, {"tier", tier}};
    AddSample(officers, labels, t.officers);
    AddSample(reviewers, labels, t.legal_reviewers);
    AddSample(compliant, labels, t.training_compliant);
    AddSample(training_ratio, labels,
              t.officers == 0 ? 0.0 : static_cast<double>(t.training_compliant) / t.officers);
    AddSample(reviewer_ratio, labels,
              t.officers == 0 ? 0.0 : static_cast<double>(t.legal_reviewers) / t.officers);
    std::vector<prometheus::ClientMetric::Label> within = labels;
    within.push_back({"within_days", "30"});
    AddSample(expiring, within, t.certificates_expiring_30d);
    for (const auto& [compliance, count] :
         {std::pair<const char*, int>{"compliant", t.compliant_agencies},
          {"noncompliant", t.noncompliant_agencies}}) {
      std::vector<prometheus::ClientMetric::Label> with_compliance = labels;
      with_compliance.push_back({"compliance", compliance});
      AddSample(staffing, with_compliance, count);
    }
    AddSample(shortfall, labels, t.reviewer_shortfall);
    for (int s = 1; s <= 5; ++s) {
      std::vector<prometheus::ClientMetric::Label> with_state = labels;
      with_state.push_back(
          {"state", std::string(CertificateStateName(static_cast<CertificateState>(s)))});
      AddSample(certificates, with_state, t.certificates_by_state[s]);
    }
  }
  return {officers,       reviewers, certificates, compliant, training_ratio,
          reviewer_ratio, expiring,  staffing,     shortfall};
}

}  // namespace lawenforce::personnel
