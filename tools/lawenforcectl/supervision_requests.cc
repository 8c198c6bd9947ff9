#include "tools/lawenforcectl/supervision_requests.h"

#include <cstdint>
#include <limits>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/macros.h"

namespace lawenforce::ctl {
namespace {

constexpr Choice kChannels[] = {
    {"hotline_12345", sv1::CHANNEL_HOTLINE_12345},
    {"web", sv1::CHANNEL_WEB},
    {"letter", sv1::CHANNEL_LETTER},
    {"visit", sv1::CHANNEL_VISIT},
    {"media", sv1::CHANNEL_MEDIA},
    {"congress_referral", sv1::CHANNEL_CONGRESS_REFERRAL},
    {"12345", sv1::CHANNEL_HOTLINE_12345, /*alias=*/true},
};

constexpr Choice kCategories[] = {
    {"inaction", sv1::CATEGORY_INACTION},
    {"arbitrary_enforcement", sv1::CATEGORY_ARBITRARY_ENFORCEMENT},
    {"procedure", sv1::CATEGORY_PROCEDURE},
    {"conduct", sv1::CATEGORY_CONDUCT},
    {"integrity", sv1::CATEGORY_INTEGRITY},
    {"inspection_burden", sv1::CATEGORY_INSPECTION_BURDEN},
    {"other", sv1::CATEGORY_OTHER},
};

constexpr Choice kComplainantKinds[] = {
    {"person", sv1::COMPLAINANT_KIND_PERSON},
    {"private_enterprise", sv1::COMPLAINANT_KIND_PRIVATE_ENTERPRISE},
    {"other_organization", sv1::COMPLAINANT_KIND_OTHER_ORGANIZATION},
    {"anonymous", sv1::COMPLAINANT_KIND_ANONYMOUS},
    {"other_organisation", sv1::COMPLAINANT_KIND_OTHER_ORGANIZATION, /*alias=*/true},
};

constexpr Choice kComplaintStates[] = {
    {"received", sv1::COMPLAINT_STATE_RECEIVED},
    {"in_handling", sv1::COMPLAINT_STATE_IN_HANDLING},
    {"resolved", sv1::COMPLAINT_STATE_RESOLVED},
    {"closed", sv1::COMPLAINT_STATE_CLOSED},
};

constexpr Choice kComplaintClocks[] = {
    {"acknowledge", sv1::CLOCK_KIND_ACKNOWLEDGE},
    {"resolve", sv1::CLOCK_KIND_RESOLVE},
    {"ack", sv1::CLOCK_KIND_ACKNOWLEDGE, /*alias=*/true},
};

constexpr Choice kRectificationStates[] = {
    {"open", sv1::RECTIFICATION_STATE_OPEN},
    {"completed", sv1::RECTIFICATION_STATE_COMPLETED},
};

constexpr int32_t kMaxInt32 = std::numeric_limits<int32_t>::max();

// complaint_id (the positional) and etag of every complaint act.
template <typename Request>
void FillComplaintAct(const Args& args, Request* request) {
  request->set_complaint_id(Positional(args, 0));
  request->set_etag(args.Value("etag"));
}

// The filters complaint list and rectification list share: the subtree, the
// queue, the agency, overdue, and paging.
template <typename Request>
absl::Status FillQueueFilters(const Args& args, Request* request) {
  request->set_division_code(args.Value("division"));
  request->set_queue_division_code(args.Value("queue-division"));
  request->set_agency_id(args.Value("agency"));
  if (args.Has("overdue")) request->set_overdue(args.Enabled("overdue"));
  return SetPaging(args, request);
}

// A contact of the complainant (--name, --phone): personal information,
// read like --id-number when --<flag> or --<flag>-file is given.
absl::Status SetContact(const Args& args, const RequestContext& context, absl::string_view flag,
                        std::string* out) {
  const std::string file_flag = absl::StrCat(flag, "-file");
  if (!args.Has(flag) && !args.Has(file_flag)) return absl::OkStatus();
  LE_ASSIGN_OR_RETURN(*out, ReadProtectedValue(args, context, flag, file_flag));
  return absl::OkStatus();
}

// "DIMENSION:POINTS".
absl::StatusOr<sv1::DimensionScore> ParseScore(absl::string_view text) {
  const size_t colon = text.find(':');
  if (colon == absl::string_view::npos || colon == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--score: want DIMENSION:POINTS (procedure:25), got \"", text, "\""));
  }
  sv1::DimensionScore score;
  score.set_dimension(std::string(text.substr(0, colon)));
  LE_ASSIGN_OR_RETURN(int32_t points, ParseIntFlag("score", text.substr(colon + 1), 0, 100));
  score.set_points(points);
  return score;
}

// "DIMENSION:TEXT", or "DIMENSION@PERIOD:TEXT" for a finding to be rectified
// within PERIOD.
absl::StatusOr<sv1::FindingDraft> ParseFinding(absl::string_view text) {
  const size_t colon = text.find(':');
  if (colon == absl::string_view::npos || colon == 0 || colon + 1 == text.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--finding: want DIMENSION:TEXT or DIMENSION@PERIOD:TEXT (documents@10wd:...), got \"",
        text, "\""));
  }
  absl::string_view head = text.substr(0, colon);
  sv1::FindingDraft finding;
  finding.set_text(std::string(text.substr(colon + 1)));
  if (const size_t at = head.find('@'); at != absl::string_view::npos) {
    LE_ASSIGN_OR_RETURN(*finding.mutable_rectify_within(),
                        ParsePeriodFlag("finding", head.substr(at + 1)));
    head = head.substr(0, at);
  }
  finding.set_dimension(std::string(head));
  return finding;
}

}  // namespace

absl::Span<const Choice> ChannelChoices() { return kChannels; }
absl::Span<const Choice> CategoryChoices() { return kCategories; }
absl::Span<const Choice> ComplainantKindChoices() { return kComplainantKinds; }
absl::Span<const Choice> ComplaintStateChoices() { return kComplaintStates; }
absl::Span<const Choice> ComplaintClockChoices() { return kComplaintClocks; }
absl::Span<const Choice> RectificationStateChoices() { return kRectificationStates; }

absl::StatusOr<sv1::Period> ParsePeriodFlag(absl::string_view flag, absl::string_view text) {
  // "wd" before "d": 5wd ends in d as well.
  constexpr std::pair<absl::string_view, sv1::PeriodUnit> kUnits[] = {
      {"wd", sv1::PERIOD_UNIT_WORKING_DAYS},
      {"d", sv1::PERIOD_UNIT_CALENDAR_DAYS},
      {"h", sv1::PERIOD_UNIT_HOURS},
  };
  for (const auto& [suffix, unit] : kUnits) {
    if (!absl::EndsWith(text, suffix)) continue;
    absl::StatusOr<int32_t> count =
        ParseIntFlag(flag, text.substr(0, text.size() - suffix.size()), 1, kMaxInt32);
    if (!count.ok()) break;
    sv1::Period period;
    period.set_count(*count);
    period.set_unit(unit);
    return period;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("--", flag,
                   ": want <count><d|wd|h>: 5wd (working days), 60d (calendar days), 24h "
                   "(hours), got \"",
                   text, "\""));
}

// ---------------------------------------------------------------- complaints

absl::StatusOr<sv1::SubmitComplaintRequest> BuildSubmitComplaint(const Args& args,
                                                                 const RequestContext& context) {
  sv1::SubmitComplaintRequest request;
  sv1::ComplaintDraft* draft = request.mutable_complaint();
  LE_ASSIGN_OR_RETURN(sv1::Channel channel, ChoiceOf<sv1::Channel>(args, "channel", kChannels));
  draft->set_channel(channel);
  draft->set_ticket_id(args.Value("ticket"));
  LE_ASSIGN_OR_RETURN(sv1::Category category,
                      ChoiceOf<sv1::Category>(args, "category", kCategories));
  draft->set_category(category);
  draft->set_content(args.Value("content"));

  sv1::Complainant* complainant = draft->mutable_complainant();
  LE_ASSIGN_OR_RETURN(sv1::ComplainantKind kind,
                      ChoiceOf<sv1::ComplainantKind>(args, "complainant-kind", kComplainantKinds));
  complainant->set_kind(kind);
  // Standard input can be read once.
  if (args.Value("name") == "-" && args.Value("phone") == "-") {
    return absl::InvalidArgumentError(
        "--name - and --phone -: only one of them can read standard input; give the other "
        "with --name-file or --phone-file");
  }
  LE_RETURN_IF_ERROR(SetContact(args, context, "name", complainant->mutable_name()));
  LE_RETURN_IF_ERROR(SetContact(args, context, "phone", complainant->mutable_phone()));
  complainant->set_organization_name(args.Value("organization-name"));
  complainant->set_credit_code(args.Value("credit-code"));

  draft->set_agency_id(args.Value("agency"));
  draft->set_officer_id(args.Value("officer"));
  draft->set_case_id(args.Value("case"));
  request.set_request_id(context.request_id);
  return request;
}

absl::StatusOr<sv1::ListComplaintsRequest> BuildListComplaints(const Args& args,
                                                               const RequestContext&) {
  sv1::ListComplaintsRequest request;
  LE_RETURN_IF_ERROR(SetChoice<sv1::ComplaintState>(
      args, "state", kComplaintStates, [&](sv1::ComplaintState v) { request.set_state(v); }));
  LE_RETURN_IF_ERROR(SetChoice<sv1::Channel>(args, "channel", kChannels,
                                             [&](sv1::Channel v) { request.set_channel(v); }));
  LE_RETURN_IF_ERROR(SetChoice<sv1::Category>(args, "category", kCategories,
                                              [&](sv1::Category v) { request.set_category(v); }));
  if (args.Has("escalated")) request.set_escalated(args.Enabled("escalated"));
  if (args.Has("private-enterprise")) {
    request.set_private_enterprise(args.Enabled("private-enterprise"));
  }
  LE_RETURN_IF_ERROR(FillQueueFilters(args, &request));
  return request;
}

absl::StatusOr<sv1::ComplaintActRequest> BuildComplaintAct(const Args& args,
                                                           const RequestContext&) {
  sv1::ComplaintActRequest request;
  FillComplaintAct(args, &request);
  return request;
}

absl::StatusOr<sv1::AssignComplaintRequest> BuildAssignComplaint(const Args& args,
                                                                 const RequestContext&) {
  sv1::AssignComplaintRequest request;
  FillComplaintAct(args, &request);
  request.set_assignee_id(args.Value("assignee"));
  return request;
}

absl::StatusOr<sv1::DeclineComplaintRequest> BuildDeclineComplaint(const Args& args,
                                                                   const RequestContext&) {
  sv1::DeclineComplaintRequest request;
  FillComplaintAct(args, &request);
  request.set_responsible_agency_id(args.Value("responsible-agency"));
  request.set_reason(args.Value("reason"));
  return request;
}

absl::StatusOr<sv1::RecordResolutionRequest> BuildRecordResolution(const Args& args,
                                                                   const RequestContext&) {
  sv1::RecordResolutionRequest request;
  FillComplaintAct(args, &request);
  request.set_resolution(args.Value("resolution"));
  return request;
}

absl::StatusOr<sv1::RecordFeedbackRequest> BuildRecordFeedback(const Args& args,
                                                               const RequestContext&) {
  sv1::RecordFeedbackRequest request;
  FillComplaintAct(args, &request);
  LE_ASSIGN_OR_RETURN(int32_t satisfaction,
                      ParseIntFlag("satisfaction", args.Value("satisfaction"), 1, 5));
  request.set_satisfaction(satisfaction);
  request.set_comment(args.Value("comment"));
  return request;
}

absl::StatusOr<sv1::ReopenComplaintRequest> BuildReopenComplaint(const Args& args,
                                                                 const RequestContext&) {
  sv1::ReopenComplaintRequest request;
  FillComplaintAct(args, &request);
  request.set_reason(args.Value("reason"));
  return request;
}

absl::StatusOr<sv1::ExplainDeadlineRequest> BuildExplainComplaintDeadline(const Args& args,
                                                                          const RequestContext&) {
  sv1::ExplainDeadlineRequest request;
  request.set_complaint_id(Positional(args, 0));
  LE_ASSIGN_OR_RETURN(int clock, PositionalChoice(args, 1, "CLOCK", kComplaintClocks));
  request.set_clock(static_cast<sv1::ClockKind>(clock));
  return request;
}

// ---------------------------------------------------------------- limits and figures

absl::StatusOr<sv1::SetComplaintLimitRequest> BuildSetComplaintLimit(const Args& args,
                                                                     const RequestContext&) {
  sv1::SetComplaintLimitRequest request;
  LE_ASSIGN_OR_RETURN(sv1::Channel channel, ChoiceOf<sv1::Channel>(args, "channel", kChannels));
  request.set_channel(channel);
  LE_RETURN_IF_ERROR(SetChoice<sv1::Category>(args, "category", kCategories,
                                              [&](sv1::Category v) { request.set_category(v); }));
  LE_ASSIGN_OR_RETURN(sv1::ClockKind clock,
                      ChoiceOf<sv1::ClockKind>(args, "clock", kComplaintClocks));
  request.set_clock(clock);
  LE_ASSIGN_OR_RETURN(*request.mutable_period(), ParsePeriodFlag("period", args.Value("period")));
  request.set_reason(args.Value("reason"));
  return request;
}

absl::StatusOr<sv1::ListComplaintLimitsRequest> BuildListComplaintLimits(const Args&,
                                                                         const RequestContext&) {
  return sv1::ListComplaintLimitsRequest();
}

absl::StatusOr<sv1::GetSupervisionStatisticsRequest> BuildGetSupervisionStatistics(
    const Args& args, const RequestContext&) {
  sv1::GetSupervisionStatisticsRequest request;
  request.set_division_code(args.Value("division"));
  LE_ASSIGN_OR_RETURN(*request.mutable_start_date(),
                      ParseDateFlag("start-date", args.Value("start-date")));
  LE_ASSIGN_OR_RETURN(*request.mutable_end_date(),
                      ParseDateFlag("end-date", args.Value("end-date")));
  return request;
}

// ---------------------------------------------------------------- reviews and rectifications

absl::StatusOr<sv1::GetReviewRubricRequest> BuildGetReviewRubric(const Args& args,
                                                                 const RequestContext&) {
  sv1::GetReviewRubricRequest request;
  if (args.Has("version")) {
    LE_ASSIGN_OR_RETURN(int64_t version, ParseInt64Flag("version", args.Value("version"), 1,
                                                        std::numeric_limits<int64_t>::max()));
    request.set_version(version);
  }
  return request;
}

absl::StatusOr<sv1::CreateReviewCampaignRequest> BuildCreateReviewCampaign(
    const Args& args, const RequestContext& context) {
  sv1::CreateReviewCampaignRequest request;
  request.set_division_code(args.Value("division"));
  request.set_title(args.Value("title"));
  LE_ASSIGN_OR_RETURN(*request.mutable_decided_from(),
                      ParseDateFlag("decided-from", args.Value("decided-from")));
  LE_ASSIGN_OR_RETURN(*request.mutable_decided_to(),
                      ParseDateFlag("decided-to", args.Value("decided-to")));
  LE_ASSIGN_OR_RETURN(int32_t size, ParseIntFlag("sample-size", args.Value("sample-size"), 1, 200));
  request.set_sample_size(size);
  request.set_seed(args.Value("seed"));
  request.set_request_id(context.request_id);
  return request;
}

absl::StatusOr<sv1::ListReviewCampaignsRequest> BuildListReviewCampaigns(const Args& args,
                                                                         const RequestContext&) {
  sv1::ListReviewCampaignsRequest request;
  request.set_division_code(args.Value("division"));
  LE_RETURN_IF_ERROR(SetPaging(args, &request));
  return request;
}

absl::StatusOr<sv1::ScoreCaseRequest> BuildScoreCase(const Args& args, const RequestContext&) {
  sv1::ScoreCaseRequest request;
  request.set_campaign_id(Positional(args, 0));
  request.set_etag(args.Value("etag"));
  request.set_case_id(args.Value("case"));
  for (const std::string& text : args.Values("score")) {
    LE_ASSIGN_OR_RETURN(*request.add_scores(), ParseScore(text));
  }
  for (const std::string& text : args.Values("finding")) {
    LE_ASSIGN_OR_RETURN(*request.add_findings(), ParseFinding(text));
  }
  return request;
}

absl::StatusOr<sv1::ListRectificationsRequest> BuildListRectifications(const Args& args,
                                                                       const RequestContext&) {
  sv1::ListRectificationsRequest request;
  LE_RETURN_IF_ERROR(
      SetChoice<sv1::RectificationState>(args, "state", kRectificationStates,
                                         [&](sv1::RectificationState v) { request.set_state(v); }));
  LE_RETURN_IF_ERROR(FillQueueFilters(args, &request));
  return request;
}

absl::StatusOr<sv1::CompleteRectificationRequest> BuildCompleteRectification(
    const Args& args, const RequestContext&) {
  sv1::CompleteRectificationRequest request;
  request.set_id(Positional(args, 0));
  request.set_etag(args.Value("etag"));
  request.set_evidence(args.Value("evidence"));
  return request;
}

}  // namespace lawenforce::ctl
