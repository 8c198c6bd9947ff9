#include "services/personnel/domain/staffing.h"

#include <optional>
#include <string>
#include <vector>

#include "common/divisions/divisions.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::personnel {
namespace {

using ::testing::DoubleEq;
using ::testing::ElementsAre;

TEST(StaffingFiguresTest, RequiredReviewersAreFivePercentRoundedUp) {
  EXPECT_EQ(MakeStaffingFigures(1, 0).required_legal_reviewers, 1);
  EXPECT_EQ(MakeStaffingFigures(19, 0).required_legal_reviewers, 1);
  EXPECT_EQ(MakeStaffingFigures(20, 0).required_legal_reviewers, 1);
  EXPECT_EQ(MakeStaffingFigures(21, 0).required_legal_reviewers, 2);
  EXPECT_EQ(MakeStaffingFigures(40, 0).required_legal_reviewers, 2);
  EXPECT_EQ(MakeStaffingFigures(41, 0).required_legal_reviewers, 3);
  EXPECT_EQ(MakeStaffingFigures(100, 0).required_legal_reviewers, 5);
  EXPECT_EQ(MakeStaffingFigures(101, 0).required_legal_reviewers, 6);
}

TEST(StaffingFiguresTest, LargeCountsDoNotOverflow) {
  EXPECT_EQ(MakeStaffingFigures(2000000000, 0).required_legal_reviewers, 100000000);
}

TEST(StaffingFiguresTest, AgencyWithoutOfficersNeedsNoReviewer) {
  const StaffingFigures figures = MakeStaffingFigures(0, 0);
  EXPECT_EQ(figures.required_legal_reviewers, 0);
  EXPECT_TRUE(figures.compliant);
  EXPECT_THAT(figures.legal_reviewer_ratio, DoubleEq(0));
}

TEST(StaffingFiguresTest, ComplianceIsReviewersAtLeastRequired) {
  EXPECT_FALSE(MakeStaffingFigures(21, 1).compliant);
  EXPECT_TRUE(MakeStaffingFigures(21, 2).compliant);
  EXPECT_TRUE(MakeStaffingFigures(20, 1).compliant);
  EXPECT_FALSE(MakeStaffingFigures(1, 0).compliant);
}

TEST(StaffingFiguresTest, RatioIsReviewersOverOfficers) {
  const StaffingFigures figures = MakeStaffingFigures(20, 1);
  EXPECT_EQ(figures.officer_count, 20);
  EXPECT_EQ(figures.legal_reviewer_count, 1);
  EXPECT_THAT(figures.legal_reviewer_ratio, DoubleEq(0.05));
}

class ComputeStaffingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<Divisions> loaded =
        Divisions::LoadFromFile(lawenforce::testing::DivisionsPath());
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    divisions_.emplace(*std::move(loaded));
  }

  static AgencyCounts Agency(std::string id, std::string division, int officers, int reviewers) {
    return AgencyCounts{id, id + " name", std::move(division), officers, reviewers};
  }

  // 银川市 (640100): 兴庆区 (640104) with one county agency and one township
  // agency, 西夏区 (640105), and the city's own agency; 石嘴山市 (640200)
  // with 大武口区 (640202); and a region agency.
  std::vector<AgencyCounts> Agencies() const {
    return {
        Agency("xingqing", "640104", 20, 1),      // compliant (1 of 1)
        Agency("fenghuang", "640104001", 21, 1),  // township; needs 2
        Agency("xixia", "640105", 10, 0),         // needs 1
        Agency("yinchuan", "640100", 40, 2),      // compliant
        Agency("dawukou", "640202", 5, 1),        // compliant
        Agency("region", "640000", 100, 5),       // compliant
    };
  }

  static const DivisionStaffing* Row(const StaffingReport& report, const std::string& code) {
    for (const DivisionStaffing& row : report.divisions) {
      if (row.division_code == code) {
        return &row;
      }
    }
    return nullptr;
  }

  static std::vector<std::string> Codes(const StaffingReport& report) {
    std::vector<std::string> codes;
    for (const DivisionStaffing& row : report.divisions) {
      codes.push_back(row.division_code);
    }
    return codes;
  }

  std::optional<Divisions> divisions_;
};

TEST_F(ComputeStaffingTest, AgenciesKeepTheirInputOrderAndOwnFigures) {
  const StaffingReport report = ComputeStaffing(*divisions_, "", Agencies());
  ASSERT_EQ(report.agencies.size(), 6u);
  EXPECT_EQ(report.agencies[0].agency_id, "xingqing");
  EXPECT_EQ(report.agencies[0].agency_name, "xingqing name");
  EXPECT_TRUE(report.agencies[0].figures.compliant);
  EXPECT_EQ(report.agencies[1].agency_id, "fenghuang");
  EXPECT_EQ(report.agencies[1].division_code, "640104001");
  EXPECT_EQ(report.agencies[1].figures.required_legal_reviewers, 2);
  EXPECT_FALSE(report.agencies[1].figures.compliant);
  EXPECT_EQ(report.agencies[5].agency_id, "region");
}

TEST_F(ComputeStaffingTest, RegionScopeRollsUpEveryTierDownToTownshipsSortedByCode) {
  const StaffingReport report = ComputeStaffing(*divisions_, "", Agencies());
  EXPECT_THAT(Codes(report),
              ElementsAre("640000", "640100", "640104", "640104001", "640105", "640200", "640202"));

  const DivisionStaffing* region = Row(report, "640000");
  ASSERT_NE(region, nullptr);
  EXPECT_EQ(region->tier, Tier::kRegion);
  EXPECT_EQ(region->figures.officer_count, 196);
  EXPECT_EQ(region->figures.legal_reviewer_count, 10);
  EXPECT_EQ(region->figures.required_legal_reviewers, 10);
  // Pooled, 10 reviewers of 196 would pass; two agencies fall short.
  EXPECT_FALSE(region->figures.compliant);
  EXPECT_EQ(region->noncompliant_agency_count, 2);
  EXPECT_EQ(region->compliant_agency_count, 4);
  EXPECT_EQ(region->legal_reviewer_shortfall, 2);

  const DivisionStaffing* yinchuan = Row(report, "640100");
  ASSERT_NE(yinchuan, nullptr);
  EXPECT_EQ(yinchuan->tier, Tier::kCity);
  EXPECT_EQ(yinchuan->figures.officer_count, 91);
  EXPECT_EQ(yinchuan->figures.legal_reviewer_count, 4);
  EXPECT_EQ(yinchuan->figures.required_legal_reviewers, 5);
  EXPECT_FALSE(yinchuan->figures.compliant);
  EXPECT_EQ(yinchuan->noncompliant_agency_count, 2);

  const DivisionStaffing* xingqing = Row(report, "640104");
  ASSERT_NE(xingqing, nullptr);
  EXPECT_EQ(xingqing->tier, Tier::kCounty);
  EXPECT_EQ(xingqing->figures.officer_count, 41);  // county + township agency
  EXPECT_EQ(xingqing->figures.legal_reviewer_count, 2);
  EXPECT_EQ(xingqing->figures.required_legal_reviewers, 3);
  EXPECT_FALSE(xingqing->figures.compliant);
  EXPECT_EQ(xingqing->noncompliant_agency_count, 1);
  EXPECT_EQ(xingqing->compliant_agency_count, 1);

  const DivisionStaffing* fenghuang = Row(report, "640104001");
  ASSERT_NE(fenghuang, nullptr);
  EXPECT_EQ(fenghuang->tier, Tier::kTownship);
  EXPECT_EQ(fenghuang->figures.officer_count, 21);
  EXPECT_EQ(fenghuang->noncompliant_agency_count, 1);
  EXPECT_EQ(fenghuang->legal_reviewer_shortfall, 1);

  const DivisionStaffing* xixia = Row(report, "640105");
  ASSERT_NE(xixia, nullptr);
  EXPECT_EQ(xixia->figures.officer_count, 10);
  EXPECT_EQ(xixia->noncompliant_agency_count, 1);

  const DivisionStaffing* shizuishan = Row(report, "640200");
  ASSERT_NE(shizuishan, nullptr);
  EXPECT_EQ(shizuishan->tier, Tier::kCity);
  EXPECT_EQ(shizuishan->figures.officer_count, 5);
  EXPECT_EQ(shizuishan->noncompliant_agency_count, 0);
  EXPECT_TRUE(shizuishan->figures.compliant);
}

TEST_F(ComputeStaffingTest, TotalSumsEveryAgencyAndIsCompliantOnlyWhenEachIs) {
  const StaffingReport report = ComputeStaffing(*divisions_, "", Agencies());
  EXPECT_EQ(report.total.officer_count, 196);
  EXPECT_EQ(report.total.legal_reviewer_count, 10);
  EXPECT_EQ(report.total.required_legal_reviewers, 10);
  EXPECT_FALSE(report.total.compliant);
  EXPECT_EQ(report.tally.compliant_agency_count, 4);
  EXPECT_EQ(report.tally.noncompliant_agency_count, 2);
  EXPECT_EQ(report.tally.legal_reviewer_shortfall, 2);
  const StaffingReport compliant = ComputeStaffing(*divisions_, "640200", {Agencies()[4]});
  EXPECT_TRUE(compliant.total.compliant);
}

TEST_F(ComputeStaffingTest, TheRatioIsConfigurable) {
  const StaffingReport report =
      ComputeStaffing(*divisions_, "640200", {Agency("dawukou", "640202", 40, 2)}, 10);
  EXPECT_EQ(report.agencies[0].figures.required_legal_reviewers, 4);
  EXPECT_FALSE(report.total.compliant);
  EXPECT_EQ(report.tally.legal_reviewer_shortfall, 2);
}

TEST_F(ComputeStaffingTest, CityScopeStopsAtTheCity) {
  const std::vector<AgencyCounts> agencies = {Agencies()[0], Agencies()[1], Agencies()[2],
                                              Agencies()[3]};
  const StaffingReport report = ComputeStaffing(*divisions_, "640100", agencies);
  EXPECT_THAT(Codes(report), ElementsAre("640100", "640104", "640104001", "640105"));
  EXPECT_EQ(Row(report, "640100")->figures.officer_count, 91);
  EXPECT_EQ(report.total.officer_count, 91);
  EXPECT_EQ(report.total.required_legal_reviewers, 5);
  EXPECT_FALSE(report.total.compliant);
}

TEST_F(ComputeStaffingTest, CountyScopeHasItsRowAndItsTownshipsRows) {
  const std::vector<AgencyCounts> agencies = {Agencies()[0], Agencies()[1]};
  const StaffingReport report = ComputeStaffing(*divisions_, "640104", agencies);
  ASSERT_THAT(Codes(report), ElementsAre("640104", "640104001"));
  EXPECT_EQ(report.divisions[0].figures.officer_count, 41);
  EXPECT_EQ(report.divisions[0].noncompliant_agency_count, 1);
  EXPECT_EQ(report.divisions[0].compliant_agency_count, 1);
}

TEST_F(ComputeStaffingTest, TownshipScopeHasTheTownshipsOwnRow) {
  const StaffingReport report = ComputeStaffing(*divisions_, "640104001", Agencies());
  ASSERT_THAT(Codes(report), ElementsAre("640104001"));
  EXPECT_EQ(report.divisions[0].tier, Tier::kTownship);
  EXPECT_EQ(report.divisions[0].figures.officer_count, 21);
}

TEST_F(ComputeStaffingTest, AgencyOutsideTheScopeAddsToNoDivisionRow) {
  const StaffingReport report = ComputeStaffing(*divisions_, "640200", Agencies());
  EXPECT_THAT(Codes(report), ElementsAre("640200", "640202"));
  EXPECT_EQ(Row(report, "640200")->figures.officer_count, 5);
}

TEST_F(ComputeStaffingTest, AgencyWithAnUnknownDivisionAddsToNoDivisionRow) {
  const StaffingReport report =
      ComputeStaffing(*divisions_, "", {Agency("lost", "999999", 10, 0), Agencies()[4]});
  EXPECT_THAT(Codes(report), ElementsAre("640000", "640200", "640202"));
  EXPECT_EQ(report.agencies.size(), 2u);
  EXPECT_EQ(report.total.officer_count, 15);
}

TEST_F(ComputeStaffingTest, NoAgenciesGiveAnEmptyCompliantReport) {
  const StaffingReport report = ComputeStaffing(*divisions_, "", {});
  EXPECT_TRUE(report.agencies.empty());
  EXPECT_TRUE(report.divisions.empty());
  EXPECT_EQ(report.total.officer_count, 0);
  EXPECT_TRUE(report.total.compliant);
}

}  // namespace
}  // namespace lawenforce::personnel
