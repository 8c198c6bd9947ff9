#include "services/task/domain/report.h"

#include <optional>
#include <string>
#include <vector>

#include "common/divisions/divisions.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::tasks {
namespace {

using ::testing::ElementsAre;

absl::Time Cst(int y, int m, int d, int hh = 0, int mm = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), ChinaTimeZone());
}

const Indicator* Find(const std::vector<Indicator>& all, const std::string& code) {
  for (const Indicator& i : all) {
    if (i.code == code) return &i;
  }
  return nullptr;
}

ReportFigures Figures() {
  ReportFigures f;
  f.cases.published_on_time = 7;
  f.cases.published_late = 2;
  f.cases.publications_overdue = 1;
  f.cases.publications_due = 14;  // 4 not yet due: left out of the indicator
  f.cases.decisions_review_required = 4;
  f.cases.decisions_review_required_reviewed = 3;
  f.complaints.available = true;
  f.complaints.rated = 10;
  f.complaints.satisfied = 8;
  f.complaints.resolved = 12;
  f.complaints.resolved_on_time = 9;
  f.complaints.rectifications_opened = 9;
  f.complaints.rectifications_completed = 5;
  f.complaints.rectifications_completed_on_time = 4;
  f.complaints.rectifications_overdue = 3;  // 1 open, not yet due: left out
  f.personnel.training_officers = 40;
  f.personnel.training_compliant_officers = 30;
  f.personnel.agencies_compliant = 3;
  f.personnel.agencies_noncompliant = 1;
  return f;
}

TEST(IndicatorsTest, EachIsItsFormula) {
  const std::vector<Indicator> all = ComputeIndicators(Figures());
  std::vector<std::string> codes;
  for (const Indicator& i : all) codes.push_back(i.code);
  EXPECT_THAT(codes, ElementsAre("decisions_published_on_time", "major_decisions_reviewed",
                                 "complaint_satisfaction", "complaints_resolved_on_time",
                                 "rectifications_on_time", "officers_meeting_training",
                                 "agencies_meeting_reviewer_ratio"));
  const Indicator* published = Find(all, "decisions_published_on_time");
  EXPECT_EQ(published->numerator, 7);
  EXPECT_EQ(published->denominator, 10);
  EXPECT_DOUBLE_EQ(*published->value, 0.7);
  EXPECT_DOUBLE_EQ(*Find(all, "major_decisions_reviewed")->value, 0.75);
  EXPECT_DOUBLE_EQ(*Find(all, "complaint_satisfaction")->value, 0.8);
  EXPECT_DOUBLE_EQ(*Find(all, "complaints_resolved_on_time")->value, 0.75);
  const Indicator* rectified = Find(all, "rectifications_on_time");
  EXPECT_EQ(rectified->numerator, 4);
  EXPECT_EQ(rectified->denominator, 8);
  EXPECT_DOUBLE_EQ(*Find(all, "officers_meeting_training")->value, 0.75);
  EXPECT_DOUBLE_EQ(*Find(all, "agencies_meeting_reviewer_ratio")->value, 0.75);
  for (const Indicator& i : all) {
    EXPECT_FALSE(i.name.empty()) << i.code;
    EXPECT_FALSE(i.formula.empty()) << i.code;
  }
}

TEST(IndicatorsTest, NoDenominatorLeavesTheValueUnset) {
  ReportFigures f;
  f.complaints.available = true;
  for (const Indicator& i : ComputeIndicators(f)) {
    EXPECT_EQ(i.denominator, 0) << i.code;
    EXPECT_FALSE(i.value.has_value()) << i.code;
  }
}

TEST(IndicatorsTest, AnAgencyReportHasNoComplaintIndicators) {
  ReportFigures f = Figures();
  f.complaints.available = false;
  const std::vector<Indicator> all = ComputeIndicators(f);
  EXPECT_EQ(Find(all, "complaint_satisfaction"), nullptr);
  EXPECT_EQ(Find(all, "rectifications_on_time"), nullptr);
  EXPECT_NE(Find(all, "officers_meeting_training"), nullptr);
}

TEST(ReportPeriodTest, FiguresStandAtTheYearsEndOrNow) {
  EXPECT_EQ(FiguresAsOf(2025, Cst(2026, 3, 1)), Cst(2026, 1, 1));
  EXPECT_EQ(FiguresAsOf(2025, Cst(2025, 6, 1, 8)), Cst(2025, 6, 1, 8));
  EXPECT_EQ(YearFirstDay(2025), absl::CivilDay(2025, 1, 1));
  EXPECT_EQ(YearLastDay(2025), absl::CivilDay(2025, 12, 31));
}

TEST(ReportDueTest, DueByTheEndOfFifteenthJanuaryCst) {
  EXPECT_EQ(ReportDueDay(2025), absl::CivilDay(2026, 1, 15));
  // Published on 15 January at 23:59 CST: on time; at 00:00 on the 16th: late.
  EXPECT_EQ(DueStateOf(2025, Cst(2026, 1, 15, 23, 59), Cst(2026, 2, 1)), ReportDueState::kOnTime);
  EXPECT_EQ(DueStateOf(2025, Cst(2026, 1, 16), Cst(2026, 2, 1)), ReportDueState::kLate);
  EXPECT_EQ(DueStateOf(2025, std::nullopt, Cst(2026, 1, 15, 23, 59)), ReportDueState::kPending);
  EXPECT_EQ(DueStateOf(2025, std::nullopt, Cst(2026, 1, 16)), ReportDueState::kOverdue);
}

constexpr char kDivisions[] =
    "code\tname\ttier\tparent\n"
    "640000\t宁夏回族自治区\tregion\t\n"
    "640100\t银川市\tcity\t640000\n"
    "640104\t兴庆区\tcounty\t640100\n"
    "640104001\t凤凰北街街道\ttownship\t640104\n"
    "640105\t西夏区\tcounty\t640100\n"
    "640200\t石嘴山市\tcity\t640000\n";

TEST(ReportingDivisionsTest, TheScopeFirstThenCitiesAndCountiesNoTownships) {
  absl::StatusOr<Divisions> d = Divisions::LoadFromString(kDivisions);
  ASSERT_TRUE(d.ok()) << d.status();
  std::vector<std::string> codes;
  for (const Division* x : ReportingDivisions(*d, "640100")) codes.push_back(x->code);
  EXPECT_THAT(codes, ElementsAre("640100", "640104", "640105"));
  codes.clear();
  for (const Division* x : ReportingDivisions(*d, "640000")) codes.push_back(x->code);
  EXPECT_THAT(codes, ElementsAre("640000", "640100", "640104", "640105", "640200"));
}

}  // namespace
}  // namespace lawenforce::tasks
