#ifndef LAWENFORCE_SERVICES_CASE_APP_CASES_H_
#define LAWENFORCE_SERVICES_CASE_APP_CASES_H_

// Use cases on cases: file, read, list, and every act of the lifecycle
// (one Act call per transition RPC; the domain's Step decides what the act
// does). Role first, then input, then jurisdiction, etag, the state
// machine and the act's own rules, then the acting officers' eligibility
// at this moment as personnel-service judges it (docs/api/cases.md).
// Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/app/use_case.h"
#include "common/auth/principal.h"
#include "services/case/app/case_deps.h"
#include "services/case/domain/case_steps.h"
#include "services/case/domain/import.h"

namespace lawenforce::cases {

// A party as the API gives it: the identity-card number in clear, which
// File protects and forgets.
struct PartyInput {
  PartyKind kind = PartyKind::kIndividual;
  std::string name;
  std::string credit_code;  // enterprise
  std::string id_number;    // individual
};

struct CaseDraft {
  std::string agency_id;
  std::string item_id;
  std::vector<PartyInput> parties;
  std::string facts;
  absl::Time violation_time;
  bool endangers_safety = false;
  bool first_violation = false;
  std::vector<std::string> officer_ids;
  // Filed from a random inspection's finding (docs/api/cases.md "Random
  // inspections").
  std::optional<InspectionRef> inspection;
};

// One act of an imported case as the API gives it: the act with its
// moment in act.now (or why it could not be read: a field relative to the
// act named `name`, or to the ImportedAct when `name` is empty), its name
// in the request ("decide_case") and its canonical bytes (for its keyed
// digest).
struct ImportedActInput {
  absl::StatusOr<Act> act = Act{};
  std::string name;
  std::string canonical;
};

// One record of ImportCases: the source's id, the filing (its moment in
// `filed_at`) and the acts since, oldest first.
struct ImportedCaseInput {
  std::string source_id;
  absl::StatusOr<CaseDraft> draft = CaseDraft{};
  std::optional<absl::Time> filed_at;
  std::string canonical_filing;
  std::vector<ImportedActInput> acts;
};

struct CaseQuery {
  std::string division_code;  // empty: the caller's own
  std::string agency_id;
  std::optional<CaseState> state;
  std::string item_id;
  std::string officer_id;
  std::optional<bool> overdue;
  std::optional<bool> enterprise_party;
  std::optional<absl::Time> filed_from, filed_to, decided_from, decided_to;
};

auth::RoleSet CaseReaders();

class Cases {
 public:
  explicit Cases(const CaseDeps& deps) : d_(deps) {}

  // Files a case. Idempotent on options.request_id.
  absl::StatusOr<CaseBundle> File(const auth::Principal& who, absl::StatusOr<CaseDraft> draft,
                                  const app::CreateOptions& options);
  absl::StatusOr<CaseBundle> Get(const auth::Principal& who, const std::string& id);
  absl::StatusOr<app::Page<Case>> List(const auth::Principal& who, const CaseQuery& query,
                                       const app::PageQuery& page);
  // One act on case `id`: `act.event` and its fields; actor and time are
  // set here. `etag` empty: whatever the current version is.
  absl::StatusOr<CaseBundle> Apply(const auth::Principal& who, const std::string& id,
                                   const std::string& etag, absl::StatusOr<Act> act);

  // Imports `records` from `source_system` (docs/api/cases.md
  // "Ingestion"): each record checked as a live filing and live acts at
  // their moments, and written with its source row in one transaction; the
  // records that pass are written together, one by one if that fails.
  // `validate_only`: checked, nothing written. The call fails as a whole
  // only for the caller's role, the source system and the batch's size.
  absl::StatusOr<std::vector<ImportRecordResult>> Import(const auth::Principal& who,
                                                         const std::string& source_system,
                                                         std::vector<ImportedCaseInput> records,
                                                         bool validate_only);

  // PERMISSION_DENIED "caller may not <action>" without a reader's role:
  // for handlers that convert input before calling a use case.
  absl::Status RequireReader(const auth::Principal& who, absl::string_view action) const {
    return d_.authorizer->RequireRole(who, CaseReaders(), action);
  }

  // The context the domain steps need for `item`'s cases.
  absl::StatusOr<StepContext> ContextFor(const std::string& item_id, EnforcementItem& item,
                                         std::vector<BenchmarkVersion>& benchmarks) const;

 private:
  // The case `who` may see (NOT_FOUND / PERMISSION_DENIED as FindVisible).
  absl::StatusOr<CaseBundle> Load(const auth::Principal& who, const std::string& id,
                                  absl::string_view action) const;
  // FAILED_PRECONDITION naming `field`[i] unless every officer may enforce
  // in `domain` at `at` for `agency_id` (the agency personnel-service says
  // they served then, when it says one); returns their certificates.
  absl::StatusOr<std::vector<ActOfficer>> RequireEligible(absl::string_view field,
                                                          const std::vector<std::string>& ids,
                                                          const std::string& domain,
                                                          const std::string& agency_id,
                                                          absl::Time at) const;
  // The legal reviewer `officer_id` of case `c` at `at`, as personnel-service
  // knows it now: holds the LEGAL_REVIEWER role, belongs to the case's
  // agency and may act in the case's domain at `at` (its certificate is
  // recorded with the act). FAILED_PRECONDITION naming reviewer_officer_id,
  // the officer and the reason otherwise; UNAVAILABLE as the directory.
  absl::StatusOr<ActOfficer> RequireReviewer(const Case& c, const std::string& officer_id,
                                             absl::Time at) const;
  absl::StatusOr<Party> Protect(const PartyInput& p, size_t index, absl::Time now) const;
  // A new case from `draft` filed at `at` by `who` (jurisdiction, item,
  // the domain's FileNew, the officers' eligibility at `at`), without its
  // audit row; `indexes` gets the parties' blind indexes.
  absl::StatusOr<CaseWrite> PrepareFiling(const auth::Principal& who, CaseDraft draft,
                                          absl::Time at, absl::string_view action,
                                          std::vector<std::string>& indexes) const;
  // `act` (actor and moment set) on `b` under `ctx`: the acting officers
  // (by default every handling officer), the domain's Step, the reviewer
  // and the officers' eligibility at act.now. Without its audit row.
  absl::StatusOr<CaseWrite> PrepareAct(const CaseBundle& b, Act act, const StepContext& ctx) const;

  // One record of Import: its writes and source row, or why not
  // (nullopt: unchanged).
  absl::StatusOr<std::optional<CaseImport>> PrepareImport(const auth::Principal& who,
                                                          const std::string& system,
                                                          ImportedCaseInput& in, absl::Time now,
                                                          ImportRecordResult& result) const;

  const CaseDeps d_;
};

// Who may do what (docs/api/cases.md "Authorization" mirrors these).
auth::RoleSet RolesFor(CaseEvent e);
auth::RoleSet CaseReaders();
auth::RoleSet CaseFilers();

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_APP_CASES_H_
