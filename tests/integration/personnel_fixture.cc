#include "tests/integration/personnel_fixture.h"

#include "absl/strings/str_format.h"

namespace lawenforce::testing {

void PersonnelFixture::SetUp() {
  absl::StatusOr<Divisions> divisions = Divisions::LoadFromFile(DivisionsPath());
  ASSERT_TRUE(divisions.ok()) << divisions.status();
  divisions_.emplace(*std::move(divisions));
  absl::StatusOr<std::unique_ptr<store::Database>> db =
      store::OpenSqlite({.path = dir_.File("personnel.db")});
  ASSERT_TRUE(db.ok()) << db.status();
  db_ = *std::move(db);
  absl::StatusOr<std::unique_ptr<personnel::PersonnelStore>> store =
      personnel::OpenSqlPersonnelStore(db_.get(), &ids_);
  ASSERT_TRUE(store.ok()) << store.status();
  store_ = *std::move(store);
  absl::StatusOr<std::unique_ptr<crypto::PiiProtector>> pii =
      crypto::PiiProtector::Create(kTestPiiKey);
  ASSERT_TRUE(pii.ok()) << pii.status();
  pii_ = *std::move(pii);
  auth::VerifierOptions verifier_options;
  verifier_options.algorithm = auth::Algorithm::kHs256;
  verifier_options.key = kTestSecret;
  absl::StatusOr<std::unique_ptr<auth::TokenVerifier>> verifier =
      auth::CreateTokenVerifier(verifier_options, &clock_);
  ASSERT_TRUE(verifier.ok()) << verifier.status();
  verifier_ = *std::move(verifier);
  authorizer_ = std::make_unique<auth::Authorizer>(*divisions_);
  app_ = std::make_unique<personnel::PersonnelApp>(store_.get(), authorizer_.get(), pii_.get(),
                                                   &ids_, &clock_);
  service_ = std::make_unique<personnel::api::PersonnelGrpcService>(app_.get(), verifier_.get(),
                                                                    &*divisions_);
  registry_ = std::make_shared<prometheus::Registry>();
  metrics_ = std::make_shared<personnel::PersonnelMetrics>(store_.get(), &*divisions_, &clock_,
                                                           absl::ZeroDuration());
  server::ServerOptions options;
  options.service_name = "personnel-service-test";
  options.listen = "127.0.0.1:0";
  options.metrics_listen = "";
  options.shutdown_grace = absl::Seconds(2);
  absl::StatusOr<std::unique_ptr<server::Server>> started =
      server::Server::Start(options, {service_.get()}, registry_);
  ASSERT_TRUE(started.ok()) << started.status();
  server_ = *std::move(started);
  channel_ = grpc::CreateChannel(absl::StrFormat("127.0.0.1:%d", server_->port()),
                                 grpc::InsecureChannelCredentials());
  stub_ = pv1::PersonnelService::NewStub(channel_);
}

void PersonnelFixture::TearDown() {
  if (server_ != nullptr) {
    server_->Shutdown();
  }
}

std::string PersonnelFixture::Token(std::vector<auth::Role> roles, const std::string& division,
                                    const std::string& agency, absl::Duration lifetime) {
  auth::MintOptions m;
  m.algorithm = auth::Algorithm::kHs256;
  m.key = kTestSecret;
  m.subject = absl::StrFormat("tester-%s", division);
  m.roles = std::move(roles);
  m.division_code = division;
  m.agency_id = agency;
  m.issued_at = clock_.Now();
  m.lifetime = lifetime;
  absl::StatusOr<std::string> token = auth::MintToken(m);
  EXPECT_TRUE(token.ok()) << token.status();
  return token.value_or("");
}

std::unique_ptr<grpc::ClientContext> PersonnelFixture::Ctx(const std::string& token) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) {
    ctx->AddMetadata("authorization", "Bearer " + token);
  }
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return ctx;
}

pv1::Agency PersonnelFixture::CreateAgency(const std::string& division,
                                           std::vector<std::string> domains) {
  pv1::CreateAgencyRequest req;
  req.mutable_agency()->set_name(absl::StrFormat("Agency of %s", division));
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

pv1::Certificate PersonnelFixture::IssueCertificate(const std::string& officer_id,
                                                    const std::string& number,
                                                    std::vector<std::string> domains) {
  pv1::IssueCertificateRequest req;
  pv1::Certificate* c = req.mutable_certificate();
  c->set_officer_id(officer_id);
  c->set_number(number);
  c->set_kind(pv1::CERTIFICATE_KIND_ENFORCEMENT);
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

std::string PersonnelFixture::IdNumber(int serial) {
  std::string body = absl::StrFormat("64010419800101%03d", serial % 1000);
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (body[i] - '0') * kWeights[i];
  return body + "10X98765432"[sum % 11];
}

}  // namespace lawenforce::testing
