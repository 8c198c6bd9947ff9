#include "absl/strings/str_cat.h"
#include "common/protoconv/protoconv.h"
#include "common/status/errors.h"
#include "common/time/clock.h"
#include "services/case/api/convert.h"

namespace lawenforce::cases::api {

v1::CaseRecord ToProto(const CaseRecord& r) {
  v1::CaseRecord p;
  p.set_case_id(r.case_id);
  for (const RecordEntry& e : r.entries) {
    v1::RecordEntry* out = p.add_entries();
    out->set_sequence(e.seq);
    *out->mutable_time() = protoconv::ToTimestamp(e.time);
    out->set_actor(e.actor);
    out->set_action(e.action);
    for (const std::string& o : e.officer_ids) out->add_officer_ids(o);
    out->set_summary(e.summary);
    for (const EvidenceRef& ev : e.evidence) {
      v1::EvidenceRef* ref = out->add_evidence();
      ref->set_sha256(ev.sha256);
      ref->set_kind(ev.kind);
      ref->set_description(ev.description);
    }
    out->set_prev_hash(e.prev_hash);
    out->set_hash(e.hash);
  }
  p.mutable_head()->set_length(r.head.length);
  p.mutable_head()->set_hash(r.head.hash);
  return p;
}

v1::RecordVerification ToProto(const Verification& v) {
  v1::RecordVerification p;
  p.set_intact(v.intact);
  p.set_entries_verified(v.entries_verified);
  p.set_first_bad_sequence(v.first_bad_seq.value_or(0));
  p.set_problem(v.problem);
  p.mutable_head()->set_length(v.head.length);
  p.mutable_head()->set_hash(v.head.hash);
  return p;
}

v1::RecordHead ToProto(const RecordHead& h) {
  v1::RecordHead p;
  p.set_case_id(h.case_id);
  p.set_division_code(h.division_code);
  p.set_state(static_cast<v1::CaseState>(h.state));
  p.mutable_head()->set_length(h.head.length);
  p.mutable_head()->set_hash(h.head.hash);
  return p;
}

v1::OfficerAct ToProto(const OfficerActView& a) {
  v1::OfficerAct p;
  p.set_case_id(a.act.case_id);
  p.set_division_code(a.act.division_code);
  p.set_officer_id(a.act.officer_id);
  p.set_action(a.act.action);
  *p.mutable_time() = protoconv::ToTimestamp(a.act.time);
  p.set_record_sequence(a.act.record_seq);
  p.set_certificate_id(a.act.certificate_id);
  if (a.verdict_now.has_value()) {
    v1::EligibilityNow* v = p.mutable_verdict_now();
    v->set_eligible(a.verdict_now->eligible);
    v->set_reason(a.verdict_now->reason);
    v->set_certificate_id(a.verdict_now->certificate_id);
    v->set_detail(a.verdict_now->detail);
  }
  return p;
}

v1::DeadlineExplanation ToProto(const DeadlineExplanation& e) {
  v1::DeadlineExplanation p;
  p.set_case_id(e.case_id);
  p.set_clock(static_cast<v1::ClockKind>(e.rule.kind));
  p.set_name(e.rule.name);
  p.set_legal_basis(e.rule.basis);
  p.set_starts_at(e.rule.starts_at);
  p.set_period_count(e.clock.period.count);
  p.set_period_unit(static_cast<v1::PeriodUnit>(static_cast<int>(e.clock.period.unit) + 1));
  p.set_counts_back(e.rule.counts_back);
  *p.mutable_start_time() = protoconv::ToTimestamp(e.clock.start);
  p.set_start_event(e.clock.start_event);
  for (const ClockEvent& ev : e.clock.events) {
    v1::ClockEvent* out = p.add_events();
    out->set_kind(static_cast<v1::ClockEventKind>(ev.kind));
    *out->mutable_time() = protoconv::ToTimestamp(ev.time);
    if (ev.kind == ClockEventKind::kPause) {
      out->set_pause_reason(static_cast<v1::PauseReason>(ev.pause_reason));
    }
    out->set_extension(ev.extension);
    out->set_reason(ev.reason);
    out->set_actor(ev.actor);
    if (ev.kind == ClockEventKind::kRecalendar) {
      *out->mutable_old_due_time() = protoconv::ToTimestamp(ev.old_due);
      *out->mutable_new_due_time() = protoconv::ToTimestamp(ev.new_due);
    }
  }
  for (const ClockStep& s : e.computation.steps) {
    v1::ExplanationStep* out = p.add_steps();
    out->set_what(s.what);
    *out->mutable_time() = protoconv::ToTimestamp(s.at);
    if (s.due.has_value()) *out->mutable_due_time() = protoconv::ToTimestamp(*s.due);
    out->set_detail(s.detail);
  }
  if (e.computation.due.has_value()) {
    *p.mutable_due_time() = protoconv::ToTimestamp(*e.computation.due);
    *p.mutable_last_day() =
        protoconv::ToDate(absl::ToCivilDay(*e.computation.due, ChinaTimeZone()) - 1);
  }
  p.set_paused(e.computation.paused);
  p.set_provisional(e.computation.provisional);
  for (absl::CivilDay d : e.computation.provisional_days)
    *p.add_provisional_days() = protoconv::ToDate(d);
  for (const std::string& h : e.computation.provisional_holidays) p.add_provisional_holidays(h);
  p.set_state(static_cast<v1::ClockState>(e.clock.state));
  p.set_on_time(e.clock.on_time);
  if (e.clock.ended_at.has_value())
    *p.mutable_end_time() = protoconv::ToTimestamp(*e.clock.ended_at);
  return p;
}

absl::StatusOr<EvidenceRef> EvidenceFromProto(const v1::EvidenceRef& p) {
  return EvidenceRef{p.sha256(), p.kind(), p.description()};
}

}  // namespace lawenforce::cases::api
