#ifndef LAWENFORCE_COMMON_AUTH_JWS_H_
#define LAWENFORCE_COMMON_AUTH_JWS_H_

// Internal to common/auth: the JWS building blocks under token.cc (RFC 7515
// base64url and the HS256/RS256 signature primitives through OpenSSL).

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/auth/token.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace lawenforce::auth::internal {

// base64url without padding (RFC 7515 section 2).
std::string Base64UrlEncode(absl::string_view data);

// The bytes `text` encodes, or nullopt unless `text` is canonical base64url
// without padding: only [A-Za-z0-9_-], no '=', a length that is not 1 mod 4,
// and zero bits after the last whole byte (so every value has exactly one
// spelling and a signature cannot be altered without breaking it).
std::optional<std::string> Base64UrlDecode(absl::string_view text);

// The raw 32-byte SHA-256 digest of `data`.
std::string Sha256(absl::string_view data);

// A key pinned to one algorithm that signs or verifies JWS signatures.
// Immutable and thread-safe once built.
class JwsKey {
 public:
  // HS256: the shared secret, at least 32 bytes. RS256: a PEM
  // SubjectPublicKeyInfo ("BEGIN PUBLIC KEY") RSA key of at least 2048 bits.
  // INVALID_ARGUMENT otherwise.
  static absl::StatusOr<std::unique_ptr<JwsKey>> ForVerifying(Algorithm algorithm,
                                                              absl::string_view key);

  // RS256 from the big-endian modulus and public exponent of a JWK (RFC
  // 7518 section 6.3.1); at least 2048 bits. INVALID_ARGUMENT otherwise.
  static absl::StatusOr<std::unique_ptr<JwsKey>> ForVerifyingRsa(absl::string_view modulus,
                                                                 absl::string_view exponent);

  // HS256: the shared secret, at least 32 bytes. RS256: an unencrypted PEM
  // RSA private key of at least 2048 bits. INVALID_ARGUMENT otherwise.
  static absl::StatusOr<std::unique_ptr<JwsKey>> ForSigning(Algorithm algorithm,
                                                            absl::string_view key);

  ~JwsKey();
  JwsKey(const JwsKey&) = delete;
  JwsKey& operator=(const JwsKey&) = delete;

  Algorithm algorithm() const { return algorithm_; }

  // True when `signature` is this key's signature of `signing_input`. HS256
  // compares in constant time.
  bool Verify(absl::string_view signing_input, absl::string_view signature) const;

  // The signature of `signing_input`; INTERNAL if OpenSSL fails.
  absl::StatusOr<std::string> Sign(absl::string_view signing_input) const;

 private:
  struct PkeyDeleter {
    void operator()(EVP_PKEY* pkey) const;
  };
  using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

  JwsKey(Algorithm algorithm, std::string secret, PkeyPtr pkey)
      : algorithm_(algorithm), secret_(std::move(secret)), pkey_(std::move(pkey)) {}

  const Algorithm algorithm_;
  std::string secret_;  // HS256 only; wiped on destruction.
  PkeyPtr pkey_;        // RS256 only.
};

}  // namespace lawenforce::auth::internal

#endif  // LAWENFORCE_COMMON_AUTH_JWS_H_
