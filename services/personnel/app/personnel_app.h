#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_PERSONNEL_APP_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_PERSONNEL_APP_H_

// The use cases of personnel-service, one class per resource, over the
// store port (store/personnel_store.h) and the cache. Knows no gRPC,
// protobuf or SQL types: api/ translates requests into these calls.
//
// Every method first checks the caller's role (before any lookup), then
// validates input (inputs that api/ could not even convert arrive as a
// failed StatusOr, so that a caller without the role learns nothing from
// validation), then checks jurisdiction on the record or the division the
// request names. Field paths in errors are the API's ("officer.name").

#include "common/auth/authorize.h"
#include "common/cache/versioned_cache.h"
#include "common/crypto/pii.h"
#include "common/ids/id_generator.h"
#include "common/time/clock.h"
#include "services/personnel/app/agencies.h"
#include "services/personnel/app/assessments.h"
#include "services/personnel/app/audit_log.h"
#include "services/personnel/app/certificates.h"
#include "services/personnel/app/eligibility.h"
#include "services/personnel/app/eligibility_source.h"
#include "services/personnel/app/imports.h"
#include "services/personnel/app/officers.h"
#include "services/personnel/app/postings.h"
#include "services/personnel/app/record_cache.h"
#include "services/personnel/app/staffing.h"
#include "services/personnel/app/training.h"
#include "services/personnel/app/verification.h"
#include "services/personnel/store/personnel_store.h"

namespace lawenforce::personnel {

// Thread-safe. Collaborators must outlive it.
class PersonnelApp {
 public:
  // `cache` may be null (no Redis): eligibility facts, officers and
  // certificates are then read from the store on every call.
  // `domains` may be null: any well-formed domain code is accepted.
  PersonnelApp(PersonnelStore* store, const auth::Authorizer* authorizer,
               const crypto::PiiProtector* pii, IdGenerator* ids, const Clock* clock,
               cache::VersionedCache* cache = nullptr, PersonnelPolicy policy = {},
               const EnforcementDomains* domains = nullptr, VerificationOptions verification = {});

  PersonnelApp(const PersonnelApp&) = delete;
  PersonnelApp& operator=(const PersonnelApp&) = delete;

  Agencies& agencies() { return agencies_; }
  Officers& officers() { return officers_; }
  Certificates& certificates() { return certificates_; }
  Eligibility& eligibility() { return eligibility_; }
  Training& training() { return training_; }
  Assessments& assessments() { return assessments_; }
  Staffing& staffing() { return staffing_; }
  CertificateVerifier& verifier() { return verifier_; }
  Imports& imports() { return imports_; }
  Postings& postings() { return postings_; }
  AuditLog& audit_log() { return audit_log_; }
  const PersonnelPolicy& policy() const { return policy_; }

  // Records a denied attempt (ARCHITECTURE.md section 7): an audit row
  // "denied.<method>" by the caller about `target` (the id or division the
  // request named), with the denial's message. Never fails the call: the
  // caller gets the same denial whether or not this row could be written.
  void AuditDenial(const auth::Principal& who, absl::string_view method, const std::string& target,
                   const absl::Status& denial);

 private:
  // The division a denial of `target` is shown under.
  std::string DivisionOfTarget(const auth::Principal& who, const std::string& target);

  PersonnelStore* store_;
  const Clock* clock_;
  const PersonnelPolicy policy_;
  RecordCache records_;
  EligibilitySource facts_;
  Lookups lookups_;
  UseCaseDeps deps_;
  Agencies agencies_;
  Officers officers_;
  Certificates certificates_;
  Eligibility eligibility_;
  Training training_;
  Assessments assessments_;
  Staffing staffing_;
  CertificateVerifier verifier_;
  Imports imports_;
  Postings postings_;
  AuditLog audit_log_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_PERSONNEL_APP_H_
