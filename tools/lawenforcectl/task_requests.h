#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_TASK_REQUESTS_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_TASK_REQUESTS_H_

// Pure functions from parsed flags to task-service requests
// (lawenforce.tasks.v1), like requests.h and supervision_requests.h: no
// network, no clock, no randomness; INVALID_ARGUMENT naming the flag when a
// value is bad.
//
// Flags are named after the request fields: --plan for plan_id, --task for
// task_number, --division for division_code(s), --fan-out-parent and
// --fan-out-tier for fan_out_parent and fan_out_tier, --due for due_date,
// --as-of for as_of, --agency for agency_id, --year, --format. The plan,
// the task number, the assignment or the report is the positional
// argument of get, report, publish and export.

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "lawenforce/tasks/v1/tasks.pb.h"
#include "tools/lawenforcectl/args.h"
#include "tools/lawenforcectl/requests.h"
#include "tools/lawenforcectl/values.h"

namespace lawenforce::ctl {

namespace tv1 = ::lawenforce::tasks::v1;

// The spellings accepted by the enum-valued flags: the enum value's name
// without its prefix, lower case ("county", "not_started").
absl::Span<const Choice> TierChoices();
absl::Span<const Choice> AssignmentStateChoices();
absl::Span<const Choice> ReportFormatChoices();

// ---- plans and tasks

// plan list
absl::StatusOr<tv1::ListPlansRequest> BuildListPlans(const Args& args, const RequestContext&);
// task list --plan [--section]
absl::StatusOr<tv1::ListTasksRequest> BuildListTasks(const Args& args, const RequestContext&);
// task get NUMBER --plan
absl::StatusOr<tv1::GetTaskRequest> BuildGetTask(const Args& args, const RequestContext&);
// plan progress --plan [--division] [--as-of RFC3339]
absl::StatusOr<tv1::GetPlanProgressRequest> BuildGetPlanProgress(const Args& args,
                                                                 const RequestContext&);

// ---- assignments

// assignment create --plan --task (--division... | --fan-out-parent
// --fan-out-tier) --unit [--owner] [--due YYYY-MM-DD] [--request-id]
absl::StatusOr<tv1::AssignTaskRequest> BuildAssignTask(const Args& args,
                                                       const RequestContext& context);
// assignment list [--division] [--plan] [--task] [--state] [paging]
absl::StatusOr<tv1::ListAssignmentsRequest> BuildListAssignments(const Args& args,
                                                                 const RequestContext&);
// assignment report ID --percent --narrative [--evidence...] [--etag]
absl::StatusOr<tv1::ReportProgressRequest> BuildReportProgress(const Args& args,
                                                               const RequestContext&);

// ---- annual reports

// report generate (--division | --agency) --year [--request-id]
absl::StatusOr<tv1::GenerateAnnualReportRequest> BuildGenerateAnnualReport(
    const Args& args, const RequestContext& context);
// report list (--division | --agency) [--year] [--published-only]
absl::StatusOr<tv1::ListAnnualReportsRequest> BuildListAnnualReports(const Args& args,
                                                                     const RequestContext&);
// report export ID --format json|markdown|html
absl::StatusOr<tv1::ExportAnnualReportRequest> BuildExportAnnualReport(const Args& args,
                                                                       const RequestContext&);
// report status [--division] --year
absl::StatusOr<tv1::GetAnnualReportStatusRequest> BuildGetAnnualReportStatus(const Args& args,
                                                                             const RequestContext&);

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_TASK_REQUESTS_H_
