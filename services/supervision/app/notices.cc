#include "services/supervision/app/notices.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/validation/validate.h"

namespace lawenforce::supervision {
namespace {

using auth::Role;

// Who may do what (docs/api/supervision.md "Authorization" mirrors this).
const auth::RoleSet kPublishers = {Role::kSupervisor, Role::kSystem};
const auth::RoleSet kReaders = auth::RoleSet::All();
const auth::RoleSet kPlanReaders = {Role::kSupervisor, Role::kAuditor, Role::kSystem};

}  // namespace

absl::StatusOr<Notice> Notices::Publish(const auth::Principal& who, Notice n,
                                        const app::CreateOptions& options) {
  constexpr absl::string_view kAction = "publish notices for this division";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kPublishers, kAction));
  LE_RETURN_IF_ERROR(ValidateNotice(n));
  if (n.division_code.empty()) return InvalidField("division_code", "required");
  LE_RETURN_IF_ERROR(d_.divisions->Validate("division_code", n.division_code).status());
  LE_ASSIGN_OR_RETURN(std::optional<store::IdempotencyKey> key,
                      app::KeyFor("PublishNotice", who, options, *d_.keys));
  LE_RETURN_IF_ERROR(d_.authorizer->RequireWithin(who, n.division_code, kAction));
  LE_RETURN_IF_ERROR(RequireSupervisionCertificate(*d_.agencies, who, kAction));
  if (n.kind == NoticeKind::kProblemList) {
    absl::StatusOr<AgencyRef> agency = d_.agencies->GetAgency(n.agency_id);
    if (agency.status().code() == absl::StatusCode::kNotFound) {
      return d_.authorizer->RecordNotFound(who, "agency", kAction);
    }
    if (!agency.ok()) return agency.status();
    if (!d_.divisions->IsWithin(agency->division_code, n.division_code)) {
      return InvalidField("agency_id", "is not an agency of division_code's subtree");
    }
  }
  // A referenced rectification or complaint must be one of the
  // publisher's subtree.
  for (size_t i = 0; i < n.items.size(); ++i) {
    const std::string& rect = n.items[i].rectification_id;
    if (!rect.empty()) {
      absl::StatusOr<Rectification> r = reviews_->GetRectification(rect);
      if (!r.ok() && r.status().code() != absl::StatusCode::kNotFound) return r.status();
      if (!r.ok() || !d_.divisions->IsWithin(r->division_code, n.division_code)) {
        return InvalidField(absl::StrCat("items[", i, "].rectification_id"),
                            "no such rectification in division_code's subtree");
      }
    }
    const std::string& complaint = n.items[i].complaint_id;
    if (!complaint.empty()) {
      absl::StatusOr<StoredComplaint> c = complaints_->Get(complaint);
      if (!c.ok() && c.status().code() != absl::StatusCode::kNotFound) return c.status();
      if (!c.ok() || !d_.divisions->IsWithin(c->complaint.division_code, n.division_code)) {
        return InvalidField(absl::StrCat("items[", i, "].complaint_id"),
                            "no such complaint in division_code's subtree");
      }
    }
  }
  n.id = d_.ids->NewId();
  n.published_by = who.subject;
  n.publish_time = d_.clock->Now();
  return store_->PublishNotice(
      n, key,
      app::AuditOf(who, "notice.publish", n.id, n.publish_time, TruncateText(n.title, 100)));
}

absl::StatusOr<Notice> Notices::Get(const auth::Principal& who, const std::string& id) {
  constexpr absl::string_view kAction = "read this notice";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReaders, kAction));
  LE_RETURN_IF_ERROR(ValidateId("id", id));
  absl::StatusOr<Notice> n = store_->GetNotice(id);
  if (n.status().code() == absl::StatusCode::kNotFound) {
    return d_.authorizer->RecordNotFound(who, "notice", kAction);
  }
  if (!n.ok()) return n.status();
  if (!NoticeReadable(*d_.divisions, n->division_code, who.division_code)) {
    return PermissionDenied(kAction);
  }
  return n;
}

absl::StatusOr<app::Page<Notice>> Notices::List(const auth::Principal& who, int kind,
                                                const std::string& agency_id, int year,
                                                const app::PageQuery& page) {
  constexpr absl::string_view kAction = "list notices";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReaders, kAction));
  if (kind != 0 && kind != static_cast<int>(NoticeKind::kProblemList) &&
      kind != static_cast<int>(NoticeKind::kCircular)) {
    return InvalidField("kind", "unknown kind");
  }
  if (!agency_id.empty()) LE_RETURN_IF_ERROR(ValidateId("agency_id", agency_id));
  if (year != 0) LE_RETURN_IF_ERROR(ValidateYear("year", year));
  LE_ASSIGN_OR_RETURN(Division own, d_.divisions->Validate("division", who.division_code));
  // Published by the caller's division or any above it, or inside its subtree.
  std::vector<std::string> above;
  for (std::string code = own.parent; !code.empty();) {
    above.push_back(code);
    absl::StatusOr<Division> d = d_.divisions->Lookup(code);
    code = d.ok() ? d->parent : "";
  }
  return app::ListPage<Notice>(
      page, absl::StrCat("notices|", own.code, "|", kind, "|", agency_id, "|", year), *d_.keys,
      [&](const store::PageRequest& r) {
        return store_->ListNotices(above, Divisions::SubtreePrefix(own.code), kind, agency_id, year,
                                   r);
      });
}

absl::StatusOr<SupervisionPlan> Notices::RecordPlan(const auth::Principal& who,
                                                    const std::string& division_code, int year,
                                                    const std::string& content,
                                                    const std::string& etag) {
  constexpr absl::string_view kAction = "record this division's supervision plan";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kPublishers, kAction));
  LE_RETURN_IF_ERROR(ValidateYear("year", year));
  LE_RETURN_IF_ERROR(ValidateMultilineText("content", content, 20000));
  LE_ASSIGN_OR_RETURN(std::optional<int64_t> expected, app::ParseEtag("etag", etag));
  if (division_code.empty()) return InvalidField("division_code", "required");
  LE_ASSIGN_OR_RETURN(Division d, d_.divisions->Validate("division_code", division_code));
  if (!RecordsPlans(d.tier)) {
    return InvalidField("division_code", "townships record no supervision plan");
  }
  LE_RETURN_IF_ERROR(d_.authorizer->RequireWithin(who, division_code, kAction));
  LE_RETURN_IF_ERROR(RequireSupervisionCertificate(*d_.agencies, who, kAction));
  const absl::Time now = d_.clock->Now();
  SupervisionPlan p{division_code, year, content, now, now, who.subject, 1};
  if (expected.has_value()) {
    absl::StatusOr<SupervisionPlan> current = store_->GetPlan(division_code, year);
    if (current.status().code() == absl::StatusCode::kNotFound) {
      return InvalidField("etag", "there is no plan to revise: send no etag to record one");
    }
    if (!current.ok()) return current.status();
    LE_RETURN_IF_ERROR(app::CheckEtag("etag", expected, current->version));
    p.record_time = current->record_time;
  }
  LE_RETURN_IF_ERROR(
      store_->PutPlan(p, expected.value_or(0),
                      app::AuditOf(who, expected.has_value() ? "plan.revise" : "plan.record",
                                   absl::StrCat("plans/", division_code, "/", year), now)));
  return store_->GetPlan(division_code, year);
}

absl::StatusOr<SupervisionPlan> Notices::GetPlan(const auth::Principal& who,
                                                 const std::string& division_code, int year) {
  constexpr absl::string_view kAction = "read this division's supervision plan";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReaders, kAction));
  LE_RETURN_IF_ERROR(ValidateYear("year", year));
  if (division_code.empty()) return InvalidField("division_code", "required");
  LE_RETURN_IF_ERROR(d_.divisions->Validate("division_code", division_code).status());
  // A plan is read like a notice: in its division's subtree and above it.
  if (!NoticeReadable(*d_.divisions, division_code, who.division_code)) {
    return PermissionDenied(kAction);
  }
  absl::StatusOr<SupervisionPlan> p = store_->GetPlan(division_code, year);
  if (p.status().code() == absl::StatusCode::kNotFound) {
    return d_.authorizer->RecordNotFound(who, "supervision plan", kAction);
  }
  return p;
}

absl::StatusOr<PlanStatusReport> Notices::PlanStatus(const auth::Principal& who,
                                                     const std::string& division_code, int year) {
  constexpr absl::string_view kAction = "read supervision plans of this division";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kPlanReaders, kAction));
  LE_RETURN_IF_ERROR(ValidateYear("year", year));
  LE_ASSIGN_OR_RETURN(std::string scope,
                      d_.authorizer->ScopeForList(who, "division_code", division_code, kAction));
  LE_ASSIGN_OR_RETURN(std::vector<SupervisionPlan> plans, store_->PlansOf(year));
  std::map<std::string, SupervisionPlan> by_division;
  for (SupervisionPlan& p : plans) by_division.emplace(p.division_code, std::move(p));
  PlanStatusReport out;
  out.division_code = scope;
  out.year = year;
  out.due = PlanDue(year);
  out.entries = supervision::PlanStatus(*d_.divisions, scope, year, by_division, d_.clock->Now());
  for (const PlanStatusEntry& e : out.entries) {
    if (e.state == PlanState::kOverdue) ++out.overdue;
  }
  return out;
}

}  // namespace lawenforce::supervision
