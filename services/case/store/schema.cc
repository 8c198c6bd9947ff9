#include "services/case/store/schema.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/cache/invalidation_journal.h"
#include "common/deadlines/schema.h"
#include "common/outbox/outbox.h"
#include "common/store/audit.h"
#include "common/store/idempotency.h"

namespace lawenforce::cases {
namespace {

constexpr absl::string_view kItemsSql = R"sql(
CREATE TABLE items (
  id TEXT PRIMARY KEY,
  agency_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  legal_basis TEXT NOT NULL,
  domain TEXT NOT NULL,
  major INTEGER NOT NULL,
  delegated_to_townships INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (agency_id, code)
);
CREATE INDEX items_by_division ON items (division_code, id);
CREATE INDEX items_by_agency ON items (agency_id, id);
)sql";

// Migration 2: item versions (the first from each existing item),
// benchmarks, cases, their parties, officers, clocks, record and acts, and
// the outbox. Indexes serve ListCases' filters, each ending in id for
// keyset paging; division filters are ranges (division_code >= ? AND < ?).
constexpr absl::string_view kCasesSql = R"sql(
CREATE TABLE item_versions (
  item_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  effective_from INTEGER NOT NULL,
  name TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  major INTEGER NOT NULL,
  delegated_to_townships INTEGER NOT NULL,
  repealed INTEGER NOT NULL,
  reason TEXT NOT NULL,
  created_by TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  PRIMARY KEY (item_id, number)
);
INSERT INTO item_versions (item_id, number, effective_from, name, legal_basis, major,
  delegated_to_townships, repealed, reason, created_by, create_time)
  SELECT id, 1, create_time, name, legal_basis, major, delegated_to_townships, 0, '', 'migration',
    create_time FROM items;
CREATE TABLE benchmark_versions (
  item_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  effective_from INTEGER NOT NULL,
  basis TEXT NOT NULL,
  levels TEXT NOT NULL,
  created_by TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  PRIMARY KEY (item_id, number)
);
CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  agency_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  item_id TEXT NOT NULL,
  state INTEGER NOT NULL,
  enterprise_party INTEGER NOT NULL,
  overdue INTEGER NOT NULL,
  violation_time INTEGER NOT NULL,
  filed_at INTEGER NOT NULL,
  decided_at INTEGER,
  closed_at INTEGER,
  record_length INTEGER NOT NULL,
  record_head TEXT NOT NULL,
  detail TEXT NOT NULL,
  update_time INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX cases_by_division ON cases (division_code, id);
CREATE INDEX cases_by_agency ON cases (agency_id, id);
CREATE INDEX cases_by_state ON cases (state, division_code, id);
CREATE INDEX cases_by_item ON cases (item_id, id);
CREATE INDEX cases_by_filed ON cases (filed_at, id);
CREATE INDEX cases_by_decided ON cases (decided_at, id);
CREATE INDEX cases_overdue ON cases (division_code, id) WHERE overdue = 1;
CREATE INDEX cases_enterprise ON cases (division_code, id) WHERE enterprise_party = 1;
CREATE TABLE case_parties (
  case_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  name TEXT NOT NULL,
  credit_code TEXT NOT NULL,
  id_number_ciphertext TEXT NOT NULL,
  id_number_index TEXT NOT NULL,
  id_number_masked TEXT NOT NULL,
  PRIMARY KEY (case_id, position)
);
CREATE INDEX parties_by_id_number ON case_parties (id_number_index);
CREATE TABLE case_officers (
  officer_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  PRIMARY KEY (officer_id, case_id)
);
CREATE TABLE case_clocks (
  case_id TEXT NOT NULL,
  kind INTEGER NOT NULL,
  division_code TEXT NOT NULL,
  state INTEGER NOT NULL,
  start_time INTEGER NOT NULL,
  start_event TEXT NOT NULL,
  period_count INTEGER NOT NULL,
  period_unit INTEGER NOT NULL,
  events TEXT NOT NULL,
  due_at INTEGER,
  provisional INTEGER NOT NULL,
  ended_at INTEGER,
  on_time INTEGER NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (case_id, kind)
);
CREATE INDEX clocks_by_state ON case_clocks (state, due_at);
CREATE INDEX clocks_provisional ON case_clocks (case_id) WHERE provisional = 1;
CREATE TABLE case_record (
  case_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  entry_time INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  officer_ids TEXT NOT NULL,
  summary TEXT NOT NULL,
  evidence TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (case_id, seq)
);
CREATE TABLE case_acts (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  officer_id TEXT NOT NULL,
  action TEXT NOT NULL,
  act_time INTEGER NOT NULL,
  record_seq INTEGER NOT NULL,
  certificate_id TEXT NOT NULL
);
CREATE INDEX acts_by_officer ON case_acts (officer_id, act_time);
)sql";

// Migration 3: ListCases pages that never sort a large set (case_query.h).
// cases.next_due_at is the earliest due moment of the case's running duty
// clocks (not a party's window: kinds 2 hearing_request and 7 payment), so
// that "overdue now" is a condition on the case row; the subtree is an
// indexed prefix (4: a city, 6: a county) instead of a range; and each
// index read in id order carries the other filter columns after id, so
// that a filter is evaluated in the index and only the page's rows are
// read from the table. The partial indexes go: a bound parameter never
// matches their WHERE. (`+state`: the clocks are found by the case's key,
// never by clocks_by_state, which would serve MIN(due_at) of every case.)
constexpr absl::string_view kListIndexesSql = R"sql(
ALTER TABLE cases ADD COLUMN next_due_at INTEGER;
UPDATE cases SET next_due_at = (SELECT MIN(due_at) FROM case_clocks
  WHERE case_clocks.case_id = cases.id AND +case_clocks.state = 1
    AND case_clocks.kind NOT IN (2, 7));
DROP INDEX cases_by_state;
DROP INDEX cases_by_filed;
DROP INDEX cases_by_decided;
DROP INDEX cases_overdue;
DROP INDEX cases_enterprise;
DROP INDEX cases_by_division;
DROP INDEX cases_by_agency;
DROP INDEX cases_by_item;
CREATE INDEX cases_by_division ON cases (division_code, id, state, enterprise_party, overdue,
  next_due_at, filed_at, decided_at);
CREATE INDEX cases_by_agency ON cases (agency_id, id, division_code, state, enterprise_party,
  overdue, next_due_at, filed_at, decided_at);
CREATE INDEX cases_by_item ON cases (item_id, id, division_code, state, enterprise_party, overdue,
  next_due_at, filed_at, decided_at);
CREATE INDEX cases_scan ON cases (id, division_code, state, enterprise_party, overdue,
  next_due_at, filed_at, decided_at);
CREATE INDEX cases_by_city ON cases ((substr(division_code, 1, 4)), id, division_code, state,
  enterprise_party, overdue, next_due_at, filed_at, decided_at);
CREATE INDEX cases_by_county ON cases ((substr(division_code, 1, 6)), id, division_code, state,
  enterprise_party, overdue, next_due_at, filed_at, decided_at);
CREATE INDEX cases_by_state ON cases (state, id, division_code, enterprise_party, overdue,
  next_due_at, filed_at, decided_at);
CREATE INDEX cases_by_filed ON cases (filed_at, id, division_code, state, enterprise_party,
  overdue, next_due_at, decided_at);
CREATE INDEX cases_by_decided ON cases (decided_at, id, division_code, state, enterprise_party,
  overdue, next_due_at, filed_at);
)sql";

// Migration 4: the facts of each case after each act, for statistics "as
// at T" (services/case/domain/statistics.h): append-only, one row per
// act (seq: the record entry's; 0: the row written at store open for a
// case filed before this migration, case_facts.h), so that the figures of
// a closed period are read from rows written before it ended. Scopes are
// a division range or an agency, then the moment; the latest row of a
// case before T is found by its key. reviews: "<micros>:<outcome>,...";
// open_dues: "<clock kind>:<due micros>,...". case_facts_pending: the
// cases filed before this migration, until their rows are written (empty
// for a new store, so that an import finds every table empty).
constexpr absl::string_view kFactsSql = R"sql(
CREATE TABLE case_facts (
  case_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  entry_time INTEGER NOT NULL,
  division_code TEXT NOT NULL,
  agency_id TEXT NOT NULL,
  kind INTEGER NOT NULL,
  state INTEGER NOT NULL,
  filed_at INTEGER NOT NULL,
  decided_at INTEGER,
  outcome INTEGER NOT NULL,
  outside_benchmark INTEGER NOT NULL,
  publish INTEGER NOT NULL,
  review_required INTEGER NOT NULL,
  reviews TEXT NOT NULL,
  published_at INTEGER,
  publicity_due INTEGER,
  transfer_reported_at INTEGER,
  handed_over_at INTEGER,
  ended_at INTEGER,
  open_dues TEXT NOT NULL,
  PRIMARY KEY (case_id, seq)
);
CREATE INDEX case_facts_by_division ON case_facts (division_code, entry_time);
CREATE INDEX case_facts_by_agency ON case_facts (agency_id, entry_time);
CREATE TABLE case_facts_pending (
  case_id TEXT PRIMARY KEY
);
INSERT INTO case_facts_pending (case_id) SELECT id FROM cases;
)sql";

// Migration 5: random inspection plans and draws (domain/inspection.h)
// and inspection control (domain/visit.h): caps, visits with one row per
// agency part (a joint visit counts once for each agency: the cap count
// is a COUNT over parts of (agency, enterprise, year)), white lists and
// warnings. Each a JSON body (inspection_json.h) with the columns its
// queries filter on; a draw's body carries its targets and results.
constexpr absl::string_view kInspectionsSql = R"sql(
CREATE TABLE inspection_plans (
  id TEXT PRIMARY KEY,
  agency_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  body TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX inspection_plans_by_division ON inspection_plans (division_code, id);
CREATE INDEX inspection_plans_by_agency ON inspection_plans (agency_id, id);
CREATE TABLE inspection_draws (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL,
  agency_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  body TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX inspection_draws_by_plan ON inspection_draws (plan_id, id);
CREATE INDEX inspection_draws_by_division ON inspection_draws (division_code, id);
CREATE INDEX inspection_draws_by_agency ON inspection_draws (agency_id, id);
CREATE TABLE inspection_caps (
  agency_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (agency_id, year)
);
CREATE TABLE inspection_visits (
  id TEXT PRIMARY KEY,
  credit_code TEXT NOT NULL,
  division_code TEXT NOT NULL,
  visit_time INTEGER NOT NULL,
  basis INTEGER NOT NULL,
  warned INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX inspection_visits_by_enterprise ON inspection_visits (credit_code, visit_time);
CREATE TABLE inspection_visit_parts (
  visit_id TEXT NOT NULL,
  agency_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  credit_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  PRIMARY KEY (visit_id, agency_id)
);
CREATE INDEX inspection_visit_parts_by_cap ON inspection_visit_parts (agency_id, credit_code, year);
CREATE INDEX inspection_visit_parts_by_enterprise ON inspection_visit_parts (credit_code, division_code, visit_id);
CREATE INDEX inspection_visits_by_time ON inspection_visits (visit_time, id);
CREATE TABLE inspection_whitelist (
  id TEXT PRIMARY KEY,
  agency_id TEXT NOT NULL,
  credit_code TEXT NOT NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX inspection_whitelist_by_agency ON inspection_whitelist (agency_id, id);
CREATE TABLE inspection_warnings (
  id TEXT PRIMARY KEY,
  credit_code TEXT NOT NULL,
  division_code TEXT NOT NULL,
  raise_time INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX inspection_warnings_by_division ON inspection_warnings (division_code, id);
CREATE INDEX inspection_warnings_by_enterprise ON inspection_warnings (credit_code, raise_time);
)sql";

// Records imported from departmental systems (ImportCases,
// ImportInspections): what each became and the keyed digests of what was
// imported. And the handling officers by case: every act rewrites a case's
// officers, which without this index scanned every case's (an act cost
// grew with the table: issue 19's 100,000-case import found it).
constexpr char kImportsSql[] = R"sql(
CREATE INDEX case_officers_by_case ON case_officers (case_id);
CREATE TABLE import_sources (
  kind TEXT NOT NULL,
  system TEXT NOT NULL,
  agency_id TEXT NOT NULL,
  source_id TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  digests TEXT NOT NULL,
  first_import_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (kind, system, agency_id, source_id)
);
)sql";

}  // namespace

const std::vector<store::Migration>& CaseMigrations() {
  static const auto* const kMigrations = [] {
    static const std::string kFirst =
        absl::StrCat(kItemsSql, store::kAuditLogTableSql, store::kIdempotencyKeysTableSql,
                     deadlines::kDeadlinesTableSql, cache::kCacheInvalidationsTableSql);
    static const std::string kSecond = absl::StrCat(kCasesSql, outbox::kOutboxTableSql);
    return new std::vector<store::Migration>{
        {1, "enforcement item catalogue", kFirst},
        {2, "item versions, benchmarks, cases, clocks, full-process record, outbox", kSecond},
        {3, "case list indexes: next due moment, subtree prefixes, filter columns in the index",
         kListIndexesSql},
        {4, "case facts after each act, for statistics as at a moment", kFactsSql},
        {5, "random inspection plans and draws; inspection caps, visits, white lists, warnings",
         kInspectionsSql},
        {6, "records imported from departmental systems; case officers by case", kImportsSql},
        {7, "audit log: method, division, changed fields, list indexes", store::kAuditLogScopeSql}};
  }();
  return *kMigrations;
}

}  // namespace lawenforce::cases
