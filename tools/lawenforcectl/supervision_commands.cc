// The supervision-service commands (lawenforce.supervision.v1.
// SupervisionService): one entry per RPC, binding its flags to a builder of
// supervision_requests.h. They connect to --supervision-server (env
// LAWENFORCE_SUPERVISION_SERVER, default localhost:50053), through the same
// runner as the personnel and case commands.

#include <utility>

#include "absl/strings/str_cat.h"
#include "tools/lawenforcectl/command_parts.h"
#include "tools/lawenforcectl/rpc_command.h"
#include "tools/lawenforcectl/supervision_requests.h"

namespace lawenforce::ctl {
namespace {

using Stub = SupervisionStub;
constexpr auto Rpc = MakeCommand;

// The filters complaint list and rectification list share (read by
// FillQueueFilters), then their own, then paging.
std::vector<FlagSpec> QueueFilters(absl::string_view what, std::string overdue_help,
                                   std::vector<FlagSpec> own) {
  std::vector<FlagSpec> flags = {
      Optional("division", "CODE", "the responsible division's subtree (default: your own)"),
      Optional("queue-division", "CODE",
               absl::StrCat("exactly this division's queue (", what, " escalated to it too)")),
      Optional("agency", "ID", absl::StrCat("only this agency's ", what)),
      Switch("overdue", std::move(overdue_help)),
  };
  flags.insert(flags.end(), own.begin(), own.end());
  return PagingFlags(std::move(flags));
}

const std::string& ClockChoices() {
  static const std::string* const kText = new std::string(Choices(ComplaintClockChoices()));
  return *kText;
}

constexpr absl::string_view kPeriodHelp = "<count><d|wd|h>: 5wd (working days), 60d, 24h";

void AddComplaintCommands(std::vector<Command>& c) {
  c.push_back(Rpc(
      "complaint", "submit", "",
      "Record a complaint (投诉举报) and route it to the agency responsible; starts its clocks.",
      {Required("channel", Choices(ChannelChoices()), "how it arrived"),
       Optional("ticket", "ID",
                "the source system's ticket (required for hotline_12345): the same ticket again "
                "is the same complaint"),
       Required("category", Choices(CategoryChoices()), "what it is about"),
       Required("content", "TEXT", "what the complainant says, 1..4000 characters"),
       Required("complainant-kind", Choices(ComplainantKindChoices()), "who complains"),
       Optional("name", "NAME|-",
                "the complainant's name (personal information: stored encrypted, shown masked); "
                "- reads it from stdin"),
       Optional("name-file", "PATH", "read the complainant's name from a file"),
       Optional("phone", "NUMBER|-",
                "the complainant's phone, where the answer goes (required unless anonymous); - "
                "reads it from stdin (a number on the command line shows in ps and the shell "
                "history)"),
       Optional("phone-file", "PATH", "read the complainant's phone from a file"),
       Optional("organization-name", "NAME", "the enterprise or organisation complaining"),
       Optional("credit-code", "CODE", "its unified social credit code (统一社会信用代码)"),
       Optional("agency", "ID", "the agency it is about"),
       Optional("officer", "ID", "the officer it is about (routed to the officer's agency)"),
       Optional("case", "ID", "the case it is about (routed to the case's agency)"),
       RequestIdFlag()},
      RpcRunner(BuildSubmitComplaint, &Stub::SubmitComplaint)));
  c.push_back(Rpc("complaint", "get", "ID",
                  "Show a complaint with its clocks, escalations, routings and history.", {},
                  RpcRunner(BuildIdRequest<sv1::GetComplaintRequest>, &Stub::GetComplaint)));
  c.push_back(Rpc(
      "complaint", "list", "", "List complaints, by responsible division or queue.",
      QueueFilters(
          "complaints", "only with a clock run out or past due (--overdue=false: none)",
          {Optional("state", Choices(ComplaintStateChoices()), "only complaints in this state"),
           Optional("channel", Choices(ChannelChoices()), "only complaints from this channel"),
           Optional("category", Choices(CategoryChoices()), "only complaints of this category"),
           Switch("escalated", "only escalated at least once (--escalated=false: never)"),
           Switch("private-enterprise",
                  "only from private enterprises (--private-enterprise=false: from anyone else)")}),
      RpcRunner(BuildListComplaints, &Stub::ListComplaints)));

  c.push_back(Rpc("complaint", "assign", "COMPLAINT",
                  "Name the officer of the responsible agency who handles it.",
                  WithEtag("complaint", {Required("assignee", "ID", "the officer")}),
                  RpcRunner(BuildAssignComplaint, &Stub::AssignComplaint)));
  c.push_back(Rpc("complaint", "ack", "COMPLAINT",
                  "The agency has received it: RECEIVED -> IN_HANDLING, meets the acknowledge "
                  "clock.",
                  WithEtag("complaint"),
                  RpcRunner(BuildComplaintAct, &Stub::AcknowledgeComplaint)));
  c.push_back(
      Rpc("complaint", "decline", "COMPLAINT",
          "Not ours (非本单位职责): re-route it to the agency responsible; its clocks start again.",
          WithEtag("complaint", {Required("responsible-agency", "ID", "the agency responsible"),
                                 Required("reason", "TEXT", "why, 1..500 characters")}),
          RpcRunner(BuildDeclineComplaint, &Stub::DeclineComplaint)));
  c.push_back(
      Rpc("complaint", "resolve", "COMPLAINT",
          "Record the answer to the complainant: -> RESOLVED, meets the resolve clock.",
          WithEtag("complaint", {Required("resolution", "TEXT", "the answer, 1..4000 characters")}),
          RpcRunner(BuildRecordResolution, &Stub::RecordResolution)));
  c.push_back(
      Rpc("complaint", "rate", "COMPLAINT", "The complainant's rating of the answer: -> CLOSED.",
          WithEtag("complaint",
                   {Required("satisfaction", "1..5", "1 very dissatisfied .. 5 very satisfied"),
                    Optional("comment", "TEXT", "the complainant's words")}),
          RpcRunner(BuildRecordFeedback, &Stub::RecordFeedback)));
  c.push_back(Rpc("complaint", "reopen", "COMPLAINT",
                  "Once, after a rating of 1 or 2: handling starts again with a new resolve clock.",
                  WithEtag("complaint", {Required("reason", "TEXT", "why, 1..500 characters")}),
                  RpcRunner(BuildReopenComplaint, &Stub::ReopenComplaint)));
  Command explain = Rpc("complaint", "explain", "COMPLAINT CLOCK",
                        "How a complaint's clock got its due moment, step by step.", {},
                        RpcRunner(BuildExplainComplaintDeadline, &Stub::ExplainDeadline));
  explain.details = absl::StrCat(
      "CLOCK is one of ", ClockChoices(),
      ".\nPrinted: the state, the period and the limit that set it, the start, the due\n"
      "moment (exclusive) and last day, the working days counted and the holidays\n"
      "skipped, and one row per step (receipt, limit changes, escalations, re-routing,\n"
      "reopening, the act that met it).");
  c.push_back(std::move(explain));
}

void AddLimitAndFigureCommands(std::vector<Command>& c) {
  c.push_back(
      Rpc("complaint-limit", "set", "",
          "Region-wide: the limit of a clock for a channel (and category); reschedules running "
          "clocks.",
          {Required("channel", Choices(ChannelChoices()), "the channel"),
           Optional("category", Choices(CategoryChoices()),
                    "only this category (default: every category of the channel without its own)"),
           Required("clock", ClockChoices(), "the clock"),
           Required("period", "PERIOD", std::string(kPeriodHelp)),
           Required("reason", "TEXT", "why, 1..500 characters; recorded on every clock moved")},
          RpcRunner(BuildSetComplaintLimit, &Stub::SetComplaintLimit)));
  c.push_back(Rpc("complaint-limit", "list", "",
                  "The limits in force: the configured defaults and every override version.", {},
                  RpcRunner(BuildListComplaintLimits, &Stub::ListComplaintLimits)));
  c.push_back(Rpc(
      "supervision", "stats", "",
      "Complaint and review figures of a subtree for complaints received in a period, as of its "
      "end.",
      {Optional("division", "CODE", "subtree (default: your own)"),
       Required("start-date", "YYYY-MM-DD", "first day of receipt (China Standard Time)"),
       Required("end-date", "YYYY-MM-DD", "last day of receipt, inclusive")},
      RpcRunner(BuildGetSupervisionStatistics, &Stub::GetSupervisionStatistics)));
}

void AddReviewCommands(std::vector<Command>& c) {
  c.push_back(Rpc("review", "rubric", "", "Show the case-file review rubric (案卷评查标准).",
                  {Optional("version", "N", "this version (default: the latest)")},
                  RpcRunner(BuildGetReviewRubric, &Stub::GetReviewRubric)));
  c.push_back(Rpc(
      "review", "campaign create", "",
      "Sample closed cases of a subtree for review, reproducibly from a recorded seed.",
      {Required("division", "CODE", "the supervising division; its subtree is sampled"),
       Required("title", "TEXT", "the campaign's title"),
       Required("decided-from", "YYYY-MM-DD", "cases decided on or after this day"),
       Required("decided-to", "YYYY-MM-DD", "cases decided on or before this day"),
       Required("sample-size", "N", "cases to sample, 1..200 (fewer when there are fewer)"),
       Optional("seed", "HEX", "32 lower-case hex characters, to re-run a draw (default: random)"),
       RequestIdFlag()},
      RpcRunner(BuildCreateReviewCampaign, &Stub::CreateReviewCampaign)));
  c.push_back(
      Rpc("review", "campaign get", "ID",
          "Show a campaign: its sample, seed, candidates and each case's scores.", {},
          RpcRunner(BuildIdRequest<sv1::GetReviewCampaignRequest>, &Stub::GetReviewCampaign)));
  c.push_back(Rpc("review", "campaign list", "", "List review campaigns of a subtree.",
                  PagingFlags({Optional("division", "CODE", "subtree (default: your own)")}),
                  RpcRunner(BuildListReviewCampaigns, &Stub::ListReviewCampaigns)));
  c.push_back(
      Rpc("review", "score", "CAMPAIGN",
          "Score one sampled case against the campaign's rubric, with its findings; once per case.",
          WithEtag("campaign",
                   {Required("case", "ID", "a case of the campaign's sample"),
                    RequiredRepeated("score", "DIMENSION:POINTS",
                                     "points of one rubric dimension, e.g. procedure:25; one per "
                                     "dimension"),
                    OptionalRepeated("finding", "DIMENSION[@PERIOD]:TEXT",
                                     absl::StrCat("a finding; with @PERIOD (", kPeriodHelp,
                                                  ") the agency must rectify it within it"))}),
          RpcRunner(BuildScoreCase, &Stub::ScoreCase)));
}

void AddRectificationCommands(std::vector<Command>& c) {
  c.push_back(
      Rpc("rectification", "get", "ID",
          "Show a rectification (整改) with its deadline and escalations.", {},
          RpcRunner(BuildIdRequest<sv1::GetRectificationRequest>, &Stub::GetRectification)));
  c.push_back(Rpc("rectification", "list", "", "List rectifications, by division or queue.",
                  QueueFilters("rectifications",
                               "only open ones whose deadline ran out (--overdue=false: none)",
                               {Optional("state", Choices(RectificationStateChoices()),
                                         "only rectifications in this state")}),
                  RpcRunner(BuildListRectifications, &Stub::ListRectifications)));
  c.push_back(Rpc("rectification", "complete", "ID", "The agency reports the rectification done.",
                  WithEtag("rectification", {Required("evidence", "TEXT",
                                                      "what was done and where the proof is, "
                                                      "1..4000 characters")}),
                  RpcRunner(BuildCompleteRectification, &Stub::CompleteRectification)));
}

}  // namespace

std::vector<Command> SupervisionCommands() {
  std::vector<Command> c;
  AddComplaintCommands(c);
  AddLimitAndFigureCommands(c);
  AddReviewCommands(c);
  AddRectificationCommands(c);
  return c;
}

}  // namespace lawenforce::ctl
