// ListTrainingShortfalls, the worklist of officers below the training
// requirement for a year, on the real store (SQLite; PostgreSQL as
// ..._postgres): exactly the officers GetTrainingSummary judges
// non-compliant, with what each lacks, by id and paged; an agency filter;
// the jurisdiction; a future year refused; a closed year's list fixed as
// of its close.

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/personnel_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class TrainingWorklistTest : public PersonnelFixture {
 protected:
  void Train(const std::string& officer_id, double hours, int day) {
    pv1::RecordTrainingRequest req;
    pv1::TrainingRecord* t = req.mutable_record();
    t->set_officer_id(officer_id);
    t->set_hours(hours);
    t->set_category(pv1::TRAINING_CATEGORY_BUSINESS_KNOWLEDGE);
    t->set_course(absl::StrCat("课程 ", day));
    t->set_provider("自治区司法厅");
    t->mutable_date()->set_year(2025);
    t->mutable_date()->set_month(5);
    t->mutable_date()->set_day(day);
    pv1::TrainingRecord out;
    grpc::Status s = stub_->RecordTraining(Ctx(AdminToken()).get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  grpc::Status List(pv1::ListTrainingShortfallsRequest req,
                    pv1::ListTrainingShortfallsResponse* out, const std::string& token = "") {
    return stub_->ListTrainingShortfalls(Ctx(token.empty() ? AdminToken() : token).get(), req, out);
  }
  std::vector<std::string> Ids(const pv1::ListTrainingShortfallsResponse& r) {
    std::vector<std::string> ids;
    for (const auto& s : r.shortfalls()) ids.push_back(s.officer_id());
    return ids;
  }
};

TEST_F(TrainingWorklistTest, TheOfficersTheSummaryJudgesBelowTheRequirement) {
  const pv1::Agency agency = CreateAgency("640104");
  const pv1::Agency other = CreateAgency("640104");
  const pv1::Officer none = CreateOfficer(agency.id(), IdNumber(501));
  const pv1::Officer some = CreateOfficer(agency.id(), IdNumber(502));
  const pv1::Officer enough = CreateOfficer(agency.id(), IdNumber(503));
  const pv1::Officer elsewhere = CreateOfficer(other.id(), IdNumber(504));
  Train(some.id(), 6, 10);
  for (int day = 1; day <= 8; ++day) Train(enough.id(), 8, day);

  pv1::GetTrainingSummaryRequest sreq;
  sreq.set_agency_id(agency.id());
  sreq.set_year(2025);
  pv1::TrainingSummary summary;
  ASSERT_TRUE(stub_->GetTrainingSummary(Ctx(AdminToken()).get(), sreq, &summary).ok());
  std::set<std::string> judged_below;
  for (const auto& o : summary.officers()) {
    if (!o.compliant()) judged_below.insert(o.officer_id());
  }
  ASSERT_EQ(judged_below, (std::set<std::string>{none.id(), some.id()}));

  pv1::ListTrainingShortfallsRequest req;
  req.set_division_code("640104");
  req.set_year(2025);
  pv1::ListTrainingShortfallsResponse out;
  grpc::Status s = List(req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const std::vector<std::string> ids = Ids(out);
  const std::set<std::string> listed(ids.begin(), ids.end());
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(listed, (std::set<std::string>{none.id(), some.id(), elsewhere.id()}));
  for (const auto& line : out.shortfalls()) {
    EXPECT_GT(line.missing_hours(), 0) << line.officer_id();
    EXPECT_DOUBLE_EQ(line.missing_hours(), line.required_hours() - line.counted_hours());
    if (line.officer_id() == some.id()) {
      EXPECT_DOUBLE_EQ(line.counted_hours(), 6);
      EXPECT_EQ(line.agency_id(), agency.id());
      EXPECT_EQ(line.division_code(), "640104");
      EXPECT_FALSE(line.name().empty());
    }
  }

  // One agency; and paged, one a page, the token bound to the filter.
  req.set_agency_id(agency.id());
  req.set_page_size(1);
  ASSERT_TRUE(List(req, &out).ok());
  ASSERT_EQ(out.shortfalls_size(), 1);
  const std::string first = out.shortfalls(0).officer_id();
  ASSERT_FALSE(out.next_page_token().empty());
  req.set_page_token(out.next_page_token());
  ASSERT_TRUE(List(req, &out).ok());
  ASSERT_EQ(out.shortfalls_size(), 1);
  EXPECT_EQ((std::set<std::string>{first, out.shortfalls(0).officer_id()}), judged_below);
  EXPECT_TRUE(out.next_page_token().empty());
  req.set_year(2024);
  EXPECT_EQ(List(req, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << "a token of another filter";
}

TEST_F(TrainingWorklistTest, JurisdictionYearsAndAClosedYear) {
  const pv1::Agency agency = CreateAgency("640104");
  const pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(511));
  pv1::ListTrainingShortfallsRequest req;
  req.set_year(2025);
  pv1::ListTrainingShortfallsResponse out;
  // A county reader of another county sees nothing of Xingqing.
  req.set_division_code("640104");
  EXPECT_EQ(List(req, &out, Token({auth::Role::kAuditor}, "640106")).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  req.clear_division_code();
  req.set_agency_id(agency.id());
  EXPECT_EQ(List(req, &out, Token({auth::Role::kAuditor}, "640106")).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Its own county's reader does.
  grpc::Status s = List(req, &out, Token({auth::Role::kAuditor}, "640104"));
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_THAT(Ids(out), ElementsAre(officer.id()));

  req.set_year(2026);
  s = List(req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("year"));

  // After 2025 closes its list is read as of the close: the same.
  clock_.Advance(absl::Hours(24 * 300));  // 2026-03-28: 2025 closed
  req.set_year(2025);
  ASSERT_TRUE(List(req, &out).ok());
  EXPECT_THAT(Ids(out), ElementsAre(officer.id()));
}

}  // namespace
}  // namespace lawenforce::testing
