#include "services/case/store/in_memory_case_store.h"

#include "absl/strings/match.h"

namespace lawenforce::cases {

absl::StatusOr<Created> InMemoryCaseStore::CreateItem(const EnforcementItem& item,
                                                      const std::optional<IdempotencyKey>& key,
                                                      const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::optional<Created>> earlier = keys_.Check(key);
  if (!earlier.ok()) return earlier.status();
  if (earlier->has_value()) return **earlier;
  for (const auto& [id, other] : items_) {
    if (other.agency_id == item.agency_id && other.code == item.code) {
      return absl::AlreadyExistsError("item.code: already in this agency's catalogue");
    }
  }
  items_[item.id] = item;
  keys_.Record(key, item.id);
  audit_.push_back(audit);
  return Created{item.id, false};
}

absl::StatusOr<EnforcementItem> InMemoryCaseStore::GetItem(const std::string& id) {
  absl::MutexLock lock(&mu_);
  auto it = items_.find(id);
  if (it == items_.end()) return absl::NotFoundError("item not found");
  return it->second;
}

absl::StatusOr<std::vector<EnforcementItem>> InMemoryCaseStore::ListItems(const ItemFilter& f,
                                                                          const PageRequest& page) {
  absl::MutexLock lock(&mu_);
  std::vector<EnforcementItem> out;
  for (auto it = items_.upper_bound(page.after_id);
       it != items_.end() && static_cast<int>(out.size()) < page.limit; ++it) {
    if (absl::StartsWith(it->second.division_code, f.division_prefix) &&
        (f.agency_id.empty() || it->second.agency_id == f.agency_id)) {
      out.push_back(it->second);
    }
  }
  return out;
}

std::vector<AuditEntry> InMemoryCaseStore::audit_log() const {
  absl::MutexLock lock(&mu_);
  return audit_;
}

}  // namespace lawenforce::cases
