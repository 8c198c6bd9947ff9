// The InspectionStore methods of the SQL store (sql_stores.h): random
// inspection plans and draws as JSON bodies (inspection_json.h).

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/outbox/outbox.h"
#include "common/status/macros.h"
#include "common/store/values.h"
#include "services/case/store/inspection_json.h"
#include "services/case/store/sql_stores.h"

namespace lawenforce::cases::sql {
namespace {

// A draw's event: what other systems follow (一公开): the draw's id, plan,
// seed and targets.
std::string DrawPayload(const InspectionDraw& d) {
  std::string targets;
  for (const InspectionTarget& t : d.targets) {
    absl::StrAppend(&targets, targets.empty() ? "" : ",", "\"", t.enterprise.credit_code, "\"");
  }
  return absl::StrCat("{\"id\":\"", d.id, "\",\"plan_id\":\"", d.plan_id, "\",\"seed\":\"", d.seed,
                      "\",\"targets\":[", targets, "]}");
}

}  // namespace

absl::StatusOr<Created> SqlCaseStores::CreatePlan(const InspectionPlan& p,
                                                  const std::optional<IdempotencyKey>& key,
                                                  const AuditEntry& audit) {
  return records_.Create(key, audit, p.id, [&](store::Change& change) -> absl::Status {
    LE_RETURN_IF_ERROR(
        change.tx()
            .Execute("INSERT INTO inspection_plans (id, agency_id, division_code, "
                     "body, version) VALUES (?, ?, ?, ?, ?)",
                     {store::Text(p.id), store::Text(p.agency_id), store::Text(p.division_code),
                      store::Text(json::PlanBody(p)), store::Int(p.version)})
            .status());
    return outbox::Append(change,
                          {"inspection_plan.created", absl::StrCat("inspection_plans/", p.id),
                           p.division_code, audit.actor, audit.time,
                           absl::StrCat("{\"id\":\"", p.id, "\",\"agency_id\":\"", p.agency_id,
                                        "\",\"enterprises\":", p.enterprises.size(), "}")})
        .status();
  });
}

absl::StatusOr<InspectionPlan> SqlCaseStores::GetPlan(const std::string& id) {
  return records_.GetOneParsed<InspectionPlan>(
      "SELECT body FROM inspection_plans WHERE id = ?", {store::Text(id)}, "inspection plan",
      [](const store::Row& r) { return json::ReadPlanBody(r.Text(0)); });
}

absl::StatusOr<std::vector<InspectionPlan>> SqlCaseStores::ListPlans(const PlanFilter& filter,
                                                                     const PageRequest& page) {
  std::string where =
      "SELECT body FROM inspection_plans WHERE division_code >= ? AND "
      "division_code < ?";
  std::vector<store::Value> params = {store::Text(filter.division_prefix),
                                      store::Text(store::PrefixEnd(filter.division_prefix))};
  if (!filter.agency_id.empty()) {
    where += " AND agency_id = ?";
    params.push_back(store::Text(filter.agency_id));
  }
  return store::AllOk(records_.QueryPage<absl::StatusOr<InspectionPlan>>(
      where, std::move(params), page,
      [](const store::Row& r) { return json::ReadPlanBody(r.Text(0)); }));
}

absl::StatusOr<Created> SqlCaseStores::CreateDraw(const InspectionDraw& d,
                                                  const std::optional<IdempotencyKey>& key,
                                                  const AuditEntry& audit) {
  return records_.Create(key, audit, d.id, [&](store::Change& change) -> absl::Status {
    LE_RETURN_IF_ERROR(
        change.tx()
            .Execute("INSERT INTO inspection_draws (id, plan_id, agency_id, division_code, "
                     "body, version) VALUES (?, ?, ?, ?, ?, ?)",
                     {store::Text(d.id), store::Text(d.plan_id), store::Text(d.agency_id),
                      store::Text(d.division_code), store::Text(json::DrawBody(d)),
                      store::Int(d.version)})
            .status());
    return outbox::Append(change, {"inspection.drawn", absl::StrCat("inspection_draws/", d.id),
                                   d.division_code, audit.actor, audit.time, DrawPayload(d)})
        .status();
  });
}

absl::StatusOr<std::optional<std::string>> SqlCaseStores::FindCreated(
    const std::optional<IdempotencyKey>& key) {
  return records_.FindCreated(key);
}

absl::StatusOr<InspectionDraw> SqlCaseStores::GetDraw(const std::string& id) {
  return records_.GetOneParsed<InspectionDraw>(
      "SELECT body FROM inspection_draws WHERE id = ?", {store::Text(id)}, "inspection draw",
      [](const store::Row& r) { return json::ReadDrawBody(r.Text(0)); });
}

absl::StatusOr<std::vector<InspectionDraw>> SqlCaseStores::ListDraws(const std::string& plan_id,
                                                                     const PageRequest& page) {
  return store::AllOk(records_.QueryPage<absl::StatusOr<InspectionDraw>>(
      "SELECT body FROM inspection_draws WHERE plan_id = ?", {store::Text(plan_id)}, page,
      [](const store::Row& r) { return json::ReadDrawBody(r.Text(0)); }));
}

absl::Status SqlCaseStores::RecordResult(const InspectionDraw& after_in, int64_t expected_version,
                                         const std::string& credit_code, const AuditEntry& audit) {
  return records_.Write([&](store::Change& change) -> absl::Status {
    InspectionDraw after = after_in;
    after.version = expected_version + 1;
    absl::StatusOr<int64_t> changed = change.tx().Execute(
        "UPDATE inspection_draws SET body = ?, version = ? WHERE id = ? AND version = ?",
        {store::Text(json::DrawBody(after)), store::Int(after.version), store::Text(after.id),
         store::Int(expected_version)});
    LE_RETURN_IF_ERROR(
        change.ExpectUpdated(changed, "inspection_draws", after.id, "inspection draw", "etag"));
    std::string outcome;
    for (const InspectionTarget& t : after.targets) {
      if (t.enterprise.credit_code == credit_code && t.result.has_value()) {
        outcome = InspectionOutcomeName(t.result->outcome);
      }
    }
    LE_RETURN_IF_ERROR(
        outbox::Append(change,
                       {"inspection.result_recorded", absl::StrCat("inspection_draws/", after.id),
                        after.division_code, audit.actor, audit.time,
                        absl::StrCat("{\"id\":\"", after.id, "\",\"credit_code\":\"", credit_code,
                                     "\",\"outcome\":\"", outcome, "\"}")})
            .status());
    return change.Audit(audit);
  });
}

absl::StatusOr<std::vector<InspectionDraw>> SqlCaseStores::ListScopeDraws(const FactsScope& scope) {
  if (!scope.agency_id.empty()) {
    return store::AllOk(records_.QueryAll<absl::StatusOr<InspectionDraw>>(
        "SELECT body FROM inspection_draws WHERE agency_id = ? ORDER BY id",
        {store::Text(scope.agency_id)},
        [](const store::Row& r) { return json::ReadDrawBody(r.Text(0)); }));
  }
  return store::AllOk(records_.QueryAll<absl::StatusOr<InspectionDraw>>(
      "SELECT body FROM inspection_draws WHERE division_code >= ? AND division_code < ? ORDER BY "
      "id",
      {store::Text(scope.division_prefix), store::Text(store::PrefixEnd(scope.division_prefix))},
      [](const store::Row& r) { return json::ReadDrawBody(r.Text(0)); }));
}

absl::Status SqlCaseStores::LinkDraw(store::Change& change, const DrawLink& link) {
  if (!link.already_filed.empty()) {
    return absl::FailedPreconditionError(absl::StrCat("case.inspection: case ", link.already_filed,
                                                      " was already filed from this finding"));
  }
  InspectionDraw after = link.after;
  after.version = link.expected_version + 1;
  absl::StatusOr<int64_t> changed = change.tx().Execute(
      "UPDATE inspection_draws SET body = ?, version = ? WHERE id = ? AND version = ?",
      {store::Text(json::DrawBody(after)), store::Int(after.version), store::Text(after.id),
       store::Int(link.expected_version)});
  return change.ExpectUpdated(changed, "inspection_draws", after.id, "inspection draw",
                              "case.inspection.draw_id");
}

}  // namespace lawenforce::cases::sql
