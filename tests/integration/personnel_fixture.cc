#include "tests/integration/personnel_fixture.h"

#include "absl/strings/str_format.h"
#include "common/testing/id_numbers.h"

namespace lawenforce::testing {

std::vector<prometheus::MetricFamily> PersonnelFixture::CollectBusinessMetrics() {
  std::vector<prometheus::MetricFamily> all;
  for (const std::shared_ptr<prometheus::Collectable>& c : module().Collectables()) {
    std::vector<prometheus::MetricFamily> families = c->Collect();
    all.insert(all.end(), families.begin(), families.end());
  }
  return all;
}

pv1::Agency PersonnelFixture::CreateAgency(const std::string& division,
                                           std::vector<std::string> domains) {
  pv1::CreateAgencyRequest req;
  // Names are unique per division (a duplicate is ALREADY_EXISTS).
  req.mutable_agency()->set_name(absl::StrFormat("Agency %d of %s", ++agencies_created_, division));
  req.mutable_agency()->set_division_code(division);
  for (const std::string& d : domains) req.mutable_agency()->add_domains(d);
  pv1::Agency out;
  grpc::Status s = stub_->CreateAgency(Ctx(AdminToken()).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  return out;
}

pv1::Officer PersonnelFixture::CreateOfficer(const std::string& agency_id,
                                             const std::string& id_number,
                                             std::vector<pv1::OfficerRole> roles) {
  pv1::CreateOfficerRequest req;
  req.mutable_officer()->set_agency_id(agency_id);
  req.mutable_officer()->set_name("王五");
  req.mutable_officer()->set_id_number(id_number);
  for (pv1::OfficerRole r : roles) req.mutable_officer()->add_roles(r);
  pv1::Officer out;
  grpc::Status s = stub_->CreateOfficer(Ctx(AdminToken()).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  return out;
}

pv1::EligibilityVerdict PersonnelFixture::VerdictAt(const std::string& officer_id, absl::Time at,
                                                    const std::string& domain) {
  pv1::CheckEnforcementEligibilityRequest req;
  req.add_officer_ids(officer_id);
  req.set_domain(domain);
  req.mutable_at_time()->set_seconds(absl::ToUnixSeconds(at));
  pv1::CheckEnforcementEligibilityResponse out;
  grpc::Status s = stub_->CheckEnforcementEligibility(Ctx(AdminToken()).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return out.verdicts_size() == 1 ? out.verdicts(0) : pv1::EligibilityVerdict();
}

pv1::Certificate PersonnelFixture::IssueCertificate(const std::string& officer_id,
                                                    const std::string& number,
                                                    std::vector<std::string> domains,
                                                    pv1::CertificateKind kind) {
  pv1::IssueCertificateRequest req;
  pv1::Certificate* c = req.mutable_certificate();
  c->set_officer_id(officer_id);
  c->set_number(number);
  c->set_kind(kind);
  for (const std::string& d : domains) c->add_domains(d);
  c->mutable_valid_from()->set_year(2025);
  c->mutable_valid_from()->set_month(1);
  c->mutable_valid_from()->set_day(1);
  c->mutable_valid_until()->set_year(2027);
  c->mutable_valid_until()->set_month(12);
  c->mutable_valid_until()->set_day(31);
  pv1::Certificate out;
  grpc::Status s = stub_->IssueCertificate(Ctx(AdminToken()).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  return out;
}

std::string PersonnelFixture::IdNumber(int serial) { return TestIdNumber(serial); }

}  // namespace lawenforce::testing
