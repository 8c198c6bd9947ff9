#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_CERTIFICATES_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_CERTIFICATES_H_

// Use cases on enforcement and supervision certificates (执法证件): issue,
// read, list and the transitions of the state machine
// (domain/certificate_machine.h). A certificate read at a time past its
// validity reads EXPIRED whether or not its expiry deadline has fired yet.
// Check order as in agencies.h. Thread-safe.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/personnel/app/use_case_deps.h"
#include "services/personnel/domain/certificate_machine.h"

namespace lawenforce::personnel {

// What a transition may carry besides its reason: the decision document the
// change rests on, and for a suspension its end (暂扣 for a term): the
// certificate reads ACTIVE again from then on, and the deadline engine
// records the reinstatement by "system".
struct TransitionTerms {
  std::string decision_document;
  absl::StatusOr<std::optional<absl::Time>> until = std::optional<absl::Time>();
};

// 换证 (renewal: a new validity, possibly other domains) or 补证
// (replacement of a lost or damaged certificate: the same kind, domains and
// validity).
enum class ReissueKind { kRenewal = 1, kReplacement = 2 };

// What a reissue asks for besides the certificate replaced. Renewal only:
// the new validity, and the domains (empty: the old certificate's).
struct ReissueRequest {
  std::string certificate_id;
  ReissueKind kind = ReissueKind::kRenewal;
  std::string number;
  std::string reason;
  std::string etag;
  std::string decision_document;
  std::optional<absl::CivilDay> valid_from;
  std::optional<absl::CivilDay> valid_until;
  std::vector<std::string> domains;
};

// A correction of fields mistyped when a certificate was recorded: each
// set field replaces the stored one.
struct CorrectionRequest {
  std::string certificate_id;
  std::string reason;
  std::string etag;
  std::optional<std::string> number;
  std::optional<absl::CivilDay> valid_from;
  std::optional<absl::CivilDay> valid_until;
  std::optional<std::vector<std::string>> domains;
};

class Certificates {
 public:
  Certificates(CertificateStore* store, AgencyStore* agencies, const UseCaseDeps& deps)
      : store_(store), agencies_(agencies), deps_(deps) {}

  absl::StatusOr<Certificate> Issue(const auth::Principal& who, absl::StatusOr<Certificate> draft,
                                    const CreateOptions& options);
  absl::StatusOr<Certificate> Get(const auth::Principal& who, const std::string& id);
  absl::StatusOr<Page<Certificate>> List(const auth::Principal& who,
                                         const std::string& division_code,
                                         const std::string& officer_id,
                                         absl::StatusOr<std::optional<CertificateState>> state,
                                         const PageQuery& page, int expiring_within_days = 0);
  // Suspend, reinstate, revoke or cancel (expire is the deadline engine's:
  // PERMISSION_DENIED). `etag` empty means "whatever the current version is".
  // `effective_time` (suspend, revoke, cancel; unset: now) may lie in the
  // past (EffectiveTimeOf): eligibility at later moments then reads the new
  // state from that time on, while history keeps when it was recorded.
  //
  // `terms` (optional): see TransitionTerms.
  absl::StatusOr<Certificate> Transition(
      const auth::Principal& who, const std::string& id, CertificateEventKind event,
      const std::string& reason, const std::string& etag,
      absl::StatusOr<std::optional<absl::Time>> effective_time = std::nullopt,
      const TransitionTerms& terms = {});
  // A new certificate in place of `request.certificate_id`, both linked.
  // Renewal: of an ACTIVE or EXPIRED certificate, the new one valid from
  // no later than today; replacement: of an ACTIVE one. A live old
  // certificate is cancelled in the same transaction (the officer is never
  // without one, nor holds two); an expired one is only linked. Anything
  // else (suspended, revoked, cancelled, already reissued):
  // FAILED_PRECONDITION.
  absl::StatusOr<Certificate> Reissue(const auth::Principal& who,
                                      absl::StatusOr<ReissueRequest> request,
                                      const CreateOptions& options);
  // Corrects the number, validity or domains of a certificate whose
  // stored state is ACTIVE or SUSPENDED (one read EXPIRED by date included:
  // a mistyped end date is the common case); revoked, cancelled or
  // written EXPIRED: FAILED_PRECONDITION. Not a transition: the history
  // of states is unchanged, the audit row keeps each field's before and
  // after with the reason. A correction that changes nothing returns the
  // certificate as it is.
  absl::StatusOr<Certificate> Correct(const auth::Principal& who,
                                      absl::StatusOr<CorrectionRequest> request);
  absl::StatusOr<std::vector<CertificateEvent>> History(const auth::Principal& who,
                                                        const std::string& id);

 private:
  CertificateStore* store_;
  AgencyStore* agencies_;
  UseCaseDeps deps_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_CERTIFICATES_H_
