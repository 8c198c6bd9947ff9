#ifndef LAWENFORCE_SERVICES_TASK_STORE_REPORT_JSON_H_
#define LAWENFORCE_SERVICES_TASK_STORE_REPORT_JSON_H_

// The stored form of an annual report: one JSON body beside the filter
// columns of `annual_reports` (times as integer microseconds, enums as
// their numbers). Internal to the SQL store.

#include <string>

#include "absl/status/statusor.h"
#include "services/task/domain/report.h"

namespace lawenforce::tasks {

std::string ReportBody(const AnnualReport& r);
// DATA_LOSS when the body does not parse.
absl::StatusOr<AnnualReport> ReadReportBody(const std::string& text);

}  // namespace lawenforce::tasks

#endif  // LAWENFORCE_SERVICES_TASK_STORE_REPORT_JSON_H_
