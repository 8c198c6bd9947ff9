#include "services/personnel/app/personnel_app.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/ids/id_generator.h"
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
      eligibility_(&facts_, deps_,
                   [this](const auth::Principal& who, const std::string& officer_id,
                          const absl::Status& denial) {
                     AuditDenial(who, "CheckEnforcementEligibility", officer_id, denial);
                   }),
      training_(store, deps_),
      assessments_(store, deps_),
      staffing_(store, deps_),
      verifier_(store, deps_, std::move(verification)),
      imports_(store, deps_, &agencies_, &officers_, &training_),
      postings_(store, deps_),
      audit_log_(store, deps_) {}

std::string PersonnelApp::DivisionOfTarget(const auth::Principal& who, const std::string& target) {
  if (IsValidId(target)) {
    if (auto a = store_->GetAgency(target); a.ok()) return a->division_code;
    if (auto o = records_.GetOfficer(target); o.ok()) return o->division_code;
    if (auto c = records_.GetCertificate(target); c.ok()) return c->division_code;
    if (auto t = store_->GetTrainingRecord(target); t.ok()) return t->division_code;
  } else if ((target.size() == 6 || target.size() == 9) &&
             std::all_of(target.begin(), target.end(), absl::ascii_isdigit)) {
    return target;  // a division the caller asked about
  }
  return who.division_code;
}

void PersonnelApp::AuditDenial(const auth::Principal& who, absl::string_view method,
                               const std::string& target, const absl::Status& denial) {
  // The denial is shown in the log of the division it was about: the
  // record's, the division's asked for, else the caller's own.
  store::AuditEntry entry{who.subject, absl::StrCat("denied.", method),
                          target.empty() ? "-" : target, std::string(denial.message()),
                          clock_->Now()};
  entry.method = std::string(method);
  entry.division_code = DivisionOfTarget(who, target);
  absl::Status s = store_->RecordDenial(entry);
  if (!s.ok()) {
    log::Warn("denial_audit_failed", {{"method", std::string(method)}, {"error", s.ToString()}});
  }
}

}  // namespace lawenforce::personnel
