#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_ELIGIBILITY_SOURCE_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_ELIGIBILITY_SOURCE_H_

// Where CheckEnforcementEligibility gets its facts: per officer, the
// officer's division, the agency's training policy, every certificate with
// its history, and counted training minutes per year. These change only
// when the store changes them (issue, transition, expiry, training), and
// every such change journals the invalidation of the officer's key
// (store/cache_keys.h), so they are cached as a whole; the verdict
// itself is computed on each call at the moment asked, so a certificate
// whose validity ends reads EXPIRED at once, whether or not its expiry
// deadline has fired yet.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/cache/versioned_cache.h"
#include "services/personnel/domain/eligibility.h"
#include "services/personnel/store/personnel_store.h"

namespace lawenforce::personnel {

struct OfficerFacts {
  std::string officer_id;
  bool found = false;
  std::string division_code;
  bool agency_requires_training = false;
  std::vector<CertificateWithHistory> certificates;
  // The officer's periods of service, oldest first, and whether each
  // period's agency requires training for eligibility (by agency id).
  std::vector<ServicePeriod> service;
  std::map<std::string, bool> requires_training;
  // Counted training, per record, with when it was recorded.
  std::vector<CountedTraining> counted_training;
};

// The cached byte form; a format change of any value cached by
// personnel-service (facts, officers, certificates) must bump the namespace.
std::string SerializeFacts(const OfficerFacts& facts);
absl::StatusOr<OfficerFacts> ParseFacts(absl::string_view bytes);

// Thread-safe. `cache` may be null (no Redis configured): every call reads
// the store.
class EligibilitySource {
 public:
  EligibilitySource(PersonnelStore* store, cache::VersionedCache* cache)
      : store_(store), cache_(cache) {}
  // Reads the store only, bypassing the cache (also the loader of a miss).
  absl::StatusOr<OfficerFacts> LoadFromStore(const std::string& officer_id);

  // Facts for each id, in order; one Redis round trip for all of them, the
  // store only for the misses.
  absl::StatusOr<std::vector<OfficerFacts>> Load(const std::vector<std::string>& officer_ids);

 private:
  PersonnelStore* store_;
  cache::VersionedCache* cache_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_ELIGIBILITY_SOURCE_H_
