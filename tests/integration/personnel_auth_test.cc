// Every RPC of personnel-service refuses callers without a valid token, with
// the wrong role, or from outside the record's jurisdiction — and the
// refusal does not reveal whether the record exists. Walks the service
// descriptor, so a method added later without a guard fails here.

#include <future>
#include <map>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "gtest/gtest.h"
#include "tests/integration/personnel_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kOtherCounty[] = "640302";  // 利通区, Wuzhong: not Xingqing's subtree.
constexpr char kUnknownId[] = "6b0f7c1e-9a4d-4c2b-8e55-0123456789ab";

struct Ids {
  std::string agency;
  std::string officer;
  std::string certificate;
};

// A request per method that would succeed for an authorised caller, naming
// records of 640104 Xingqing.
std::map<std::string, std::unique_ptr<google::protobuf::Message>> Requests(const Ids& ids) {
  std::map<std::string, std::unique_ptr<google::protobuf::Message>> r;
  auto put = [&](const std::string& name, google::protobuf::Message* m) { r[name].reset(m); };
  auto* ca = new pv1::CreateAgencyRequest;
  ca->mutable_agency()->set_name("x");
  ca->mutable_agency()->set_division_code("640104");
  ca->mutable_agency()->add_domains("market_regulation");
  put("CreateAgency", ca);
  auto* ga = new pv1::GetAgencyRequest;
  ga->set_id(ids.agency);
  put("GetAgency", ga);
  auto* la = new pv1::ListAgenciesRequest;
  la->set_division_code("640104");
  put("ListAgencies", la);
  auto* co = new pv1::CreateOfficerRequest;
  co->mutable_officer()->set_agency_id(ids.agency);
  co->mutable_officer()->set_name("x");
  co->mutable_officer()->set_id_number(PersonnelFixture::IdNumber(901));
  co->mutable_officer()->add_roles(pv1::OFFICER_ROLE_OFFICER);
  put("CreateOfficer", co);
  auto* go = new pv1::GetOfficerRequest;
  go->set_id(ids.officer);
  put("GetOfficer", go);
  auto* lo = new pv1::ListOfficersRequest;
  lo->set_division_code("640104");
  put("ListOfficers", lo);
  auto* uo = new pv1::UpdateOfficerRequest;
  uo->mutable_officer()->set_id(ids.officer);
  uo->mutable_officer()->set_name("y");
  uo->mutable_update_mask()->add_paths("name");
  put("UpdateOfficer", uo);
  auto* ic = new pv1::IssueCertificateRequest;
  ic->mutable_certificate()->set_officer_id(ids.officer);
  ic->mutable_certificate()->set_number("AUTH-1");
  ic->mutable_certificate()->set_kind(pv1::CERTIFICATE_KIND_ENFORCEMENT);
  ic->mutable_certificate()->add_domains("market_regulation");
  ic->mutable_certificate()->mutable_valid_from()->set_year(2025);
  ic->mutable_certificate()->mutable_valid_from()->set_month(1);
  ic->mutable_certificate()->mutable_valid_from()->set_day(1);
  ic->mutable_certificate()->mutable_valid_until()->set_year(2026);
  ic->mutable_certificate()->mutable_valid_until()->set_month(1);
  ic->mutable_certificate()->mutable_valid_until()->set_day(1);
  put("IssueCertificate", ic);
  auto* gc = new pv1::GetCertificateRequest;
  gc->set_id(ids.certificate);
  put("GetCertificate", gc);
  auto* lc = new pv1::ListCertificatesRequest;
  lc->set_division_code("640104");
  put("ListCertificates", lc);
  for (const char* verb : {"Suspend", "Reinstate", "Revoke", "Cancel"}) {
    auto* t = new pv1::TransitionCertificateRequest;
    t->set_id(ids.certificate);
    t->set_reason("auth test");
    put(absl::StrCat(verb, "Certificate"), t);
  }
  auto* gh = new pv1::GetCertificateHistoryRequest;
  gh->set_id(ids.certificate);
  put("GetCertificateHistory", gh);
  auto* ce = new pv1::CheckEnforcementEligibilityRequest;
  ce->add_officer_ids(ids.officer);
  ce->set_domain("market_regulation");
  put("CheckEnforcementEligibility", ce);
  auto* rt = new pv1::RecordTrainingRequest;
  rt->mutable_record()->set_officer_id(ids.officer);
  rt->mutable_record()->set_hours(2);
  rt->mutable_record()->set_category(pv1::TRAINING_CATEGORY_BUSINESS_KNOWLEDGE);
  rt->mutable_record()->set_course("c");
  rt->mutable_record()->set_provider("p");
  rt->mutable_record()->mutable_date()->set_year(2025);
  rt->mutable_record()->mutable_date()->set_month(3);
  rt->mutable_record()->mutable_date()->set_day(1);
  put("RecordTraining", rt);
  auto* lt = new pv1::ListTrainingRecordsRequest;
  lt->set_officer_id(ids.officer);
  put("ListTrainingRecords", lt);
  auto* ts = new pv1::GetTrainingSummaryRequest;
  ts->set_agency_id(ids.agency);
  ts->set_year(2025);
  put("GetTrainingSummary", ts);
  auto* ra = new pv1::RecordAssessmentRequest;
  ra->mutable_assessment()->set_officer_id(ids.officer);
  ra->mutable_assessment()->set_year(2024);
  ra->mutable_assessment()->set_result(pv1::ASSESSMENT_RESULT_COMPETENT);
  put("RecordAssessment", ra);
  auto* lsa = new pv1::ListAssessmentsRequest;
  lsa->set_officer_id(ids.officer);
  put("ListAssessments", lsa);
  auto* sc = new pv1::GetStaffingComplianceRequest;
  sc->set_division_code("640104");
  put("GetStaffingCompliance", sc);
  return r;
}

// Methods only some roles may call; every role may read.
const std::set<std::string>& WriteMethods() {
  static const auto* const kWrites = new std::set<std::string>{
      "CreateAgency",       "CreateOfficer",        "UpdateOfficer",     "IssueCertificate",
      "SuspendCertificate", "ReinstateCertificate", "RevokeCertificate", "CancelCertificate",
      "RecordTraining",     "RecordAssessment"};
  return *kWrites;
}

class PersonnelAuthTest : public PersonnelFixture {
 protected:
  void SetUp() override {
    PersonnelFixture::SetUp();
    pv1::Agency agency = CreateAgency("640104");
    pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(900));
    pv1::Certificate cert = IssueCertificate(officer.id(), "AUTH-0");
    ids_in_xingqing_ = {agency.id(), officer.id(), cert.id()};
    generic_ = std::make_unique<grpc::GenericStub>(channel_);
  }

  // Calls `method` of PersonnelService with `request` serialized, optionally
  // with raw `authorization` metadata.
  grpc::Status Call(const std::string& method, const google::protobuf::Message& request,
                    const std::string& authorization) {
    grpc::ClientContext ctx;
    if (!authorization.empty()) ctx.AddMetadata("authorization", authorization);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    std::string bytes = request.SerializeAsString();
    grpc::Slice slice(bytes);
    grpc::ByteBuffer req(&slice, 1);
    grpc::ByteBuffer resp;
    std::promise<grpc::Status> done;
    generic_->UnaryCall(&ctx, absl::StrCat("/lawenforce.personnel.v1.PersonnelService/", method),
                        grpc::StubOptions(), &req, &resp,
                        [&](grpc::Status s) { done.set_value(std::move(s)); });
    return done.get_future().get();
  }

  Ids ids_in_xingqing_;
  std::unique_ptr<grpc::GenericStub> generic_;
};

const google::protobuf::ServiceDescriptor* PersonnelDescriptor() {
  return google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
      "lawenforce.personnel.v1.PersonnelService");
}

TEST_F(PersonnelAuthTest, EveryMethodHasARequestInThisTest) {
  auto requests = Requests(ids_in_xingqing_);
  const auto* service = PersonnelDescriptor();
  ASSERT_NE(service, nullptr);
  for (int i = 0; i < service->method_count(); ++i) {
    EXPECT_TRUE(requests.contains(service->method(i)->name()))
        << service->method(i)->name() << " is not covered by the auth tests";
  }
}

TEST_F(PersonnelAuthTest, EveryMethodRefusesMissingMalformedForgedAndExpiredTokens) {
  auto requests = Requests(ids_in_xingqing_);
  const std::string forged = [&] {
    auth::MintOptions m;
    m.key = "another-secret-that-is-long-enough-0123456789";
    m.subject = "mallory";
    m.roles = {auth::Role::kSystem};
    m.division_code = "640000";
    m.issued_at = clock_.Now();
    return *auth::MintToken(m);
  }();
  const std::string expired = Token({auth::Role::kSystem}, "640000", "", absl::Minutes(1));
  const auto* service = PersonnelDescriptor();
  for (int i = 0; i < service->method_count(); ++i) {
    const std::string name = service->method(i)->name();
    const google::protobuf::Message& req = *requests[name];
    EXPECT_EQ(Call(name, req, "").error_code(), grpc::StatusCode::UNAUTHENTICATED) << name;
    EXPECT_EQ(Call(name, req, "Bearer").error_code(), grpc::StatusCode::UNAUTHENTICATED) << name;
    EXPECT_EQ(Call(name, req, "Basic dXNlcjpwYXNz").error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << name;
    EXPECT_EQ(Call(name, req, "Bearer not.a.jwt").error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << name;
    EXPECT_EQ(Call(name, req, "Bearer " + forged).error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << name;
  }
  clock_.Advance(absl::Minutes(5));
  for (int i = 0; i < service->method_count(); ++i) {
    const std::string name = service->method(i)->name();
    EXPECT_EQ(Call(name, *requests[name], "Bearer " + expired).error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << name;
  }
}

TEST_F(PersonnelAuthTest, WriteMethodsRefuseReadOnlyRoles) {
  auto requests = Requests(ids_in_xingqing_);
  for (auth::Role role : {auth::Role::kAuditor, auth::Role::kOfficer, auth::Role::kLegalReviewer}) {
    const std::string token = Token({role}, "640000");
    for (const std::string& name : WriteMethods()) {
      grpc::Status s = Call(name, *requests[name], "Bearer " + token);
      EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED)
          << name << " as " << auth::RoleName(role) << ": " << s.error_message();
    }
  }
  // An agency admin may not issue or revoke certificates, nor create agencies.
  const std::string admin = Token({auth::Role::kAgencyAdmin}, "640104");
  for (const char* name : {"CreateAgency", "IssueCertificate", "SuspendCertificate",
                           "ReinstateCertificate", "RevokeCertificate"}) {
    EXPECT_EQ(Call(name, *requests[name], "Bearer " + admin).error_code(),
              grpc::StatusCode::PERMISSION_DENIED)
        << name;
  }
}

TEST_F(PersonnelAuthTest, CallerFromAnotherCountyIsDeniedAlikeForExistingAndMissingRecords) {
  const std::string outsider =
      Token({auth::Role::kSupervisor, auth::Role::kSystem, auth::Role::kAgencyAdmin}, kOtherCounty);
  auto existing = Requests(ids_in_xingqing_);
  auto missing = Requests({kUnknownId, kUnknownId, kUnknownId});
  const auto* service = PersonnelDescriptor();
  for (int i = 0; i < service->method_count(); ++i) {
    const std::string name = service->method(i)->name();
    grpc::Status on_existing = Call(name, *existing[name], "Bearer " + outsider);
    EXPECT_EQ(on_existing.error_code(), grpc::StatusCode::PERMISSION_DENIED)
        << name << ": " << on_existing.error_message();
    grpc::Status on_missing = Call(name, *missing[name], "Bearer " + outsider);
    EXPECT_EQ(on_missing.error_code(), on_existing.error_code()) << name;
    EXPECT_EQ(on_missing.error_message(), on_existing.error_message()) << name;
  }
}

TEST_F(PersonnelAuthTest, RecordsOfTheCallersSubtreeAreVisible) {
  auto requests = Requests(ids_in_xingqing_);
  // The city above Xingqing sees its records; the county itself too.
  for (const char* division : {"640100", "640104"}) {
    const std::string reader = Token({auth::Role::kAuditor}, division);
    for (const char* name : {"GetAgency", "GetOfficer", "GetCertificate", "ListOfficers",
                             "GetCertificateHistory", "CheckEnforcementEligibility"}) {
      grpc::Status s = Call(name, *requests[name], "Bearer " + reader);
      EXPECT_TRUE(s.ok()) << name << " from " << division << ": " << s.error_message();
    }
  }
  // A region-wide caller is told that a missing record is missing.
  auto missing = Requests({kUnknownId, kUnknownId, kUnknownId});
  grpc::Status s = Call("GetOfficer", *missing["GetOfficer"], "Bearer " + AdminToken());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(PersonnelAuthTest, AgencyAdminBoundToAnAgencyCannotTouchAnotherAgencysOfficers) {
  pv1::Agency other = CreateAgency("640104");
  const std::string admin = Token({auth::Role::kAgencyAdmin}, "640104", other.id());
  auto requests = Requests(ids_in_xingqing_);
  for (const char* name : {"UpdateOfficer", "RecordTraining", "RecordAssessment",
                           "CancelCertificate", "CreateOfficer"}) {
    grpc::Status s = Call(name, *requests[name], "Bearer " + admin);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << name;
  }
}

}  // namespace
}  // namespace lawenforce::testing
