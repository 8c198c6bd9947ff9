#ifndef LAWENFORCE_SERVICES_TASK_APP_FIGURE_SOURCES_H_
#define LAWENFORCE_SERVICES_TASK_APP_FIGURE_SOURCES_H_

// Where the annual report's figures come from: the other services of the
// suite, behind a port so that the use cases do not see gRPC
// (clients/figure_clients.h implements it; the app tests fake it). Each Add
// call fills its group of `out` and appends the FigureSource it came from.
// A dependency that cannot answer is UNAVAILABLE naming it
// ("case-service unavailable: ..."); nothing is half-filled that the caller
// would keep, because the caller stores nothing after an error.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/task/domain/report.h"

namespace lawenforce::tasks {

// A report's scope: a division's subtree, or one agency (with its division).
struct ReportScope {
  std::string division_code;
  std::string agency_id;  // empty: the division's subtree
};

struct AgencyInfo {
  std::string id;
  std::string name;
  std::string division_code;
};

class FigureSources {
 public:
  virtual ~FigureSources() = default;
  // personnel-service's agency. NOT_FOUND "agency not found".
  virtual absl::StatusOr<AgencyInfo> GetAgency(const std::string& id) = 0;
  // Staffing and training for the year (personnel-service).
  virtual absl::Status AddPersonnel(const ReportScope& scope, int year, ReportFigures& out) = 0;
  // Cases of [from, to] (case-service).
  virtual absl::Status AddCases(const ReportScope& scope, absl::CivilDay from, absl::CivilDay to,
                                ReportFigures& out) = 0;
  // Complaints, reviews and rectifications of a division's subtree over
  // [from, to] (supervision-service).
  virtual absl::Status AddComplaints(const std::string& division_code, absl::CivilDay from,
                                     absl::CivilDay to, ReportFigures& out) = 0;
};

}  // namespace lawenforce::tasks

#endif  // LAWENFORCE_SERVICES_TASK_APP_FIGURE_SOURCES_H_
