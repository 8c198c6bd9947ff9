#include "common/log/log.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>

#include "absl/base/thread_annotations.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"

namespace lawenforce::log {
namespace {

std::atomic<int> g_min_level{static_cast<int>(Level::kInfo)};

absl::Mutex g_sink_mu;
Sink* g_sink ABSL_GUARDED_BY(g_sink_mu) = nullptr;  // nullptr: stderr.

// One write(2) per line; loops only on EINTR or a short write (which a pipe
// or terminal can return for long lines).
void WriteToStderr(absl::string_view line) {
  const char* data = line.data();
  size_t left = line.size();
  while (left > 0) {
    ssize_t n = ::write(STDERR_FILENO, data, left);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return;  // Nowhere left to report a failure to log.
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
}

bool NeedsQuoting(absl::string_view value) {
  if (value.empty()) {
    return true;
  }
  for (unsigned char c : value) {
    if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f) {
      return true;
    }
  }
  return false;
}

void AppendValue(std::string* out, absl::string_view value) {
  if (!NeedsQuoting(value)) {
    out->append(value.data(), value.size());
    return;
  }
  out->push_back('"');
  for (unsigned char c : value) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < ' ' || c == 0x7f) {
          absl::StrAppendFormat(out, "\\x%02x", c);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

void AppendKey(std::string* out, absl::string_view key) {
  for (char c : key) {
    bool ok = absl::ascii_isalnum(c) || c == '_' || c == '.' || c == '-';
    out->push_back(ok ? c : '_');
  }
}

void AppendField(std::string* out, absl::string_view key, absl::string_view value) {
  out->push_back(' ');
  AppendKey(out, key);
  out->push_back('=');
  AppendValue(out, value);
}

}  // namespace

absl::string_view LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "unknown";
}

absl::StatusOr<Level> ParseLevel(absl::string_view name) {
  std::string lower = absl::AsciiStrToLower(name);
  if (lower == "debug") {
    return Level::kDebug;
  }
  if (lower == "info") {
    return Level::kInfo;
  }
  if (lower == "warn" || lower == "warning") {
    return Level::kWarn;
  }
  if (lower == "error") {
    return Level::kError;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("log level \"", name, "\" is not one of debug, info, warn, error"));
}

void SetMinLevel(Level level) {
  g_min_level.store(static_cast<int>(level), std::memory_order_relaxed);
}

Level MinLevel() { return static_cast<Level>(g_min_level.load(std::memory_order_relaxed)); }

std::string FormatLine(absl::Time time, Level level, absl::string_view event,
                       absl::Span<const Field> fields) {
  std::string line =
      absl::StrCat("ts=", absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone()),
                   " level=", LevelName(level));
  AppendField(&line, "event", event);
  for (const Field& field : fields) {
    AppendField(&line, field.key, field.value.text());
  }
  line.push_back('\n');
  return line;
}

void Log(Level level, absl::string_view event, absl::Span<const Field> fields) {
  if (!IsEnabled(level)) {
    return;
  }
  std::string line = FormatLine(absl::Now(), level, event, fields);
  absl::ReaderMutexLock lock(&g_sink_mu);
  if (g_sink == nullptr) {
    WriteToStderr(line);
  } else {
    g_sink->Write(line);
  }
}

Sink* SetSink(Sink* sink) {
  absl::MutexLock lock(&g_sink_mu);
  Sink* previous = g_sink;
  g_sink = sink;
  return previous;
}

}  // namespace lawenforce::log
