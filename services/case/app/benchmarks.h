#ifndef LAWENFORCE_SERVICES_CASE_APP_BENCHMARKS_H_
#define LAWENFORCE_SERVICES_CASE_APP_BENCHMARKS_H_

// Use cases on discretion benchmarks (tasks 9, 10): published by the
// item's agency (or a supervisor) as effective-dated versions; readable by
// every authenticated caller, whatever its jurisdiction, since a benchmark
// is a public standard. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/principal.h"
#include "services/case/app/case_deps.h"

namespace lawenforce::cases {

class Benchmarks {
 public:
  explicit Benchmarks(const CaseDeps& deps) : d_(deps) {}

  // A new version of the item's benchmark; number, created_by and
  // create_time are set here. effective_from unset (infinite past) means now.
  absl::StatusOr<BenchmarkVersion> Publish(const auth::Principal& who, const std::string& item_id,
                                           absl::StatusOr<BenchmarkVersion> draft);
  // The version in force at `at` (default now); NOT_FOUND "benchmark not
  // found" when none is.
  absl::StatusOr<BenchmarkVersion> Get(const auth::Principal& who, const std::string& item_id,
                                       std::optional<absl::Time> at);
  absl::StatusOr<std::vector<BenchmarkVersion>> List(const auth::Principal& who,
                                                     const std::string& item_id);

 private:
  const CaseDeps d_;
};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_APP_BENCHMARKS_H_
