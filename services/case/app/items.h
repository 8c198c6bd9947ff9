#ifndef LAWENFORCE_SERVICES_CASE_APP_ITEMS_H_
#define LAWENFORCE_SERVICES_CASE_APP_ITEMS_H_

// Use cases on the enforcement item catalogue. Role first, then input,
// then jurisdiction (docs/api/conventions.md 1.5). Thread-safe.

#include <string>

#include "absl/status/statusor.h"
#include "common/app/use_case.h"
#include "common/auth/authorize.h"
#include "common/crypto/pii.h"
#include "common/ids/id_generator.h"
#include "common/time/clock.h"
#include "services/case/app/agency_directory.h"
#include "services/case/store/case_store.h"

namespace lawenforce::cases {

class Items {
 public:
  // Everything given must outlive it. `keys` key the idempotency records
  // of creates and sign page tokens (the service's PII keys).
  Items(ItemStore* store, AgencyDirectory* agencies, const auth::Authorizer* authorizer,
        const crypto::PiiProtector* keys, IdGenerator* ids, const lawenforce::Clock* clock)
      : store_(store),
        agencies_(agencies),
        authorizer_(authorizer),
        keys_(keys),
        ids_(ids),
        clock_(clock) {}

  absl::StatusOr<EnforcementItem> Create(const auth::Principal& who,
                                         absl::StatusOr<EnforcementItem> draft,
                                         const app::CreateOptions& options);
  absl::StatusOr<EnforcementItem> Get(const auth::Principal& who, const std::string& id);
  // A new version of item `id` (ValidateRevision); `etag` empty: whatever
  // the current version is. Returns the item with the version appended.
  absl::StatusOr<EnforcementItem> Revise(const auth::Principal& who, const std::string& id,
                                         const std::string& etag,
                                         absl::StatusOr<ItemVersion> version);
  absl::StatusOr<app::Page<EnforcementItem>> List(const auth::Principal& who,
                                                  const std::string& division_code,
                                                  const std::string& agency_id,
                                                  const app::PageQuery& page);

 private:
  ItemStore* store_;
  AgencyDirectory* agencies_;
  const auth::Authorizer* authorizer_;
  const crypto::PiiProtector* keys_;
  IdGenerator* ids_;
  const lawenforce::Clock* clock_;
};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_APP_ITEMS_H_
