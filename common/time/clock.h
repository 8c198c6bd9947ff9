#ifndef LAWENFORCE_COMMON_TIME_CLOCK_H_
#define LAWENFORCE_COMMON_TIME_CLOCK_H_

// Injectable time source, shaped like Envoy's TimeSource. Domain code never
// reads the system clock; it is handed a Clock. Tests use FakeClock.

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace lawenforce {

// Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

// The system's real-time clock.
class RealClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

// A clock that moves only when told. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(absl::Time start = absl::FromUnixSeconds(1700000000)) : now_(start) {}
  absl::Time Now() const override {
    absl::MutexLock lock(&mu_);
    return now_;
  }
  void SetTime(absl::Time t) {
    absl::MutexLock lock(&mu_);
    now_ = t;
  }
  void Advance(absl::Duration d) {
    absl::MutexLock lock(&mu_);
    now_ += d;
  }

 private:
  mutable absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
};

// China Standard Time (UTC+8, no DST): the zone of every civil date in the
// suite (validity dates, training days, statutory days).
absl::TimeZone ChinaTimeZone();

}  // namespace lawenforce

#endif  // LAWENFORCE_COMMON_TIME_CLOCK_H_
