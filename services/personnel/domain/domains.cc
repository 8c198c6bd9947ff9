#include "services/personnel/domain/domains.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/errors.h"
#include "common/validation/validate.h"
#include "services/personnel/domain/validation.h"

namespace lawenforce::personnel {

absl::StatusOr<EnforcementDomains> EnforcementDomains::Parse(absl::string_view text) {
  EnforcementDomains out;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    const std::string code(absl::StripAsciiWhitespace(fields[0]));
    if (code == "code") continue;  // the header row
    if (!ValidateDomainCode("code", code).ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("enforcement domains, line ", line_number, ": malformed code ", code));
    }
    if (!out.codes_.insert(code).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("enforcement domains, line ", line_number, ": duplicate code ", code));
    }
  }
  if (out.codes_.empty()) {
    return absl::InvalidArgumentError("enforcement domains: the list is empty");
  }
  return out;
}

absl::Status EnforcementDomains::Validate(absl::string_view field,
                                          const std::vector<std::string>& domains) const {
  if (absl::Status s = ValidateDomains(field, domains); !s.ok()) return s;
  for (size_t i = 0; i < domains.size(); ++i) {
    if (!Contains(domains[i])) {
      return InvalidField(absl::StrCat(field, "[", i, "]"),
                          absl::StrCat("unknown enforcement domain ", domains[i]));
    }
  }
  return absl::OkStatus();
}

}  // namespace lawenforce::personnel
