#include "common/paging/page_token.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/errors.h"

namespace lawenforce::paging {
namespace {

std::string Fingerprint(absl::string_view filter) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(filter.data()), filter.size(), digest);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), 8));
}

std::string SignedMessage(absl::string_view fingerprint, absl::string_view last_id) {
  return absl::StrCat("v2", absl::string_view("\0", 1), fingerprint, absl::string_view("\0", 1),
                      last_id);
}

}  // namespace

absl::StatusOr<int> EffectivePageSize(absl::string_view field, int requested) {
  if (requested < 0) {
    return InvalidField(field, "must not be negative");
  }
  if (requested == 0) {
    return kDefaultPageSize;
  }
  return requested > kMaxPageSize ? kMaxPageSize : requested;
}

std::string EncodePageToken(absl::string_view last_id, absl::string_view filter) {
  return absl::WebSafeBase64Escape(absl::StrCat("v1|", Fingerprint(filter), "|", last_id));
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view field, absl::string_view token,
                                            absl::string_view filter) {
  if (token.empty()) {
    return std::string();
  }
  std::string raw;
  if (token.size() > 512 || !absl::WebSafeBase64Unescape(token, &raw)) {
    return InvalidField(field, "malformed page token");
  }
  std::vector<std::string> parts = absl::StrSplit(raw, absl::MaxSplits('|', 2));
  if (parts.size() != 3 || parts[0] != "v1" || parts[2].empty()) {
    return InvalidField(field, "malformed page token");
  }
  if (parts[1] != Fingerprint(filter)) {
    return InvalidField(field, "page token was issued for a different filter");
  }
  return parts[2];
}

std::string EncodePageToken(absl::string_view last_id, absl::string_view filter,
                            const crypto::PiiProtector& keys) {
  const std::string fingerprint = Fingerprint(filter);
  const std::string tag =
      absl::BytesToHexString(keys.PageTokenTag(SignedMessage(fingerprint, last_id)));
  return absl::WebSafeBase64Escape(absl::StrCat("v2|", fingerprint, "|", tag, "|", last_id));
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view field, absl::string_view token,
                                            absl::string_view filter,
                                            const crypto::PiiProtector& keys) {
  if (token.empty()) {
    return std::string();
  }
  std::string raw;
  if (token.size() > 512 || !absl::WebSafeBase64Unescape(token, &raw)) {
    return InvalidField(field, "malformed page token");
  }
  std::vector<std::string> parts = absl::StrSplit(raw, absl::MaxSplits('|', 3));
  if (parts.size() != 4 || parts[0] != "v2" || parts[3].empty()) {
    return InvalidField(field, "malformed page token");
  }
  const std::string expected =
      absl::BytesToHexString(keys.PageTokenTag(SignedMessage(parts[1], parts[3])));
  if (CRYPTO_memcmp(expected.data(), parts[2].data(), expected.size()) != 0 ||
      parts[2].size() != expected.size()) {
    return InvalidField(field, "malformed page token");
  }
  if (parts[1] != Fingerprint(filter)) {
    return InvalidField(field, "page token was issued for a different filter");
  }
  return parts[3];
}

}  // namespace lawenforce::paging
