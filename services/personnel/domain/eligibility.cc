#include "services/personnel/domain/eligibility.h"

#include <algorithm>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/divisions/divisions.h"
#include "common/time/clock.h"
#include "services/personnel/domain/certificate_machine.h"
#include "services/personnel/domain/service_periods.h"
#include "services/personnel/domain/training.h"

namespace lawenforce::personnel {
namespace {

// Lower is more telling: the order rule 3 of eligibility.h prefers.
int Preference(EligibilityReason reason) {
  switch (reason) {
    case EligibilityReason::kNotYetValid:
      return 0;
    case EligibilityReason::kSuspended:
      return 1;
    case EligibilityReason::kExpired:
      return 2;
    case EligibilityReason::kRevoked:
      return 3;
    case EligibilityReason::kCancelled:
      return 4;
    default:
      return 5;
  }
}

std::string DayString(absl::CivilDay day) { return absl::FormatCivilTime(day); }

absl::string_view Label(const Certificate& certificate) {
  return certificate.number.empty() ? certificate.id : certificate.number;
}

// The reason recorded with the change that set the state in force at `at`:
// the last history event at or before `at`, or the stored reason when no
// history was given.
std::string ReasonAt(const CertificateWithHistory& entry, absl::Time at) {
  if (entry.history.empty()) {
    return entry.certificate.state_reason;
  }
  const CertificateEvent* last = nullptr;
  for (const CertificateEvent& event : entry.history) {
    if (event.time <= at && (last == nullptr || event.sequence >= last->sequence)) {
      last = &event;
    }
  }
  return last == nullptr ? std::string() : last->reason;
}

std::string WithReason(std::string text, const std::string& reason) {
  if (!reason.empty()) {
    absl::StrAppend(&text, ": ", reason);
  }
  return text;
}

struct CertificateJudgement {
  EligibilityReason reason;
  std::string detail;
};

// Rule 3 for one covering enforcement certificate.
CertificateJudgement JudgeCertificate(const CertificateWithHistory& entry,
                                      const std::string& domain, absl::Time at) {
  const Certificate& certificate = entry.certificate;
  const absl::CivilDay day = absl::ToCivilDay(at, ChinaTimeZone());
  const CertificateState state = StateAt(certificate, entry.history, at);
  const std::string label(Label(certificate));
  switch (state) {
    case CertificateState::kActive:
      if (day < certificate.valid_from) {
        return {EligibilityReason::kNotYetValid,
                absl::StrCat("certificate ", label, " is not valid before ",
                             DayString(certificate.valid_from))};
      }
      return {EligibilityReason::kEligible,
              absl::StrCat("certificate ", label, " is active and covers domain ", domain)};
    case CertificateState::kSuspended:
      return {EligibilityReason::kSuspended,
              WithReason(absl::StrCat("certificate ", label, " suspended"), ReasonAt(entry, at))};
    case CertificateState::kRevoked:
      return {EligibilityReason::kRevoked,
              WithReason(absl::StrCat("certificate ", label, " revoked"), ReasonAt(entry, at))};
    case CertificateState::kCancelled:
      return {EligibilityReason::kCancelled,
              WithReason(absl::StrCat("certificate ", label, " cancelled"), ReasonAt(entry, at))};
    case CertificateState::kExpired:
      return {EligibilityReason::kExpired, absl::StrCat("certificate ", label, " expired after ",
                                                        DayString(certificate.valid_until))};
  }
  return {EligibilityReason::kNoCertificate, "certificate in an unknown state"};
}

bool Covers(const Certificate& certificate, const std::string& domain) {
  return std::find(certificate.domains.begin(), certificate.domains.end(), domain) !=
         certificate.domains.end();
}

}  // namespace

EligibilityVerdict JudgeHolding(const EligibilityInput& input, CertificateKind kind,
                                const std::string& domain, absl::Time at) {
  const absl::string_view kind_name =
      kind == CertificateKind::kSupervision ? "supervision" : "enforcement";
  EligibilityVerdict verdict;
  verdict.officer_id = input.officer_id;
  verdict.eligible = false;

  // Rule 1.
  if (!input.officer_found) {
    verdict.reason = EligibilityReason::kOfficerNotFound;
    verdict.detail = absl::StrCat("officer ", input.officer_id, " not found");
    return verdict;
  }
  if (!input.service.empty() && at >= input.service.front().start &&
      PeriodAt(input.service, at) == nullptr) {
    // The last period that ended by `at` says why.
    const ServicePeriod* ended = nullptr;
    for (const ServicePeriod& p : input.service) {
      if (p.end <= at) ended = &p;
    }
    verdict.reason = EligibilityReason::kNotInService;
    verdict.detail = absl::StrCat("officer ", input.officer_id, " was not in service at ",
                                  absl::FormatTime(absl::RFC3339_sec, at, ChinaTimeZone()));
    if (ended != nullptr && ended->end_reason.has_value()) {
      absl::StrAppend(&verdict.detail, " (", ServiceEndReasonName(*ended->end_reason), " ",
                      absl::FormatTime(absl::RFC3339_sec, ended->end, ChinaTimeZone()), ")");
    }
    return verdict;
  }

  const ServicePeriod* serving = PeriodAt(input.service, at);
  if (serving != nullptr) verdict.agency_id = serving->agency_id;

  // Rule 2: only certificates of the kind grant it, and only those of the
  // agency served then.
  bool any_enforcement = false;
  bool other_agency = false;
  std::vector<const CertificateWithHistory*> covering;
  for (const CertificateWithHistory& entry : input.certificates) {
    if (entry.certificate.kind != kind || entry.certificate.create_time > at) {
      continue;  // another kind, or not issued yet at `at`
    }
    if (serving != nullptr && entry.certificate.agency_id != serving->agency_id) {
      other_agency = true;
      continue;
    }
    any_enforcement = true;
    if (domain.empty() || Covers(entry.certificate, domain)) {
      covering.push_back(&entry);
    }
  }
  if (!any_enforcement) {
    verdict.reason = EligibilityReason::kNoCertificate;
    verdict.detail =
        absl::StrCat("officer ", input.officer_id, " holds no ", kind_name, " certificate");
    if (other_agency) {
      absl::StrAppend(&verdict.detail, " of agency ", serving->agency_id,
                      ", the agency served then (those of another agency do not cover its acts)");
    }
    return verdict;
  }
  if (covering.empty()) {
    verdict.reason = EligibilityReason::kDomainNotCovered;
    verdict.detail = absl::StrCat("no ", kind_name, " certificate covers domain ", domain);
    return verdict;
  }

  // Rule 3: the first eligible covering certificate wins; failing that, the
  // most telling one (ties: the first given).
  const CertificateWithHistory* best = nullptr;
  std::optional<CertificateJudgement> best_judgement;
  for (const CertificateWithHistory* entry : covering) {
    CertificateJudgement judgement = JudgeCertificate(*entry, domain.empty() ? "any" : domain, at);
    if (judgement.reason == EligibilityReason::kEligible) {
      best = entry;
      best_judgement = std::move(judgement);
      break;
    }
    if (!best_judgement.has_value() ||
        Preference(judgement.reason) < Preference(best_judgement->reason)) {
      best = entry;
      best_judgement = std::move(judgement);
    }
  }
  verdict.certificate_id = best->certificate.id;
  verdict.reason = best_judgement->reason;
  verdict.detail = std::move(best_judgement->detail);
  if (verdict.reason != EligibilityReason::kEligible) {
    return verdict;
  }

  verdict.eligible = true;
  return verdict;
}

EligibilityVerdict JudgeEligibility(const EligibilityInput& input, const std::string& domain,
                                    absl::Time at) {
  EligibilityVerdict verdict = JudgeHolding(input, CertificateKind::kEnforcement, domain, at);
  if (!verdict.eligible) return verdict;
  verdict.eligible = false;

  // Rule 4.
  if (input.agency_requires_training &&
      input.previous_year_counted_minutes < input.previous_year_required_minutes) {
    const int previous_year = absl::ToCivilYear(at, ChinaTimeZone()).year() - 1;
    verdict.reason = EligibilityReason::kTrainingInsufficient;
    verdict.detail =
        absl::StrCat("agency requires ", MinutesToHours(input.previous_year_required_minutes),
                     " counted training hours in ", previous_year, " of officer ", input.officer_id,
                     ", who had ", MinutesToHours(input.previous_year_counted_minutes));
    return verdict;
  }
  verdict.eligible = true;
  return verdict;
}

EligibilityVerdict JudgeSupervision(const EligibilityInput& input, bool is_supervisor,
                                    const std::string& division, const std::string& domain,
                                    absl::Time at, const std::string& fallback_division) {
  EligibilityVerdict verdict = JudgeHolding(input, CertificateKind::kSupervision, domain, at);
  if (verdict.reason == EligibilityReason::kOfficerNotFound ||
      verdict.reason == EligibilityReason::kNotInService) {
    return verdict;
  }
  if (!is_supervisor) {
    verdict.eligible = false;
    verdict.reason = EligibilityReason::kNotASupervisor;
    verdict.certificate_id.clear();
    verdict.detail =
        absl::StrCat("officer ", input.officer_id, " does not hold the SUPERVISOR role");
    return verdict;
  }
  if (!verdict.eligible) return verdict;
  const ServicePeriod* serving = PeriodAt(input.service, at);
  const std::string& agency_division = serving != nullptr && !serving->division_code.empty()
                                           ? serving->division_code
                                           : fallback_division;
  if (!absl::StartsWith(division, Divisions::SubtreePrefix(agency_division))) {
    verdict.eligible = false;
    verdict.reason = EligibilityReason::kOutsideJurisdiction;
    verdict.detail = absl::StrCat("division ", division, " is outside ", agency_division,
                                  ", the jurisdiction of the agency served then");
    return verdict;
  }
  verdict.detail = absl::StrCat("supervision certificate ", verdict.certificate_id,
                                " is active and ", agency_division, " covers ", division);
  return verdict;
}

absl::string_view EligibilityReasonName(EligibilityReason reason) {
  switch (reason) {
    case EligibilityReason::kEligible:
      return "ELIGIBLE";
    case EligibilityReason::kOfficerNotFound:
      return "OFFICER_NOT_FOUND";
    case EligibilityReason::kNoCertificate:
      return "NO_CERTIFICATE";
    case EligibilityReason::kDomainNotCovered:
      return "DOMAIN_NOT_COVERED";
    case EligibilityReason::kSuspended:
      return "SUSPENDED";
    case EligibilityReason::kRevoked:
      return "REVOKED";
    case EligibilityReason::kCancelled:
      return "CANCELLED";
    case EligibilityReason::kExpired:
      return "EXPIRED";
    case EligibilityReason::kNotYetValid:
      return "NOT_YET_VALID";
    case EligibilityReason::kTrainingInsufficient:
      return "TRAINING_INSUFFICIENT";
    case EligibilityReason::kNotInService:
      return "NOT_IN_SERVICE";
    case EligibilityReason::kOutsideJurisdiction:
      return "OUTSIDE_JURISDICTION";
    case EligibilityReason::kNotASupervisor:
      return "NOT_A_SUPERVISOR";
    case EligibilityReason::kNotVisible:
      return "NOT_VISIBLE";
  }
  return "UNKNOWN";
}

}  // namespace lawenforce::personnel
