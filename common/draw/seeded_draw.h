#ifndef LAWENFORCE_COMMON_DRAW_SEEDED_DRAW_H_
#define LAWENFORCE_COMMON_DRAW_SEEDED_DRAW_H_

// Random draws that anyone can re-run: supervision-service's case-file
// review samples and case-service's inspection draws (双随机) use the one
// method, published in docs/api/cases.md "Random inspections" and
// docs/api/supervision.md.
//
// A candidate with id `id` is ranked under `seed` by its key, the
// lower-case hex SHA-256 of the UTF-8 bytes "<seed>:<id>"; a draw of `n`
// is the `n` candidates whose keys sort first (byte order; ties,
// impossible in practice, by id). The seed is 32 lower-case hex
// characters, drawn from the system's CSPRNG unless the caller chose it
// (a public lottery, recorded as chosen). Holding the seed and the
// candidate list is enough to reproduce a draw, with nothing but SHA-256.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace lawenforce::draw {

// The key of `id` under `seed`: hex SHA-256 of "<seed>:<id>".
std::string SampleKey(absl::string_view seed, absl::string_view id);

// The positions in `ids` of the first `n` ids by SampleKey, in key order
// (all of them when n >= ids.size()).
std::vector<size_t> FirstByKey(absl::string_view seed, const std::vector<std::string>& ids, int n);

// Hex SHA-256 of the ids, sorted, joined by "\n": a short fingerprint of a
// candidate list to publish beside the seed.
std::string CandidatesDigest(std::vector<std::string> ids);

// OK for 32 lower-case hex characters; INVALID_ARGUMENT naming `field`.
absl::Status ValidateSeed(absl::string_view field, absl::string_view seed);

// A fresh seed from the CSPRNG; INTERNAL when it has none.
absl::StatusOr<std::string> NewSeed();

}  // namespace lawenforce::draw

#endif  // LAWENFORCE_COMMON_DRAW_SEEDED_DRAW_H_
