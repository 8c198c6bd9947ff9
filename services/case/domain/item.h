#ifndef LAWENFORCE_SERVICES_CASE_DOMAIN_ITEM_H_
#define LAWENFORCE_SERVICES_CASE_DOMAIN_ITEM_H_

// The enforcement item catalogue (行政执法事项目录, tasks 16, 17): what an
// agency may do. Free of gRPC and SQL types.

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace lawenforce::cases {

enum class ItemKind { kPenalty = 1, kCoercion = 2, kInspection = 3, kOther = 4 };

struct EnforcementItem {
  std::string id;
  std::string agency_id;
  std::string division_code;  // the agency's
  std::string code;           // unique per agency, upper-case
  std::string name;
  ItemKind kind = ItemKind::kPenalty;
  std::string legal_basis;
  std::string domain;
  bool major = false;  // decisions need legal review (APL art. 58)
  bool delegated_to_townships = false;
  absl::Time create_time;
  int64_t version = 1;
};

// The input rules of a new item: INVALID_ARGUMENT naming "item.<field>".
// code 1..32 of [A-Za-z0-9-]; name 1..200 and legal_basis 1..500
// characters of text; domain a domain code; a known kind.
absl::Status ValidateItem(const EnforcementItem& item);

// The stored form of a code: upper-case (codes compare case-insensitively).
std::string NormalizeItemCode(const std::string& code);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_DOMAIN_ITEM_H_
