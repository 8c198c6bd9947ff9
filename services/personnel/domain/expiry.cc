#include "services/personnel/domain/expiry.h"

#include "common/time/clock.h"

namespace lawenforce::personnel {

absl::Time ExpiryMoment(const Certificate& certificate) {
  return absl::FromCivil(absl::CivilSecond(certificate.valid_until + 1), ChinaTimeZone());
}

}  // namespace lawenforce::personnel
