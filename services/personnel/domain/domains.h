#ifndef LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_DOMAINS_H_
#define LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_DOMAINS_H_

// The enforcement domains (执法领域) the suite knows, from
// data/enforcement-domains.tsv (loaded at start, --enforcement-domains): an
// agency's and a certificate's domains must be on it, so a misspelt code is
// refused instead of silently covering nothing.

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace lawenforce::personnel {

// Thread-safe after construction (read only).
class EnforcementDomains {
 public:
  // Tab-separated lines "code<TAB>name"; '#' lines and blank lines are
  // skipped. INVALID_ARGUMENT naming the line for a malformed code or a
  // duplicate, and for a text without any domain.
  static absl::StatusOr<EnforcementDomains> Parse(absl::string_view text);

  bool Contains(absl::string_view code) const { return codes_.contains(code); }
  size_t size() const { return codes_.size(); }

  // 1..32 domains, each well-formed and on the list, no duplicates;
  // INVALID_ARGUMENT naming "<field>[i]" ("unknown enforcement domain <d>").
  absl::Status Validate(absl::string_view field, const std::vector<std::string>& domains) const;

 private:
  absl::flat_hash_set<std::string> codes_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_DOMAINS_H_
