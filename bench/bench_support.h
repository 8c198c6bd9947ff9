#ifndef LAWENFORCE_BENCH_BENCH_SUPPORT_H_
#define LAWENFORCE_BENCH_BENCH_SUPPORT_H_

// Small helpers shared by the benchmark programs (docs/benchmarks.md):
// latency summaries, a fixed-duration timing loop, Redis INFO fields,
// command-line "--name=value" arguments and table lines.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/redis/redis_client.h"

namespace lawenforce::bench {

// Monotonic nanoseconds.
int64_t NowNanos();

struct Summary {
  int64_t count = 0;
  double seconds = 0;  // the measured window
  double per_second = 0;
  double mean_us = 0;
  double p50_us = 0;
  double p99_us = 0;
  double max_us = 0;
};

// Summarises per-operation latencies (nanoseconds; reordered in place)
// observed over `seconds`.
Summary Summarize(std::vector<int64_t>& nanos, double seconds);

// Calls `op` back to back on one thread for `warmup` (not recorded), then
// for `measure`, recording each call's latency. `op` returns false on
// failure, which is counted in *errors (when given).
Summary TimeLoop(const std::function<bool()>& op, absl::Duration warmup, absl::Duration measure,
                 int64_t* errors = nullptr);

// An integer field of INFO <section> ("used_memory" of "memory").
absl::StatusOr<int64_t> RedisInfoInt(redis::RedisClient& redis, absl::string_view section,
                                     absl::string_view field);

// "--name=value" arguments; a bare "--name" is "true".
class Args {
 public:
  Args(int argc, char** argv);
  std::string Get(const std::string& name, const std::string& fallback) const;
  int64_t GetInt(const std::string& name, int64_t fallback) const;
  double GetDouble(const std::string& name, double fallback) const;
  std::vector<int> GetIntList(const std::string& name, const std::vector<int>& fallback) const;

 private:
  std::map<std::string, std::string> values_;
};

// "0.123" style ratio, or "n/a" when the denominator is not positive.
std::string Ratio(double numerator, double denominator);

// Prints to stdout and flushes (the raw output is tee'd to a file).
void Print(const std::string& line);

// Prints "<program>: <what>: <detail>" to stderr and exits 1.
[[noreturn]] void Die(absl::string_view what, absl::string_view detail);

// The value, or Die(what, its status).
template <typename T>
T OrDie(absl::StatusOr<T> v, absl::string_view what) {
  if (!v.ok()) Die(what, v.status().ToString());
  return *std::move(v);
}

}  // namespace lawenforce::bench

#endif  // LAWENFORCE_BENCH_BENCH_SUPPORT_H_
