#include "common/draw/seeded_draw.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"
#include "openssl/rand.h"
#include "openssl/sha.h"

namespace lawenforce::draw {
namespace {

std::string Sha256Hex(absl::string_view s) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(s.data()), s.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

}  // namespace

std::string SampleKey(absl::string_view seed, absl::string_view id) {
  return Sha256Hex(absl::StrCat(seed, ":", id));
}

std::vector<size_t> FirstByKey(absl::string_view seed, const std::vector<std::string>& ids, int n) {
  std::vector<std::pair<std::string, size_t>> keyed;
  keyed.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) keyed.emplace_back(SampleKey(seed, ids[i]), i);
  std::sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : ids[a.second] < ids[b.second];
  });
  std::vector<size_t> out;
  const size_t take = n <= 0 ? 0 : std::min(keyed.size(), static_cast<size_t>(n));
  out.reserve(take);
  for (size_t i = 0; i < take; ++i) out.push_back(keyed[i].second);
  return out;
}

std::string CandidatesDigest(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  return Sha256Hex(absl::StrJoin(ids, "\n"));
}

absl::Status ValidateSeed(absl::string_view field, absl::string_view seed) {
  if (seed.size() != 32) return InvalidField(field, "must be 32 hex characters");
  for (char ch : seed) {
    if (!absl::ascii_isxdigit(ch) || absl::ascii_isupper(ch)) {
      return InvalidField(field, "must be 32 lower-case hex characters");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> NewSeed() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) return absl::InternalError("no random seed");
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(bytes), 16));
}

}  // namespace lawenforce::draw
