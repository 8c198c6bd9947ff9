// Case-file reviews end to end: supervision-service samples real closed
// cases of case-service (filed, decided and closed through its API, with
// personnel-service's certified officers), scores them, opens a
// rectification that runs out and escalates on the deadline engine over a
// real Redis; figures; and the authorization walk over every method of
// SupervisionService.

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/protoconv/protoconv.h"
#include "common/testing/auth_walk.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lawenforce/supervision/v1/supervision.grpc.pb.h"
#include "services/supervision/domain/review.h"
#include "services/supervision/supervision_module.h"
#include "tests/integration/case_fixture.h"
#include "tests/integration/supervision_fixture.h"

namespace lawenforce::testing {
namespace {

namespace pv1 = ::lawenforce::personnel::v1;

using ::testing::HasSubstr;

constexpr char kUnknownId[] = "00000000-0000-4000-8000-000000000000";
constexpr char kSeed[] = "5eed5eed5eed5eed5eed5eed5eed5eed";

absl::Time Cst(int y, int m, int d, int hh = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, 0, 0), ChinaTimeZone());
}

// Scores for every dimension of the built-in rubric (85 points), a finding
// to rectify within 10 working days and a note without rectification.
sv1::ScoreCaseRequest Score(const std::string& campaign, const std::string& case_id) {
  sv1::ScoreCaseRequest req;
  req.set_campaign_id(campaign);
  req.set_case_id(case_id);
  for (const auto& [dim, points] :
       std::vector<std::pair<std::string, int>>{{"procedure", 22},
                                                {"evidence", 15},
                                                {"application_of_law", 18},
                                                {"discretion", 12},
                                                {"documents", 8},
                                                {"publicity", 10}}) {
    sv1::DimensionScore* s = req.add_scores();
    s->set_dimension(dim);
    s->set_points(points);
  }
  sv1::FindingDraft* f = req.add_findings();
  f->set_dimension("evidence");
  f->set_text("现场检查笔录缺少当事人签字");
  f->mutable_rectify_within()->set_count(10);
  f->mutable_rectify_within()->set_unit(sv1::PERIOD_UNIT_WORKING_DAYS);
  sv1::FindingDraft* note = req.add_findings();
  note->set_dimension("documents");
  note->set_text("文书编号不连续（提醒，无需整改）");
  return req;
}

class SupervisionReviewTest : public CaseFixture {
 protected:
  void SetUp() override {
    CaseFixture::SetUp();
    if (HasFatalFailure()) return;
    std::ofstream(dir_.File("supervision-service-token")) << MintTestToken(
        clock_, {auth::Role::kSystem}, "640000", "", absl::Hours(24), "supervision-service");
    absl::StatusOr<std::unique_ptr<InProcessService>> s =
        InProcessService::Start(supervision::SupervisionSpec(), dir_,
                                {{absl::StrCat("--personnel-target=127.0.0.1:", personnel_port_),
                                  absl::StrCat("--case-target=127.0.0.1:", service_->port()),
                                  "--service-token-file=" + dir_.File("supervision-service-token"),
                                  "--redis-url=" + redis_->url(), "--business-metrics-interval=0s"},
                                 &clock_,
                                 nullptr,
                                 true});
    ASSERT_TRUE(s.ok()) << s.status();
    supervision_ = *std::move(s);
    sup_ = sv1::SupervisionService::NewStub(supervision_->channel());
    scene_ = StandardScene();
  }
  void TearDown() override {
    if (supervision_ != nullptr) supervision_->Shutdown();
    CaseFixture::TearDown();
  }

  std::string OfficerToken() { return Token({auth::Role::kOfficer}, "640104"); }
  std::string CitySupervisor() { return Token({auth::Role::kSupervisor}, "640100"); }
  int RunSupervisionDeadlines() {
    absl::StatusOr<int> fired = supervision_->runtime().env().deadlines->RunOnce();
    EXPECT_TRUE(fired.ok()) << fired.status();
    return fired.ok() ? *fired : 0;
  }
  template <typename Call, typename Req>
  void Ok(Call call, const Req& req) {
    cv1::Case out;
    grpc::Status s = (stub_.get()->*call)(Ctx(OfficerToken()).get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  }
  // A fine case of the scene published (CaseFixture), paid and closed
  // through case-service's API; its id.
  std::string ClosedCase() {
    const std::string id = PublishedCase(scene_);
    Ok(&cv1::CaseService::Stub::RecordExecution, Act(id, "罚款已缴纳"));
    Ok(&cv1::CaseService::Stub::CloseCase, Act(id));
    return id;
  }
  sv1::CreateReviewCampaignRequest CampaignRequest(int size) {
    sv1::CreateReviewCampaignRequest req;
    req.set_division_code("640100");
    req.set_title("2025年上半年行政处罚案卷评查");
    *req.mutable_decided_from() = protoconv::ToDate(absl::CivilDay(2025, 1, 1));
    *req.mutable_decided_to() = protoconv::ToDate(absl::CivilDay(2025, 6, 30));
    req.set_sample_size(size);
    req.set_seed(kSeed);
    return req;
  }
  sv1::ReviewCampaign CreateCampaign(const sv1::CreateReviewCampaignRequest& req) {
    sv1::ReviewCampaign out;
    grpc::Status s = sup_->CreateReviewCampaign(Ctx(CitySupervisor()).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    return out;
  }
  std::unique_ptr<InProcessService> supervision_;
  std::unique_ptr<sv1::SupervisionService::Stub> sup_;
  Scene scene_;
};

TEST_F(SupervisionReviewTest, ACityReviewsASampleOfClosedCasesAndARectificationRunsOut) {
  std::vector<std::string> closed;
  for (int i = 0; i < 3; ++i) closed.push_back(ClosedCase());
  // An open case is no candidate.
  FileCase(scene_.agency, scene_.item, {scene_.o1, scene_.o2});

  const sv1::ReviewCampaign c = CreateCampaign(CampaignRequest(2));
  EXPECT_EQ(c.division_code(), "640100");
  EXPECT_EQ(c.seed(), kSeed);
  EXPECT_TRUE(c.seed_chosen());
  EXPECT_EQ(c.rubric_version(), 1);
  EXPECT_EQ(c.candidates(), 3);
  ASSERT_EQ(c.cases_size(), 2);
  // The draw is the published rule over the candidates (docs: Sampling).
  std::vector<supervision::CaseRef> refs;
  for (const std::string& id : closed) refs.push_back({id, scene_.agency, "640104"});
  const std::vector<supervision::CaseRef> expected = supervision::DrawSample(kSeed, refs, 2);
  EXPECT_EQ(c.cases(0).case_id(), expected[0].id);
  EXPECT_EQ(c.cases(1).case_id(), expected[1].id);
  EXPECT_EQ(c.candidates_digest(), supervision::CandidatesDigest(refs));
  // The same seed over the same cases draws the same sample again.
  EXPECT_EQ(CreateCampaign(CampaignRequest(2)).cases(0).case_id(), expected[0].id);

  // Scoring opens one rectification (the finding with a period).
  sv1::ReviewCampaign scored;
  ASSERT_TRUE(
      sup_->ScoreCase(Ctx(CitySupervisor()).get(), Score(c.id(), c.cases(0).case_id()), &scored)
          .ok());
  EXPECT_EQ(scored.scored(), 1);
  EXPECT_EQ(scored.cases(0).total(), 85);
  ASSERT_EQ(scored.cases(0).findings_size(), 2);
  const std::string rect_id = scored.cases(0).findings(0).rectification_id();
  EXPECT_FALSE(rect_id.empty());
  EXPECT_TRUE(scored.cases(0).findings(1).rectification_id().empty());
  grpc::Status again =
      sup_->ScoreCase(Ctx(CitySupervisor()).get(), Score(c.id(), c.cases(0).case_id()), &scored);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  sv1::ScoreCaseRequest stale = Score(c.id(), c.cases(1).case_id());
  stale.set_etag("\"1\"");
  EXPECT_EQ(sup_->ScoreCase(Ctx(CitySupervisor()).get(), stale, &scored).error_code(),
            grpc::StatusCode::ABORTED);
  std::string unsampled;
  for (const std::string& id : closed) {
    if (id != c.cases(0).case_id() && id != c.cases(1).case_id()) unsampled = id;
  }
  sv1::ScoreCaseRequest outside = Score(c.id(), unsampled);
  grpc::Status not_sampled = sup_->ScoreCase(Ctx(CitySupervisor()).get(), outside, &scored);
  EXPECT_EQ(not_sampled.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(not_sampled.error_message(), HasSubstr("case_id"));

  // The agency sees its rectification, due 10 working days after the finding.
  const std::string head = Token({auth::Role::kAgencyAdmin}, "640104", scene_.agency);
  sv1::ListRectificationsRequest mine;
  sv1::ListRectificationsResponse listed;
  ASSERT_TRUE(sup_->ListRectifications(Ctx(head).get(), mine, &listed).ok());
  ASSERT_EQ(listed.rectifications_size(), 1);
  const sv1::Rectification r = listed.rectifications(0);
  EXPECT_EQ(r.id(), rect_id);
  EXPECT_EQ(r.agency_id(), scene_.agency);
  EXPECT_EQ(r.state(), sv1::RECTIFICATION_STATE_OPEN);
  EXPECT_EQ(r.clock().kind(), sv1::CLOCK_KIND_RECTIFY);
  // 1 June 2025 08:00 CST (the Dragon Boat holiday): 3-6, 9-13, 16 June.
  const absl::Time due = Cst(2025, 6, 17);
  EXPECT_EQ(absl::FromUnixSeconds(r.clock().due_time().seconds()), due);

  // It runs out: Xingqing lets it lapse, Yinchuan's queue.
  clock_.SetTime(due + absl::Minutes(1));
  EXPECT_EQ(RunSupervisionDeadlines(), 1);
  sv1::GetRectificationRequest get;
  get.set_id(rect_id);
  sv1::Rectification late;
  ASSERT_TRUE(sup_->GetRectification(Ctx(CitySupervisor()).get(), get, &late).ok());
  EXPECT_EQ(late.queue_division_code(), "640100");
  ASSERT_EQ(late.escalations_size(), 1);
  EXPECT_EQ(late.escalations(0).from_division_code(), "640104");
  sv1::ListRectificationsRequest overdue;
  overdue.set_overdue(true);
  ASSERT_TRUE(sup_->ListRectifications(Ctx(CitySupervisor()).get(), overdue, &listed).ok());
  EXPECT_EQ(listed.rectifications_size(), 1);

  // The agency completes it, late; another agency may not.
  const std::string other_agency = CreateAgency("640104001");
  sv1::CompleteRectificationRequest done;
  done.set_id(rect_id);
  done.set_evidence("已组织补签并开展执法文书培训，见培训签到表");
  sv1::Rectification completed;
  EXPECT_EQ(sup_->CompleteRectification(
                    Ctx(Token({auth::Role::kAgencyAdmin}, "640104", other_agency)).get(), done,
                    &completed)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(sup_->CompleteRectification(
                      Ctx(Token({auth::Role::kAgencyAdmin}, "640104", scene_.agency)).get(), done,
                      &completed)
                  .ok());
  EXPECT_EQ(completed.state(), sv1::RECTIFICATION_STATE_COMPLETED);
  EXPECT_FALSE(completed.on_time());

  // Figures of the first half of 2025, asked in July (a closed period).
  clock_.SetTime(Cst(2025, 7, 2));
  sv1::GetSupervisionStatisticsRequest stats;
  stats.set_division_code("640100");
  *stats.mutable_start_date() = protoconv::ToDate(absl::CivilDay(2025, 1, 1));
  *stats.mutable_end_date() = protoconv::ToDate(absl::CivilDay(2025, 6, 30));
  sv1::SupervisionStatistics f;
  ASSERT_TRUE(sup_->GetSupervisionStatistics(Ctx(CitySupervisor()).get(), stats, &f).ok());
  EXPECT_EQ(f.cases_reviewed(), 1);
  EXPECT_DOUBLE_EQ(f.average_review_score(), 85.0);
  EXPECT_EQ(f.rectifications_opened(), 1);
  EXPECT_EQ(f.rectifications_completed(), 1);
  EXPECT_EQ(f.rectifications_completed_on_time(), 0);
  EXPECT_EQ(f.rectifications_overdue(), 0);

  // A county supervisor of another county sees none of it.
  sv1::GetReviewCampaignRequest gc;
  gc.set_id(c.id());
  sv1::ReviewCampaign seen;
  const std::string other = Token({auth::Role::kSupervisor}, "640105");
  grpc::Status existing = sup_->GetReviewCampaign(Ctx(other).get(), gc, &seen);
  gc.set_id(kUnknownId);
  grpc::Status missing = sup_->GetReviewCampaign(Ctx(other).get(), gc, &seen);
  EXPECT_EQ(existing.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(existing.error_message(), missing.error_message());
}

TEST_F(SupervisionReviewTest, RubricsAreVersionedAndCampaignsKeepTheirVersion) {
  sv1::ReviewRubric r;
  ASSERT_TRUE(sup_->GetReviewRubric(Ctx(OfficerToken()).get(), {}, &r).ok());
  EXPECT_EQ(r.version(), 1);
  ASSERT_EQ(r.dimensions_size(), 6);
  const sv1::ReviewCampaign before = CreateCampaign(CampaignRequest(1));
  sv1::PublishReviewRubricRequest publish;
  for (const auto& [code, points] :
       std::vector<std::pair<std::string, int>>{{"procedure", 40}, {"evidence", 60}}) {
    sv1::RubricDimension* d = publish.add_dimensions();
    d->set_code(code);
    d->set_name(code);
    d->set_max_points(points);
  }
  EXPECT_EQ(sup_->PublishReviewRubric(Ctx(CitySupervisor()).get(), publish, &r).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(sup_->PublishReviewRubric(Ctx(AdminToken()).get(), publish, &r).ok());
  EXPECT_EQ(r.version(), 2);
  publish.mutable_dimensions(0)->set_max_points(41);
  grpc::Status bad = sup_->PublishReviewRubric(Ctx(AdminToken()).get(), publish, &r);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(bad.error_message(), HasSubstr("101"));
  EXPECT_EQ(CreateCampaign(CampaignRequest(1)).rubric_version(), 2);
  sv1::GetReviewCampaignRequest get;
  get.set_id(before.id());
  sv1::ReviewCampaign still;
  ASSERT_TRUE(sup_->GetReviewCampaign(Ctx(CitySupervisor()).get(), get, &still).ok());
  EXPECT_EQ(still.rubric_version(), 1);
  sv1::GetReviewRubricRequest v1;
  v1.set_version(1);
  ASSERT_TRUE(sup_->GetReviewRubric(Ctx(OfficerToken()).get(), v1, &r).ok());
  EXPECT_EQ(r.dimensions_size(), 6);
  // Bad campaign input names the field.
  sv1::CreateReviewCampaignRequest req = CampaignRequest(0);
  sv1::ReviewCampaign out;
  grpc::Status s = sup_->CreateReviewCampaign(Ctx(CitySupervisor()).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("sample_size"));
  req = CampaignRequest(1);
  req.set_seed("XYZ");
  s = sup_->CreateReviewCampaign(Ctx(CitySupervisor()).get(), req, &out);
  EXPECT_THAT(s.error_message(), HasSubstr("seed"));
  req = CampaignRequest(1);
  req.clear_decided_to();
  s = sup_->CreateReviewCampaign(Ctx(CitySupervisor()).get(), req, &out);
  EXPECT_THAT(s.error_message(), HasSubstr("decided_to"));
  req = CampaignRequest(1);
  req.set_division_code("640200");
  EXPECT_EQ(sup_->CreateReviewCampaign(Ctx(CitySupervisor()).get(), req, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(SupervisionReviewTest, ASupervisorWhoIsAnOfficerNeedsAValidSupervisionCertificate) {
  // A supervisor of the county justice bureau, with a supervision certificate.
  const std::string bureau = CreateAgency("640104001");
  const std::string certified = CreateOfficer(bureau, {pv1::OFFICER_ROLE_SUPERVISOR});
  pv1::IssueCertificateRequest issue;
  pv1::Certificate* cert = issue.mutable_certificate();
  cert->set_officer_id(certified);
  cert->set_number("NX-JD-0001");
  cert->set_kind(pv1::CERTIFICATE_KIND_SUPERVISION);
  cert->add_domains("food_safety");
  *cert->mutable_valid_from() = protoconv::ToDate(absl::CivilDay(2025, 1, 1));
  *cert->mutable_valid_until() = protoconv::ToDate(absl::CivilDay(2027, 12, 31));
  pv1::Certificate issued;
  grpc::Status s = personnel_stub_->IssueCertificate(Ctx(AdminToken()).get(), issue, &issued);
  ASSERT_TRUE(s.ok()) << s.error_message();
  // An officer with only an enforcement certificate.
  const std::string uncertified = CreateOfficer(bureau);
  const auto as = [&](const std::string& subject) {
    return MintTestToken(clock_, {auth::Role::kSupervisor}, "640104", "", absl::Hours(1), subject);
  };
  sv1::CreateReviewCampaignRequest req = CampaignRequest(1);
  req.set_division_code("640104");
  sv1::ReviewCampaign out;
  req.clear_seed();
  ASSERT_TRUE(sup_->CreateReviewCampaign(Ctx(as(certified)).get(), req, &out).ok());
  EXPECT_FALSE(out.seed_chosen());
  EXPECT_EQ(out.seed().size(), 32u);
  s = sup_->CreateReviewCampaign(Ctx(as(uncertified)).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), HasSubstr("no valid supervision certificate"));
  // Revoked: no longer.
  pv1::TransitionCertificateRequest revoke;
  revoke.set_id(issued.id());
  revoke.set_reason("调离监督岗位");
  ASSERT_TRUE(personnel_stub_->RevokeCertificate(Ctx(AdminToken()).get(), revoke, &issued).ok());
  s = sup_->CreateReviewCampaign(Ctx(as(certified)).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // A subject personnel-service does not know as an officer is not checked.
  EXPECT_TRUE(
      sup_->CreateReviewCampaign(Ctx(as("county-supervision-office")).get(), req, &out).ok());
}

RequestMap Requests(const std::string& agency, const std::string& complaint,
                    const std::string& campaign, const std::string& case_id,
                    const std::string& rectification, const std::string& notice) {
  RequestMap m;
  m["SubmitComplaint"] =
      std::make_unique<sv1::SubmitComplaintRequest>(SupervisionFixture::Hotline(agency, "WALK-1"));
  auto get = std::make_unique<sv1::GetComplaintRequest>();
  get->set_id(complaint);
  m["GetComplaint"] = std::move(get);
  auto list = std::make_unique<sv1::ListComplaintsRequest>();
  list->set_division_code("640104");
  m["ListComplaints"] = std::move(list);
  auto assign = std::make_unique<sv1::AssignComplaintRequest>();
  assign->set_complaint_id(complaint);
  assign->set_assignee_id(kUnknownId);
  m["AssignComplaint"] = std::move(assign);
  auto ack = std::make_unique<sv1::ComplaintActRequest>();
  ack->set_complaint_id(complaint);
  m["AcknowledgeComplaint"] = std::move(ack);
  auto decline = std::make_unique<sv1::DeclineComplaintRequest>();
  decline->set_complaint_id(complaint);
  decline->set_responsible_agency_id(kUnknownId);
  decline->set_reason("x");
  m["DeclineComplaint"] = std::move(decline);
  auto resolve = std::make_unique<sv1::RecordResolutionRequest>();
  resolve->set_complaint_id(complaint);
  resolve->set_resolution("x");
  m["RecordResolution"] = std::move(resolve);
  auto rate = std::make_unique<sv1::RecordFeedbackRequest>();
  rate->set_complaint_id(complaint);
  rate->set_satisfaction(3);
  m["RecordFeedback"] = std::move(rate);
  auto reopen = std::make_unique<sv1::ReopenComplaintRequest>();
  reopen->set_complaint_id(complaint);
  reopen->set_reason("x");
  m["ReopenComplaint"] = std::move(reopen);
  auto explain = std::make_unique<sv1::ExplainDeadlineRequest>();
  explain->set_complaint_id(complaint);
  explain->set_clock(sv1::CLOCK_KIND_RESOLVE);
  m["ExplainDeadline"] = std::move(explain);
  auto set = std::make_unique<sv1::SetComplaintLimitRequest>();
  set->set_channel(sv1::CHANNEL_WEB);
  set->set_clock(sv1::CLOCK_KIND_RESOLVE);
  set->mutable_period()->set_count(10);
  set->mutable_period()->set_unit(sv1::PERIOD_UNIT_WORKING_DAYS);
  set->set_reason("walk");
  m["SetComplaintLimit"] = std::move(set);
  m["ListComplaintLimits"] = std::make_unique<sv1::ListComplaintLimitsRequest>();
  auto stats = std::make_unique<sv1::GetSupervisionStatisticsRequest>();
  stats->set_division_code("640104");
  *stats->mutable_start_date() = protoconv::ToDate(absl::CivilDay(2025, 1, 1));
  *stats->mutable_end_date() = protoconv::ToDate(absl::CivilDay(2025, 12, 31));
  m["GetSupervisionStatistics"] = std::move(stats);
  m["GetReviewRubric"] = std::make_unique<sv1::GetReviewRubricRequest>();
  auto publish = std::make_unique<sv1::PublishReviewRubricRequest>();
  for (const char* code : {"procedure", "evidence"}) {
    sv1::RubricDimension* d = publish->add_dimensions();
    d->set_code(code);
    d->set_name(code);
    d->set_max_points(50);
  }
  m["PublishReviewRubric"] = std::move(publish);
  auto create = std::make_unique<sv1::CreateReviewCampaignRequest>();
  create->set_division_code(campaign == kUnknownId ? "640105" : "640104");
  create->set_title("walk");
  *create->mutable_decided_from() = protoconv::ToDate(absl::CivilDay(2025, 1, 1));
  *create->mutable_decided_to() = protoconv::ToDate(absl::CivilDay(2025, 6, 30));
  create->set_sample_size(1);
  m["CreateReviewCampaign"] = std::move(create);
  auto get_campaign = std::make_unique<sv1::GetReviewCampaignRequest>();
  get_campaign->set_id(campaign);
  m["GetReviewCampaign"] = std::move(get_campaign);
  auto list_campaigns = std::make_unique<sv1::ListReviewCampaignsRequest>();
  list_campaigns->set_division_code("640104");
  m["ListReviewCampaigns"] = std::move(list_campaigns);
  m["ScoreCase"] = std::make_unique<sv1::ScoreCaseRequest>(Score(campaign, case_id));
  auto get_rect = std::make_unique<sv1::GetRectificationRequest>();
  get_rect->set_id(rectification);
  m["GetRectification"] = std::move(get_rect);
  auto list_rect = std::make_unique<sv1::ListRectificationsRequest>();
  list_rect->set_division_code("640104");
  m["ListRectifications"] = std::move(list_rect);
  auto complete = std::make_unique<sv1::CompleteRectificationRequest>();
  complete->set_id(rectification);
  complete->set_evidence("walk");
  m["CompleteRectification"] = std::move(complete);
  auto publish_notice = std::make_unique<sv1::PublishNoticeRequest>();
  publish_notice->set_kind(sv1::NOTICE_KIND_PROBLEM_LIST);
  publish_notice->set_division_code("640104");
  publish_notice->set_agency_id(agency);
  publish_notice->set_year(2025);
  publish_notice->set_title("walk");
  publish_notice->add_items()->set_text("walk");
  m["PublishNotice"] = std::move(publish_notice);
  auto get_notice = std::make_unique<sv1::GetNoticeRequest>();
  get_notice->set_id(notice);
  m["GetNotice"] = std::move(get_notice);
  m["ListNotices"] = std::make_unique<sv1::ListNoticesRequest>();
  auto plan = std::make_unique<sv1::RecordSupervisionPlanRequest>();
  plan->set_division_code("640104");
  plan->set_year(2025);
  plan->set_content("walk");
  m["RecordSupervisionPlan"] = std::move(plan);
  auto get_plan = std::make_unique<sv1::GetSupervisionPlanRequest>();
  get_plan->set_division_code("640104");
  get_plan->set_year(2025);
  m["GetSupervisionPlan"] = std::move(get_plan);
  auto plan_status = std::make_unique<sv1::GetSupervisionPlanStatusRequest>();
  plan_status->set_division_code("640104");
  plan_status->set_year(2025);
  m["GetSupervisionPlanStatus"] = std::move(plan_status);
  return m;
}

TEST_F(SupervisionReviewTest, EveryMethodIsGuarded) {
  const std::string closed = ClosedCase();
  sv1::Complaint complaint;
  ASSERT_TRUE(sup_->SubmitComplaint(Ctx(AdminToken()).get(),
                                    SupervisionFixture::Hotline(scene_.agency, "WALK-0"),
                                    &complaint)
                  .ok());
  sv1::CreateReviewCampaignRequest county = CampaignRequest(1);
  county.set_division_code("640104");
  sv1::ReviewCampaign c;
  ASSERT_TRUE(sup_->CreateReviewCampaign(Ctx(AdminToken()).get(), county, &c).ok());
  ASSERT_EQ(c.cases_size(), 1);
  sv1::ReviewCampaign scored;
  ASSERT_TRUE(sup_->ScoreCase(Ctx(AdminToken()).get(), Score(c.id(), closed), &scored).ok());
  const std::string rect = scored.cases(0).findings(0).rectification_id();
  sv1::PublishNoticeRequest circular;
  circular.set_kind(sv1::NOTICE_KIND_CIRCULAR);
  circular.set_division_code("640104");
  circular.set_title("walk");
  sv1::Notice notice;
  ASSERT_TRUE(sup_->PublishNotice(Ctx(AdminToken()).get(), circular, &notice).ok());
  // A second campaign with the case unscored, for the walk's ScoreCase.
  ASSERT_TRUE(sup_->CreateReviewCampaign(Ctx(AdminToken()).get(), county, &c).ok());
  AuthWalk walk{"lawenforce.supervision.v1.SupervisionService",
                supervision_->channel(),
                Requests(scene_.agency, complaint.id(), c.id(), closed, rect, notice.id()),
                {},
                {"ListComplaintLimits", "GetReviewRubric", "ListNotices"}};
  ExpectEveryMethodHasARequest(walk);
  const std::string expired = Token({auth::Role::kSystem}, "640000", "", absl::Minutes(1));
  ExpectEveryMethodRefusesBadTokens(walk, expired, [&] { clock_.Advance(absl::Minutes(5)); });
  const std::string outsider = Token({auth::Role::kSupervisor, auth::Role::kSystem}, "640302");
  ExpectOutsidersDeniedAlike(
      walk, outsider,
      Requests(kUnknownId, kUnknownId, kUnknownId, kUnknownId, kUnknownId, kUnknownId));
}

}  // namespace
}  // namespace lawenforce::testing
