#include "tools/lawenforcectl/supervision_requests.h"

#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/lawenforcectl/test_util.h"

namespace lawenforce::ctl {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

// Standard input holds `stdin_text`; the file /run/secrets/phone holds
// `file_text`.
RequestContext Input(std::string stdin_text, std::string file_text = "") {
  return {"req-1",
          [file_text](const std::string& path) -> absl::StatusOr<std::string> {
            if (path != "/run/secrets/phone") return absl::NotFoundError("cannot read " + path);
            return file_text;
          },
          [stdin_text]() -> absl::StatusOr<std::string> { return stdin_text; }};
}

const RequestContext kContext = Input("");

const std::vector<std::string> kHotline = {
    "--channel", "hotline_12345", "--ticket",           "NX12345-1", "--category",
    "inaction",  "--content",     "占道经营",           "--agency",  "a-1",
    "--name",    "王小明",        "--complainant-kind", "person"};

std::vector<std::string> With(std::vector<std::string> tokens,
                              const std::vector<std::string>& more) {
  tokens.insert(tokens.end(), more.begin(), more.end());
  return tokens;
}

TEST(ComplaintSubmitTest, ReadsThePhoneFromStdin) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("complaint", "submit", With(kHotline, {"--phone", "-"})));
  EXPECT_THAT(BuildSubmitComplaint(args, Input(" 13909512468\n")), IsOkAndHolds(EqualsProto(R"pb(
                complaint {
                  channel: CHANNEL_HOTLINE_12345
                  ticket_id: "NX12345-1"
                  category: CATEGORY_INACTION
                  content: "占道经营"
                  complainant { kind: COMPLAINANT_KIND_PERSON name: "王小明" phone: "13909512468" }
                  agency_id: "a-1"
                }
                request_id: "req-1"
              )pb")));
}

TEST(ComplaintSubmitTest, ThePhoneMayComeFromAFileOrTheCommandLine) {
  ASSERT_OK_AND_ASSIGN(Args file, Parse("complaint", "submit",
                                        With(kHotline, {"--phone-file", "/run/secrets/phone"})));
  ASSERT_OK_AND_ASSIGN(sv1::SubmitComplaintRequest r,
                       BuildSubmitComplaint(file, Input("", "0951-6012345\n")));
  EXPECT_EQ(r.complaint().complainant().phone(), "0951-6012345");
  ASSERT_OK_AND_ASSIGN(Args inline_number,
                       Parse("complaint", "submit", With(kHotline, {"--phone", "13909512468"})));
  ASSERT_OK_AND_ASSIGN(r, BuildSubmitComplaint(inline_number, kContext));
  EXPECT_EQ(r.complaint().complainant().phone(), "13909512468");
}

TEST(ComplaintSubmitTest, ContactsAreCheckedWithoutEchoingThem) {
  ASSERT_OK_AND_ASSIGN(Args both,
                       Parse("complaint", "submit",
                             {"--channel", "web", "--category", "conduct", "--content", "c",
                              "--complainant-kind", "person", "--name", "-", "--phone", "-"}));
  EXPECT_THAT(BuildSubmitComplaint(both, Input("13909512468")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("only one of them can read standard input")));
  ASSERT_OK_AND_ASSIGN(
      Args twice, Parse("complaint", "submit",
                        With(kHotline, {"--phone", "1", "--phone-file", "/run/secrets/phone"})));
  EXPECT_THAT(BuildSubmitComplaint(twice, Input("")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "give exactly one of --phone (VALUE, or - for stdin) and --phone-file"));
  ASSERT_OK_AND_ASSIGN(Args empty, Parse("complaint", "submit", With(kHotline, {"--phone", "-"})));
  EXPECT_THAT(BuildSubmitComplaint(empty, Input("\n")),
              StatusIs(absl::StatusCode::kInvalidArgument, "--phone -: empty"));
  ASSERT_OK_AND_ASSIGN(Args anonymous,
                       Parse("complaint", "submit",
                             {"--channel", "visit", "--category", "integrity", "--content", "c",
                              "--complainant-kind", "anonymous", "--case", "k-1"}));
  ASSERT_OK_AND_ASSIGN(sv1::SubmitComplaintRequest r, BuildSubmitComplaint(anonymous, kContext));
  EXPECT_EQ(r.complaint().complainant().kind(), sv1::COMPLAINANT_KIND_ANONYMOUS);
  EXPECT_EQ(r.complaint().complainant().phone(), "");
  EXPECT_EQ(r.complaint().complainant().name(), "");
  EXPECT_EQ(r.complaint().case_id(), "k-1");
  ASSERT_OK_AND_ASSIGN(Args bad_channel,
                       Parse("complaint", "submit",
                             {"--channel", "fax", "--category", "other", "--content", "c",
                              "--complainant-kind", "anonymous", "--agency", "a-1"}));
  EXPECT_THAT(BuildSubmitComplaint(bad_channel, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--channel")));
}

TEST(ComplaintListTest, UnsetTriStateFiltersAreNotSent) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("complaint", "list",
                                        {"--division", "640104", "--queue-division", "640104002",
                                         "--state", "in_handling", "--channel", "12345",
                                         "--escalated=false", "--overdue", "--page-size", "20"}));
  EXPECT_THAT(BuildListComplaints(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                division_code: "640104"
                queue_division_code: "640104002"
                state: COMPLAINT_STATE_IN_HANDLING
                channel: CHANNEL_HOTLINE_12345
                escalated: false
                overdue: true
                page_size: 20
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args plain, Parse("complaint", "list", {}));
  ASSERT_OK_AND_ASSIGN(sv1::ListComplaintsRequest r, BuildListComplaints(plain, kContext));
  EXPECT_FALSE(r.has_escalated());
  EXPECT_FALSE(r.has_private_enterprise());
  EXPECT_FALSE(r.has_overdue());
}

TEST(ComplaintActTest, TheComplaintIsThePositionalAndTheActsTakeTheirFields) {
  ASSERT_OK_AND_ASSIGN(
      Args rate, Parse("complaint", "rate",
                       {"c-1", "--satisfaction", "2", "--comment", "摊点仍在", "--etag", "\"3\""}));
  EXPECT_THAT(BuildRecordFeedback(rate, kContext), IsOkAndHolds(EqualsProto(R"pb(
                complaint_id: "c-1"
                etag: "\"3\""
                satisfaction: 2
                comment: "摊点仍在"
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args six, Parse("complaint", "rate", {"c-1", "--satisfaction", "6"}));
  EXPECT_THAT(BuildRecordFeedback(six, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--satisfaction")));
  ASSERT_OK_AND_ASSIGN(
      Args decline,
      Parse("complaint", "decline", {"c-1", "--responsible-agency", "a-2", "--reason", "r"}));
  EXPECT_THAT(BuildDeclineComplaint(decline, kContext), IsOkAndHolds(EqualsProto(R"pb(
                complaint_id: "c-1"
                responsible_agency_id: "a-2"
                reason: "r"
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args ack, Parse("complaint", "ack", {"c-1"}));
  EXPECT_THAT(BuildComplaintAct(ack, kContext),
              IsOkAndHolds(EqualsProto(R"pb(complaint_id: "c-1")pb")));
}

TEST(ComplaintExplainTest, TheClockIsNamed) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("complaint", "explain", {"c-1", "resolve"}));
  EXPECT_THAT(BuildExplainComplaintDeadline(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                complaint_id: "c-1"
                clock: CLOCK_KIND_RESOLVE
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args bad, Parse("complaint", "explain", {"c-1", "decision"}));
  EXPECT_THAT(BuildExplainComplaintDeadline(bad, kContext),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "CLOCK: want one of acknowledge|resolve, got \"decision\""));
}

TEST(PeriodTest, CountAndUnit) {
  EXPECT_THAT(ParsePeriodFlag("period", "5wd"),
              IsOkAndHolds(EqualsProto("count: 5 unit: PERIOD_UNIT_WORKING_DAYS")));
  EXPECT_THAT(ParsePeriodFlag("period", "60d"),
              IsOkAndHolds(EqualsProto("count: 60 unit: PERIOD_UNIT_CALENDAR_DAYS")));
  EXPECT_THAT(ParsePeriodFlag("period", "24h"),
              IsOkAndHolds(EqualsProto("count: 24 unit: PERIOD_UNIT_HOURS")));
  for (const char* bad : {"5", "wd", "0wd", "5w", "-1d", "5 wd", "5WD"}) {
    EXPECT_THAT(ParsePeriodFlag("period", bad),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr(std::string("--period: want <count><d|wd|h>"))))
        << bad;
  }
}

TEST(ComplaintLimitSetTest, BuildsTheExpectedRequest) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse("complaint-limit", "set",
                                        {"--channel", "web", "--category", "inaction", "--clock",
                                         "ack", "--period", "24h", "--reason", "提速"}));
  EXPECT_THAT(BuildSetComplaintLimit(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                channel: CHANNEL_WEB
                category: CATEGORY_INACTION
                clock: CLOCK_KIND_ACKNOWLEDGE
                period { count: 24 unit: PERIOD_UNIT_HOURS }
                reason: "提速"
              )pb")));
}

TEST(SupervisionStatsTest, BothDatesAreRequired) {
  ASSERT_OK_AND_ASSIGN(
      Args args,
      Parse("supervision", "stats", {"--start-date", "2025-01-01", "--end-date", "2025-03-31"}));
  EXPECT_THAT(BuildGetSupervisionStatistics(args, kContext), IsOkAndHolds(EqualsProto(R"pb(
                start_date { year: 2025 month: 1 day: 1 }
                end_date { year: 2025 month: 3 day: 31 }
              )pb")));
  EXPECT_THAT(Parse("supervision", "stats", {"--start-date", "2025-01-01"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --end-date"));
}

TEST(ReviewTest, CampaignAndScoreRequests) {
  ASSERT_OK_AND_ASSIGN(
      Args create, Parse("review", "campaign create",
                         {"--division", "640104", "--title", "评查", "--decided-from", "2025-01-01",
                          "--decided-to", "2025-03-31", "--sample-size", "10"}));
  EXPECT_THAT(BuildCreateReviewCampaign(create, kContext), IsOkAndHolds(EqualsProto(R"pb(
                division_code: "640104"
                title: "评查"
                decided_from { year: 2025 month: 1 day: 1 }
                decided_to { year: 2025 month: 3 day: 31 }
                sample_size: 10
                request_id: "req-1"
              )pb")));
  ASSERT_OK_AND_ASSIGN(Args score,
                       Parse("review", "score",
                             {"rc-1", "--case", "k-1", "--score", "procedure:25", "--score",
                              "evidence:12", "--finding", "evidence:缺少现场笔录: 当事人未签字",
                              "--finding", "documents@10wd:文书未载明救济途径"}));
  EXPECT_THAT(BuildScoreCase(score, kContext), IsOkAndHolds(EqualsProto(R"pb(
                campaign_id: "rc-1"
                case_id: "k-1"
                scores { dimension: "procedure" points: 25 }
                scores { dimension: "evidence" points: 12 }
                findings { dimension: "evidence" text: "缺少现场笔录: 当事人未签字" }
                findings {
                  dimension: "documents"
                  text: "文书未载明救济途径"
                  rectify_within { count: 10 unit: PERIOD_UNIT_WORKING_DAYS }
                }
              )pb")));
  for (const char* bad : {"procedure", ":25", "procedure:lots", "procedure:101"}) {
    ASSERT_OK_AND_ASSIGN(Args args,
                         Parse("review", "score", {"rc-1", "--case", "k", "--score", bad}));
    EXPECT_THAT(BuildScoreCase(args, kContext),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--score")))
        << bad;
  }
  for (const char* bad : {"documents", "documents:", "documents@10x:text"}) {
    ASSERT_OK_AND_ASSIGN(
        Args args,
        Parse("review", "score", {"rc-1", "--case", "k", "--score", "a:1", "--finding", bad}));
    EXPECT_THAT(BuildScoreCase(args, kContext),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--finding")))
        << bad;
  }
}

TEST(ReviewTest, RubricVersionAndIdRequests) {
  ASSERT_OK_AND_ASSIGN(Args latest, Parse("review", "rubric", {}));
  EXPECT_THAT(BuildGetReviewRubric(latest, kContext), IsOkAndHolds(EqualsProto("")));
  ASSERT_OK_AND_ASSIGN(Args v2, Parse("review", "rubric", {"--version", "2"}));
  EXPECT_THAT(BuildGetReviewRubric(v2, kContext), IsOkAndHolds(EqualsProto("version: 2")));
  ASSERT_OK_AND_ASSIGN(Args get, Parse("review", "campaign get", {"rc-1"}));
  EXPECT_THAT(BuildIdRequest<sv1::GetReviewCampaignRequest>(get, kContext),
              IsOkAndHolds(EqualsProto(R"pb(id: "rc-1")pb")));
}

TEST(RectificationTest, ListAndComplete) {
  ASSERT_OK_AND_ASSIGN(Args list, Parse("rectification", "list",
                                        {"--agency", "a-1", "--state", "open", "--overdue=false"}));
  EXPECT_THAT(BuildListRectifications(list, kContext), IsOkAndHolds(EqualsProto(R"pb(
                agency_id: "a-1"
                state: RECTIFICATION_STATE_OPEN
                overdue: false
              )pb")));
  ASSERT_OK_AND_ASSIGN(
      Args complete,
      Parse("rectification", "complete", {"r-1", "--evidence", "已补正文书", "--etag", "\"2\""}));
  EXPECT_THAT(BuildCompleteRectification(complete, kContext),
              IsOkAndHolds(EqualsProto(R"pb(
                id: "r-1" etag: "\"2\"" evidence: "已补正文书"
              )pb")));
  EXPECT_THAT(Parse("rectification", "complete", {"r-1"}),
              StatusIs(absl::StatusCode::kInvalidArgument, "missing required flag --evidence"));
}

}  // namespace
}  // namespace lawenforce::ctl
