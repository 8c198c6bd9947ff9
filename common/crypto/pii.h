#ifndef LAWENFORCE_COMMON_CRYPTO_PII_H_
#define LAWENFORCE_COMMON_CRYPTO_PII_H_

// Protection of personal information (PIPL): identity-card numbers and
// complainants' contacts are stored encrypted (AES-256-GCM) and found through
// a blind index (HMAC-SHA256), so that the store never holds them in clear
// and uniqueness can still be enforced by a UNIQUE column.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace lawenforce::crypto {

// Thread-safe.
class PiiProtector {
 public:
  // `master_key_hex`: 64 hex characters (32 bytes) from configuration. The
  // encryption, index, request-hash and page-token keys are derived from it
  // with HMAC-SHA256 under distinct labels. INVALID_ARGUMENT when the key is malformed.
  static absl::StatusOr<std::unique_ptr<PiiProtector>> Create(absl::string_view master_key_hex);

  // version byte (1) || 12-byte random nonce || ciphertext || 16-byte tag.
  // `context` is bound as additional authenticated data (e.g. the column
  // name), so a ciphertext moved to another column fails to decrypt.
  absl::StatusOr<std::string> Encrypt(absl::string_view plaintext, absl::string_view context) const;

  // DATA_LOSS when the ciphertext was altered or the key is wrong.
  absl::StatusOr<std::string> Decrypt(absl::string_view ciphertext,
                                      absl::string_view context) const;

  // Lower-case hex HMAC-SHA256 of `context` || 0x00 || `plaintext`:
  // deterministic, so equal inputs collide in a UNIQUE index.
  std::string BlindIndex(absl::string_view plaintext, absl::string_view context) const;

  // Lower-case hex HMAC-SHA256 of `canonical_request` under a key of its
  // own (derived like the others): the idempotency record's request hash.
  // Unlike a plain digest it cannot be recomputed, so a stored hash does
  // not confirm a guessed request (or a protected value in it) to anyone
  // holding the database without the master key.
  std::string RequestHash(absl::string_view canonical_request) const;

  // 16 raw bytes of HMAC-SHA256 of `message` under a key of its own: the
  // integrity tag of page tokens (common/paging/page_token.h).
  std::string PageTokenTag(absl::string_view message) const;

  // Wipes the derived keys.
  ~PiiProtector();
  PiiProtector(const PiiProtector&) = delete;
  PiiProtector& operator=(const PiiProtector&) = delete;

 private:
  PiiProtector() = default;
  std::string encryption_key_;  // 32 bytes
  std::string index_key_;       // 32 bytes
  std::string request_key_;     // 32 bytes
  std::string paging_key_;      // 32 bytes
};

}  // namespace lawenforce::crypto

#endif  // LAWENFORCE_COMMON_CRYPTO_PII_H_
