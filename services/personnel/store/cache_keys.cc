#include "services/personnel/store/cache_keys.h"

#include "absl/strings/str_cat.h"

namespace lawenforce::personnel {
namespace {

// Which cached values each change makes wrong.
struct Invalidates {
  PersonnelChange change;
  bool eligibility;   // the officer's eligibility facts
  bool officer;       // the officer record
  bool certificates;  // each changed certificate record
};

constexpr Invalidates kTable[] = {
    {PersonnelChange::kCertificateIssued, true, false, false},
    {PersonnelChange::kCertificateStateChanged, true, false, true},
    {PersonnelChange::kCertificateCorrected, true, false, true},
    {PersonnelChange::kTrainingRecorded, true, false, false},
    {PersonnelChange::kOfficerUpdated, false, true, false},
    {PersonnelChange::kOfficerFlaggedForReview, false, true, true},
    {PersonnelChange::kOfficerServiceChanged, true, true, true},
};

}  // namespace

std::string EligibilityCacheKey(absl::string_view officer_id) {
  return absl::StrCat("eligibility:", officer_id);
}

std::string OfficerCacheKey(absl::string_view officer_id) {
  return absl::StrCat("officer:", officer_id);
}

std::string CertificateCacheKey(absl::string_view certificate_id) {
  return absl::StrCat("certificate:", certificate_id);
}

std::vector<std::string> KeysInvalidatedBy(PersonnelChange change, const ChangedRecords& records) {
  std::vector<std::string> keys;
  for (const Invalidates& row : kTable) {
    if (row.change != change) continue;
    if (row.eligibility) keys.push_back(EligibilityCacheKey(records.officer_id));
    if (row.officer) keys.push_back(OfficerCacheKey(records.officer_id));
    if (row.certificates) {
      for (const std::string& id : records.certificate_ids) keys.push_back(CertificateCacheKey(id));
    }
  }
  return keys;
}

}  // namespace lawenforce::personnel
