// GetCaseStatistics end to end on the real store (SQLite, and PostgreSQL
// as case_statistics_test_postgres): a day of cases filed, decided and
// published through real RPCs gives the hand-counted figures; acts after
// the day leave them exactly as they were; cases from before facts were
// kept get theirs at store open; fields named and other counties denied.

#include "absl/strings/str_cat.h"
#include "common/protoconv/protoconv.h"
#include "common/store/values.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/case/store/sql_case_store.h"
#include "tests/integration/case_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

constexpr absl::Duration kHour = absl::Hours(1);

// case-service's own token lives a day (the fixture's), so every act
// here happens within the day of 2025-06-01 08:00 CST: the publicity clock
// runs 2 hours instead of 7 working days, and the periods are days.
class CaseStatisticsTest : public CaseFixture {
 protected:
  std::vector<std::string> ExtraFlags() override {
    std::vector<std::string> flags = CaseFixture::ExtraFlags();
    flags.push_back("--clock-periods=publicity=2h");
    return flags;
  }
  void SetUp() override {
    CaseFixture::SetUp();
    if (HasFatalFailure()) return;
    s_ = StandardScene();
  }
  std::string OfficerToken() { return Token({auth::Role::kOfficer}, "640104"); }
  std::string HeadToken() { return Token({auth::Role::kAgencyAdmin}, "640104", s_.agency); }

  template <typename Call, typename Req>
  void Ok(Call call, const Req& req, const std::string& token) {
    cv1::Case out;
    grpc::Status s = (stub_.get()->*call)(Ctx(token).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  }
  // Filed, investigated and the party notified (no hearing wanted).
  std::string ReadyToDecide() {
    const std::string id = FileCase(s_.agency, s_.item, {s_.o1, s_.o2}).id();
    Ok(&cv1::CaseService::Stub::StartInvestigation, Act(id), OfficerToken());
    cv1::NotifyPartyRequest n;
    *n.mutable_act() = Act(id);
    n.set_hearing_waived(true);
    Ok(&cv1::CaseService::Stub::NotifyParty, n, OfficerToken());
    return id;
  }
  // A fine of 3,000 yuan within the benchmark, served on the spot.
  void Decide(const std::string& id) {
    cv1::DecideCaseRequest d;
    *d.mutable_act() = Act(id);
    d.mutable_decision()->set_outcome(cv1::OUTCOME_PENALTY);
    d.mutable_decision()->set_circumstance("general");
    d.mutable_decision()->add_penalty_kinds(cv1::PENALTY_KIND_FINE);
    d.mutable_decision()->set_fine_fen(300000);
    d.set_served_on_the_spot(true);
    Ok(&cv1::CaseService::Stub::DecideCase, d, OfficerToken());
  }
  void Publish(const std::string& id) {
    Ok(&cv1::CaseService::Stub::PublishDecision, Act(id), OfficerToken());
  }

  // The CST day 2025-06-`day`.
  static cv1::GetCaseStatisticsRequest Day(int day, const std::string& division = "640104") {
    cv1::GetCaseStatisticsRequest r;
    r.set_division_code(division);
    *r.mutable_start_date() = protoconv::ToDate(absl::CivilDay(2025, 6, day));
    *r.mutable_end_date() = protoconv::ToDate(absl::CivilDay(2025, 6, day));
    return r;
  }
  grpc::Status Get(const cv1::GetCaseStatisticsRequest& r, const std::string& token,
                   cv1::CaseStatistics* out) {
    return stub_->GetCaseStatistics(Ctx(token).get(), r, out);
  }
  cv1::CaseStatistics MustGet(const cv1::GetCaseStatisticsRequest& r) {
    cv1::CaseStatistics out;
    grpc::Status s = Get(r, OfficerToken(), &out);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    return out;
  }
  static std::map<std::string, int64_t> Counts(
      const google::protobuf::RepeatedPtrField<cv1::CaseCount>& list) {
    std::map<std::string, int64_t> out;
    for (const cv1::CaseCount& c : list) out[c.key()] = c.count();
    return out;
  }

  store::Database& db() { return *service_->runtime().env().db; }

  Scene s_;
};

// On 2025-06-01 from 08:00 CST: A decided at 10:00 and published 10
// minutes later; C decided at 12:10, never published; B decided at 14:10,
// published at 18:11 (due 16:10); D withdrawn at 15:11.
TEST_F(CaseStatisticsTest, ADaysFiguresAreTheHandCountedOnesAndStayWhenItsCasesMoveOn) {
  const std::string a = ReadyToDecide();
  const std::string b = ReadyToDecide();
  const std::string c = ReadyToDecide();
  const std::string d = FileCase(s_.agency, s_.item, {s_.o1, s_.o2}).id();
  clock_.Advance(2 * kHour);
  Decide(a);
  clock_.Advance(absl::Minutes(10));
  Publish(a);
  clock_.Advance(2 * kHour);
  Decide(c);
  clock_.Advance(2 * kHour);
  Decide(b);
  clock_.Advance(absl::Minutes(1));

  // The day is not over: the figures stand at now (acts recorded before it).
  cv1::CaseStatistics open = MustGet(Day(1));
  EXPECT_FALSE(open.closed_period());
  EXPECT_EQ(*protoconv::FromTimestamp("as_of", open.as_of()), clock_.Now());
  EXPECT_EQ(open.decisions(), 3);
  EXPECT_EQ(open.published_on_time(), 1);
  EXPECT_EQ(open.publications_overdue(), 1);  // C, due 14:10

  clock_.Advance(kHour);
  Ok(&cv1::CaseService::Stub::WithdrawCase, Act(d, "当事人非本案违法主体"), HeadToken());
  clock_.Advance(3 * kHour);
  Publish(b);
  clock_.Advance(6 * kHour + absl::Minutes(19));  // 2025-06-02 00:30 CST

  const cv1::CaseStatistics june1 = MustGet(Day(1));
  EXPECT_TRUE(june1.closed_period());
  EXPECT_EQ(*protoconv::FromTimestamp("as_of", june1.as_of()),
            absl::FromCivil(absl::CivilDay(2025, 6, 2), ChinaTimeZone()));
  EXPECT_EQ(june1.division_code(), "640104");
  EXPECT_EQ(june1.cases_filed(), 4);
  EXPECT_THAT(Counts(june1.filed_by_kind()), UnorderedElementsAre(Pair("ITEM_KIND_PENALTY", 4)));
  EXPECT_THAT(Counts(june1.by_state()),
              UnorderedElementsAre(Pair("CASE_STATE_PUBLISHED", 2), Pair("CASE_STATE_DECIDED", 1),
                                   Pair("CASE_STATE_WITHDRAWN", 1)));
  EXPECT_EQ(june1.cases_ended(), 1);
  EXPECT_EQ(june1.decisions(), 3);
  EXPECT_THAT(Counts(june1.decisions_by_outcome()),
              UnorderedElementsAre(Pair("OUTCOME_PENALTY", 3)));
  EXPECT_EQ(june1.decisions_review_required(), 0);
  EXPECT_EQ(june1.benchmark_deviations(), 0);
  // 2 h, 4 h 10 min and 6 h 10 min after filing; nearest rank
  // ceil(0.9 * 3) = 3: the longest.
  EXPECT_NEAR(june1.average_days_to_decision(), (2 + 25.0 / 6 + 37.0 / 6) / 3 / 24, 1e-9);
  EXPECT_NEAR(june1.p90_days_to_decision(), 37.0 / 6 / 24, 1e-9);
  EXPECT_EQ(june1.legal_reviews(), 0);
  EXPECT_EQ(june1.publications_due(), 3);
  EXPECT_EQ(june1.published_on_time(), 1);     // A
  EXPECT_EQ(june1.published_late(), 1);        // B
  EXPECT_EQ(june1.publications_overdue(), 1);  // C
  EXPECT_EQ(june1.transfers_reported(), 0);
  EXPECT_THAT(Counts(june1.overdue_by_clock()),
              UnorderedElementsAre(Pair("CLOCK_KIND_PUBLICITY", 1)));  // C's

  // The next day: A's decision revoked, C published at last, B executed
  // and closed, a new case filed.
  cv1::ChangeDecisionRequest revoke;
  *revoke.mutable_act() = Act(a, "复议决定撤销原处罚决定");
  Ok(&cv1::CaseService::Stub::ChangeDecision, revoke, OfficerToken());
  clock_.Advance(kHour);
  Publish(c);
  Ok(&cv1::CaseService::Stub::RecordExecution, Act(b, "罚款已缴纳"), OfficerToken());
  Ok(&cv1::CaseService::Stub::CloseCase, Act(b), OfficerToken());
  FileCase(s_.agency, s_.item, {s_.o1, s_.o2});
  clock_.Advance(kHour);

  const cv1::CaseStatistics again = MustGet(Day(1));
  EXPECT_EQ(again.DebugString(), june1.DebugString());

  const cv1::CaseStatistics june2 = MustGet(Day(2));
  EXPECT_FALSE(june2.closed_period());
  EXPECT_EQ(june2.cases_filed(), 1);
  EXPECT_EQ(june2.decisions(), 0) << "a changed decision is not a new one";
  EXPECT_EQ(june2.publications_due(), 0);
  EXPECT_EQ(june2.cases_ended(), 1);  // B
  // The city reads the same day through its subtree; the agency its own.
  cv1::CaseStatistics city;
  ASSERT_TRUE(Get(Day(1, "640100"), Token({auth::Role::kSupervisor}, "640100"), &city).ok());
  EXPECT_EQ(city.cases_filed(), 4);
  cv1::GetCaseStatisticsRequest agency = Day(1, "");
  agency.set_agency_id(s_.agency);
  cv1::CaseStatistics own;
  ASSERT_TRUE(Get(agency, HeadToken(), &own).ok());
  EXPECT_EQ(own.agency_id(), s_.agency);
  EXPECT_EQ(own.decisions(), 3);
}

TEST_F(CaseStatisticsTest, ACaseFiledBeforeFactsWereKeptGetsThemFromItsBody) {
  const std::string a = ReadyToDecide();
  clock_.Advance(3 * kHour);
  Decide(a);
  clock_.Advance(absl::Minutes(10));
  Publish(a);
  // As a database migrated to schema 4 with this case already in it.
  ASSERT_TRUE(db().Write([](store::Transaction& tx) -> absl::Status {
                    if (absl::Status s = tx.Execute("DELETE FROM case_facts").status(); !s.ok()) {
                      return s;
                    }
                    return tx
                        .Execute("INSERT INTO case_facts_pending (case_id) SELECT id FROM cases")
                        .status();
                  })
                  .ok());
  absl::StatusOr<std::unique_ptr<cases::CaseStores>> reopened =
      cases::OpenSqlCaseStore(&db(), service_->runtime().env().ids, nullptr, nullptr);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  int64_t rows = -1;
  ASSERT_TRUE(db().Read([&](store::Transaction& tx) -> absl::Status {
                    absl::StatusOr<std::vector<store::Row>> pending =
                        tx.Query("SELECT COUNT(*) FROM case_facts_pending");
                    if (!pending.ok()) return pending.status();
                    EXPECT_EQ((*pending)[0].Int(0), 0);
                    absl::StatusOr<std::vector<store::Row>> r =
                        tx.Query("SELECT COUNT(*), MAX(seq), MIN(entry_time) FROM case_facts");
                    if (!r.ok()) return r.status();
                    rows = (*r)[0].Int(0);
                    EXPECT_EQ((*r)[0].Int(1), 0);
                    EXPECT_EQ(store::TimeFromMicros((*r)[0].Int(2)),
                              absl::FromUnixSeconds(1748736000));  // its filing
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(rows, 1);
  clock_.Advance(13 * kHour);  // 2025-06-02 00:10 CST
  cv1::CaseStatistics june = MustGet(Day(1));
  EXPECT_EQ(june.cases_filed(), 1);
  EXPECT_EQ(june.decisions(), 1);
  EXPECT_DOUBLE_EQ(june.average_days_to_decision(), 0.125);
  EXPECT_EQ(june.published_on_time(), 1);
  // The day before knew nothing of it.
  cv1::GetCaseStatisticsRequest may31 = Day(1);
  *may31.mutable_start_date() = protoconv::ToDate(absl::CivilDay(2025, 5, 31));
  *may31.mutable_end_date() = protoconv::ToDate(absl::CivilDay(2025, 5, 31));
  EXPECT_EQ(MustGet(may31).cases_filed(), 0);

  // A case still without facts (another replica acted first) gets them
  // with its next act, from its body before the act.
  ASSERT_TRUE(db().Write([](store::Transaction& tx) {
                    return tx.Execute("DELETE FROM case_facts").status();
                  })
                  .ok());
  Ok(&cv1::CaseService::Stub::RecordExecution, Act(a, "罚款已缴纳"), OfficerToken());
  cv1::CaseStatistics after = MustGet(Day(1));
  EXPECT_EQ(after.DebugString(), june.DebugString());
}

TEST_F(CaseStatisticsTest, BadInputNamesTheField) {
  cv1::CaseStatistics out;
  cv1::GetCaseStatisticsRequest no_start = Day(1);
  no_start.clear_start_date();
  grpc::Status s = Get(no_start, OfficerToken(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("start_date"));
  cv1::GetCaseStatisticsRequest backwards = Day(1);
  *backwards.mutable_end_date() = protoconv::ToDate(absl::CivilDay(2025, 5, 31));
  s = Get(backwards, OfficerToken(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("end_date"));
  cv1::GetCaseStatisticsRequest both = Day(1);
  both.set_agency_id(s_.agency);
  s = Get(both, OfficerToken(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("agency_id"));
  s = Get(Day(1, "640199"), OfficerToken(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("division_code"));
}

TEST_F(CaseStatisticsTest, ACallerFromAnotherCountyIsDenied) {
  FileCase(s_.agency, s_.item, {s_.o1, s_.o2});
  const std::string dawukou = Token({auth::Role::kSupervisor}, "640202");
  cv1::CaseStatistics out;
  EXPECT_EQ(Get(Day(1), dawukou, &out).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  cv1::GetCaseStatisticsRequest agency = Day(1, "");
  agency.set_agency_id(s_.agency);
  EXPECT_EQ(Get(agency, dawukou, &out).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // Its own county: nothing of Xingqing's.
  ASSERT_TRUE(Get(Day(1, ""), dawukou, &out).ok());
  EXPECT_EQ(out.division_code(), "640202");
  EXPECT_EQ(out.cases_filed(), 0);
}

}  // namespace
}  // namespace lawenforce::testing
