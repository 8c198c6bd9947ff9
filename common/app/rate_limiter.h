#ifndef LAWENFORCE_COMMON_APP_RATE_LIMITER_H_
#define LAWENFORCE_COMMON_APP_RATE_LIMITER_H_

// A token bucket per key (a client address) for the suite's few calls that
// need no token (public certificate verification): `per_minute` calls a
// minute on average, bursts of up to `burst`. In memory, per replica: N
// replicas behind a balancer allow up to N times the rate, which is the
// stated bound (docs/api/personnel.md "Public verification"). At most
// `max_keys` keys are kept; when full, the key idle longest is dropped
// (it starts again with a full bucket). Thread-safe.

#include <cstddef>
#include <list>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/time/clock.h"

namespace lawenforce::app {

class RateLimiter {
 public:
  RateLimiter(const Clock* clock, int per_minute, int burst, size_t max_keys = 100000)
      : clock_(clock), per_minute_(per_minute), burst_(burst), max_keys_(max_keys) {}

  // OK and one token taken, or RESOURCE_EXHAUSTED "too many <what> from
  // this address; retry in <n> s".
  absl::Status Take(const std::string& key, absl::string_view what);

 private:
  struct Bucket {
    double tokens = 0;
    absl::Time updated;
    std::list<std::string>::iterator age;  // position in lru_
  };

  const Clock* const clock_;
  const int per_minute_;
  const int burst_;
  const size_t max_keys_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
  std::list<std::string> lru_ ABSL_GUARDED_BY(mu_);  // least recently used first
};

}  // namespace lawenforce::app

#endif  // LAWENFORCE_COMMON_APP_RATE_LIMITER_H_
