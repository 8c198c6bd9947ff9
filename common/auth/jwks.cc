#include "common/auth/jwks.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace lawenforce::auth::internal {
namespace {

using Json = nlohmann::json;

absl::Status Bad(size_t i, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("keys[", i, "]: ", what));
}

std::optional<std::string> StringMember(const Json& key, const char* name) {
  auto it = key.find(name);
  if (it == key.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

absl::StatusOr<std::unique_ptr<JwsKey>> KeyOf(size_t i, const Json& key) {
  std::optional<std::string> kty = StringMember(key, "kty");
  std::optional<std::string> alg = StringMember(key, "alg");
  if (std::optional<std::string> use = StringMember(key, "use"); use && *use != "sig") {
    return Bad(i, "use must be \"sig\"");
  }
  if (kty == "oct") {
    if (alg && *alg != "HS256") return Bad(i, "an oct key must be HS256");
    std::optional<std::string> k = StringMember(key, "k");
    std::optional<std::string> secret = k ? Base64UrlDecode(*k) : std::nullopt;
    if (!secret) return Bad(i, "k must be the base64url secret");
    absl::StatusOr<std::unique_ptr<JwsKey>> jws = JwsKey::ForVerifying(Algorithm::kHs256, *secret);
    if (!jws.ok()) return Bad(i, jws.status().message());
    return jws;
  }
  if (kty == "RSA") {
    if (alg && *alg != "RS256") return Bad(i, "an RSA key must be RS256");
    std::optional<std::string> n = StringMember(key, "n");
    std::optional<std::string> e = StringMember(key, "e");
    std::optional<std::string> modulus = n ? Base64UrlDecode(*n) : std::nullopt;
    std::optional<std::string> exponent = e ? Base64UrlDecode(*e) : std::nullopt;
    if (!modulus || !exponent) return Bad(i, "n and e must be base64url");
    absl::StatusOr<std::unique_ptr<JwsKey>> jws = JwsKey::ForVerifyingRsa(*modulus, *exponent);
    if (!jws.ok()) return Bad(i, jws.status().message());
    return jws;
  }
  return Bad(i, "kty must be \"oct\" (HS256) or \"RSA\" (RS256)");
}

}  // namespace

absl::StatusOr<KeySet> ParseJwks(absl::string_view json) {
  Json doc = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array()) {
    return absl::InvalidArgumentError("not a JSON Web Key Set: {\"keys\": [...]} expected");
  }
  KeySet keys;
  const Json& array = doc["keys"];
  for (size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_object()) return Bad(i, "not an object");
    std::optional<std::string> kid = StringMember(array[i], "kid");
    if (!kid || kid->empty()) return Bad(i, "kid is required");
    if (keys.contains(*kid)) return Bad(i, absl::StrCat("duplicate kid \"", *kid, "\""));
    absl::StatusOr<std::unique_ptr<JwsKey>> key = KeyOf(i, array[i]);
    if (!key.ok()) return key.status();
    keys.emplace(*kid, *std::move(key));
  }
  if (keys.empty()) return absl::InvalidArgumentError("the key set has no key");
  return keys;
}

}  // namespace lawenforce::auth::internal
