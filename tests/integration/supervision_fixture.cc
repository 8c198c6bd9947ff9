#include "tests/integration/supervision_fixture.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "common/testing/id_numbers.h"
#include "services/case/case_module.h"
#include "services/personnel/personnel_module.h"

namespace lawenforce::testing {

namespace pv1 = ::lawenforce::personnel::v1;

void SupervisionFixture::SetUp() {
  absl::StatusOr<std::unique_ptr<RedisServer>> redis = RedisServer::Start();
  ASSERT_TRUE(redis.ok()) << redis.status();
  redis_ = *std::move(redis);
  absl::StatusOr<std::unique_ptr<InProcessService>> personnel = InProcessService::Start(
      personnel::PersonnelSpec(), dir_, {{"--redis-url=" + redis_->url()}, &clock_, nullptr, true});
  ASSERT_TRUE(personnel.ok()) << personnel.status();
  personnel_ = *std::move(personnel);
  personnel_stub_ = pv1::PersonnelService::NewStub(personnel_->channel());
  // The callers' own tokens: region-wide system accounts.
  std::ofstream(dir_.File("case-service-token")) << MintTestToken(
      clock_, {auth::Role::kSystem}, "640000", "", absl::Hours(24), "case-service");
  std::ofstream(dir_.File("supervision-service-token")) << MintTestToken(
      clock_, {auth::Role::kSystem}, "640000", "", absl::Hours(24), "supervision-service");
  absl::StatusOr<std::unique_ptr<InProcessService>> cases = InProcessService::Start(
      cases::CaseSpec(), dir_,
      {{absl::StrCat("--personnel-target=127.0.0.1:", personnel_->port()),
        "--service-token-file=" + dir_.File("case-service-token"), "--redis-url=" + redis_->url()},
       &clock_,
       nullptr,
       true});
  ASSERT_TRUE(cases.ok()) << cases.status();
  cases_ = *std::move(cases);
  case_stub_ = cases::v1::CaseService::NewStub(cases_->channel());
  ServiceTest<sv1::SupervisionService>::SetUp();
}

void SupervisionFixture::TearDown() {
  ServiceTest<sv1::SupervisionService>::TearDown();
  if (cases_ != nullptr) cases_->Shutdown();
  if (personnel_ != nullptr) personnel_->Shutdown();
}

std::vector<std::string> SupervisionFixture::ExtraFlags() {
  return {absl::StrCat("--personnel-target=127.0.0.1:", personnel_->port()),
          absl::StrCat("--case-target=127.0.0.1:", cases_->port()),
          absl::StrCat("--service-token-file=", dir_.File("supervision-service-token")),
          "--redis-url=" + redis_->url(), "--business-metrics-interval=0s"};
}

int SupervisionFixture::RunDeadlines() {
  absl::StatusOr<int> fired = service_->runtime().env().deadlines->RunOnce();
  EXPECT_TRUE(fired.ok()) << fired.status();
  return fired.ok() ? *fired : 0;
}

std::string SupervisionFixture::CreateAgency(const std::string& division) {
  pv1::CreateAgencyRequest req;
  req.mutable_agency()->set_name(
      absl::StrCat("综合行政执法局 ", division, " ", ++agencies_created_));
  req.mutable_agency()->set_division_code(division);
  req.mutable_agency()->add_domains("urban_management");
  pv1::Agency out;
  grpc::Status s = personnel_stub_->CreateAgency(Ctx(AdminToken()).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  return out.id();
}

std::string SupervisionFixture::CreateOfficer(const std::string& agency_id) {
  const int serial = ++officers_created_;
  pv1::CreateOfficerRequest req;
  req.mutable_officer()->set_agency_id(agency_id);
  req.mutable_officer()->set_name(absl::StrCat("执法员", serial));
  req.mutable_officer()->set_id_number(TestIdNumber(serial));
  req.mutable_officer()->add_roles(pv1::OFFICER_ROLE_OFFICER);
  pv1::Officer officer;
  grpc::Status s = personnel_stub_->CreateOfficer(Ctx(AdminToken()).get(), req, &officer);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  return officer.id();
}

sv1::SubmitComplaintRequest SupervisionFixture::Hotline(const std::string& agency_id,
                                                        const std::string& ticket) {
  sv1::SubmitComplaintRequest req;
  sv1::ComplaintDraft* d = req.mutable_complaint();
  d->set_channel(sv1::CHANNEL_HOTLINE_12345);
  d->set_ticket_id(ticket);
  d->set_category(sv1::CATEGORY_INACTION);
  d->set_content("小区门口长期占道经营，多次反映无人处理");
  d->mutable_complainant()->set_kind(sv1::COMPLAINANT_KIND_PERSON);
  d->mutable_complainant()->set_name("王小明");
  d->mutable_complainant()->set_phone("13909512468");
  d->set_agency_id(agency_id);
  return req;
}

std::string SupervisionFixture::HotlineToken(const std::string& subject) {
  return MintTestToken(clock_, {auth::Role::kSystem}, "640000", "", absl::Hours(1), subject);
}

sv1::Complaint SupervisionFixture::Submit(const sv1::SubmitComplaintRequest& req) {
  sv1::Complaint out;
  grpc::Status s = stub_->SubmitComplaint(Ctx(HotlineToken()).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  return out;
}

}  // namespace lawenforce::testing
