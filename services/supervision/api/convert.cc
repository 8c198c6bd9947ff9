#include "services/supervision/api/convert.h"

#include <string>

#include "common/protoconv/protoconv.h"
#include "common/status/errors.h"
#include "common/time/clock.h"

namespace lawenforce::supervision::api {
namespace {

using protoconv::ToTimestamp;

void SetOptionalTime(const std::optional<absl::Time>& t, google::protobuf::Timestamp* out) {
  if (t.has_value()) *out = ToTimestamp(*t);
}

v1::Period PeriodToProto(calendar::StatutoryPeriod p) {
  v1::Period out;
  out.set_count(p.count);
  switch (p.unit) {
    case calendar::PeriodUnit::kCalendarDays:
      out.set_unit(v1::PERIOD_UNIT_CALENDAR_DAYS);
      break;
    case calendar::PeriodUnit::kWorkingDays:
      out.set_unit(v1::PERIOD_UNIT_WORKING_DAYS);
      break;
    case calendar::PeriodUnit::kHours:
      out.set_unit(v1::PERIOD_UNIT_HOURS);
      break;
    case calendar::PeriodUnit::kYears:
      break;
  }
  return out;
}

absl::StatusOr<calendar::StatutoryPeriod> PeriodFromProto(const v1::Period& p) {
  calendar::StatutoryPeriod out;
  out.count = p.count();
  switch (p.unit()) {
    case v1::PERIOD_UNIT_CALENDAR_DAYS:
      out.unit = calendar::PeriodUnit::kCalendarDays;
      return out;
    case v1::PERIOD_UNIT_WORKING_DAYS:
      out.unit = calendar::PeriodUnit::kWorkingDays;
      return out;
    case v1::PERIOD_UNIT_HOURS:
      out.unit = calendar::PeriodUnit::kHours;
      return out;
    default:
      return InvalidField("period.unit", "must be calendar days, working days or hours");
  }
}

v1::Clock ClockToProto(const Clock& c) {
  v1::Clock out;
  out.set_kind(static_cast<v1::ClockKind>(c.kind));
  out.set_state(static_cast<v1::ClockState>(c.state));
  *out.mutable_start_time() = ToTimestamp(c.start);
  *out.mutable_period() = PeriodToProto(c.period);
  out.set_limit_source(c.limit_source);
  out.set_division_code(c.division_code);
  *out.mutable_due_time() = ToTimestamp(c.due);
  *out.mutable_last_day() = protoconv::ToDate(absl::ToCivilDay(c.due, ChinaTimeZone()) - 1);
  SetOptionalTime(c.ended_at, out.mutable_end_time());
  out.set_on_time(c.on_time);
  return out;
}

// "TIER_COUNTY".
std::string TierKey(Tier t) { return lawenforce::common::v1::Tier_Name(protoconv::ToTier(t)); }

}  // namespace

absl::StatusOr<Complaint> DraftFromProto(const v1::ComplaintDraft& d) {
  Complaint c;
  if (!IsChannel(d.channel()))
    return InvalidField("complaint.channel", "must be set to a known channel");
  c.channel = static_cast<Channel>(d.channel());
  c.ticket_id = d.ticket_id();
  if (!IsCategory(d.category())) {
    return InvalidField("complaint.category", "must be set to a known category");
  }
  c.category = static_cast<Category>(d.category());
  c.content = d.content();
  const v1::Complainant& p = d.complainant();
  if (!IsComplainantKind(p.kind())) {
    return InvalidField("complaint.complainant.kind", "must be set to a known kind");
  }
  if (!p.name_masked().empty() || !p.phone_masked().empty()) {
    return InvalidField("complaint.complainant.name_masked", "is output only");
  }
  c.complainant = {static_cast<ComplainantKind>(p.kind()), p.name(), p.phone(),
                   p.organization_name(), p.credit_code()};
  c.agency_id = d.agency_id();
  c.officer_id = d.officer_id();
  c.case_id = d.case_id();
  return c;
}

app::CreateOptions SubmitOptions(const v1::SubmitComplaintRequest& r) {
  v1::SubmitComplaintRequest copy = r;
  copy.mutable_complaint()->mutable_complainant()->clear_name();
  copy.mutable_complaint()->mutable_complainant()->clear_phone();
  return app::CreateOptions{r.request_id(), protoconv::CanonicalRequestHash(copy)};
}

absl::StatusOr<ComplaintQuery> QueryFromProto(const v1::ListComplaintsRequest& r) {
  ComplaintQuery q;
  q.division_code = r.division_code();
  q.queue_division_code = r.queue_division_code();
  q.agency_id = r.agency_id();
  if (r.state() != v1::COMPLAINT_STATE_UNSPECIFIED) {
    if (!v1::ComplaintState_IsValid(r.state())) return InvalidField("state", "unknown state");
    q.state = static_cast<ComplaintState>(r.state());
  }
  if (r.channel() != v1::CHANNEL_UNSPECIFIED) {
    if (!IsChannel(r.channel())) return InvalidField("channel", "unknown channel");
    q.channel = static_cast<Channel>(r.channel());
  }
  if (r.category() != v1::CATEGORY_UNSPECIFIED) {
    if (!IsCategory(r.category())) return InvalidField("category", "unknown category");
    q.category = static_cast<Category>(r.category());
  }
  if (r.has_escalated()) q.escalated = r.escalated();
  if (r.has_private_enterprise()) q.private_enterprise = r.private_enterprise();
  if (r.has_overdue()) q.overdue = r.overdue();
  return q;
}

absl::StatusOr<LimitRule> LimitFromProto(const v1::SetComplaintLimitRequest& r) {
  LimitRule rule;
  if (!IsChannel(r.channel())) return InvalidField("channel", "must be set to a known channel");
  rule.channel = static_cast<Channel>(r.channel());
  if (r.category() != v1::CATEGORY_UNSPECIFIED && !IsCategory(r.category())) {
    return InvalidField("category", "unknown category");
  }
  rule.category = static_cast<Category>(r.category());
  if (r.clock() != v1::CLOCK_KIND_ACKNOWLEDGE && r.clock() != v1::CLOCK_KIND_RESOLVE) {
    return InvalidField("clock", "must be CLOCK_KIND_ACKNOWLEDGE or CLOCK_KIND_RESOLVE");
  }
  rule.clock = static_cast<ClockKind>(r.clock());
  absl::StatusOr<calendar::StatutoryPeriod> period = PeriodFromProto(r.period());
  if (!period.ok()) return period.status();
  rule.period = *period;
  rule.reason = r.reason();
  return rule;
}

v1::Complaint ToProto(const Complaint& c, const Divisions& divisions) {
  v1::Complaint out;
  out.set_id(c.id);
  out.set_channel(static_cast<v1::Channel>(c.channel));
  out.set_ticket_id(c.ticket_id);
  out.set_category(static_cast<v1::Category>(c.category));
  out.set_content(c.content);
  v1::Complainant* p = out.mutable_complainant();
  p->set_kind(static_cast<v1::ComplainantKind>(c.complainant.kind));
  // Use cases return the contacts masked (app/complaints.h).
  p->set_name_masked(c.complainant.name);
  p->set_phone_masked(c.complainant.phone);
  p->set_organization_name(c.complainant.organization_name);
  p->set_credit_code(c.complainant.credit_code);
  out.set_agency_id(c.agency_id);
  out.set_officer_id(c.officer_id);
  out.set_case_id(c.case_id);
  out.set_division_code(c.division_code);
  out.set_tier(protoconv::TierOf(divisions, c.division_code));
  out.set_queue_division_code(c.queue_division_code);
  out.set_queue_tier(protoconv::TierOf(divisions, c.queue_division_code));
  out.set_state(static_cast<v1::ComplaintState>(c.state));
  out.set_assignee_id(c.assignee_id);
  for (const Clock& k : c.clocks) *out.add_clocks() = ClockToProto(k);
  for (const Escalation& e : c.escalations) {
    v1::Escalation* x = out.add_escalations();
    x->set_clock(static_cast<v1::ClockKind>(e.clock));
    x->set_from_division_code(e.from_division);
    x->set_from_tier(protoconv::ToTier(e.from_tier));
    x->set_to_division_code(e.to_division);
    if (!e.to_division.empty()) x->set_to_tier(protoconv::ToTier(e.to_tier));
    *x->mutable_time() = ToTimestamp(e.at);
  }
  for (const Routing& r : c.routings) {
    v1::Routing* x = out.add_routings();
    x->set_from_agency_id(r.from_agency);
    x->set_to_agency_id(r.to_agency);
    x->set_reason(r.reason);
    x->set_actor(r.actor);
    *x->mutable_time() = ToTimestamp(r.at);
  }
  out.set_resolution(c.resolution);
  out.set_satisfaction(c.satisfaction);
  out.set_feedback_comment(c.feedback_comment);
  out.set_reopened(c.reopened);
  out.set_escalated(c.escalated());
  *out.mutable_submit_time() = ToTimestamp(c.submit_time);
  SetOptionalTime(c.acknowledge_time, out.mutable_acknowledge_time());
  SetOptionalTime(c.resolve_time, out.mutable_resolve_time());
  SetOptionalTime(c.close_time, out.mutable_close_time());
  for (const ComplaintEvent& e : c.history) {
    v1::ComplaintEvent* x = out.add_history();
    x->set_seq(e.seq);
    x->set_type(e.type);
    *x->mutable_time() = ToTimestamp(e.at);
    x->set_actor(e.actor);
    x->set_detail(e.detail);
  }
  out.set_etag(app::Etag(c.version));
  return out;
}

v1::DeadlineExplanation ToProto(const std::string& complaint_id, const ClockExplanation& e) {
  v1::DeadlineExplanation out;
  const Clock& c = e.clock;
  out.set_complaint_id(complaint_id);
  out.set_clock(static_cast<v1::ClockKind>(c.kind));
  out.set_state(static_cast<v1::ClockState>(c.state));
  *out.mutable_period() = PeriodToProto(c.period);
  out.set_limit_source(c.limit_source);
  *out.mutable_start_time() = ToTimestamp(c.start);
  *out.mutable_due_time() = ToTimestamp(c.due);
  *out.mutable_last_day() = protoconv::ToDate(e.last_day);
  for (const ClockStep& s : c.steps) {
    v1::ExplanationStep* x = out.add_steps();
    x->set_what(s.what);
    *x->mutable_time() = ToTimestamp(s.at);
    *x->mutable_due_time() = ToTimestamp(s.due);
    x->set_detail(s.detail);
  }
  out.set_working_days(e.working_days);
  for (const std::string& h : e.holidays) out.add_holidays_skipped(h);
  return out;
}

v1::ComplaintLimit ToProto(const LimitRule& r) {
  v1::ComplaintLimit out;
  if (r.channel.has_value()) out.set_channel(static_cast<v1::Channel>(*r.channel));
  out.set_category(static_cast<v1::Category>(r.category));
  out.set_clock(static_cast<v1::ClockKind>(r.clock));
  *out.mutable_period() = PeriodToProto(r.period);
  out.set_version(r.version);
  out.set_reason(r.reason);
  out.set_set_by(r.set_by);
  if (r.set_at != absl::InfinitePast()) *out.mutable_set_time() = ToTimestamp(r.set_at);
  out.set_rescheduled(r.rescheduled);
  return out;
}

v1::SupervisionStatistics ToProto(const SupervisionFigures& f) {
  v1::SupervisionStatistics out;
  const ComplaintFigures& c = f.complaints;
  out.set_division_code(f.division_code);
  *out.mutable_start_date() = protoconv::ToDate(f.start_date);
  *out.mutable_end_date() = protoconv::ToDate(f.end_date);
  *out.mutable_as_of() = ToTimestamp(f.as_of);
  out.set_closed_period(f.closed_period);
  out.set_complaints_received(c.received);
  out.set_from_private_enterprises(c.from_private_enterprises);
  const auto add = [](auto* list, std::string key, int64_t n) {
    v1::Count* x = list->Add();
    x->set_key(std::move(key));
    x->set_count(n);
  };
  for (const auto& [k, n] : c.by_channel) {
    add(out.mutable_by_channel(), v1::Channel_Name(static_cast<v1::Channel>(k)), n);
  }
  for (const auto& [k, n] : c.by_category) {
    add(out.mutable_by_category(), v1::Category_Name(static_cast<v1::Category>(k)), n);
  }
  for (const auto& [k, n] : c.by_state) {
    add(out.mutable_by_state(), v1::ComplaintState_Name(static_cast<v1::ComplaintState>(k)), n);
  }
  out.set_median_handling_days(c.median_handling_days);
  out.set_p90_handling_days(c.p90_handling_days);
  out.set_resolved(c.resolved);
  out.set_resolved_on_time(c.resolved_on_time);
  for (const auto& [k, n] : c.escalations_by_tier)
    add(out.mutable_escalations_by_tier(), TierKey(k), n);
  out.set_rated(c.rated);
  out.set_average_satisfaction(c.average_satisfaction);
  out.set_satisfied_share(c.satisfied_share);
  out.set_reopened(c.reopened);
  out.set_declined(c.declined);
  return out;
}

}  // namespace lawenforce::supervision::api
