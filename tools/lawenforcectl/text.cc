#include "tools/lawenforcectl/text.h"

#include <cstdint>

#include "absl/strings/str_format.h"

namespace lawenforce::ctl {
namespace {

struct Range {
  uint32_t first;
  uint32_t last;
};

// East Asian Width W and F (Unicode 15, UAX #11), merged into the blocks
// that matter for Chinese text; emoji presentation is left at 1.
constexpr Range kWide[] = {
    {0x1100, 0x115F},    // Hangul Jamo initials
    {0x2E80, 0x303E},    // CJK radicals, Kangxi, CJK symbols and punctuation
    {0x3041, 0x33FF},    // Hiragana .. CJK compatibility
    {0x3400, 0x4DBF},    // CJK extension A
    {0x4E00, 0x9FFF},    // CJK unified ideographs
    {0xA000, 0xA4CF},    // Yi
    {0xA960, 0xA97F},    // Hangul Jamo extended A
    {0xAC00, 0xD7A3},    // Hangul syllables
    {0xF900, 0xFAFF},    // CJK compatibility ideographs
    {0xFE10, 0xFE19},    // vertical forms
    {0xFE30, 0xFE6F},    // CJK compatibility forms, small forms
    {0xFF00, 0xFF60},    // fullwidth forms
    {0xFFE0, 0xFFE6},    // fullwidth signs
    {0x20000, 0x2FFFD},  // CJK extensions B..F
    {0x30000, 0x3FFFD},  // CJK extension G
};

constexpr Range kZero[] = {
    {0x0300, 0x036F},  // combining diacritical marks
    {0x200B, 0x200F},  // zero-width space, joiners, direction marks
    {0xFE00, 0xFE0F},  // variation selectors
};

bool In(uint32_t c, const Range* begin, const Range* end) {
  for (const Range* r = begin; r != end; ++r) {
    if (c >= r->first && c <= r->last) {
      return true;
    }
  }
  return false;
}

// Decodes one code point at `text[*i]`, advancing `*i`. Returns false (and
// advances one byte) on an invalid sequence.
bool NextCodePoint(absl::string_view text, size_t* i, uint32_t* c) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  uint8_t b0 = byte(*i);
  size_t length = b0 < 0x80           ? 1
                  : (b0 >> 5) == 0x6  ? 2
                  : (b0 >> 4) == 0xE  ? 3
                  : (b0 >> 3) == 0x1E ? 4
                                      : 0;
  if (length == 0 || *i + length > text.size()) {
    ++*i;
    return false;
  }
  uint32_t value = length == 1   ? b0
                   : length == 2 ? (b0 & 0x1F)
                   : length == 3 ? (b0 & 0x0F)
                                 : (b0 & 0x07);
  for (size_t k = 1; k < length; ++k) {
    uint8_t b = byte(*i + k);
    if ((b & 0xC0) != 0x80) {
      ++*i;
      return false;
    }
    value = (value << 6) | (b & 0x3F);
  }
  *i += length;
  *c = value;
  return true;
}

}  // namespace

size_t DisplayWidth(absl::string_view text) {
  size_t width = 0;
  size_t i = 0;
  while (i < text.size()) {
    uint32_t c = 0;
    if (!NextCodePoint(text, &i, &c)) {
      width += 1;
    } else if (In(c, std::begin(kZero), std::end(kZero))) {
      // No column of its own.
    } else if (In(c, std::begin(kWide), std::end(kWide))) {
      width += 2;
    } else {
      width += 1;
    }
  }
  return width;
}

std::string Sanitize(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      out += absl::StrFormat("\\x%02x", c);
    } else {
      out += ch;
    }
  }
  return out;
}

std::string PadRight(absl::string_view text, size_t width) {
  std::string out(text);
  size_t used = DisplayWidth(text);
  if (used < width) {
    out.append(width - used, ' ');
  }
  return out;
}

}  // namespace lawenforce::ctl
