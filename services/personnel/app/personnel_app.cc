#include "services/personnel/app/personnel_app.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"

namespace lawenforce::personnel {

PersonnelApp::PersonnelApp(PersonnelStore* store, const auth::Authorizer* authorizer,
                           const crypto::PiiProtector* pii, IdGenerator* ids, const Clock* clock,
                           cache::VersionedCache* cache, PersonnelPolicy policy,
                           const EnforcementDomains* domains, VerificationOptions verification)
    : store_(store),
      clock_(clock),
      policy_(policy),
      records_(store, store, cache),
      facts_(store, cache),
      lookups_(store, &records_, authorizer),
      deps_{authorizer, pii, ids, clock, &lookups_, &policy_, domains},
      agencies_(store, deps_),
      officers_(store, deps_),
      certificates_(store, store, deps_),
      eligibility_(&facts_, deps_),
      training_(store, deps_),
      assessments_(store, deps_),
      staffing_(store, deps_),
      verifier_(store, deps_, std::move(verification)),
      imports_(store, deps_, &agencies_, &officers_, &training_),
      postings_(store, deps_) {}

void PersonnelApp::AuditDenial(const auth::Principal& who, absl::string_view method,
                               const std::string& target, const absl::Status& denial) {
  absl::Status s = store_->RecordDenial(
      store::AuditEntry{who.subject, absl::StrCat("denied.", method), target.empty() ? "-" : target,
                        std::string(denial.message()), clock_->Now()});
  if (!s.ok()) {
    log::Warn("denial_audit_failed", {{"method", std::string(method)}, {"error", s.ToString()}});
  }
}

}  // namespace lawenforce::personnel
