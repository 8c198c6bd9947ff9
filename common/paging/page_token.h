#ifndef LAWENFORCE_COMMON_PAGING_PAGE_TOKEN_H_
#define LAWENFORCE_COMMON_PAGING_PAGE_TOKEN_H_

// List pagination (AIP-158). A page token is opaque to clients: it carries
// the last id returned and a fingerprint of the list's filter, so that a
// token cannot be replayed against a different filter (or scope) to walk
// records the filter would not show. Signed tokens (the overloads taking
// the service's keys) also carry an HMAC tag over both, so that a token
// edited by hand (another id, another fingerprint) is refused.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/crypto/pii.h"

namespace lawenforce::paging {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 500;

// 0 -> kDefaultPageSize; > kMaxPageSize -> kMaxPageSize; < 0 ->
// INVALID_ARGUMENT naming `field`.
absl::StatusOr<int> EffectivePageSize(absl::string_view field, int requested);

// `filter` is any canonical text of the list's filter and scope.
std::string EncodePageToken(absl::string_view last_id, absl::string_view filter);

// "" -> "" (start). A malformed token, or one minted for another filter ->
// INVALID_ARGUMENT naming `field`.
absl::StatusOr<std::string> DecodePageToken(absl::string_view field, absl::string_view token,
                                            absl::string_view filter);

// Signed tokens ("v2"): `keys` tags the id and the filter
// (PiiProtector::PageTokenTag). Decoding refuses an unsigned token, a token
// whose tag does not match ("malformed page token") and one minted for
// another filter, each INVALID_ARGUMENT naming `field`.
std::string EncodePageToken(absl::string_view last_id, absl::string_view filter,
                            const crypto::PiiProtector& keys);
absl::StatusOr<std::string> DecodePageToken(absl::string_view field, absl::string_view token,
                                            absl::string_view filter,
                                            const crypto::PiiProtector& keys);

}  // namespace lawenforce::paging

#endif  // LAWENFORCE_COMMON_PAGING_PAGE_TOKEN_H_
