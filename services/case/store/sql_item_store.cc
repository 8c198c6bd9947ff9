// Items with their versions, and benchmarks, on SQL.

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/outbox/outbox.h"
#include "common/status/macros.h"
#include "common/store/values.h"
#include "services/case/store/case_json.h"
#include "services/case/store/case_rows.h"
#include "services/case/store/sql_stores.h"

namespace lawenforce::cases::sql {
namespace {

using store::Bool;
using store::Int;
using store::Row;
using store::Text;
using store::TimeValue;

constexpr char kItemColumns[] =
    "id, agency_id, division_code, code, name, kind, legal_basis, domain, major, "
    "delegated_to_townships, create_time, version";
constexpr char kVersionColumns[] =
    "item_id, number, effective_from, name, legal_basis, major, delegated_to_townships, repealed, "
    "reason, created_by, create_time";

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

ItemVersion VersionFromRow(const Row& r) {
  ItemVersion v;
  v.number = r.Int(1);
  v.effective_from = store::TimeFromMicros(r.Int(2));
  v.name = r.Text(3);
  v.legal_basis = r.Text(4);
  v.major = r.Bool(5);
  v.delegated_to_townships = r.Bool(6);
  v.repealed = r.Bool(7);
  v.reason = r.Text(8);
  v.created_by = r.Text(9);
  v.create_time = store::TimeFromMicros(r.Int(10));
  return v;
}

absl::Status InsertVersion(store::Transaction& tx, const std::string& item_id,
                           const ItemVersion& v) {
  return tx
      .Execute(absl::StrCat("INSERT INTO item_versions (", kVersionColumns,
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               {Text(item_id), Int(v.number), TimeValue(v.effective_from), Text(v.name),
                Text(v.legal_basis), Bool(v.major), Bool(v.delegated_to_townships),
                Bool(v.repealed), Text(v.reason), Text(v.created_by), TimeValue(v.create_time)})
      .status();
}

std::string ItemPayload(const EnforcementItem& i, const ItemVersion& v) {
  return nlohmann::json({{"id", i.id},
                         {"agency_id", i.agency_id},
                         {"division_code", i.division_code},
                         {"code", i.code},
                         {"kind", static_cast<int>(i.kind)},
                         {"domain", i.domain},
                         {"version",
                          {{"number", v.number},
                           {"effective_from", absl::ToUnixMicros(v.effective_from)},
                           {"name", v.name},
                           {"legal_basis", v.legal_basis},
                           {"major", v.major},
                           {"delegated_to_townships", v.delegated_to_townships},
                           {"repealed", v.repealed},
                           {"reason", v.reason}}}})
      .dump();
}

absl::Status NameUniqueViolation(const absl::Status& status) {
  if (absl::StrContains(status.message(), "items.")) {
    return absl::AlreadyExistsError("item.code: already in this agency's catalogue");
  }
  return absl::AlreadyExistsError("record already exists");
}

}  // namespace

absl::StatusOr<Created> SqlCaseStores::CreateItem(const EnforcementItem& i,
                                                  const std::optional<IdempotencyKey>& key,
                                                  const AuditEntry& audit) {
  return records_.Create(
      key, audit, i.id,
      [&](store::Change& change) -> absl::Status {
        LE_RETURN_IF_ERROR(
            change.tx()
                .Execute(absl::StrCat("INSERT INTO items (", kItemColumns,
                                      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                         {Text(i.id), Text(i.agency_id), Text(i.division_code), Text(i.code),
                          Text(i.name), Int(static_cast<int64_t>(i.kind)), Text(i.legal_basis),
                          Text(i.domain), Bool(i.major), Bool(i.delegated_to_townships),
                          TimeValue(i.create_time), Int(i.version)})
                .status());
        LE_RETURN_IF_ERROR(InsertVersion(change.tx(), i.id, i.versions.at(0)));
        return outbox::Append(change, {"item.create", absl::StrCat("items/", i.id), i.division_code,
                                       audit.actor, audit.time, ItemPayload(i, i.versions[0])})
            .status();
      },
      NameUniqueViolation);
}

absl::Status SqlCaseStores::LoadVersions(std::vector<EnforcementItem>& items) const {
  if (items.empty()) return absl::OkStatus();
  std::vector<store::Value> ids;
  std::vector<std::string> marks;
  for (const EnforcementItem& i : items) {
    ids.push_back(Text(i.id));
    marks.push_back("?");
  }
  return records_.db()->Read([&](store::Transaction& tx) -> absl::Status {
    LE_ASSIGN_OR_RETURN(
        std::vector<Row> rows,
        tx.Query(absl::StrCat("SELECT ", kVersionColumns, " FROM item_versions WHERE item_id IN (",
                              absl::StrJoin(marks, ", "), ") ORDER BY item_id, number"),
                 ids));
    for (const Row& r : rows) {
      for (EnforcementItem& i : items) {
        if (i.id == r.Text(0)) i.versions.push_back(VersionFromRow(r));
      }
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<EnforcementItem> SqlCaseStores::GetItem(const std::string& id) {
  LE_ASSIGN_OR_RETURN(EnforcementItem item,
                      records_.GetOne<EnforcementItem>(
                          absl::StrCat("SELECT ", kItemColumns, " FROM items WHERE id = ?"),
                          {Text(id)}, "item", ItemFromRow));
  std::vector<EnforcementItem> one = {std::move(item)};
  LE_RETURN_IF_ERROR(LoadVersions(one));
  return std::move(one[0]);
}

absl::StatusOr<std::vector<EnforcementItem>> SqlCaseStores::ListItems(const ItemFilter& f,
                                                                      const PageRequest& page) {
  const auto [low, high] = PrefixRange(f.division_prefix);
  std::string sql = absl::StrCat("SELECT ", kItemColumns,
                                 " FROM items WHERE division_code >= ? AND division_code < ?");
  std::vector<store::Value> params = {Text(low), Text(high)};
  if (!f.agency_id.empty()) {
    absl::StrAppend(&sql, " AND agency_id = ?");
    params.push_back(Text(f.agency_id));
  }
  LE_ASSIGN_OR_RETURN(
      std::vector<EnforcementItem> items,
      records_.QueryPage<EnforcementItem>(sql, std::move(params), page, ItemFromRow));
  LE_RETURN_IF_ERROR(LoadVersions(items));
  return items;
}

absl::Status SqlCaseStores::ReviseItem(const std::string& item_id, int64_t expected_version,
                                       const ItemVersion& v, const AuditEntry& audit) {
  return records_.Write([&](store::Change& change) -> absl::Status {
    store::Transaction& tx = change.tx();
    LE_RETURN_IF_ERROR(change.ExpectUpdated(
        tx.Execute("UPDATE items SET name = ?, legal_basis = ?, major = ?, "
                   "delegated_to_townships = ?, version = version + 1 WHERE id = ? AND version = ?",
                   {Text(v.name), Text(v.legal_basis), Bool(v.major),
                    Bool(v.delegated_to_townships), Text(item_id), Int(expected_version)}),
        "items", item_id, "item", "etag"));
    LE_RETURN_IF_ERROR(InsertVersion(tx, item_id, v));
    LE_ASSIGN_OR_RETURN(std::vector<Row> rows,
                        tx.Query(absl::StrCat("SELECT ", kItemColumns, " FROM items WHERE id = ?"),
                                 {Text(item_id)}));
    const EnforcementItem item = ItemFromRow(rows.at(0));
    LE_RETURN_IF_ERROR(
        outbox::Append(change, {"item.revise", absl::StrCat("items/", item_id), item.division_code,
                                audit.actor, audit.time, ItemPayload(item, v)})
            .status());
    return change.Audit(audit);
  });
}

absl::Status SqlCaseStores::AddBenchmark(const BenchmarkVersion& b, const std::string& division,
                                         const AuditEntry& audit) {
  return records_.Write([&](store::Change& change) -> absl::Status {
    absl::StatusOr<int64_t> inserted = change.tx().Execute(
        "INSERT INTO benchmark_versions (item_id, number, effective_from, basis, levels, "
        "created_by, create_time) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {Text(b.item_id), Int(b.number), TimeValue(b.effective_from), Text(b.basis),
         Text(json::Levels(b.levels).dump()), Text(b.created_by), TimeValue(b.create_time)});
    if (inserted.status().code() == absl::StatusCode::kAlreadyExists) {
      return absl::AlreadyExistsError(
          "benchmark.number: another version was added first; read again");
    }
    LE_RETURN_IF_ERROR(inserted.status());
    LE_RETURN_IF_ERROR(
        outbox::Append(
            change, {"benchmark.publish", absl::StrCat("items/", b.item_id, "/benchmark"), division,
                     audit.actor, audit.time,
                     nlohmann::json({{"item_id", b.item_id},
                                     {"number", b.number},
                                     {"effective_from", absl::ToUnixMicros(b.effective_from)},
                                     {"basis", b.basis},
                                     {"levels", json::Levels(b.levels)}})
                         .dump()})
            .status());
    return change.Audit(audit);
  });
}

absl::StatusOr<std::vector<BenchmarkVersion>> SqlCaseStores::ListBenchmarks(
    const std::string& item_id) {
  absl::Status bad;
  LE_ASSIGN_OR_RETURN(
      std::vector<BenchmarkVersion> out,
      records_.QueryAll<BenchmarkVersion>(
          "SELECT item_id, number, effective_from, basis, levels, created_by, create_time FROM "
          "benchmark_versions WHERE item_id = ? ORDER BY number",
          {Text(item_id)}, [&](const Row& r) {
            BenchmarkVersion b;
            b.item_id = r.Text(0);
            b.number = r.Int(1);
            b.effective_from = store::TimeFromMicros(r.Int(2));
            b.basis = r.Text(3);
            try {
              b.levels = json::ReadLevels(nlohmann::json::parse(r.Text(4)));
            } catch (const std::exception& e) {
              bad = absl::DataLossError(absl::StrCat("benchmark levels are malformed: ", e.what()));
            }
            b.created_by = r.Text(5);
            b.create_time = store::TimeFromMicros(r.Int(6));
            return b;
          }));
  if (!bad.ok()) return bad;
  return out;
}

}  // namespace lawenforce::cases::sql
