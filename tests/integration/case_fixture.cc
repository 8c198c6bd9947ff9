#include "tests/integration/case_fixture.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "common/protoconv/protoconv.h"
#include "common/testing/id_numbers.h"
#include "services/personnel/personnel_module.h"

namespace lawenforce::testing {

void CaseFixture::SetUp() {
  absl::StatusOr<std::unique_ptr<RedisServer>> redis = RedisServer::Start();
  ASSERT_TRUE(redis.ok()) << redis.status();
  redis_ = *std::move(redis);
  absl::StatusOr<std::unique_ptr<InProcessService>> personnel = InProcessService::Start(
      personnel::PersonnelSpec(), dir_, {{"--redis-url=" + redis_->url()}, &clock_, nullptr, true});
  ASSERT_TRUE(personnel.ok()) << personnel.status();
  personnel_ = *std::move(personnel);
  personnel_port_ = personnel_->port();
  personnel_stub_ = pv1::PersonnelService::NewStub(personnel_->channel());
  // case-service's own token: a region-wide system account.
  std::ofstream(dir_.File("case-service-token")) << MintTestToken(
      clock_, {auth::Role::kSystem}, "640000", "", absl::Hours(24), "case-service");
  ServiceTest<cv1::CaseService>::SetUp();
}

void CaseFixture::TearDown() {
  ServiceTest<cv1::CaseService>::TearDown();
  if (personnel_ != nullptr) personnel_->Shutdown();
}

std::vector<std::string> CaseFixture::ExtraFlags() {
  return {absl::StrCat("--personnel-target=127.0.0.1:", personnel_port_),
          absl::StrCat("--service-token-file=", dir_.File("case-service-token")),
          "--redis-url=" + redis_->url(), "--business-metrics-interval=0s"};
}

int CaseFixture::RunDeadlines() {
  absl::StatusOr<int> fired = service_->runtime().env().deadlines->RunOnce();
  EXPECT_TRUE(fired.ok()) << fired.status();
  return fired.ok() ? *fired : 0;
}

void CaseFixture::RestartPersonnel() {
  absl::StatusOr<std::unique_ptr<InProcessService>> personnel = InProcessService::Start(
      personnel::PersonnelSpec(), dir_,
      {{"--redis-url=" + redis_->url(), absl::StrCat("--listen=127.0.0.1:", personnel_port_)},
       &clock_,
       nullptr,
       true});
  ASSERT_TRUE(personnel.ok()) << personnel.status();
  personnel_ = *std::move(personnel);
  personnel_stub_ = pv1::PersonnelService::NewStub(personnel_->channel());
}

std::string CaseFixture::CreateAgency(const std::string& division,
                                      std::vector<std::string> domains) {
  pv1::CreateAgencyRequest req;
  req.mutable_agency()->set_name(absl::StrCat("Agency of ", division));
  req.mutable_agency()->set_division_code(division);
  for (const std::string& d : domains) req.mutable_agency()->add_domains(d);
  pv1::Agency out;
  grpc::Status s = personnel_stub_->CreateAgency(Ctx(AdminToken()).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  return out.id();
}

cv1::EnforcementItem CaseFixture::CreateItem(const std::string& agency_id, const std::string& code,
                                             bool major) {
  cv1::CreateItemRequest req;
  cv1::EnforcementItem* item = req.mutable_item();
  item->set_agency_id(agency_id);
  item->set_code(code);
  item->set_name("销售不符合食品安全标准的食品");
  item->set_kind(cv1::ITEM_KIND_PENALTY);
  item->set_legal_basis("《中华人民共和国食品安全法》第一百二十四条");
  item->set_domain("food_safety");
  item->set_major(major);
  *item->mutable_effective_from() = protoconv::ToTimestamp(absl::FromUnixSeconds(1577808000));
  cv1::EnforcementItem out;
  grpc::Status s = stub_->CreateItem(Ctx(AdminToken()).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  return out;
}

cv1::EnforcementItem CaseFixture::CreateInspectionItem(const std::string& agency_id,
                                                       const std::string& code) {
  cv1::CreateItemRequest req;
  cv1::EnforcementItem* item = req.mutable_item();
  item->set_agency_id(agency_id);
  item->set_code(code);
  item->set_name("食品生产经营监督检查");
  item->set_kind(cv1::ITEM_KIND_INSPECTION);
  item->set_legal_basis("《中华人民共和国食品安全法》第一百一十条");
  item->set_domain("food_safety");
  cv1::EnforcementItem out;
  grpc::Status s = stub_->CreateItem(Ctx(AdminToken()).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  return out;
}

cv1::InspectionPlan CaseFixture::PlanDraft(const std::string& agency_id, const std::string& item_id,
                                           const std::vector<std::string>& inspectors,
                                           int enterprises, int targets) {
  cv1::InspectionPlan p;
  p.set_agency_id(agency_id);
  p.set_item_id(item_id);
  p.set_name("2025年度食品经营者双随机抽查");
  *p.mutable_period_start() = protoconv::ToTimestamp(absl::FromUnixSeconds(1735660800));
  *p.mutable_period_end() = protoconv::ToTimestamp(absl::FromUnixSeconds(1767196800));
  for (int i = 1; i <= enterprises; ++i) {
    cv1::Enterprise* e = p.add_enterprises();
    e->set_credit_code(TestCreditCode(i));
    e->set_name(absl::StrCat("银川市兴庆区食品店", i));
  }
  for (const std::string& id : inspectors) p.add_inspector_ids(id);
  p.set_targets_per_draw(targets);
  p.set_inspectors_per_target(2);
  return p;
}

std::string CaseFixture::CreateOfficer(const std::string& agency_id,
                                       std::vector<pv1::OfficerRole> roles) {
  const int serial = ++officers_created_;
  pv1::CreateOfficerRequest req;
  req.mutable_officer()->set_agency_id(agency_id);
  req.mutable_officer()->set_name(absl::StrCat("执法员", serial));
  req.mutable_officer()->set_id_number(TestIdNumber(serial));
  for (pv1::OfficerRole r : roles) req.mutable_officer()->add_roles(r);
  pv1::Officer officer;
  grpc::Status s = personnel_stub_->CreateOfficer(Ctx(AdminToken()).get(), req, &officer);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  pv1::IssueCertificateRequest issue;
  pv1::Certificate* c = issue.mutable_certificate();
  c->set_officer_id(officer.id());
  c->set_number(absl::StrCat("NX-ZF-", serial));
  c->set_kind(pv1::CERTIFICATE_KIND_ENFORCEMENT);
  c->add_domains("food_safety");
  *c->mutable_valid_from() = protoconv::ToDate(absl::CivilDay(2025, 1, 1));
  *c->mutable_valid_until() = protoconv::ToDate(absl::CivilDay(2027, 12, 31));
  pv1::Certificate cert;
  s = personnel_stub_->IssueCertificate(Ctx(AdminToken()).get(), issue, &cert);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  certificates_[officer.id()] = cert.id();
  return officer.id();
}

void CaseFixture::TransferOfficer(const std::string& officer_id, const std::string& agency_id) {
  pv1::TransferOfficerRequest req;
  req.set_officer_id(officer_id);
  req.set_agency_id(agency_id);
  pv1::Officer moved;
  grpc::Status s = personnel_stub_->TransferOfficer(Ctx(AdminToken()).get(), req, &moved);
  ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  pv1::IssueCertificateRequest issue;
  pv1::Certificate* c = issue.mutable_certificate();
  c->set_officer_id(officer_id);
  c->set_number(absl::StrCat("NX-ZF-T-", ++officers_created_));
  c->set_kind(pv1::CERTIFICATE_KIND_ENFORCEMENT);
  c->add_domains("food_safety");
  *c->mutable_valid_from() = protoconv::ToDate(absl::CivilDay(2025, 1, 1));
  *c->mutable_valid_until() = protoconv::ToDate(absl::CivilDay(2027, 12, 31));
  pv1::Certificate cert;
  s = personnel_stub_->IssueCertificate(Ctx(AdminToken()).get(), issue, &cert);
  ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  certificates_[officer_id] = cert.id();
}

void CaseFixture::RevokeCertificate(const std::string& officer_id,
                                    std::optional<absl::Time> effective) {
  pv1::TransitionCertificateRequest req;
  req.set_id(certificates_[officer_id]);
  req.set_reason("年度考核不合格");
  if (effective.has_value()) *req.mutable_effective_time() = protoconv::ToTimestamp(*effective);
  pv1::Certificate out;
  grpc::Status s = personnel_stub_->RevokeCertificate(Ctx(AdminToken()).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
}

void CaseFixture::PublishBenchmark(const std::string& item_id) {
  cv1::PublishBenchmarkRequest req;
  req.set_item_id(item_id);
  cv1::Benchmark* b = req.mutable_benchmark();
  *b->mutable_effective_from() = protoconv::ToTimestamp(absl::FromUnixSeconds(1577808000));
  b->set_basis("宁夏市场监管行政处罚裁量权基准");
  cv1::BenchmarkLevel* minor = b->add_levels();
  minor->set_code("minor");
  minor->set_description("轻微");
  minor->add_allowed_kinds(cv1::PENALTY_KIND_WARNING);
  minor->set_first_violation_exempt(true);
  cv1::BenchmarkLevel* general = b->add_levels();
  general->set_code("general");
  general->set_description("一般");
  general->add_allowed_kinds(cv1::PENALTY_KIND_WARNING);
  general->add_allowed_kinds(cv1::PENALTY_KIND_FINE);
  general->set_min_fine_fen(50000);
  general->set_max_fine_fen(500000);
  cv1::Benchmark out;
  grpc::Status s = stub_->PublishBenchmark(Ctx(AdminToken()).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
}

CaseFixture::Scene CaseFixture::StandardScene() {
  Scene s;
  s.agency = CreateAgency("640104");
  s.item = CreateItem(s.agency, "SCJG-CF-001").id();
  PublishBenchmark(s.item);
  s.o1 = CreateOfficer(s.agency);
  s.o2 = CreateOfficer(s.agency);
  return s;
}

cv1::Case CaseFixture::FileCase(const std::string& agency_id, const std::string& item_id,
                                const std::vector<std::string>& officers) {
  cv1::FileCaseRequest req;
  cv1::Case* c = req.mutable_case_();
  c->set_agency_id(agency_id);
  c->set_item_id(item_id);
  cv1::Party* p = c->add_parties();
  p->set_kind(cv1::PARTY_KIND_INDIVIDUAL);
  p->set_name("张三");
  p->set_id_number("640104198503121231");
  c->set_facts("在兴庆区某超市销售超过保质期的食品");
  *c->mutable_violation_time() = protoconv::ToTimestamp(clock_.Now() - absl::Hours(72));
  for (const std::string& o : officers) c->add_officer_ids(o);
  cv1::Case out;
  grpc::Status s = stub_->FileCase(Ctx(Token({auth::Role::kOfficer}, "640104")).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  return out;
}

std::string CaseFixture::PublishedCase(const Scene& scene) {
  const cv1::Case c = FileCase(scene.agency, scene.item, {scene.o1, scene.o2});
  const std::string token = Token({auth::Role::kOfficer}, "640104");
  const auto ok = [&](auto call, const auto& req) {
    cv1::Case out;
    grpc::Status s = (stub_.get()->*call)(Ctx(token).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  };
  ok(&cv1::CaseService::Stub::StartInvestigation, Act(c.id()));
  cv1::RecordEvidenceRequest ev;
  *ev.mutable_act() = Act(c.id());
  cv1::EvidenceRef* ref = ev.add_evidence();
  ref->set_sha256(std::string(64, 'b'));
  ref->set_kind("photo");
  ref->set_description("现场照片");
  ok(&cv1::CaseService::Stub::RecordEvidence, ev);
  cv1::NotifyPartyRequest notify;
  *notify.mutable_act() = Act(c.id());
  notify.set_hearing_waived(true);
  ok(&cv1::CaseService::Stub::NotifyParty, notify);
  cv1::DecideCaseRequest decide;
  *decide.mutable_act() = Act(c.id());
  decide.mutable_decision()->set_outcome(cv1::OUTCOME_PENALTY);
  decide.mutable_decision()->set_circumstance("general");
  decide.mutable_decision()->add_penalty_kinds(cv1::PENALTY_KIND_FINE);
  decide.mutable_decision()->set_fine_fen(100000);
  ok(&cv1::CaseService::Stub::DecideCase, decide);
  ok(&cv1::CaseService::Stub::ServeDecision, Act(c.id()));
  ok(&cv1::CaseService::Stub::PublishDecision, Act(c.id()));
  return c.id();
}

cv1::CaseActRequest CaseFixture::Act(const std::string& case_id, const std::string& reason) {
  cv1::CaseActRequest a;
  a.set_case_id(case_id);
  a.set_reason(reason);
  return a;
}

}  // namespace lawenforce::testing
