#ifndef LAWENFORCE_SERVICES_CASE_STORE_CASE_STORE_H_
#define LAWENFORCE_SERVICES_CASE_STORE_CASE_STORE_H_

// The persistence port of case-service, one interface per resource. No SQL
// or gRPC types cross it; the SQL implementation is sql_case_store.h, the
// in-memory fake for app tests in_memory_case_store.h. Every mutating call
// is one transaction with its audit row and idempotency key, durable when
// it returns. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/store/audit.h"
#include "common/store/idempotency.h"
#include "common/store/record_store.h"
#include "services/case/domain/item.h"

namespace lawenforce::cases {

using store::AuditEntry;
using store::Created;
using store::IdempotencyKey;
using store::PageRequest;

struct ItemFilter {
  std::string division_prefix;  // subtree prefix (Divisions::SubtreePrefix)
  std::string agency_id;        // optional
};

class ItemStore {
 public:
  virtual ~ItemStore() = default;
  // ALREADY_EXISTS "item.code: ..." when the agency's catalogue has the code.
  virtual absl::StatusOr<Created> CreateItem(const EnforcementItem& item,
                                             const std::optional<IdempotencyKey>& key,
                                             const AuditEntry& audit) = 0;
  // NOT_FOUND "item not found".
  virtual absl::StatusOr<EnforcementItem> GetItem(const std::string& id) = 0;
  virtual absl::StatusOr<std::vector<EnforcementItem>> ListItems(const ItemFilter& filter,
                                                                 const PageRequest& page) = 0;
};

// The whole port, as one object implements it.
class CaseStore : public ItemStore {};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_STORE_CASE_STORE_H_
