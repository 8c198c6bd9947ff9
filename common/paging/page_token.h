#ifndef LAWENFORCE_COMMON_PAGING_PAGE_TOKEN_H_
#define LAWENFORCE_COMMON_PAGING_PAGE_TOKEN_H_

// List pagination (AIP-158). A page token is opaque to clients: it carries
// the last id returned and a fingerprint of the list's filter, so that a
// token cannot be replayed against a different filter (or scope) to walk
// records the filter would not show.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

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

}  // namespace lawenforce::paging

#endif  // LAWENFORCE_COMMON_PAGING_PAGE_TOKEN_H_
