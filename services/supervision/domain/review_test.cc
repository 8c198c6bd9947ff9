#include "services/supervision/domain/review.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "common/calendar/working_calendar.h"
#include "common/divisions/divisions.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::supervision {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kSeed[] = "0123456789abcdef0123456789abcdef";

absl::Time Cst(int y, int m, int d, int hh = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, 0, 0), ChinaTimeZone());
}

std::vector<CaseRef> Candidates() {
  std::vector<CaseRef> out;
  for (int i = 1; i <= 10; ++i) {
    out.push_back({absl::StrFormat("%08d-0000-4000-8000-000000000000", i),
                   "11111111-1111-4111-8111-111111111111", "640104"});
  }
  return out;
}

class ReviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<calendar::WorkingCalendar> c = calendar::WorkingCalendar::LoadFromFile(
        LAWENFORCE_SOURCE_DIR "/data/cn-working-calendar.tsv", {.provisional_through_year = 2030});
    ASSERT_TRUE(c.ok()) << c.status();
    cal_.emplace(*std::move(c));
    absl::StatusOr<Divisions> d = Divisions::LoadFromFile(testing::DivisionsPath());
    ASSERT_TRUE(d.ok()) << d.status();
    divisions_.emplace(*std::move(d));
  }
  ActContext At(absl::Time now, std::string actor = "city-supervisor") const {
    return ActContext{&*cal_, &*divisions_, now, std::move(actor)};
  }
  Campaign Sampled() const {
    Campaign c;
    c.id = "c1";
    c.title = "2025年度案卷评查";
    c.seed = kSeed;
    c.sample_size = 3;
    for (CaseRef& r : DrawSample(kSeed, Candidates(), 3)) {
      ReviewedCase reviewed;
      reviewed.ref = r;
      c.cases.push_back(reviewed);
    }
    return c;
  }
  std::optional<calendar::WorkingCalendar> cal_;
  std::optional<Divisions> divisions_;
};

TEST_F(ReviewTest, TheSampleIsTheSmallestKeysAnyoneCanRecompute) {
  // Expected values computed independently with Python's hashlib:
  //   sorted(sha256(f"{seed}:{id}") for id in ids)[:3]
  EXPECT_EQ(SampleKey(kSeed, "00000004-0000-4000-8000-000000000000"),
            "0e48e4409e8f1483be59806ee484c33839adde2a93c1a55bd6e090dda5113d23");
  const std::vector<CaseRef> sample = DrawSample(kSeed, Candidates(), 3);
  ASSERT_EQ(sample.size(), 3u);
  EXPECT_EQ(sample[0].id.substr(0, 8), "00000004");
  EXPECT_EQ(sample[1].id.substr(0, 8), "00000007");
  EXPECT_EQ(sample[2].id.substr(0, 8), "00000008");
  // The candidates' order does not matter; another seed draws otherwise.
  std::vector<CaseRef> reversed = Candidates();
  std::reverse(reversed.begin(), reversed.end());
  EXPECT_EQ(DrawSample(kSeed, reversed, 3)[0].id, sample[0].id);
  EXPECT_NE(DrawSample("fedcba9876543210fedcba9876543210", Candidates(), 3)[0].id, sample[0].id);
  EXPECT_EQ(DrawSample(kSeed, Candidates(), 50).size(), 10u);
  EXPECT_EQ(CandidatesDigest(reversed),
            "44fed18c6c6f7782e63aae521f5358c623c2f3c62f275ff8af05e73442c70745");
  EXPECT_OK(ValidateSeed("seed", kSeed));
  EXPECT_THAT(ValidateSeed("seed", "0123"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ValidateSeed("seed", "0123456789ABCDEF0123456789abcdef"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(ReviewTest, ScoresFollowTheRubric) {
  const Rubric rubric = BuiltInRubric();
  EXPECT_OK(ValidateRubric(rubric.dimensions));
  Campaign c = Sampled();
  const std::string id = c.cases[1].ref.id;
  std::vector<std::pair<std::string, int>> scores = {{"procedure", 20},          {"evidence", 18},
                                                     {"application_of_law", 20}, {"discretion", 10},
                                                     {"documents", 9},           {"publicity", 5}};
  const std::vector<FindingDraft> findings = {
      {"publicity", "处罚决定未在7个工作日内公示",
       calendar::StatutoryPeriod{30, calendar::PeriodUnit::kCalendarDays}}};
  ASSERT_OK_AND_ASSIGN(Campaign scored,
                       ScoreCase(c, rubric, id, scores, findings, {"f1"}, At(Cst(2025, 7, 1))));
  EXPECT_EQ(scored.cases[1].total, 82);
  EXPECT_EQ(scored.scored(), 1);
  EXPECT_DOUBLE_EQ(scored.average_total(), 82.0);
  EXPECT_EQ(scored.cases[1].findings[0].id, "f1");
  EXPECT_THAT(ScoreCase(scored, rubric, id, scores, {}, {}, At(Cst(2025, 7, 2))).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(ScoreCase(c, rubric, "nope", scores, {}, {}, At(Cst(2025, 7, 2))).status(),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("case_id")));
  std::vector<std::pair<std::string, int>> too_many = scores;
  too_many[0].second = 26;
  EXPECT_THAT(ScoreCase(c, rubric, id, too_many, {}, {}, At(Cst(2025, 7, 2))).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("procedure: 0..25")));
  std::vector<std::pair<std::string, int>> missing(scores.begin(), scores.end() - 1);
  EXPECT_THAT(ScoreCase(c, rubric, id, missing, {}, {}, At(Cst(2025, 7, 2))).status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("publicity")));
  EXPECT_THAT(
      ScoreCase(c, rubric, id, scores, {{"speed", "x", std::nullopt}}, {"f"}, At(Cst(2025, 7, 2)))
          .status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("findings[0].dimension")));
  std::vector<RubricDimension> bad = rubric.dimensions;
  bad[0].max_points = 30;
  EXPECT_THAT(ValidateRubric(bad), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("105")));
  bad = rubric.dimensions;
  bad[1].code = "procedure";
  EXPECT_THAT(ValidateRubric(bad),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("dimensions[1].code")));
}

TEST_F(ReviewTest, AnOverdueRectificationEscalatesLikeAComplaint) {
  Campaign c = Sampled();
  ReviewedCase reviewed = c.cases[0];
  reviewed.ref.division_code = "640104001";
  const Finding f{"f1", "evidence", "现场检查笔录缺少当事人签字", ""};
  // 10 working days from Tuesday 23 September 2025, across the National
  // Day holiday: 24-26, 28 (adjusted), 29, 30 September, 9, 10, 11
  // (adjusted), 13 October.
  ASSERT_OK_AND_ASSIGN(Rectification r, OpenRectification("r1", "c1", reviewed, f,
                                                          {10, calendar::PeriodUnit::kWorkingDays},
                                                          At(Cst(2025, 9, 23, 9))));
  EXPECT_EQ(r.clock.due, Cst(2025, 10, 14));
  EXPECT_EQ(r.queue_division_code, "640104001");
  ASSERT_OK_AND_ASSIGN(std::optional<Rectification> stale,
                       FireRectification(r, Cst(2025, 10, 13), At(Cst(2025, 10, 13), "system")));
  EXPECT_FALSE(stale.has_value());
  ASSERT_OK_AND_ASSIGN(std::optional<Rectification> late,
                       FireRectification(r, Cst(2025, 10, 14), At(Cst(2025, 10, 14), "system")));
  ASSERT_TRUE(late.has_value());
  EXPECT_TRUE(late->Overdue());
  EXPECT_EQ(late->queue_division_code, "640104");
  EXPECT_EQ(late->escalations[0].from_tier, Tier::kTownship);
  // Completed late, after the escalation.
  ASSERT_OK_AND_ASSIGN(Rectification done,
                       CompleteRectification(*late, "已补签并整改", At(Cst(2025, 10, 20))));
  EXPECT_EQ(done.state, RectificationState::kCompleted);
  EXPECT_FALSE(done.on_time);
  EXPECT_FALSE(done.Overdue());
  EXPECT_THAT(CompleteRectification(done, "again", At(Cst(2025, 10, 21))).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_OK_AND_ASSIGN(std::optional<Rectification> after,
                       FireRectification(done, done.clock.due, At(Cst(2025, 10, 30))));
  EXPECT_FALSE(after.has_value());
}

}  // namespace
}  // namespace lawenforce::supervision
