#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_TEST_UTIL_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_TEST_UTIL_H_

// Shared by the request builder tests: a matcher comparing a message with
// its text format, and a command line parsed with a command's real flags.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "tools/lawenforcectl/commands.h"

namespace lawenforce::ctl {

MATCHER_P(EqualsProto, text, "equals the message " + std::string(text)) {
  auto expected = std::unique_ptr<google::protobuf::Message>(arg.New());
  if (!google::protobuf::TextFormat::ParseFromString(text, expected.get())) {
    *result_listener << "expected text does not parse";
    return false;
  }
  google::protobuf::util::MessageDifferencer differencer;
  std::string diff;
  differencer.ReportDifferencesToString(&diff);
  if (!differencer.Compare(*expected, arg)) {
    *result_listener << diff;
    return false;
  }
  return true;
}

// The command line after "<group> <verb>", parsed with that command's real
// flag table.
inline absl::StatusOr<Args> Parse(const std::string& group, const std::string& verb,
                                  const std::vector<std::string>& tokens) {
  const Command* command = FindCommand(group, verb);
  if (command == nullptr) {
    return absl::NotFoundError(group + " " + verb);
  }
  return ParseCommandArgs(*command, tokens);
}

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_TEST_UTIL_H_
