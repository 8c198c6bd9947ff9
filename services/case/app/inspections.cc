#include "services/case/app/inspections.h"

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/divisions/divisions.h"
#include "common/draw/seeded_draw.h"
#include "common/idnumber/id_number.h"
#include "common/ids/id_generator.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/time/clock.h"

namespace lawenforce::cases {
namespace {

const auth::RoleSet kPlanners = {auth::Role::kAgencyAdmin, auth::Role::kSupervisor,
                                 auth::Role::kSystem};
const auth::RoleSet kRecorders = {auth::Role::kOfficer, auth::Role::kAgencyAdmin,
                                  auth::Role::kSystem};

std::string Cst(absl::Time t) { return absl::FormatTime(absl::RFC3339_sec, t, ChinaTimeZone()); }

}  // namespace

absl::StatusOr<InspectionPlan> Inspections::CreatePlan(const auth::Principal& who,
                                                       absl::StatusOr<InspectionPlan> input,
                                                       const app::CreateOptions& options) {
  constexpr absl::string_view kAction = "plan inspections for this agency";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kPlanners, kAction));
  LE_ASSIGN_OR_RETURN(InspectionPlan plan, std::move(input));
  LE_RETURN_IF_ERROR(ValidateId("plan.agency_id", plan.agency_id));
  LE_RETURN_IF_ERROR(ValidateId("plan.item_id", plan.item_id));
  LE_RETURN_IF_ERROR(ValidatePlan(plan));
  LE_ASSIGN_OR_RETURN(std::optional<store::IdempotencyKey> key,
                      app::KeyFor("CreateInspectionPlan", who, options, *d_.pii));
  LE_ASSIGN_OR_RETURN(const AgencyInfo agency,
                      VisibleAgency(d_, who, "plan.agency_id", plan.agency_id, kAction));
  LE_RETURN_IF_ERROR(d_.authorizer->RequireAgency(who, agency.id, kAction));
  absl::StatusOr<EnforcementItem> item = d_.store->GetItem(plan.item_id);
  if (item.status().code() == absl::StatusCode::kNotFound ||
      (item.ok() && item->agency_id != agency.id)) {
    return InvalidField("plan.item_id", "not an item of the agency's catalogue");
  }
  if (!item.ok()) return item.status();
  if (item->kind != ItemKind::kInspection) {
    return InvalidField("plan.item_id", "not an inspection item (ITEM_KIND_INSPECTION)");
  }
  const absl::Time now = d_.clock->Now();
  if (plan.period_end <= now) {
    return InvalidField("plan.period_end", "the period is over");
  }
  plan.domain = item->domain;
  // Every officer of the pool must exist; whether each may inspect is
  // judged at each draw.
  LE_ASSIGN_OR_RETURN(std::vector<OfficerVerdict> verdicts,
                      d_.officers->CheckEligibility(plan.inspector_ids, plan.domain, now));
  for (size_t i = 0; i < verdicts.size(); ++i) {
    if (verdicts[i].reason == "OFFICER_NOT_FOUND" || verdicts[i].reason == "NOT_VISIBLE") {
      return InvalidField(absl::StrCat("plan.inspector_ids[", i, "]"), "no such officer");
    }
  }
  plan.id = d_.ids->NewId();
  plan.division_code = agency.division_code;
  plan.created_by = who.subject;
  plan.create_time = now;
  plan.version = 1;
  LE_ASSIGN_OR_RETURN(
      store::Created created,
      d_.store->CreatePlan(plan, key,
                           app::AuditOf(who, "inspection_plan.create", plan.id, now,
                                        absl::StrCat(plan.enterprises.size(), " enterprises"))));
  return d_.store->GetPlan(created.id);
}

absl::StatusOr<InspectionPlan> Inspections::GetPlan(const auth::Principal& who,
                                                    const std::string& id) {
  constexpr absl::string_view kAction = "read this inspection plan";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, auth::RoleSet::All(), kAction));
  return app::FindVisible<InspectionPlan>(
      *d_.authorizer, who, "id", id, "inspection plan", kAction,
      [&](const std::string& i) { return d_.store->GetPlan(i); });
}

absl::StatusOr<app::Page<InspectionPlan>> Inspections::ListPlans(const auth::Principal& who,
                                                                 const std::string& division_code,
                                                                 const std::string& agency_id,
                                                                 const app::PageQuery& page) {
  constexpr absl::string_view kAction = "list inspection plans of this division";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, auth::RoleSet::All(), kAction));
  LE_ASSIGN_OR_RETURN(std::string scope,
                      d_.authorizer->ScopeForList(who, "division_code", division_code, kAction));
  if (!agency_id.empty()) LE_RETURN_IF_ERROR(ValidateId("agency_id", agency_id));
  return app::ListPage<InspectionPlan>(
      page, absl::StrCat("inspection_plans|", scope, "|", agency_id), *d_.pii,
      [&](const store::PageRequest& r) {
        return d_.store->ListPlans(PlanFilter{Divisions::SubtreePrefix(scope), agency_id}, r);
      });
}

absl::StatusOr<InspectionDraw> Inspections::Draw(const auth::Principal& who,
                                                 const std::string& plan_id,
                                                 const std::string& seed_in,
                                                 const app::CreateOptions& options) {
  constexpr absl::string_view kAction = "draw inspections of this plan";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kPlanners, kAction));
  LE_ASSIGN_OR_RETURN(InspectionPlan plan,
                      app::FindVisible<InspectionPlan>(
                          *d_.authorizer, who, "plan_id", plan_id, "inspection plan", kAction,
                          [&](const std::string& i) { return d_.store->GetPlan(i); }));
  LE_RETURN_IF_ERROR(d_.authorizer->RequireAgency(who, plan.agency_id, kAction));
  if (!seed_in.empty()) LE_RETURN_IF_ERROR(draw::ValidateSeed("seed", seed_in));
  LE_ASSIGN_OR_RETURN(std::optional<store::IdempotencyKey> key,
                      app::KeyFor("DrawInspection", who, options, *d_.pii));
  // A replay returns the draw made, whatever the period and pool are now.
  LE_ASSIGN_OR_RETURN(std::optional<std::string> earlier, d_.store->FindCreated(key));
  if (earlier.has_value()) return d_.store->GetDraw(*earlier);
  const absl::Time now = d_.clock->Now();
  if (now < plan.period_start || now >= plan.period_end) {
    return absl::FailedPreconditionError(absl::StrCat("the plan draws within [",
                                                      Cst(plan.period_start), ", ",
                                                      Cst(plan.period_end), "); it is ", Cst(now)));
  }
  InspectionDraw d;
  if (seed_in.empty()) {
    LE_ASSIGN_OR_RETURN(d.seed, draw::NewSeed());
  } else {
    d.seed = seed_in;
    d.seed_chosen = true;
  }
  LE_ASSIGN_OR_RETURN(std::vector<OfficerVerdict> verdicts,
                      d_.officers->CheckEligibility(plan.inspector_ids, plan.domain, now));
  for (const OfficerVerdict& v : verdicts) {
    if (v.eligible) {
      d.inspector_candidates.push_back(v.officer_id);
    } else {
      d.inspectors_excluded.push_back({v.officer_id, v.reason});
    }
  }
  std::sort(d.inspector_candidates.begin(), d.inspector_candidates.end());
  std::sort(d.inspectors_excluded.begin(), d.inspectors_excluded.end(),
            [](const auto& a, const auto& b) { return a.officer_id < b.officer_id; });
  // White-listed enterprises (visit.h) are left out while listed.
  LE_ASSIGN_OR_RETURN(std::vector<std::string> listed, d_.store->ListedCodes(plan.agency_id, now));
  const std::set<std::string> white(listed.begin(), listed.end());
  InspectionPlan drawable = plan;
  drawable.enterprises.clear();
  for (const Enterprise& e : plan.enterprises) {
    if (white.contains(e.credit_code)) {
      d.enterprises_whitelisted.push_back(e.credit_code);
    } else {
      drawable.enterprises.push_back(e);
      d.enterprise_candidates.push_back(e.credit_code);
    }
  }
  std::sort(d.enterprise_candidates.begin(), d.enterprise_candidates.end());
  std::sort(d.enterprises_whitelisted.begin(), d.enterprises_whitelisted.end());
  LE_ASSIGN_OR_RETURN(d.targets, DrawTargets(drawable, d.seed, d.inspector_candidates));
  d.id = d_.ids->NewId();
  d.plan_id = plan.id;
  d.agency_id = plan.agency_id;
  d.division_code = plan.division_code;
  d.item_id = plan.item_id;
  d.domain = plan.domain;
  d.drawn_by = who.subject;
  d.draw_time = now;
  d.version = 1;
  LE_ASSIGN_OR_RETURN(
      store::Created created,
      d_.store->CreateDraw(
          d, key,
          app::AuditOf(who, "inspection.draw", d.id, now,
                       absl::StrCat("plan ", plan.id, ", ", d.targets.size(), " targets"))));
  return d_.store->GetDraw(created.id);
}

absl::StatusOr<InspectionDraw> Inspections::GetDraw(const auth::Principal& who,
                                                    const std::string& id) {
  constexpr absl::string_view kAction = "read this inspection draw";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, auth::RoleSet::All(), kAction));
  return app::FindVisible<InspectionDraw>(
      *d_.authorizer, who, "id", id, "inspection draw", kAction,
      [&](const std::string& i) { return d_.store->GetDraw(i); });
}

absl::StatusOr<app::Page<InspectionDraw>> Inspections::ListDraws(const auth::Principal& who,
                                                                 const std::string& plan_id,
                                                                 const app::PageQuery& page) {
  constexpr absl::string_view kAction = "list the draws of this inspection plan";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, auth::RoleSet::All(), kAction));
  LE_ASSIGN_OR_RETURN(InspectionPlan plan,
                      app::FindVisible<InspectionPlan>(
                          *d_.authorizer, who, "plan_id", plan_id, "inspection plan", kAction,
                          [&](const std::string& i) { return d_.store->GetPlan(i); }));
  return app::ListPage<InspectionDraw>(
      page, absl::StrCat("inspection_draws|", plan.id), *d_.pii,
      [&](const store::PageRequest& r) { return d_.store->ListDraws(plan.id, r); });
}

absl::StatusOr<InspectionDraw> Inspections::RecordResult(
    const auth::Principal& who, const std::string& draw_id, const std::string& credit_code,
    std::optional<InspectionOutcome> outcome, const std::string& summary, const std::string& etag) {
  constexpr absl::string_view kAction = "record results of this inspection draw";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kRecorders, kAction));
  LE_ASSIGN_OR_RETURN(std::optional<int64_t> expected, app::ParseEtag("etag", etag));
  LE_ASSIGN_OR_RETURN(InspectionDraw d,
                      app::FindVisible<InspectionDraw>(
                          *d_.authorizer, who, "draw_id", draw_id, "inspection draw", kAction,
                          [&](const std::string& i) { return d_.store->GetDraw(i); }));
  LE_RETURN_IF_ERROR(d_.authorizer->RequireAgency(who, d.agency_id, kAction));
  LE_RETURN_IF_ERROR(app::CheckEtag("etag", expected, d.version));
  LE_RETURN_IF_ERROR(idnumber::ValidateCreditCode("credit_code", credit_code));
  if (!outcome.has_value()) return InvalidField("outcome", "required");
  const std::string code = idnumber::NormalizeCreditCode(credit_code);
  const absl::Time now = d_.clock->Now();
  const int64_t version = d.version;
  LE_RETURN_IF_ERROR(cases::RecordResult(d, code, {*outcome, summary, who.subject, now}));
  LE_RETURN_IF_ERROR(d_.store->RecordResult(
      d, version, code,
      app::AuditOf(who, "inspection.record_result", d.id, now,
                   absl::StrCat(code, " ", InspectionOutcomeName(*outcome)))));
  return d_.store->GetDraw(d.id);
}

}  // namespace lawenforce::cases
