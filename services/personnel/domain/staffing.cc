#include "services/personnel/domain/staffing.h"

#include <cstdint>
#include <map>

namespace lawenforce::personnel {
namespace {

// The running sums of one division row before the figures are derived.
struct DivisionSums {
  Tier tier = Tier::kRegion;
  int officer_count = 0;
  int legal_reviewer_count = 0;
  int noncompliant_agency_count = 0;
};

}  // namespace

StaffingFigures MakeStaffingFigures(int officer_count, int legal_reviewer_count) {
  StaffingFigures figures;
  figures.officer_count = officer_count;
  figures.legal_reviewer_count = legal_reviewer_count;
  // ceil(n * 5 / 100) without floating point; 64-bit so n * 5 cannot overflow.
  const int64_t officers = officer_count > 0 ? officer_count : 0;
  figures.required_legal_reviewers = static_cast<int>((officers * 5 + 99) / 100);
  figures.legal_reviewer_ratio =
      officer_count > 0 ? static_cast<double>(legal_reviewer_count) / officer_count : 0;
  figures.compliant = legal_reviewer_count >= figures.required_legal_reviewers;
  return figures;
}

StaffingReport ComputeStaffing(const Divisions& divisions, const std::string& scope_division,
                               const std::vector<AgencyCounts>& agencies) {
  StaffingReport report;
  // A township scope reads as its county, as township agencies do.
  const std::string& scope = scope_division.empty() ? divisions.root() : scope_division;
  const std::string top = Divisions::MetricsDivision(scope);
  int total_officers = 0;
  int total_reviewers = 0;
  std::map<std::string, DivisionSums> rows;  // ordered by code
  for (const AgencyCounts& agency : agencies) {
    AgencyStaffing staffing{agency.agency_id, agency.agency_name, agency.division_code,
                            MakeStaffingFigures(agency.officer_count, agency.legal_reviewer_count)};
    total_officers += agency.officer_count;
    total_reviewers += agency.legal_reviewer_count;
    // An agency whose division is unknown or outside the scope adds to no
    // division row (it still counts in `total`: the caller chose it).
    if (divisions.IsWithin(agency.division_code, scope)) {
      std::string code = Divisions::MetricsDivision(agency.division_code);
      while (true) {
        absl::StatusOr<Division> division = divisions.Lookup(code);
        if (!division.ok()) {
          break;
        }
        DivisionSums& sums = rows[code];
        sums.tier = division->tier;
        sums.officer_count += agency.officer_count;
        sums.legal_reviewer_count += agency.legal_reviewer_count;
        if (!staffing.figures.compliant) {
          ++sums.noncompliant_agency_count;
        }
        if (code == top || division->parent.empty()) {
          break;
        }
        code = division->parent;
      }
    }
    report.agencies.push_back(std::move(staffing));
  }
  report.total = MakeStaffingFigures(total_officers, total_reviewers);
  report.divisions.reserve(rows.size());
  for (const auto& [code, sums] : rows) {
    report.divisions.push_back(DivisionStaffing{
        code, sums.tier, MakeStaffingFigures(sums.officer_count, sums.legal_reviewer_count),
        sums.noncompliant_agency_count});
  }
  return report;
}

}  // namespace lawenforce::personnel
