#ifndef LAWENFORCE_COMMON_AUTH_JWKS_H_
#define LAWENFORCE_COMMON_AUTH_JWKS_H_

// A JSON Web Key Set (RFC 7517), the format identity providers publish, as
// the verification keys of the suite's tokens. Each key has a `kid`; a
// token names its key in its header's `kid` and is verified with that key
// only, under that key's algorithm. Supported:
//
//   {"kty": "oct", "kid": "k1", "alg": "HS256", "k": "<base64url secret, >= 32 bytes>"}
//   {"kty": "RSA", "kid": "r1", "alg": "RS256", "n": "<base64url>", "e": "AQAB"}
//
// `alg` may be left out (oct means HS256, RSA means RS256); `use`, when
// present, must be "sig". Other members are ignored.

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/auth/jws.h"

namespace lawenforce::auth::internal {

using KeySet = std::map<std::string, std::unique_ptr<JwsKey>, std::less<>>;

// The keys of `json`; INVALID_ARGUMENT naming the key at fault ("keys[2]:
// ...") for anything unsupported, a missing or duplicate kid, a short
// secret or a small RSA key, or an empty set.
absl::StatusOr<KeySet> ParseJwks(absl::string_view json);

}  // namespace lawenforce::auth::internal

#endif  // LAWENFORCE_COMMON_AUTH_JWKS_H_
