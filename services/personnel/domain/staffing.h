#ifndef LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_STAFFING_H_
#define LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_STAFFING_H_

// Legal reviewers (法制审核人员) must be at least 5% of an agency's officers
// (task 38). Figures per agency and rolled up per division and tier.

#include <string>
#include <vector>

#include "common/divisions/divisions.h"

namespace lawenforce::personnel {

struct StaffingFigures {
  int officer_count = 0;
  int legal_reviewer_count = 0;
  int required_legal_reviewers = 0;  // ceil(5% of officer_count), exact integer arithmetic
  double legal_reviewer_ratio = 0;   // reviewers / officers; 0 when none
  bool compliant = true;             // reviewers >= required
};

// Computes the derived fields from the two counts.
StaffingFigures MakeStaffingFigures(int officer_count, int legal_reviewer_count);

struct AgencyCounts {
  std::string agency_id;
  std::string agency_name;
  std::string division_code;
  int officer_count = 0;
  int legal_reviewer_count = 0;
};

struct AgencyStaffing {
  std::string agency_id;
  std::string agency_name;
  std::string division_code;
  StaffingFigures figures;
};

struct DivisionStaffing {
  std::string division_code;
  Tier tier;
  StaffingFigures figures;  // sums of counts over the subtree, then derived
  int noncompliant_agency_count = 0;
};

struct StaffingReport {
  StaffingFigures total;
  std::vector<AgencyStaffing> agencies;     // input order
  std::vector<DivisionStaffing> divisions;  // sorted by code
};

// Per agency figures; divisions: every division from `scope_division` (when
// non-empty) down to county tier that has an agency in its subtree, with
// township agencies rolled into their county (a township scope reads as its
// county row, holding only that township's agencies). An agency whose
// division is unknown or outside the scope still appears in `agencies` and
// `total` but adds to no division row.
StaffingReport ComputeStaffing(const Divisions& divisions, const std::string& scope_division,
                               const std::vector<AgencyCounts>& agencies);

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_STAFFING_H_
