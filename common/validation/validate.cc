#include "common/validation/validate.h"

#include <algorithm>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace lawenforce {
namespace {

// Decodes one UTF-8 sequence at the front of `text` and removes it. Returns
// nullopt on malformed input: a bad lead or continuation byte, a truncated
// sequence, an overlong form, a surrogate, or a code point above U+10FFFF.
std::optional<char32_t> DecodeUtf8(absl::string_view& text) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  size_t length;
  char32_t code_point;
  char32_t minimum;
  if (lead < 0x80) {
    text.remove_prefix(1);
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code_point = lead & 0x1F;
    minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code_point = lead & 0x0F;
    minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code_point = lead & 0x07;
    minimum = 0x10000;
  } else {
    return std::nullopt;
  }
  if (text.size() < length) {
    return std::nullopt;
  }
  for (size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) {
      return std::nullopt;
    }
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  if (code_point < minimum || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return std::nullopt;
  }
  text.remove_prefix(length);
  return code_point;
}

// C0 controls, DEL and the C1 controls.
bool IsControl(char32_t code_point) {
  return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
}

// The shared body of ValidateText and ValidateOptionalText for a non-empty value.
absl::Status ValidateNonEmptyText(absl::string_view field, absl::string_view value, int max_chars,
                                  absl::string_view blank_message, bool multiline = false) {
  int chars = 0;
  bool has_control = false;
  for (absl::string_view rest = value; !rest.empty();) {
    std::optional<char32_t> code_point = DecodeUtf8(rest);
    if (!code_point.has_value()) {
      return InvalidField(field, "must be valid UTF-8");
    }
    const bool line_break = *code_point == '\n' || *code_point == '\r' || *code_point == '\t';
    has_control = has_control || (IsControl(*code_point) && !(multiline && line_break));
    ++chars;
  }
  if (absl::StripAsciiWhitespace(value).empty()) {
    return InvalidField(field, blank_message);
  }
  if (has_control) {
    return InvalidField(field, "must not contain control characters");
  }
  if (chars > max_chars) {
    return InvalidField(field, absl::StrCat("must be at most ", max_chars, " characters"));
  }
  return absl::OkStatus();
}

bool IsAsciiLowerOrDigitOrUnderscore(char c) {
  return absl::ascii_islower(static_cast<unsigned char>(c)) ||
         absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '_';
}

}  // namespace

absl::Status ValidateText(absl::string_view field, absl::string_view value, int max_chars) {
  return ValidateNonEmptyText(field, value, max_chars, "required");
}

absl::Status ValidateOptionalText(absl::string_view field, absl::string_view value, int max_chars) {
  if (value.empty()) {
    return absl::OkStatus();
  }
  return ValidateNonEmptyText(field, value, max_chars, "must not be only whitespace");
}

absl::Status ValidateMultilineText(absl::string_view field, absl::string_view value,
                                   int max_chars) {
  return ValidateNonEmptyText(field, value, max_chars, "required", /*multiline=*/true);
}

absl::Status ValidateOptionalMultilineText(absl::string_view field, absl::string_view value,
                                           int max_chars) {
  if (value.empty()) {
    return absl::OkStatus();
  }
  return ValidateNonEmptyText(field, value, max_chars, "must not be only whitespace",
                              /*multiline=*/true);
}

absl::Status ValidateRequestId(absl::string_view field, absl::string_view request_id) {
  if (request_id.size() > 64) {
    return InvalidField(field, "must be at most 64 characters");
  }
  for (char c : request_id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
      return InvalidField(field, "may contain only letters, digits, _ and -");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateYear(absl::string_view field, int year) {
  if (year < 2000 || year > 2100) {
    return InvalidField(field, "must be between 2000 and 2100");
  }
  return absl::OkStatus();
}

absl::Status ValidateDomainCode(absl::string_view field, absl::string_view domain) {
  if (domain.empty()) {
    return InvalidField(field, "required");
  }
  bool valid = domain.size() >= 2 && domain.size() <= 64 &&
               absl::ascii_islower(static_cast<unsigned char>(domain[0]));
  for (size_t i = 1; valid && i < domain.size(); ++i) {
    valid = IsAsciiLowerOrDigitOrUnderscore(domain[i]);
  }
  if (!valid) {
    return InvalidField(field,
                        "must be 2..64 characters: a lower-case letter, then lower-case letters, "
                        "digits or _");
  }
  return absl::OkStatus();
}

std::string TruncateText(absl::string_view value, int max_chars) {
  size_t i = 0;
  for (int n = 0; n < max_chars && i < value.size(); ++n) {
    const auto lead = static_cast<unsigned char>(value[i]);
    i += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  }
  return std::string(value.substr(0, std::min(i, value.size())));
}

}  // namespace lawenforce
