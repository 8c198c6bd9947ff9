#include "common/log/capture.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"

namespace lawenforce::log {

std::map<std::string, std::string> ParseLine(absl::string_view line) {
  std::map<std::string, std::string> fields;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\n')) {
      ++i;
    }
    size_t eq = line.find('=', i);
    if (eq == absl::string_view::npos) {
      break;
    }
    std::string key(line.substr(i, eq - i));
    i = eq + 1;
    std::string value;
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (i < line.size() && line[i] != '"') {
        if (line[i] == '\\' && i + 1 < line.size()) {
          char escaped = line[++i];
          switch (escaped) {
            case 'n':
              value.push_back('\n');
              break;
            case 'r':
              value.push_back('\r');
              break;
            case 't':
              value.push_back('\t');
              break;
            case 'x':
              if (int code = 0;
                  i + 2 < line.size() && absl::SimpleHexAtoi(line.substr(i + 1, 2), &code)) {
                value.push_back(static_cast<char>(code));
                i += 2;
              }
              break;
            default:
              value.push_back(escaped);
          }
        } else {
          value.push_back(line[i]);
        }
        ++i;
      }
      ++i;  // Closing quote.
    } else {
      size_t end = line.find_first_of(" \n", i);
      if (end == absl::string_view::npos) {
        end = line.size();
      }
      value = std::string(line.substr(i, end - i));
      i = end;
    }
    fields[std::move(key)] = std::move(value);
  }
  return fields;
}

ScopedCapture::ScopedCapture() : previous_(SetSink(this)) {}

ScopedCapture::~ScopedCapture() { SetSink(previous_); }

void ScopedCapture::Write(absl::string_view line) {
  if (absl::EndsWith(line, "\n")) {
    line.remove_suffix(1);
  }
  absl::MutexLock lock(&mu_);
  lines_.emplace_back(line);
}

std::vector<std::string> ScopedCapture::lines() const {
  absl::MutexLock lock(&mu_);
  return lines_;
}

std::vector<std::map<std::string, std::string>> ScopedCapture::Events(
    absl::string_view event) const {
  std::vector<std::map<std::string, std::string>> events;
  for (const std::string& line : lines()) {
    std::map<std::string, std::string> fields = ParseLine(line);
    if (fields["event"] == event) {
      events.push_back(std::move(fields));
    }
  }
  return events;
}

}  // namespace lawenforce::log
