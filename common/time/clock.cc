#include "common/time/clock.h"

namespace lawenforce {

absl::TimeZone ChinaTimeZone() {
  // A fixed zone: no tzdata is needed in the container image, and China has
  // had no daylight saving since 1991.
  return absl::FixedTimeZone(8 * 60 * 60);
}

}  // namespace lawenforce
