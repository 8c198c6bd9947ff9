#ifndef LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_CERTIFICATE_MACHINE_H_
#define LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_CERTIFICATE_MACHINE_H_

// The certificate state machine as one table (from-state, event, to-state).
// Every change of a certificate's state goes through Transition().
//
//   ACTIVE    --suspend-->   SUSPENDED
//   SUSPENDED --reinstate--> ACTIVE
//   ACTIVE|SUSPENDED --revoke-->  REVOKED   (final)
//   ACTIVE|SUSPENDED --cancel-->  CANCELLED (final)
//   ACTIVE|SUSPENDED --expire-->  EXPIRED   (final; by the validity date)

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/personnel/domain/model.h"

namespace lawenforce::personnel {

enum class CertificateEventKind { kSuspend, kReinstate, kRevoke, kCancel, kExpire };

absl::string_view CertificateStateName(CertificateState state);      // "ACTIVE", ...
absl::string_view CertificateEventName(CertificateEventKind event);  // "suspend", ...

bool IsFinal(CertificateState state);

// The state `event` leads to from `from`, or FAILED_PRECONDITION
// "certificate is <FROM>: cannot <event>".
absl::StatusOr<CertificateState> Transition(CertificateState from, CertificateEventKind event);

// Every (from, event, to) of the table, for exhaustive tests and docs.
struct TransitionRule {
  CertificateState from;
  CertificateEventKind event;
  CertificateState to;
};
const std::vector<TransitionRule>& TransitionTable();

// The state the certificate is in at `at`: the stored state, except that a
// suspension whose end (suspended_until) is at or before `at` reads ACTIVE,
// and a non-final certificate whose validity ended before the civil day of
// `at` (China Standard Time) reads EXPIRED.
CertificateState EffectiveState(const Certificate& certificate, absl::Time at);

// The state at a past (or present) moment `at`, replayed from the history
// (events whose effective time is <= at; a suspension event whose `until`
// is <= at ends there), then EffectiveState's expiry rule. Used by
// eligibility "at the moment of the act". NOT_YET_VALID is not a state:
// callers compare `at` with valid_from themselves. Events are replayed in
// `sequence` order. A moment before every event reads ACTIVE (the first
// state; the certificate did not exist yet, which callers detect through
// valid_from or create_time). An empty history falls back to
// EffectiveState(certificate, at).
CertificateState StateAt(const Certificate& certificate,
                         const std::vector<CertificateEvent>& history, absl::Time at);

// When a change asked at `now` takes effect: `requested` (nullopt: now).
// INVALID_ARGUMENT naming `field` when it is in the future, before the
// certificate was issued, or before the effective time of its last change
// (history replays in order); and for a reinstatement, which takes effect
// when it is recorded (a past one would silently make past acts eligible).
absl::StatusOr<absl::Time> EffectiveTimeOf(absl::string_view field, CertificateEventKind event,
                                           std::optional<absl::Time> requested, absl::Time now,
                                           const Certificate& certificate,
                                           const std::vector<CertificateEvent>& history);

// A suspension's end as asked: INVALID_ARGUMENT naming `field` unless it
// is after the suspension takes effect (`effective`) and at most ten years
// later.
absl::Status ValidateSuspensionEnd(absl::string_view field, absl::Time until, absl::Time effective);

// The event the deadline engine (or the next change, whichever comes
// first) records when a suspension with an end ends: SUSPENDED -> ACTIVE by
// "system", in effect and recorded at the end, known in advance.
CertificateEvent SuspensionEnded(absl::Time until);

// One live certificate per officer, kind and domain: the first domain of
// `draft` (its index) that a live certificate of the same kind among
// `held` (the officer's) already covers, with that certificate; nullopt
// when there is none. Live: ACTIVE or SUSPENDED as read at `now`.
struct CertificateConflict {
  size_t domain_index = 0;
  const Certificate* certificate = nullptr;
};
std::optional<CertificateConflict> LiveCertificateConflict(const Certificate& draft,
                                                           const std::vector<Certificate>& held,
                                                           absl::Time now);

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_CERTIFICATE_MACHINE_H_
