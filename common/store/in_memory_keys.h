#ifndef LAWENFORCE_COMMON_STORE_IN_MEMORY_KEYS_H_
#define LAWENFORCE_COMMON_STORE_IN_MEMORY_KEYS_H_

// The idempotency-key rule of RecordStore::Create for the in-memory fakes of
// services' store ports: the same key and hash replays, the same key with
// another hash is refused. Not thread-safe: the fake holds its own lock.

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "common/status/errors.h"
#include "common/store/idempotency.h"
#include "common/store/record_store.h"

namespace lawenforce::store {

class InMemoryKeys {
 public:
  // The earlier create under `key` (replayed), INVALID_ARGUMENT naming
  // request_id for another request, or nullopt: go on and create.
  absl::StatusOr<std::optional<Created>> Check(const std::optional<IdempotencyKey>& key) const {
    if (!key.has_value()) return std::nullopt;
    auto it = keys_.find({key->method, key->request_id});
    if (it == keys_.end()) return std::nullopt;
    if (it->second.first != key->request_hash) {
      return InvalidField("request_id", "already used for a different request");
    }
    return Created{it->second.second, true};
  }

  // After a create of `id` under `key`.
  void Record(const std::optional<IdempotencyKey>& key, const std::string& id) {
    if (key.has_value()) keys_[{key->method, key->request_id}] = {key->request_hash, id};
  }

 private:
  // (method, request_id) -> (hash, id)
  std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> keys_;
};

}  // namespace lawenforce::store

#endif  // LAWENFORCE_COMMON_STORE_IN_MEMORY_KEYS_H_
