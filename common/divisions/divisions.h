#ifndef LAWENFORCE_COMMON_DIVISIONS_DIVISIONS_H_
#define LAWENFORCE_COMMON_DIVISIONS_DIVISIONS_H_

// GB/T 2260 administrative divisions and the four supervision tiers. The one
// place that answers parent, tier, is-within and name; every jurisdiction
// check in the suite goes through it (ARCHITECTURE.md section 2).

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace lawenforce {

enum class Tier { kRegion = 1, kCity = 2, kCounty = 3, kTownship = 4 };

absl::string_view TierName(Tier tier);  // "region", "city", "county", "township"

struct Division {
  std::string code;
  std::string name;  // Empty for a township accepted under its county but not shipped.
  Tier tier;
  std::string parent;  // Empty for the region.
};

// An immutable table of divisions. Thread-safe after construction.
class Divisions {
 public:
  // Reads a TSV of `code name tier parent` rows (comments start with '#',
  // the first non-comment row is the header). Fails with INVALID_ARGUMENT
  // naming the line on any malformed row, unknown parent, or wrong tier.
  static absl::StatusOr<Divisions> LoadFromFile(const std::string& path);
  static absl::StatusOr<Divisions> LoadFromString(absl::string_view tsv);

  // The division for `code`. A 9-digit township code not in the table is
  // accepted when its 6-digit county exists (the table need not list every
  // township). NOT_FOUND otherwise; INVALID_ARGUMENT when not 6 or 9 digits.
  absl::StatusOr<Division> Lookup(absl::string_view code) const;

  // Like Lookup, but every failure is INVALID_ARGUMENT naming `field`.
  absl::StatusOr<Division> Validate(absl::string_view field, absl::string_view code) const;

  // True when `code` is `ancestor` or lies in its subtree. False for unknown codes.
  bool IsWithin(absl::string_view code, absl::string_view ancestor) const;

  // The prefix every code in the subtree of `code` starts with ("64" for the
  // region, "6401" for a city, the code itself below). For SQL `LIKE ? || '%'`.
  // Precondition: `code` is known (Lookup succeeded).
  static std::string SubtreePrefix(absl::string_view code);

  // The division that metrics label `code` with: townships roll up to their
  // county to bound cardinality; other tiers are themselves.
  static std::string MetricsDivision(absl::string_view code);

  // The root (region) code.
  const std::string& root() const { return root_; }

  // Every division of the table, in file order.
  const std::vector<Division>& all() const { return all_; }

 private:
  Divisions() = default;

  std::vector<Division> all_;
  absl::flat_hash_map<std::string, size_t> index_;
  std::string root_;
};

}  // namespace lawenforce

#endif  // LAWENFORCE_COMMON_DIVISIONS_DIVISIONS_H_
