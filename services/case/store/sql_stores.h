#ifndef LAWENFORCE_SERVICES_CASE_STORE_SQL_STORES_H_
#define LAWENFORCE_SERVICES_CASE_STORE_SQL_STORES_H_

// Internal: the SQL implementation of the whole port, its methods defined
// in sql_item_store.cc (items, benchmarks) and sql_case_store.cc (cases,
// the record).

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
  absl::StatusOr<std::vector<CaseFacts>> ListLatestFacts(const FactsScope& scope,
                                                         absl::Time as_of) override;
  // CaseRecordStore.
  absl::StatusOr<std::vector<RecordEntry>> GetRecord(const std::string& case_id) override;
  absl::StatusOr<std::vector<OfficerAct>> ListOfficerActs(const std::string& officer_id,
                                                          const std::string& division_prefix,
                                                          absl::Time from, absl::Time to,
                                                          const PageRequest& page) override;
  absl::StatusOr<std::vector<RecordHead>> ListRecordHeads(const std::string& division_prefix,
                                                          const PageRequest& page) override;

 private:
  absl::Status LoadVersions(std::vector<EnforcementItem>& items) const;

  store::RecordStore records_;
  deadlines::DeadlineScheduler* const deadlines_;
};

}  // namespace lawenforce::cases::sql

#endif  // LAWENFORCE_SERVICES_CASE_STORE_SQL_STORES_H_
