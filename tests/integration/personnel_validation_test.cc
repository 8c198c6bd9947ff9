// Malformed input to personnel-service is refused with INVALID_ARGUMENT
// naming the offending field, in the message and in a google.rpc.BadRequest
// detail that generic clients can decode.

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/personnel_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;

// The field named by the BadRequest detail of `s`, or "" when there is none.
std::string DetailField(const grpc::Status& s) {
  google::rpc::Status details;
  if (!details.ParseFromString(s.error_details())) return "";
  for (const google::protobuf::Any& any : details.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad) && bad.field_violations_size() > 0) {
      return bad.field_violations(0).field();
    }
  }
  return "";
}

class PersonnelValidationTest : public PersonnelFixture {
 protected:
  void SetUp() override {
    PersonnelFixture::SetUp();
    agency_ = CreateAgency("640104", {"market_regulation"});
    officer_ = CreateOfficer(agency_.id(), IdNumber(1));
  }

  void ExpectInvalid(const grpc::Status& s, const std::string& field) {
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << "expected " << field << ", got " << s.error_code() << " " << s.error_message();
    EXPECT_THAT(s.error_message(), HasSubstr(field + ":"));
    EXPECT_EQ(DetailField(s), field) << s.error_message();
  }

  pv1::Agency agency_;
  pv1::Officer officer_;
};

TEST_F(PersonnelValidationTest, AgencyFields) {
  auto create = [&](auto mutate) {
    pv1::CreateAgencyRequest req;
    req.mutable_agency()->set_name("市场监管局");
    req.mutable_agency()->set_division_code("640104");
    req.mutable_agency()->add_domains("market_regulation");
    mutate(req);
    pv1::Agency out;
    return stub_->CreateAgency(Ctx(AdminToken()).get(), req, &out);
  };
  ExpectInvalid(create([](auto& r) { r.mutable_agency()->set_name(""); }), "agency.name");
  ExpectInvalid(create([](auto& r) { r.mutable_agency()->set_name("   "); }), "agency.name");
  ExpectInvalid(create([](auto& r) { r.mutable_agency()->set_name(std::string(129, 'x')); }),
                "agency.name");
  // Not UTF-8: the request does not even parse as proto3; refused as the client's fault.
  grpc::Status not_utf8 = create([](auto& r) { r.mutable_agency()->set_name("bad\xff"); });
  EXPECT_EQ(not_utf8.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(not_utf8.error_message(), HasSubstr("UTF-8"));
  ExpectInvalid(create([](auto& r) { r.mutable_agency()->set_division_code(""); }),
                "agency.division_code");
  ExpectInvalid(create([](auto& r) { r.mutable_agency()->set_division_code("110000"); }),
                "agency.division_code");
  ExpectInvalid(create([](auto& r) { r.mutable_agency()->set_division_code("64010x"); }),
                "agency.division_code");
  ExpectInvalid(create([](auto& r) { r.mutable_agency()->clear_domains(); }), "agency.domains");
  ExpectInvalid(create([](auto& r) { r.mutable_agency()->add_domains("Bad Domain"); }),
                "agency.domains[1]");
  ExpectInvalid(create([](auto& r) { r.set_request_id("not ok!"); }), "request_id");
  ExpectInvalid(create([](auto& r) { r.set_request_id(std::string(65, 'a')); }), "request_id");
}

TEST_F(PersonnelValidationTest, OfficerFields) {
  auto create = [&](auto mutate) {
    pv1::CreateOfficerRequest req;
    req.mutable_officer()->set_agency_id(agency_.id());
    req.mutable_officer()->set_name("孙八");
    req.mutable_officer()->set_id_number(IdNumber(2));
    req.mutable_officer()->add_roles(pv1::OFFICER_ROLE_OFFICER);
    mutate(req);
    pv1::Officer out;
    return stub_->CreateOfficer(Ctx(AdminToken()).get(), req, &out);
  };
  ExpectInvalid(create([](auto& r) { r.mutable_officer()->set_agency_id(""); }),
                "officer.agency_id");
  ExpectInvalid(create([](auto& r) { r.mutable_officer()->set_agency_id("42"); }),
                "officer.agency_id");
  ExpectInvalid(create([](auto& r) { r.mutable_officer()->set_name(""); }), "officer.name");
  ExpectInvalid(create([](auto& r) { r.mutable_officer()->set_id_number(""); }),
                "officer.id_number");
  ExpectInvalid(create([](auto& r) { r.mutable_officer()->set_id_number("64010419800101001"); }),
                "officer.id_number");
  std::string bad_check = IdNumber(2);
  bad_check.back() = bad_check.back() == '1' ? '2' : '1';
  ExpectInvalid(create([&](auto& r) { r.mutable_officer()->set_id_number(bad_check); }),
                "officer.id_number");
  ExpectInvalid(create([](auto& r) { r.mutable_officer()->clear_roles(); }), "officer.roles");
  ExpectInvalid(create([](auto& r) { r.mutable_officer()->add_roles(pv1::OfficerRole(42)); }),
                "officer.roles[1]");
}

TEST_F(PersonnelValidationTest, CertificateFields) {
  auto issue = [&](auto mutate) {
    pv1::IssueCertificateRequest req;
    pv1::Certificate* c = req.mutable_certificate();
    c->set_officer_id(officer_.id());
    c->set_number("NX-V-1");
    c->set_kind(pv1::CERTIFICATE_KIND_ENFORCEMENT);
    c->add_domains("market_regulation");
    c->mutable_valid_from()->set_year(2025);
    c->mutable_valid_from()->set_month(1);
    c->mutable_valid_from()->set_day(1);
    c->mutable_valid_until()->set_year(2027);
    c->mutable_valid_until()->set_month(1);
    c->mutable_valid_until()->set_day(1);
    mutate(*c);
    pv1::Certificate out;
    return stub_->IssueCertificate(Ctx(AdminToken()).get(), req, &out);
  };
  ExpectInvalid(issue([](auto& c) { c.set_number(""); }), "certificate.number");
  ExpectInvalid(issue([](auto& c) { c.set_number("含中文"); }), "certificate.number");
  ExpectInvalid(issue([](auto& c) { c.set_number(std::string(33, '1')); }), "certificate.number");
  ExpectInvalid(issue([](auto& c) { c.set_kind(pv1::CERTIFICATE_KIND_UNSPECIFIED); }),
                "certificate.kind");
  ExpectInvalid(issue([](auto& c) { c.clear_valid_from(); }), "certificate.valid_from");
  ExpectInvalid(issue([](auto& c) { c.mutable_valid_until()->set_month(13); }),
                "certificate.valid_until.month");
  ExpectInvalid(issue([](auto& c) { c.mutable_valid_until()->set_year(2024); }),
                "certificate.valid_until");  // before valid_from: dates reversed
  ExpectInvalid(issue([](auto& c) { c.set_domains(0, "food_safety"); }),
                "certificate.domains[0]");  // not a domain of the agency
  ExpectInvalid(issue([](auto& c) { c.clear_domains(); }), "certificate.domains");

  pv1::TransitionCertificateRequest t;
  t.set_id(IssueCertificate(officer_.id(), "NX-V-2").id());
  pv1::Certificate out;
  ExpectInvalid(stub_->SuspendCertificate(Ctx(AdminToken()).get(), t, &out), "reason");
  t.set_reason(std::string(501, 'r'));
  ExpectInvalid(stub_->SuspendCertificate(Ctx(AdminToken()).get(), t, &out), "reason");
  t.set_reason("ok");
  t.set_etag("garbage");
  ExpectInvalid(stub_->SuspendCertificate(Ctx(AdminToken()).get(), t, &out), "etag");
  t.set_etag("");
  t.set_id("");
  ExpectInvalid(stub_->SuspendCertificate(Ctx(AdminToken()).get(), t, &out), "id");
}

TEST_F(PersonnelValidationTest, TrainingFields) {
  auto record = [&](auto mutate) {
    pv1::RecordTrainingRequest req;
    pv1::TrainingRecord* r = req.mutable_record();
    r->set_officer_id(officer_.id());
    r->set_hours(2.5);
    r->set_category(pv1::TRAINING_CATEGORY_ENFORCEMENT_SKILLS);
    r->set_course("执法技能");
    r->set_provider("党校");
    r->mutable_date()->set_year(2025);
    r->mutable_date()->set_month(2);
    r->mutable_date()->set_day(28);
    mutate(*r);
    pv1::TrainingRecord out;
    return stub_->RecordTraining(Ctx(AdminToken()).get(), req, &out);
  };
  ExpectInvalid(record([](auto& r) { r.set_hours(-1); }), "record.hours");
  ExpectInvalid(record([](auto& r) { r.set_hours(0); }), "record.hours");
  ExpectInvalid(record([](auto& r) { r.set_hours(25); }), "record.hours");
  ExpectInvalid(record([](auto& r) { r.set_hours(1.3); }), "record.hours");
  ExpectInvalid(record([](auto& r) { r.set_hours(std::nan("")); }), "record.hours");
  ExpectInvalid(record([](auto& r) { r.set_category(pv1::TRAINING_CATEGORY_UNSPECIFIED); }),
                "record.category");
  ExpectInvalid(record([](auto& r) { r.set_course(""); }), "record.course");
  ExpectInvalid(record([](auto& r) { r.set_provider(std::string(201, 'p')); }), "record.provider");
  ExpectInvalid(record([](auto& r) { r.mutable_date()->set_day(30); }), "record.date");
  ExpectInvalid(record([](auto& r) { r.mutable_date()->set_year(2030); }), "record.date");
  ExpectInvalid(record([](auto& r) { r.clear_date(); }), "record.date");

  pv1::GetTrainingSummaryRequest summary;
  summary.set_year(2025);
  pv1::TrainingSummary out;
  ExpectInvalid(stub_->GetTrainingSummary(Ctx(AdminToken()).get(), summary, &out), "scope");
  summary.set_officer_id(officer_.id());
  summary.set_year(1999);
  ExpectInvalid(stub_->GetTrainingSummary(Ctx(AdminToken()).get(), summary, &out), "year");
}

TEST_F(PersonnelValidationTest, ListAndEligibilityFields) {
  pv1::ListOfficersRequest list;
  list.set_page_size(-1);
  pv1::ListOfficersResponse officers;
  ExpectInvalid(stub_->ListOfficers(Ctx(AdminToken()).get(), list, &officers), "page_size");
  list.set_page_size(0);
  list.set_page_token("forged-token");
  ExpectInvalid(stub_->ListOfficers(Ctx(AdminToken()).get(), list, &officers), "page_token");
  list.set_page_token("");
  list.set_division_code("999999");
  ExpectInvalid(stub_->ListOfficers(Ctx(AdminToken()).get(), list, &officers), "division_code");

  pv1::CheckEnforcementEligibilityRequest req;
  req.set_domain("market_regulation");
  pv1::CheckEnforcementEligibilityResponse resp;
  ExpectInvalid(stub_->CheckEnforcementEligibility(Ctx(AdminToken()).get(), req, &resp),
                "officer_ids");
  for (int i = 0; i < 101; ++i) req.add_officer_ids(officer_.id());
  ExpectInvalid(stub_->CheckEnforcementEligibility(Ctx(AdminToken()).get(), req, &resp),
                "officer_ids");
  req.clear_officer_ids();
  req.add_officer_ids(officer_.id());
  req.add_officer_ids("nope");
  ExpectInvalid(stub_->CheckEnforcementEligibility(Ctx(AdminToken()).get(), req, &resp),
                "officer_ids[1]");
  req.set_officer_ids(1, officer_.id());
  req.set_domain("");
  ExpectInvalid(stub_->CheckEnforcementEligibility(Ctx(AdminToken()).get(), req, &resp), "domain");
  req.set_domain("market_regulation");
  req.mutable_at_time()->set_nanos(-5);
  ExpectInvalid(stub_->CheckEnforcementEligibility(Ctx(AdminToken()).get(), req, &resp),
                "at_time.nanos");
}

TEST_F(PersonnelValidationTest, OversizedMessagesAreRefused) {
  pv1::CreateAgencyRequest req;
  req.mutable_agency()->set_name(std::string(8 << 20, 'x'));  // past the 4 MiB limit
  pv1::Agency out;
  grpc::Status s = stub_->CreateAgency(Ctx(AdminToken()).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(PersonnelValidationTest, UpdateMaskNamesOnlyUpdatableFields) {
  pv1::UpdateOfficerRequest req;
  *req.mutable_officer() = officer_;
  pv1::Officer out;
  ExpectInvalid(stub_->UpdateOfficer(Ctx(AdminToken()).get(), req, &out), "update_mask");
  req.mutable_update_mask()->add_paths("agency_id");
  ExpectInvalid(stub_->UpdateOfficer(Ctx(AdminToken()).get(), req, &out), "update_mask.paths[0]");
}

}  // namespace
}  // namespace lawenforce::testing
