#include "common/paging/page_token.h"

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

}  // namespace lawenforce::paging
