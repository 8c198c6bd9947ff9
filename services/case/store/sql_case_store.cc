// CaseStore on SQL: case-service's own tables and queries only; the
// plumbing is common/store/record_store.h.

#include "services/case/store/sql_case_store.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/cache/invalidation_journal.h"
#include "common/deadlines/schema.h"
#include "common/status/macros.h"
#include "common/store/values.h"

namespace lawenforce::cases {
namespace {

using store::Bool;
using store::Int;
using store::Row;
using store::Text;
using store::TimeValue;

constexpr absl::string_view kServiceName = "case";

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

const std::vector<store::Migration>& Migrations() {
  static const auto* const kMigrations = [] {
    static const std::string kFirst =
        absl::StrCat(kItemsSql, store::kAuditLogTableSql, store::kIdempotencyKeysTableSql,
                     deadlines::kDeadlinesTableSql, cache::kCacheInvalidationsTableSql);
    return new std::vector<store::Migration>{{1, "enforcement item catalogue", kFirst}};
  }();
  return *kMigrations;
}

constexpr char kItemColumns[] =
    "id, agency_id, division_code, code, name, kind, legal_basis, domain, major, "
    "delegated_to_townships, create_time, version";

EnforcementItem ItemFromRow(const Row& r) {
  EnforcementItem i;
  i.id = r.Text(0);
  i.agency_id = r.Text(1);
  i.division_code = r.Text(2);
  i.code = r.Text(3);
  i.name = r.Text(4);
  i.kind = static_cast<ItemKind>(r.Int(5));
  i.legal_basis = r.Text(6);
  i.domain = r.Text(7);
  i.major = r.Bool(8);
  i.delegated_to_townships = r.Bool(9);
  i.create_time = store::TimeFromMicros(r.Int(10));
  i.version = r.Int(11);
  return i;
}

absl::Status NameUniqueViolation(const absl::Status& status) {
  if (absl::StrContains(status.message(), "items.code")) {
    return absl::AlreadyExistsError("item.code: already in this agency's catalogue");
  }
  return absl::AlreadyExistsError("record already exists");
}

class SqlCaseStore final : public CaseStore {
 public:
  SqlCaseStore(store::Database* db, IdGenerator* ids, store::ChangeObserver* changes)
      : records_(db, ids, changes) {}

  absl::StatusOr<Created> CreateItem(const EnforcementItem& i,
                                     const std::optional<IdempotencyKey>& key,
                                     const AuditEntry& audit) override {
    return records_.Create(
        key, audit, i.id,
        [&](store::Change& change) {
          return change.tx()
              .Execute(absl::StrCat("INSERT INTO items (", kItemColumns,
                                    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                       {Text(i.id), Text(i.agency_id), Text(i.division_code), Text(i.code),
                        Text(i.name), Int(static_cast<int64_t>(i.kind)), Text(i.legal_basis),
                        Text(i.domain), Bool(i.major), Bool(i.delegated_to_townships),
                        TimeValue(i.create_time), Int(i.version)})
              .status();
        },
        NameUniqueViolation);
  }

  absl::StatusOr<EnforcementItem> GetItem(const std::string& id) override {
    return records_.GetOne<EnforcementItem>(
        absl::StrCat("SELECT ", kItemColumns, " FROM items WHERE id = ?"), {Text(id)}, "item",
        ItemFromRow);
  }

  absl::StatusOr<std::vector<EnforcementItem>> ListItems(const ItemFilter& f,
                                                         const PageRequest& page) override {
    std::string sql =
        absl::StrCat("SELECT ", kItemColumns, " FROM items WHERE division_code LIKE ?");
    std::vector<store::Value> params = {Text(f.division_prefix + "%")};
    if (!f.agency_id.empty()) {
      absl::StrAppend(&sql, " AND agency_id = ?");
      params.push_back(Text(f.agency_id));
    }
    return records_.QueryPage<EnforcementItem>(sql, std::move(params), page, ItemFromRow);
  }

 private:
  store::RecordStore records_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<CaseStore>> OpenSqlCaseStore(store::Database* db, IdGenerator* ids,
                                                            store::ChangeObserver* changes) {
  LE_RETURN_IF_ERROR(store::Migrate(*db, kServiceName, Migrations()));
  return std::make_unique<SqlCaseStore>(db, ids, changes);
}

}  // namespace lawenforce::cases
