#include "tools/lawenforcectl/values.h"

#include <cmath>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace lawenforce::ctl {
namespace {

absl::Status Want(absl::string_view flag, absl::string_view what, absl::string_view text) {
  return absl::InvalidArgumentError(
      absl::StrCat("--", flag, ": want ", what, ", got \"", text, "\""));
}

bool AllDigits(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return !s.empty();
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

}  // namespace

absl::StatusOr<common::v1::Date> ParseDateFlag(absl::string_view flag, absl::string_view text) {
  constexpr absl::string_view kWhat = "a date YYYY-MM-DD";
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !AllDigits(text.substr(0, 4)) ||
      !AllDigits(text.substr(5, 2)) || !AllDigits(text.substr(8, 2))) {
    return Want(flag, kWhat, text);
  }
  int year = 0;
  int month = 0;
  int day = 0;
  if (!absl::SimpleAtoi(text.substr(0, 4), &year) || !absl::SimpleAtoi(text.substr(5, 2), &month) ||
      !absl::SimpleAtoi(text.substr(8, 2), &day)) {
    return Want(flag, kWhat, text);
  }
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
    return Want(flag, "a real calendar day YYYY-MM-DD (year 1900 or later)", text);
  }
  common::v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

absl::StatusOr<google::protobuf::Timestamp> ParseTimestampFlag(absl::string_view flag,
                                                               absl::string_view text) {
  constexpr absl::string_view kWhat = "an RFC 3339 time such as 2024-03-01T09:30:00+08:00";
  // absl::ParseTime tolerates surrounding whitespace and lower-case 't';
  // insist on the canonical shape first: date, 'T', time, and an offset.
  if (text.size() < 20 || text[10] != 'T' || absl::ascii_isspace(text.front()) ||
      absl::ascii_isspace(text.back())) {
    return Want(flag, kWhat, text);
  }
  if (!ParseDateFlag(flag, text.substr(0, 10)).ok()) {
    return Want(flag, kWhat, text);
  }
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, std::string(text), &time, &error)) {
    return Want(flag, kWhat, text);
  }
  const int64_t seconds = absl::ToUnixSeconds(time);
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(seconds);
  timestamp.set_nanos(
      static_cast<int32_t>(absl::ToInt64Nanoseconds(time - absl::FromUnixSeconds(seconds))));
  return timestamp;
}

absl::StatusOr<absl::Duration> ParseDurationFlag(absl::string_view flag, absl::string_view text) {
  absl::Duration duration;
  if (!absl::ParseDuration(std::string(text), &duration) || duration <= absl::ZeroDuration() ||
      duration == absl::InfiniteDuration()) {
    return Want(flag, "a positive duration such as 10s, 30m or 12h", text);
  }
  return duration;
}

absl::StatusOr<int32_t> ParseIntFlag(absl::string_view flag, absl::string_view text, int32_t min,
                                     int32_t max) {
  int32_t value = 0;
  if (!absl::SimpleAtoi(text, &value) || value < min || value > max ||
      absl::ascii_isspace(text.front()) || absl::ascii_isspace(text.back()) ||
      text.front() == '+') {
    return Want(flag, absl::StrCat("an integer from ", min, " to ", max), text);
  }
  return value;
}

absl::StatusOr<int64_t> ParseInt64Flag(absl::string_view flag, absl::string_view text, int64_t min,
                                       int64_t max) {
  int64_t value = 0;
  if (text.empty() || !absl::SimpleAtoi(text, &value) || value < min || value > max ||
      absl::ascii_isspace(text.front()) || absl::ascii_isspace(text.back()) ||
      text.front() == '+') {
    return Want(flag, absl::StrCat("an integer from ", min, " to ", max), text);
  }
  return value;
}

absl::StatusOr<double> ParsePositiveNumberFlag(absl::string_view flag, absl::string_view text) {
  double value = 0;
  // SimpleAtod also takes "inf", "nan" and hex floats; a plain decimal is
  // all an hour count needs.
  bool decimal = !text.empty();
  for (char c : text) {
    decimal = decimal && (absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '.');
  }
  if (!decimal || !absl::SimpleAtod(text, &value) || !std::isfinite(value) || value <= 0) {
    return Want(flag, "a number greater than 0, such as 2.5", text);
  }
  return value;
}

absl::StatusOr<int> ParseChoiceFlag(absl::string_view flag, absl::string_view text,
                                    absl::Span<const Choice> choices) {
  for (const Choice& choice : choices) {
    if (choice.name == text) {
      return choice.value;
    }
  }
  return Want(flag, absl::StrCat("one of ", ChoiceNames(choices)), text);
}

std::string ChoiceNames(absl::Span<const Choice> choices) {
  std::vector<absl::string_view> names;
  for (const Choice& choice : choices) {
    if (!choice.alias) {
      names.push_back(choice.name);
    }
  }
  return absl::StrJoin(names, "|");
}

absl::Status CheckRequestId(absl::string_view flag, absl::string_view text) {
  bool ok = !text.empty() && text.size() <= 64;
  for (char c : text) {
    ok = ok && (absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
  }
  if (!ok) {
    return Want(flag, "1 to 64 of A-Z a-z 0-9 _ -", text);
  }
  return absl::OkStatus();
}

}  // namespace lawenforce::ctl
