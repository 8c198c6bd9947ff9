#include "services/case/app/cases.h"

#include <algorithm>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/idnumber/id_number.h"
#include "common/status/errors.h"
#include "common/status/macros.h"

namespace lawenforce::cases {
namespace {

using auth::Role;

constexpr char kIdNumberContext[] = "case_parties.id_number";
constexpr char kIdIndexContext[] = "party_id_number";

std::string TimeText(absl::Time t) {
  return absl::FormatTime(absl::RFC3339_sec, t, ChinaTimeZone());
}

// The draw of a filing from the finding `ref` of `c`'s agency (docs/api/
// cases.md "Random inspections"), with the target naming `c`.
absl::StatusOr<DrawLink> LinkFinding(InspectionStore& store, const Case& c,
                                     const InspectionRef& ref) {
  absl::StatusOr<InspectionDraw> draw = store.GetDraw(ref.draw_id);
  if (draw.status().code() == absl::StatusCode::kNotFound ||
      (draw.ok() && draw->agency_id != c.agency_id)) {
    return InvalidField("case.inspection.draw_id", "not a draw of the agency's plans");
  }
  LE_RETURN_IF_ERROR(draw.status());
  const bool party = std::any_of(c.parties.begin(), c.parties.end(), [&](const Party& p) {
    return p.kind == PartyKind::kEnterprise && p.credit_code == ref.credit_code;
  });
  if (!party) {
    return InvalidField("case.inspection.credit_code",
                        "no enterprise party of the case has this credit code");
  }
  DrawLink link;
  for (InspectionTarget& t : draw->targets) {
    if (t.enterprise.credit_code != ref.credit_code) continue;
    if (!t.result.has_value()) {
      return absl::FailedPreconditionError(
          absl::StrCat("case.inspection: no result is recorded for ", ref.credit_code));
    }
    if (t.result->outcome != InspectionOutcome::kFinding) {
      return absl::FailedPreconditionError(
          absl::StrCat("case.inspection: the inspection of ", ref.credit_code, " found ",
                       InspectionOutcomeName(t.result->outcome), ", not a finding"));
    }
    link.already_filed = t.case_id;
    if (t.case_id.empty()) t.case_id = c.id;
    link.expected_version = draw->version;
    link.after = *std::move(draw);
    return link;
  }
  return InvalidField("case.inspection.credit_code", "not a target of the draw");
}

}  // namespace

auth::RoleSet CaseReaders() { return auth::RoleSet::All(); }
auth::RoleSet CaseFilers() { return {Role::kOfficer, Role::kAgencyAdmin, Role::kSystem}; }

auth::RoleSet RolesFor(CaseEvent e) {
  switch (e) {
    case CaseEvent::kApproveReview:
    case CaseEvent::kReturnReview:
      return {Role::kLegalReviewer};
    case CaseEvent::kApproveTransfer:
    case CaseEvent::kDeclineTransfer:
    case CaseEvent::kExtendClock:
    case CaseEvent::kWithdraw:
    case CaseEvent::kReplaceOfficers:
      return {Role::kAgencyAdmin, Role::kSystem};
    default:
      return {Role::kOfficer, Role::kAgencyAdmin, Role::kSystem};
  }
}

absl::StatusOr<Party> Cases::Protect(const PartyInput& in, size_t i, absl::Time now) const {
  const std::string field = absl::StrCat("case.parties[", i, "]");
  Party p;
  p.kind = in.kind;
  p.name = in.name;
  if (in.kind == PartyKind::kEnterprise) {
    LE_RETURN_IF_ERROR(idnumber::ValidateCreditCode(field + ".credit_code", in.credit_code));
    if (!in.id_number.empty()) {
      return InvalidField(field + ".id_number", "an enterprise party has a credit code instead");
    }
    p.credit_code = idnumber::NormalizeCreditCode(in.credit_code);
    return p;
  }
  if (in.kind != PartyKind::kIndividual) {
    return InvalidField(field + ".kind", "required: INDIVIDUAL or ENTERPRISE");
  }
  if (!in.credit_code.empty()) {
    return InvalidField(field + ".credit_code", "an individual party has an identity-card number");
  }
  LE_RETURN_IF_ERROR(idnumber::ValidateIdNumber(field + ".id_number", in.id_number,
                                                absl::ToCivilDay(now, ChinaTimeZone())));
  const std::string number = idnumber::NormalizeIdNumber(in.id_number);
  LE_ASSIGN_OR_RETURN(std::string sealed, d_.pii->Encrypt(number, kIdNumberContext));
  p.id_number.ciphertext = absl::BytesToHexString(sealed);
  p.id_number.blind_index = d_.pii->BlindIndex(number, kIdIndexContext);
  p.id_number.masked = idnumber::MaskIdNumber(number);
  return p;
}

absl::StatusOr<std::vector<ActOfficer>> Cases::RequireEligible(absl::string_view field,
                                                               const std::vector<std::string>& ids,
                                                               const std::string& domain,
                                                               const std::string& agency_id,
                                                               absl::Time at) const {
  LE_ASSIGN_OR_RETURN(std::vector<OfficerVerdict> verdicts,
                      d_.officers->CheckEligibility(ids, domain, at));
  std::vector<ActOfficer> out;
  int eligible = 0;
  std::string first_refusal;
  for (size_t i = 0; i < verdicts.size() && i < ids.size(); ++i) {
    const OfficerVerdict& v = verdicts[i];
    if (v.eligible && !v.agency_id.empty() && v.agency_id != agency_id) {
      if (first_refusal.empty()) {
        first_refusal =
            absl::StrCat(field, "[", i, "]: officer ", ids[i], " served agency ", v.agency_id,
                         " at ", TimeText(at), ", not the case's agency ", agency_id);
      }
    } else if (v.eligible) {
      ++eligible;
      out.push_back({ids[i], v.certificate_id});
    } else if (first_refusal.empty()) {
      first_refusal = absl::StrCat(field, "[", i, "]: officer ", ids[i], " may not enforce in ",
                                   domain, " at ", TimeText(at), ": ", v.reason,
                                   v.detail.empty() ? "" : absl::StrCat(" (", v.detail, ")"));
    }
  }
  if (!first_refusal.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat(first_refusal, "; ", eligible, " of ", ids.size(), " officers eligible",
                     eligible < 2 ? ", at least two are needed (APL art. 42)" : ""));
  }
  return out;
}

absl::StatusOr<ActOfficer> Cases::RequireReviewer(const Case& c, const std::string& officer_id,
                                                  absl::Time at) const {
  auto refuse = [&](absl::string_view why) {
    return absl::FailedPreconditionError(
        absl::StrCat("reviewer_officer_id: officer ", officer_id, " ", why));
  };
  absl::StatusOr<OfficerInfo> reviewer = d_.officers->GetOfficer(officer_id);
  if (reviewer.status().code() == absl::StatusCode::kNotFound) {
    return refuse("is not an officer known to personnel-service");
  }
  LE_RETURN_IF_ERROR(reviewer.status());
  if (!reviewer->legal_reviewer) return refuse("does not hold the legal-reviewer role");
  LE_ASSIGN_OR_RETURN(std::vector<OfficerVerdict> verdicts,
                      d_.officers->CheckEligibility({officer_id}, c.domain, at));
  const OfficerVerdict v = verdicts.empty() ? OfficerVerdict{} : verdicts[0];
  // The review is the agency's own legal review (APL art. 58): its
  // reviewer is one of the agency's officers at the moment (the agency
  // personnel-service says they served then; else their agency now).
  const std::string& served = v.agency_id.empty() ? reviewer->agency_id : v.agency_id;
  if (served != c.agency_id) return refuse("is not an officer of the case's agency");
  if (!v.eligible) {
    return refuse(absl::StrCat("may not act in ", c.domain, " at ", TimeText(at), ": ",
                               v.reason.empty() ? "no verdict" : v.reason,
                               v.detail.empty() ? "" : absl::StrCat(" (", v.detail, ")")));
  }
  return ActOfficer{officer_id, v.certificate_id};
}

absl::StatusOr<StepContext> Cases::ContextFor(const std::string& item_id, EnforcementItem& item,
                                              std::vector<BenchmarkVersion>& benchmarks) const {
  LE_ASSIGN_OR_RETURN(item, d_.store->GetItem(item_id));
  LE_ASSIGN_OR_RETURN(benchmarks, d_.store->ListBenchmarks(item_id));
  return StepContext{d_.calendar, d_.policy, &item.versions, &benchmarks};
}

absl::StatusOr<CaseBundle> Cases::File(const auth::Principal& who, absl::StatusOr<CaseDraft> input,
                                       const app::CreateOptions& options) {
  constexpr absl::string_view kAction = "file cases for this agency";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, CaseFilers(), kAction));
  LE_ASSIGN_OR_RETURN(CaseDraft draft, std::move(input));
  const absl::Time now = d_.clock->Now();
  std::vector<std::string> indexes;
  LE_ASSIGN_OR_RETURN(CaseWrite w, PrepareFiling(who, std::move(draft), now, kAction, indexes));
  // The request digest left the identity-card numbers out (api/); their
  // blind indexes stand for them, and the stored hash is keyed (KeyFor),
  // so the idempotency record confirms nothing to a reader of the store.
  LE_ASSIGN_OR_RETURN(std::optional<store::IdempotencyKey> key,
                      app::KeyFor("FileCase", who, options, *d_.pii, absl::StrJoin(indexes, ",")));
  w.audit = app::AuditOf(who, "case.file", w.after.id, now, w.after.item_code);
  LE_ASSIGN_OR_RETURN(store::Created created, d_.store->FileCase(w, key));
  return d_.store->GetCase(created.id);
}

absl::StatusOr<CaseWrite> Cases::PrepareFiling(const auth::Principal& who, CaseDraft draft,
                                               absl::Time at, absl::string_view action,
                                               std::vector<std::string>& indexes) const {
  Case c;
  c.agency_id = draft.agency_id;
  c.item_id = draft.item_id;
  c.facts = draft.facts;
  c.violation_time = draft.violation_time;
  c.endangers_safety = draft.endangers_safety;
  c.first_violation = draft.first_violation;
  c.officer_ids = draft.officer_ids;
  c.filed_at = at;
  c.filed_by = who.subject;
  for (const PartyInput& p : draft.parties) c.parties.push_back(Party{p.kind, p.name, "", {}});
  LE_RETURN_IF_ERROR(ValidateNewCase(c, at));
  if (draft.inspection.has_value()) {
    LE_RETURN_IF_ERROR(ValidateId("case.inspection.draw_id", draft.inspection->draw_id));
    LE_RETURN_IF_ERROR(
        idnumber::ValidateCreditCode("case.inspection.credit_code", draft.inspection->credit_code));
    c.inspection = InspectionRef{draft.inspection->draw_id,
                                 idnumber::NormalizeCreditCode(draft.inspection->credit_code)};
  }
  indexes.clear();
  for (size_t i = 0; i < draft.parties.size(); ++i) {
    LE_ASSIGN_OR_RETURN(c.parties[i], Protect(draft.parties[i], i, at));
    indexes.push_back(c.parties[i].id_number.blind_index);
  }
  absl::StatusOr<AgencyInfo> agency = d_.agencies->GetAgency(c.agency_id);
  if (agency.status().code() == absl::StatusCode::kNotFound) {
    return d_.authorizer->RecordNotFound(who, "agency", action);
  }
  if (!agency.ok()) return agency.status();
  LE_RETURN_IF_ERROR(d_.authorizer->RequireWithin(who, agency->division_code, action));
  LE_RETURN_IF_ERROR(d_.authorizer->RequireAgency(who, agency->id, action));
  EnforcementItem item;
  std::vector<BenchmarkVersion> benchmarks;
  absl::StatusOr<StepContext> ctx = ContextFor(c.item_id, item, benchmarks);
  if (ctx.status().code() == absl::StatusCode::kNotFound || item.agency_id != c.agency_id) {
    return InvalidField("case.item_id", "not an item of the agency's catalogue");
  }
  LE_RETURN_IF_ERROR(ctx.status());
  if (item.kind != ItemKind::kPenalty && item.kind != ItemKind::kCoercion) {
    return InvalidField("case.item_id", "cases are filed under penalty or coercion items");
  }
  c.id = d_.ids->NewId();
  c.division_code = agency->division_code;
  std::optional<DrawLink> link;
  if (c.inspection.has_value()) {
    LE_ASSIGN_OR_RETURN(link, LinkFinding(*d_.store, c, *c.inspection));
  }
  LE_ASSIGN_OR_RETURN(StepResult filed, FileNew(std::move(c), item, *ctx));
  LE_ASSIGN_OR_RETURN(std::vector<ActOfficer> officers,
                      RequireEligible("case.officer_ids", filed.after.officer_ids, item.domain,
                                      filed.after.agency_id, at));
  CaseWrite w;
  w.after = filed.after;
  w.clocks = filed.changed_clocks;
  w.entry = filed.entry;
  w.officers = std::move(officers);
  w.event_type = filed.event_type;
  w.draw_link = std::move(link);
  return w;
}

absl::StatusOr<CaseBundle> Cases::Load(const auth::Principal& who, const std::string& id,
                                       absl::string_view action) const {
  LE_RETURN_IF_ERROR(ValidateId("id", id));
  absl::StatusOr<CaseBundle> b = d_.store->GetCase(id);
  if (b.status().code() == absl::StatusCode::kNotFound) {
    return d_.authorizer->RecordNotFound(who, "case", action);
  }
  LE_RETURN_IF_ERROR(b.status());
  LE_RETURN_IF_ERROR(d_.authorizer->RequireWithin(who, b->c.division_code, action));
  CaseClocks clocks(b->clocks, *d_.calendar, *d_.policy);
  b->c.overdue = clocks.AnyOverdue(d_.clock->Now());
  return b;
}

absl::StatusOr<CaseBundle> Cases::Get(const auth::Principal& who, const std::string& id) {
  constexpr absl::string_view kAction = "read this case";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, CaseReaders(), kAction));
  return Load(who, id, kAction);
}

absl::StatusOr<app::Page<Case>> Cases::List(const auth::Principal& who, const CaseQuery& q,
                                            const app::PageQuery& page) {
  constexpr absl::string_view kAction = "list cases of this division";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, CaseReaders(), kAction));
  LE_ASSIGN_OR_RETURN(std::string scope,
                      d_.authorizer->ScopeForList(who, "division_code", q.division_code, kAction));
  if (!q.agency_id.empty()) LE_RETURN_IF_ERROR(ValidateId("agency_id", q.agency_id));
  if (!q.item_id.empty()) LE_RETURN_IF_ERROR(ValidateId("item_id", q.item_id));
  if (!q.officer_id.empty()) LE_RETURN_IF_ERROR(ValidateId("officer_id", q.officer_id));
  CaseFilter f;
  f.division_prefix = Divisions::SubtreePrefix(scope);
  f.agency_id = q.agency_id;
  f.state = q.state;
  f.item_id = q.item_id;
  f.officer_id = q.officer_id;
  f.overdue = q.overdue;
  f.enterprise_party = q.enterprise_party;
  f.filed_from = q.filed_from;
  f.filed_to = q.filed_to;
  f.decided_from = q.decided_from;
  f.decided_to = q.decided_to;
  f.now = d_.clock->Now();
  auto opt = [](const auto& v) {
    return v.has_value() ? absl::StrCat(static_cast<int64_t>(*v)) : "";
  };
  auto time = [](const std::optional<absl::Time>& t) {
    return t.has_value() ? absl::StrCat(absl::ToUnixMicros(*t)) : "";
  };
  const std::string filter = absl::StrCat(
      "cases|", scope, "|", q.agency_id, "|", opt(q.state), "|", q.item_id, "|", q.officer_id, "|",
      opt(q.overdue), "|", opt(q.enterprise_party), "|", time(q.filed_from), "|", time(q.filed_to),
      "|", time(q.decided_from), "|", time(q.decided_to));
  // The store reads `overdue` at f.now with the page (no read per case).
  return app::ListPage<Case>(page, filter, *d_.pii, [&](const store::PageRequest& r) {
    return d_.store->ListCases(f, r);
  });
}

absl::StatusOr<CaseBundle> Cases::Apply(const auth::Principal& who, const std::string& id,
                                        const std::string& etag, absl::StatusOr<Act> input) {
  const CaseEvent event = input.ok() ? input->event : CaseEvent::kStartInvestigation;
  const std::string action = absl::StrCat(CaseEventName(event), " in this case");
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, RolesFor(event), action));
  LE_ASSIGN_OR_RETURN(Act act, std::move(input));
  LE_ASSIGN_OR_RETURN(std::optional<int64_t> expected, app::ParseEtag("etag", etag));
  LE_ASSIGN_OR_RETURN(CaseBundle b, Load(who, id, action));
  LE_RETURN_IF_ERROR(d_.authorizer->RequireAgency(who, b.c.agency_id, action));
  LE_RETURN_IF_ERROR(app::CheckEtag("etag", expected, b.c.version));
  const absl::Time now = d_.clock->Now();
  act.actor = who.subject;
  act.now = now;
  EnforcementItem item;
  std::vector<BenchmarkVersion> benchmarks;
  LE_ASSIGN_OR_RETURN(StepContext ctx, ContextFor(b.c.item_id, item, benchmarks));
  LE_ASSIGN_OR_RETURN(CaseWrite w, PrepareAct(b, std::move(act), ctx));
  w.audit = app::AuditOf(who, absl::StrCat("case.", CaseEventName(event)), id, now,
                         CaseStateName(w.after.state));
  LE_RETURN_IF_ERROR(d_.store->ApplyAct(w));
  return Load(who, id, action);
}

absl::StatusOr<CaseWrite> Cases::PrepareAct(const CaseBundle& b, Act act,
                                            const StepContext& ctx) const {
  // The officers acting: by default every handling officer.
  const int needed = OfficersNeeded(act.event);
  if (needed == 0) {
    act.officer_ids.clear();
  } else if (act.officer_ids.empty()) {
    act.officer_ids = b.c.officer_ids;
  }
  for (size_t i = 0; i < act.officer_ids.size(); ++i) {
    LE_RETURN_IF_ERROR(ValidateId(absl::StrCat("officer_ids[", i, "]"), act.officer_ids[i]));
    if (!IsHandlingOfficer(b.c, act.officer_ids[i])) {
      return InvalidField(absl::StrCat("officer_ids[", i, "]"),
                          "not a handling officer of the case");
    }
  }
  if (static_cast<int>(act.officer_ids.size()) < needed) {
    return InvalidField("officer_ids", absl::StrCat("this act needs ", needed, " officers"));
  }
  LE_ASSIGN_OR_RETURN(StepResult step, Step(b.c, b.clocks, act, ctx));
  std::vector<ActOfficer> officers;
  if (act.event == CaseEvent::kApproveReview || act.event == CaseEvent::kReturnReview) {
    LE_ASSIGN_OR_RETURN(ActOfficer reviewer,
                        RequireReviewer(b.c, act.reviewer_officer_id, act.now));
    officers.push_back(std::move(reviewer));
  }
  if (!act.officer_ids.empty()) {
    LE_ASSIGN_OR_RETURN(
        std::vector<ActOfficer> acting,
        RequireEligible("officer_ids", act.officer_ids, b.c.domain, b.c.agency_id, act.now));
    officers.insert(officers.end(), acting.begin(), acting.end());
  }
  if (act.event == CaseEvent::kReplaceOfficers) {
    LE_ASSIGN_OR_RETURN(officers, RequireEligible("new_officer_ids", act.new_officer_ids,
                                                  b.c.domain, b.c.agency_id, act.now));
  }
  CaseWrite w;
  w.after = step.after;
  w.expected_version = b.c.version;
  w.clocks = step.changed_clocks;
  w.entry = step.entry;
  w.officers = std::move(officers);
  w.event_type = step.event_type;
  return w;
}

}  // namespace lawenforce::cases
