#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_RECORD_CACHE_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_RECORD_CACHE_H_

// Officer and certificate reads through the cache (common/cache). Every
// change to an officer or a certificate journals the invalidation of its key
// in the change's transaction and flushes it before the change returns
// (store/sql_personnel_store.h), so a read never returns a record a
// finished change has altered. The certificate's stored state is cached;
// callers apply the expiry-by-date rule (EffectiveState) at read time.

#include <string>

#include "absl/status/statusor.h"
#include "common/cache/versioned_cache.h"
#include "services/personnel/domain/model.h"
#include "services/personnel/store/personnel_store.h"

namespace lawenforce::personnel {

std::string SerializeOfficer(const Officer& officer);
absl::StatusOr<Officer> ParseOfficer(absl::string_view bytes);
std::string SerializeCertificate(const Certificate& certificate);
absl::StatusOr<Certificate> ParseCertificate(absl::string_view bytes);

// Thread-safe. `cache` may be null: reads go to the store.
class RecordCache {
 public:
  RecordCache(OfficerStore* officers, CertificateStore* certificates, cache::VersionedCache* cache)
      : officers_(officers), certificates_(certificates), cache_(cache) {}

  // As OfficerStore::GetOfficer / CertificateStore::GetCertificate (NOT_FOUND is not cached).
  absl::StatusOr<Officer> GetOfficer(const std::string& id);
  absl::StatusOr<Certificate> GetCertificate(const std::string& id);

 private:
  OfficerStore* officers_;
  CertificateStore* certificates_;
  cache::VersionedCache* cache_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_RECORD_CACHE_H_
