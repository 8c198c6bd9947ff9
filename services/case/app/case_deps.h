#ifndef LAWENFORCE_SERVICES_CASE_APP_CASE_DEPS_H_
#define LAWENFORCE_SERVICES_CASE_APP_CASE_DEPS_H_

// What case-service's use cases share. Nothing is owned; everything must
// outlive the use cases built on it.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/app/use_case.h"
#include "common/auth/authorize.h"
#include "common/calendar/working_calendar.h"
#include "common/crypto/pii.h"
#include "common/ids/id_generator.h"
#include "common/import/import.h"
#include "common/time/clock.h"
#include "services/case/app/agency_directory.h"
#include "services/case/app/officer_directory.h"
#include "services/case/domain/clocks.h"
#include "services/case/store/case_store.h"

namespace lawenforce::cases {

struct CaseDeps {
  CaseStores* store = nullptr;
  AgencyDirectory* agencies = nullptr;
  OfficerDirectory* officers = nullptr;
  const auth::Authorizer* authorizer = nullptr;
  const crypto::PiiProtector* pii = nullptr;
  IdGenerator* ids = nullptr;
  const lawenforce::Clock* clock = nullptr;
  const calendar::WorkingCalendar* calendar = nullptr;
  const ClockPolicy* policy = nullptr;
};

using import::LogIfInternal;

// personnel-service's agency `id` (the request's `field`) when its
// division is within `who`'s jurisdiction; a missing agency as the
// Authorizer says (app::FindVisible).
inline absl::StatusOr<AgencyInfo> VisibleAgency(const CaseDeps& d, const auth::Principal& who,
                                                absl::string_view field, const std::string& id,
                                                absl::string_view action) {
  return app::FindVisible<AgencyInfo>(
      *d.authorizer, who, field, id, "agency", action,
      [&](const std::string& i) { return d.agencies->GetAgency(i); });
}

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_APP_CASE_DEPS_H_
