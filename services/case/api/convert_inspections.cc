// Protobuf <-> domain for random inspections (domain/inspection.h).

#include "common/app/use_case.h"
#include "common/protoconv/protoconv.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/case/api/convert.h"

namespace lawenforce::cases::api {
namespace {

using protoconv::ToTimestamp;

v1::Enterprise ToProto(const Enterprise& e) {
  v1::Enterprise out;
  out.set_credit_code(e.credit_code);
  out.set_name(e.name);
  return out;
}

}  // namespace

v1::InspectionPlan ToProto(const InspectionPlan& p, bool with_lists) {
  v1::InspectionPlan out;
  out.set_id(p.id);
  out.set_agency_id(p.agency_id);
  out.set_division_code(p.division_code);
  out.set_item_id(p.item_id);
  out.set_domain(p.domain);
  out.set_name(p.name);
  *out.mutable_period_start() = ToTimestamp(p.period_start);
  *out.mutable_period_end() = ToTimestamp(p.period_end);
  if (with_lists) {
    for (const Enterprise& e : p.enterprises) *out.add_enterprises() = ToProto(e);
    for (const std::string& id : p.inspector_ids) out.add_inspector_ids(id);
  }
  out.set_enterprise_count(static_cast<int32_t>(p.enterprises.size()));
  out.set_inspector_count(static_cast<int32_t>(p.inspector_ids.size()));
  out.set_targets_per_draw(p.targets_per_draw);
  out.set_inspectors_per_target(p.inspectors_per_target);
  out.set_created_by(p.created_by);
  *out.mutable_create_time() = ToTimestamp(p.create_time);
  out.set_etag(app::Etag(p.version));
  return out;
}

absl::StatusOr<InspectionPlan> PlanFromProto(const v1::InspectionPlan& p) {
  InspectionPlan out;
  out.agency_id = p.agency_id();
  out.item_id = p.item_id();
  out.name = p.name();
  if (p.has_period_start()) {
    LE_ASSIGN_OR_RETURN(out.period_start,
                        protoconv::FromTimestamp("plan.period_start", p.period_start()));
  }
  if (p.has_period_end()) {
    LE_ASSIGN_OR_RETURN(out.period_end,
                        protoconv::FromTimestamp("plan.period_end", p.period_end()));
  }
  for (const v1::Enterprise& e : p.enterprises()) {
    out.enterprises.push_back({e.credit_code(), e.name()});
  }
  out.inspector_ids.assign(p.inspector_ids().begin(), p.inspector_ids().end());
  out.targets_per_draw = p.targets_per_draw();
  out.inspectors_per_target = p.inspectors_per_target();
  return out;
}

v1::InspectionDraw ToProto(const InspectionDraw& d, bool with_lists) {
  v1::InspectionDraw out;
  out.set_id(d.id);
  out.set_plan_id(d.plan_id);
  out.set_agency_id(d.agency_id);
  out.set_division_code(d.division_code);
  out.set_item_id(d.item_id);
  out.set_domain(d.domain);
  out.set_seed(d.seed);
  out.set_seed_chosen(d.seed_chosen);
  out.set_algorithm(kDrawAlgorithm);
  if (with_lists) {
    for (const std::string& c : d.enterprise_candidates) out.add_enterprise_candidates(c);
    for (const std::string& c : d.inspector_candidates) out.add_inspector_candidates(c);
  }
  for (const std::string& c : d.enterprises_whitelisted) out.add_enterprises_whitelisted(c);
  for (const ExcludedInspector& x : d.inspectors_excluded) {
    v1::ExcludedInspector* e = out.add_inspectors_excluded();
    e->set_officer_id(x.officer_id);
    e->set_reason(x.reason);
  }
  for (const InspectionTarget& t : d.targets) {
    v1::InspectionTarget* pt = out.add_targets();
    *pt->mutable_enterprise() = ToProto(t.enterprise);
    for (const std::string& id : t.inspector_ids) pt->add_inspector_ids(id);
    pt->set_case_id(t.case_id);
    if (t.result.has_value()) {
      v1::InspectionResult* r = pt->mutable_result();
      r->set_outcome(static_cast<v1::InspectionOutcome>(t.result->outcome));
      r->set_summary(t.result->summary);
      r->set_recorded_by(t.result->recorded_by);
      *r->mutable_record_time() = ToTimestamp(t.result->record_time);
    }
  }
  out.set_drawn_by(d.drawn_by);
  *out.mutable_draw_time() = ToTimestamp(d.draw_time);
  out.set_etag(app::Etag(d.version));
  return out;
}

absl::StatusOr<std::optional<InspectionOutcome>> OutcomeFromProto(v1::InspectionOutcome o) {
  if (o == v1::INSPECTION_OUTCOME_UNSPECIFIED) return std::nullopt;
  if (!v1::InspectionOutcome_IsValid(o)) {
    return InvalidField("outcome", "must be NO_ISSUE, FINDING or NOT_INSPECTED");
  }
  return static_cast<InspectionOutcome>(o);
}

v1::InspectionCap ToProto(const VisitCap& c) {
  v1::InspectionCap out;
  out.set_agency_id(c.agency_id);
  out.set_division_code(c.division_code);
  out.set_year(c.year);
  out.set_max_visits(c.max_visits);
  out.set_basis(c.basis);
  out.set_set_by(c.set_by);
  *out.mutable_set_time() = ToTimestamp(c.set_time);
  return out;
}

VisitCap CapFromProto(const v1::InspectionCap& p) {
  VisitCap c;
  c.agency_id = p.agency_id();
  c.year = p.year();
  c.max_visits = p.max_visits();
  c.basis = p.basis();
  return c;
}

v1::InspectionVisit ToProto(const InspectionVisit& v) {
  v1::InspectionVisit out;
  out.set_id(v.id);
  *out.mutable_enterprise() = ToProto(v.enterprise);
  for (const VisitPart& p : v.parts) {
    v1::VisitPart* part = out.add_parts();
    part->set_agency_id(p.agency_id);
    part->set_item_id(p.item_id);
    part->set_division_code(p.division_code);
  }
  for (const std::string& id : v.officer_ids) out.add_officer_ids(id);
  out.set_basis(static_cast<v1::VisitBasis>(v.basis));
  out.set_basis_ref(v.basis_ref);
  out.set_summary(v.summary);
  *out.mutable_visit_time() = ToTimestamp(v.visit_time);
  out.set_recorded_by(v.recorded_by);
  out.set_division_code(v.division_code);
  out.set_year(v.year);
  out.set_beyond_cap(v.beyond_cap);
  out.set_warning_id(v.warning_id);
  if (v.record_time != absl::InfinitePast())
    *out.mutable_record_time() = ToTimestamp(v.record_time);
  if (v.source.has_value()) *out.mutable_source() = ToProto(*v.source);
  return out;
}

v1::ImportSource ToProto(const ImportSource& s) {
  v1::ImportSource out;
  out.set_source_system(s.system);
  out.set_source_id(s.id);
  *out.mutable_first_import_time() = ToTimestamp(s.first_import_time);
  *out.mutable_last_import_time() = ToTimestamp(s.last_import_time);
  return out;
}

ImportedVisitInput ImportedVisitFromProto(const v1::ImportedVisit& p) {
  ImportedVisitInput in;
  in.source_id = p.source_id();
  in.visit = VisitFromProto(p.visit());
  if (in.visit.ok() && p.visit().has_visit_time()) {
    absl::StatusOr<absl::Time> at =
        protoconv::FromTimestamp("visit.visit_time", p.visit().visit_time());
    if (at.ok()) {
      in.visit->visit_time = *at;
    } else {
      in.visit = at.status();
    }
  }
  // The visit's input fields only (output fields do not make it differ).
  v1::InspectionVisit canonical;
  *canonical.mutable_enterprise() = p.visit().enterprise();
  for (const v1::VisitPart& part : p.visit().parts()) {
    v1::VisitPart* c = canonical.add_parts();
    c->set_agency_id(part.agency_id());
    c->set_item_id(part.item_id());
  }
  *canonical.mutable_officer_ids() = p.visit().officer_ids();
  canonical.set_basis(p.visit().basis());
  canonical.set_basis_ref(p.visit().basis_ref());
  canonical.set_summary(p.visit().summary());
  if (p.visit().has_visit_time()) *canonical.mutable_visit_time() = p.visit().visit_time();
  in.canonical = protoconv::CanonicalBytes(canonical);
  return in;
}

absl::StatusOr<InspectionVisit> VisitFromProto(const v1::InspectionVisit& p) {
  if (p.basis() == v1::VISIT_BASIS_UNSPECIFIED || !v1::VisitBasis_IsValid(p.basis())) {
    return InvalidField("visit.basis", "required: DRAW, COMPLAINT, CLUE or PLAN");
  }
  InspectionVisit v;
  v.enterprise = {p.enterprise().credit_code(), p.enterprise().name()};
  for (const v1::VisitPart& part : p.parts())
    v.parts.push_back({part.agency_id(), part.item_id(), ""});
  v.officer_ids.assign(p.officer_ids().begin(), p.officer_ids().end());
  v.basis = static_cast<VisitBasis>(p.basis());
  v.basis_ref = p.basis_ref();
  v.summary = p.summary();
  return v;
}

v1::WhitelistEntry ToProto(const WhitelistEntry& e) {
  v1::WhitelistEntry out;
  out.set_id(e.id);
  out.set_agency_id(e.agency_id);
  out.set_division_code(e.division_code);
  *out.mutable_enterprise() = ToProto(e.enterprise);
  *out.mutable_start_time() = ToTimestamp(e.start);
  *out.mutable_end_time() = ToTimestamp(e.end);
  out.set_reason(e.reason);
  out.set_added_by(e.added_by);
  *out.mutable_add_time() = ToTimestamp(e.add_time);
  return out;
}

absl::StatusOr<WhitelistEntry> WhitelistFromProto(const v1::WhitelistEntry& p) {
  WhitelistEntry e;
  e.agency_id = p.agency_id();
  e.enterprise = {p.enterprise().credit_code(), p.enterprise().name()};
  if (p.has_start_time()) {
    LE_ASSIGN_OR_RETURN(e.start, protoconv::FromTimestamp("entry.start_time", p.start_time()));
  }
  if (p.has_end_time()) {
    LE_ASSIGN_OR_RETURN(e.end, protoconv::FromTimestamp("entry.end_time", p.end_time()));
  }
  e.reason = p.reason();
  return e;
}

v1::InspectionWarning ToProto(const InspectionWarning& w) {
  v1::InspectionWarning out;
  out.set_id(w.id);
  out.set_credit_code(w.credit_code);
  out.set_enterprise_name(w.enterprise_name);
  out.set_division_code(w.division_code);
  out.set_visit_id(w.visit_id);
  for (const std::string& id : w.visit_ids) out.add_visit_ids(id);
  for (const std::string& id : w.agency_ids) out.add_agency_ids(id);
  out.set_count(w.count);
  out.set_window_seconds(absl::ToInt64Seconds(w.window));
  *out.mutable_raise_time() = ToTimestamp(w.raise_time);
  return out;
}

}  // namespace lawenforce::cases::api
