#include "services/personnel/app/eligibility.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/personnel/domain/service_periods.h"
#include "services/personnel/domain/validation.h"

namespace lawenforce::personnel {

absl::StatusOr<std::vector<EligibilityVerdict>> Eligibility::Check(
    const auth::Principal& who, const std::vector<std::string>& officer_ids,
    const std::string& domain, absl::StatusOr<std::optional<absl::Time>> at) {
  constexpr absl::string_view kAction = "check these officers";
  const auth::Authorizer& authz = *deps_.authorizer;
  LE_RETURN_IF_ERROR(authz.RequireRole(who, roles::kReaders, kAction));
  LE_RETURN_IF_ERROR(at);
  if (officer_ids.empty()) {
    return InvalidField("officer_ids", "at least one officer id is required");
  }
  if (officer_ids.size() > 100) return InvalidField("officer_ids", "at most 100 officer ids");
  for (size_t i = 0; i < officer_ids.size(); ++i) {
    LE_RETURN_IF_ERROR(ValidateId(absl::StrCat("officer_ids[", i, "]"), officer_ids[i]));
  }
  LE_RETURN_IF_ERROR(ValidateDomainCode("domain", domain));
  const absl::Time when = at->value_or(deps_.clock->Now());
  const int previous_year = absl::ToCivilYear(when, ChinaTimeZone()).year() - 1;

  // Facts first (cache or store), jurisdiction next, per officer: the same
  // verdict for a missing officer and one outside the caller's subtree
  // (ADR 0003, ADR 0008).
  LE_ASSIGN_OR_RETURN(std::vector<OfficerFacts> facts, source_->Load(officer_ids));
  std::vector<EligibilityVerdict> verdicts;
  verdicts.reserve(facts.size());
  for (OfficerFacts& f : facts) {
    absl::Status visible = f.found ? authz.RequireWithin(who, f.division_code, kAction)
                                   : authz.RecordNotFound(who, "officer", kAction);
    if (visible.code() == absl::StatusCode::kPermissionDenied) {
      EligibilityVerdict& v = verdicts.emplace_back();
      v.officer_id = f.officer_id;
      v.eligible = false;
      v.reason = EligibilityReason::kNotVisible;
      v.detail = std::string(visible.message());
      if (on_denied_) on_denied_(who, f.officer_id, visible);
      continue;
    }
    if (!visible.ok() && visible.code() != absl::StatusCode::kNotFound) return visible;
    EligibilityInput input;
    input.officer_id = f.officer_id;
    input.officer_found = f.found;
    input.certificates = std::move(f.certificates);
    input.service = f.service;
    // The rule of the agency served at the moment judged (else the
    // current agency's).
    input.agency_requires_training = f.agency_requires_training;
    if (const ServicePeriod* p = PeriodAt(f.service, when); p != nullptr) {
      if (auto it = f.requires_training.find(p->agency_id); it != f.requires_training.end()) {
        input.agency_requires_training = it->second;
      }
    }
    // Only what was recorded by the moment judged counts (a later record
    // cannot make an earlier act eligible), against what the year asked of
    // this officer.
    for (const CountedTraining& t : f.counted_training) {
      if (t.year == previous_year && t.recorded <= when) {
        input.previous_year_counted_minutes += t.minutes;
      }
    }
    input.previous_year_required_minutes =
        RequiredTrainingMinutes(*deps_.policy, SpansOf(f.service), previous_year);
    verdicts.push_back(JudgeEligibility(input, domain, when));
  }
  return verdicts;
}

absl::StatusOr<EligibilityVerdict> Eligibility::CheckSupervision(
    const auth::Principal& who, const std::string& officer_id, const std::string& division_code,
    const std::string& domain, absl::StatusOr<std::optional<absl::Time>> at) {
  constexpr absl::string_view kAction = "check this supervisor";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kReaders, kAction));
  LE_RETURN_IF_ERROR(at);
  LE_RETURN_IF_ERROR(ValidateId("officer_id", officer_id));
  LE_RETURN_IF_ERROR(
      deps_.authorizer->divisions().Validate("division_code", division_code).status());
  if (!domain.empty()) LE_RETURN_IF_ERROR(ValidateDomainCode("domain", domain));
  const absl::Time when = at->value_or(deps_.clock->Now());
  LE_ASSIGN_OR_RETURN(Officer officer,
                      deps_.lookups->VisibleOfficer(who, "officer_id", officer_id, kAction));
  LE_ASSIGN_OR_RETURN(std::vector<OfficerFacts> facts, source_->Load({officer_id}));
  OfficerFacts& f = facts.at(0);
  EligibilityInput input;
  input.officer_id = officer_id;
  input.officer_found = f.found;
  input.certificates = std::move(f.certificates);
  input.service = std::move(f.service);
  const bool supervisor = std::find(officer.roles.begin(), officer.roles.end(),
                                    OfficerRole::kSupervisor) != officer.roles.end();
  return JudgeSupervision(input, supervisor, division_code, domain, when, officer.division_code);
}

}  // namespace lawenforce::personnel
