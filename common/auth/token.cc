#include "common/auth/token.h"

#include <openssl/crypto.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/auth/jws.h"
#include "common/auth/token_cache.h"
#include "common/status/errors.h"
#include "nlohmann/json.hpp"

namespace lawenforce::auth {
namespace {

using Json = nlohmann::json;

// Longer tokens are refused before any parsing or hashing.
constexpr size_t kMaxTokenBytes = 8 * 1024;
// Numeric dates beyond year 9999 are refused as malformed.
constexpr double kMaxNumericDate = 253402300799.0;

absl::Status Refuse(absl::string_view reason) { return lawenforce::Unauthenticated(reason); }

// A JSON object parsed from base64url, or nullopt.
std::optional<Json> DecodeJsonObject(absl::string_view encoded) {
  std::optional<std::string> bytes = internal::Base64UrlDecode(encoded);
  if (!bytes.has_value()) {
    return std::nullopt;
  }
  Json json = Json::parse(*bytes, /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    return std::nullopt;
  }
  return json;
}

// A NumericDate (RFC 7519 section 2): seconds since the epoch, integer or not.
std::optional<absl::Time> NumericDate(const Json& value) {
  if (!value.is_number()) {
    return std::nullopt;
  }
  if (value.is_number_unsigned() || value.is_number_integer()) {
    if (value.is_number_unsigned() &&
        value.get<uint64_t>() > static_cast<uint64_t>(kMaxNumericDate)) {
      return std::nullopt;
    }
    int64_t seconds = value.get<int64_t>();
    if (seconds < -static_cast<int64_t>(kMaxNumericDate) ||
        seconds > static_cast<int64_t>(kMaxNumericDate)) {
      return std::nullopt;
    }
    return absl::FromUnixSeconds(seconds);
  }
  double seconds = value.get<double>();
  if (!std::isfinite(seconds) || std::fabs(seconds) > kMaxNumericDate) {
    return std::nullopt;
  }
  return absl::UnixEpoch() + absl::Seconds(seconds);
}

// The optional NumericDate claim `name`: nullopt when absent, an error when
// present but not a number.
absl::StatusOr<std::optional<absl::Time>> OptionalDate(const Json& claims, const char* name) {
  auto it = claims.find(name);
  if (it == claims.end()) {
    return std::optional<absl::Time>();
  }
  std::optional<absl::Time> date = NumericDate(*it);
  if (!date.has_value()) {
    return Refuse(absl::StrCat("malformed ", name, " claim"));
  }
  return date;
}

bool IsDivisionShaped(absl::string_view code) {
  if (code.size() != 6 && code.size() != 9) {
    return false;
  }
  for (char c : code) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

bool AudienceContains(const Json& aud, const std::string& audience) {
  if (aud.is_string()) {
    return aud.get_ref<const std::string&>() == audience;
  }
  if (aud.is_array()) {
    for (const Json& item : aud) {
      if (item.is_string() && item.get_ref<const std::string&>() == audience) {
        return true;
      }
    }
  }
  return false;
}

class JwtVerifier final : public TokenVerifier {
 public:
  JwtVerifier(VerifierOptions options, std::unique_ptr<internal::JwsKey> key, const Clock* clock)
      : options_(std::move(options)), key_(std::move(key)), clock_(clock) {
    // The key now lives in key_; do not keep a second copy of a secret.
    OPENSSL_cleanse(options_.key.data(), options_.key.size());
    options_.key.clear();
    if (options_.cache_capacity > 0) {
      cache_.emplace(options_.cache_capacity);
    }
  }

  absl::StatusOr<Principal> Verify(absl::string_view token) override {
    if (token.size() > kMaxTokenBytes) {
      return Refuse("token too long");
    }
    const absl::Time now = clock_->Now();
    std::string hash;
    if (cache_.has_value()) {
      hash = internal::Sha256(token);
      if (std::optional<Principal> cached = cache_->Lookup(hash, now)) {
        return *std::move(cached);
      }
    }
    absl::StatusOr<Principal> principal = VerifyUncached(token, now);
    if (principal.ok() && cache_.has_value()) {
      cache_->Insert(hash, *principal, now);
    }
    return principal;
  }

 private:
  absl::StatusOr<Principal> VerifyUncached(absl::string_view token, absl::Time now) const;
  absl::StatusOr<Principal> CheckClaims(const Json& claims, absl::Time now) const;

  VerifierOptions options_;
  std::unique_ptr<internal::JwsKey> key_;
  const Clock* const clock_;
  std::optional<internal::VerifiedTokenCache> cache_;
};

absl::StatusOr<Principal> JwtVerifier::VerifyUncached(absl::string_view token,
                                                      absl::Time now) const {
  std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  if (parts.size() != 3) {
    return Refuse("malformed token");
  }
  std::optional<Json> header = DecodeJsonObject(parts[0]);
  if (!header.has_value()) {
    return Refuse("malformed token header");
  }
  auto alg = header->find("alg");
  if (alg == header->end() || !alg->is_string() ||
      alg->get_ref<const std::string&>() != AlgorithmName(options_.algorithm)) {
    return Refuse("wrong algorithm");
  }
  auto typ = header->find("typ");
  if (typ != header->end() &&
      !(typ->is_string() && absl::EqualsIgnoreCase(typ->get_ref<const std::string&>(), "JWT"))) {
    return Refuse("wrong token type");
  }
  // RFC 7515 section 4.1.11: extensions we do not understand must be refused.
  if (header->contains("crit")) {
    return Refuse("unsupported critical header");
  }
  std::optional<std::string> signature = internal::Base64UrlDecode(parts[2]);
  if (!signature.has_value()) {
    return Refuse("malformed token signature");
  }
  // The signing input is the token up to its second dot.
  absl::string_view signing_input = token.substr(0, parts[0].size() + 1 + parts[1].size());
  if (!key_->Verify(signing_input, *signature)) {
    return Refuse("bad signature");
  }
  std::optional<Json> claims = DecodeJsonObject(parts[1]);
  if (!claims.has_value()) {
    return Refuse("malformed token claims");
  }
  return CheckClaims(*claims, now);
}

absl::StatusOr<Principal> JwtVerifier::CheckClaims(const Json& claims, absl::Time now) const {
  Principal principal;

  auto sub = claims.find("sub");
  if (sub == claims.end() || !sub->is_string() || sub->get_ref<const std::string&>().empty()) {
    return Refuse("missing sub claim");
  }
  principal.subject = sub->get<std::string>();

  auto roles = claims.find("roles");
  if (roles == claims.end() || !roles->is_array() || roles->empty()) {
    return Refuse("missing roles claim");
  }
  for (const Json& name : *roles) {
    std::optional<Role> role =
        name.is_string() ? ParseRole(name.get_ref<const std::string&>()) : std::nullopt;
    if (!role.has_value()) {
      return Refuse("unknown role");
    }
    principal.roles.Add(*role);
  }

  auto division = claims.find("division");
  if (division == claims.end() || !division->is_string()) {
    return Refuse("missing division claim");
  }
  if (!IsDivisionShaped(division->get_ref<const std::string&>())) {
    return Refuse("malformed division claim");
  }
  principal.division_code = division->get<std::string>();

  auto agency = claims.find("agency");
  if (agency != claims.end()) {
    if (!agency->is_string()) {
      return Refuse("malformed agency claim");
    }
    principal.agency_id = agency->get<std::string>();
  }

  auto exp = claims.find("exp");
  if (exp == claims.end()) {
    return Refuse("missing exp claim");
  }
  std::optional<absl::Time> expires_at = NumericDate(*exp);
  if (!expires_at.has_value()) {
    return Refuse("malformed exp claim");
  }
  // RFC 7519 section 4.1.4: not accepted on or after exp (plus the leeway).
  if (now >= *expires_at + options_.leeway) {
    return Refuse("token expired");
  }
  principal.expires_at = *expires_at;

  absl::StatusOr<std::optional<absl::Time>> not_before = OptionalDate(claims, "nbf");
  if (!not_before.ok()) {
    return not_before.status();
  }
  if (not_before->has_value() && now + options_.leeway < **not_before) {
    return Refuse("token not yet valid");
  }
  absl::StatusOr<std::optional<absl::Time>> issued_at = OptionalDate(claims, "iat");
  if (!issued_at.ok()) {
    return issued_at.status();
  }

  if (!options_.issuer.empty()) {
    auto iss = claims.find("iss");
    if (iss == claims.end() || !iss->is_string() ||
        iss->get_ref<const std::string&>() != options_.issuer) {
      return Refuse("wrong issuer");
    }
  }
  if (!options_.audience.empty()) {
    auto aud = claims.find("aud");
    if (aud == claims.end() || !AudienceContains(*aud, options_.audience)) {
      return Refuse("wrong audience");
    }
  }
  return principal;
}

}  // namespace

absl::string_view AlgorithmName(Algorithm algorithm) {
  return algorithm == Algorithm::kRs256 ? "RS256" : "HS256";
}

absl::StatusOr<Algorithm> ParseAlgorithm(absl::string_view name) {
  if (name == "HS256") {
    return Algorithm::kHs256;
  }
  if (name == "RS256") {
    return Algorithm::kRs256;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unsupported token algorithm \"", name, "\"; expected HS256 or RS256"));
}

absl::StatusOr<std::unique_ptr<TokenVerifier>> CreateTokenVerifier(const VerifierOptions& options,
                                                                   const Clock* clock) {
  if (clock == nullptr) {
    return absl::InvalidArgumentError("token verifier: a clock is required");
  }
  if (options.leeway < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("token verifier: leeway must not be negative");
  }
  absl::StatusOr<std::unique_ptr<internal::JwsKey>> key =
      internal::JwsKey::ForVerifying(options.algorithm, options.key);
  if (!key.ok()) {
    return key.status();
  }
  return std::make_unique<JwtVerifier>(options, *std::move(key), clock);
}

absl::StatusOr<std::string> MintToken(const MintOptions& options) {
  if (options.subject.empty()) {
    return InvalidField("subject", "required");
  }
  if (options.roles.empty()) {
    return InvalidField("roles", "at least one role is required");
  }
  if (!IsDivisionShaped(options.division_code)) {
    return InvalidField("division_code", "must be 6 or 9 digits");
  }
  if (options.issued_at == absl::InfiniteFuture() || options.issued_at == absl::InfinitePast()) {
    return InvalidField("issued_at", "must be finite");
  }
  if (options.lifetime <= absl::ZeroDuration() || options.lifetime == absl::InfiniteDuration()) {
    return InvalidField("lifetime", "must be positive and finite");
  }
  absl::StatusOr<std::unique_ptr<internal::JwsKey>> key =
      internal::JwsKey::ForSigning(options.algorithm, options.key);
  if (!key.ok()) {
    return key.status();
  }

  nlohmann::ordered_json header = {{"alg", std::string(AlgorithmName(options.algorithm))},
                                   {"typ", "JWT"}};
  nlohmann::ordered_json claims;
  claims["sub"] = options.subject;
  claims["roles"] = nlohmann::ordered_json::array();
  for (Role role : options.roles) {
    claims["roles"].push_back(std::string(RoleName(role)));
  }
  claims["division"] = options.division_code;
  if (!options.agency_id.empty()) {
    claims["agency"] = options.agency_id;
  }
  if (!options.issuer.empty()) {
    claims["iss"] = options.issuer;
  }
  if (!options.audience.empty()) {
    claims["aud"] = options.audience;
  }
  claims["iat"] = absl::ToUnixSeconds(options.issued_at);
  claims["exp"] = absl::ToUnixSeconds(options.issued_at + options.lifetime);

  std::string signing_input;
  try {
    signing_input = absl::StrCat(internal::Base64UrlEncode(header.dump()), ".",
                                 internal::Base64UrlEncode(claims.dump()));
  } catch (const nlohmann::json::type_error&) {
    // dump() throws on a string that is not UTF-8.
    return absl::InvalidArgumentError("token claims must be UTF-8");
  }
  absl::StatusOr<std::string> signature = (*key)->Sign(signing_input);
  if (!signature.ok()) {
    return signature.status();
  }
  return absl::StrCat(signing_input, ".", internal::Base64UrlEncode(*signature));
}

}  // namespace lawenforce::auth
