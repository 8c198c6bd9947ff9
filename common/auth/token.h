#ifndef LAWENFORCE_COMMON_AUTH_TOKEN_H_
#define LAWENFORCE_COMMON_AUTH_TOKEN_H_

// Bearer JWT verification and minting (RFC 7519), HS256 and RS256, through
// OpenSSL. The algorithm is pinned by configuration: a token whose header
// names another algorithm (including "none") is refused, which closes the
// RS256->HS256 key-confusion attack.
//
// Claims: sub (required), roles (array, required, known names), division
// (required, a division code), agency (optional), exp (required), iat,
// nbf, iss and aud (checked when configured).

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"
#include "common/time/clock.h"

namespace lawenforce::auth {

enum class Algorithm { kHs256, kRs256 };

// The subject of the services' own automatic changes (audit rows, history
// events); a token with this `sub` is refused.
inline constexpr char kReservedSubject[] = "system";

// "HS256"/"RS256" <-> Algorithm. ParseAlgorithm is case-sensitive and
// INVALID_ARGUMENT for anything else.
absl::StatusOr<Algorithm> ParseAlgorithm(absl::string_view name);
absl::string_view AlgorithmName(Algorithm algorithm);

struct VerifierOptions {
  Algorithm algorithm = Algorithm::kHs256;
  // HS256: the shared secret (at least 32 bytes). RS256: a PEM public key
  // ("BEGIN PUBLIC KEY"), RSA of at least 2048 bits.
  std::string key;
  // When non-empty, "iss" must equal it.
  std::string issuer;
  // When non-empty, "aud" (string or array) must contain it.
  std::string audience;
  // Clock skew allowed on exp and nbf.
  absl::Duration leeway = absl::Seconds(30);
  // Longest life a token may have: exp - iat (exp - now, plus the leeway,
  // for a token without iat). A longer-lived token is refused ("token
  // lifetime exceeds the maximum"). Zero: no cap.
  absl::Duration max_lifetime = absl::Hours(24);
  // A JSON Web Key Set file (jwks.h) instead of `key`: each token names its
  // key in the header's `kid` and is verified by that key under that key's
  // algorithm (`algorithm` is then ignored). The file is checked for a
  // change every `jwks_refresh`: keys added start verifying, keys removed
  // (retired) stop, and every remembered verification is forgotten. A
  // changed file that does not parse keeps the previous keys (logged).
  std::string jwks_path;
  absl::Duration jwks_refresh = absl::Seconds(10);
  // Verified tokens remembered (by SHA-256 of the token) until they expire;
  // when full, expired entries are dropped, then the oldest until half the
  // capacity is left. 0 disables the cache. Refusals are never remembered.
  size_t cache_capacity = 10000;
};

// Thread-safe.
class TokenVerifier {
 public:
  virtual ~TokenVerifier() = default;

  // OK with the principal, or UNAUTHENTICATED with a short reason (never
  // the token itself): malformed, bad signature, wrong algorithm, expired,
  // not yet valid, living longer than max_lifetime, the reserved subject
  // "system", wrong issuer/audience, missing or unknown claims.
  // A token is accepted while now < exp + leeway (and now + leeway >= nbf);
  // the cache answers only while now < exp, so caching never extends a
  // token's life. Tokens over 8 KiB are refused unread.
  virtual absl::StatusOr<Principal> Verify(absl::string_view token) = 0;
};

// INVALID_ARGUMENT when the key is unusable (short secret, bad PEM, not RSA
// or under 2048 bits), the JWKS file cannot be read or parsed, `clock` is
// null or the leeway is negative. `clock` must outlive the verifier.
absl::StatusOr<std::unique_ptr<TokenVerifier>> CreateTokenVerifier(const VerifierOptions& options,
                                                                   const Clock* clock);

struct MintOptions {
  Algorithm algorithm = Algorithm::kHs256;
  // HS256: the shared secret (at least 32 bytes). RS256: an unencrypted PEM
  // RSA private key of at least 2048 bits.
  std::string key;
  std::string subject;
  std::vector<Role> roles;
  std::string division_code;
  std::string agency_id;  // Optional.
  std::string issuer;     // Optional.
  std::string audience;   // Optional.
  std::string key_id;     // Optional: the header's kid, for a JWKS verifier.
  absl::Time issued_at;
  absl::Duration lifetime = absl::Hours(12);
};

// A signed compact JWT. For lawenforcectl and tests. iat is `issued_at` and
// exp `issued_at + lifetime`, both in whole seconds. INVALID_ARGUMENT for an
// unusable key, an empty subject or role list, a division that is not 6 or 9
// digits, a non-positive lifetime, or strings that are not UTF-8.
absl::StatusOr<std::string> MintToken(const MintOptions& options);

}  // namespace lawenforce::auth

#endif  // LAWENFORCE_COMMON_AUTH_TOKEN_H_
