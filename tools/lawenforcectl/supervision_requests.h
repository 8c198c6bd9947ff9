#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_SUPERVISION_REQUESTS_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_SUPERVISION_REQUESTS_H_

// Pure functions from parsed flags to supervision-service requests
// (lawenforce.supervision.v1), like requests.h and case_requests.h: no
// network, no clock, no randomness; INVALID_ARGUMENT naming the flag when a
// value is bad.
//
// Flags are named after the request fields (--agency for agency_id,
// --ticket for ticket_id, --queue-division for queue_division_code,
// --responsible-agency for responsible_agency_id, --start-date for
// start_date). The complaint or resource is the positional argument. Every
// complaint act takes --etag (empty: whatever the current version is).
// Periods are written as the service's --complaint-limits writes them:
// <count><d|wd|h> (5wd, 60d, 24h).

#include <string>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "lawenforce/supervision/v1/supervision.pb.h"
#include "tools/lawenforcectl/args.h"
#include "tools/lawenforcectl/requests.h"
#include "tools/lawenforcectl/values.h"

namespace lawenforce::ctl {

namespace sv1 = ::lawenforce::supervision::v1;

// The spellings accepted by the enum-valued flags: the enum value's name
// without its prefix, lower case ("hotline_12345", "in_handling").
absl::Span<const Choice> ChannelChoices();
absl::Span<const Choice> CategoryChoices();
absl::Span<const Choice> ComplainantKindChoices();
absl::Span<const Choice> ComplaintStateChoices();
// The clocks of a complaint (acknowledge, resolve): limits and explain.
absl::Span<const Choice> ComplaintClockChoices();
absl::Span<const Choice> RectificationStateChoices();

// "5wd" (working days), "60d" (calendar days), "24h" (hours) as a Period.
absl::StatusOr<sv1::Period> ParsePeriodFlag(absl::string_view flag, absl::string_view text);

// ---- complaints

// complaint submit --channel [--ticket] --category --content --complainant-kind
// [--name NAME|- | --name-file PATH] [--phone NUMBER|- | --phone-file PATH]
// [--organization-name] [--credit-code] [--agency] [--officer] [--case]: the
// contacts are personal information, read like --id-number (at most one of
// them from standard input).
absl::StatusOr<sv1::SubmitComplaintRequest> BuildSubmitComplaint(const Args& args,
                                                                 const RequestContext& context);
// complaint list [--division] [--queue-division] [--agency] [--state] [--channel]
// [--category] [--escalated[=false]] [--private-enterprise[=false]]
// [--overdue[=false]] [paging]
absl::StatusOr<sv1::ListComplaintsRequest> BuildListComplaints(const Args& args,
                                                               const RequestContext&);
// complaint ack COMPLAINT [--etag]
absl::StatusOr<sv1::ComplaintActRequest> BuildComplaintAct(const Args& args, const RequestContext&);
// complaint assign COMPLAINT --assignee [--etag]
absl::StatusOr<sv1::AssignComplaintRequest> BuildAssignComplaint(const Args& args,
                                                                 const RequestContext&);
// complaint decline COMPLAINT --responsible-agency --reason [--etag]
absl::StatusOr<sv1::DeclineComplaintRequest> BuildDeclineComplaint(const Args& args,
                                                                   const RequestContext&);
// complaint resolve COMPLAINT --resolution [--etag]
absl::StatusOr<sv1::RecordResolutionRequest> BuildRecordResolution(const Args& args,
                                                                   const RequestContext&);
// complaint rate COMPLAINT --satisfaction 1..5 [--comment] [--etag]
absl::StatusOr<sv1::RecordFeedbackRequest> BuildRecordFeedback(const Args& args,
                                                               const RequestContext&);
// complaint reopen COMPLAINT --reason [--etag]
absl::StatusOr<sv1::ReopenComplaintRequest> BuildReopenComplaint(const Args& args,
                                                                 const RequestContext&);
// complaint explain COMPLAINT CLOCK
absl::StatusOr<sv1::ExplainDeadlineRequest> BuildExplainComplaintDeadline(const Args& args,
                                                                          const RequestContext&);

// ---- limits and figures

// complaint-limit set --channel [--category] --clock --period --reason
absl::StatusOr<sv1::SetComplaintLimitRequest> BuildSetComplaintLimit(const Args& args,
                                                                     const RequestContext&);
// complaint-limit list
absl::StatusOr<sv1::ListComplaintLimitsRequest> BuildListComplaintLimits(const Args& args,
                                                                         const RequestContext&);
// supervision stats [--division] --start-date --end-date
absl::StatusOr<sv1::GetSupervisionStatisticsRequest> BuildGetSupervisionStatistics(
    const Args& args, const RequestContext&);

// ---- case-file reviews and rectifications

// review rubric [--version N]
absl::StatusOr<sv1::GetReviewRubricRequest> BuildGetReviewRubric(const Args& args,
                                                                 const RequestContext&);
// review campaign create --division --title --decided-from --decided-to
// --sample-size [--seed]
absl::StatusOr<sv1::CreateReviewCampaignRequest> BuildCreateReviewCampaign(
    const Args& args, const RequestContext& context);
// review campaign list [--division] [paging]
absl::StatusOr<sv1::ListReviewCampaignsRequest> BuildListReviewCampaigns(const Args& args,
                                                                         const RequestContext&);
// review score CAMPAIGN --case --score DIMENSION:POINTS...
// [--finding DIMENSION[@PERIOD]:TEXT...] [--etag]: a finding with a period
// opens a rectification due within it.
absl::StatusOr<sv1::ScoreCaseRequest> BuildScoreCase(const Args& args, const RequestContext&);
// rectification list [--division] [--queue-division] [--agency] [--state]
// [--overdue[=false]] [paging]
absl::StatusOr<sv1::ListRectificationsRequest> BuildListRectifications(const Args& args,
                                                                       const RequestContext&);
// rectification complete ID --evidence [--etag]
absl::StatusOr<sv1::CompleteRectificationRequest> BuildCompleteRectification(const Args& args,
                                                                             const RequestContext&);

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_SUPERVISION_REQUESTS_H_
