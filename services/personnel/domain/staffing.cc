#include "services/personnel/domain/staffing.h"

#include <algorithm>
#include <cstdint>
#include <map>

namespace lawenforce::personnel {
namespace {

// The running sums of one division row before the figures are derived.
struct DivisionSums {
  Tier tier = Tier::kRegion;
  int officer_count = 0;
  int legal_reviewer_count = 0;
  AgencyTally tally;
};

void Count(AgencyTally& tally, const StaffingFigures& agency) {
  if (agency.compliant) {
    ++tally.compliant_agency_count;
  } else {
    ++tally.noncompliant_agency_count;
    tally.legal_reviewer_shortfall +=
        std::max(0, agency.required_legal_reviewers - agency.legal_reviewer_count);
  }
}

// Pooled counts for the record, compliance from the agencies judged alone.
StaffingFigures RollUp(int officers, int reviewers, const AgencyTally& tally, int percent) {
  StaffingFigures figures = MakeStaffingFigures(officers, reviewers, percent);
  figures.compliant = tally.noncompliant_agency_count == 0;
  return figures;
}

}  // namespace

StaffingFigures MakeStaffingFigures(int officer_count, int legal_reviewer_count, int percent) {
  StaffingFigures figures;
  figures.officer_count = officer_count;
  figures.legal_reviewer_count = legal_reviewer_count;
  // ceil(n * percent / 100) without floating point; 64-bit so it cannot overflow.
  const int64_t officers = officer_count > 0 ? officer_count : 0;
  figures.required_legal_reviewers = static_cast<int>((officers * percent + 99) / 100);
  figures.legal_reviewer_ratio =
      officer_count > 0 ? static_cast<double>(legal_reviewer_count) / officer_count : 0;
  figures.compliant = legal_reviewer_count >= figures.required_legal_reviewers;
  return figures;
}

StaffingReport ComputeStaffing(const Divisions& divisions, const std::string& scope_division,
                               const std::vector<AgencyCounts>& agencies, int percent) {
  StaffingReport report;
  const std::string& scope = scope_division.empty() ? divisions.root() : scope_division;
  int total_officers = 0;
  int total_reviewers = 0;
  std::map<std::string, DivisionSums> rows;  // ordered by code
  for (const AgencyCounts& agency : agencies) {
    AgencyStaffing staffing{
        agency.agency_id, agency.agency_name, agency.division_code,
        MakeStaffingFigures(agency.officer_count, agency.legal_reviewer_count, percent)};
    total_officers += agency.officer_count;
    total_reviewers += agency.legal_reviewer_count;
    Count(report.tally, staffing.figures);
    // An agency whose division is unknown or outside the scope adds to no
    // division row (it still counts in `total`: the caller chose it).
    if (divisions.IsWithin(agency.division_code, scope)) {
      std::string code = agency.division_code;
      while (true) {
        absl::StatusOr<Division> division = divisions.Lookup(code);
        if (!division.ok()) {
          break;
        }
        DivisionSums& sums = rows[code];
        sums.tier = division->tier;
        sums.officer_count += agency.officer_count;
        sums.legal_reviewer_count += agency.legal_reviewer_count;
        Count(sums.tally, staffing.figures);
        if (code == scope || division->parent.empty()) {
          break;
        }
        code = division->parent;
      }
    }
    report.agencies.push_back(std::move(staffing));
  }
  report.total = RollUp(total_officers, total_reviewers, report.tally, percent);
  report.divisions.reserve(rows.size());
  for (const auto& [code, sums] : rows) {
    DivisionStaffing row{code, sums.tier,
                         RollUp(sums.officer_count, sums.legal_reviewer_count, sums.tally, percent),
                         sums.tally.noncompliant_agency_count};
    row.compliant_agency_count = sums.tally.compliant_agency_count;
    row.legal_reviewer_shortfall = sums.tally.legal_reviewer_shortfall;
    report.divisions.push_back(std::move(row));
  }
  return report;
}

}  // namespace lawenforce::personnel
