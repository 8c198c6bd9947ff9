#include "common/log/log.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_split.h"
#include "common/log/capture.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::log {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Pair;
using ::testing::SizeIs;

const absl::Time kNoon = absl::FromUnixMillis(1795611600123);  // 2026-11-25T13:00:00.123Z

// Restores the global minimum level after each test.
class LogTest : public ::testing::Test {
 protected:
  ~LogTest() override { SetMinLevel(Level::kInfo); }
};

TEST_F(LogTest, FormatsTimestampLevelEventAndFieldsInOrder) {
  EXPECT_EQ(
      FormatLine(
          kNoon, Level::kInfo, "rpc",
          {{"method", "/a.B/C"}, {"code", "OK"}, {"latency_ms", 1.25}, {"n", 3}, {"cached", true}}),
      "ts=2026-11-25T13:00:00.123Z level=info event=rpc method=/a.B/C code=OK "
      "latency_ms=1.25 n=3 cached=true\n");
}

TEST_F(LogTest, QuotesValuesWithSpacesQuotesEqualsOrControlCharacters) {
  EXPECT_EQ(FormatLine(kNoon, Level::kWarn, "x",
                       {{"a", "two words"},
                        {"b", "say \"hi\""},
                        {"c", "k=v"},
                        {"d", ""},
                        {"e", "line\nbreak"},
                        {"f", "back\\slash"},
                        {"g", "银川市"}}),
            "ts=2026-11-25T13:00:00.123Z level=warn event=x a=\"two words\" b=\"say \\\"hi\\\"\" "
            "c=\"k=v\" d=\"\" e=\"line\\nbreak\" f=\"back\\\\slash\" g=银川市\n");
}

TEST_F(LogTest, KeysAreSanitised) {
  EXPECT_EQ(FormatLine(kNoon, Level::kError, "x", {{"bad key=", 1}}),
            "ts=2026-11-25T13:00:00.123Z level=error event=x bad_key_=1\n");
}

TEST_F(LogTest, ParseLineInvertsFormatLine) {
  std::string line = FormatLine(kNoon, Level::kInfo, "ev",
                                {{"a", "two words"}, {"b", "q\"\\\n\x01"}, {"c", "plain"}});
  EXPECT_THAT(ParseLine(line),
              ElementsAre(Pair("a", "two words"), Pair("b", "q\"\\\n\x01"), Pair("c", "plain"),
                          Pair("event", "ev"), Pair("level", "info"),
                          Pair("ts", "2026-11-25T13:00:00.123Z")));
}

TEST_F(LogTest, ParseLevelAcceptsNamesAndRejectsOthers) {
  EXPECT_THAT(ParseLevel("debug"), IsOkAndHolds(Level::kDebug));
  EXPECT_THAT(ParseLevel("INFO"), IsOkAndHolds(Level::kInfo));
  EXPECT_THAT(ParseLevel("warning"), IsOkAndHolds(Level::kWarn));
  EXPECT_THAT(ParseLevel("error"), IsOkAndHolds(Level::kError));
  EXPECT_THAT(ParseLevel("loud"), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(LogTest, LinesBelowMinimumLevelAreDropped) {
  ScopedCapture capture;
  Debug("hidden");
  Info("shown", {{"k", "v"}});
  SetMinLevel(Level::kWarn);
  Info("hidden_too");
  Warn("warned");
  Error("failed");
  SetMinLevel(Level::kDebug);
  Debug("debugged");
  std::vector<std::string> events;
  for (const std::string& line : capture.lines()) {
    events.push_back(ParseLine(line)["event"]);
  }
  EXPECT_THAT(events, ElementsAre("shown", "warned", "failed", "debugged"));
}

TEST_F(LogTest, CaptureRestoresThePreviousSink) {
  ScopedCapture outer;
  {
    ScopedCapture inner;
    Info("inner");
    EXPECT_THAT(inner.lines(), SizeIs(1));
  }
  Info("outer");
  ASSERT_THAT(outer.lines(), SizeIs(1));
  EXPECT_EQ(ParseLine(outer.lines()[0])["event"], "outer");
}

// The stderr sink writes each line with one write(2): lines logged from many
// threads at once come out whole.
TEST_F(LogTest, ConcurrentLinesToStderrNeverInterleave) {
  lawenforce::testing::TempDir dir;
  std::string path = dir.File("stderr");
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  ASSERT_GE(fd, 0);
  int saved_stderr = ::dup(STDERR_FILENO);
  ASSERT_GE(saved_stderr, 0);
  ASSERT_GE(::dup2(fd, STDERR_FILENO), 0);

  constexpr int kThreads = 8;
  constexpr int kLines = 500;
  const std::string padding(300, 'x');
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &padding] {
      for (int i = 0; i < kLines; ++i) {
        Info("tick", {{"thread", t}, {"i", i}, {"padding", padding}});
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  ::dup2(saved_stderr, STDERR_FILENO);
  ::close(saved_stderr);
  ::close(fd);

  std::ifstream in(path);
  std::stringstream contents;
  contents << in.rdbuf();
  std::vector<std::string> lines = absl::StrSplit(contents.str(), '\n', absl::SkipEmpty());
  ASSERT_THAT(lines, SizeIs(kThreads * kLines));
  for (const std::string& line : lines) {
    std::map<std::string, std::string> fields = ParseLine(line);
    ASSERT_EQ(fields["event"], "tick") << line;
    ASSERT_EQ(fields["padding"], padding) << line;
    ASSERT_EQ(fields.size(), 6u) << line;
  }
}

}  // namespace
}  // namespace lawenforce::log
