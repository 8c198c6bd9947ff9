#ifndef LAWENFORCE_COMMON_STORE_IDEMPOTENCY_H_
#define LAWENFORCE_COMMON_STORE_IDEMPOTENCY_H_

// Idempotent creates (AIP-155, ARCHITECTURE.md section 5): the client's
// request_id is stored with a hash of the request in the same transaction
// as the record it created, so a retry creates nothing twice and a reused
// request_id with a different request is refused.
//
// Each service includes kIdempotencyKeysTableSql in one of its migrations.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/store/sql.h"

namespace lawenforce::store {

inline constexpr absl::string_view kIdempotencyKeysTableSql = R"sql(
CREATE TABLE idempotency_keys (
  method TEXT NOT NULL,
  request_id TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  PRIMARY KEY (method, request_id)
);
)sql";

// A client's idempotency key for a create.
struct IdempotencyKey {
  std::string method;        // e.g. "CreateOfficer"
  std::string request_id;    // client-chosen
  std::string request_hash;  // hash of the canonical request
};

// Inside a write transaction, before creating: the id created earlier under
// (method, request_id) when the hash matches; nullopt when the key is new;
// INVALID_ARGUMENT naming `request_id` when it was used for another request.
absl::StatusOr<std::optional<std::string>> FindIdempotentResult(Transaction& tx,
                                                                absl::string_view method,
                                                                absl::string_view request_id,
                                                                absl::string_view request_hash);

absl::StatusOr<std::optional<std::string>> FindIdempotentResult(Transaction& tx,
                                                                const IdempotencyKey& key);

// Inside the same transaction, after creating `resource_id`.
absl::Status RecordIdempotentResult(Transaction& tx, absl::string_view method,
                                    absl::string_view request_id, absl::string_view request_hash,
                                    absl::string_view resource_id, absl::Time now);

absl::Status RecordIdempotentResult(Transaction& tx, const IdempotencyKey& key,
                                    absl::string_view resource_id, absl::Time now);

// Lower-case hex SHA-256 of `canonical_request` (e.g. a deterministic
// serialization of the request without its request_id).
std::string RequestHash(absl::string_view canonical_request);

}  // namespace lawenforce::store

#endif  // LAWENFORCE_COMMON_STORE_IDEMPOTENCY_H_
