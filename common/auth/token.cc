#include "common/auth/token.h"

#include <openssl/crypto.h>
#include <sys/stat.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "common/auth/jwks.h"
#include "common/auth/jws.h"
#include "common/auth/token_cache.h"
#include "common/log/log.h"
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

// The keys a verifier checks signatures with, and the verifications
// remembered under them (forgotten with the keys when they change).
struct KeyGeneration {
  std::unique_ptr<internal::JwsKey> single;  // --jwt-key: one pinned key
  internal::KeySet by_kid;                   // --jwks-file: keys by kid
  std::optional<internal::VerifiedTokenCache> cache;
};

// What identifies a version of the JWKS file.
struct FileStamp {
  int64_t mtime_ns = -1;
  int64_t size = -1;
  int64_t inode = -1;
  bool operator==(const FileStamp&) const = default;
};

FileStamp StampOf(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return {};
  return {static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
          static_cast<int64_t>(st.st_size), static_cast<int64_t>(st.st_ino)};
}

absl::StatusOr<internal::KeySet> ReadJwks(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read JWKS file ", path));
  std::ostringstream contents;
  contents << in.rdbuf();
  absl::StatusOr<internal::KeySet> keys = internal::ParseJwks(contents.str());
  if (!keys.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("JWKS file ", path, ": ", keys.status().message()));
  }
  return keys;
}

class JwtVerifier final : public TokenVerifier {
 public:
  JwtVerifier(VerifierOptions options, std::shared_ptr<KeyGeneration> keys, FileStamp stamp,
              const Clock* clock)
      : options_(std::move(options)), clock_(clock), keys_(std::move(keys)), stamp_(stamp) {
    // The key now lives in keys_; do not keep a second copy of a secret.
    OPENSSL_cleanse(options_.key.data(), options_.key.size());
    options_.key.clear();
    last_check_ = clock_->Now();
  }

  absl::StatusOr<Principal> Verify(absl::string_view token) override {
    if (token.size() > kMaxTokenBytes) {
      return Refuse("token too long");
    }
    const absl::Time now = clock_->Now();
    std::shared_ptr<KeyGeneration> keys = CurrentKeys(now);
    std::string hash;
    if (keys->cache.has_value()) {
      hash = internal::Sha256(token);
      if (std::optional<Principal> cached = keys->cache->Lookup(hash, now)) {
        return *std::move(cached);
      }
    }
    absl::StatusOr<Principal> principal = VerifyUncached(*keys, token, now);
    if (principal.ok() && keys->cache.has_value()) {
      keys->cache->Insert(hash, *principal, now);
    }
    return principal;
  }

  static std::shared_ptr<KeyGeneration> NewGeneration(const VerifierOptions& options) {
    auto keys = std::make_shared<KeyGeneration>();
    if (options.cache_capacity > 0) keys->cache.emplace(options.cache_capacity);
    return keys;
  }

 private:
  // The keys in force; with a JWKS file, re-read when it changed (checked
  // at most every jwks_refresh).
  std::shared_ptr<KeyGeneration> CurrentKeys(absl::Time now) ABSL_LOCKS_EXCLUDED(mu_);
  const internal::JwsKey* KeyFor(const KeyGeneration& keys, const Json& header,
                                 absl::Status* refusal) const;
  absl::StatusOr<Principal> VerifyUncached(const KeyGeneration& keys, absl::string_view token,
                                           absl::Time now) const;
  absl::StatusOr<Principal> CheckClaims(const Json& claims, absl::Time now) const;

  VerifierOptions options_;
  const Clock* const clock_;
  absl::Mutex mu_;
  std::shared_ptr<KeyGeneration> keys_ ABSL_GUARDED_BY(mu_);
  FileStamp stamp_ ABSL_GUARDED_BY(mu_);
  absl::Time last_check_ ABSL_GUARDED_BY(mu_);
};

std::shared_ptr<KeyGeneration> JwtVerifier::CurrentKeys(absl::Time now) {
  absl::MutexLock lock(&mu_);
  if (options_.jwks_path.empty() || now - last_check_ < options_.jwks_refresh) return keys_;
  last_check_ = now;
  const FileStamp stamp = StampOf(options_.jwks_path);
  if (stamp == stamp_) return keys_;
  stamp_ = stamp;
  absl::StatusOr<internal::KeySet> set = ReadJwks(options_.jwks_path);
  if (!set.ok()) {
    log::Error("jwks_reload_failed", {{"error", std::string(set.status().message())},
                                      {"kept_keys", static_cast<int64_t>(keys_->by_kid.size())}});
    return keys_;
  }
  std::shared_ptr<KeyGeneration> next = NewGeneration(options_);
  next->by_kid = *std::move(set);
  std::string kids;
  for (const auto& [kid, key] : next->by_kid) absl::StrAppend(&kids, kids.empty() ? "" : ",", kid);
  log::Info("jwks_reloaded", {{"kids", kids}});
  keys_ = std::move(next);
  return keys_;
}

const internal::JwsKey* JwtVerifier::KeyFor(const KeyGeneration& keys, const Json& header,
                                            absl::Status* refusal) const {
  auto alg = header.find("alg");
  const std::string* alg_name =
      alg != header.end() && alg->is_string() ? &alg->get_ref<const std::string&>() : nullptr;
  if (keys.single != nullptr) {
    if (alg_name == nullptr || *alg_name != AlgorithmName(options_.algorithm)) {
      *refusal = Refuse("wrong algorithm");
      return nullptr;
    }
    return keys.single.get();
  }
  auto kid = header.find("kid");
  if (kid == header.end() || !kid->is_string()) {
    *refusal = Refuse("token names no key (kid)");
    return nullptr;
  }
  auto key = keys.by_kid.find(kid->get_ref<const std::string&>());
  if (key == keys.by_kid.end()) {
    *refusal = Refuse(
        "token signed with a key that is not a current verification key "
        "(retired or unknown kid)");
    return nullptr;
  }
  // Each key verifies under its own algorithm only.
  if (alg_name == nullptr || *alg_name != AlgorithmName(key->second->algorithm())) {
    *refusal = Refuse("wrong algorithm");
    return nullptr;
  }
  return key->second.get();
}

absl::StatusOr<Principal> JwtVerifier::VerifyUncached(const KeyGeneration& keys,
                                                      absl::string_view token,
                                                      absl::Time now) const {
  std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  if (parts.size() != 3) {
    return Refuse("malformed token");
  }
  std::optional<Json> header = DecodeJsonObject(parts[0]);
  if (!header.has_value()) {
    return Refuse("malformed token header");
  }
  absl::Status refusal;
  const internal::JwsKey* key = KeyFor(keys, *header, &refusal);
  if (key == nullptr) {
    return refusal;
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
  if (!key->Verify(signing_input, *signature)) {
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
  // "system" is the actor of the services' own handlers (expiry, reminders):
  // no token may speak as it, so an audit row by "system" is never a person.
  if (principal.subject == kReservedSubject) {
    return Refuse("subject system is reserved for the services' own handlers");
  }

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
  // A stolen token is worth its remaining life: tokens living longer than
  // the cap are refused, measured from iat or, without one, from now.
  if (options_.max_lifetime > absl::ZeroDuration()) {
    const absl::Time from = issued_at->has_value() ? **issued_at : now;
    if (*expires_at - from >
        options_.max_lifetime + (issued_at->has_value() ? absl::ZeroDuration() : options_.leeway)) {
      return Refuse("token lifetime exceeds the maximum");
    }
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
  if (options.max_lifetime < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("token verifier: max lifetime must not be negative");
  }
  std::shared_ptr<KeyGeneration> keys = JwtVerifier::NewGeneration(options);
  FileStamp stamp;
  if (!options.jwks_path.empty()) {
    if (!options.key.empty()) {
      return absl::InvalidArgumentError("token verifier: give a key or a JWKS file, not both");
    }
    stamp = StampOf(options.jwks_path);
    absl::StatusOr<internal::KeySet> set = ReadJwks(options.jwks_path);
    if (!set.ok()) return set.status();
    keys->by_kid = *std::move(set);
  } else {
    absl::StatusOr<std::unique_ptr<internal::JwsKey>> key =
        internal::JwsKey::ForVerifying(options.algorithm, options.key);
    if (!key.ok()) {
      return key.status();
    }
    keys->single = *std::move(key);
  }
  return std::make_unique<JwtVerifier>(options, std::move(keys), stamp, clock);
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
  if (!options.key_id.empty()) {
    header["kid"] = options.key_id;
  }
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
