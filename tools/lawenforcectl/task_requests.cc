#include "tools/lawenforcectl/task_requests.h"

#include <cstdint>
#include <limits>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/status/macros.h"

namespace lawenforce::ctl {
namespace {

constexpr Choice kTiers[] = {
    {"region", common::v1::TIER_REGION},
    {"city", common::v1::TIER_CITY},
    {"county", common::v1::TIER_COUNTY},
    {"township", common::v1::TIER_TOWNSHIP},
};

constexpr Choice kAssignmentStates[] = {
    {"not_started", tv1::ASSIGNMENT_STATE_NOT_STARTED},
    {"in_progress", tv1::ASSIGNMENT_STATE_IN_PROGRESS},
    {"done", tv1::ASSIGNMENT_STATE_DONE},
    {"overdue", tv1::ASSIGNMENT_STATE_OVERDUE},
};

constexpr Choice kReportFormats[] = {
    {"json", tv1::REPORT_FORMAT_JSON},
    {"markdown", tv1::REPORT_FORMAT_MARKDOWN},
    {"md", tv1::REPORT_FORMAT_MARKDOWN, true},
    {"html", tv1::REPORT_FORMAT_HTML},
};

constexpr int32_t kMaxInt32 = std::numeric_limits<int32_t>::max();

// A task number (1, 2, ...): --task.
absl::StatusOr<int32_t> TaskNumberFlag(const Args& args) {
  return ParseIntFlag("task", args.Value("task"), 1, kMaxInt32);
}

// The divisions of an assignment: every --division, or the fan-out of
// --fan-out-parent and --fan-out-tier (both, and only with each other).
absl::Status SetDivisions(const Args& args, tv1::AssignTaskRequest* request) {
  LE_ASSIGN_OR_RETURN(std::string given, ExactlyOne(args, {"division", "fan-out-parent"}));
  if (given == "division") {
    if (args.Has("fan-out-tier")) {
      return absl::InvalidArgumentError(
          "--fan-out-tier goes with --fan-out-parent: give the divisions or a fan-out, not both");
    }
    for (const std::string& code : args.Values("division")) request->add_division_codes(code);
    return absl::OkStatus();
  }
  if (!args.Has("fan-out-tier")) {
    return absl::InvalidArgumentError(
        absl::StrCat("--fan-out-parent needs --fan-out-tier ", ChoiceNames(kTiers)));
  }
  request->set_fan_out_parent(args.Value("fan-out-parent"));
  LE_ASSIGN_OR_RETURN(common::v1::Tier tier,
                      ChoiceOf<common::v1::Tier>(args, "fan-out-tier", kTiers));
  request->set_fan_out_tier(tier);
  return absl::OkStatus();
}

// A report's year: --year (the server checks it against the current year).
absl::StatusOr<int32_t> YearFlag(const Args& args) {
  return ParseIntFlag("year", args.Value("year"), 2000, 2100);
}

// A report's scope: --division or --agency, exactly one.
template <typename Request>
absl::Status SetReportScope(const Args& args, Request* request) {
  LE_ASSIGN_OR_RETURN(std::string given, ExactlyOne(args, {"division", "agency"}));
  if (given == "division") {
    request->set_division_code(args.Value("division"));
  } else {
    request->set_agency_id(args.Value("agency"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Span<const Choice> TierChoices() { return kTiers; }
absl::Span<const Choice> AssignmentStateChoices() { return kAssignmentStates; }
absl::Span<const Choice> ReportFormatChoices() { return kReportFormats; }

// ---------------------------------------------------------------- plans and tasks

absl::StatusOr<tv1::ListPlansRequest> BuildListPlans(const Args&, const RequestContext&) {
  return tv1::ListPlansRequest();
}

absl::StatusOr<tv1::ListTasksRequest> BuildListTasks(const Args& args, const RequestContext&) {
  tv1::ListTasksRequest request;
  request.set_plan_id(args.Value("plan"));
  request.set_section(args.Value("section"));
  return request;
}

absl::StatusOr<tv1::GetTaskRequest> BuildGetTask(const Args& args, const RequestContext&) {
  tv1::GetTaskRequest request;
  request.set_plan_id(args.Value("plan"));
  const std::string& text = Positional(args, 0);
  absl::StatusOr<int32_t> number = ParseIntFlag("NUMBER", text, 1, kMaxInt32);
  if (!number.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("NUMBER: want a task number (1, 2, ...), got \"", text, "\""));
  }
  request.set_number(*number);
  return request;
}

absl::StatusOr<tv1::GetPlanProgressRequest> BuildGetPlanProgress(const Args& args,
                                                                 const RequestContext&) {
  tv1::GetPlanProgressRequest request;
  request.set_plan_id(args.Value("plan"));
  request.set_division_code(args.Value("division"));
  LE_RETURN_IF_ERROR(SetTime(args, "as-of", [&] { return request.mutable_as_of(); }));
  return request;
}

// ---------------------------------------------------------------- assignments

absl::StatusOr<tv1::AssignTaskRequest> BuildAssignTask(const Args& args,
                                                       const RequestContext& context) {
  tv1::AssignTaskRequest request;
  request.set_plan_id(args.Value("plan"));
  LE_ASSIGN_OR_RETURN(int32_t task, TaskNumberFlag(args));
  request.set_task_number(task);
  LE_RETURN_IF_ERROR(SetDivisions(args, &request));
  request.set_unit(args.Value("unit"));
  request.set_owner(args.Value("owner"));
  if (args.Has("due")) {
    LE_ASSIGN_OR_RETURN(*request.mutable_due_date(), ParseDateFlag("due", args.Value("due")));
  }
  request.set_request_id(context.request_id);
  return request;
}

absl::StatusOr<tv1::ListAssignmentsRequest> BuildListAssignments(const Args& args,
                                                                 const RequestContext&) {
  tv1::ListAssignmentsRequest request;
  request.set_division_code(args.Value("division"));
  request.set_plan_id(args.Value("plan"));
  if (args.Has("task")) {
    LE_ASSIGN_OR_RETURN(int32_t task, TaskNumberFlag(args));
    request.set_task_number(task);
  }
  LE_RETURN_IF_ERROR(SetChoice<tv1::AssignmentState>(
      args, "state", kAssignmentStates, [&](tv1::AssignmentState v) { request.set_state(v); }));
  LE_RETURN_IF_ERROR(SetPaging(args, &request));
  return request;
}

absl::StatusOr<tv1::ReportProgressRequest> BuildReportProgress(const Args& args,
                                                               const RequestContext&) {
  tv1::ReportProgressRequest request;
  request.set_assignment_id(Positional(args, 0));
  request.set_etag(args.Value("etag"));
  LE_ASSIGN_OR_RETURN(int32_t percent, ParseIntFlag("percent", args.Value("percent"), 0, 100));
  request.set_percent(percent);
  request.set_narrative(args.Value("narrative"));
  for (const std::string& reference : args.Values("evidence")) request.add_evidence(reference);
  return request;
}

// ---------------------------------------------------------------- annual reports

absl::StatusOr<tv1::GenerateAnnualReportRequest> BuildGenerateAnnualReport(
    const Args& args, const RequestContext& context) {
  tv1::GenerateAnnualReportRequest request;
  LE_RETURN_IF_ERROR(SetReportScope(args, &request));
  LE_ASSIGN_OR_RETURN(int32_t year, YearFlag(args));
  request.set_year(year);
  request.set_request_id(context.request_id);
  return request;
}

absl::StatusOr<tv1::ListAnnualReportsRequest> BuildListAnnualReports(const Args& args,
                                                                     const RequestContext&) {
  tv1::ListAnnualReportsRequest request;
  LE_RETURN_IF_ERROR(SetReportScope(args, &request));
  if (args.Has("year")) {
    LE_ASSIGN_OR_RETURN(int32_t year, YearFlag(args));
    request.set_year(year);
  }
  request.set_published_only(args.Enabled("published-only"));
  return request;
}

absl::StatusOr<tv1::ExportAnnualReportRequest> BuildExportAnnualReport(const Args& args,
                                                                       const RequestContext&) {
  tv1::ExportAnnualReportRequest request;
  request.set_id(Positional(args, 0));
  LE_ASSIGN_OR_RETURN(tv1::ReportFormat format,
                      ChoiceOf<tv1::ReportFormat>(args, "format", kReportFormats));
  request.set_format(format);
  return request;
}

absl::StatusOr<tv1::GetAnnualReportStatusRequest> BuildGetAnnualReportStatus(
    const Args& args, const RequestContext&) {
  tv1::GetAnnualReportStatusRequest request;
  request.set_division_code(args.Value("division"));
  LE_ASSIGN_OR_RETURN(int32_t year, YearFlag(args));
  request.set_year(year);
  return request;
}

}  // namespace lawenforce::ctl
