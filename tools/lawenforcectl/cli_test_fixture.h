#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_CLI_TEST_FIXTURE_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_CLI_TEST_FIXTURE_H_

// A test fixture that drives the whole CLI, as a process would, against an
// in-process fake of one service on a port chosen by the kernel: the real
// channel, with the environment variables, standard input and ids replaced.
// The fake's address is in the variable its commands read
// (LAWENFORCE_CASE_SERVER...); every other service's address points at a
// closed port, so a command that connects to the wrong service fails.

#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "tools/lawenforcectl/environment.h"
#include "tools/lawenforcectl/run.h"

namespace lawenforce::ctl {

// The last request a fake service received (on a server thread), for the
// test thread to read.
template <typename Request>
class LastRequest {
 public:
  void Record(const Request& request) {
    absl::MutexLock lock(&mu_);
    last_ = request;
  }
  Request Get() {
    absl::MutexLock lock(&mu_);
    return last_;
  }

 private:
  absl::Mutex mu_;
  Request last_ ABSL_GUARDED_BY(mu_);
};

struct CliResult {
  int code;
  std::string out;
  std::string err;
};

template <typename FakeService>
class CliTest : public ::testing::Test {
 protected:
  explicit CliTest(const ServiceEndpoint& endpoint) : endpoint_(endpoint) {}

  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_GT(port, 0);
    address_ = "127.0.0.1:" + std::to_string(port);

    env_ = SystemEnvironment();
    env_.getenv = [this](absl::string_view name) -> std::optional<std::string> {
      auto it = vars_.find(std::string(name));
      return it == vars_.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    env_.read_stdin = [this]() -> absl::StatusOr<std::string> { return stdin_; };
    env_.ids = &ids_;
    for (const ServiceEndpoint* other :
         {&kPersonnelEndpoint, &kCaseEndpoint, &kSupervisionEndpoint, &kTaskEndpoint}) {
      vars_[std::string(other->env)] = "127.0.0.1:1";
    }
    vars_[std::string(endpoint_.env)] = address_;
    vars_["LAWENFORCE_TOKEN"] = "t0k";
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
  }

  CliResult Cli(const std::vector<std::string>& tokens) {
    std::ostringstream out;
    std::ostringstream err;
    int code = ::lawenforce::ctl::Run(tokens, env_, out, err);
    return {code, out.str(), err.str()};
  }

  const ServiceEndpoint& endpoint_;
  FakeService service_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
  std::map<std::string, std::string> vars_;
  std::string stdin_;
  SequentialIdGenerator ids_;
  Environment env_;
};

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_CLI_TEST_FIXTURE_H_
