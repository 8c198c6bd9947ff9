#ifndef LAWENFORCE_SERVICES_CASE_APP_CASE_RECORDS_H_
#define LAWENFORCE_SERVICES_CASE_APP_CASE_RECORDS_H_

// Use cases on the full-process record and on what officers did: read and
// verify a case's record (against its recorded head, or one exported
// earlier), export the chain heads of a subtree for a third party, and
// find an officer's acts in a time window, optionally judged again by
// personnel-service at each act's moment (a certificate revoked later with
// an effective time in the past turns earlier acts into findings; the
// acts themselves stay). Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/app/use_case.h"
#include "common/auth/principal.h"
#include "services/case/app/case_deps.h"

namespace lawenforce::cases {

struct CaseRecord {
  std::string case_id;
  std::vector<RecordEntry> entries;
  ChainHead head;  // as recorded on the case
};

// An act with, when asked, personnel-service's verdict at its moment now.
struct OfficerActView {
  OfficerAct act;
  std::optional<OfficerVerdict> verdict_now;
  std::string id;  // act.id, for paging
};

class CaseRecords {
 public:
  explicit CaseRecords(const CaseDeps& deps) : d_(deps) {}

  absl::StatusOr<CaseRecord> Get(const auth::Principal& who, const std::string& case_id);
  // `expected` (optional): a head exported earlier, checked instead of the
  // head recorded on the case.
  absl::StatusOr<Verification> Verify(const auth::Principal& who, const std::string& case_id,
                                      const std::optional<ChainHead>& expected);
  absl::StatusOr<app::Page<RecordHead>> ListHeads(const auth::Principal& who,
                                                  const std::string& division_code,
                                                  const app::PageQuery& page);
  absl::StatusOr<app::Page<OfficerActView>> ListOfficerActs(
      const auth::Principal& who, const std::string& officer_id, const std::string& division_code,
      absl::Time from, absl::Time to, bool recheck, const app::PageQuery& page);

 private:
  absl::StatusOr<Case> Visible(const auth::Principal& who, const std::string& case_id,
                               absl::string_view action) const;
  const CaseDeps d_;
};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_APP_CASE_RECORDS_H_
