// Drives the supervision commands of the CLI, as a process would, against an
// in-process fake supervision service: they connect to the supervision-service
// address, read the complainant's phone from stdin, and take two-word verbs
// (review campaign create).

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lawenforce/supervision/v1/supervision.grpc.pb.h"
#include "tools/lawenforcectl/cli_test_fixture.h"

namespace lawenforce::ctl {
namespace {

namespace sv1 = ::lawenforce::supervision::v1;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

class FakeSupervisionService final : public sv1::SupervisionService::Service {
 public:
  grpc::Status SubmitComplaint(grpc::ServerContext*, const sv1::SubmitComplaintRequest* request,
                               sv1::Complaint* response) override {
    submitted.Record(*request);
    response->set_id("c-1");
    response->set_channel(request->complaint().channel());
    response->set_state(sv1::COMPLAINT_STATE_RECEIVED);
    response->mutable_complainant()->set_phone_masked("139****2468");
    sv1::Clock* clock = response->add_clocks();
    clock->set_kind(sv1::CLOCK_KIND_RESOLVE);
    clock->set_limit_source("hotline_12345 default");
    return grpc::Status::OK;
  }

  grpc::Status GetComplaint(grpc::ServerContext*, const sv1::GetComplaintRequest* request,
                            sv1::Complaint* response) override {
    response->set_id(request->id());
    response->set_state(sv1::COMPLAINT_STATE_IN_HANDLING);
    return grpc::Status::OK;
  }

  grpc::Status CreateReviewCampaign(grpc::ServerContext*,
                                    const sv1::CreateReviewCampaignRequest* request,
                                    sv1::ReviewCampaign* response) override {
    response->set_id("rc-1");
    response->set_title(request->title());
    response->set_seed(request->seed());
    response->set_sample_size(request->sample_size());
    return grpc::Status::OK;
  }

  LastRequest<sv1::SubmitComplaintRequest> submitted;
};

class SupervisionRunTest : public CliTest<FakeSupervisionService> {
 protected:
  SupervisionRunTest() : CliTest(kSupervisionEndpoint) {}
};

TEST_F(SupervisionRunTest, HelpNamesEveryServicesAddressFlagEnvironmentAndDefault) {
  const std::string help = Cli({"help"}).out;
  for (const ServiceEndpoint* e :
       {&kPersonnelEndpoint, &kCaseEndpoint, &kSupervisionEndpoint, &kTaskEndpoint}) {
    EXPECT_THAT(help, HasSubstr(absl::StrCat("--", e->flag, " HOST:PORT")));
    EXPECT_THAT(help, HasSubstr(absl::StrCat(e->env, ", default ", e->default_address)));
  }
  EXPECT_EQ(kSupervisionEndpoint.default_address, "localhost:50053");
}

TEST_F(SupervisionRunTest, HelpListsTwoWordVerbs) {
  EXPECT_THAT(Cli({"help"}).out, HasSubstr("  review campaign create "));
  CliResult group = Cli({"review", "--help"});
  EXPECT_EQ(group.code, 0);
  EXPECT_THAT(group.out, HasSubstr("  review campaign list "));
  for (const std::vector<std::string>& tokens :
       {std::vector<std::string>{"review", "campaign", "create", "--help"},
        std::vector<std::string>{"help", "review", "campaign", "create"}}) {
    CliResult command = Cli(tokens);
    EXPECT_EQ(command.code, 0) << command.err;
    EXPECT_THAT(command.out, StartsWith("usage: lawenforcectl review campaign create --division"));
  }
}

TEST_F(SupervisionRunTest, AnIncompleteTwoWordVerbIsAUsageError) {
  CliResult result = Cli({"review", "campaign"});
  EXPECT_EQ(result.code, 2);
  EXPECT_THAT(result.err, StartsWith("error: unknown command \"review campaign\"\n"));
  EXPECT_THAT(result.err, HasSubstr("review campaign get"));
  EXPECT_EQ(Cli({"help", "review", "campaign"}).code, 2);
  EXPECT_EQ(Cli({"help", "review", "campaign", "get", "more"}).code, 2);
}

TEST_F(SupervisionRunTest, TwoWordVerbsTakeTheirFlagsAndRunTheirRpc) {
  CliResult result =
      Cli({"review", "campaign", "create", "--division", "640104", "--title", "2025年第一季度评查",
           "--decided-from", "2025-01-01", "--decided-to", "2025-03-31", "--sample-size", "5",
           "--seed", "00112233445566778899aabbccddeeff", "--output", "json"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"id\": \"rc-1\""));
  EXPECT_THAT(result.out, HasSubstr("\"sample_size\": 5"));
}

TEST_F(SupervisionRunTest, SupervisionCommandsUseTheirServerFlagOverTheEnvironment) {
  vars_["LAWENFORCE_SUPERVISION_SERVER"] = "127.0.0.1:1";
  CliResult result = Cli({"--supervision-server", address_, "--server", "127.0.0.1:1",
                          "--case-server", "127.0.0.1:1", "complaint", "get", "c-9"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("id:"));
  EXPECT_THAT(result.out, HasSubstr("c-9"));
  EXPECT_THAT(result.out, HasSubstr("IN_HANDLING"));
}

TEST_F(SupervisionRunTest, AnUnreachableSupervisionServiceIsNamed) {
  CliResult result =
      Cli({"complaint", "get", "c-1", "--supervision-server", "127.0.0.1:1", "--timeout", "5s"});
  EXPECT_EQ(result.code, 3);
  EXPECT_THAT(result.err, HasSubstr("  server: 127.0.0.1:1 (supervision-service)\n"));
}

TEST_F(SupervisionRunTest, SubmitReadsThePhoneFromStdinAndPrintsItMasked) {
  stdin_ = "13909512468\n";
  CliResult result =
      Cli({"complaint", "submit", "--channel", "hotline_12345", "--ticket", "NX12345-1",
           "--category", "inaction", "--content", "占道经营无人处理", "--complainant-kind",
           "person", "--name", "王小明", "--phone", "-", "--agency", "a-1"});
  ASSERT_EQ(result.code, 0) << result.err;
  const sv1::SubmitComplaintRequest sent = service_.submitted.Get();
  EXPECT_EQ(sent.complaint().complainant().phone(), "13909512468");
  EXPECT_EQ(sent.complaint().complainant().name(), "王小明");
  EXPECT_EQ(sent.request_id(), "00000000-0000-4000-8000-000000000001");
  EXPECT_THAT(result.out, HasSubstr("139****2468"));
  EXPECT_THAT(result.out, HasSubstr("hotline_12345 default"));
  EXPECT_THAT(result.out, Not(HasSubstr("13909512468")));
}

}  // namespace
}  // namespace lawenforce::ctl
