#ifndef LAWENFORCE_SERVICES_PERSONNEL_STORE_CACHE_KEYS_H_
#define LAWENFORCE_SERVICES_PERSONNEL_STORE_CACHE_KEYS_H_

// personnel-service's cached values and the one table saying which change
// makes which of them wrong. The store journals exactly these keys in the
// change's transaction (common/store/record_store.h); the app layer reads
// through the same keys (app/eligibility_source.h, app/record_cache.h).

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace lawenforce::personnel {

// The cache namespace of every value cached by personnel-service; a format
// change of any of them must bump it.
inline constexpr absl::string_view kPersonnelCacheNamespace = "personnel:v3";

// An officer's eligibility facts: certificates with history, the agency's
// training policy, counted training minutes by year.
std::string EligibilityCacheKey(absl::string_view officer_id);
// An officer record; a certificate record.
std::string OfficerCacheKey(absl::string_view officer_id);
std::string CertificateCacheKey(absl::string_view certificate_id);

enum class PersonnelChange {
  kCertificateIssued,
  kCertificateStateChanged,  // suspend, reinstate, revoke, cancel, expire
  kCertificateCorrected,     // a mistyped number, validity or domains corrected
  kTrainingRecorded,
  kOfficerUpdated,
  kOfficerFlaggedForReview,  // a failing assessment flags the officer and every certificate
  kOfficerServiceChanged,    // transfer or end of service; cancels live certificates
};

// What a change touched.
struct ChangedRecords {
  std::string officer_id;
  std::vector<std::string> certificate_ids;
};

// The cache keys `change` of `records` makes wrong.
std::vector<std::string> KeysInvalidatedBy(PersonnelChange change, const ChangedRecords& records);

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_STORE_CACHE_KEYS_H_
