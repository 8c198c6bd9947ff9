#include "services/supervision/app/complaints.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/metrics/division_label.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/validation/validate.h"

namespace lawenforce::supervision {
namespace {

using auth::Role;

// Who may do what (docs/api/supervision.md "Authorization" mirrors this).
const auth::RoleSet kReaders = {Role::kOfficer, Role::kAgencyAdmin, Role::kSupervisor,
                                Role::kAuditor, Role::kSystem};
// The 12345 hotline and other intake systems, and supervision offices.
const auth::RoleSet kIntake = {Role::kSystem, Role::kSupervisor};
// The responsible agency, or a supervisor above it.
const auth::RoleSet kHandlers = {Role::kOfficer, Role::kAgencyAdmin, Role::kSupervisor,
                                 Role::kSystem};
// The complainant's rating and reopening come through the intake system.
const auth::RoleSet kFeedback = {Role::kSystem, Role::kSupervisor};
const auth::RoleSet kLimitSetters = {Role::kSupervisor, Role::kSystem};
const auth::RoleSet kFigures = {Role::kSupervisor, Role::kAuditor, Role::kSystem};

std::string NameContext(const std::string& id) { return absl::StrCat("complaints.name:", id); }
std::string PhoneContext(const std::string& id) { return absl::StrCat("complaints.phone:", id); }

}  // namespace

Complaints::Complaints(const SupervisionDeps& deps) : d_(deps) {
  if (d_.registry != nullptr) {
    received_ = &prometheus::BuildCounter()
                     .Name("lawenforce_complaints_received_total")
                     .Help("Complaints recorded, by the responsible division and channel.")
                     .Register(*d_.registry);
    resolved_ = &prometheus::BuildCounter()
                     .Name("lawenforce_complaints_resolved_total")
                     .Help(
                         "Complaints answered, by the responsible division and whether the "
                         "resolve clock was met in time.")
                     .Register(*d_.registry);
    handling_ = &prometheus::BuildHistogram()
                     .Name("lawenforce_complaint_handling_days")
                     .Help("Days from receipt to the answer of resolved complaints.")
                     .Register(*d_.registry);
  }
}

ActContext Complaints::Context(const auth::Principal& who) const {
  return ActContext{d_.calendar, d_.divisions, d_.clock->Now(), who.subject};
}

absl::StatusOr<StoredComplaint> Complaints::FindVisible(const auth::Principal& who,
                                                        absl::string_view field,
                                                        const std::string& id,
                                                        absl::string_view action) {
  LE_RETURN_IF_ERROR(ValidateId(field, id));
  absl::StatusOr<StoredComplaint> stored = d_.store->Get(id);
  if (stored.status().code() == absl::StatusCode::kNotFound) {
    return d_.authorizer->RecordNotFound(who, "complaint", action);
  }
  if (!stored.ok()) return stored.status();
  LE_RETURN_IF_ERROR(d_.authorizer->RequireWithin(who, stored->complaint.division_code, action));
  LE_RETURN_IF_ERROR(RequireAgency(who, stored->complaint.agency_id, action));
  return stored;
}

absl::StatusOr<Complaint> Complaints::View(StoredComplaint stored) const {
  Complaint c = std::move(stored.complaint);
  if (!stored.sealed.name.empty()) {
    LE_ASSIGN_OR_RETURN(std::string name, d_.keys->Decrypt(stored.sealed.name, NameContext(c.id)));
    c.complainant.name = MaskName(name);
  }
  if (!stored.sealed.phone.empty()) {
    LE_ASSIGN_OR_RETURN(std::string phone,
                        d_.keys->Decrypt(stored.sealed.phone, PhoneContext(c.id)));
    c.complainant.phone = MaskPhone(phone);
  }
  return c;
}

absl::StatusOr<ClockLimits> Complaints::LimitsFor(Channel channel, Category category) {
  LE_ASSIGN_OR_RETURN(std::vector<LimitRule> overrides, d_.store->ListLimitOverrides());
  return ClockLimits{
      GoverningLimit(*d_.default_limits, overrides, channel, category, ClockKind::kAcknowledge),
      GoverningLimit(*d_.default_limits, overrides, channel, category, ClockKind::kResolve)};
}

absl::StatusOr<AgencyRef> Complaints::Route(const auth::Principal& who, const Complaint& draft,
                                            absl::string_view action) {
  std::string agency_id = draft.agency_id;
  if (!draft.officer_id.empty()) {
    absl::StatusOr<std::string> of_officer = d_.agencies->OfficerAgency(draft.officer_id);
    if (of_officer.status().code() == absl::StatusCode::kNotFound) {
      return d_.authorizer->RecordNotFound(who, "officer", action);
    }
    if (!of_officer.ok()) return of_officer.status();
    if (!agency_id.empty() && *of_officer != agency_id) {
      return InvalidField("complaint.officer_id", "is not an officer of complaint.agency_id");
    }
    agency_id = *of_officer;
  }
  if (!draft.case_id.empty()) {
    absl::StatusOr<std::string> of_case = d_.cases->CaseAgency(draft.case_id);
    if (of_case.status().code() == absl::StatusCode::kNotFound) {
      return d_.authorizer->RecordNotFound(who, "case", action);
    }
    if (!of_case.ok()) return of_case.status();
    if (!agency_id.empty() && *of_case != agency_id) {
      return InvalidField("complaint.case_id", "is not a case of the complaint's agency");
    }
    agency_id = *of_case;
  }
  absl::StatusOr<AgencyRef> agency = d_.agencies->GetAgency(agency_id);
  if (agency.status().code() == absl::StatusCode::kNotFound) {
    return d_.authorizer->RecordNotFound(who, "agency", action);
  }
  return agency;
}

absl::StatusOr<Complaint> Complaints::Submit(const auth::Principal& who,
                                             absl::StatusOr<Complaint> input,
                                             const app::CreateOptions& options) {
  constexpr absl::string_view kAction = "submit complaints here";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kIntake, kAction));
  LE_ASSIGN_OR_RETURN(Complaint draft, std::move(input));
  LE_RETURN_IF_ERROR(ValidateDraft(draft));
  // The contacts are left out of the request digest (api/); their keyed
  // form stands for them in the idempotency record and the ticket hash.
  const std::string contacts = d_.keys->BlindIndex(
      absl::StrCat(draft.complainant.name, std::string(1, '\0'), draft.complainant.phone),
      "complaints.contacts");
  LE_ASSIGN_OR_RETURN(std::optional<store::IdempotencyKey> key,
                      app::KeyFor("SubmitComplaint", who, options, *d_.keys, contacts));
  const std::string ticket_hash = d_.keys->RequestHash(
      absl::StrCat("complaint-ticket\n", options.request_hash, "\n", contacts));
  // A ticket seen before is that complaint, whoever sends it again.
  const auto same_ticket = [&]() -> absl::StatusOr<Complaint> {
    LE_ASSIGN_OR_RETURN(auto found, d_.store->FindByTicket(draft.channel, draft.ticket_id));
    if (found.second != ticket_hash) {
      return absl::AlreadyExistsError(
          "complaint.ticket_id: this ticket is recorded already, with different content");
    }
    LE_RETURN_IF_ERROR(
        d_.authorizer->RequireWithin(who, found.first.complaint.division_code, kAction));
    return View(std::move(found.first));
  };
  if (!draft.ticket_id.empty()) {
    absl::StatusOr<Complaint> earlier = same_ticket();
    if (earlier.status().code() != absl::StatusCode::kNotFound) return earlier;
  }
  LE_ASSIGN_OR_RETURN(AgencyRef agency, Route(who, draft, kAction));
  LE_RETURN_IF_ERROR(d_.authorizer->RequireWithin(who, agency.division_code, kAction));
  LE_RETURN_IF_ERROR(RequireSupervisionCertificate(*d_.agencies, who, kAction));
  LE_ASSIGN_OR_RETURN(ClockLimits limits, LimitsFor(draft.channel, draft.category));
  draft.id = d_.ids->NewId();
  draft.agency_id = agency.id;
  draft.division_code = agency.division_code;
  Complainant clear = draft.complainant;
  draft.complainant.name.clear();
  draft.complainant.phone.clear();
  LE_ASSIGN_OR_RETURN(Complaint received, supervision::Receive(draft, limits, Context(who)));
  SealedContacts sealed;
  if (!clear.name.empty()) {
    LE_ASSIGN_OR_RETURN(sealed.name, d_.keys->Encrypt(clear.name, NameContext(received.id)));
  }
  if (!clear.phone.empty()) {
    LE_ASSIGN_OR_RETURN(sealed.phone, d_.keys->Encrypt(clear.phone, PhoneContext(received.id)));
  }
  absl::StatusOr<store::Created> created = d_.store->Submit(
      received, sealed, ticket_hash, key,
      app::AuditOf(who, "complaint.submit", received.id, received.submit_time,
                   absl::StrCat(ChannelCode(received.channel), " to agency ", agency.id)));
  if (created.status().code() == absl::StatusCode::kAlreadyExists && !draft.ticket_id.empty()) {
    return same_ticket();  // another caller recorded the ticket meanwhile
  }
  if (!created.ok()) return created.status();
  if (!created->replayed && received_ != nullptr) {
    prometheus::Labels labels = metrics::LabelsFor(*d_.divisions, agency.division_code).ToLabels();
    labels["channel"] = ChannelCode(received.channel);
    received_->Add(labels).Increment();
  }
  LE_ASSIGN_OR_RETURN(StoredComplaint stored, d_.store->Get(created->id));
  return View(std::move(stored));
}

absl::StatusOr<Complaint> Complaints::Get(const auth::Principal& who, const std::string& id) {
  constexpr absl::string_view kAction = "read this complaint";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReaders, kAction));
  LE_ASSIGN_OR_RETURN(StoredComplaint stored, FindVisible(who, "id", id, kAction));
  return View(std::move(stored));
}

absl::StatusOr<app::Page<Complaint>> Complaints::List(const auth::Principal& who,
                                                      absl::StatusOr<ComplaintQuery> query,
                                                      const app::PageQuery& page) {
  constexpr absl::string_view kAction = "list complaints of this division";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReaders, kAction));
  LE_ASSIGN_OR_RETURN(const ComplaintQuery q, std::move(query));
  LE_ASSIGN_OR_RETURN(std::string scope,
                      d_.authorizer->ScopeForList(who, "division_code", q.division_code, kAction));
  if (!q.queue_division_code.empty()) {
    LE_RETURN_IF_ERROR(
        d_.divisions->Validate("queue_division_code", q.queue_division_code).status());
  }
  // An agency's own staff see their agency's only.
  LE_ASSIGN_OR_RETURN(const std::string agency, AgencyScope(who, q.agency_id, kAction));
  const auto flag = [](const std::optional<bool>& b) {
    return b.has_value() ? (*b ? "1" : "0") : "-";
  };
  const std::string filter = absl::StrCat(
      "complaints|", scope, "|", q.queue_division_code, "|", agency, "|",
      q.state ? static_cast<int>(*q.state) : 0, "|", q.channel ? static_cast<int>(*q.channel) : 0,
      "|", q.category ? static_cast<int>(*q.category) : 0, "|", flag(q.escalated),
      flag(q.private_enterprise), flag(q.overdue));
  const ComplaintFilter f{Divisions::SubtreePrefix(scope),
                          q.queue_division_code,
                          agency,
                          q.state,
                          q.channel,
                          q.category,
                          q.escalated,
                          q.private_enterprise,
                          q.overdue,
                          d_.clock->Now()};
  LE_ASSIGN_OR_RETURN(
      app::Page<StoredComplaint> stored,
      (app::ListPage<StoredComplaint>(page, filter, *d_.keys, [&](const store::PageRequest& r) {
        return d_.store->List(f, r);
      })));
  app::Page<Complaint> out;
  out.next_page_token = stored.next_page_token;
  out.items.reserve(stored.items.size());
  for (StoredComplaint& s : stored.items) {
    LE_ASSIGN_OR_RETURN(Complaint c, View(std::move(s)));
    out.items.push_back(std::move(c));
  }
  return out;
}

absl::StatusOr<Complaint> Complaints::Apply(const auth::Principal& who, auth::RoleSet roles,
                                            absl::string_view action, absl::string_view event,
                                            const std::string& id, const std::string& etag,
                                            const Act& act) {
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, roles, action));
  LE_ASSIGN_OR_RETURN(std::optional<int64_t> expected, app::ParseEtag("etag", etag));
  LE_ASSIGN_OR_RETURN(StoredComplaint stored, FindVisible(who, "complaint_id", id, action));
  LE_RETURN_IF_ERROR(app::CheckEtag("etag", expected, stored.complaint.version));
  LE_RETURN_IF_ERROR(RequireSupervisionCertificate(*d_.agencies, who, action));
  const ActContext ctx = Context(who);
  LE_ASSIGN_OR_RETURN(Complaint after, act(stored.complaint, ctx));
  LE_RETURN_IF_ERROR(d_.store->Update(
      {after, stored.complaint.version,
       app::AuditOf(who, absl::StrCat("complaint.", event), id, ctx.now,
                    after.history.empty() ? "" : TruncateText(after.history.back().detail, 200)),
       absl::StrCat("complaint.", event)}));
  LE_ASSIGN_OR_RETURN(StoredComplaint now, d_.store->Get(id));
  return View(std::move(now));
}

absl::StatusOr<Complaint> Complaints::Assign(const auth::Principal& who, const std::string& id,
                                             const std::string& etag,
                                             const std::string& assignee_id) {
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kHandlers, "assign this complaint"));
  LE_RETURN_IF_ERROR(ValidateId("assignee_id", assignee_id));
  return Apply(who, kHandlers, "assign this complaint", "assigned", id, etag,
               [&](const Complaint& c, const ActContext& ctx) {
                 return supervision::Assign(c, assignee_id, ctx);
               });
}

absl::StatusOr<Complaint> Complaints::Acknowledge(const auth::Principal& who, const std::string& id,
                                                  const std::string& etag) {
  return Apply(
      who, kHandlers, "acknowledge this complaint", "acknowledged", id, etag,
      [](const Complaint& c, const ActContext& ctx) { return supervision::Acknowledge(c, ctx); });
}

absl::StatusOr<Complaint> Complaints::Decline(const auth::Principal& who, const std::string& id,
                                              const std::string& etag,
                                              const std::string& responsible_agency_id,
                                              const std::string& reason) {
  constexpr absl::string_view kAction = "decline this complaint";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kHandlers, kAction));
  LE_RETURN_IF_ERROR(ValidateId("responsible_agency_id", responsible_agency_id));
  LE_RETURN_IF_ERROR(ValidateText("reason", reason, 500));
  return Apply(who, kHandlers, kAction, "declined", id, etag,
               [&](const Complaint& c, const ActContext& ctx) -> absl::StatusOr<Complaint> {
                 LE_RETURN_IF_ERROR(RequireHandling(c, "decline it"));
                 if (responsible_agency_id == c.agency_id) {
                   return InvalidField(
                       "responsible_agency_id",
                       "is the agency the complaint is routed to: name the one responsible");
                 }
                 absl::StatusOr<AgencyRef> to = d_.agencies->GetAgency(responsible_agency_id);
                 if (to.status().code() == absl::StatusCode::kNotFound) {
                   return InvalidField("responsible_agency_id", "no such agency");
                 }
                 if (!to.ok()) return to.status();
                 LE_ASSIGN_OR_RETURN(ClockLimits limits, LimitsFor(c.channel, c.category));
                 return supervision::Decline(c, to->id, to->division_code, reason, limits, ctx);
               });
}

absl::StatusOr<Complaint> Complaints::RecordResolution(const auth::Principal& who,
                                                       const std::string& id,
                                                       const std::string& etag,
                                                       const std::string& resolution) {
  constexpr absl::string_view kAction = "record the resolution of this complaint";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kHandlers, kAction));
  LE_RETURN_IF_ERROR(ValidateMultilineText("resolution", resolution, 4000));
  LE_ASSIGN_OR_RETURN(Complaint c, Apply(who, kHandlers, kAction, "resolved", id, etag,
                                         [&](const Complaint& c, const ActContext& ctx) {
                                           return supervision::Resolve(c, resolution, ctx);
                                         }));
  if (resolved_ != nullptr && c.resolve_time.has_value()) {
    const Clock* clock = c.FindClock(ClockKind::kResolve);
    prometheus::Labels labels = metrics::LabelsFor(*d_.divisions, c.division_code).ToLabels();
    labels["timeliness"] = clock != nullptr && clock->on_time ? "on_time" : "late";
    resolved_->Add(labels).Increment();
    static const auto* const kDays =
        new prometheus::Histogram::BucketBoundaries{1, 2, 3, 5, 7, 10, 15, 20, 30, 60, 90};
    handling_->Add(metrics::LabelsFor(*d_.divisions, c.division_code).ToLabels(), *kDays)
        .Observe(absl::ToDoubleHours(*c.resolve_time - c.submit_time) / 24.0);
  }
  return c;
}

absl::StatusOr<Complaint> Complaints::RecordFeedback(const auth::Principal& who,
                                                     const std::string& id, const std::string& etag,
                                                     int satisfaction, const std::string& comment) {
  constexpr absl::string_view kAction = "record the complainant's rating";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kFeedback, kAction));
  if (satisfaction < 1 || satisfaction > 5) {
    return InvalidField("satisfaction", "must be 1 (very dissatisfied) .. 5 (very satisfied)");
  }
  LE_RETURN_IF_ERROR(ValidateOptionalText("comment", comment, 500));
  return Apply(who, kFeedback, kAction, "rated", id, etag,
               [&](const Complaint& c, const ActContext& ctx) {
                 return supervision::RecordFeedback(c, satisfaction, comment, ctx);
               });
}

absl::StatusOr<Complaint> Complaints::Reopen(const auth::Principal& who, const std::string& id,
                                             const std::string& etag, const std::string& reason) {
  constexpr absl::string_view kAction = "reopen this complaint";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kFeedback, kAction));
  LE_RETURN_IF_ERROR(ValidateText("reason", reason, 500));
  return Apply(who, kFeedback, kAction, "reopened", id, etag,
               [&](const Complaint& c, const ActContext& ctx) -> absl::StatusOr<Complaint> {
                 LE_ASSIGN_OR_RETURN(ClockLimits limits, LimitsFor(c.channel, c.category));
                 return supervision::Reopen(c, reason, limits.resolve, ctx);
               });
}

absl::StatusOr<ClockExplanation> Complaints::ExplainDeadline(const auth::Principal& who,
                                                             const std::string& id, int clock) {
  constexpr absl::string_view kAction = "read this complaint";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReaders, kAction));
  if (clock != static_cast<int>(ClockKind::kAcknowledge) &&
      clock != static_cast<int>(ClockKind::kResolve)) {
    return InvalidField("clock", "must be CLOCK_KIND_ACKNOWLEDGE or CLOCK_KIND_RESOLVE");
  }
  LE_ASSIGN_OR_RETURN(StoredComplaint stored, FindVisible(who, "complaint_id", id, kAction));
  const Clock* c = stored.complaint.FindClock(static_cast<ClockKind>(clock));
  if (c == nullptr) return absl::NotFoundError("the complaint has no such clock");
  return Explain(*c, *d_.calendar);
}

absl::StatusOr<LimitRule> Complaints::SetLimit(const auth::Principal& who,
                                               absl::StatusOr<LimitRule> input) {
  constexpr absl::string_view kAction = "set complaint handling limits (region-wide callers only)";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kLimitSetters, kAction));
  LE_ASSIGN_OR_RETURN(LimitRule rule, std::move(input));
  if (who.division_code != d_.divisions->root()) return PermissionDenied(kAction);
  if (!rule.channel.has_value() || !IsChannel(static_cast<int>(*rule.channel))) {
    return InvalidField("channel", "must be set to a known channel");
  }
  if (rule.category != Category::kAny && !IsCategory(static_cast<int>(rule.category))) {
    return InvalidField("category", "unknown category");
  }
  if (rule.clock != ClockKind::kAcknowledge && rule.clock != ClockKind::kResolve) {
    return InvalidField("clock", "must be CLOCK_KIND_ACKNOWLEDGE or CLOCK_KIND_RESOLVE");
  }
  LE_RETURN_IF_ERROR(ValidateLimitPeriod("period", rule.period));
  LE_RETURN_IF_ERROR(ValidateText("reason", rule.reason, 500));
  LE_RETURN_IF_ERROR(RequireSupervisionCertificate(*d_.agencies, who, kAction));
  const ActContext ctx = Context(who);
  rule.set_by = who.subject;
  rule.set_at = ctx.now;
  const LimitRule key = rule;
  return d_.store->SetLimit(
      rule,
      [&](const Complaint& c,
          const std::vector<LimitRule>& overrides) -> absl::StatusOr<std::optional<Complaint>> {
        const LimitRule& governing =
            GoverningLimit(*d_.default_limits, overrides, c.channel, c.category, key.clock);
        // Only clocks the new rule governs (a category's own limit keeps its clocks).
        if (governing.channel != key.channel || governing.category != key.category ||
            governing.version == 0) {
          return std::nullopt;
        }
        return ApplyLimit(c, key.clock, governing, ctx);
      },
      app::AuditOf(who, "complaint_limit.set", "", ctx.now));
}

absl::StatusOr<std::vector<LimitRule>> Complaints::ListLimits(const auth::Principal& who) {
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReaders, "read complaint handling limits"));
  std::vector<LimitRule> out = *d_.default_limits;
  LE_ASSIGN_OR_RETURN(std::vector<LimitRule> overrides, d_.store->ListLimitOverrides());
  out.insert(out.end(), overrides.begin(), overrides.end());
  return out;
}

absl::StatusOr<SupervisionFigures> Complaints::Statistics(const auth::Principal& who,
                                                          const std::string& division_code,
                                                          absl::StatusOr<absl::CivilDay> start_date,
                                                          absl::StatusOr<absl::CivilDay> end_date) {
  constexpr absl::string_view kAction = "read supervision figures of this division";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kFigures, kAction));
  LE_ASSIGN_OR_RETURN(absl::CivilDay start, std::move(start_date));
  LE_ASSIGN_OR_RETURN(absl::CivilDay end, std::move(end_date));
  if (end < start) return InvalidField("end_date", "is before start_date");
  if (end - start > 366 * 5) return InvalidField("end_date", "the period is at most five years");
  LE_ASSIGN_OR_RETURN(std::string scope,
                      d_.authorizer->ScopeForList(who, "division_code", division_code, kAction));
  const absl::TimeZone cst = ChinaTimeZone();
  const absl::Time from = absl::FromCivil(start, cst);
  const absl::Time to = absl::FromCivil(end + 1, cst);
  const absl::Time now = d_.clock->Now();
  SupervisionFigures out;
  out.division_code = scope;
  out.start_date = start;
  out.end_date = end;
  out.from = from;
  out.to = to;
  out.as_of = std::min(to, now);
  out.closed_period = to <= now;
  LE_ASSIGN_OR_RETURN(std::vector<Complaint> complaints,
                      d_.store->ReceivedBetween(from, out.as_of));
  out.complaints = ComputeFigures(complaints, *d_.divisions, scope, from, to, out.as_of);
  return out;
}

}  // namespace lawenforce::supervision
