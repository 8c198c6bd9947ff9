#ifndef LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_EXPIRY_H_
#define LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_EXPIRY_H_

// When a certificate expires, and when its holder is reminded. A certificate
// is valid through the whole of its valid_until day (China Standard Time),
// so it expires at 00:00 CST of the next day; the reminder goes out 30 days
// before that.

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/personnel/domain/model.h"

namespace lawenforce::personnel {

// Deadline kind on the deadline engine (common/deadlines).
inline constexpr absl::string_view kCertificateExpiryKind = "certificate_expiry";
// The end of a suspension with a term: the engine writes the reinstatement.
inline constexpr absl::string_view kCertificateReinstateKind = "certificate_reinstate";

inline constexpr absl::Duration kExpiryReminderLead = absl::Hours(24 * 30);

// 00:00 China Standard Time of the day after `certificate.valid_until`.
absl::Time ExpiryMoment(const Certificate& certificate);

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_EXPIRY_H_
