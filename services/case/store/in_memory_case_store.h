#ifndef LAWENFORCE_SERVICES_CASE_STORE_IN_MEMORY_CASE_STORE_H_
#define LAWENFORCE_SERVICES_CASE_STORE_IN_MEMORY_CASE_STORE_H_

// CaseStores in memory, for app-layer unit tests: the contract of
// case_store.h (uniqueness, idempotency keys, versions, record chaining,
// paging by id) with no SQL. Audit rows and outbox events are kept for
// assertions. Thread-safe.

#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "common/store/in_memory_keys.h"
#include "services/case/store/case_store.h"

namespace lawenforce::cases {

class InMemoryCaseStore final : public CaseStores {
 public:
  absl::StatusOr<Created> CreateItem(const EnforcementItem& item,
                                     const std::optional<IdempotencyKey>& key,
                                     const AuditEntry& audit) override;
  absl::StatusOr<EnforcementItem> GetItem(const std::string& id) override;
  absl::StatusOr<std::vector<EnforcementItem>> ListItems(const ItemFilter& filter,
                                                         const PageRequest& page) override;
  absl::Status ReviseItem(const std::string& item_id, int64_t expected_version,
                          const ItemVersion& version, const AuditEntry& audit) override;
  absl::Status AddBenchmark(const BenchmarkVersion& version, const std::string& division,
                            const AuditEntry& audit) override;
  absl::StatusOr<std::vector<BenchmarkVersion>> ListBenchmarks(const std::string& item_id) override;
  absl::StatusOr<Created> FileCase(const CaseWrite& write,
                                   const std::optional<IdempotencyKey>& key) override;
  absl::StatusOr<CaseBundle> GetCase(const std::string& id) override;
  absl::Status ApplyAct(const CaseWrite& write) override;
  absl::StatusOr<std::vector<Case>> ListCases(const CaseFilter& filter,
                                              const PageRequest& page) override;
  absl::StatusOr<std::vector<std::string>> ListCasesWithProvisionalClocks() override;
  absl::StatusOr<std::vector<ClockCount>> CountOverdueClocks(absl::Time now) override;
  absl::StatusOr<std::vector<PublicityCount>> CountPublicity() override;
  absl::StatusOr<std::vector<CaseCount>> CountCases() override;
  absl::StatusOr<std::vector<VisitCount>> CountVisits() override;
  absl::StatusOr<std::vector<CaseFacts>> ListLatestFacts(const FactsScope& scope,
                                                         absl::Time as_of) override;
  absl::StatusOr<std::optional<SourceRecord>> GetSource(const std::string& kind,
                                                        const std::string& system,
                                                        const std::string& agency_id,
                                                        const std::string& source_id) override;
  absl::Status ImportCases(const std::vector<CaseImport>& batch) override;
  absl::StatusOr<std::vector<RecordEntry>> GetRecord(const std::string& case_id) override;
  absl::StatusOr<std::vector<OfficerAct>> ListOfficerActs(const std::string& officer_id,
                                                          const std::string& division_prefix,
                                                          absl::Time from, absl::Time to,
                                                          const PageRequest& page) override;
  absl::StatusOr<std::vector<RecordHead>> ListRecordHeads(const std::string& division_prefix,
                                                          const PageRequest& page) override;
  absl::StatusOr<Created> CreatePlan(const InspectionPlan& plan,
                                     const std::optional<IdempotencyKey>& key,
                                     const AuditEntry& audit) override;
  absl::StatusOr<InspectionPlan> GetPlan(const std::string& id) override;
  absl::StatusOr<std::vector<InspectionPlan>> ListPlans(const PlanFilter& filter,
                                                        const PageRequest& page) override;
  absl::StatusOr<Created> CreateDraw(const InspectionDraw& draw,
                                     const std::optional<IdempotencyKey>& key,
                                     const AuditEntry& audit) override;
  absl::StatusOr<InspectionDraw> GetDraw(const std::string& id) override;
  absl::StatusOr<std::optional<std::string>> FindCreated(
      const std::optional<IdempotencyKey>& key) override;
  absl::StatusOr<std::vector<InspectionDraw>> ListDraws(const std::string& plan_id,
                                                        const PageRequest& page) override;
  absl::Status RecordResult(const InspectionDraw& after, int64_t expected_version,
                            const std::string& credit_code, const AuditEntry& audit) override;
  absl::Status SetCap(const VisitCap& cap, const AuditEntry& audit) override;
  absl::StatusOr<std::optional<VisitCap>> GetCap(const std::string& agency_id, int year) override;
  absl::StatusOr<Created> RecordVisit(const InspectionVisit& visit, absl::Duration window,
                                      const std::optional<IdempotencyKey>& key,
                                      const AuditEntry& audit, VisitDecision decide) override;
  absl::StatusOr<Created> ImportVisit(const InspectionVisit& visit, absl::Duration window,
                                      const SourceRecord& source, const AuditEntry& audit,
                                      VisitDecision decide) override;
  absl::StatusOr<InspectionVisit> GetVisit(const std::string& id) override;
  absl::StatusOr<std::vector<InspectionVisit>> ListEnterpriseVisits(
      const std::string& credit_code, const std::string& division_prefix,
      const PageRequest& page) override;
  absl::StatusOr<Created> AddWhitelistEntry(const WhitelistEntry& entry,
                                            const std::optional<IdempotencyKey>& key,
                                            const AuditEntry& audit) override;
  absl::StatusOr<WhitelistEntry> GetWhitelistEntry(const std::string& id) override;
  absl::StatusOr<std::vector<WhitelistEntry>> ListWhitelist(const std::string& agency_id,
                                                            const PageRequest& page) override;
  absl::StatusOr<std::vector<std::string>> ListedCodes(const std::string& agency_id,
                                                       absl::Time at) override;
  absl::StatusOr<std::vector<InspectionDraw>> ListScopeDraws(const FactsScope& scope) override;
  absl::StatusOr<std::vector<InspectionVisit>> ListScopeVisits(const FactsScope& scope,
                                                               absl::Time from,
                                                               absl::Time to) override;
  absl::StatusOr<std::vector<InspectionWarning>> ListWarnings(const std::string& division_prefix,
                                                              const PageRequest& page) override;

  std::vector<AuditEntry> audit_log() const ABSL_LOCKS_EXCLUDED(mu_);
  // (type, resource name) of every outbox event, in order.
  std::vector<std::pair<std::string, std::string>> events() const ABSL_LOCKS_EXCLUDED(mu_);
  // For tests that tamper with the record.
  void TamperRecord(const std::string& case_id, int64_t seq, const std::string& summary)
      ABSL_LOCKS_EXCLUDED(mu_);

 private:
  absl::Status Write(const CaseWrite& w) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<Created> InsertVisit(const InspectionVisit& in, absl::Duration window,
                                      const AuditEntry& audit, VisitDecision decide)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // ABORTED naming source_id unless the stored row is at s.version.
  absl::Status CheckSource(const SourceRecord& s) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void StoreSource(SourceRecord s) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // An idempotent create of `value` (keyed by its id) in `table`, with its
  // audit row and its event (type, resource).
  template <typename T>
  absl::StatusOr<Created> CreateIn(std::map<std::string, T>& table, const T& value,
                                   const std::optional<IdempotencyKey>& key,
                                   const AuditEntry& audit, std::string event, std::string resource)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    absl::StatusOr<std::optional<Created>> earlier = keys_.Check(key);
    if (!earlier.ok()) return earlier.status();
    if (earlier->has_value()) return **earlier;
    table[value.id] = value;
    keys_.Record(key, value.id);
    audit_.push_back(audit);
    events_.push_back({std::move(event), std::move(resource)});
    return Created{value.id, false};
  }

  mutable absl::Mutex mu_;
  std::map<std::string, EnforcementItem> items_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::vector<BenchmarkVersion>> benchmarks_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, CaseBundle> cases_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::vector<RecordEntry>> records_ ABSL_GUARDED_BY(mu_);
  std::vector<OfficerAct> acts_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::vector<CaseFacts>> facts_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, InspectionPlan> plans_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, InspectionDraw> draws_ ABSL_GUARDED_BY(mu_);
  std::map<std::pair<std::string, int>, VisitCap> caps_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, InspectionVisit> visits_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, WhitelistEntry> whitelist_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, InspectionWarning> warnings_ ABSL_GUARDED_BY(mu_);
  std::map<std::tuple<std::string, std::string, std::string, std::string>, SourceRecord> sources_
      ABSL_GUARDED_BY(mu_);
  store::InMemoryKeys keys_ ABSL_GUARDED_BY(mu_);
  std::vector<AuditEntry> audit_ ABSL_GUARDED_BY(mu_);
  std::vector<std::pair<std::string, std::string>> events_ ABSL_GUARDED_BY(mu_);
  int64_t act_ids_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_STORE_IN_MEMORY_CASE_STORE_H_
