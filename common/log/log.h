#ifndef LAWENFORCE_COMMON_LOG_LOG_H_
#define LAWENFORCE_COMMON_LOG_LOG_H_

// Structured logs: one line per event, logfmt-style key=value, to stderr.
//
//   log::Info("case_filed", {{"case_id", id}, {"division", code}});
//   -> ts=2026-11-25T13:00:00.123Z level=info event=case_filed case_id=C-1 division=640104
//
// Values are quoted ("...", with \" \\ \n escapes) when they are empty or
// contain a space, a quote, '=', a backslash or a control character, so a
// line always parses back into the same fields and never spans two lines.
//
// What NOT to log (ARCHITECTURE.md section 7, STYLE.md rule 15): tokens,
// identity-card numbers, contacts, request bodies. The API deliberately takes
// only named scalar values; there is no way to log gRPC metadata wholesale.
//
// Thread-safe: each line is formatted in full, then written with a single
// write(2), so concurrent lines never interleave.

#include <initializer_list>
#include <string>
#include <type_traits>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

namespace lawenforce::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

// "debug", "info", "warn", "error".
absl::string_view LevelName(Level level);

// The inverse of LevelName (case-insensitive; "warning" is accepted too).
// INVALID_ARGUMENT naming the bad value otherwise.
absl::StatusOr<Level> ParseLevel(absl::string_view name);

// Lines below the minimum level are dropped. The default is kInfo.
void SetMinLevel(Level level);
Level MinLevel();
inline bool IsEnabled(Level level) { return level >= MinLevel(); }

// A field value: text, an integer, a floating-point number or a boolean,
// converted to its text once, when the field is built.
class Value {
 public:
  Value(absl::string_view text) : text_(text) {}               // NOLINT: implicit by design.
  Value(const char* text) : text_(text) {}                     // NOLINT
  Value(const std::string& text) : text_(text) {}              // NOLINT
  Value(bool b) : text_(b ? "true" : "false") {}               // NOLINT
  Value(double d) : text_(absl::StrCat(d)) {}                  // NOLINT
  Value(absl::Duration d) : text_(absl::FormatDuration(d)) {}  // NOLINT
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                                             !std::is_same_v<T, char>,
                                         int> = 0>
  Value(T n) : text_(absl::StrCat(n)) {}  // NOLINT

  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

// One key=value pair. Keys are identifiers chosen in code (snake_case
// literals; the Field only views its key); characters outside
// [A-Za-z0-9_.-] are replaced with '_'.
struct Field {
  Field(absl::string_view k, Value v) : key(k), value(std::move(v)) {}

  absl::string_view key;
  Value value;
};

// The line for one event, terminated by '\n'. Exposed for tests.
std::string FormatLine(absl::Time time, Level level, absl::string_view event,
                       absl::Span<const Field> fields);

// Writes one event at `level` when IsEnabled(level).
void Log(Level level, absl::string_view event, absl::Span<const Field> fields);

inline void Debug(absl::string_view event, std::initializer_list<Field> fields = {}) {
  if (IsEnabled(Level::kDebug)) {
    Log(Level::kDebug, event, fields);
  }
}
inline void Info(absl::string_view event, std::initializer_list<Field> fields = {}) {
  if (IsEnabled(Level::kInfo)) {
    Log(Level::kInfo, event, fields);
  }
}
inline void Warn(absl::string_view event, std::initializer_list<Field> fields = {}) {
  if (IsEnabled(Level::kWarn)) {
    Log(Level::kWarn, event, fields);
  }
}
inline void Error(absl::string_view event, std::initializer_list<Field> fields = {}) {
  Log(Level::kError, event, fields);
}

// Where formatted lines go. The default writes to stderr.
class Sink {
 public:
  virtual ~Sink() = default;

  // Called with one complete line (ending in '\n'), possibly from several
  // threads at once.
  virtual void Write(absl::string_view line) = 0;
};

// Routes lines to `sink` (not owned; nullptr restores stderr) and returns
// the previous sink (nullptr meaning stderr). Blocks until no line is being
// written to the previous sink, so the caller may destroy it afterwards.
Sink* SetSink(Sink* sink);

}  // namespace lawenforce::log

#endif  // LAWENFORCE_COMMON_LOG_LOG_H_
