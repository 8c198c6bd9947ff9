// TLS and mTLS on the gRPC port with certificates made by openssl at test
// time: a good client, a client without a certificate, an expired client
// certificate, a plaintext client, the plaintext health-only port, and a
// rotation of the server's certificate without a restart.

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/grpc/test_service.h"
#include "common/server/server.h"
#include "common/server/tls.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"

namespace lawenforce::server {
namespace {

using ::lawenforce::grpc_edge::testing::CheckHealth;
using ::lawenforce::grpc_edge::testing::EchoServiceImpl;
using ::lawenforce::grpc_edge::testing::FakeTokenVerifier;
using ::lawenforce::grpc_edge::testing::ListServicesByReflection;
using ::lawenforce::testing::v1::EchoRequest;
using ::lawenforce::testing::v1::EchoResponse;
using ::lawenforce::testing::v1::EchoService;

constexpr char kToken[] = "tls-test-token";

// Runs a shell command in `dir`; fails the test on a non-zero exit.
void Sh(const std::string& dir, const std::string& command) {
  const std::string full = absl::StrCat("cd '", dir, "' && (", command, ") >openssl.log 2>&1");
  ASSERT_EQ(std::system(full.c_str()), 0) << command << "\n(see " << dir << "/openssl.log)";
}

// A CA and certificates it signs, in `dir`: <name>.pem and <name>-key.pem.
void MakeCa(const std::string& dir, const std::string& ca) {
  Sh(dir, absl::StrCat("openssl req -x509 -newkey rsa:2048 -nodes -keyout ", ca, "-key.pem -out ",
                       ca, ".pem -days 2 -subj /CN=", ca));
}
void MakeCert(const std::string& dir, const std::string& ca, const std::string& name,
              const std::string& usage, int days) {
  Sh(dir,
     absl::StrCat("printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\nextendedKeyUsage=", usage,
                  "\\n' > ", name, ".ext && openssl req -newkey rsa:2048 -nodes -keyout ", name,
                  "-key.pem -out ", name, ".csr -subj /CN=", name, " && openssl x509 -req -in ",
                  name, ".csr -CA ", ca, ".pem -CAkey ", ca, "-key.pem -CAcreateserial -out ", name,
                  ".pem -days ", days, " -extfile ", name, ".ext"));
}

class ServerTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string d = dir_.path();
    MakeCa(d, "ca1");
    MakeCa(d, "ca2");
    MakeCert(d, "ca1", "server1", "serverAuth", 2);
    MakeCert(d, "ca2", "server2", "serverAuth", 2);
    MakeCert(d, "ca1", "client", "clientAuth", 2);
    MakeCert(d, "ca1", "expired", "clientAuth", -1);
    // The server reads these paths; rotation replaces their contents.
    std::filesystem::copy_file(File("server1.pem"), File("server.pem"));
    std::filesystem::copy_file(File("server1-key.pem"), File("server-key.pem"));
    auth::Principal officer;
    officer.subject = "officer-7";
    verifier_.Accept(kToken, officer);
    ServerOptions options;
    options.service_name = "echo-tls";
    options.listen = "127.0.0.1:0";
    options.metrics_listen = "";
    options.health_listen = "127.0.0.1:0";
    options.tls =
        TlsFiles{File("server.pem"), File("server-key.pem"), File("ca1.pem"), absl::Seconds(1)};
    absl::StatusOr<std::unique_ptr<Server>> started =
        Server::Start(options, {&service_}, std::make_shared<prometheus::Registry>());
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = *std::move(started);
  }

  std::string File(const std::string& name) const { return dir_.File(name); }

  // A TLS channel trusting `ca`, presenting `client` (none when empty).
  std::shared_ptr<::grpc::Channel> Channel(const std::string& ca, const std::string& client) {
    TlsFiles files{client.empty() ? "" : File(client + ".pem"),
                   client.empty() ? "" : File(client + "-key.pem"), File(ca + ".pem"),
                   absl::Seconds(1)};
    absl::StatusOr<std::shared_ptr<::grpc::ChannelCredentials>> creds =
        MakeChannelCredentials(files);
    EXPECT_TRUE(creds.ok()) << creds.status();
    ::grpc::ChannelArguments args;
    args.SetSslTargetNameOverride("localhost");
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // no connection shared between tests
    return ::grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", server_->port()), *creds, args);
  }

  static ::grpc::Status Echo(const std::shared_ptr<::grpc::Channel>& channel) {
    auto stub = EchoService::NewStub(channel);
    ::grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", absl::StrCat("Bearer ", kToken));
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    EchoRequest req;
    req.set_text("hello");
    EchoResponse resp;
    return stub->Echo(&ctx, req, &resp);
  }

  testing::TempDir dir_;
  FakeTokenVerifier verifier_;
  EchoServiceImpl service_{verifier_};
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTlsTest, AClientWithACertificateOfTheClientCaIsServed) {
  EXPECT_TRUE(Echo(Channel("ca1", "client")).ok());
}

TEST_F(ServerTlsTest, AClientWithoutACertificateIsRefused) {
  EXPECT_EQ(Echo(Channel("ca1", "")).error_code(), ::grpc::StatusCode::UNAVAILABLE);
}

TEST_F(ServerTlsTest, AnExpiredClientCertificateIsRefused) {
  EXPECT_EQ(Echo(Channel("ca1", "expired")).error_code(), ::grpc::StatusCode::UNAVAILABLE);
}

TEST_F(ServerTlsTest, APlaintextClientIsRefusedOnTheTlsPort) {
  auto plain = ::grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                     ::grpc::InsecureChannelCredentials());
  EXPECT_EQ(Echo(plain).error_code(), ::grpc::StatusCode::UNAVAILABLE);
}

TEST_F(ServerTlsTest, TheHealthPortIsPlaintextAndServesOnlyHealth) {
  ASSERT_NE(server_->health_port(), 0);
  auto plain = ::grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->health_port()),
                                     ::grpc::InsecureChannelCredentials());
  EXPECT_THAT(CheckHealth(plain, ""),
              testing::IsOkAndHolds(::grpc::health::v1::HealthCheckResponse::SERVING));
  EXPECT_THAT(CheckHealth(plain, "lawenforce.testing.v1.EchoService"),
              testing::IsOkAndHolds(::grpc::health::v1::HealthCheckResponse::SERVING));
  EXPECT_EQ(Echo(plain).error_code(), ::grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_THAT(ListServicesByReflection(plain), testing::StatusIs(absl::StatusCode::kUnimplemented));
  server_->Shutdown();
  EXPECT_THAT(
      CheckHealth(plain, ""),
      ::testing::Not(testing::IsOkAndHolds(::grpc::health::v1::HealthCheckResponse::SERVING)));
}

TEST_F(ServerTlsTest, ARotatedServerCertificateIsUsedWithoutARestart) {
  EXPECT_TRUE(Echo(Channel("ca1", "client")).ok());
  EXPECT_EQ(Echo(Channel("ca2", "client")).error_code(), ::grpc::StatusCode::UNAVAILABLE);
  // Rotate: the new pair is signed by another CA. Key first, then the
  // certificate, each replaced atomically (rename), as a Secret update does.
  std::filesystem::copy_file(File("server2-key.pem"), File("server-key.pem.new"));
  std::filesystem::copy_file(File("server2.pem"), File("server.pem.new"));
  std::filesystem::rename(File("server-key.pem.new"), File("server-key.pem"));
  std::filesystem::rename(File("server.pem.new"), File("server.pem"));
  const absl::Time give_up = absl::Now() + absl::Seconds(15);
  bool rotated = false;
  while (!rotated && absl::Now() < give_up) {
    rotated = Echo(Channel("ca2", "client")).ok();
    if (!rotated) absl::SleepFor(absl::Milliseconds(200));
  }
  EXPECT_TRUE(rotated) << "new connections still see the old certificate";
  EXPECT_EQ(Echo(Channel("ca1", "client")).error_code(), ::grpc::StatusCode::UNAVAILABLE);
}

TEST(TlsFilesTest, MisconfigurationsNameTheirFlag) {
  testing::TempDir dir;
  std::ofstream(dir.File("not-pem")) << "hello";
  auto server = [](TlsFiles f) { return MakeServerCredentials(f).status(); };
  EXPECT_THAT(server({"", "", "ca.pem"}),
              testing::StatusIs(absl::StatusCode::kInvalidArgument,
                                "--tls-client-ca: needs --tls-cert and --tls-key"));
  EXPECT_THAT(server({"cert.pem", "", ""}), testing::StatusIs(absl::StatusCode::kInvalidArgument,
                                                              ::testing::HasSubstr("--tls-key")));
  EXPECT_THAT(server({dir.File("missing.pem"), dir.File("not-pem"), ""}),
              testing::StatusIs(absl::StatusCode::kInvalidArgument,
                                ::testing::HasSubstr("--tls-cert: cannot read")));
  EXPECT_THAT(
      server({dir.File("not-pem"), dir.File("not-pem"), ""}),
      testing::StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("no PEM")));
  EXPECT_TRUE(MakeServerCredentials({}).ok());  // plaintext
  EXPECT_THAT(
      MakeChannelCredentials({"c.pem", "k.pem", ""}).status(),
      testing::StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("--tls-ca")));
}

}  // namespace
}  // namespace lawenforce::server
