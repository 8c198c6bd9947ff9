#include "services/personnel/domain/certificate_machine.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/status/errors.h"
#include "common/time/clock.h"

namespace lawenforce::personnel {
namespace {

// Whether `at`'s civil day in China lies after the last day of validity.
bool PastValidity(const Certificate& certificate, absl::Time at) {
  return absl::ToCivilDay(at, ChinaTimeZone()) > certificate.valid_until;
}

CertificateState ApplyExpiry(const Certificate& certificate, CertificateState state,
                             absl::Time at) {
  if (!IsFinal(state) && PastValidity(certificate, at)) {
    return CertificateState::kExpired;
  }
  return state;
}

}  // namespace

absl::string_view CertificateStateName(CertificateState state) {
  switch (state) {
    case CertificateState::kActive:
      return "ACTIVE";
    case CertificateState::kSuspended:
      return "SUSPENDED";
    case CertificateState::kRevoked:
      return "REVOKED";
    case CertificateState::kCancelled:
      return "CANCELLED";
    case CertificateState::kExpired:
      return "EXPIRED";
  }
  return "UNKNOWN";
}

absl::string_view CertificateEventName(CertificateEventKind event) {
  switch (event) {
    case CertificateEventKind::kSuspend:
      return "suspend";
    case CertificateEventKind::kReinstate:
      return "reinstate";
    case CertificateEventKind::kRevoke:
      return "revoke";
    case CertificateEventKind::kCancel:
      return "cancel";
    case CertificateEventKind::kExpire:
      return "expire";
  }
  return "unknown";
}

bool IsFinal(CertificateState state) {
  return state == CertificateState::kRevoked || state == CertificateState::kCancelled ||
         state == CertificateState::kExpired;
}

const std::vector<TransitionRule>& TransitionTable() {
  using S = CertificateState;
  using E = CertificateEventKind;
  // Final states have no row: nothing leaves them.
  static const std::vector<TransitionRule>* const kTable = new std::vector<TransitionRule>{
      {S::kActive, E::kSuspend, S::kSuspended}, {S::kSuspended, E::kReinstate, S::kActive},
      {S::kActive, E::kRevoke, S::kRevoked},    {S::kSuspended, E::kRevoke, S::kRevoked},
      {S::kActive, E::kCancel, S::kCancelled},  {S::kSuspended, E::kCancel, S::kCancelled},
      {S::kActive, E::kExpire, S::kExpired},    {S::kSuspended, E::kExpire, S::kExpired},
  };
  return *kTable;
}

absl::StatusOr<CertificateState> Transition(CertificateState from, CertificateEventKind event) {
  for (const TransitionRule& rule : TransitionTable()) {
    if (rule.from == from && rule.event == event) {
      return rule.to;
    }
  }
  return absl::FailedPreconditionError(absl::StrCat("certificate is ", CertificateStateName(from),
                                                    ": cannot ", CertificateEventName(event)));
}

CertificateState EffectiveState(const Certificate& certificate, absl::Time at) {
  CertificateState state = certificate.state;
  if (state == CertificateState::kSuspended && certificate.suspended_until.has_value() &&
      *certificate.suspended_until <= at) {
    state = CertificateState::kActive;
  }
  return ApplyExpiry(certificate, state, at);
}

absl::Status ValidateSuspensionEnd(absl::string_view field, absl::Time until,
                                   absl::Time effective) {
  if (until <= effective) {
    return InvalidField(field, "must be after the suspension takes effect");
  }
  if (until > effective + absl::Hours(24 * 3653)) {
    return InvalidField(field, "must be within ten years of the suspension");
  }
  return absl::OkStatus();
}

CertificateEvent SuspensionEnded(absl::Time until) {
  CertificateEvent e;
  e.from_state = CertificateState::kSuspended;
  e.to_state = CertificateState::kActive;
  e.reason = "suspension ended";
  e.actor = "system";
  e.time = until;
  e.record_time = until;
  return e;
}

CertificateState StateAt(const Certificate& certificate,
                         const std::vector<CertificateEvent>& history, absl::Time at) {
  // Without any history there is nothing to replay: the stored state is the
  // best knowledge there is.
  if (history.empty()) {
    return EffectiveState(certificate, at);
  }
  // The history is append-only and numbered; its sequence, not the order
  // the caller happened to pass, decides which change came last.
  std::vector<const CertificateEvent*> ordered;
  ordered.reserve(history.size());
  for (const CertificateEvent& event : history) {
    ordered.push_back(&event);
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const CertificateEvent* a, const CertificateEvent* b) {
                     return a->sequence < b->sequence;
                   });
  // Before the issue event the certificate did not exist; we answer its
  // first state, ACTIVE, and leave "not yet valid" to the callers, who
  // compare `at` with valid_from.
  CertificateState state = CertificateState::kActive;
  const CertificateEvent* last = nullptr;
  for (const CertificateEvent* event : ordered) {
    if (event->time <= at) {
      state = event->to_state;
      last = event;
    }
  }
  // A suspension with an end is over at its end, recorded or not yet.
  if (state == CertificateState::kSuspended && last != nullptr && last->until.has_value() &&
      *last->until <= at) {
    state = CertificateState::kActive;
  }
  return ApplyExpiry(certificate, state, at);
}

absl::StatusOr<absl::Time> EffectiveTimeOf(absl::string_view field, CertificateEventKind event,
                                           std::optional<absl::Time> requested, absl::Time now,
                                           const Certificate& certificate,
                                           const std::vector<CertificateEvent>& history) {
  if (!requested.has_value() || *requested == now) return now;
  if (event == CertificateEventKind::kReinstate || event == CertificateEventKind::kExpire) {
    return InvalidField(field, "a reinstatement takes effect when it is recorded");
  }
  if (*requested > now) return InvalidField(field, "is in the future");
  if (*requested < certificate.create_time) {
    return InvalidField(field, "is before the certificate was issued");
  }
  for (const CertificateEvent& e : history) {
    if (*requested < e.time) {
      return InvalidField(
          field, absl::StrCat("is before the certificate's last change (",
                              absl::FormatTime(absl::RFC3339_sec, e.time, ChinaTimeZone()), ")"));
    }
  }
  return *requested;
}

std::optional<CertificateConflict> LiveCertificateConflict(const Certificate& draft,
                                                           const std::vector<Certificate>& held,
                                                           absl::Time now) {
  for (size_t i = 0; i < draft.domains.size(); ++i) {
    for (const Certificate& c : held) {
      if (c.kind != draft.kind || c.id == draft.id) continue;
      const CertificateState state = EffectiveState(c, now);
      if (state != CertificateState::kActive && state != CertificateState::kSuspended) continue;
      if (std::find(c.domains.begin(), c.domains.end(), draft.domains[i]) != c.domains.end()) {
        return CertificateConflict{i, &c};
      }
    }
  }
  return std::nullopt;
}

}  // namespace lawenforce::personnel
