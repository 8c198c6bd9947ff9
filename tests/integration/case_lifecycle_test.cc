// Cases end to end with personnel-service and a real Redis: a fine from
// filing to close; a major case through legal review; a transfer; an
// officer revoked mid-case; a revocation recorded later with a past
// effective time; a clock gone overdue through the deadline engine; the
// full-process record tampered with in the store; protected numbers.

#include "absl/strings/str_cat.h"
#include "common/outbox/outbox.h"
#include "common/protoconv/protoconv.h"
#include "common/store/values.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/case_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;

class CaseLifecycleTest : public CaseFixture {
 protected:
  void SetUp() override {
    CaseFixture::SetUp();
    if (HasFatalFailure()) return;
    s_ = StandardScene();
    major_item_ = CreateItem(s_.agency, "SCJG-CF-002", /*major=*/true).id();
    PublishBenchmark(major_item_);
  }
  std::string OfficerToken() { return Token({auth::Role::kOfficer}, "640104"); }
  std::string HeadToken() { return Token({auth::Role::kAgencyAdmin}, "640104", s_.agency); }

  template <typename Call, typename Req>
  cv1::Case Ok(Call call, const Req& req, const std::string& token) {
    cv1::Case out;
    grpc::Status s = (stub_.get()->*call)(Ctx(token).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    return out;
  }
  template <typename Call, typename Req>
  grpc::Status Try(Call call, const Req& req, const std::string& token) {
    cv1::Case out;
    return (stub_.get()->*call)(Ctx(token).get(), req, &out);
  }
  static cv1::Decision Fine(int64_t fen) {
    cv1::Decision d;
    d.set_outcome(cv1::OUTCOME_PENALTY);
    d.set_circumstance("general");
    d.add_penalty_kinds(cv1::PENALTY_KIND_FINE);
    d.set_fine_fen(fen);
    return d;
  }
  cv1::NotifyPartyRequest Notify(const std::string& id) {
    cv1::NotifyPartyRequest n;
    *n.mutable_act() = Act(id);
    n.set_hearing_waived(true);
    return n;
  }

  Scene s_;
  std::string major_item_;
};

TEST_F(CaseLifecycleTest, AFineCaseGoesFromFilingToClose) {
  cv1::Case c = FileCase(s_.agency, s_.item, {s_.o1, s_.o2});
  EXPECT_EQ(c.state(), cv1::CASE_STATE_FILED);
  // What has not happened is unset, never the 1970 epoch.
  EXPECT_FALSE(c.has_notify_time());
  EXPECT_FALSE(c.has_hearing_time());
  EXPECT_FALSE(c.has_publish_time());
  EXPECT_FALSE(c.has_publication_withdraw_time());
  EXPECT_FALSE(c.has_close_time());
  ASSERT_EQ(c.parties_size(), 1);
  EXPECT_EQ(c.parties(0).id_number(), "");
  EXPECT_EQ(c.parties(0).id_number_masked(), "640104********1231");
  Ok(&cv1::CaseService::Stub::StartInvestigation, Act(c.id()), OfficerToken());
  cv1::RecordEvidenceRequest ev;
  *ev.mutable_act() = Act(c.id());
  cv1::EvidenceRef* ref = ev.add_evidence();
  ref->set_sha256(std::string(64, 'a'));
  ref->set_kind("photo");
  ref->set_description("现场照片");
  Ok(&cv1::CaseService::Stub::RecordEvidence, ev, OfficerToken());
  Ok(&cv1::CaseService::Stub::NotifyParty, Notify(c.id()), OfficerToken());
  cv1::DecideCaseRequest decide;
  *decide.mutable_act() = Act(c.id());
  *decide.mutable_decision() = Fine(300000);
  cv1::Case decided = Ok(&cv1::CaseService::Stub::DecideCase, decide, OfficerToken());
  EXPECT_EQ(decided.state(), cv1::CASE_STATE_DECIDED);
  EXPECT_EQ(decided.decision().benchmark_version(), 1);
  Ok(&cv1::CaseService::Stub::ServeDecision, Act(c.id()), OfficerToken());
  Ok(&cv1::CaseService::Stub::PublishDecision, Act(c.id()), OfficerToken());
  Ok(&cv1::CaseService::Stub::RecordExecution, Act(c.id(), "罚款已缴纳"), OfficerToken());
  cv1::Case closed = Ok(&cv1::CaseService::Stub::CloseCase, Act(c.id()), OfficerToken());
  EXPECT_EQ(closed.state(), cv1::CASE_STATE_CLOSED);
  EXPECT_EQ(closed.record_length(), 9);

  cv1::ExplainDeadlineRequest explain;
  explain.set_case_id(c.id());
  explain.set_clock(cv1::CLOCK_KIND_PUBLICITY);
  cv1::DeadlineExplanation e;
  ASSERT_TRUE(stub_->ExplainDeadline(Ctx(OfficerToken()).get(), explain, &e).ok());
  EXPECT_EQ(e.period_count(), 7);
  EXPECT_EQ(e.period_unit(), cv1::PERIOD_UNIT_WORKING_DAYS);
  EXPECT_EQ(e.state(), cv1::CLOCK_STATE_MET);
  EXPECT_TRUE(e.on_time());

  cv1::VerifyCaseRecordRequest verify;
  verify.set_case_id(c.id());
  cv1::RecordVerification v;
  ASSERT_TRUE(stub_->VerifyCaseRecord(Ctx(OfficerToken()).get(), verify, &v).ok());
  EXPECT_TRUE(v.intact()) << v.problem();
  EXPECT_EQ(v.head().hash(), closed.record_head());

  // Every change wrote its event in the same transaction, none with the number.
  absl::StatusOr<std::vector<outbox::StoredEvent>> events = outbox::ReadEvents(
      *service_->runtime().env().db, {0, 1000, "", absl::StrCat("cases/", c.id())});
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 9u);
  EXPECT_EQ((*events)[0].event.type, "case.file");
  EXPECT_EQ(events->back().event.type, "case.close");
  for (const outbox::StoredEvent& ev2 : *events) {
    EXPECT_EQ(ev2.event.payload.find("640104198503121231"), std::string::npos);
  }
}

TEST_F(CaseLifecycleTest, AMajorCaseIsReviewedByALegalReviewerWhoIsNotAHandlingOfficer) {
  const std::string reviewer = CreateOfficer(s_.agency, {pv1::OFFICER_ROLE_LEGAL_REVIEWER});
  cv1::Case c = FileCase(s_.agency, major_item_, {s_.o1, s_.o2});
  Ok(&cv1::CaseService::Stub::StartInvestigation, Act(c.id()), OfficerToken());
  grpc::Status early = Try(&cv1::CaseService::Stub::NotifyParty, Notify(c.id()), OfficerToken());
  EXPECT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(early.error_message(), HasSubstr("legal review required"));
  cv1::SubmitForLegalReviewRequest submit;
  *submit.mutable_act() = Act(c.id());
  *submit.mutable_proposal() = Fine(400000);
  Ok(&cv1::CaseService::Stub::SubmitForLegalReview, submit, OfficerToken());
  cv1::CompleteLegalReviewRequest review;
  *review.mutable_act() = Act(c.id());
  review.set_outcome(cv1::REVIEW_OUTCOME_APPROVED);
  review.set_opinion("事实清楚，证据确凿，适用依据正确");
  review.set_reviewer_officer_id(s_.o1);
  const std::string reviewer_token = Token({auth::Role::kLegalReviewer}, "640104");
  grpc::Status handler = Try(&cv1::CaseService::Stub::CompleteLegalReview, review, reviewer_token);
  EXPECT_EQ(handler.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(handler.error_message(), HasSubstr("handling officer"));
  review.set_reviewer_officer_id(reviewer);
  EXPECT_EQ(Try(&cv1::CaseService::Stub::CompleteLegalReview, review, OfficerToken()).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  cv1::Case reviewed = Ok(&cv1::CaseService::Stub::CompleteLegalReview, review, reviewer_token);
  EXPECT_EQ(reviewed.legal_review().reviewer_officer_id(), reviewer);
  Ok(&cv1::CaseService::Stub::NotifyParty, Notify(c.id()), OfficerToken());
  cv1::DecideCaseRequest decide;
  *decide.mutable_act() = Act(c.id());
  *decide.mutable_decision() = Fine(450000);
  EXPECT_EQ(Try(&cv1::CaseService::Stub::DecideCase, decide, OfficerToken()).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION)
      << "heavier than the approved proposal";
  *decide.mutable_decision() = Fine(400000);
  EXPECT_EQ(Ok(&cv1::CaseService::Stub::DecideCase, decide, OfficerToken()).state(),
            cv1::CASE_STATE_DECIDED);
}

TEST_F(CaseLifecycleTest, ATransferredCaseRunsItsDecree310ClocksAndIsNeverClosedWithAFine) {
  cv1::Case c = FileCase(s_.agency, s_.item, {s_.o1, s_.o2});
  Ok(&cv1::CaseService::Stub::StartInvestigation, Act(c.id()), OfficerToken());
  cv1::ReportSuspectedCrimeRequest report;
  *report.mutable_act() = Act(c.id(), "涉嫌生产、销售不符合安全标准的食品罪");
  report.set_recipient(cv1::TRANSFER_RECIPIENT_POLICE);
  report.set_recipient_name("银川市公安局兴庆区分局");
  cv1::Case pending = Ok(&cv1::CaseService::Stub::ReportSuspectedCrime, report, OfficerToken());
  EXPECT_EQ(pending.state(), cv1::CASE_STATE_TRANSFER_PENDING);
  cv1::DecideTransferRequest approve;
  *approve.mutable_act() = Act(c.id());
  approve.set_approved(true);
  EXPECT_EQ(Try(&cv1::CaseService::Stub::DecideTransfer, approve, OfficerToken()).error_code(),
            grpc::StatusCode::PERMISSION_DENIED)
      << "the agency head approves";
  Ok(&cv1::CaseService::Stub::DecideTransfer, approve, HeadToken());
  cv1::Case transferred = Ok(&cv1::CaseService::Stub::HandOverCase, Act(c.id()), OfficerToken());
  EXPECT_EQ(transferred.state(), cv1::CASE_STATE_TRANSFERRED);
  for (const cv1::CaseClock& k : transferred.clocks()) {
    if (k.clock() == cv1::CLOCK_KIND_TRANSFER_DECISION ||
        k.clock() == cv1::CLOCK_KIND_TRANSFER_HANDOVER) {
      EXPECT_EQ(k.state(), cv1::CLOCK_STATE_MET);
      EXPECT_TRUE(k.on_time());
    }
  }
  cv1::DecideCaseRequest decide;
  *decide.mutable_act() = Act(c.id());
  *decide.mutable_decision() = Fine(100000);
  grpc::Status fine = Try(&cv1::CaseService::Stub::DecideCase, decide, OfficerToken());
  EXPECT_EQ(fine.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(fine.error_message(), HasSubstr("case is TRANSFERRED"));
  EXPECT_EQ(Try(&cv1::CaseService::Stub::CloseCase, Act(c.id()), OfficerToken()).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  cv1::RecordTransferReceiptRequest receipt;
  *receipt.mutable_act() = Act(c.id());
  receipt.set_receipt_number("兴公(刑)受字〔2025〕118号");
  EXPECT_EQ(Ok(&cv1::CaseService::Stub::RecordTransferReceipt, receipt, OfficerToken())
                .transfer()
                .receipt_number(),
            "兴公(刑)受字〔2025〕118号");
}

TEST_F(CaseLifecycleTest, AnOfficerRevokedMidCaseCannotDoTheNextAct) {
  cv1::Case c = FileCase(s_.agency, s_.item, {s_.o1, s_.o2});
  Ok(&cv1::CaseService::Stub::StartInvestigation, Act(c.id()), OfficerToken());
  clock_.Advance(absl::Hours(1));
  RevokeCertificate(s_.o2);
  clock_.Advance(absl::Minutes(1));
  grpc::Status refused = Try(&cv1::CaseService::Stub::NotifyParty, Notify(c.id()), OfficerToken());
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(refused.error_message(), HasSubstr(absl::StrCat("officer ", s_.o2)));
  EXPECT_THAT(refused.error_message(), HasSubstr("REVOKED"));
  // The agency head replaces the officer; the case goes on.
  const std::string o3 = CreateOfficer(s_.agency);
  cv1::ReplaceHandlingOfficersRequest replace;
  *replace.mutable_act() = Act(c.id(), "原执法人员证件被收回");
  replace.add_new_officer_ids(s_.o1);
  replace.add_new_officer_ids(o3);
  Ok(&cv1::CaseService::Stub::ReplaceHandlingOfficers, replace, HeadToken());
  EXPECT_EQ(Ok(&cv1::CaseService::Stub::NotifyParty, Notify(c.id()), OfficerToken()).state(),
            cv1::CASE_STATE_NOTIFIED);
}

TEST_F(CaseLifecycleTest, ARevocationRecordedLaterWithAPastEffectiveTimeLeavesTheActFindable) {
  cv1::Case c = FileCase(s_.agency, s_.item, {s_.o1, s_.o2});
  const absl::Time act_time = clock_.Now() + absl::Hours(2);
  clock_.SetTime(act_time);
  Ok(&cv1::CaseService::Stub::StartInvestigation, Act(c.id()), OfficerToken());
  clock_.Advance(absl::Hours(1));
  // Recorded now, effective an hour before the act.
  RevokeCertificate(s_.o2, act_time - absl::Hours(1));
  cv1::GetCaseRecordRequest get;
  get.set_case_id(c.id());
  cv1::CaseRecord record;
  ASSERT_TRUE(stub_->GetCaseRecord(Ctx(OfficerToken()).get(), get, &record).ok());
  ASSERT_EQ(record.entries_size(), 2) << "the act stays";
  EXPECT_EQ(record.entries(1).action(), "start_investigation");
  cv1::ListOfficerActsRequest find;
  find.set_officer_id(s_.o2);
  find.set_division_code("640104");
  find.set_recheck(true);
  cv1::ListOfficerActsResponse acts;
  grpc::Status s =
      stub_->ListOfficerActs(Ctx(Token({auth::Role::kSupervisor}, "640100")).get(), find, &acts);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(acts.acts_size(), 2) << "filing and the investigation";
  const cv1::OfficerAct& later =
      acts.acts(0).action() == "start_investigation" ? acts.acts(0) : acts.acts(1);
  EXPECT_EQ(later.action(), "start_investigation");
  EXPECT_FALSE(later.verdict_now().eligible());
  EXPECT_EQ(later.verdict_now().reason(), "REVOKED");
  EXPECT_FALSE(later.certificate_id().empty()) << "what personnel-service said at the time";
}

TEST_F(CaseLifecycleTest, AnOverdueClockFiresThroughTheDeadlineEngineAndFlagsTheCase) {
  cv1::Case c = FileCase(s_.agency, s_.item, {s_.o1, s_.o2});
  EXPECT_FALSE(c.overdue());
  ASSERT_TRUE(service_->runtime().env().deadlines->PublishPending().ok());
  clock_.Advance(absl::Hours(24 * 91));
  EXPECT_EQ(RunDeadlines(), 1);
  cv1::GetCaseRequest get;
  get.set_id(c.id());
  cv1::Case now;
  ASSERT_TRUE(stub_->GetCase(Ctx(OfficerToken()).get(), get, &now).ok());
  EXPECT_TRUE(now.overdue());
  EXPECT_EQ(now.record_length(), 2);
  cv1::ListCasesRequest list;
  list.set_division_code("640104");
  list.set_overdue(true);
  cv1::ListCasesResponse page;
  ASSERT_TRUE(stub_->ListCases(Ctx(OfficerToken()).get(), list, &page).ok());
  ASSERT_EQ(page.cases_size(), 1);
  list.set_overdue(false);
  ASSERT_TRUE(stub_->ListCases(Ctx(OfficerToken()).get(), list, &page).ok());
  EXPECT_EQ(page.cases_size(), 0);
  bool gauge = false;
  for (const auto& family : module().Collectables()[0]->Collect()) {
    if (family.name != "lawenforce_case_clocks_overdue") continue;
    for (const auto& m : family.metric) {
      if (m.gauge.value == 1) gauge = true;
    }
  }
  EXPECT_TRUE(gauge);
}

TEST_F(CaseLifecycleTest, ARecordAlteredInTheStoreNoLongerVerifies) {
  cv1::Case c = FileCase(s_.agency, s_.item, {s_.o1, s_.o2});
  Ok(&cv1::CaseService::Stub::StartInvestigation, Act(c.id()), OfficerToken());
  cv1::ExportRecordHeadsRequest heads;
  heads.set_division_code("640104");
  cv1::ExportRecordHeadsResponse exported;
  ASSERT_TRUE(
      stub_->ExportRecordHeads(Ctx(Token({auth::Role::kAuditor}, "640100")).get(), heads, &exported)
          .ok());
  ASSERT_EQ(exported.heads_size(), 1);
  ASSERT_TRUE(service_->runtime()
                  .env()
                  .db
                  ->Write([&](store::Transaction& tx) {
                    return tx
                        .Execute("UPDATE case_record SET summary = ? WHERE case_id = ? AND seq = 1",
                                 {store::Text("filed under another item"), store::Text(c.id())})
                        .status();
                  })
                  .ok());
  cv1::VerifyCaseRecordRequest verify;
  verify.set_case_id(c.id());
  cv1::RecordVerification v;
  ASSERT_TRUE(stub_->VerifyCaseRecord(Ctx(OfficerToken()).get(), verify, &v).ok());
  EXPECT_FALSE(v.intact());
  EXPECT_EQ(v.first_bad_sequence(), 1);
  // Removing the last entry and rewriting the case's head is caught by the
  // head exported before.
  ASSERT_TRUE(service_->runtime()
                  .env()
                  .db
                  ->Write([&](store::Transaction& tx) -> absl::Status {
                    if (absl::Status s =
                            tx.Execute("DELETE FROM case_record WHERE case_id = ? AND seq = 2",
                                       {store::Text(c.id())})
                                .status();
                        !s.ok()) {
                      return s;
                    }
                    return tx
                        .Execute("UPDATE case_record SET summary = ? WHERE case_id = ? AND seq = 1",
                                 {store::Text(exported.heads(0).head().hash().empty() ? "" : "x"),
                                  store::Text(c.id())})
                        .status();
                  })
                  .ok());
  *verify.mutable_expected_head() = exported.heads(0).head();
  ASSERT_TRUE(stub_->VerifyCaseRecord(Ctx(OfficerToken()).get(), verify, &v).ok());
  EXPECT_FALSE(v.intact());
}

TEST_F(CaseLifecycleTest, FewerThanTwoEligibleOfficersCannotFileNamingTheOfficer) {
  RevokeCertificate(s_.o2);
  cv1::FileCaseRequest req;
  req.mutable_case_()->set_agency_id(s_.agency);
  req.mutable_case_()->set_item_id(s_.item);
  cv1::Party* p = req.mutable_case_()->add_parties();
  p->set_kind(cv1::PARTY_KIND_ENTERPRISE);
  p->set_name("某食品公司");
  p->set_credit_code("91640100MA76A1B2CR");
  req.mutable_case_()->set_facts("x");
  *req.mutable_case_()->mutable_violation_time() =
      protoconv::ToTimestamp(clock_.Now() - absl::Hours(1));
  req.mutable_case_()->add_officer_ids(s_.o1);
  req.mutable_case_()->add_officer_ids(s_.o2);
  cv1::Case out;
  grpc::Status s = stub_->FileCase(Ctx(OfficerToken()).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr(absl::StrCat("case.officer_ids[1]: officer ", s_.o2)));
  EXPECT_THAT(s.error_message(), HasSubstr("REVOKED"));
}

}  // namespace
}  // namespace lawenforce::testing
