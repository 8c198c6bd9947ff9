#ifndef LAWENFORCE_COMMON_KIT_CALENDAR_FLAGS_H_
#define LAWENFORCE_COMMON_KIT_CALENDAR_FLAGS_H_

// The working-day calendar of a service whose clocks count working days
// (case-service, supervision-service), from the same two flags everywhere:
//   --working-calendar   the holiday table (data/cn-working-calendar.tsv); a
//                        relative path missing from the working directory is
//                        looked up beside --divisions
//   --provisional-years  years after the table derived from the statutory
//                        holiday rules (2); 0 refuses clocks beyond it
// (docs/calendar.md).

#include "absl/status/statusor.h"
#include "common/calendar/working_calendar.h"
#include "common/config/flags.h"

namespace lawenforce::kit {

// Defines the two flags (in a ServiceSpec's define_flags).
void DefineCalendarFlags(config::Flags& flags);

// The calendar the flags name. INVALID_ARGUMENT naming the flag.
absl::StatusOr<calendar::WorkingCalendar> LoadCalendar(const config::Flags& flags);

}  // namespace lawenforce::kit

#endif  // LAWENFORCE_COMMON_KIT_CALENDAR_FLAGS_H_
