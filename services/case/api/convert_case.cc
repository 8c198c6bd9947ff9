#include "absl/strings/str_cat.h"
#include "common/app/use_case.h"
#include "common/protoconv/protoconv.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/case/api/convert.h"

namespace lawenforce::cases::api {
namespace {

using google::protobuf::Timestamp;

// Sets the field only when there is a time: an unset optional stays unset
// in the message (never the 1970 epoch). `mutable_field` is called only then.
template <typename MutableField>
void SetTime(const std::optional<absl::Time>& t, MutableField mutable_field) {
  if (t.has_value()) *mutable_field() = protoconv::ToTimestamp(*t);
}

v1::Decision ToProto(const Decision& d) {
  v1::Decision p;
  p.set_outcome(static_cast<v1::Outcome>(d.outcome));
  p.set_circumstance(d.sanction.circumstance);
  for (PenaltyKind k : d.sanction.kinds) p.add_penalty_kinds(static_cast<v1::PenaltyKind>(k));
  p.set_fine_fen(d.sanction.fine_fen);
  p.set_reason(d.reason);
  p.set_outside_benchmark(d.outside_benchmark);
  p.set_item_version(d.item_version);
  p.set_benchmark_version(d.benchmark_version);
  p.set_later_rule_lighter(d.later_rule_lighter);
  p.set_rules_explanation(d.rules_explanation);
  p.set_publish(d.publish);
  *p.mutable_decide_time() = protoconv::ToTimestamp(d.time);
  return p;
}

v1::CaseClock ToProto(const StatutoryClock& c) {
  v1::CaseClock p;
  p.set_clock(static_cast<v1::ClockKind>(c.kind));
  p.set_state(static_cast<v1::ClockState>(c.state));
  *p.mutable_start_time() = protoconv::ToTimestamp(c.start);
  p.set_start_event(c.start_event);
  SetTime(c.due, [&] { return p.mutable_due_time(); });
  p.set_provisional(c.provisional);
  SetTime(c.ended_at, [&] { return p.mutable_end_time(); });
  p.set_on_time(c.on_time);
  return p;
}

}  // namespace

v1::Case ToProto(const Case& c, const Divisions& divisions) {
  v1::Case p;
  p.set_id(c.id);
  p.set_agency_id(c.agency_id);
  p.set_division_code(c.division_code);
  p.set_tier(protoconv::TierOf(divisions, c.division_code));
  p.set_item_id(c.item_id);
  p.set_item_code(c.item_code);
  p.set_kind(static_cast<v1::ItemKind>(c.kind));
  p.set_domain(c.domain);
  p.set_state(static_cast<v1::CaseState>(c.state));
  for (const Party& party : c.parties) {
    v1::Party* out = p.add_parties();
    out->set_kind(static_cast<v1::PartyKind>(party.kind));
    out->set_name(party.name);
    out->set_credit_code(party.credit_code);
    out->set_id_number_masked(party.id_number.masked);
  }
  p.set_facts(c.facts);
  *p.mutable_violation_time() = protoconv::ToTimestamp(c.violation_time);
  p.set_endangers_safety(c.endangers_safety);
  p.set_first_violation(c.first_violation);
  for (const std::string& o : c.officer_ids) p.add_officer_ids(o);
  *p.mutable_file_time() = protoconv::ToTimestamp(c.filed_at);
  p.set_filed_by(c.filed_by);
  p.set_item_version_at_filing(c.item_version_at_filing);
  if (c.inspection.has_value()) {
    p.mutable_inspection()->set_draw_id(c.inspection->draw_id);
    p.mutable_inspection()->set_credit_code(c.inspection->credit_code);
  }
  if (c.source.has_value()) *p.mutable_source() = ToProto(*c.source);
  for (const std::string& r : ReviewReasons(c)) p.add_review_reasons(r);
  if (c.proposal.has_value()) *p.mutable_proposal() = ToProto(*c.proposal);
  if (c.review.has_value()) {
    v1::LegalReview* r = p.mutable_legal_review();
    r->set_reviewer_officer_id(c.review->reviewer_officer_id);
    r->set_reviewer(c.review->reviewer_subject);
    r->set_outcome(static_cast<v1::ReviewOutcome>(c.review->outcome));
    r->set_opinion(c.review->opinion);
    *r->mutable_time() = protoconv::ToTimestamp(c.review->time);
    *r->mutable_proposal() = ToProto(c.review->proposal);
  }
  SetTime(c.notified_at, [&] { return p.mutable_notify_time(); });
  p.set_hearing_requested(c.hearing_requested);
  SetTime(c.hearing_at, [&] { return p.mutable_hearing_time(); });
  if (c.decision.has_value()) *p.mutable_decision() = ToProto(*c.decision);
  SetTime(c.served_at, [&] { return p.mutable_serve_time(); });
  SetTime(c.published_at, [&] { return p.mutable_publish_time(); });
  SetTime(c.publication_withdrawn_at, [&] { return p.mutable_publication_withdraw_time(); });
  p.set_decision_changed(c.decision_changed);
  SetTime(c.executed_at, [&] { return p.mutable_execute_time(); });
  if (c.transfer.has_value()) {
    v1::Transfer* t = p.mutable_transfer();
    t->set_recipient(static_cast<v1::TransferRecipient>(c.transfer->recipient));
    t->set_recipient_name(c.transfer->recipient_name);
    t->set_reason(c.transfer->reason);
    *t->mutable_report_time() = protoconv::ToTimestamp(c.transfer->reported_at);
    SetTime(c.transfer->approved_at, [&] { return t->mutable_approve_time(); });
    t->set_approved_by(c.transfer->approved_by);
    SetTime(c.transfer->handed_over_at, [&] { return t->mutable_hand_over_time(); });
    SetTime(c.transfer->receipt_at, [&] { return t->mutable_receipt_time(); });
    t->set_receipt_number(c.transfer->receipt_number);
  }
  p.set_end_reason(c.end_reason);
  SetTime(c.closed_at, [&] { return p.mutable_close_time(); });
  p.set_coercion_active(c.coercion_active);
  p.set_overdue(c.overdue);
  p.set_record_length(c.record_length);
  p.set_record_head(c.record_head);
  *p.mutable_update_time() = protoconv::ToTimestamp(c.update_time);
  p.set_etag(app::Etag(c.version));
  return p;
}

v1::Case ToProto(const CaseBundle& b, const Divisions& divisions) {
  v1::Case p = ToProto(b.c, divisions);
  for (const StatutoryClock& c : b.clocks) *p.add_clocks() = ToProto(c);
  return p;
}

absl::StatusOr<CaseDraft> DraftFromProto(const v1::Case& p) {
  CaseDraft d;
  d.agency_id = p.agency_id();
  d.item_id = p.item_id();
  for (int i = 0; i < p.parties_size(); ++i) {
    const v1::Party& in = p.parties(i);
    if (in.kind() == v1::PARTY_KIND_UNSPECIFIED || !v1::PartyKind_IsValid(in.kind())) {
      return InvalidField(absl::StrCat("case.parties[", i, "].kind"),
                          "required: INDIVIDUAL or ENTERPRISE");
    }
    d.parties.push_back(
        {static_cast<PartyKind>(in.kind()), in.name(), in.credit_code(), in.id_number()});
  }
  d.facts = p.facts();
  if (!p.has_violation_time()) return InvalidField("case.violation_time", "required");
  LE_ASSIGN_OR_RETURN(d.violation_time,
                      protoconv::FromTimestamp("case.violation_time", p.violation_time()));
  d.endangers_safety = p.endangers_safety();
  d.first_violation = p.first_violation();
  d.officer_ids.assign(p.officer_ids().begin(), p.officer_ids().end());
  if (p.has_inspection()) {
    d.inspection = InspectionRef{p.inspection().draw_id(), p.inspection().credit_code()};
  }
  return d;
}

absl::StatusOr<CaseQuery> QueryFromProto(const v1::ListCasesRequest& p) {
  CaseQuery q;
  q.division_code = p.division_code();
  q.agency_id = p.agency_id();
  if (p.state() != v1::CASE_STATE_UNSPECIFIED) {
    if (!v1::CaseState_IsValid(p.state())) return InvalidField("state", "unknown state");
    q.state = static_cast<CaseState>(p.state());
  }
  q.item_id = p.item_id();
  q.officer_id = p.officer_id();
  if (p.has_overdue()) q.overdue = p.overdue();
  if (p.has_enterprise_party()) q.enterprise_party = p.enterprise_party();
  LE_ASSIGN_OR_RETURN(q.filed_from,
                      OptionalTime("filed_after", p.has_filed_after(), p.filed_after()));
  LE_ASSIGN_OR_RETURN(q.filed_to,
                      OptionalTime("filed_before", p.has_filed_before(), p.filed_before()));
  LE_ASSIGN_OR_RETURN(q.decided_from,
                      OptionalTime("decided_after", p.has_decided_after(), p.decided_after()));
  LE_ASSIGN_OR_RETURN(q.decided_to,
                      OptionalTime("decided_before", p.has_decided_before(), p.decided_before()));
  return q;
}

absl::StatusOr<Decision> DecisionFromProto(absl::string_view field, const v1::Decision& p) {
  const std::string f(field);
  if (p.outcome() == v1::OUTCOME_UNSPECIFIED || !v1::Outcome_IsValid(p.outcome())) {
    return InvalidField(f + ".outcome",
                        "required: PENALTY, NO_PENALTY_FIRST_VIOLATION, "
                        "NO_PENALTY_MINOR or NOT_ESTABLISHED");
  }
  Decision d;
  d.outcome = static_cast<Outcome>(p.outcome());
  d.sanction.circumstance = p.circumstance();
  for (int i = 0; i < p.penalty_kinds_size(); ++i) {
    if (!IsPenaltyKind(p.penalty_kinds(i))) {
      return InvalidField(absl::StrCat(f, ".penalty_kinds[", i, "]"), "unknown penalty kind");
    }
    d.sanction.kinds.push_back(static_cast<PenaltyKind>(p.penalty_kinds(i)));
  }
  d.sanction.fine_fen = p.fine_fen();
  d.reason = p.reason();
  d.publish = p.has_publish() ? p.publish() : true;
  return d;
}

Act ActFromProto(CaseEvent event, const v1::CaseActRequest& p) {
  Act a;
  a.event = event;
  a.reason = p.reason();
  a.officer_ids.assign(p.officer_ids().begin(), p.officer_ids().end());
  return a;
}

absl::StatusOr<ClockKind> ClockKindFromProto(absl::string_view field, v1::ClockKind k) {
  if (!IsClockKind(static_cast<int>(k))) {
    return InvalidField(field, "required: one of the CLOCK_KIND values");
  }
  return static_cast<ClockKind>(k);
}

}  // namespace lawenforce::cases::api
