// Drives the whole CLI, as a process would, against an in-process fake
// personnel service on a port chosen by the kernel.

#include "tools/lawenforcectl/run.h"

#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "lawenforce/personnel/v1/personnel.grpc.pb.h"
#include "tools/lawenforcectl/cli_test_fixture.h"
#include "tools/lawenforcectl/test_util.h"

namespace lawenforce::ctl {
namespace {

namespace v1 = ::lawenforce::personnel::v1;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

class FakePersonnelService final : public v1::PersonnelService::Service {
 public:
  grpc::Status GetCertificate(grpc::ServerContext* context,
                              const v1::GetCertificateRequest* request,
                              v1::Certificate* response) override {
    Remember(context);
    response->set_id(request->id());
    response->set_number("NX-1");
    response->set_state(v1::CERTIFICATE_STATE_ACTIVE);
    return grpc::Status::OK;
  }

  grpc::Status ListCertificates(grpc::ServerContext* context,
                                const v1::ListCertificatesRequest* request,
                                v1::ListCertificatesResponse* response) override {
    Remember(context);
    if (request->page_token().empty()) {
      response->add_certificates()->set_id("c-1");
      response->set_next_page_token("p2");
    } else if (request->page_token() == "p2") {
      response->add_certificates()->set_id("c-2");
    } else {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad page token");
    }
    return grpc::Status::OK;
  }

  grpc::Status CreateAgency(grpc::ServerContext* context, const v1::CreateAgencyRequest* request,
                            v1::Agency* response) override {
    Remember(context);
    {
      absl::MutexLock lock(&mu_);
      request_ids_.push_back(request->request_id());
    }
    if (request->agency().name() == "bad") {
      google::rpc::BadRequest bad_request;
      auto* violation = bad_request.add_field_violations();
      violation->set_field("agency.name");
      violation->set_description("too short");
      google::rpc::Status status;
      status.set_code(static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
      status.set_message("agency.name: too short");
      status.add_details()->PackFrom(bad_request);
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, status.message(),
                          status.SerializeAsString());
    }
    *response = request->agency();
    response->set_id("a-1");
    return grpc::Status::OK;
  }

  grpc::Status GetCertificateVerificationCode(
      grpc::ServerContext* context, const v1::GetCertificateVerificationCodeRequest* request,
      v1::CertificateVerificationCode* response) override {
    Remember(context);
    response->set_certificate_id(request->id());
    response->set_number("NX-2025-000777");
    response->set_code("0A1B2C3D4E");
    response->set_text("https://zfjd.nx.gov.cn/verify?n=NX-2025-000777&c=0A1B2C3D4E");
    return grpc::Status::OK;
  }

  // The public method: "NX-404" is unknown, code "12" is a field error.
  grpc::Status VerifyCertificate(grpc::ServerContext* context,
                                 const v1::VerifyCertificateRequest* request,
                                 v1::CertificateVerification* response) override {
    Remember(context);
    verify_requests_.Record(*request);
    if (request->code() == "12") {
      google::rpc::BadRequest bad_request;
      auto* violation = bad_request.add_field_violations();
      violation->set_field("code");
      violation->set_description("must be the 10 characters printed with the certificate");
      google::rpc::Status status;
      status.set_code(static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
      status.set_message("code: must be the 10 characters printed with the certificate");
      status.add_details()->PackFrom(bad_request);
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, status.message(),
                          status.SerializeAsString());
    }
    if (request->number() == "NX-404") {
      return grpc::Status(grpc::StatusCode::NOT_FOUND,
                          "no certificate with this number and verification code");
    }
    response->set_number("NX-2025-000777");
    response->set_valid(true);
    response->set_state(v1::CERTIFICATE_STATE_ACTIVE);
    response->set_kind(v1::CERTIFICATE_KIND_ENFORCEMENT);
    response->add_domains("market_regulation");
    response->add_domains("food_safety");
    response->mutable_valid_from()->set_year(2025);
    response->mutable_valid_from()->set_month(1);
    response->mutable_valid_from()->set_day(1);
    response->mutable_valid_until()->set_year(2030);
    response->mutable_valid_until()->set_month(12);
    response->mutable_valid_until()->set_day(31);
    response->set_agency_name("兴庆区市场监督管理局");
    response->set_holder_name_masked("欧**");
    response->mutable_checked_at()->set_seconds(1740792600);
    return grpc::Status::OK;
  }

  std::string last_authorization() {
    absl::MutexLock lock(&mu_);
    return last_authorization_;
  }
  std::vector<std::string> request_ids() {
    absl::MutexLock lock(&mu_);
    return request_ids_;
  }
  // Whether the last call carried `authorization` metadata at all.
  bool last_had_authorization() {
    absl::MutexLock lock(&mu_);
    return last_had_authorization_;
  }
  LastRequest<v1::VerifyCertificateRequest> verify_requests_;

 private:
  void Remember(grpc::ServerContext* context) {
    auto it = context->client_metadata().find("authorization");
    absl::MutexLock lock(&mu_);
    last_had_authorization_ = it != context->client_metadata().end();
    last_authorization_ = it == context->client_metadata().end()
                              ? ""
                              : std::string(it->second.data(), it->second.size());
  }

  absl::Mutex mu_;
  std::string last_authorization_ ABSL_GUARDED_BY(mu_);
  bool last_had_authorization_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::string> request_ids_ ABSL_GUARDED_BY(mu_);
};

using Result = CliResult;

class RunTest : public CliTest<FakePersonnelService> {
 protected:
  RunTest() : CliTest(kPersonnelEndpoint) {}
};

TEST_F(RunTest, HelpPrintsUsageAndExitsZero) {
  Result top = Cli({"help"});
  EXPECT_EQ(top.code, 0);
  EXPECT_THAT(top.out, HasSubstr("cert issue"));
  EXPECT_THAT(top.out, HasSubstr("--server HOST:PORT"));

  Result group = Cli({"cert", "--help"});
  EXPECT_EQ(group.code, 0);
  EXPECT_THAT(group.out, HasSubstr("cert revoke"));

  Result command = Cli({"cert", "issue", "--help"});
  EXPECT_EQ(command.code, 0);
  EXPECT_THAT(command.out, HasSubstr("--valid-from YYYY-MM-DD"));
  EXPECT_THAT(command.out, HasSubstr("--kind enforcement|supervision"));
  EXPECT_EQ(Cli({"help", "staffing"}).code, 0);
}

TEST_F(RunTest, UnknownCommandIsAUsageError) {
  Result group = Cli({"certs", "list"});
  EXPECT_EQ(group.code, 2);
  EXPECT_THAT(group.err, HasSubstr("unknown command \"certs\""));
  Result verb = Cli({"cert", "frobnicate"});
  EXPECT_EQ(verb.code, 2);
  EXPECT_THAT(verb.err, HasSubstr("unknown command \"cert frobnicate\""));
  EXPECT_EQ(Cli({}).code, 2);
}

TEST_F(RunTest, MissingRequiredFlagIsNamedWithTheSynopsis) {
  Result result = Cli({"cert", "issue", "--officer", "o-1"});
  EXPECT_EQ(result.code, 2);
  EXPECT_THAT(result.err, StartsWith("error: missing required flag --number\n"
                                     "usage: lawenforcectl cert issue --officer ID"));
}

TEST_F(RunTest, BadValueIsAUsageErrorBeforeAnyCall) {
  Result result = Cli({"cert", "list", "--timeout", "soon"});
  EXPECT_EQ(result.code, 2);
  EXPECT_THAT(result.err, StartsWith("error: --timeout: want a positive duration"));
  EXPECT_EQ(service_.last_authorization(), "");
}

TEST_F(RunTest, NoTokenIsAUsageError) {
  vars_.erase("LAWENFORCE_TOKEN");
  Result result = Cli({"cert", "get", "c-1"});
  EXPECT_EQ(result.code, 2);
  EXPECT_THAT(result.err, StartsWith("error: no token"));
}

TEST_F(RunTest, GetSendsTheBearerTokenAndPrintsAListing) {
  Result result = Cli({"cert", "get", "c-1"});
  ASSERT_EQ(result.code, 0) << result.err;
  // Zero, false and UNSPECIFIED are values and shown; empty strings are not.
  EXPECT_EQ(result.out,
            "id:              c-1\n"
            "number:          NX-1\n"
            "kind:            UNSPECIFIED\n"
            "state:           ACTIVE\n"
            "review_required: false\n");
  EXPECT_EQ(service_.last_authorization(), "Bearer t0k");
}

TEST_F(RunTest, GlobalFlagsMayPrecedeTheCommandAndOverrideTheEnvironment) {
  vars_["LAWENFORCE_SERVER"] = "127.0.0.1:1";
  Result result =
      Cli({"--server", address_, "--token=flag-token", "--output", "json", "cert", "get", "c-1"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"id\": \"c-1\""));
  EXPECT_THAT(result.out, HasSubstr("\"state\": \"CERTIFICATE_STATE_ACTIVE\""));
  EXPECT_EQ(service_.last_authorization(), "Bearer flag-token");
}

TEST_F(RunTest, ListShowsTheNextPageAndAllFollowsIt) {
  Result one = Cli({"cert", "list"});
  ASSERT_EQ(one.code, 0) << one.err;
  EXPECT_EQ(one.out,
            "ID   KIND         STATE        REVIEW_REQUIRED\n"
            "c-1  UNSPECIFIED  UNSPECIFIED  false\n"
            "next page: --page-token p2  (or --all)\n");

  Result all = Cli({"cert", "list", "--all"});
  ASSERT_EQ(all.code, 0) << all.err;
  EXPECT_EQ(all.out,
            "ID   KIND         STATE        REVIEW_REQUIRED\n"
            "c-1  UNSPECIFIED  UNSPECIFIED  false\n"
            "c-2  UNSPECIFIED  UNSPECIFIED  false\n");
}

TEST_F(RunTest, ServerValidationErrorPrintsTheFieldAndExitsOne) {
  Result result = Cli({"agency", "create", "--name", "bad", "--division", "640104", "--domain",
                       "market_regulation"});
  EXPECT_EQ(result.code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "error: INVALID_ARGUMENT: agency.name: too short\n"
            "  field: agency.name — too short\n");
}

TEST_F(RunTest, CreatesCarryAFreshOrTheGivenRequestId) {
  ASSERT_EQ(Cli({"agency", "create", "--name", "n", "--division", "640104", "--domain", "d"}).code,
            0);
  ASSERT_EQ(Cli({"agency", "create", "--name", "n", "--division", "640104", "--domain", "d",
                 "--request-id", "retry-1"})
                .code,
            0);
  EXPECT_THAT(service_.request_ids(),
              ::testing::ElementsAre("00000000-0000-4000-8000-000000000001", "retry-1"));
  Result bad = Cli({"agency", "create", "--name", "n", "--division", "640104", "--domain", "d",
                    "--request-id", "not ok"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_THAT(bad.err, StartsWith("error: --request-id: want"));
}

TEST_F(RunTest, UnreachableServerExitsThree) {
  Result result = Cli({"cert", "get", "c-1", "--server", "127.0.0.1:1", "--timeout", "5s"});
  EXPECT_EQ(result.code, 3);
  EXPECT_THAT(result.err, StartsWith("error: UNAVAILABLE"));
  EXPECT_THAT(result.err, HasSubstr("  server: 127.0.0.1:1 (personnel-service)\n"));
  EXPECT_THAT(result.out, Not(HasSubstr("c-1")));
}

constexpr char kPrintedText[] = "https://zfjd.nx.gov.cn/verify?n=NX-2025-000777&c=0A1B2C3D4E";

TEST_F(RunTest, CertQrPrintsTheTextFirstThenTheNumberAndCode) {
  Result result = Cli({"cert", "qr", "c-1"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out, std::string(kPrintedText) +
                            "\n"
                            "number: NX-2025-000777\n"
                            "code:   0A1B2C3D4E\n");
  EXPECT_EQ(service_.last_authorization(), "Bearer t0k");

  Result json = Cli({"cert", "qr", "c-1", "--output", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"certificate_id\": \"c-1\""));
  EXPECT_THAT(json.out, HasSubstr("\"code\": \"0A1B2C3D4E\""));
  EXPECT_THAT(json.out, HasSubstr(std::string("\"text\": \"") + kPrintedText + "\""));

  Result help = Cli({"cert", "qr", "--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_THAT(help.out, HasSubstr("usage: lawenforcectl cert qr ID"));
  EXPECT_THAT(help.out, HasSubstr("any QR\ngenerator renders it"));
  EXPECT_EQ(Cli({"cert", "qr"}).code, 2);
}

TEST_F(RunTest, CertVerifySendsNoTokenEvenWhenOneIsConfigured) {
  ASSERT_EQ(Cli({"cert", "get", "c-1"}).code, 0);
  ASSERT_TRUE(service_.last_had_authorization());
  // LAWENFORCE_TOKEN is set by the fixture; --token and --token-file are not read either.
  Result result = Cli({"--token", "flag-token", "cert", "verify", "--text", kPrintedText,
                       "--token-file", "/no/such/file"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_FALSE(service_.last_had_authorization());
  EXPECT_THAT(service_.verify_requests_.Get(), EqualsProto(R"pb(
                text: "https://zfjd.nx.gov.cn/verify?n=NX-2025-000777&c=0A1B2C3D4E"
              )pb"));
  EXPECT_EQ(result.out,
            "number:             NX-2025-000777\n"
            "valid:              true\n"
            "state:              ACTIVE\n"
            "kind:               ENFORCEMENT\n"
            "domains:            market_regulation,food_safety\n"
            "valid_from:         2025-01-01\n"
            "valid_until:        2030-12-31\n"
            "agency_name:        兴庆区市场监督管理局\n"
            "holder_name_masked: 欧**\n"
            "checked_at:         2025-03-01T09:30:00+08:00\n");

  // No token anywhere is no usage error either.
  vars_.erase("LAWENFORCE_TOKEN");
  Result fields = Cli(
      {"cert", "verify", "--number", "NX-2025-000777", "--code", "0a1b2c3d4e", "--output", "json"});
  ASSERT_EQ(fields.code, 0) << fields.err;
  EXPECT_FALSE(service_.last_had_authorization());
  EXPECT_THAT(service_.verify_requests_.Get(), EqualsProto(R"pb(
                number: "NX-2025-000777"
                code: "0a1b2c3d4e"
              )pb"));
  EXPECT_THAT(fields.out, HasSubstr("\"valid\": true"));
  EXPECT_THAT(fields.out, HasSubstr("\"holder_name_masked\": \"欧**\""));
}

TEST_F(RunTest, CertVerifyUsageAndServerErrors) {
  Result none = Cli({"cert", "verify"});
  EXPECT_EQ(none.code, 2);
  EXPECT_THAT(none.err, StartsWith("error: missing required flag: --text, or --number and --code"));
  EXPECT_THAT(none.err, HasSubstr("usage: lawenforcectl cert verify [--text TEXT]"));
  Result both = Cli({"cert", "verify", "--text", kPrintedText, "--number", "NX-2025-000777"});
  EXPECT_EQ(both.code, 2);
  EXPECT_THAT(both.err, StartsWith("error: give --text, or --number and --code, not both"));
  Result half = Cli({"cert", "verify", "--number", "NX-2025-000777"});
  EXPECT_EQ(half.code, 2);
  EXPECT_THAT(half.err, StartsWith("error: missing required flag --code"));

  Result bad = Cli({"cert", "verify", "--number", "NX-2025-000777", "--code", "12"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_EQ(bad.out, "");
  EXPECT_EQ(bad.err,
            "error: INVALID_ARGUMENT: code: must be the 10 characters printed with the "
            "certificate\n"
            "  field: code — must be the 10 characters printed with the certificate\n");
  Result unknown = Cli({"cert", "verify", "--number", "NX-404", "--code", "0A1B2C3D4E"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_EQ(unknown.err,
            "error: NOT_FOUND: no certificate with this number and verification code\n");

  Result help = Cli({"cert", "verify", "--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_THAT(help.out, HasSubstr("sends no token"));
  EXPECT_THAT(Cli({"cert", "--help"}).out, HasSubstr("cert verify"));
}

TEST_F(RunTest, UnimplementedRpcIsAnRpcError) {
  Result result = Cli({"staffing", "--division", "640100"});
  EXPECT_EQ(result.code, 1);
  EXPECT_THAT(result.err, StartsWith("error: UNIMPLEMENTED"));
}

}  // namespace
}  // namespace lawenforce::ctl
