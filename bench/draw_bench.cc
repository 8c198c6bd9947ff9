// The random inspection draw (services/case/domain/inspection.h) against
// the ceiling of its own stack: raw SHA-256 of the same number of
// "<seed>:<id>" strings with OpenSSL, in the same run (docs/benchmarks.md
// section 6). A draw of a plan of E enterprises, T targets and I eligible
// officers hashes E + T * I keys and sorts them; the ratio is the draw's
// keys per second over the raw hashes per second.
//
//   draw_bench [--enterprises=5000] [--targets=500] [--inspectors=500] [--rounds=5]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "openssl/sha.h"
#include "services/case/domain/inspection.h"

namespace {

using Clock = std::chrono::steady_clock;

int Flag(int argc, char** argv, const char* name, int fallback) {
  const std::string prefix = absl::StrCat("--", name, "=");
  for (int i = 1; i < argc; ++i) {
    int v = 0;
    if (absl::StartsWith(argv[i], prefix) && absl::SimpleAtoi(argv[i] + prefix.size(), &v)) {
      return v;
    }
  }
  return fallback;
}

// A valid-looking credit code per index (the draw does not validate them).
std::string Code(int i) { return absl::StrFormat("91640100MA%08d", i); }

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

int main(int argc, char** argv) {
  const int enterprises = Flag(argc, argv, "enterprises", 5000);
  const int targets = Flag(argc, argv, "targets", 500);
  const int inspectors = Flag(argc, argv, "inspectors", 500);
  const int rounds = Flag(argc, argv, "rounds", 5);
  lawenforce::cases::InspectionPlan plan;
  plan.domain = "food_safety";
  for (int i = 0; i < enterprises; ++i) plan.enterprises.push_back({Code(i), "企业"});
  std::vector<std::string> eligible;
  for (int i = 0; i < inspectors; ++i) {
    eligible.push_back(absl::StrFormat("00000000-0000-4000-8000-%012d", i));
  }
  plan.inspector_ids = eligible;
  plan.targets_per_draw = targets;
  plan.inspectors_per_target = 2;
  const std::string seed = "0123456789abcdef0123456789abcdef";
  const long keys = enterprises + static_cast<long>(std::min(targets, enterprises)) * inspectors;

  // The same strings the draw hashes, prepared outside the timed loop.
  std::vector<std::string> inputs;
  inputs.reserve(keys);
  for (int i = 0; i < enterprises; ++i) inputs.push_back(absl::StrCat(seed, ":", Code(i)));
  for (int t = 0; t < std::min(targets, enterprises); ++t) {
    for (const std::string& id : eligible)
      inputs.push_back(absl::StrCat(seed, ":", Code(t), ":", id));
  }
  std::printf(
      "draw_bench: %d enterprises, %d targets, %d eligible officers, 2 per target: %ld keys\n",
      enterprises, targets, inspectors, keys);
  std::vector<double> raw, drawn;
  unsigned char sink = 0;
  for (int r = 0; r < rounds; ++r) {
    const auto t0 = Clock::now();
    for (const std::string& s : inputs) {
      unsigned char digest[SHA256_DIGEST_LENGTH];
      SHA256(reinterpret_cast<const unsigned char*>(s.data()), s.size(), digest);
      sink ^= digest[0];
    }
    raw.push_back(keys / Seconds(Clock::now() - t0));
    const auto t1 = Clock::now();
    auto result = lawenforce::cases::DrawTargets(plan, seed, eligible);
    const double s = Seconds(Clock::now() - t1);
    if (!result.ok() || result->size() != static_cast<size_t>(std::min(targets, enterprises))) {
      std::fprintf(stderr, "draw failed: %s\n", result.status().ToString().c_str());
      return 1;
    }
    drawn.push_back(keys / s);
    std::printf("round %d: raw SHA-256 %.0f keys/s, draw %.0f keys/s (%.3f s a draw)\n", r + 1,
                raw.back(), drawn.back(), s);
  }
  std::sort(raw.begin(), raw.end());
  std::sort(drawn.begin(), drawn.end());
  const double raw_median = raw[raw.size() / 2];
  const double draw_median = drawn[drawn.size() / 2];
  std::printf("median: raw %.0f keys/s, draw %.0f keys/s, ratio %.2f (a draw takes %.3f s)\n",
              raw_median, draw_median, draw_median / raw_median, keys / draw_median);
  std::printf("(checksum %u)\n", static_cast<unsigned>(sink));
  return 0;
}
