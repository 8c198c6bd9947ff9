#include "services/case/domain/visit.h"

#include "common/testing/id_numbers.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::cases {
namespace {

using ::lawenforce::testing::ExpectInvalidField;
using ::lawenforce::testing::StatusIs;
using ::lawenforce::testing::TestCreditCode;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const absl::Time kNow = absl::FromUnixSeconds(1750000000);  // 2025-06-15

std::string Id(int n) { return "00000000-0000-4000-8000-0000000000" + std::to_string(10 + n); }

InspectionVisit Visit(std::vector<int> agencies = {1}, VisitBasis basis = VisitBasis::kPlan) {
  InspectionVisit v;
  v.id = Id(90);
  v.enterprise = {TestCreditCode(5), "银川某食品厂"};
  for (int a : agencies) v.parts.push_back({Id(a), Id(a + 20), "640104"});
  v.officer_ids = {Id(40), Id(41)};
  v.basis = basis;
  v.basis_ref = "2025-JC-07";
  v.visit_time = kNow;
  v.year = 2025;
  return v;
}

VisitCap Cap(int agency, int max) {
  return VisitCap{Id(agency), "640104", 2025, max, "兴庆区市场监管局2025年涉企检查计划", "", kNow};
}

TEST(ValidateVisitTest, EachRuleNamesItsField) {
  InspectionVisit ok = Visit({1, 2});
  EXPECT_OK(ValidateVisit(ok));
  auto with = [](auto mutate) {
    InspectionVisit v = Visit({1, 2});
    mutate(v);
    return ValidateVisit(v);
  };
  ExpectInvalidField(with([](auto& v) { v.enterprise.credit_code = "x"; }),
                     "visit.enterprise.credit_code", "18");
  ExpectInvalidField(with([](auto& v) { v.enterprise.name = ""; }), "visit.enterprise.name");
  ExpectInvalidField(with([](auto& v) { v.parts.clear(); }), "visit.parts", "required");
  ExpectInvalidField(with([](auto& v) { v.parts[1].agency_id = v.parts[0].agency_id; }),
                     "visit.parts[1].agency_id", "once per agency");
  ExpectInvalidField(with([](auto& v) { v.parts[0].item_id = "nope"; }), "visit.parts[0].item_id");
  ExpectInvalidField(with([](auto& v) { v.officer_ids.pop_back(); }), "visit.officer_ids", "two");
  ExpectInvalidField(with([](auto& v) { v.officer_ids[1] = v.officer_ids[0]; }),
                     "visit.officer_ids[1]", "repeated");
  ExpectInvalidField(with([](auto& v) { v.basis_ref = ""; }), "visit.basis_ref", "required");
  ExpectInvalidField(with([](auto& v) { v.summary = std::string(2001, 'x'); }), "visit.summary");
}

TEST(DecideVisitTest, TheCapRefusesTheVisitBeyondItUnlessAComplaintOrClueCalls) {
  InspectionVisit v = Visit({1});
  VisitFacts facts{{Cap(1, 2)}, {1}, {}, std::nullopt};
  EXPECT_OK(DecideVisit(v, facts, FrequencyRule{}).status());
  EXPECT_FALSE(v.beyond_cap);
  facts.visits_this_year = {2};
  EXPECT_THAT(DecideVisit(v, facts, FrequencyRule{}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("visit.parts[0]: agency " + Id(1) + " has visited")));
  for (VisitBasis b : {VisitBasis::kComplaint, VisitBasis::kClue}) {
    InspectionVisit answering = Visit({1}, b);
    EXPECT_OK(DecideVisit(answering, facts, FrequencyRule{}).status());
    EXPECT_TRUE(answering.beyond_cap);
  }
  InspectionVisit drawn = Visit({1}, VisitBasis::kDraw);
  EXPECT_THAT(DecideVisit(drawn, facts, FrequencyRule{}).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(DecideVisitTest, AJointVisitIsJudgedAgainstEachAgencysOwnCap) {
  InspectionVisit v = Visit({1, 2, 3});
  // Agency 1 has room, agency 2 has no cap, agency 3 is at its cap.
  VisitFacts facts{{Cap(1, 5), std::nullopt, Cap(3, 1)}, {0, 9, 1}, {}, std::nullopt};
  EXPECT_THAT(DecideVisit(v, facts, FrequencyRule{}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("visit.parts[2]")));
  facts.visits_this_year = {0, 9, 0};
  EXPECT_OK(DecideVisit(v, facts, FrequencyRule{}).status());
}

TEST(DecideVisitTest, TheCountWithinTheWindowRaisesOneWarningPerWindow) {
  const FrequencyRule rule{3, absl::Hours(24 * 30)};
  InspectionVisit a = Visit({1}), b = Visit({2});
  a.id = Id(70);
  b.id = Id(71);
  InspectionVisit v = Visit({3, 1});
  VisitFacts facts{{std::nullopt, std::nullopt}, {0, 1}, {a}, std::nullopt};
  ASSERT_OK_AND_ASSIGN(std::optional<InspectionWarning> none, DecideVisit(v, facts, rule));
  EXPECT_FALSE(none.has_value());
  facts.recent = {a, b};
  ASSERT_OK_AND_ASSIGN(std::optional<InspectionWarning> w, DecideVisit(v, facts, rule));
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->count, 3);
  EXPECT_EQ(w->visit_id, v.id);
  EXPECT_THAT(w->visit_ids, ElementsAre(Id(70), Id(71), Id(90)));
  EXPECT_THAT(w->agency_ids, ElementsAre(Id(1), Id(2), Id(3)));
  // A warning raised within the window is not raised again...
  InspectionWarning last = *w;
  last.raise_time = kNow - absl::Hours(24 * 29);
  facts.last_warning = last;
  ASSERT_OK_AND_ASSIGN(std::optional<InspectionWarning> again, DecideVisit(v, facts, rule));
  EXPECT_FALSE(again.has_value());
  // ...but is once a full window has passed since it.
  facts.last_warning->raise_time = kNow - absl::Hours(24 * 30);
  ASSERT_OK_AND_ASSIGN(std::optional<InspectionWarning> later, DecideVisit(v, facts, rule));
  EXPECT_TRUE(later.has_value());
}

TEST(WhitelistTest, AnEntryListsItsEnterpriseWithinItsPeriod) {
  WhitelistEntry e;
  e.enterprise = {TestCreditCode(8), "诚信企业"};
  e.start = kNow;
  e.end = kNow + absl::Hours(24 * 365);
  e.reason = "信用A级，无事不扰";
  EXPECT_OK(ValidateWhitelistEntry(e));
  EXPECT_FALSE(ListedAt(e, kNow - absl::Seconds(1)));
  EXPECT_TRUE(ListedAt(e, kNow));
  EXPECT_FALSE(ListedAt(e, e.end));
  WhitelistEntry bad = e;
  bad.end = bad.start;
  ExpectInvalidField(ValidateWhitelistEntry(bad), "entry.end_time", "after");
  bad = e;
  bad.reason = "";
  ExpectInvalidField(ValidateWhitelistEntry(bad), "entry.reason", "required");
  bad = e;
  bad.end = bad.start + absl::Hours(24 * 366 * 3 + 1);
  ExpectInvalidField(ValidateWhitelistEntry(bad), "entry.end_time", "three years");
}

TEST(CapTest, ValidatedByField) {
  EXPECT_OK(ValidateCap(Cap(1, 2)));
  VisitCap c = Cap(1, 0);
  ExpectInvalidField(ValidateCap(c), "cap.max_visits", "1..100");
  c = Cap(1, 2);
  c.year = 1999;
  ExpectInvalidField(ValidateCap(c), "cap.year");
  c = Cap(1, 2);
  c.basis = "";
  ExpectInvalidField(ValidateCap(c), "cap.basis", "required");
}

TEST(InspectionFiguresTest, OnlyWhatHappenedInThePeriodCounts) {
  const absl::Time from = kNow, as_of = kNow + absl::Hours(24);
  InspectionDraw before, during;
  before.draw_time = from - absl::Hours(1);
  before.targets.resize(2);
  before.targets[0].result =
      InspectionResult{InspectionOutcome::kFinding, "x", "o", from + absl::Hours(1)};
  before.targets[1].result = InspectionResult{InspectionOutcome::kNoIssue, "x", "o", as_of};
  during.draw_time = from;
  during.targets.resize(3);
  during.targets[2].result =
      InspectionResult{InspectionOutcome::kNoIssue, "x", "o", from + absl::Hours(2)};
  InspectionVisit a = Visit({1}), b = Visit({1, 2}, VisitBasis::kComplaint), late = Visit({1});
  a.visit_time = from;
  b.visit_time = from + absl::Hours(3);
  b.beyond_cap = true;
  b.warning_id = "w";
  late.visit_time = as_of;
  const InspectionFigures f = ComputeInspectionFigures({before, during}, {a, b, late}, from, as_of);
  EXPECT_EQ(f.draws, 1);
  EXPECT_EQ(f.targets_drawn, 3);
  EXPECT_EQ(f.results_by_outcome.at(InspectionOutcome::kFinding), 1);
  EXPECT_EQ(f.results_by_outcome.at(InspectionOutcome::kNoIssue), 1);
  EXPECT_EQ(f.visits, 2);
  EXPECT_EQ(f.visits_by_basis.at(VisitBasis::kPlan), 1);
  EXPECT_EQ(f.visits_by_basis.at(VisitBasis::kComplaint), 1);
  EXPECT_EQ(f.joint_visits, 1);
  EXPECT_EQ(f.visits_beyond_cap, 1);
  EXPECT_EQ(f.warnings, 1);
}

}  // namespace
}  // namespace lawenforce::cases
