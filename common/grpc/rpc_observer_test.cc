#include "common/grpc/rpc_observer.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/notification.h"
#include "common/grpc/status_mapping.h"
#include "common/grpc/test_service.h"
#include "common/log/capture.h"
#include "common/status/errors.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"

namespace lawenforce::grpc_edge {
namespace {

using ::lawenforce::testing::v1::EchoRequest;
using ::lawenforce::testing::v1::EchoResponse;
using ::lawenforce::testing::v1::EchoService;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::Optional;
using ::testing::SizeIs;

constexpr char kToken[] = "s3cr3t-token-value";
constexpr char kEcho[] = "/lawenforce.testing.v1.EchoService/Echo";

// A bare grpc::Server with the observer, the echo service and nothing else.
class RpcObserverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auth::Principal officer;
    officer.subject = "officer-7";
    verifier_.Accept(kToken, officer);

    registry_ = std::make_shared<prometheus::Registry>();
    ::grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", ::grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&service_);
    std::vector<std::unique_ptr<::grpc::experimental::ServerInterceptorFactoryInterface>> creators;
    creators.push_back(
        std::make_unique<RpcObserverFactory>(std::make_shared<GrpcServerMetrics>(*registry_)));
    builder.experimental().SetInterceptorCreators(std::move(creators));
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_GT(port, 0);
    channel_ = ::grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                     ::grpc::InsecureChannelCredentials());
    stub_ = EchoService::NewStub(channel_);
  }

  void TearDown() override {
    service_.ReleaseBlockedCalls();
    server_->Shutdown();
  }

  // A client context with the token and, when given, a request id.
  std::unique_ptr<::grpc::ClientContext> Context(const std::string& request_id = "") {
    auto ctx = std::make_unique<::grpc::ClientContext>();
    ctx->AddMetadata("authorization", std::string("Bearer ") + kToken);
    if (!request_id.empty()) {
      ctx->AddMetadata("x-request-id", request_id);
    }
    ctx->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    return ctx;
  }

  double Handled(const std::string& method, const std::string& type, const std::string& code) {
    return testing::CounterValue(*registry_, "grpc_server_handled_total",
                                 {{"grpc_service", "lawenforce.testing.v1.EchoService"},
                                  {"grpc_method", method},
                                  {"grpc_type", type},
                                  {"grpc_code", code}});
  }

  testing::FakeTokenVerifier verifier_;
  testing::EchoServiceImpl service_{verifier_};
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<::grpc::Server> server_;
  std::shared_ptr<::grpc::Channel> channel_;
  std::unique_ptr<EchoService::Stub> stub_;
};

TEST_F(RpcObserverTest, SuccessfulCallIsCountedAndLoggedOnce) {
  log::ScopedCapture capture;
  EchoRequest request;
  request.set_text("hello");
  EchoResponse response;
  auto ctx = Context("req-1");
  ASSERT_TRUE(stub_->Echo(ctx.get(), request, &response).ok());
  EXPECT_EQ(response.subject(), "officer-7");

  const std::map<std::string, std::string> labels = {
      {"grpc_service", "lawenforce.testing.v1.EchoService"},
      {"grpc_method", "Echo"},
      {"grpc_type", "unary"}};
  EXPECT_EQ(testing::CounterValue(*registry_, "grpc_server_started_total", labels), 1);
  EXPECT_EQ(Handled("Echo", "unary", "OK"), 1);
  EXPECT_EQ(Handled("Echo", "unary", "InvalidArgument"), 0);
  std::optional<prometheus::ClientMetric> latency =
      testing::FindSeries(*registry_, "grpc_server_handling_seconds", labels);
  ASSERT_TRUE(latency.has_value());
  EXPECT_EQ(latency->histogram.sample_count, 1u);

  auto rpcs = capture.Events("rpc");
  ASSERT_THAT(rpcs, SizeIs(1));
  EXPECT_EQ(rpcs[0]["level"], "info");
  EXPECT_EQ(rpcs[0]["method"], kEcho);
  EXPECT_EQ(rpcs[0]["code"], "OK");
  EXPECT_EQ(rpcs[0]["request_id"], "req-1");
  EXPECT_THAT(rpcs[0]["peer"], HasSubstr("127.0.0.1"));
  EXPECT_THAT(rpcs[0]["latency_ms"], MatchesRegex("[0-9]+\\.[0-9]{3}"));
  EXPECT_THAT(rpcs[0], SizeIs(8));  // ts level event method code latency_ms request_id peer
}

TEST_F(RpcObserverTest, TheTokenNeverReachesTheLog) {
  log::ScopedCapture capture;
  log::SetMinLevel(log::Level::kDebug);
  EchoRequest request;
  request.set_code(13);
  request.set_text("boom");
  EchoResponse response;
  auto ctx = Context();
  stub_->Echo(ctx.get(), request, &response);
  log::SetMinLevel(log::Level::kInfo);
  ASSERT_THAT(capture.lines(), Not(SizeIs(0)));
  for (const std::string& line : capture.lines()) {
    EXPECT_THAT(line, Not(HasSubstr(kToken)));
    EXPECT_THAT(line, Not(HasSubstr("authorization")));
  }
}

TEST_F(RpcObserverTest, FailedCallsAreCountedByCode) {
  EchoRequest request;
  request.set_code(3);
  request.set_field("echo.text");
  request.set_text("too loud");
  EchoResponse response;
  auto ctx = Context();
  ::grpc::Status status = stub_->Echo(ctx.get(), request, &response);
  EXPECT_EQ(status.error_code(), ::grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldOf(FromGrpcStatus(status)), Optional(std::string("echo.text")));

  ::grpc::ClientContext anonymous;
  EXPECT_EQ(stub_->Echo(&anonymous, request, &response).error_code(),
            ::grpc::StatusCode::UNAUTHENTICATED);

  EXPECT_EQ(Handled("Echo", "unary", "InvalidArgument"), 1);
  EXPECT_EQ(Handled("Echo", "unary", "Unauthenticated"), 1);
  EXPECT_EQ(Handled("Echo", "unary", "OK"), 0);
}

TEST_F(RpcObserverTest, GeneratedRequestIdIsSharedWithTheHandlersLogLines) {
  log::ScopedCapture capture;
  EchoRequest request;
  request.set_code(13);
  request.set_text("disk on fire");
  EchoResponse response;
  auto ctx = Context();
  ::grpc::Status status = stub_->Echo(ctx.get(), request, &response);
  EXPECT_EQ(status.error_code(), ::grpc::StatusCode::INTERNAL);
  EXPECT_EQ(status.error_message(), "internal error");

  auto rpcs = capture.Events("rpc");
  auto internal = capture.Events("internal_error");
  ASSERT_THAT(rpcs, SizeIs(1));
  ASSERT_THAT(internal, SizeIs(1));
  EXPECT_EQ(rpcs[0]["level"], "warn");
  EXPECT_EQ(rpcs[0]["code"], "INTERNAL");
  EXPECT_THAT(rpcs[0]["request_id"], MatchesRegex("[0-9a-f]{16}"));
  EXPECT_EQ(internal[0]["request_id"], rpcs[0]["request_id"]);
  EXPECT_EQ(internal[0]["error"], "disk on fire");
}

TEST_F(RpcObserverTest, MalformedRequestIdIsReplaced) {
  log::ScopedCapture capture;
  EchoRequest request;
  EchoResponse response;
  auto ctx = Context(std::string(200, 'a'));
  ASSERT_TRUE(stub_->Echo(ctx.get(), request, &response).ok());
  auto rpcs = capture.Events("rpc");
  ASSERT_THAT(rpcs, SizeIs(1));
  EXPECT_THAT(rpcs[0]["request_id"], MatchesRegex("[0-9a-f]{16}"));
}

TEST_F(RpcObserverTest, EveryAnswerCarriesTheRequestIdInItsTrailers) {
  log::ScopedCapture capture;
  EchoRequest request;
  EchoResponse response;
  auto given = Context("req-7");
  ASSERT_TRUE(stub_->Echo(given.get(), request, &response).ok());
  auto trailer = [](const ::grpc::ClientContext& ctx) {
    auto [first, last] = ctx.GetServerTrailingMetadata().equal_range("x-request-id");
    std::vector<std::string> out;
    for (auto it = first; it != last; ++it) out.emplace_back(it->second.data(), it->second.size());
    return out;
  };
  EXPECT_THAT(trailer(*given), ::testing::ElementsAre("req-7"));
  // Generated, and a failed call too: the id its log line has.
  request.set_code(13);
  request.set_text("disk on fire");
  auto generated = Context();
  EXPECT_EQ(stub_->Echo(generated.get(), request, &response).error_code(),
            ::grpc::StatusCode::INTERNAL);
  auto rpcs = capture.Events("rpc");
  ASSERT_THAT(rpcs, SizeIs(2));
  EXPECT_THAT(trailer(*generated), ::testing::ElementsAre(rpcs[1]["request_id"]));
  // Unauthenticated calls are answered with one as well.
  ::grpc::ClientContext anonymous;
  EXPECT_EQ(stub_->Echo(&anonymous, request, &response).error_code(),
            ::grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(trailer(anonymous), SizeIs(1));
}

TEST_F(RpcObserverTest, ServerStreamingCallsHaveTheirType) {
  EchoRequest request;
  request.set_text("again");
  request.set_count(3);
  auto ctx = Context();
  std::unique_ptr<::grpc::ClientReader<EchoResponse>> reader =
      stub_->EchoStream(ctx.get(), request);
  EchoResponse response;
  int received = 0;
  while (reader->Read(&response)) {
    ++received;
  }
  ASSERT_TRUE(reader->Finish().ok());
  EXPECT_EQ(received, 3);
  EXPECT_EQ(Handled("EchoStream", "server_stream", "OK"), 1);
}

TEST_F(RpcObserverTest, UnknownMethodsDoNotCreateSeriesPerName) {
  ::grpc::GenericStub generic(channel_);
  for (const char* method : {"/lawenforce.testing.v1.EchoService/Nope", "/x.Y/Z"}) {
    ::grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    ::grpc::Slice empty(std::string{});
    ::grpc::ByteBuffer request(&empty, 1);
    ::grpc::ByteBuffer response;
    absl::Notification done;
    ::grpc::Status status;
    generic.UnaryCall(&ctx, method, ::grpc::StubOptions(), &request, &response,
                      [&](::grpc::Status s) {
                        status = std::move(s);
                        done.Notify();
                      });
    done.WaitForNotification();
    EXPECT_EQ(status.error_code(), ::grpc::StatusCode::UNIMPLEMENTED);
  }
  EXPECT_EQ(testing::CounterValue(*registry_, "grpc_server_handled_total",
                                  {{"grpc_service", "unknown"},
                                   {"grpc_method", "unknown"},
                                   {"grpc_type", "bidi_stream"},
                                   {"grpc_code", "Unimplemented"}}),
            2);
  for (const auto& labels : testing::SeriesLabels(*registry_, "grpc_server_started_total")) {
    EXPECT_THAT(labels.at("grpc_method"), Not(HasSubstr("Nope")));
    EXPECT_THAT(labels.at("grpc_service"), Not(HasSubstr("x.Y")));
  }
}

}  // namespace
}  // namespace lawenforce::grpc_edge
