#ifndef LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_STAFFING_H_
#define LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_STAFFING_H_

// Legal reviewers (法制审核人员) must be at least 5% of an agency's officers
// (task 38; the percentage is PersonnelPolicy::legal_reviewer_percent).
// Each agency is judged on its own; a division's row counts its compliant
// and non-compliant agencies and the reviewers they lack, and is compliant
// only when every agency in it is (the pooled ratio is informative only).

#include <string>
#include <vector>

#include "common/divisions/divisions.h"

namespace lawenforce::personnel {

struct StaffingFigures {
  int officer_count = 0;
  int legal_reviewer_count = 0;
  int required_legal_reviewers = 0;  // ceil(percent of officer_count), exact integer arithmetic
  double legal_reviewer_ratio = 0;   // reviewers / officers; 0 when none
  // An agency: reviewers >= required. A division or total: every agency in
  // it is compliant (never the pooled counts).
  bool compliant = true;
};

// Computes the derived fields of one agency from the two counts.
StaffingFigures MakeStaffingFigures(int officer_count, int legal_reviewer_count, int percent = 5);

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

// How the agencies of a division (or of the whole scope) fare, each judged
// on its own.
struct AgencyTally {
  int compliant_agency_count = 0;
  int noncompliant_agency_count = 0;
  int legal_reviewer_shortfall = 0;  // reviewers missing, summed over the short agencies
};

struct DivisionStaffing {
  std::string division_code;
  Tier tier;
  // Sums of the counts over the subtree; `compliant` is tally-based.
  StaffingFigures figures;
  int noncompliant_agency_count = 0;
  int compliant_agency_count = 0;
  int legal_reviewer_shortfall = 0;
};

struct StaffingReport {
  StaffingFigures total;  // sums; `compliant`: every agency is
  AgencyTally tally;
  std::vector<AgencyStaffing> agencies;     // input order
  std::vector<DivisionStaffing> divisions;  // sorted by code
};

// Per agency figures; divisions: every division from `scope_division` (when
// non-empty) down to township tier that has an agency in its subtree (a
// township agency counts in its township's row and in every row above it,
// up to the scope). An agency whose division is unknown or outside the
// scope still appears in `agencies` and `total` but adds to no division
// row; a township missing from the table gets its row when its county is
// known.
StaffingReport ComputeStaffing(const Divisions& divisions, const std::string& scope_division,
                               const std::vector<AgencyCounts>& agencies, int percent = 5);

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_STAFFING_H_
