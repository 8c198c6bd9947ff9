// ListCases, ListOfficerActs, ExportRecordHeads and ListItems over gRPC
// with personnel-service and a real Redis, on both stores: every ListCases
// filter (agency, state, item, officer, overdue, enterprise party, filed and
// decided ranges, division subtree), paging across pages with signed
// tokens (a token edited by hand, an unsigned one and one of another filter
// refused), a caller from another county seeing nothing of this one, an
// officer's acts paged with the scope in the query, the legal reviewer
// checked at the review, and create keys per caller.

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/paging/page_token.h"
#include "common/protoconv/protoconv.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/case_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAreArray;

constexpr char kCounty[] = "640104";       // 兴庆区, in 银川市 640100
constexpr char kTownship[] = "640104001";  // 凤凰北街街道, in 兴庆区
constexpr char kOtherCounty[] = "640302";  // 利通区, in 吴忠市 640300

class CaseListTest : public CaseFixture {
 protected:
  void SetUp() override {
    CaseFixture::SetUp();
    if (HasFatalFailure()) return;
    county_agency_ = CreateAgency(kCounty);
    township_agency_ = CreateAgency(kTownship);
    other_agency_ = CreateAgency(kOtherCounty);
    item_ = CreateItem(county_agency_, "SCJG-CF-001").id();
    item2_ = CreateItem(county_agency_, "SCJG-CF-002").id();
    township_item_ = CreateItem(township_agency_, "XZ-CF-001").id();
    other_item_ = CreateItem(other_agency_, "LT-CF-001").id();
    for (const std::string& i : {item_, item2_, township_item_, other_item_}) PublishBenchmark(i);
    o1_ = CreateOfficer(county_agency_);
    o2_ = CreateOfficer(county_agency_);
    o3_ = CreateOfficer(county_agency_);
    t1_ = CreateOfficer(township_agency_);
    t2_ = CreateOfficer(township_agency_);
    w1_ = CreateOfficer(other_agency_);
    w2_ = CreateOfficer(other_agency_);
  }

  // Files a case of `agency` (at `division`) with one party, by an
  // officer of that division.
  std::string File(const std::string& agency, const std::string& division, const std::string& item,
                   const std::vector<std::string>& officers, bool enterprise = false) {
    cv1::FileCaseRequest req;
    cv1::Case* c = req.mutable_case_();
    c->set_agency_id(agency);
    c->set_item_id(item);
    cv1::Party* p = c->add_parties();
    if (enterprise) {
      p->set_kind(cv1::PARTY_KIND_ENTERPRISE);
      p->set_name("宁夏某某商贸有限公司");
      p->set_credit_code("91640100MA76A1B2CR");
    } else {
      p->set_kind(cv1::PARTY_KIND_INDIVIDUAL);
      p->set_name("张三");
      p->set_id_number("640104198503121231");
    }
    c->set_facts("销售超过保质期的食品");
    *c->mutable_violation_time() = protoconv::ToTimestamp(clock_.Now() - absl::Hours(72));
    for (const std::string& o : officers) c->add_officer_ids(o);
    cv1::Case out;
    grpc::Status s = stub_->FileCase(Ctx(Token({auth::Role::kOfficer}, division)).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    return out.id();
  }
  std::string FileInCounty(const std::vector<std::string>& officers = {}, bool enterprise = false,
                           const std::string& item = "") {
    return File(county_agency_, kCounty, item.empty() ? item_ : item,
                officers.empty() ? std::vector<std::string>{o1_, o2_} : officers, enterprise);
  }

  // Investigates, notifies and decides a fine on case `id` now.
  void Decide(const std::string& id) {
    const std::string token = Token({auth::Role::kOfficer}, kCounty);
    cv1::Case out;
    grpc::Status s = stub_->StartInvestigation(Ctx(token).get(), Act(id), &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
    cv1::NotifyPartyRequest notify;
    *notify.mutable_act() = Act(id);
    notify.set_hearing_waived(true);
    s = stub_->NotifyParty(Ctx(token).get(), notify, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
    cv1::DecideCaseRequest decide;
    *decide.mutable_act() = Act(id);
    cv1::Decision* d = decide.mutable_decision();
    d->set_outcome(cv1::OUTCOME_PENALTY);
    d->set_circumstance("general");
    d->add_penalty_kinds(cv1::PENALTY_KIND_FINE);
    d->set_fine_fen(100000);
    s = stub_->DecideCase(Ctx(token).get(), decide, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  std::string RegionToken() { return Token({auth::Role::kSupervisor}, "640000"); }

  grpc::Status List(const cv1::ListCasesRequest& req, cv1::ListCasesResponse* out,
                    const std::string& token = "") {
    return stub_->ListCases(Ctx(token.empty() ? RegionToken() : token).get(), req, out);
  }
  // The ids of every case `req` lists (following the pages).
  std::vector<std::string> Ids(cv1::ListCasesRequest req, const std::string& token = "") {
    std::vector<std::string> ids;
    for (int pages = 0; pages < 100; ++pages) {
      cv1::ListCasesResponse page;
      grpc::Status s = List(req, &page, token);
      EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
      if (!s.ok()) break;
      for (const cv1::Case& c : page.cases()) ids.push_back(c.id());
      if (page.next_page_token().empty()) break;
      req.set_page_token(page.next_page_token());
    }
    return ids;
  }

  std::string county_agency_, township_agency_, other_agency_;
  std::string item_, item2_, township_item_, other_item_;
  std::string o1_, o2_, o3_, t1_, t2_, w1_, w2_;
};

void ExpectInvalid(const grpc::Status& s, const std::string& message) {
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr(message));
}

TEST_F(CaseListTest, ListsByAgencyItemOfficerStateAndEnterpriseParty) {
  const std::string plain = FileInCounty();
  const std::string enterprise = FileInCounty({o1_, o3_}, /*enterprise=*/true, item2_);
  const std::string township = File(township_agency_, kTownship, township_item_, {t1_, t2_});
  const std::string other = File(other_agency_, kOtherCounty, other_item_, {w1_, w2_}, true);
  cv1::Case out;
  ASSERT_TRUE(
      stub_->StartInvestigation(Ctx(Token({auth::Role::kOfficer}, kCounty)).get(), Act(plain), &out)
          .ok());

  cv1::ListCasesRequest req;
  req.set_agency_id(county_agency_);
  EXPECT_THAT(Ids(req), UnorderedElementsAreArray({plain, enterprise}));
  req.Clear();
  req.set_item_id(item2_);
  EXPECT_THAT(Ids(req), ElementsAre(enterprise));
  req.Clear();
  req.set_officer_id(o3_);
  EXPECT_THAT(Ids(req), ElementsAre(enterprise));
  req.set_officer_id(o1_);
  EXPECT_THAT(Ids(req), UnorderedElementsAreArray({plain, enterprise}));
  req.Clear();
  req.set_state(cv1::CASE_STATE_INVESTIGATING);
  EXPECT_THAT(Ids(req), ElementsAre(plain));
  req.set_state(cv1::CASE_STATE_FILED);
  EXPECT_THAT(Ids(req), UnorderedElementsAreArray({enterprise, township, other}));
  req.Clear();
  req.set_enterprise_party(true);
  EXPECT_THAT(Ids(req), UnorderedElementsAreArray({enterprise, other}));
  req.set_enterprise_party(false);
  EXPECT_THAT(Ids(req), UnorderedElementsAreArray({plain, township}));
  // Filters combine.
  req.set_enterprise_party(true);
  req.set_agency_id(county_agency_);
  EXPECT_THAT(Ids(req), ElementsAre(enterprise));
  req.set_state(cv1::CASE_STATE_INVESTIGATING);
  EXPECT_THAT(Ids(req), IsEmpty());
}

TEST_F(CaseListTest, ListsByDivisionSubtree) {
  const std::string county = FileInCounty();
  const std::string township = File(township_agency_, kTownship, township_item_, {t1_, t2_});
  const std::string other = File(other_agency_, kOtherCounty, other_item_, {w1_, w2_});
  cv1::ListCasesRequest req;
  EXPECT_THAT(Ids(req), UnorderedElementsAreArray({county, township, other}));
  req.set_division_code("640100");  // the city: its counties and their townships
  EXPECT_THAT(Ids(req), UnorderedElementsAreArray({county, township}));
  req.set_division_code(kCounty);  // the county and its townships
  EXPECT_THAT(Ids(req), UnorderedElementsAreArray({county, township}));
  req.set_division_code(kTownship);
  EXPECT_THAT(Ids(req), ElementsAre(township));
  req.set_division_code("640104002");  // another township of the county
  EXPECT_THAT(Ids(req), IsEmpty());
  req.set_division_code("640300");
  EXPECT_THAT(Ids(req), ElementsAre(other));
  // A township caller's own division is the default scope.
  req.clear_division_code();
  EXPECT_THAT(Ids(req, Token({auth::Role::kOfficer}, kTownship)), ElementsAre(township));
}

TEST_F(CaseListTest, ListsByFiledAndDecidedRanges) {
  // Hours apart: case-service's token to personnel-service lives 24 hours.
  const absl::Time t0 = clock_.Now();
  const std::string first = FileInCounty();
  clock_.Advance(absl::Hours(4));
  const std::string second = FileInCounty();
  clock_.Advance(absl::Hours(4));
  const std::string third = FileInCounty();
  auto ts = [](absl::Time t) { return protoconv::ToTimestamp(t); };

  cv1::ListCasesRequest req;
  *req.mutable_filed_after() = ts(t0 + absl::Hours(2));
  *req.mutable_filed_before() = ts(t0 + absl::Hours(6));
  EXPECT_THAT(Ids(req), ElementsAre(second));
  req.clear_filed_before();  // open end
  EXPECT_THAT(Ids(req), UnorderedElementsAreArray({second, third}));
  req.clear_filed_after();
  *req.mutable_filed_before() = ts(t0 + absl::Hours(4));  // [.., t0 + 4 h): not second
  EXPECT_THAT(Ids(req), ElementsAre(first));

  clock_.Advance(absl::Hours(2));
  const absl::Time d1 = clock_.Now();
  Decide(first);
  clock_.Advance(absl::Hours(6));
  Decide(third);
  req.Clear();
  *req.mutable_decided_after() = ts(d1 - absl::Hours(1));
  *req.mutable_decided_before() = ts(d1 + absl::Hours(3));
  EXPECT_THAT(Ids(req), ElementsAre(first));
  req.clear_decided_before();
  EXPECT_THAT(Ids(req), UnorderedElementsAreArray({first, third}));  // never the undecided one
  req.set_state(cv1::CASE_STATE_DECIDED);
  *req.mutable_filed_after() = ts(t0 + absl::Hours(2));
  EXPECT_THAT(Ids(req), ElementsAre(third));
}

TEST_F(CaseListTest, OverdueIsReadWithThePageBeforeAndAfterTheDeadlineFires) {
  const std::string late = FileInCounty();
  const std::string stopped = FileInCounty();
  cv1::Case withdrawn;  // its clocks stop
  cv1::CaseActRequest withdraw = Act(stopped, "当事人已死亡");
  ASSERT_TRUE(
      stub_
          ->WithdrawCase(Ctx(Token({auth::Role::kAgencyAdmin}, kCounty, county_agency_)).get(),
                         withdraw, &withdrawn)
          .ok());
  ASSERT_TRUE(service_->runtime().env().deadlines->PublishPending().ok());
  clock_.Advance(absl::Hours(24 * 91));  // `late`'s decision clock is past due
  cv1::ListCasesRequest req;
  for (int fired = 0; fired < 2; ++fired) {
    SCOPED_TRACE(fired ? "after the deadline fired" : "past due, not fired yet");
    req.set_overdue(true);
    cv1::ListCasesResponse page;
    ASSERT_TRUE(List(req, &page).ok());
    ASSERT_EQ(page.cases_size(), 1);
    EXPECT_EQ(page.cases(0).id(), late);
    EXPECT_TRUE(page.cases(0).overdue());
    req.set_overdue(false);
    ASSERT_TRUE(List(req, &page).ok());
    ASSERT_EQ(page.cases_size(), 1);
    EXPECT_EQ(page.cases(0).id(), stopped);
    EXPECT_FALSE(page.cases(0).overdue());
    req.clear_overdue();
    ASSERT_TRUE(List(req, &page).ok());
    ASSERT_EQ(page.cases_size(), 2);
    for (const cv1::Case& c : page.cases()) EXPECT_EQ(c.overdue(), c.id() == late) << c.id();
    if (fired == 0) {
      EXPECT_EQ(RunDeadlines(), 1);
    }
  }
}

TEST_F(CaseListTest, PagesFollowSignedTokensAndRefuseEditedOnes) {
  std::vector<std::string> filed;
  for (int i = 0; i < 7; ++i) filed.push_back(FileInCounty());
  cv1::ListCasesRequest req;
  req.set_agency_id(county_agency_);
  req.set_page_size(3);
  std::vector<std::string> seen;
  std::vector<int> sizes;
  std::string second_token;
  for (int pages = 0; pages < 10; ++pages) {
    cv1::ListCasesResponse page;
    ASSERT_TRUE(List(req, &page).ok());
    sizes.push_back(page.cases_size());
    for (const cv1::Case& c : page.cases()) seen.push_back(c.id());
    if (page.next_page_token().empty()) break;
    if (second_token.empty()) second_token = page.next_page_token();
    req.set_page_token(page.next_page_token());
  }
  EXPECT_THAT(sizes, ElementsAre(3, 3, 1));
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size());
  EXPECT_THAT(seen, UnorderedElementsAreArray(filed));

  cv1::ListCasesResponse page;
  req.set_page_token(second_token);
  ASSERT_TRUE(List(req, &page).ok());
  EXPECT_EQ(page.cases(0).id(), seen[3]);
  // A token edited by hand, an unsigned one (as issued before) and one of
  // another filter are refused naming page_token.
  std::string edited = second_token;
  edited[edited.size() / 2] = edited[edited.size() / 2] == 'A' ? 'B' : 'A';
  req.set_page_token(edited);
  ExpectInvalid(List(req, &page), "page_token: malformed page token");
  req.set_page_token(paging::EncodePageToken(seen[2], "cases|640000"));
  ExpectInvalid(List(req, &page), "page_token");
  req.set_page_token(second_token);
  req.set_state(cv1::CASE_STATE_FILED);
  ExpectInvalid(List(req, &page), "page_token: page token was issued for a different filter");
  // page_size is not part of the filter.
  req.clear_state();
  req.set_page_size(10);
  ASSERT_TRUE(List(req, &page).ok());
  EXPECT_EQ(page.cases_size(), 4);
}

TEST_F(CaseListTest, ACallerFromAnotherCountySeesNothingOfThisOne) {
  const std::string here = FileInCounty();
  const std::string there = File(other_agency_, kOtherCounty, other_item_, {w1_, w2_});
  const std::string outsider = Token({auth::Role::kSupervisor}, kOtherCounty);
  cv1::ListCasesRequest req;
  EXPECT_THAT(Ids(req, outsider), ElementsAre(there));
  // Naming this county's agency, item or officer still lists only its own subtree.
  req.set_agency_id(county_agency_);
  EXPECT_THAT(Ids(req, outsider), IsEmpty());
  req.Clear();
  req.set_item_id(item_);
  EXPECT_THAT(Ids(req, outsider), IsEmpty());
  req.Clear();
  req.set_officer_id(o1_);
  EXPECT_THAT(Ids(req, outsider), IsEmpty());
  req.Clear();
  req.set_division_code(kCounty);
  cv1::ListCasesResponse page;
  EXPECT_EQ(List(req, &page, outsider).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  cv1::GetCaseRequest get;
  get.set_id(here);
  cv1::Case c;
  EXPECT_EQ(stub_->GetCase(Ctx(outsider).get(), get, &c).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // A token minted for the region's list does not carry over to the outsider.
  cv1::ListCasesRequest all;
  all.set_page_size(1);
  FileInCounty();
  cv1::ListCasesResponse first;
  ASSERT_TRUE(List(all, &first).ok());
  ASSERT_FALSE(first.next_page_token().empty());
  all.set_page_token(first.next_page_token());
  ExpectInvalid(List(all, &page, outsider), "page_token");
}

TEST_F(CaseListTest, AnOfficersActsArePagedWithinTheScope) {
  // o1 handles cases of this county's agency, then, transferred, of the
  // other county's.
  std::vector<std::string> here;
  for (int i = 0; i < 3; ++i) here.push_back(FileInCounty());
  clock_.Advance(absl::Seconds(1));
  TransferOfficer(o1_, other_agency_);
  clock_.Advance(absl::Seconds(1));
  for (int i = 0; i < 3; ++i) File(other_agency_, kOtherCounty, other_item_, {o1_, w1_});
  clock_.Advance(absl::Seconds(1));  // the acts are before now (the default end_time)
  cv1::ListOfficerActsRequest req;
  req.set_officer_id(o1_);
  req.set_division_code(kCounty);
  req.set_page_size(2);
  std::vector<int> sizes;
  std::vector<std::string> cases;
  for (int pages = 0; pages < 10; ++pages) {
    cv1::ListOfficerActsResponse page;
    grpc::Status s =
        stub_->ListOfficerActs(Ctx(Token({auth::Role::kSupervisor}, "640100")).get(), req, &page);
    ASSERT_TRUE(s.ok()) << s.error_message();
    sizes.push_back(page.acts_size());
    for (const auto& a : page.acts()) cases.push_back(a.case_id());
    if (page.next_page_token().empty()) break;
    req.set_page_token(page.next_page_token());
  }
  // Full pages until the last: the scope is in the query, not applied after.
  EXPECT_THAT(sizes, ElementsAre(2, 1));
  EXPECT_THAT(cases, UnorderedElementsAreArray(here));
  std::string edited = req.page_token();
  edited[edited.size() / 2] = edited[edited.size() / 2] == 'A' ? 'B' : 'A';
  req.set_page_token(edited);
  cv1::ListOfficerActsResponse page;
  ExpectInvalid(
      stub_->ListOfficerActs(Ctx(Token({auth::Role::kSupervisor}, "640100")).get(), req, &page),
      "page_token: malformed page token");
}

TEST_F(CaseListTest, AnOfficerOfAnotherAgencyCannotHandleTheCase) {
  cv1::FileCaseRequest req;
  cv1::Case* c = req.mutable_case_();
  c->set_agency_id(other_agency_);
  c->set_item_id(other_item_);
  cv1::Party* p = c->add_parties();
  p->set_kind(cv1::PARTY_KIND_INDIVIDUAL);
  p->set_name("张三");
  p->set_id_number("640104198503121231");
  c->set_facts("销售超过保质期的食品");
  *c->mutable_violation_time() = protoconv::ToTimestamp(clock_.Now() - absl::Hours(72));
  c->add_officer_ids(o1_);  // of the county's agency
  c->add_officer_ids(w1_);
  cv1::Case out;
  grpc::Status s =
      stub_->FileCase(Ctx(Token({auth::Role::kOfficer}, kOtherCounty)).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("case.officer_ids[0]"));
  EXPECT_THAT(s.error_message(), HasSubstr("not the case's agency"));
}

TEST_F(CaseListTest, RecordHeadsAndItemsPageWithSignedTokens) {
  for (int i = 0; i < 3; ++i) FileInCounty();
  cv1::ExportRecordHeadsRequest heads;
  heads.set_division_code(kCounty);
  heads.set_page_size(2);
  cv1::ExportRecordHeadsResponse exported;
  const std::string supervisor = Token({auth::Role::kSupervisor}, "640100");
  ASSERT_TRUE(stub_->ExportRecordHeads(Ctx(supervisor).get(), heads, &exported).ok());
  ASSERT_EQ(exported.heads_size(), 2);
  ASSERT_FALSE(exported.next_page_token().empty());
  std::string edited = exported.next_page_token();
  edited[edited.size() / 2] = edited[edited.size() / 2] == 'A' ? 'B' : 'A';
  heads.set_page_token(edited);
  ExpectInvalid(stub_->ExportRecordHeads(Ctx(supervisor).get(), heads, &exported),
                "page_token: malformed page token");

  cv1::ListItemsRequest items;
  items.set_division_code(kCounty);
  items.set_page_size(1);
  cv1::ListItemsResponse listed;
  ASSERT_TRUE(stub_->ListItems(Ctx(supervisor).get(), items, &listed).ok());
  ASSERT_FALSE(listed.next_page_token().empty());
  items.set_page_token(listed.next_page_token());
  ASSERT_TRUE(stub_->ListItems(Ctx(supervisor).get(), items, &listed).ok());
  edited = items.page_token();
  edited[edited.size() / 2] = edited[edited.size() / 2] == 'A' ? 'B' : 'A';
  items.set_page_token(edited);
  ExpectInvalid(stub_->ListItems(Ctx(supervisor).get(), items, &listed),
                "page_token: malformed page token");
}

TEST_F(CaseListTest, ARequestIdOfCreateItemBelongsToItsCaller) {
  cv1::CreateItemRequest req;
  cv1::EnforcementItem* item = req.mutable_item();
  item->set_agency_id(county_agency_);
  item->set_code("SCJG-CF-100");
  item->set_name("未按规定公示食品经营许可证");
  item->set_kind(cv1::ITEM_KIND_PENALTY);
  item->set_legal_basis("《中华人民共和国食品安全法》第一百二十六条");
  item->set_domain("food_safety");
  req.set_request_id("create-item-1");
  cv1::EnforcementItem first, again, other;
  ASSERT_TRUE(stub_->CreateItem(Ctx(AdminToken()).get(), req, &first).ok());
  ASSERT_TRUE(stub_->CreateItem(Ctx(AdminToken()).get(), req, &again).ok());
  EXPECT_EQ(again.id(), first.id());  // a replay
  // Another caller's same request_id is its own request: here a clash on
  // the code, not the first caller's item.
  const std::string admin = Token({auth::Role::kAgencyAdmin}, kCounty, county_agency_);
  grpc::Status s = stub_->CreateItem(Ctx(admin).get(), req, &other);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS) << s.error_message();
  item->set_code("SCJG-CF-101");
  ASSERT_TRUE(stub_->CreateItem(Ctx(admin).get(), req, &other).ok());
  EXPECT_NE(other.id(), first.id());
  // The first caller reusing its request_id for a different request is refused.
  ExpectInvalid(stub_->CreateItem(Ctx(AdminToken()).get(), req, &again),
                "request_id: already used for a different request");
}

class CaseReviewerTest : public CaseListTest {
 protected:
  // A major case of the county agency in LEGAL_REVIEW.
  std::string InReview() {
    const std::string id = FileInCounty({}, false, major_item_);
    const std::string token = Token({auth::Role::kOfficer}, kCounty);
    cv1::Case out;
    EXPECT_TRUE(stub_->StartInvestigation(Ctx(token).get(), Act(id), &out).ok());
    cv1::SubmitForLegalReviewRequest submit;
    *submit.mutable_act() = Act(id);
    cv1::Decision* d = submit.mutable_proposal();
    d->set_outcome(cv1::OUTCOME_PENALTY);
    d->set_circumstance("general");
    d->add_penalty_kinds(cv1::PENALTY_KIND_FINE);
    d->set_fine_fen(100000);
    grpc::Status s = stub_->SubmitForLegalReview(Ctx(token).get(), submit, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return id;
  }
  grpc::Status Review(const std::string& id, const std::string& reviewer) {
    cv1::CompleteLegalReviewRequest review;
    *review.mutable_act() = Act(id);
    review.set_outcome(cv1::REVIEW_OUTCOME_APPROVED);
    review.set_opinion("事实清楚，证据确凿，适用依据正确");
    review.set_reviewer_officer_id(reviewer);
    cv1::Case out;
    return stub_->CompleteLegalReview(Ctx(Token({auth::Role::kLegalReviewer}, kCounty)).get(),
                                      review, &out);
  }
  void SetUp() override {
    CaseListTest::SetUp();
    if (HasFatalFailure()) return;
    major_item_ = CreateItem(county_agency_, "SCJG-CF-900", /*major=*/true).id();
    PublishBenchmark(major_item_);
  }
  std::string major_item_;
};

void ExpectRefused(const grpc::Status& s, const std::string& officer, const std::string& why) {
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("reviewer_officer_id: officer " + officer));
  EXPECT_THAT(s.error_message(), HasSubstr(why));
}

TEST_F(CaseReviewerTest, TheNamedReviewerIsCheckedAtTheReview) {
  const std::string id = InReview();
  // Not a legal reviewer.
  ExpectRefused(Review(id, o3_), o3_, "does not hold the legal-reviewer role");
  // A legal reviewer of another agency.
  const std::string foreign = CreateOfficer(township_agency_, {pv1::OFFICER_ROLE_LEGAL_REVIEWER});
  ExpectRefused(Review(id, foreign), foreign, "is not an officer of the case's agency");
  // No such officer.
  const std::string unknown = "00000000-0000-4000-8000-00000000abcd";
  ExpectRefused(Review(id, unknown), unknown, "not an officer known to personnel-service");
  // A legal reviewer of the agency whose certificate is revoked.
  const std::string revoked = CreateOfficer(county_agency_, {pv1::OFFICER_ROLE_LEGAL_REVIEWER});
  RevokeCertificate(revoked);
  ExpectRefused(Review(id, revoked), revoked, "REVOKED");
  // The agency's own eligible legal reviewer may review; the act is theirs.
  const std::string reviewer = CreateOfficer(county_agency_, {pv1::OFFICER_ROLE_LEGAL_REVIEWER});
  grpc::Status ok = Review(id, reviewer);
  ASSERT_TRUE(ok.ok()) << ok.error_message();
  clock_.Advance(absl::Seconds(1));
  cv1::ListOfficerActsRequest acts;
  acts.set_officer_id(reviewer);
  cv1::ListOfficerActsResponse found;
  ASSERT_TRUE(
      stub_->ListOfficerActs(Ctx(Token({auth::Role::kSupervisor}, kCounty)).get(), acts, &found)
          .ok());
  ASSERT_EQ(found.acts_size(), 1);
  EXPECT_EQ(found.acts(0).case_id(), id);
  EXPECT_EQ(found.acts(0).certificate_id(), certificates_[reviewer]);
}

}  // namespace
}  // namespace lawenforce::testing
