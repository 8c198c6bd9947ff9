#ifndef LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_LIMITS_H_
#define LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_LIMITS_H_

// Handling limits of complaints: how long an agency has to acknowledge and
// to resolve, per channel and optionally per category. Defaults come from
// configuration (--complaint-limits); overrides are set by RPC, versioned,
// and stored. The most specific limit governs a clock:
//   (channel, category) override > (channel, category) default
//   > (channel) override > (channel) default > (any channel) default.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/calendar/statutory_period.h"
#include "services/supervision/domain/complaint.h"

namespace lawenforce::supervision {

struct LimitRule {
  std::optional<Channel> channel;  // nullopt: any channel (defaults only)
  Category category = Category::kAny;
  ClockKind clock = ClockKind::kResolve;
  calendar::StatutoryPeriod period;
  int64_t version = 0;  // 0: a configured default; 1, 2...: overrides
  std::string reason;
  std::string set_by;
  absl::Time set_at = absl::InfinitePast();
  int rescheduled = 0;  // running clocks moved by this override
};

// The built-in defaults: acknowledge within 1 working day; resolve within
// 15 working days, the hotline within 5, letters and visits within 60
// calendar days (信访工作条例 art. 32), referrals within 90 calendar days.
inline constexpr absl::string_view kDefaultLimits =
    "acknowledge=1wd,resolve=15wd,hotline_12345.resolve=5wd,letter.resolve=60d,"
    "visit.resolve=60d,congress_referral.resolve=90d";

// Parses "[channel[/category].]clock=N<unit>" entries separated by commas
// (units d, wd, h). Both clocks must have an any-channel default once the
// built-in defaults are applied beneath `spec`. INVALID_ARGUMENT naming
// the entry.
absl::StatusOr<std::vector<LimitRule>> ParseLimits(absl::string_view spec);

// A period a limit may take: 1..365 days (either kind), 1..8760 hours.
absl::Status ValidateLimitPeriod(absl::string_view field, calendar::StatutoryPeriod period);

// The limit that governs (channel, category, clock) given the defaults and
// the overrides in force (latest version of each key). Precondition: the
// defaults have an any-channel rule for the clock (ParseLimits ensures it).
const LimitRule& GoverningLimit(const std::vector<LimitRule>& defaults,
                                const std::vector<LimitRule>& overrides, Channel channel,
                                Category category, ClockKind clock);

// "default", "hotline_12345 default", "hotline_12345/inaction v2".
std::string LimitSource(const LimitRule& rule);

}  // namespace lawenforce::supervision

#endif  // LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_LIMITS_H_
