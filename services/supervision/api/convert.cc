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
  *out.mutable_last_day() = protoconv::ToDate(LastDay(c.due));
  SetOptionalTime(c.ended_at, out.mutable_end_time());
  out.set_on_time(c.on_time);
  return out;
}

v1::Escalation EscalationToProto(const Escalation& e) {
  v1::Escalation x;
  x.set_clock(static_cast<v1::ClockKind>(e.clock));
  x.set_from_division_code(e.from_division);
  x.set_from_tier(protoconv::ToTier(e.from_tier));
  x.set_to_division_code(e.to_division);
  if (!e.to_division.empty()) x.set_to_tier(protoconv::ToTier(e.to_tier));
  *x.mutable_time() = ToTimestamp(e.at);
  return x;
}

v1::ComplaintEvent EventToProto(const ComplaintEvent& e) {
  v1::ComplaintEvent x;
  x.set_seq(e.seq);
  x.set_type(e.type);
  *x.mutable_time() = ToTimestamp(e.at);
  x.set_actor(e.actor);
  x.set_detail(e.detail);
  return x;
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
  if (!p.name_masked().empty()) {
    return InvalidField("complaint.complainant.name_masked", "is output only");
  }
  if (!p.phone_masked().empty()) {
    return InvalidField("complaint.complainant.phone_masked", "is output only");
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
  for (const Escalation& e : c.escalations) *out.add_escalations() = EscalationToProto(e);
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
  for (const ComplaintEvent& e : c.history) *out.add_history() = EventToProto(e);
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
  const ReviewFigures& r = f.reviews;
  out.set_cases_reviewed(r.cases_reviewed);
  out.set_average_review_score(r.average_score);
  out.set_rectifications_opened(r.rectifications_opened);
  out.set_rectifications_completed(r.rectifications_completed);
  out.set_rectifications_completed_on_time(r.rectifications_completed_on_time);
  out.set_rectifications_overdue(r.rectifications_overdue);
  return out;
}

std::vector<RubricDimension> DimensionsFromProto(const v1::PublishReviewRubricRequest& r) {
  std::vector<RubricDimension> out;
  for (const v1::RubricDimension& d : r.dimensions()) {
    out.push_back({d.code(), d.name(), d.max_points()});
  }
  return out;
}

CampaignDraft CampaignFromProto(const v1::CreateReviewCampaignRequest& r) {
  return CampaignDraft{r.division_code(),
                       r.title(),
                       protoconv::FromDate("decided_from", r.has_decided_from(), r.decided_from()),
                       protoconv::FromDate("decided_to", r.has_decided_to(), r.decided_to()),
                       r.sample_size(),
                       r.seed()};
}

std::vector<std::pair<std::string, int>> ScoresFromProto(const v1::ScoreCaseRequest& r) {
  std::vector<std::pair<std::string, int>> out;
  for (const v1::DimensionScore& s : r.scores()) out.emplace_back(s.dimension(), s.points());
  return out;
}

absl::StatusOr<std::vector<FindingDraft>> FindingsFromProto(const v1::ScoreCaseRequest& r) {
  std::vector<FindingDraft> out;
  for (int i = 0; i < r.findings_size(); ++i) {
    const v1::FindingDraft& f = r.findings(i);
    FindingDraft d{f.dimension(), f.text(), std::nullopt};
    if (f.has_rectify_within()) {
      absl::StatusOr<calendar::StatutoryPeriod> p = PeriodFromProto(f.rectify_within());
      if (!p.ok()) {
        return InvalidField(absl::StrCat("findings[", i, "].rectify_within.unit"),
                            "must be calendar days, working days or hours");
      }
      d.rectify_within = *p;
    }
    out.push_back(std::move(d));
  }
  return out;
}

absl::StatusOr<RectificationQuery> QueryFromProto(const v1::ListRectificationsRequest& r) {
  RectificationQuery q;
  q.division_code = r.division_code();
  q.queue_division_code = r.queue_division_code();
  q.agency_id = r.agency_id();
  if (r.state() != v1::RECTIFICATION_STATE_UNSPECIFIED) {
    if (!v1::RectificationState_IsValid(r.state())) return InvalidField("state", "unknown state");
    q.state = static_cast<RectificationState>(r.state());
  }
  if (r.has_overdue()) q.overdue = r.overdue();
  return q;
}

v1::ReviewRubric ToProto(const Rubric& r) {
  v1::ReviewRubric out;
  out.set_version(r.version);
  for (const RubricDimension& d : r.dimensions) {
    v1::RubricDimension* x = out.add_dimensions();
    x->set_code(d.code);
    x->set_name(d.name);
    x->set_max_points(d.max_points);
  }
  out.set_created_by(r.created_by);
  if (r.create_time != absl::InfinitePast())
    *out.mutable_create_time() = ToTimestamp(r.create_time);
  return out;
}

v1::ReviewCampaign ToProto(const Campaign& c, const Divisions& divisions) {
  v1::ReviewCampaign out;
  out.set_id(c.id);
  out.set_division_code(c.division_code);
  out.set_tier(protoconv::TierOf(divisions, c.division_code));
  out.set_title(c.title);
  out.set_seed(c.seed);
  out.set_seed_chosen(c.seed_chosen);
  out.set_rubric_version(c.rubric_version);
  *out.mutable_decided_from() = protoconv::ToDate(c.decided_from);
  *out.mutable_decided_to() = protoconv::ToDate(c.decided_to);
  out.set_sample_size(c.sample_size);
  out.set_candidates(c.candidates);
  out.set_candidates_digest(c.candidates_digest);
  for (const ReviewedCase& r : c.cases) {
    v1::ReviewedCase* x = out.add_cases();
    x->set_case_id(r.ref.id);
    x->set_agency_id(r.ref.agency_id);
    x->set_division_code(r.ref.division_code);
    x->set_scored(r.scored);
    for (const auto& [dim, points] : r.scores) {
      v1::DimensionScore* s = x->add_scores();
      s->set_dimension(dim);
      s->set_points(points);
    }
    x->set_total(r.total);
    for (const Finding& f : r.findings) {
      v1::Finding* y = x->add_findings();
      y->set_id(f.id);
      y->set_dimension(f.dimension);
      y->set_text(f.text);
      y->set_rectification_id(f.rectification_id);
    }
    x->set_scored_by(r.scored_by);
    if (r.scored) *x->mutable_score_time() = ToTimestamp(r.score_time);
  }
  out.set_scored(c.scored());
  out.set_average_total(c.average_total());
  out.set_created_by(c.created_by);
  *out.mutable_create_time() = ToTimestamp(c.create_time);
  out.set_etag(app::Etag(c.version));
  return out;
}

v1::Rectification ToProto(const Rectification& r) {
  v1::Rectification out;
  out.set_id(r.id);
  out.set_campaign_id(r.campaign_id);
  out.set_case_id(r.case_id);
  out.set_finding_id(r.finding_id);
  out.set_finding(r.finding);
  out.set_agency_id(r.agency_id);
  out.set_division_code(r.division_code);
  out.set_queue_division_code(r.queue_division_code);
  out.set_state(static_cast<v1::RectificationState>(r.state));
  *out.mutable_clock() = ClockToProto(r.clock);
  for (const Escalation& e : r.escalations) *out.add_escalations() = EscalationToProto(e);
  out.set_evidence(r.evidence);
  SetOptionalTime(r.complete_time, out.mutable_complete_time());
  out.set_on_time(r.on_time);
  *out.mutable_create_time() = ToTimestamp(r.create_time);
  for (const ComplaintEvent& e : r.history) *out.add_history() = EventToProto(e);
  out.set_etag(app::Etag(r.version));
  return out;
}

Notice NoticeFromProto(const v1::PublishNoticeRequest& r) {
  Notice n;
  // An unknown kind stays out of range for ValidateNotice to name.
  n.kind = static_cast<NoticeKind>(r.kind());
  n.division_code = r.division_code();
  n.agency_id = r.agency_id();
  n.year = r.year();
  n.title = r.title();
  n.body = r.body();
  for (const v1::NoticeItem& i : r.items()) {
    n.items.push_back({i.text(), i.finding_id(), i.rectification_id(), i.complaint_id()});
  }
  return n;
}

v1::Notice ToProto(const Notice& n, const Divisions& divisions) {
  v1::Notice out;
  out.set_id(n.id);
  out.set_kind(static_cast<v1::NoticeKind>(n.kind));
  out.set_division_code(n.division_code);
  out.set_tier(protoconv::TierOf(divisions, n.division_code));
  out.set_agency_id(n.agency_id);
  out.set_year(n.year);
  out.set_number(n.number);
  out.set_title(n.title);
  out.set_body(n.body);
  for (const NoticeItem& i : n.items) {
    v1::NoticeItem* x = out.add_items();
    x->set_text(i.text);
    x->set_finding_id(i.finding_id);
    x->set_rectification_id(i.rectification_id);
    x->set_complaint_id(i.complaint_id);
  }
  out.set_published_by(n.published_by);
  *out.mutable_publish_time() = ToTimestamp(n.publish_time);
  return out;
}

v1::SupervisionPlan ToProto(const SupervisionPlan& p, const Divisions& divisions) {
  v1::SupervisionPlan out;
  out.set_division_code(p.division_code);
  out.set_tier(protoconv::TierOf(divisions, p.division_code));
  out.set_year(p.year);
  out.set_content(p.content);
  *out.mutable_record_time() = ToTimestamp(p.record_time);
  *out.mutable_update_time() = ToTimestamp(p.update_time);
  out.set_on_time(PlanOnTime(p));
  out.set_recorded_by(p.recorded_by);
  out.set_etag(app::Etag(p.version));
  return out;
}

v1::SupervisionPlanStatus ToProto(const PlanStatusReport& r) {
  v1::SupervisionPlanStatus out;
  out.set_division_code(r.division_code);
  out.set_year(r.year);
  *out.mutable_due_time() = ToTimestamp(r.due);
  for (const PlanStatusEntry& e : r.entries) {
    v1::PlanStatusEntry* x = out.add_entries();
    x->set_division_code(e.division_code);
    x->set_tier(protoconv::ToTier(e.tier));
    x->set_state(static_cast<v1::PlanState>(e.state));
    SetOptionalTime(e.record_time, x->mutable_record_time());
  }
  out.set_overdue(r.overdue);
  return out;
}

}  // namespace lawenforce::supervision::api
