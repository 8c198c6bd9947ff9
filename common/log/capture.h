#ifndef LAWENFORCE_COMMON_LOG_CAPTURE_H_
#define LAWENFORCE_COMMON_LOG_CAPTURE_H_

// Test support: capture log lines in memory and read their fields back.
//
//   log::ScopedCapture capture;
//   ...code under test...
//   auto rpc_lines = capture.Events("rpc");
//   EXPECT_EQ(rpc_lines[0]["code"], "OK");

#include <map>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "common/log/log.h"

namespace lawenforce::log {

// The fields of one line written by FormatLine, unquoted: {"ts": ...,
// "level": "info", "event": ..., ...}. Malformed input yields whatever
// fields parsed before the error.
std::map<std::string, std::string> ParseLine(absl::string_view line);

// While alive, every log line goes to memory instead of the previous sink,
// which is restored on destruction. Thread-safe.
class ScopedCapture final : public Sink {
 public:
  ScopedCapture();
  ~ScopedCapture() override;
  ScopedCapture(const ScopedCapture&) = delete;
  ScopedCapture& operator=(const ScopedCapture&) = delete;

  void Write(absl::string_view line) override;

  // Every captured line, without its '\n', in order.
  std::vector<std::string> lines() const;

  // The parsed fields of every captured line whose event is `event`.
  std::vector<std::map<std::string, std::string>> Events(absl::string_view event) const;

 private:
  Sink* previous_;
  mutable absl::Mutex mu_;
  std::vector<std::string> lines_ ABSL_GUARDED_BY(mu_);
};

}  // namespace lawenforce::log

#endif  // LAWENFORCE_COMMON_LOG_CAPTURE_H_
