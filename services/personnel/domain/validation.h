#ifndef LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_VALIDATION_H_
#define LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_VALIDATION_H_

// Input rules of the personnel domain (the generic text, request id and
// year rules are common/validation/validate.h). Each returns OK or INVALID_ARGUMENT
// naming the field path it was given (common/status/errors.h InvalidField).

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "common/validation/validate.h"
#include "services/personnel/domain/model.h"

namespace lawenforce::personnel {

// 1..32 domains, each valid, no duplicates ("<field>[i]" names the bad one).
absl::Status ValidateDomains(absl::string_view field, const std::vector<std::string>& domains);

// A certificate number: 1..32 of [A-Za-z0-9-].
absl::Status ValidateCertificateNumber(absl::string_view field, absl::string_view number);

// The stored form of a certificate number: upper case, so that numbers are
// unique whatever the case they were sent in.
std::string NormalizeCertificateNumber(absl::string_view number);

// valid_from <= valid_until, span at most `max_days` (ten years by
// default, PersonnelPolicy::max_validity_days); years 1900..9999.
absl::Status ValidateValidity(absl::string_view from_field, absl::CivilDay from,
                              absl::string_view until_field, absl::CivilDay until,
                              int max_days = 3653);

// 1..3 distinct officer roles.
absl::Status ValidateRoles(absl::string_view field, const std::vector<OfficerRole>& roles);

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_DOMAIN_VALIDATION_H_
