// The task-service commands (lawenforce.tasks.v1.TaskService): one entry
// per RPC, binding its flags to a builder of task_requests.h. They connect
// to --task-server (env LAWENFORCE_TASK_SERVER, default localhost:50054),
// through the same runner as the other services' commands.

#include <utility>

#include "tools/lawenforcectl/command_parts.h"
#include "tools/lawenforcectl/rpc_command.h"
#include "tools/lawenforcectl/task_requests.h"

namespace lawenforce::ctl {
namespace {

using Stub = TaskStub;
constexpr auto Rpc = MakeCommand;

FlagSpec PlanFlag() {
  return Required("plan", "ID", "the plan's id, as plan list shows it (ningxia-2023-2025)");
}

void AddPlanAndTaskCommands(std::vector<Command>& c) {
  c.push_back(Rpc("plan", "list", "", "The plans loaded, each with its period and status.", {},
                  RpcRunner(BuildListPlans, &Stub::ListPlans)));
  c.push_back(Rpc("plan", "get", "ID", "Show a plan: its period, status, sections and tasks.", {},
                  RpcRunner(BuildIdRequest<tv1::GetPlanRequest>, &Stub::GetPlan)));
  c.push_back(
      Rpc("plan", "progress", "",
          "Per task and per tier of a subtree, as of a moment: assignments done, in progress, not "
          "started and overdue.",
          {PlanFlag(), Optional("division", "CODE", "subtree (default: your own)"),
           Optional("as-of", "RFC3339",
                    "count only what was recorded up to this moment (default: now)")},
          RpcRunner(BuildGetPlanProgress, &Stub::GetPlanProgress)));
  c.push_back(Rpc("task", "list", "", "A plan's tasks in number order, each as written.",
                  {PlanFlag(), Optional("section", "NUMBER",
                                        "only this section and its subsections (二, 二(四))")},
                  RpcRunner(BuildListTasks, &Stub::ListTasks)));
  c.push_back(Rpc("task", "get", "NUMBER",
                  "Show a task: its text, responsible units and deadlines.", {PlanFlag()},
                  RpcRunner(BuildGetTask, &Stub::GetTask)));
}

void AddAssignmentCommands(std::vector<Command>& c) {
  c.push_back(
      Rpc("assignment", "create", "",
          "Assign a task to a unit at each division named, or at every division of a tier below a "
          "parent.",
          {PlanFlag(), Required("task", "N", "the task's number"),
           OptionalRepeated("division", "CODE", "a division to assign it at"),
           Optional("fan-out-parent", "CODE",
                    "instead of --division: every division of --fan-out-tier in this subtree"),
           Optional("fan-out-tier", Choices(TierChoices()), "the tier of the fan-out"),
           Required("unit", "TEXT",
                    "the unit responsible, 1..100 characters; {division} becomes each division's "
                    "name ({division}司法局)"),
           Optional("owner", "TEXT", "a person or office, at most 100 characters"),
           Optional("due", "YYYY-MM-DD",
                    "due by the end of this day, China Standard Time (default: the task's next "
                    "deadline in the plan's period)"),
           RequestIdFlag()},
          RpcRunner(BuildAssignTask, &Stub::AssignTask)));
  c.push_back(Rpc("assignment", "get", "ID",
                  "Show an assignment with its due day, state and every progress report.", {},
                  RpcRunner(BuildIdRequest<tv1::GetAssignmentRequest>, &Stub::GetAssignment)));
  c.push_back(
      Rpc("assignment", "list", "", "List assignments of a subtree.",
          PagingFlags({Optional("division", "CODE", "subtree (default: your own)"),
                       Optional("plan", "ID", "only this plan's"),
                       Optional("task", "N", "only this task's (default: every task)"),
                       Optional("state", Choices(AssignmentStateChoices()), "only in this state")}),
          RpcRunner(BuildListAssignments, &Stub::ListAssignments)));
  c.push_back(
      Rpc("assignment", "report", "ID", "Report progress on an assignment; 100 percent is done.",
          WithEtag("assignment",
                   {Required("percent", "0..100", "how far it is, not below the last report's"),
                    Required("narrative", "TEXT", "what was done, 1..4000 characters"),
                    OptionalRepeated("evidence", "REF",
                                     "a reference to evidence held elsewhere (a document number, "
                                     "a URL), 1..500 characters; at most 20")}),
          RpcRunner(BuildReportProgress, &Stub::ReportProgress)));
}

FlagSpec YearFlag() {
  return Required("year", "YYYY", "the report's calendar year (2000..this year)");
}

// An export is the document itself: printed as it is (redirect it to a
// file); -o json shows the response instead.
Presentation<tv1::ReportExport> DocumentAsIs() {
  Presentation<tv1::ReportExport> p;
  p.table = [](const tv1::ReportExport& e) { return e.content(); };
  return p;
}

void AddReportCommands(std::vector<Command>& c) {
  const std::vector<FlagSpec> scope = {
      Optional("division", "CODE", "a region, city or county: the report of its subtree"),
      Optional("agency", "ID", "instead of --division: one agency's report")};
  std::vector<FlagSpec> generate = scope;
  generate.push_back(YearFlag());
  generate.push_back(RequestIdFlag());
  c.push_back(Rpc("report", "generate", "",
                  "Generate a new version of the annual enforcement report (task 30) from the "
                  "other services' figures; fails naming a service that does not answer.",
                  generate, RpcRunner(BuildGenerateAnnualReport, &Stub::GenerateAnnualReport)));
  c.push_back(Rpc("report", "get", "ID",
                  "Show a report version with every figure, indicator and source.", {},
                  RpcRunner(BuildIdRequest<tv1::GetAnnualReportRequest>, &Stub::GetAnnualReport)));
  std::vector<FlagSpec> list = scope;
  list.push_back(Optional("year", "YYYY", "only this year's (default: every year)"));
  list.push_back(Switch("published-only", "only published versions"));
  c.push_back(Rpc("report", "list", "", "The report versions of a scope, newest first.", list,
                  RpcRunner(BuildListAnnualReports, &Stub::ListAnnualReports)));
  c.push_back(
      Rpc("report", "publish", "ID",
          "Make a report version public (a closed year's only); its figures never change.", {},
          RpcRunner(BuildIdRequest<tv1::PublishAnnualReportRequest>, &Stub::PublishAnnualReport)));
  c.push_back(Rpc("report", "export", "ID",
                  "Print a report as a document (HTML with charts, Markdown or JSON); redirect "
                  "it to a file.",
                  {Required("format", Choices(ReportFormatChoices()), "the document's format")},
                  RpcRunner(BuildExportAnnualReport, &Stub::ExportAnnualReport, DocumentAsIs())));
  c.push_back(Rpc("report", "status", "",
                  "Whether the region, each city and county of a subtree published its report of "
                  "the year by 15 January.",
                  {Optional("division", "CODE", "subtree (default: your own)"), YearFlag()},
                  RpcRunner(BuildGetAnnualReportStatus, &Stub::GetAnnualReportStatus)));
}

}  // namespace

std::vector<Command> TaskCommands() {
  std::vector<Command> c;
  AddPlanAndTaskCommands(c);
  AddAssignmentCommands(c);
  AddReportCommands(c);
  return c;
}

}  // namespace lawenforce::ctl
