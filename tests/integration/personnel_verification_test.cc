// Public certificate verification (tasks 6, 11) end to end on the real
// store (SQLite; PostgreSQL as ..._postgres): the printed code and text of
// a certificate, verified with no token (and with a forged one, which is
// not read), what is shown and what is not, an unknown number and a wrong
// code alike, the state read now, field errors, the rate limit per client
// address. docs/api/personnel.md "Public verification".

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/personnel_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class PersonnelVerificationTest : public PersonnelFixture {
 protected:
  std::vector<std::string> ExtraFlags() override {
    std::vector<std::string> flags = PersonnelFixture::ExtraFlags();
    flags.push_back("--verification-url-base=https://verify.example/c");
    flags.push_back("--verifications-per-minute=60");
    return flags;
  }
  void SetUp() override {
    PersonnelFixture::SetUp();
    if (HasFatalFailure()) return;
    agency_ = CreateAgency("640104");
    pv1::CreateOfficerRequest req;
    req.mutable_officer()->set_agency_id(agency_.id());
    req.mutable_officer()->set_name("欧阳修");
    req.mutable_officer()->set_id_number(IdNumber(77));
    req.mutable_officer()->add_roles(pv1::OFFICER_ROLE_OFFICER);
    ASSERT_TRUE(stub_->CreateOfficer(Ctx(AdminToken()).get(), req, &officer_).ok());
    cert_ = IssueCertificate(officer_.id(), "NX-2025-000777");
  }
  pv1::CertificateVerificationCode Printed() {
    pv1::GetCertificateVerificationCodeRequest req;
    req.set_id(cert_.id());
    pv1::CertificateVerificationCode out;
    grpc::Status s = stub_->GetCertificateVerificationCode(
        Ctx(Token({auth::Role::kAgencyAdmin}, "640104", agency_.id())).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }
  // No authorization metadata at all.
  grpc::Status Verify(const pv1::VerifyCertificateRequest& req, pv1::CertificateVerification* out,
                      const std::string& authorization = "") {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    if (!authorization.empty()) ctx.AddMetadata("authorization", authorization);
    return stub_->VerifyCertificate(&ctx, req, out);
  }

  pv1::Agency agency_;
  pv1::Officer officer_;
  pv1::Certificate cert_;
};

TEST_F(PersonnelVerificationTest, ThePrintedTextVerifiesWithNoTokenAndShowsOnlyWhatIsPublic) {
  const pv1::CertificateVerificationCode printed = Printed();
  EXPECT_EQ(printed.number(), "NX-2025-000777");
  ASSERT_EQ(printed.code().size(), 10u);
  EXPECT_EQ(printed.text(), "https://verify.example/c?n=NX-2025-000777&c=" + printed.code());
  EXPECT_EQ(printed.code(), Printed().code()) << "the code is the same every time";
  pv1::VerifyCertificateRequest req;
  req.set_text(printed.text());
  pv1::CertificateVerification v;
  grpc::Status s = Verify(req, &v);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(v.valid());
  EXPECT_EQ(v.state(), pv1::CERTIFICATE_STATE_ACTIVE);
  EXPECT_EQ(v.number(), "NX-2025-000777");
  EXPECT_EQ(v.holder_name_masked(), "欧**");
  EXPECT_EQ(v.agency_name(), agency_.name());
  EXPECT_THAT(v.domains(), ElementsAre("market_regulation"));
  // Nothing else: no ids, no identity-card number, no officer name.
  const std::string bytes = v.SerializeAsString();
  EXPECT_FALSE(absl::StrContains(bytes, officer_.id()));
  EXPECT_FALSE(absl::StrContains(bytes, cert_.id()));
  EXPECT_FALSE(absl::StrContains(bytes, "欧阳修"));
  EXPECT_FALSE(absl::StrContains(bytes, officer_.id_number_masked()));
  // "<number> <code>", the fields, lower case; a forged token is not read.
  req.set_text("nx-2025-000777 " + absl::AsciiStrToLower(printed.code()));
  ASSERT_TRUE(Verify(req, &v, "Bearer forged").ok());
  req.clear_text();
  req.set_number(printed.number());
  req.set_code(printed.code());
  ASSERT_TRUE(Verify(req, &v).ok());
}

TEST_F(PersonnelVerificationTest, TheCodeIsForPrintersWithinTheCertificatesJurisdiction) {
  pv1::GetCertificateVerificationCodeRequest req;
  pv1::CertificateVerificationCode out;
  req.set_id("x");
  grpc::Status s = stub_->GetCertificateVerificationCode(Ctx(AdminToken()).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), ::testing::StartsWith("id: "));
  req.set_id(cert_.id());
  EXPECT_EQ(stub_
                ->GetCertificateVerificationCode(Ctx(Token({auth::Role::kOfficer}, "640104")).get(),
                                                 req, &out)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(stub_
                ->GetCertificateVerificationCode(
                    Ctx(Token({auth::Role::kSupervisor}, "640106")).get(), req, &out)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Another agency's bound admin in the same county may not print it.
  EXPECT_EQ(
      stub_
          ->GetCertificateVerificationCode(
              Ctx(Token({auth::Role::kAgencyAdmin}, "640104", CreateAgency("640104").id())).get(),
              req, &out)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(PersonnelVerificationTest, AWrongCodeAndAnUnknownNumberAreTheSameNotFound) {
  const pv1::CertificateVerificationCode printed = Printed();
  pv1::VerifyCertificateRequest wrong;
  wrong.set_number(printed.number());
  wrong.set_code(printed.code() == "0000000000" ? "0000000001" : "0000000000");
  pv1::CertificateVerification v;
  grpc::Status a = Verify(wrong, &v);
  pv1::VerifyCertificateRequest unknown;
  unknown.set_number("NX-2025-999999");
  unknown.set_code(printed.code());
  grpc::Status b = Verify(unknown, &v);
  EXPECT_EQ(a.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(b.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(a.error_message(), b.error_message());
}

TEST_F(PersonnelVerificationTest, TheStateIsReadNow) {
  const pv1::CertificateVerificationCode printed = Printed();
  pv1::TransitionCertificateRequest revoke;
  revoke.set_id(cert_.id());
  revoke.set_reason("年度考核不称职");
  pv1::Certificate out;
  ASSERT_TRUE(stub_->RevokeCertificate(Ctx(AdminToken()).get(), revoke, &out).ok());
  pv1::VerifyCertificateRequest req;
  req.set_text(printed.text());
  pv1::CertificateVerification v;
  ASSERT_TRUE(Verify(req, &v).ok());
  EXPECT_FALSE(v.valid());
  EXPECT_EQ(v.state(), pv1::CERTIFICATE_STATE_REVOKED);
}

TEST_F(PersonnelVerificationTest, FieldErrorsAndTheRateLimitPerAddress) {
  const pv1::CertificateVerificationCode printed = Printed();
  pv1::CertificateVerification v;
  pv1::VerifyCertificateRequest both;
  both.set_text(printed.text());
  both.set_number(printed.number());
  grpc::Status s = Verify(both, &v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("text"));
  pv1::VerifyCertificateRequest short_code;
  short_code.set_number(printed.number());
  short_code.set_code("12");
  s = Verify(short_code, &v);
  EXPECT_THAT(s.error_message(), HasSubstr("code"));
  pv1::VerifyCertificateRequest bad_number;
  bad_number.set_number("NX 2025");
  bad_number.set_code(printed.code());
  s = Verify(bad_number, &v);
  EXPECT_THAT(s.error_message(), HasSubstr("number"));
  // 60 a minute in bursts of 10: the burst is spent (three calls above, one
  // per test call), then refused until the fake clock moves on.
  pv1::VerifyCertificateRequest ok;
  ok.set_text(printed.text());
  int refused = 0;
  for (int i = 0; i < 12; ++i) {
    if (Verify(ok, &v).error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) ++refused;
  }
  EXPECT_EQ(refused, 12 - (10 - 3));
  s = Verify(ok, &v);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(s.error_message(), HasSubstr("retry in 1 s"));
  clock_.Advance(absl::Seconds(1));
  EXPECT_TRUE(Verify(ok, &v).ok());
}

}  // namespace
}  // namespace lawenforce::testing
