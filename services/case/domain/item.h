#ifndef LAWENFORCE_SERVICES_CASE_DOMAIN_ITEM_H_
#define LAWENFORCE_SERVICES_CASE_DOMAIN_ITEM_H_

// The enforcement item catalogue (行政执法事项目录, tasks 16, 17, 19): what
// an agency may do. An item is never deleted (cases refer to it); what it
// says changes by effective-dated versions, so that a case can apply the
// rule in force when the violation happened (APL art. 37, benchmark.h).
// Free of gRPC and SQL types.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace lawenforce::cases {

enum class ItemKind { kPenalty = 1, kCoercion = 2, kInspection = 3, kOther = 4 };
const char* ItemKindName(ItemKind k);  // "PENALTY"

// What an item says from `effective_from` until the next version's.
struct ItemVersion {
  int64_t number = 1;  // 1, 2, ... per item
  absl::Time effective_from;
  std::string name;
  std::string legal_basis;
  bool major = false;  // decisions need legal review (APL art. 58)
  bool delegated_to_townships = false;
  // From effective_from on the conduct is no longer punishable under this
  // item (the rule was repealed): a decision then imposes no penalty.
  bool repealed = false;
  std::string reason;  // why the version was made; empty for the first
  std::string created_by;
  absl::Time create_time;
};

struct EnforcementItem {
  std::string id;
  std::string agency_id;
  std::string division_code;  // the agency's
  std::string code;           // unique per agency, upper-case
  ItemKind kind = ItemKind::kPenalty;
  std::string domain;
  // The latest version's content (what the catalogue says from its
  // effective_from on), kept on the item for lists.
  std::string name;
  std::string legal_basis;
  bool major = false;
  bool delegated_to_townships = false;
  absl::Time create_time;
  int64_t version = 1;  // record version (etag), bumped by each revision
  // Every version, ascending by number and effective_from.
  std::vector<ItemVersion> versions;
};

// The input rules of a new item: INVALID_ARGUMENT naming "item.<field>".
// code 1..32 of [A-Za-z0-9-]; name 1..200 and legal_basis 1..500
// characters of text; domain a domain code; a known kind.
absl::Status ValidateItem(const EnforcementItem& item);

// A revision of `item` effective from `v.effective_from`: name and legal
// basis as for a new item ("version.name", "version.legal_basis"), a
// reason of 1..500 characters ("version.reason"), and effective_from not
// before `now` and after the latest version's ("version.effective_from"):
// what the catalogue said was in force at a past moment never changes.
absl::Status ValidateRevision(const EnforcementItem& item, const ItemVersion& v, absl::Time now);

// The version in force at `t`: the last whose effective_from <= t;
// nullopt before the first.
std::optional<ItemVersion> ItemVersionAt(const std::vector<ItemVersion>& versions, absl::Time t);

// The stored form of a code: upper-case (codes compare case-insensitively).
std::string NormalizeItemCode(const std::string& code);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_DOMAIN_ITEM_H_
