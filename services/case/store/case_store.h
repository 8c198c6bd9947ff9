#ifndef LAWENFORCE_SERVICES_CASE_STORE_CASE_STORE_H_
#define LAWENFORCE_SERVICES_CASE_STORE_CASE_STORE_H_

// The persistence port of case-service, one interface per resource. No SQL
// or gRPC types cross it; the SQL implementation is sql_case_store.h, the
// in-memory fake for app tests in_memory_case_store.h. Every mutating call
// is one transaction with its audit row, its outbox event (common/outbox)
// and, for cases, its full-process record entry and its clocks' deadlines,
// durable when it returns. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbox/outbox.h"
#include "common/store/audit.h"
#include "common/store/idempotency.h"
#include "common/store/record_store.h"
#include "services/case/domain/benchmark.h"
#include "services/case/domain/case.h"
#include "services/case/domain/clocks.h"
#include "services/case/domain/inspection.h"
#include "services/case/domain/item.h"
#include "services/case/domain/record.h"
#include "services/case/domain/statistics.h"
#include "services/case/domain/visit.h"

namespace lawenforce::cases {

using store::AuditEntry;
using store::Created;
using store::IdempotencyKey;
using store::PageRequest;

struct ItemFilter {
  std::string division_prefix;  // subtree prefix (Divisions::SubtreePrefix)
  std::string agency_id;        // optional
};

class ItemStore {
 public:
  virtual ~ItemStore() = default;
  // The item with its first version (item.versions[0]). ALREADY_EXISTS
  // "item.code: ..." when the agency's catalogue has the code.
  virtual absl::StatusOr<Created> CreateItem(const EnforcementItem& item,
                                             const std::optional<IdempotencyKey>& key,
                                             const AuditEntry& audit) = 0;
  // With every version. NOT_FOUND "item not found".
  virtual absl::StatusOr<EnforcementItem> GetItem(const std::string& id) = 0;
  virtual absl::StatusOr<std::vector<EnforcementItem>> ListItems(const ItemFilter& filter,
                                                                 const PageRequest& page) = 0;
  // Appends `version` and bumps the item's record version from
  // `expected_version` (ABORTED naming "etag" when it moved on).
  virtual absl::Status ReviseItem(const std::string& item_id, int64_t expected_version,
                                  const ItemVersion& version, const AuditEntry& audit) = 0;
};

class BenchmarkStore {
 public:
  virtual ~BenchmarkStore() = default;
  // Appends a version; ALREADY_EXISTS "benchmark.number: ..." when another
  // writer added the same number first.
  virtual absl::Status AddBenchmark(const BenchmarkVersion& version, const std::string& division,
                                    const AuditEntry& audit) = 0;
  // Every version of the item's benchmark, ascending.
  virtual absl::StatusOr<std::vector<BenchmarkVersion>> ListBenchmarks(
      const std::string& item_id) = 0;
};

// A case with its clocks.
struct CaseBundle {
  Case c;
  std::vector<StatutoryClock> clocks;
};

// The officers an act was done by, as personnel-service judged them then.
struct ActOfficer {
  std::string officer_id;
  std::string certificate_id;
};

// A filing from a random inspection's finding: the draw as it is after
// its target names the new case, stored in the filing's transaction over
// `expected_version` (ABORTED naming "case.inspection.draw_id" when the
// draw moved on). `already_filed`: the target already names a case; the
// filing is then FAILED_PRECONDITION unless it replays an earlier one
// (idempotency key).
struct DrawLink {
  InspectionDraw after;
  int64_t expected_version = 0;
  std::string already_filed;
};

// One act to store: the case after it, the clocks it changed, its record
// entry (chained by the store: seq, prev_hash and hash are set in the
// transaction), who acted, its outbox event (payload set by the store from
// `after`, without protected values) and its audit row.
struct CaseWrite {
  Case after;
  int64_t expected_version = 0;  // 0 for a new case
  std::vector<StatutoryClock> clocks;
  RecordEntry entry;
  std::vector<ActOfficer> officers;
  std::string event_type;
  AuditEntry audit;
  std::optional<DrawLink> draw_link;  // FileCase only
  // When the facts of this write are recorded (statistics.h), if not at
  // the entry's moment: an imported act done at some past moment is
  // recorded at its import, so the figures of a period that ended before
  // the import never change.
  std::optional<absl::Time> recorded_at;
};

// A record imported from a departmental system (ImportCases,
// ImportInspections): what it became here and the keyed digests of what
// was imported (never the record's content: a digest of an identity-card
// number would confirm a guess), so that the same record again changes
// nothing and a record extended with new acts applies only those.
struct SourceRecord {
  std::string kind;  // "case" or "visit"
  std::string system;
  // The agency the record is of (a visit's lead agency): ids are the
  // source's own, so two agencies' records never meet, and a caller
  // learns nothing of another agency's records by importing its ids.
  std::string agency_id;
  std::string source_id;
  std::string resource_id;
  // A case: its filing's digest, then one per act; a visit: one.
  std::vector<std::string> digests;
  absl::Time first_import_time;
  absl::Time update_time;
  int64_t version = 0;  // the stored version; 0: new
};

// One imported case: its writes in order (the first files it when
// source.version is 0) and its source row, stored over source.version.
struct CaseImport {
  SourceRecord source;
  std::vector<CaseWrite> writes;
};

struct CaseFilter {
  std::string division_prefix;
  std::string agency_id;
  std::optional<CaseState> state;
  std::string item_id;
  std::string officer_id;
  std::optional<bool> overdue;  // evaluated at `now`
  std::optional<bool> enterprise_party;
  std::optional<absl::Time> filed_from;  // [from, to)
  std::optional<absl::Time> filed_to;
  std::optional<absl::Time> decided_from;
  std::optional<absl::Time> decided_to;
  absl::Time now;
};

// Figures for the business metrics.
struct ClockCount {
  std::string division_code;
  ClockKind kind;
  int64_t count = 0;
};
struct PublicityCount {
  std::string division_code;
  bool on_time = false;
  int64_t count = 0;
};

struct CaseCount {
  std::string division_code;
  ItemKind kind = ItemKind::kPenalty;
  CaseState state = CaseState::kFiled;
  int64_t count = 0;
};
// Visits by lead division and basis, and of them those raising a warning.
struct VisitCount {
  std::string division_code;
  VisitBasis basis = VisitBasis::kPlan;
  int64_t visits = 0;
  int64_t warnings = 0;
};

// The cases statistics cover: a division subtree, optionally one agency.
struct FactsScope {
  std::string division_prefix;  // Divisions::SubtreePrefix; empty: all
  std::string agency_id;        // optional
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;
  // A new case (write.expected_version 0), idempotent on `key`.
  virtual absl::StatusOr<Created> FileCase(const CaseWrite& write,
                                           const std::optional<IdempotencyKey>& key) = 0;
  // NOT_FOUND "case not found".
  virtual absl::StatusOr<CaseBundle> GetCase(const std::string& id) = 0;
  // An act on a case at write.expected_version (ABORTED naming "etag"
  // when another act came first).
  virtual absl::Status ApplyAct(const CaseWrite& write) = 0;
  // The cases matching `filter`, ordered by id, each with `overdue` as at
  // filter.now (a clock OVERDUE or running past due and not a party's
  // window, or the case flagged at its last write), read with the page:
  // no second read per case.
  virtual absl::StatusOr<std::vector<Case>> ListCases(const CaseFilter& filter,
                                                      const PageRequest& page) = 0;
  // Ids of cases with an open clock computed on a provisional calendar year.
  virtual absl::StatusOr<std::vector<std::string>> ListCasesWithProvisionalClocks() = 0;
  // Open clocks past due at `now` (not a party's window), per division and
  // clock, for every (division, clock) with an open clock (0 when none is past due).
  virtual absl::StatusOr<std::vector<ClockCount>> CountOverdueClocks(absl::Time now) = 0;
  // Publicity clocks met, per division, on time or late.
  virtual absl::StatusOr<std::vector<PublicityCount>> CountPublicity() = 0;
  // Cases per division, item kind and state.
  virtual absl::StatusOr<std::vector<CaseCount>> CountCases() = 0;
  // Visits per lead division and basis (visit.h).
  virtual absl::StatusOr<std::vector<VisitCount>> CountVisits() = 0;
  // For each case of `scope` with facts recorded before `as_of`, the latest
  // such facts (statistics.h), in case id order. Every FileCase and
  // ApplyAct (and every clock firing) appends the case's facts in its
  // transaction, recorded at RecordedAt; facts are never changed, so the
  // answer for an `as_of` in the past never changes. DATA_LOSS for a
  // malformed row.
  virtual absl::StatusOr<std::vector<CaseFacts>> ListLatestFacts(const FactsScope& scope,
                                                                 absl::Time as_of) = 0;
  // The source row of (kind, system, agency_id, source_id), if any.
  virtual absl::StatusOr<std::optional<SourceRecord>> GetSource(const std::string& kind,
                                                                const std::string& system,
                                                                const std::string& agency_id,
                                                                const std::string& source_id) = 0;
  // Every import of `batch` in one transaction: its writes, and its source
  // row inserted (version 0) or replaced over its version. ABORTED naming
  // "source_id" when another import stored the row first. All or nothing.
  virtual absl::Status ImportCases(const std::vector<CaseImport>& batch) = 0;
};

struct OfficerAct {
  std::string id;  // for paging
  std::string case_id;
  std::string division_code;
  std::string officer_id;
  std::string action;
  absl::Time time;
  int64_t record_seq = 0;
  std::string certificate_id;
};

struct RecordHead {
  std::string case_id;  // paging key
  std::string division_code;
  CaseState state = CaseState::kFiled;
  ChainHead head;
};

class CaseRecordStore {
 public:
  virtual ~CaseRecordStore() = default;
  // The full-process record as stored, in seq order (empty: no case).
  virtual absl::StatusOr<std::vector<RecordEntry>> GetRecord(const std::string& case_id) = 0;
  // Acts of an officer with time in [from, to) on cases of the subtree
  // `division_prefix` (Divisions::SubtreePrefix; empty: all), ordered by
  // id: the scope is part of the query, so a page is short only at the end.
  virtual absl::StatusOr<std::vector<OfficerAct>> ListOfficerActs(
      const std::string& officer_id, const std::string& division_prefix, absl::Time from,
      absl::Time to, const PageRequest& page) = 0;
  // The chain heads of the cases of a subtree, ordered by case id.
  virtual absl::StatusOr<std::vector<RecordHead>> ListRecordHeads(
      const std::string& division_prefix, const PageRequest& page) = 0;
};

struct PlanFilter {
  std::string division_prefix;  // Divisions::SubtreePrefix
  std::string agency_id;        // optional
};

// Random inspection plans and draws. Each write is one transaction with
// its audit row and outbox event ("inspection_plan.created",
// "inspection.drawn", "inspection.result_recorded").
class InspectionStore {
 public:
  virtual ~InspectionStore() = default;
  virtual absl::StatusOr<Created> CreatePlan(const InspectionPlan& plan,
                                             const std::optional<IdempotencyKey>& key,
                                             const AuditEntry& audit) = 0;
  // NOT_FOUND "inspection plan not found".
  virtual absl::StatusOr<InspectionPlan> GetPlan(const std::string& id) = 0;
  virtual absl::StatusOr<std::vector<InspectionPlan>> ListPlans(const PlanFilter& filter,
                                                                const PageRequest& page) = 0;
  virtual absl::StatusOr<Created> CreateDraw(const InspectionDraw& draw,
                                             const std::optional<IdempotencyKey>& key,
                                             const AuditEntry& audit) = 0;
  // NOT_FOUND "inspection draw not found".
  virtual absl::StatusOr<InspectionDraw> GetDraw(const std::string& id) = 0;
  // The id of the draw or visit an earlier create under `key` made
  // (store::RecordStore::FindCreated), so that a replay returns it before
  // the create's checks run again.
  virtual absl::StatusOr<std::optional<std::string>> FindCreated(
      const std::optional<IdempotencyKey>& key) = 0;
  virtual absl::StatusOr<std::vector<InspectionDraw>> ListDraws(const std::string& plan_id,
                                                                const PageRequest& page) = 0;
  // Stores `after` (a result recorded on `credit_code`) as version
  // expected_version + 1; ABORTED naming "etag" when the draw moved on.
  virtual absl::Status RecordResult(const InspectionDraw& after, int64_t expected_version,
                                    const std::string& credit_code, const AuditEntry& audit) = 0;

  // ---- enterprise inspection control (visit.h)

  // Replaces the agency's cap for cap.year ("inspection_cap.set").
  virtual absl::Status SetCap(const VisitCap& cap, const AuditEntry& audit) = 0;
  // The cap in force; nullopt when none was published.
  virtual absl::StatusOr<std::optional<VisitCap>> GetCap(const std::string& agency_id,
                                                         int year) = 0;
  // Records `visit` ("inspection.visited") in one transaction that first
  // reads its VisitFacts as at visit.visit_time (caps and counts of its
  // year up to that moment, the enterprise's visits within `window`
  // before it, its latest warning raised by then)
  // and asks `decide`, which may refuse the visit (its status is
  // returned, nothing is written), mark it and return a warning to store
  // with it ("inspection.warning_raised"; its id set here). `decide` may
  // run more than once (a retried transaction). Idempotent on `key`.
  using VisitDecision = absl::FunctionRef<absl::StatusOr<std::optional<InspectionWarning>>(
      InspectionVisit& visit, const VisitFacts& facts)>;
  virtual absl::StatusOr<Created> RecordVisit(const InspectionVisit& visit, absl::Duration window,
                                              const std::optional<IdempotencyKey>& key,
                                              const AuditEntry& audit, VisitDecision decide) = 0;
  // An imported visit, as RecordVisit, with its source row inserted in the
  // same transaction (ALREADY_EXISTS naming "source_id" when another
  // import stored it first).
  virtual absl::StatusOr<Created> ImportVisit(const InspectionVisit& visit, absl::Duration window,
                                              const SourceRecord& source, const AuditEntry& audit,
                                              VisitDecision decide) = 0;
  // NOT_FOUND "inspection visit not found".
  virtual absl::StatusOr<InspectionVisit> GetVisit(const std::string& id) = 0;
  // The enterprise's visits with a part whose agency's division is in the
  // subtree `division_prefix`, by id.
  virtual absl::StatusOr<std::vector<InspectionVisit>> ListEnterpriseVisits(
      const std::string& credit_code, const std::string& division_prefix,
      const PageRequest& page) = 0;
  virtual absl::StatusOr<Created> AddWhitelistEntry(const WhitelistEntry& entry,
                                                    const std::optional<IdempotencyKey>& key,
                                                    const AuditEntry& audit) = 0;
  // NOT_FOUND "white list entry not found".
  virtual absl::StatusOr<WhitelistEntry> GetWhitelistEntry(const std::string& id) = 0;
  // The agency's entries, by id.
  virtual absl::StatusOr<std::vector<WhitelistEntry>> ListWhitelist(const std::string& agency_id,
                                                                    const PageRequest& page) = 0;
  // Credit codes on the agency's white list at `at`.
  virtual absl::StatusOr<std::vector<std::string>> ListedCodes(const std::string& agency_id,
                                                               absl::Time at) = 0;
  // For figures (visit.h ComputeInspectionFigures): every draw of the
  // scope (its agency, else its division subtree), and the visits with a
  // part in the scope and visit_time in [from, to), by id.
  virtual absl::StatusOr<std::vector<InspectionDraw>> ListScopeDraws(const FactsScope& scope) = 0;
  virtual absl::StatusOr<std::vector<InspectionVisit>> ListScopeVisits(const FactsScope& scope,
                                                                       absl::Time from,
                                                                       absl::Time to) = 0;
  // Warnings for the supervisors of the subtree `division_prefix`, by id.
  virtual absl::StatusOr<std::vector<InspectionWarning>> ListWarnings(
      const std::string& division_prefix, const PageRequest& page) = 0;
};

// The whole port, as one object implements it.
class CaseStores : public ItemStore,
                   public BenchmarkStore,
                   public CaseStore,
                   public CaseRecordStore,
                   public InspectionStore {};

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_STORE_CASE_STORE_H_
