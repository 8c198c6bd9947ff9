#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_TEXT_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_TEXT_H_

// Terminal text helpers: column width of UTF-8 text and neutralising
// control characters in strings that came from the server.

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace lawenforce::ctl {

// Columns `text` occupies on a terminal: East Asian wide and fullwidth
// characters (Chinese, Japanese, Korean, fullwidth forms) count 2,
// combining marks 0, everything else 1. A byte that is not valid UTF-8
// counts 1.
size_t DisplayWidth(absl::string_view text);

// `text` with every ASCII control character (including ESC, so a record
// cannot drive the terminal) replaced by a visible escape: "\n", "\t",
// "\r" or "\xNN".
std::string Sanitize(absl::string_view text);

// `text` followed by spaces up to `width` display columns.
std::string PadRight(absl::string_view text, size_t width);

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_TEXT_H_
