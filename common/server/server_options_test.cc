#include "common/server/server_options.h"

#include <map>
#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::server {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;

config::EnvLookup Environment(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
}

absl::StatusOr<ServerOptions> OptionsFor(std::vector<std::string> args,
                                         std::map<std::string, std::string> env = {}) {
  config::Flags flags("test", Environment(std::move(env)));
  DefineServerFlags(flags);
  if (absl::Status parsed = flags.Parse(args); !parsed.ok()) {
    return parsed;
  }
  return ServerOptionsFromFlags(flags, "cases");
}

TEST(ServerOptionsTest, DefaultsMatchTheStruct) {
  ASSERT_OK_AND_ASSIGN(ServerOptions options, OptionsFor({}));
  const ServerOptions defaults;
  EXPECT_EQ(options.service_name, "cases");
  EXPECT_EQ(options.listen, defaults.listen);
  EXPECT_EQ(options.metrics_listen, defaults.metrics_listen);
  EXPECT_EQ(options.max_message_bytes, 4 * 1024 * 1024);
  // Bounded by default (docs/adr/0006).
  EXPECT_EQ(options.handler_threads, 16);
  EXPECT_EQ(options.max_queued_calls, 256);
  EXPECT_EQ(options.max_concurrent_streams, 128);
  EXPECT_EQ(options.memory_quota_bytes, int64_t{256} << 20);
  EXPECT_EQ(options.shutdown_grace, absl::Seconds(10));
  EXPECT_EQ(options.unready_delay, absl::ZeroDuration());
  EXPECT_EQ(options.log_level, log::Level::kInfo);
}

TEST(ServerOptionsTest, FlagsAndEnvironmentSetEveryOption) {
  ASSERT_OK_AND_ASSIGN(
      ServerOptions options,
      OptionsFor({"--listen=127.0.0.1:7000", "--max-message-bytes", "1024", "--shutdown-grace=3s",
                  "--unready-delay=5s", "--max-threads=4", "--max-queued=9", "--max-streams=7",
                  "--memory-quota-mb=64"},
                 {{"LAWENFORCE_METRICS_LISTEN", ""}, {"LAWENFORCE_LOG_LEVEL", "debug"}}));
  EXPECT_EQ(options.listen, "127.0.0.1:7000");
  EXPECT_EQ(options.metrics_listen, "");
  EXPECT_EQ(options.max_message_bytes, 1024);
  EXPECT_EQ(options.shutdown_grace, absl::Seconds(3));
  EXPECT_EQ(options.unready_delay, absl::Seconds(5));
  EXPECT_EQ(options.handler_threads, 4);
  EXPECT_EQ(options.max_queued_calls, 9);
  EXPECT_EQ(options.max_concurrent_streams, 7);
  EXPECT_EQ(options.memory_quota_bytes, int64_t{64} << 20);
  EXPECT_EQ(options.log_level, log::Level::kDebug);
}

TEST(ServerOptionsTest, BadValuesNameTheirFlag) {
  EXPECT_THAT(OptionsFor({"--max-message-bytes=0"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--max-message-bytes")));
  EXPECT_THAT(OptionsFor({"--max-message-bytes=4GiB"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--max-message-bytes")));
  EXPECT_THAT(OptionsFor({"--max-message-bytes=4294967296"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--max-message-bytes")));
  EXPECT_THAT(OptionsFor({"--shutdown-grace=soon"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--shutdown-grace")));
  for (const char* bad : {"--max-threads=-1", "--max-threads=0"}) {
    EXPECT_THAT(OptionsFor({bad}),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--max-threads")));
  }
  EXPECT_THAT(OptionsFor({"--max-queued=-1"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--max-queued")));
  EXPECT_THAT(OptionsFor({"--memory-quota-mb=1"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--memory-quota-mb")));
  EXPECT_THAT(OptionsFor({"--log-level=chatty"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--log-level")));
  EXPECT_THAT(OptionsFor({"--listen="}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--listen")));
}

}  // namespace
}  // namespace lawenforce::server
