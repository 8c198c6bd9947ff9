#ifndef LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_ELIGIBILITY_H_
#define LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_ELIGIBILITY_H_

// May an officer enforce in a domain at a moment (task 6)? A pure function
// of the officer's certificates, their histories, the agency's training
// policy and last year's counted training hours.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/personnel/domain/model.h"

namespace lawenforce::personnel {

enum class EligibilityReason {
  kEligible = 1,
  kOfficerNotFound = 2,
  kNoCertificate = 3,
  kDomainNotCovered = 4,
  kSuspended = 5,
  kRevoked = 6,
  kCancelled = 7,
  kExpired = 8,
  kNotYetValid = 9,
  kTrainingInsufficient = 10,
  kNotInService = 11,
  kOutsideJurisdiction = 12,  // supervision: the division is beyond the agency's
  kNotASupervisor = 13,       // supervision: the officer lacks the SUPERVISOR role
  // The caller may not read this officer: outside its subtree, or (for a
  // caller below the region) no such officer. The two read alike (ADR 0008).
  kNotVisible = 14,
};

struct EligibilityVerdict {
  std::string officer_id;
  bool eligible = false;
  EligibilityReason reason = EligibilityReason::kNoCertificate;
  std::string certificate_id;  // the certificate the verdict rests on, if any
  std::string detail;          // human-readable
  // The agency the officer served at the moment judged (the period in
  // force); empty when none is known (not in service, or no periods given).
  std::string agency_id;
};

struct CertificateWithHistory {
  Certificate certificate;
  std::vector<CertificateEvent> history;
};

struct EligibilityInput {
  std::string officer_id;
  bool officer_found = true;
  // The officer's periods of service, oldest first; empty: always in
  // service.
  std::vector<ServicePeriod> service;
  // Every certificate of the officer, any kind.
  std::vector<CertificateWithHistory> certificates;
  bool agency_requires_training = false;
  // Counted (non-political) training minutes in the calendar year before
  // `at`'s year, of the records recorded by `at`.
  int64_t previous_year_counted_minutes = 0;
  // What that year required of this officer (RequiredTrainingMinutes in
  // policy.h: pro rata for the year they started in, 0 before it).
  int64_t previous_year_required_minutes = 60 * 60;
};

// Rules, in order:
//  1. officer unknown -> kOfficerNotFound; `at` after the officer's first
//     period of service began but in none (they had left, or were between
//     two periods) -> kNotInService (a moment before the first period is
//     left to the certificates, as registration may follow the act);
//  2. among ENFORCEMENT certificates (supervision certificates grant no
//     enforcement) issued by `at` (create_time <= at: a certificate issued
//     later did not exist then, whatever its valid_from) by the agency the
//     officer served at `at` (a certificate names its agency: one of an
//     agency left covers nothing after the transfer): none ->
//     kNoCertificate; none covering `domain` -> kDomainNotCovered;
//  3. a covering certificate ACTIVE at `at` (StateAt: each change counts
//     from its effective time) and valid_from <= day of `at` -> eligible
//     (then rule 4); otherwise the reason of the most telling covering
//     certificate, preferring kNotYetValid, kSuspended, kExpired, kRevoked,
//     kCancelled in that order;
//  4. eligible so far, but the agency requires training and the previous
//     year's counted minutes are below what that year required of the
//     officer -> kTrainingInsufficient.
EligibilityVerdict JudgeEligibility(const EligibilityInput& input, const std::string& domain,
                                    absl::Time at);

// Rules 1 to 3 for certificates of `kind` (an empty `domain`: any domain
// covers); `eligible` true when they pass. JudgeEligibility is this for
// ENFORCEMENT certificates, then rule 4.
EligibilityVerdict JudgeHolding(const EligibilityInput& input, CertificateKind kind,
                                const std::string& domain, absl::Time at);

// May the officer supervise (执法监督) division `division` at `at`, in
// `domain` (empty: any)? Rule 1 as above; then the officer must hold the
// SUPERVISOR role (`is_supervisor`: as known now) -> else kNotASupervisor;
// rules 2-3 for SUPERVISION certificates of the agency served at `at`;
// then `division` must be that agency's division or inside its subtree
// (`agency_division`: of the period in force; else the officer's now) ->
// else kOutsideJurisdiction. No training rule. `eligible` is the answer.
EligibilityVerdict JudgeSupervision(const EligibilityInput& input, bool is_supervisor,
                                    const std::string& division, const std::string& domain,
                                    absl::Time at, const std::string& fallback_division);

absl::string_view EligibilityReasonName(EligibilityReason reason);

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_ELIGIBILITY_H_
