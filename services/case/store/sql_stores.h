#ifndef LAWENFORCE_SERVICES_CASE_STORE_SQL_STORES_H_
#define LAWENFORCE_SERVICES_CASE_STORE_SQL_STORES_H_

// Internal: the SQL implementation of the whole port, its methods defined
// in sql_item_store.cc (items, benchmarks), sql_case_store.cc (cases,
// the record) and sql_inspection_store.cc (inspections).

#include "common/deadlines/deadline_scheduler.h"
#include "common/store/record_store.h"
#include "services/case/store/case_store.h"

namespace lawenforce::cases::sql {

class SqlCaseStores final : public CaseStores {
 public:
  SqlCaseStores(store::Database* db, IdGenerator* ids, store::ChangeObserver* changes,
                deadlines::DeadlineScheduler* deadlines)
      : records_(db, ids, changes), deadlines_(deadlines) {}

  // ItemStore.
  absl::StatusOr<Created> CreateItem(const EnforcementItem& item,
                                     const std::optional<IdempotencyKey>& key,
                                     const AuditEntry& audit) override;
  absl::StatusOr<EnforcementItem> GetItem(const std::string& id) override;
  absl::StatusOr<std::vector<EnforcementItem>> ListItems(const ItemFilter& filter,
                                                         const PageRequest& page) override;
  absl::Status ReviseItem(const std::string& item_id, int64_t expected_version,
                          const ItemVersion& version, const AuditEntry& audit) override;
  // BenchmarkStore.
  absl::Status AddBenchmark(const BenchmarkVersion& version, const std::string& division,
                            const AuditEntry& audit) override;
  absl::StatusOr<std::vector<BenchmarkVersion>> ListBenchmarks(const std::string& item_id) override;
  // CaseStore.
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
  // CaseRecordStore.
  absl::StatusOr<std::vector<RecordEntry>> GetRecord(const std::string& case_id) override;
  absl::StatusOr<std::vector<OfficerAct>> ListOfficerActs(const std::string& officer_id,
                                                          const std::string& division_prefix,
                                                          absl::Time from, absl::Time to,
                                                          const PageRequest& page) override;
  absl::StatusOr<std::vector<RecordHead>> ListRecordHeads(const std::string& division_prefix,
                                                          const PageRequest& page) override;
  // InspectionStore (sql_inspection_store.cc).
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
  // Inspection control (sql_visit_store.cc).
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

 private:
  absl::Status LoadVersions(std::vector<EnforcementItem>& items) const;
  // The draw of a filing from a finding (CaseWrite::draw_link), in its
  // transaction (sql_inspection_store.cc).
  static absl::Status LinkDraw(store::Change& change, const DrawLink& link);

  store::RecordStore records_;
  deadlines::DeadlineScheduler* const deadlines_;
};

}  // namespace lawenforce::cases::sql

#endif  // LAWENFORCE_SERVICES_CASE_STORE_SQL_STORES_H_
