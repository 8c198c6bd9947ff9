// Every RPC of personnel-service refuses callers without a valid token, with
// the wrong role, or from outside the record's jurisdiction — and the
// refusal does not reveal whether the record exists. Walks the service
// descriptor, so a method added later without a guard fails here.

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/testing/auth_walk.h"
#include "gmock/gmock.h"
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
RequestMap Requests(const Ids& ids) {
  RequestMap r;
  auto put = [&](const std::string& name, google::protobuf::Message* m) { r[name].reset(m); };
  auto* ca = new pv1::CreateAgencyRequest;
  ca->mutable_agency()->set_name("x");
  ca->mutable_agency()->set_division_code("640104");
  ca->mutable_agency()->add_domains("market_regulation");
  put("CreateAgency", ca);
  auto* ga = new pv1::GetAgencyRequest;
  ga->set_id(ids.agency);
  put("GetAgency", ga);
  auto* ua = new pv1::UpdateAgencyRequest;
  ua->mutable_agency()->set_id(ids.agency);
  ua->mutable_agency()->set_name("auth test agency");
  ua->mutable_update_mask()->add_paths("name");
  ua->set_reason("auth test");
  put("UpdateAgency", ua);
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
  auto* cr = new pv1::ClearOfficerReviewRequest;
  cr->set_id(ids.officer);
  cr->set_reason("复核通过");
  put("ClearOfficerReview", cr);
  auto* tr = new pv1::TransferOfficerRequest;
  tr->set_officer_id(ids.officer);
  tr->set_agency_id(ids.agency);
  put("TransferOfficer", tr);
  auto* es = new pv1::EndOfficerServiceRequest;
  es->set_officer_id(ids.officer);
  es->set_reason(pv1::SERVICE_END_REASON_RETIRED);
  put("EndOfficerService", es);
  auto* sp = new pv1::ListOfficerServicePeriodsRequest;
  sp->set_officer_id(ids.officer);
  put("ListOfficerServicePeriods", sp);
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
  auto* rc = new pv1::ReissueCertificateRequest;
  rc->set_id(ids.certificate);
  rc->set_kind(pv1::REISSUE_KIND_REPLACEMENT);
  rc->set_number("AUTH-2");
  rc->set_reason("auth test");
  put("ReissueCertificate", rc);
  auto* cc = new pv1::CorrectCertificateRequest;
  cc->set_id(ids.certificate);
  cc->mutable_update_mask()->add_paths("number");
  cc->set_number("AUTH-3");
  cc->set_reason("auth test");
  put("CorrectCertificate", cc);
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
  auto* cs = new pv1::CheckSupervisionAuthorityRequest;
  cs->set_officer_id(ids.officer);
  cs->set_division_code("640104");
  put("CheckSupervisionAuthority", cs);
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
  auto* tsf = new pv1::ListTrainingShortfallsRequest;
  tsf->set_agency_id(ids.agency);
  tsf->set_year(2025);
  put("ListTrainingShortfalls", tsf);
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
  auto* vc = new pv1::GetCertificateVerificationCodeRequest;
  vc->set_id(ids.certificate);
  put("GetCertificateVerificationCode", vc);
  auto* ia = new pv1::ImportAgenciesRequest;
  ia->set_source_system("auth-hr");
  ia->add_agencies()->set_source_id("ORG-AUTH");
  ia->mutable_agencies(0)->mutable_agency()->set_name("auth test agency");
  ia->mutable_agencies(0)->mutable_agency()->set_division_code("640104");
  ia->mutable_agencies(0)->mutable_agency()->add_domains("market_regulation");
  put("ImportAgencies", ia);
  auto* io = new pv1::ImportOfficersRequest;
  io->set_source_system("auth-hr");
  io->add_officers()->set_source_id("P-AUTH");
  io->mutable_officers(0)->mutable_officer()->set_agency_id(ids.agency);
  io->mutable_officers(0)->mutable_officer()->set_name("auth");
  io->mutable_officers(0)->mutable_officer()->set_id_number(PersonnelFixture::IdNumber(901));
  io->mutable_officers(0)->mutable_officer()->add_roles(pv1::OFFICER_ROLE_OFFICER);
  put("ImportOfficers", io);
  auto* itr = new pv1::ImportTrainingRecordsRequest;
  itr->set_source_system("auth-hr");
  itr->add_records()->set_source_id("T-AUTH");
  *itr->mutable_records(0)->mutable_record() = rt->record();
  put("ImportTrainingRecords", itr);
  auto* lae = new pv1::ListAuditEntriesRequest;
  lae->set_division_code("640104");
  lae->set_resource_id(ids.officer);
  put("ListAuditEntries", lae);
  return r;
}

// Methods only some roles may call; every role may read.
const std::set<std::string>& WriteMethods() {
  static const auto* const kWrites = new std::set<std::string>{
      "CreateAgency",      "CreateOfficer",      "UpdateOfficer",
      "IssueCertificate",  "SuspendCertificate", "ReinstateCertificate",
      "RevokeCertificate", "CancelCertificate",  "RecordTraining",
      "RecordAssessment",  "ClearOfficerReview", "GetCertificateVerificationCode",
      "ImportAgencies",    "ImportOfficers",     "ImportTrainingRecords",
      "TransferOfficer",   "EndOfficerService",  "ReissueCertificate",
      "UpdateAgency",      "CorrectCertificate"};
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
    // VerifyCertificate is the suite's one public method (no token:
    // personnel_verification_test, docs/api/personnel.md).
    walk_ = AuthWalk{"lawenforce.personnel.v1.PersonnelService",
                     channel_,
                     Requests(ids_in_xingqing_),
                     {"VerifyCertificate"},
                     {},
                     {}};
    // Eligibility judges each officer: one the caller may not read gets a
    // NOT_VISIBLE verdict, alike for an existing and a missing officer.
    walk_.per_record_methods["CheckEnforcementEligibility"] = [](const std::string& bytes) {
      pv1::CheckEnforcementEligibilityResponse resp;
      if (!resp.ParseFromString(bytes) || resp.verdicts_size() != 1) return std::string();
      pv1::EligibilityVerdict v = resp.verdicts(0);
      v.clear_officer_id();
      return v.DebugString();
    };
  }

  grpc::Status Call(const std::string& method, const google::protobuf::Message& request,
                    const std::string& authorization) {
    return CallMethod(walk_, method, request, authorization);
  }

  Ids ids_in_xingqing_;
  AuthWalk walk_;
};

TEST_F(PersonnelAuthTest, EveryMethodHasARequestInThisTest) { ExpectEveryMethodHasARequest(walk_); }

TEST_F(PersonnelAuthTest, EveryMethodRefusesMissingMalformedForgedAndExpiredTokens) {
  const std::string expired = Token({auth::Role::kSystem}, "640000", "", absl::Minutes(1));
  ExpectEveryMethodRefusesBadTokens(walk_, expired, [&] { clock_.Advance(absl::Minutes(5)); });
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
  // The audit log is for auditors, supervisors and services only.
  for (auth::Role role :
       {auth::Role::kOfficer, auth::Role::kLegalReviewer, auth::Role::kAgencyAdmin}) {
    EXPECT_EQ(
        Call("ListAuditEntries", *requests["ListAuditEntries"], "Bearer " + Token({role}, "640000"))
            .error_code(),
        grpc::StatusCode::PERMISSION_DENIED)
        << auth::RoleName(role);
  }
  // An agency admin may not issue or revoke certificates, nor create agencies.
  const std::string admin = Token({auth::Role::kAgencyAdmin}, "640104");
  for (const char* name : {"CreateAgency", "UpdateAgency", "IssueCertificate", "ReissueCertificate",
                           "CorrectCertificate", "SuspendCertificate", "ReinstateCertificate",
                           "RevokeCertificate", "ClearOfficerReview", "ImportAgencies"}) {
    EXPECT_EQ(Call(name, *requests[name], "Bearer " + admin).error_code(),
              grpc::StatusCode::PERMISSION_DENIED)
        << name;
  }
}

TEST_F(PersonnelAuthTest, CallerFromAnotherCountyIsDeniedAlikeForExistingAndMissingRecords) {
  const std::string outsider =
      Token({auth::Role::kSupervisor, auth::Role::kSystem, auth::Role::kAgencyAdmin}, kOtherCounty);
  ExpectOutsidersDeniedAlike(walk_, outsider, Requests({kUnknownId, kUnknownId, kUnknownId}));
}

TEST_F(PersonnelAuthTest, RecordsOfTheCallersSubtreeAreVisible) {
  auto requests = Requests(ids_in_xingqing_);
  // The city above Xingqing sees its records; the county itself too.
  for (const char* division : {"640100", "640104"}) {
    const std::string reader = Token({auth::Role::kAuditor}, division);
    for (const char* name :
         {"GetAgency", "GetOfficer", "GetCertificate", "ListOfficers", "GetCertificateHistory",
          "CheckEnforcementEligibility", "ListOfficerServicePeriods", "ListAuditEntries"}) {
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
  for (const char* name :
       {"UpdateOfficer", "RecordTraining", "RecordAssessment", "CancelCertificate", "CreateOfficer",
        "ImportOfficers", "ImportTrainingRecords"}) {
    grpc::Status s = Call(name, *requests[name], "Bearer " + admin);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << name;
  }
}

}  // namespace
}  // namespace lawenforce::testing
