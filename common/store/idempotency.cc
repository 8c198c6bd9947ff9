#include "common/store/idempotency.h"

#include <openssl/sha.h>

#include "absl/strings/escaping.h"
#include "common/status/errors.h"

namespace lawenforce::store {

absl::StatusOr<std::optional<std::string>> FindIdempotentResult(Transaction& tx,
                                                                absl::string_view method,
                                                                absl::string_view request_id,
                                                                absl::string_view request_hash) {
  absl::StatusOr<std::vector<Row>> rows = tx.Query(
      "SELECT request_hash, resource_id FROM idempotency_keys WHERE method = ? AND request_id = ?",
      {Text(method), Text(request_id)});
  if (!rows.ok()) {
    return rows.status();
  }
  if (rows->empty()) {
    return std::nullopt;
  }
  if ((*rows)[0].Text(0) != request_hash) {
    return InvalidField("request_id", "already used for a different request");
  }
  return (*rows)[0].Text(1);
}

absl::Status RecordIdempotentResult(Transaction& tx, absl::string_view method,
                                    absl::string_view request_id, absl::string_view request_hash,
                                    absl::string_view resource_id, absl::Time now) {
  return tx
      .Execute(
          "INSERT INTO idempotency_keys (method, request_id, request_hash, resource_id, "
          "create_time) VALUES (?, ?, ?, ?, ?)",
          {Text(method), Text(request_id), Text(request_hash), Text(resource_id),
           Int(absl::ToUnixMicros(now))})
      .status();
}

absl::StatusOr<std::optional<std::string>> FindIdempotentResult(Transaction& tx,
                                                                const IdempotencyKey& key) {
  return FindIdempotentResult(tx, key.method, key.request_id, key.request_hash);
}

absl::Status RecordIdempotentResult(Transaction& tx, const IdempotencyKey& key,
                                    absl::string_view resource_id, absl::Time now) {
  return RecordIdempotentResult(tx, key.method, key.request_id, key.request_hash, resource_id, now);
}

std::string RequestHash(absl::string_view canonical_request) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(canonical_request.data()), canonical_request.size(),
         digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

}  // namespace lawenforce::store
