#ifndef LAWENFORCE_SERVICES_CASE_STORE_IN_MEMORY_CASE_STORE_H_
#define LAWENFORCE_SERVICES_CASE_STORE_IN_MEMORY_CASE_STORE_H_

// CaseStore in memory, for app-layer unit tests: the contract of
// case_store.h (uniqueness, idempotency keys, paging by id) with no SQL.
// Audit rows are kept for assertions. Thread-safe.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "common/store/in_memory_keys.h"
#include "services/case/store/case_store.h"

namespace lawenforce::cases {

class InMemoryCaseStore final : public CaseStore {
 public:
  absl::StatusOr<Created> CreateItem(const EnforcementItem& item,
                                     const std::optional<IdempotencyKey>& key,
                                     const AuditEntry& audit) override;
  absl::StatusOr<EnforcementItem> GetItem(const std::string& id) override;
  absl::StatusOr<std::vector<EnforcementItem>> ListItems(const ItemFilter& filter,
                                                         const PageRequest& page) override;

  std::vector<AuditEntry> audit_log() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, EnforcementItem> items_ ABSL_GUARDED_BY(mu_);
  store::InMemoryKeys keys_ ABSL_GUARDED_BY(mu_);
  std::vector<AuditEntry> audit_ ABSL_GUARDED_BY(mu_);
};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_STORE_IN_MEMORY_CASE_STORE_H_
