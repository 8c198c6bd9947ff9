// GetCaseStatistics' use case over the in-memory store: the period and
// scope checks naming the field, the jurisdiction as ListCases has it
// (and a bound agency admin held to its agency), and which cases a scope
// counts.

#include "services/case/app/case_statistics.h"

#include "common/divisions/divisions.h"
#include "common/status/errors.h"
#include "common/testing/principals.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/case/store/in_memory_case_store.h"

namespace lawenforce::cases {
namespace {

using auth::Role;
using ::lawenforce::testing::Caller;
using ::lawenforce::testing::ExpectInvalidField;
using ::lawenforce::testing::StatusIs;

constexpr char kXingqing[] = "6b0f7c1e-9a4d-4c2b-8e55-0123456789ab";  // 640104
constexpr char kJinfeng[] = "6b0f7c1e-9a4d-4c2b-8e55-0123456789ac";   // 640106
constexpr char kUnknown[] = "6b0f7c1e-9a4d-4c2b-8e55-0123456789ff";

class FakeAgencies final : public AgencyDirectory {
 public:
  absl::StatusOr<AgencyInfo> GetAgency(const std::string& id) override {
    if (id == kXingqing) return AgencyInfo{kXingqing, "640104", {"food_safety"}};
    if (id == kJinfeng) return AgencyInfo{kJinfeng, "640106", {"food_safety"}};
    return absl::NotFoundError("agency not found");
  }
};

class CaseStatisticsTest : public ::testing::Test {
 protected:
  CaseStatisticsTest()
      : divisions_(*Divisions::LoadFromFile(testing::DivisionsPath())),
        authorizer_(divisions_),
        statistics_(CaseDeps{&store_, &agencies_, nullptr, &authorizer_, nullptr, nullptr, &clock_,
                             nullptr, nullptr}) {}

  // A case of `agency` filed now.
  void File(const std::string& id, const std::string& agency, const std::string& division) {
    CaseWrite w;
    w.after.id = id;
    w.after.agency_id = agency;
    w.after.division_code = division;
    w.after.filed_at = clock_.Now();
    w.entry.time = clock_.Now();
    w.entry.action = "file";
    ASSERT_TRUE(store_.FileCase(w, std::nullopt).ok());
  }

  absl::StatusOr<CaseStatisticsReport> June(const auth::Principal& who,
                                            const std::string& division = "",
                                            const std::string& agency = "") {
    return statistics_.Get(who, division, agency, absl::CivilDay(2025, 6, 1),
                           absl::CivilDay(2025, 6, 30));
  }

  FakeClock clock_{absl::FromUnixSeconds(1748736000)};  // 2025-06-01 08:00 CST
  Divisions divisions_;
  auth::Authorizer authorizer_;
  InMemoryCaseStore store_;
  FakeAgencies agencies_;
  CaseStatistics statistics_;
  const auth::Principal county_ = Caller({Role::kSupervisor}, "640104");
};

TEST_F(CaseStatisticsTest, ThePeriodAndTheScopeAreCheckedNamingTheField) {
  const absl::CivilDay june1(2025, 6, 1);
  ExpectInvalidField(
      statistics_.Get(county_, "", "", InvalidField("start_date", "required"), june1).status(),
      "start_date", "required");
  ExpectInvalidField(statistics_.Get(county_, "", "", june1, absl::CivilDay(2025, 5, 31)).status(),
                     "end_date", "before start_date");
  ExpectInvalidField(statistics_.Get(county_, "", "", june1, absl::CivilDay(2030, 6, 7)).status(),
                     "end_date", "five years");
  EXPECT_TRUE(statistics_.Get(county_, "", "", june1, absl::CivilDay(2030, 6, 1)).ok());
  ExpectInvalidField(June(county_, "640104", kXingqing).status(), "agency_id", "not both");
  ExpectInvalidField(June(county_, "", "not-an-id").status(), "agency_id", "");
  ExpectInvalidField(June(county_, "999999").status(), "division_code", "");
}

TEST_F(CaseStatisticsTest, OutsideTheCallersJurisdictionIsDeniedAlikeForKnownAndUnknownAgencies) {
  const auth::Principal other_county = Caller({Role::kSupervisor, Role::kSystem}, "640302");
  EXPECT_THAT(June(other_county, "640104").status(), StatusIs(absl::StatusCode::kPermissionDenied));
  const absl::Status known = June(other_county, "", kXingqing).status();
  const absl::Status unknown = June(other_county, "", kUnknown).status();
  EXPECT_THAT(known, StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(known, unknown);
  // Only a region-wide caller learns that an agency does not exist.
  EXPECT_THAT(June(Caller({Role::kSystem}, "640000"), "", kUnknown).status(),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(CaseStatisticsTest, ABoundAgencyAdminReadsItsAgencyOnly) {
  File("c1", kXingqing, "640104");
  File("c2", kJinfeng, "640106");
  clock_.Advance(absl::Hours(24 * 40));
  const auth::Principal admin = Caller({Role::kAgencyAdmin}, "640100", kXingqing);
  ASSERT_OK_AND_ASSIGN(CaseStatisticsReport own, June(admin));
  EXPECT_EQ(own.agency_id, kXingqing);
  EXPECT_EQ(own.division_code, "640104");
  EXPECT_EQ(own.figures.cases_filed, 1);
  EXPECT_THAT(June(admin, "", kJinfeng).status(), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(June(admin, "640100").status(), StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(CaseStatisticsTest, ADivisionCountsItsSubtreeAndAnAgencyItsOwnCases) {
  File("c1", kXingqing, "640104");
  File("c2", kJinfeng, "640106");
  File("c3", kXingqing, "640104");
  clock_.Advance(absl::Hours(24 * 40));
  // task-service's token: the system role at the region.
  const auth::Principal task_service = Caller({Role::kSystem}, "640000");
  ASSERT_OK_AND_ASSIGN(CaseStatisticsReport city, June(task_service, "640100"));
  EXPECT_EQ(city.division_code, "640100");
  EXPECT_EQ(city.figures.cases_filed, 3);
  EXPECT_TRUE(city.closed_period);
  EXPECT_EQ(city.as_of, absl::FromCivil(absl::CivilDay(2025, 7, 1), ChinaTimeZone()));
  ASSERT_OK_AND_ASSIGN(CaseStatisticsReport county, June(county_));
  EXPECT_EQ(county.division_code, "640104");
  EXPECT_EQ(county.figures.cases_filed, 2);
  ASSERT_OK_AND_ASSIGN(CaseStatisticsReport agency, June(task_service, "", kJinfeng));
  EXPECT_EQ(agency.figures.cases_filed, 1);
}

TEST_F(CaseStatisticsTest, AnOpenPeriodStandsAtNow) {
  File("c1", kXingqing, "640104");
  clock_.Advance(absl::Hours(24 * 3));
  ASSERT_OK_AND_ASSIGN(CaseStatisticsReport r, June(county_));
  EXPECT_FALSE(r.closed_period);
  EXPECT_EQ(r.as_of, clock_.Now());
  EXPECT_EQ(r.figures.cases_filed, 1);
}

}  // namespace
}  // namespace lawenforce::cases
