#include "services/personnel/domain/validation.h"

#include <cstdint>
#include <optional>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace lawenforce::personnel {
namespace {

constexpr int kMaxDomains = 32;
constexpr int kMaxRoles = 3;

bool IsKnownRole(OfficerRole role) {
  return role == OfficerRole::kOfficer || role == OfficerRole::kLegalReviewer ||
         role == OfficerRole::kSupervisor;
}

std::string Element(absl::string_view field, size_t i) { return absl::StrCat(field, "[", i, "]"); }

absl::Status ValidateValidityYear(absl::string_view field, absl::CivilDay day) {
  if (day.year() < 1900 || day.year() > 9999) {
    return InvalidField(field, "year must be between 1900 and 9999");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateDomains(absl::string_view field, const std::vector<std::string>& domains) {
  if (domains.empty()) {
    return InvalidField(field, "at least one domain is required");
  }
  if (domains.size() > kMaxDomains) {
    return InvalidField(field, absl::StrCat("at most ", kMaxDomains, " domains"));
  }
  absl::flat_hash_set<absl::string_view> seen;
  for (size_t i = 0; i < domains.size(); ++i) {
    const std::string element = Element(field, i);
    if (absl::Status status = ValidateDomainCode(element, domains[i]); !status.ok()) {
      return status;
    }
    if (!seen.insert(domains[i]).second) {
      return InvalidField(element, absl::StrCat("duplicate domain ", domains[i]));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateCertificateNumber(absl::string_view field, absl::string_view number) {
  if (number.empty()) {
    return InvalidField(field, "required");
  }
  if (number.size() > 32) {
    return InvalidField(field, "must be at most 32 characters");
  }
  for (char c : number) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-') {
      return InvalidField(field, "may contain only letters, digits and -");
    }
  }
  return absl::OkStatus();
}

std::string NormalizeCertificateNumber(absl::string_view number) {
  return absl::AsciiStrToUpper(number);
}

absl::Status ValidateValidity(absl::string_view from_field, absl::CivilDay from,
                              absl::string_view until_field, absl::CivilDay until, int max_days) {
  if (absl::Status status = ValidateValidityYear(from_field, from); !status.ok()) {
    return status;
  }
  if (absl::Status status = ValidateValidityYear(until_field, until); !status.ok()) {
    return status;
  }
  if (until < from) {
    return InvalidField(until_field, absl::StrCat("must not be before ", from_field));
  }
  if (until - from > max_days) {
    return InvalidField(
        until_field,
        max_days == 3653
            ? absl::StrCat("must be at most 10 years (", max_days, " days) after ", from_field)
            : absl::StrCat("must be at most ", max_days, " days after ", from_field));
  }
  return absl::OkStatus();
}

absl::Status ValidateRoles(absl::string_view field, const std::vector<OfficerRole>& roles) {
  if (roles.empty()) {
    return InvalidField(field, "at least one role is required");
  }
  if (roles.size() > kMaxRoles) {
    return InvalidField(field, absl::StrCat("at most ", kMaxRoles, " roles"));
  }
  for (size_t i = 0; i < roles.size(); ++i) {
    if (!IsKnownRole(roles[i])) {
      return InvalidField(Element(field, i), "unknown role");
    }
    for (size_t j = 0; j < i; ++j) {
      if (roles[j] == roles[i]) {
        return InvalidField(Element(field, i), "duplicate role");
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace lawenforce::personnel
