#include "services/personnel/app/personnel_app.h"

namespace lawenforce::personnel {

PersonnelApp::PersonnelApp(PersonnelStore* store, const auth::Authorizer* authorizer,
                           const crypto::PiiProtector* pii, IdGenerator* ids, const Clock* clock,
                           cache::VersionedCache* cache)
    : records_(store, store, cache),
      facts_(store, cache),
      lookups_(store, &records_, authorizer),
      deps_{authorizer, pii, ids, clock, &lookups_},
      agencies_(store, deps_),
      officers_(store, deps_),
      certificates_(store, store, deps_),
      eligibility_(&facts_, deps_),
      training_(store, deps_),
      assessments_(store, deps_),
      staffing_(store, deps_) {}

}  // namespace lawenforce::personnel
