#include "services/supervision/store/sql_supervision_store.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/cache/invalidation_journal.h"
#include "common/deadlines/schema.h"
#include "common/log/log.h"
#include "common/metrics/division_label.h"
#include "common/outbox/outbox.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/store/audit.h"
#include "common/store/idempotency.h"
#include "common/store/values.h"
#include "prometheus/counter.h"
#include "services/supervision/domain/complaint_machine.h"
#include "services/supervision/store/complaint_json.h"

namespace lawenforce::supervision {
namespace {

constexpr char kServiceName[] = "supervision";

// Migration 1: complaints and their handling limits. A complaint's body is
// JSON (store/complaint_json.h); the columns beside it serve the list
// filters and the figures, each index ending in id for keyset paging. The
// ticket of a source system is unique per channel (NULL: none).
constexpr absl::string_view kComplaintsSql = R"sql(
CREATE TABLE complaints (
  id TEXT PRIMARY KEY,
  channel INTEGER NOT NULL,
  ticket_id TEXT,
  ticket_hash TEXT NOT NULL,
  category INTEGER NOT NULL,
  agency_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  queue_division_code TEXT NOT NULL,
  state INTEGER NOT NULL,
  escalated INTEGER NOT NULL,
  private_enterprise INTEGER NOT NULL,
  late INTEGER NOT NULL,
  next_due_at INTEGER,
  submit_time INTEGER NOT NULL,
  name_sealed BLOB,
  phone_sealed BLOB,
  body TEXT NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (channel, ticket_id)
);
CREATE INDEX complaints_by_division ON complaints (division_code, id);
CREATE INDEX complaints_by_queue ON complaints (queue_division_code, id);
CREATE INDEX complaints_by_agency ON complaints (agency_id, id);
CREATE INDEX complaints_by_submit ON complaints (submit_time, id);
CREATE INDEX complaints_open ON complaints (channel, state, id);
CREATE TABLE complaint_limits (
  channel INTEGER NOT NULL,
  category INTEGER NOT NULL,
  clock INTEGER NOT NULL,
  version INTEGER NOT NULL,
  count INTEGER NOT NULL,
  unit INTEGER NOT NULL,
  reason TEXT NOT NULL,
  set_by TEXT NOT NULL,
  set_time INTEGER NOT NULL,
  rescheduled INTEGER NOT NULL,
  PRIMARY KEY (channel, category, clock, version)
);
)sql";

// Migration 2: case-file review campaigns (the sample and its scores in
// the body), published rubric versions (version 1 is built in) and the
// rectifications findings open.
constexpr absl::string_view kReviewsSql = R"sql(
CREATE TABLE review_rubrics (
  version INTEGER PRIMARY KEY,
  body TEXT NOT NULL
);
CREATE TABLE review_campaigns (
  id TEXT PRIMARY KEY,
  division_code TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  body TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX review_campaigns_by_division ON review_campaigns (division_code, id);
CREATE INDEX review_campaigns_by_time ON review_campaigns (create_time, id);
CREATE TABLE rectifications (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL,
  agency_id TEXT NOT NULL,
  division_code TEXT NOT NULL,
  queue_division_code TEXT NOT NULL,
  state INTEGER NOT NULL,
  overdue INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  body TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX rectifications_by_division ON rectifications (division_code, id);
CREATE INDEX rectifications_by_queue ON rectifications (queue_division_code, id);
CREATE INDEX rectifications_by_agency ON rectifications (agency_id, id);
CREATE INDEX rectifications_by_time ON rectifications (create_time, id);
)sql";

// Migration 3: notices (problem lists numbered per department and year,
// circulars) and annual supervision plans.
constexpr absl::string_view kNoticesSql = R"sql(
CREATE TABLE notices (
  id TEXT PRIMARY KEY,
  kind INTEGER NOT NULL,
  division_code TEXT NOT NULL,
  agency_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  publish_time INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX notices_by_division ON notices (division_code, id);
CREATE UNIQUE INDEX problem_list_versions ON notices (agency_id, year, number) WHERE kind = 1;
CREATE TABLE supervision_plans (
  division_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  content TEXT NOT NULL,
  record_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL,
  recorded_by TEXT NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (division_code, year)
);
)sql";

const std::vector<store::Migration>& Migrations() {
  static const auto* const kMigrations = [] {
    static const std::string kFirst = absl::StrCat(
        kComplaintsSql, store::kAuditLogTableSql, store::kIdempotencyKeysTableSql,
        deadlines::kDeadlinesTableSql, cache::kCacheInvalidationsTableSql, outbox::kOutboxTableSql);
    return new std::vector<store::Migration>{
        {1, "complaints, handling limits, audit, idempotency, deadlines, outbox", kFirst},
        {2, "case-file review campaigns, rubrics, rectifications", kReviewsSql},
        {3, "notices (problem lists, circulars), annual supervision plans", kNoticesSql},
        {4, "audit log: method, division, changed fields, list indexes", store::kAuditLogScopeSql}};
  }();
  return *kMigrations;
}

constexpr char kSelectComplaint[] = "SELECT body, name_sealed, phone_sealed FROM complaints";

absl::StatusOr<StoredComplaint> FromRow(const store::Row& r) {
  absl::StatusOr<Complaint> c = json::ReadComplaintBody(r.Text(0));
  if (!c.ok()) return c.status();
  std::string id = c->id;
  return StoredComplaint{std::move(id), *std::move(c), SealedContacts{r.Text(1), r.Text(2)}};
}

store::Value OptionalText(const std::string& s) {
  return s.empty() ? store::Null() : store::Text(s);
}
store::Value OptionalTime(const std::optional<absl::Time>& t) {
  return t.has_value() ? store::TimeValue(*t) : store::Null();
}

absl::StatusOr<StoredComplaint> ReadComplaint(store::Transaction& tx, const std::string& id) {
  LE_ASSIGN_OR_RETURN(std::vector<store::Row> rows,
                      tx.Query(absl::StrCat(kSelectComplaint, " WHERE id = ?"), {store::Text(id)}));
  if (rows.empty()) return absl::NotFoundError("complaint not found");
  return FromRow(rows[0]);
}

// The deadlines of c's clocks: a running clock's due moment, none otherwise.
absl::Status SyncDeadlines(store::Transaction& tx, deadlines::DeadlineScheduler* scheduler,
                           const Complaint& c) {
  if (scheduler == nullptr) return absl::OkStatus();
  for (ClockKind kind : {ClockKind::kAcknowledge, ClockKind::kResolve}) {
    const std::string subject = absl::StrCat(c.id, "/", ClockCode(kind));
    const Clock* clock = c.FindClock(kind);
    if (clock != nullptr && clock->state == ClockState::kRunning) {
      LE_RETURN_IF_ERROR(
          scheduler->Schedule(tx, {kComplaintClockDeadline, subject, clock->due, "", std::nullopt})
              .status());
    } else {
      LE_RETURN_IF_ERROR(scheduler->Cancel(tx, kComplaintClockDeadline, subject));
    }
  }
  return absl::OkStatus();
}

absl::Status AppendEvent(store::Change& change, const Complaint& c, const std::string& type,
                         const store::AuditEntry& audit) {
  return outbox::Append(change, {type, absl::StrCat("complaints/", c.id), c.division_code,
                                 audit.actor, audit.time, json::EventPayload(c)})
      .status();
}

// Writes `w` in `change`'s transaction (version check, deadlines, audit, outbox).
absl::Status WriteComplaint(store::Change& change, const ComplaintWrite& w,
                            deadlines::DeadlineScheduler* scheduler) {
  Complaint after = w.after;
  after.version = w.expected_version + 1;
  const std::optional<absl::Time> next = after.NextDue();
  absl::StatusOr<int64_t> changed = change.tx().Execute(
      "UPDATE complaints SET agency_id = ?, division_code = ?, queue_division_code = ?, "
      "state = ?, escalated = ?, late = ?, next_due_at = ?, body = ?, version = ? "
      "WHERE id = ? AND version = ?",
      {store::Text(after.agency_id), store::Text(after.division_code),
       store::Text(after.queue_division_code), store::Int(static_cast<int>(after.state)),
       store::Bool(after.escalated()), store::Bool(after.Late()), OptionalTime(next),
       store::Text(json::ComplaintBody(after)), store::Int(after.version), store::Text(after.id),
       store::Int(w.expected_version)});
  LE_RETURN_IF_ERROR(change.ExpectUpdated(changed, "complaints", after.id, "complaint", "etag"));
  LE_RETURN_IF_ERROR(SyncDeadlines(change.tx(), scheduler, after));
  LE_RETURN_IF_ERROR(change.Audit(w.audit));
  return AppendEvent(change, after, w.event_type, w.audit);
}

constexpr char kRectificationDeadline[] = "rectification_due";

absl::StatusOr<Rectification> ReadRectification(store::Transaction& tx, const std::string& id) {
  LE_ASSIGN_OR_RETURN(std::vector<store::Row> rows,
                      tx.Query("SELECT body FROM rectifications WHERE id = ?", {store::Text(id)}));
  if (rows.empty()) return absl::NotFoundError("rectification not found");
  return json::ReadRectificationBody(rows[0].Text(0));
}

absl::Status SyncRectificationDeadline(store::Transaction& tx,
                                       deadlines::DeadlineScheduler* scheduler,
                                       const Rectification& r) {
  if (scheduler == nullptr) return absl::OkStatus();
  if (r.state == RectificationState::kOpen && r.clock.state == ClockState::kRunning) {
    return scheduler->Schedule(tx, {kRectificationDeadline, r.id, r.clock.due, "", std::nullopt})
        .status();
  }
  return scheduler->Cancel(tx, kRectificationDeadline, r.id);
}

absl::Status InsertRectification(store::Change& change, const Rectification& r,
                                 deadlines::DeadlineScheduler* scheduler,
                                 const store::AuditEntry& audit) {
  LE_RETURN_IF_ERROR(
      change.tx()
          .Execute("INSERT INTO rectifications (id, campaign_id, agency_id, division_code, "
                   "queue_division_code, state, overdue, create_time, body, version) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {store::Text(r.id), store::Text(r.campaign_id), store::Text(r.agency_id),
                    store::Text(r.division_code), store::Text(r.queue_division_code),
                    store::Int(static_cast<int>(r.state)), store::Bool(r.Overdue()),
                    store::TimeValue(r.create_time), store::Text(json::RectificationBody(r)),
                    store::Int(r.version)})
          .status());
  LE_RETURN_IF_ERROR(SyncRectificationDeadline(change.tx(), scheduler, r));
  return outbox::Append(change, {"rectification.opened", absl::StrCat("rectifications/", r.id),
                                 r.division_code, audit.actor, audit.time, json::EventPayload(r)})
      .status();
}

absl::Status WriteRectification(store::Change& change, const Rectification& after_in,
                                int64_t expected_version, const store::AuditEntry& audit,
                                deadlines::DeadlineScheduler* scheduler) {
  Rectification after = after_in;
  after.version = expected_version + 1;
  absl::StatusOr<int64_t> changed = change.tx().Execute(
      "UPDATE rectifications SET queue_division_code = ?, state = ?, overdue = ?, body = ?, "
      "version = ? WHERE id = ? AND version = ?",
      {store::Text(after.queue_division_code), store::Int(static_cast<int>(after.state)),
       store::Bool(after.Overdue()), store::Text(json::RectificationBody(after)),
       store::Int(after.version), store::Text(after.id), store::Int(expected_version)});
  LE_RETURN_IF_ERROR(
      change.ExpectUpdated(changed, "rectifications", after.id, "rectification", "etag"));
  LE_RETURN_IF_ERROR(SyncRectificationDeadline(change.tx(), scheduler, after));
  LE_RETURN_IF_ERROR(change.Audit(audit));
  return outbox::Append(
             change, {audit.action, absl::StrCat("rectifications/", after.id), after.division_code,
                      audit.actor, audit.time, json::EventPayload(after)})
      .status();
}

constexpr char kSelectPlans[] =
    "SELECT division_code, year, content, record_time, update_time, recorded_by, version "
    "FROM supervision_plans";

SupervisionPlan PlanFromRow(const store::Row& r) {
  return SupervisionPlan{r.Text(0),
                         static_cast<int>(r.Int(1)),
                         r.Text(2),
                         store::TimeFromMicros(r.Int(3)),
                         store::TimeFromMicros(r.Int(4)),
                         r.Text(5),
                         r.Int(6)};
}

LimitRule LimitFromRow(const store::Row& r) {
  LimitRule rule;
  rule.channel = static_cast<Channel>(r.Int(0));
  rule.category = static_cast<Category>(r.Int(1));
  rule.clock = static_cast<ClockKind>(r.Int(2));
  rule.version = r.Int(3);
  rule.period = {static_cast<int>(r.Int(4)), static_cast<calendar::PeriodUnit>(r.Int(5))};
  rule.reason = r.Text(6);
  rule.set_by = r.Text(7);
  rule.set_at = store::TimeFromMicros(r.Int(8));
  rule.rescheduled = static_cast<int>(r.Int(9));
  return rule;
}

constexpr char kSelectLimits[] =
    "SELECT channel, category, clock, version, count, unit, reason, set_by, set_time, rescheduled "
    "FROM complaint_limits";

absl::StatusOr<std::vector<LimitRule>> ReadLimits(store::Transaction& tx) {
  LE_ASSIGN_OR_RETURN(std::vector<store::Row> rows,
                      tx.Query(absl::StrCat(kSelectLimits,
                                            " ORDER BY channel, category, clock, "
                                            "version")));
  std::vector<LimitRule> out;
  out.reserve(rows.size());
  for (const store::Row& r : rows) out.push_back(LimitFromRow(r));
  return out;
}

class SqlSupervisionStore final : public SupervisionStore {
 public:
  SqlSupervisionStore(store::Database* db, IdGenerator* ids, store::ChangeObserver* changes,
                      deadlines::DeadlineScheduler* deadlines)
      : records_(db, ids, changes), deadlines_(deadlines) {}

  absl::StatusOr<store::Created> Submit(const Complaint& c, const SealedContacts& sealed,
                                        const std::string& ticket_hash,
                                        const std::optional<store::IdempotencyKey>& key,
                                        const store::AuditEntry& audit) override {
    return records_.Create(
        key, audit, c.id,
        [&](store::Change& change) -> absl::Status {
          const std::optional<absl::Time> next = c.NextDue();
          LE_RETURN_IF_ERROR(
              change.tx()
                  .Execute("INSERT INTO complaints (id, channel, ticket_id, ticket_hash, category, "
                           "agency_id, division_code, queue_division_code, state, escalated, "
                           "private_enterprise, late, next_due_at, submit_time, name_sealed, "
                           "phone_sealed, body, version) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           {store::Text(c.id), store::Int(static_cast<int>(c.channel)),
                            OptionalText(c.ticket_id), store::Text(ticket_hash),
                            store::Int(static_cast<int>(c.category)), store::Text(c.agency_id),
                            store::Text(c.division_code), store::Text(c.queue_division_code),
                            store::Int(static_cast<int>(c.state)), store::Bool(c.escalated()),
                            store::Bool(c.private_enterprise()), store::Bool(c.Late()),
                            OptionalTime(next), store::TimeValue(c.submit_time),
                            OptionalText(sealed.name), OptionalText(sealed.phone),
                            store::Text(json::ComplaintBody(c)), store::Int(c.version)})
                  .status());
          LE_RETURN_IF_ERROR(SyncDeadlines(change.tx(), deadlines_, c));
          return AppendEvent(change, c, "complaint.submitted", audit);
        },
        [](const absl::Status& s) -> absl::Status {
          if (s.code() == absl::StatusCode::kAlreadyExists &&
              absl::StrContains(s.message(), "ticket_id")) {
            return absl::AlreadyExistsError("complaint.ticket_id: this ticket is recorded already");
          }
          return s;
        });
  }

  absl::StatusOr<StoredComplaint> Get(const std::string& id) override {
    absl::StatusOr<StoredComplaint> out;
    LE_RETURN_IF_ERROR(records_.db()->Read([&](store::Transaction& tx) -> absl::Status {
      out = ReadComplaint(tx, id);
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::pair<StoredComplaint, std::string>> FindByTicket(
      Channel channel, const std::string& ticket_id) override {
    absl::StatusOr<std::pair<StoredComplaint, std::string>> out =
        absl::NotFoundError("complaint not found");
    LE_RETURN_IF_ERROR(records_.db()->Read([&](store::Transaction& tx) -> absl::Status {
      LE_ASSIGN_OR_RETURN(
          std::vector<store::Row> rows,
          tx.Query("SELECT body, name_sealed, phone_sealed, ticket_hash FROM complaints "
                   "WHERE channel = ? AND ticket_id = ?",
                   {store::Int(static_cast<int>(channel)), store::Text(ticket_id)}));
      if (rows.empty()) return absl::OkStatus();
      LE_ASSIGN_OR_RETURN(StoredComplaint c, FromRow(rows[0]));
      out = std::make_pair(std::move(c), rows[0].Text(3));
      return absl::OkStatus();
    }));
    return out;
  }

  absl::Status Update(const ComplaintWrite& w) override {
    return records_.Write(
        [&](store::Change& change) { return WriteComplaint(change, w, deadlines_); });
  }

  absl::StatusOr<std::vector<StoredComplaint>> List(const ComplaintFilter& f,
                                                    const store::PageRequest& page) override {
    std::vector<std::string> where = {"division_code >= ?", "division_code < ?"};
    std::vector<store::Value> params = {store::Text(f.division_prefix),
                                        store::Text(store::PrefixEnd(f.division_prefix))};
    const auto add = [&](std::string clause, store::Value v) {
      where.push_back(std::move(clause));
      params.push_back(std::move(v));
    };
    if (!f.queue_division.empty()) add("queue_division_code = ?", store::Text(f.queue_division));
    if (!f.agency_id.empty()) add("agency_id = ?", store::Text(f.agency_id));
    if (f.state) add("state = ?", store::Int(static_cast<int>(*f.state)));
    if (f.channel) add("channel = ?", store::Int(static_cast<int>(*f.channel)));
    if (f.category) add("category = ?", store::Int(static_cast<int>(*f.category)));
    if (f.escalated) add("escalated = ?", store::Bool(*f.escalated));
    if (f.private_enterprise) add("private_enterprise = ?", store::Bool(*f.private_enterprise));
    if (f.overdue.has_value()) {
      add(*f.overdue ? "(late = 1 OR next_due_at < ?)"
                     : "(late = 0 AND (next_due_at IS NULL OR next_due_at >= ?))",
          store::TimeValue(f.now));
    }
    return store::AllOk(records_.QueryPage<absl::StatusOr<StoredComplaint>>(
        absl::StrCat(kSelectComplaint, " WHERE ", absl::StrJoin(where, " AND ")), std::move(params),
        page, FromRow));
  }

  absl::StatusOr<std::vector<Complaint>> ReceivedBetween(absl::Time from, absl::Time to) override {
    return store::AllOk(records_.QueryAll<absl::StatusOr<Complaint>>(
        "SELECT body FROM complaints WHERE submit_time >= ? AND submit_time < ? "
        "ORDER BY submit_time, id",
        {store::TimeValue(from), store::TimeValue(to)},
        [](const store::Row& r) { return json::ReadComplaintBody(r.Text(0)); }));
  }

  absl::StatusOr<std::vector<OpenCount>> CountOpen(absl::Time now) override {
    return records_.QueryAll<OpenCount>(
        "SELECT division_code, state, CASE WHEN late = 1 OR next_due_at < ? THEN 1 ELSE 0 END "
        "AS lapsed, COUNT(*) FROM complaints WHERE state <> 4 "
        "GROUP BY division_code, state, lapsed",
        {store::TimeValue(now)}, [](const store::Row& r) {
          return OpenCount{r.Text(0), static_cast<ComplaintState>(r.Int(1)), r.Bool(2), r.Int(3)};
        });
  }

  absl::StatusOr<std::vector<LimitRule>> ListLimitOverrides() override {
    std::vector<LimitRule> out;
    LE_RETURN_IF_ERROR(records_.db()->Read([&](store::Transaction& tx) -> absl::Status {
      LE_ASSIGN_OR_RETURN(out, ReadLimits(tx));
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<LimitRule> SetLimit(LimitRule rule, const Reschedule& reschedule,
                                     const store::AuditEntry& audit) override {
    LE_RETURN_IF_ERROR(records_.Write([&](store::Change& change) -> absl::Status {
      store::Transaction& tx = change.tx();
      LE_ASSIGN_OR_RETURN(std::vector<LimitRule> overrides, ReadLimits(tx));
      int64_t version = 0;
      for (const LimitRule& r : overrides) {
        if (r.channel == rule.channel && r.category == rule.category && r.clock == rule.clock) {
          version = std::max(version, r.version);
        }
      }
      rule.version = version + 1;
      rule.rescheduled = 0;
      overrides.push_back(rule);
      // Every open complaint of the channel (and category): the callback
      // decides which clocks the new limit governs.
      std::string sql = absl::StrCat(kSelectComplaint, " WHERE channel = ? AND state IN (1, 2)");
      std::vector<store::Value> params = {store::Int(static_cast<int>(*rule.channel))};
      if (rule.category != Category::kAny) {
        absl::StrAppend(&sql, " AND category = ?");
        params.push_back(store::Int(static_cast<int>(rule.category)));
      }
      LE_ASSIGN_OR_RETURN(std::vector<store::Row> rows, tx.Query(sql, params));
      for (const store::Row& row : rows) {
        LE_ASSIGN_OR_RETURN(StoredComplaint stored, FromRow(row));
        LE_ASSIGN_OR_RETURN(std::optional<Complaint> after,
                            reschedule(stored.complaint, overrides));
        if (!after.has_value()) continue;
        store::AuditEntry a = audit;
        a.resource_id = stored.complaint.id;
        a.action = "complaint.limit_changed";
        LE_RETURN_IF_ERROR(WriteComplaint(
            change, {*after, stored.complaint.version, a, "complaint.limit_changed"}, deadlines_));
        ++rule.rescheduled;
      }
      LE_RETURN_IF_ERROR(
          tx.Execute("INSERT INTO complaint_limits (channel, category, clock, version, count, "
                     "unit, reason, set_by, set_time, rescheduled) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     {store::Int(static_cast<int>(*rule.channel)),
                      store::Int(static_cast<int>(rule.category)),
                      store::Int(static_cast<int>(rule.clock)), store::Int(rule.version),
                      store::Int(rule.period.count), store::Int(static_cast<int>(rule.period.unit)),
                      store::Text(rule.reason), store::Text(rule.set_by),
                      store::TimeValue(rule.set_at), store::Int(rule.rescheduled)})
              .status());
      store::AuditEntry a = audit;
      a.detail = absl::StrCat(LimitSource(rule), ": ", PeriodText(rule.period), ", ",
                              rule.rescheduled, " clocks rescheduled");
      return change.Audit(a);
    }));
    return rule;
  }

  // ------------------------------------------------------------ reviews

  absl::StatusOr<std::vector<Rubric>> ListRubrics() override {
    return store::AllOk(records_.QueryAll<absl::StatusOr<Rubric>>(
        "SELECT body FROM review_rubrics ORDER BY version", {},
        [](const store::Row& r) { return json::ReadRubricBody(r.Text(0)); }));
  }

  absl::StatusOr<Rubric> PublishRubric(Rubric r, const std::string& division_code,
                                       const store::AuditEntry& audit) override {
    LE_RETURN_IF_ERROR(records_.Write([&](store::Change& change) -> absl::Status {
      LE_ASSIGN_OR_RETURN(std::vector<store::Row> rows,
                          change.tx().Query("SELECT MAX(version) FROM review_rubrics"));
      const int64_t last = rows.empty() || rows[0].IsNull(0) ? 1 : rows[0].Int(0);
      r.version = std::max<int64_t>(last, 1) + 1;
      LE_RETURN_IF_ERROR(change.tx()
                             .Execute("INSERT INTO review_rubrics (version, body) VALUES (?, ?)",
                                      {store::Int(r.version), store::Text(json::RubricBody(r))})
                             .status());
      store::AuditEntry a = audit;
      a.resource_id = absl::StrCat("review_rubrics/", r.version);
      LE_RETURN_IF_ERROR(
          outbox::Append(change,
                         {"review_rubric.published", absl::StrCat("review_rubrics/", r.version),
                          division_code, audit.actor, audit.time, json::RubricBody(r)})
              .status());
      return change.Audit(a);
    }));
    return r;
  }

  absl::StatusOr<store::Created> CreateCampaign(const Campaign& c,
                                                const std::optional<store::IdempotencyKey>& key,
                                                const store::AuditEntry& audit) override {
    return records_.Create(key, audit, c.id, [&](store::Change& change) -> absl::Status {
      LE_RETURN_IF_ERROR(change.tx()
                             .Execute("INSERT INTO review_campaigns (id, division_code, "
                                      "create_time, body, version) VALUES (?, ?, ?, ?, ?)",
                                      {store::Text(c.id), store::Text(c.division_code),
                                       store::TimeValue(c.create_time),
                                       store::Text(json::CampaignBody(c)), store::Int(c.version)})
                             .status());
      return outbox::Append(
                 change, {"review_campaign.created", absl::StrCat("review_campaigns/", c.id),
                          c.division_code, audit.actor, audit.time,
                          absl::StrCat("{\"id\":\"", c.id, "\",\"cases\":", c.cases.size(), "}")})
          .status();
    });
  }

  absl::StatusOr<Campaign> GetCampaign(const std::string& id) override {
    return records_.GetOneParsed<Campaign>(
        "SELECT body FROM review_campaigns WHERE id = ?", {store::Text(id)}, "review campaign",
        [](const store::Row& r) { return json::ReadCampaignBody(r.Text(0)); });
  }

  absl::StatusOr<std::vector<Campaign>> ListCampaigns(const std::string& prefix,
                                                      const store::PageRequest& page) override {
    return store::AllOk(records_.QueryPage<absl::StatusOr<Campaign>>(
        "SELECT body FROM review_campaigns WHERE division_code >= ? AND division_code < ?",
        {store::Text(prefix), store::Text(store::PrefixEnd(prefix))}, page,
        [](const store::Row& r) { return json::ReadCampaignBody(r.Text(0)); }));
  }

  absl::Status ScoreCampaign(const Campaign& after_in, int64_t expected_version,
                             const std::vector<Rectification>& opened,
                             const store::AuditEntry& audit) override {
    return records_.Write([&](store::Change& change) -> absl::Status {
      Campaign after = after_in;
      after.version = expected_version + 1;
      absl::StatusOr<int64_t> changed = change.tx().Execute(
          "UPDATE review_campaigns SET body = ?, version = ? WHERE id = ? AND version = ?",
          {store::Text(json::CampaignBody(after)), store::Int(after.version), store::Text(after.id),
           store::Int(expected_version)});
      LE_RETURN_IF_ERROR(
          change.ExpectUpdated(changed, "review_campaigns", after.id, "review campaign", "etag"));
      for (const Rectification& r : opened) {
        LE_RETURN_IF_ERROR(InsertRectification(change, r, deadlines_, audit));
        LE_RETURN_IF_ERROR(change.Audit(store::AuditEntry{
            audit.actor, "rectification.open", r.id,
            absl::StrCat("finding ", r.finding_id, " of campaign ", r.campaign_id), audit.time}));
      }
      LE_RETURN_IF_ERROR(
          outbox::Append(
              change, {"review_campaign.scored", absl::StrCat("review_campaigns/", after.id),
                       after.division_code, audit.actor, audit.time,
                       absl::StrCat("{\"id\":\"", after.id, "\",\"scored\":", after.scored(), "}")})
              .status());
      return change.Audit(audit);
    });
  }

  absl::StatusOr<std::vector<Campaign>> CampaignsCreatedBetween(absl::Time from,
                                                                absl::Time to) override {
    return store::AllOk(records_.QueryAll<absl::StatusOr<Campaign>>(
        "SELECT body FROM review_campaigns WHERE create_time >= ? AND create_time < ? ORDER BY id",
        {store::TimeValue(from), store::TimeValue(to)},
        [](const store::Row& r) { return json::ReadCampaignBody(r.Text(0)); }));
  }

  absl::StatusOr<Rectification> GetRectification(const std::string& id) override {
    absl::StatusOr<Rectification> out;
    LE_RETURN_IF_ERROR(records_.db()->Read([&](store::Transaction& tx) -> absl::Status {
      out = ReadRectification(tx, id);
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::vector<Rectification>> ListRectifications(
      const RectificationFilter& f, const store::PageRequest& page) override {
    std::vector<std::string> where = {"division_code >= ?", "division_code < ?"};
    std::vector<store::Value> params = {store::Text(f.division_prefix),
                                        store::Text(store::PrefixEnd(f.division_prefix))};
    const auto add = [&](std::string clause, store::Value v) {
      where.push_back(std::move(clause));
      params.push_back(std::move(v));
    };
    if (!f.queue_division.empty()) add("queue_division_code = ?", store::Text(f.queue_division));
    if (!f.agency_id.empty()) add("agency_id = ?", store::Text(f.agency_id));
    if (f.state) add("state = ?", store::Int(static_cast<int>(*f.state)));
    if (f.overdue) add("overdue = ?", store::Bool(*f.overdue));
    return store::AllOk(records_.QueryPage<absl::StatusOr<Rectification>>(
        absl::StrCat("SELECT body FROM rectifications WHERE ", absl::StrJoin(where, " AND ")),
        std::move(params), page,
        [](const store::Row& r) { return json::ReadRectificationBody(r.Text(0)); }));
  }

  absl::Status UpdateRectification(const Rectification& after, int64_t expected_version,
                                   const store::AuditEntry& audit) override {
    return records_.Write([&](store::Change& change) {
      return WriteRectification(change, after, expected_version, audit, deadlines_);
    });
  }

  absl::StatusOr<std::vector<Rectification>> RectificationsOpenedBetween(absl::Time from,
                                                                         absl::Time to) override {
    return store::AllOk(records_.QueryAll<absl::StatusOr<Rectification>>(
        "SELECT body FROM rectifications WHERE create_time >= ? AND create_time < ? ORDER BY id",
        {store::TimeValue(from), store::TimeValue(to)},
        [](const store::Row& r) { return json::ReadRectificationBody(r.Text(0)); }));
  }

  absl::StatusOr<std::vector<OpenRectifications>> CountOpenRectifications() override {
    return records_.QueryAll<OpenRectifications>(
        "SELECT division_code, overdue, COUNT(*) FROM rectifications WHERE state = 1 "
        "GROUP BY division_code, overdue",
        {}, [](const store::Row& r) {
          return OpenRectifications{r.Text(0), r.Bool(1), r.Int(2)};
        });
  }

  // ------------------------------------------------------------ notices

  absl::StatusOr<Notice> PublishNotice(Notice n, const std::optional<store::IdempotencyKey>& key,
                                       const store::AuditEntry& audit) override {
    LE_ASSIGN_OR_RETURN(
        store::Created created,
        records_.Create(
            key, audit, n.id,
            [&](store::Change& change) -> absl::Status {
              if (n.kind == NoticeKind::kProblemList) {
                LE_ASSIGN_OR_RETURN(
                    std::vector<store::Row> rows,
                    change.tx().Query("SELECT MAX(number) FROM notices WHERE kind = 1 AND "
                                      "agency_id = ? AND year = ?",
                                      {store::Text(n.agency_id), store::Int(n.year)}));
                n.number =
                    static_cast<int>(rows.empty() || rows[0].IsNull(0) ? 0 : rows[0].Int(0)) + 1;
              }
              LE_RETURN_IF_ERROR(
                  change.tx()
                      .Execute("INSERT INTO notices (id, kind, division_code, agency_id, year, "
                               "number, publish_time, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               {store::Text(n.id), store::Int(static_cast<int>(n.kind)),
                                store::Text(n.division_code), store::Text(n.agency_id),
                                store::Int(n.year), store::Int(n.number),
                                store::TimeValue(n.publish_time), store::Text(json::NoticeBody(n))})
                      .status());
              return outbox::Append(change,
                                    {"notice.published", absl::StrCat("notices/", n.id),
                                     n.division_code, audit.actor, audit.time, json::NoticeBody(n)})
                  .status();
            },
            [](const absl::Status& s) -> absl::Status {
              if (s.code() == absl::StatusCode::kAlreadyExists) {
                return absl::AbortedError(
                    "another version of this problem list was published at the same time: retry");
              }
              return s;
            }));
    return GetNotice(created.id);
  }

  absl::StatusOr<Notice> GetNotice(const std::string& id) override {
    LE_ASSIGN_OR_RETURN(std::vector<Notice> rows,
                        store::AllOk(records_.QueryAll<absl::StatusOr<Notice>>(
                            "SELECT body FROM notices WHERE id = ?", {store::Text(id)},
                            [](const store::Row& r) { return json::ReadNoticeBody(r.Text(0)); })));
    if (rows.empty()) return absl::NotFoundError("notice not found");
    return rows[0];
  }

  absl::StatusOr<std::vector<Notice>> ListNotices(const std::vector<std::string>& divisions,
                                                  const std::string& prefix, int kind,
                                                  const std::string& agency_id, int year,
                                                  const store::PageRequest& page) override {
    std::vector<std::string> either = {"(division_code >= ? AND division_code < ?)"};
    std::vector<store::Value> params = {store::Text(prefix), store::Text(store::PrefixEnd(prefix))};
    for (const std::string& d : divisions) {
      either.push_back("division_code = ?");
      params.push_back(store::Text(d));
    }
    std::string sql =
        absl::StrCat("SELECT body FROM notices WHERE (", absl::StrJoin(either, " OR "), ")");
    if (kind != 0) {
      absl::StrAppend(&sql, " AND kind = ?");
      params.push_back(store::Int(kind));
    }
    if (!agency_id.empty()) {
      absl::StrAppend(&sql, " AND agency_id = ?");
      params.push_back(store::Text(agency_id));
    }
    if (year != 0) {
      absl::StrAppend(&sql, " AND year = ?");
      params.push_back(store::Int(year));
    }
    return store::AllOk(records_.QueryPage<absl::StatusOr<Notice>>(
        sql, std::move(params), page,
        [](const store::Row& r) { return json::ReadNoticeBody(r.Text(0)); }));
  }

  absl::StatusOr<SupervisionPlan> GetPlan(const std::string& division_code, int year) override {
    return records_.GetOne<SupervisionPlan>(
        absl::StrCat(kSelectPlans, " WHERE division_code = ? AND year = ?"),
        {store::Text(division_code), store::Int(year)}, "supervision plan", PlanFromRow);
  }

  absl::Status PutPlan(const SupervisionPlan& p, int64_t expected_version,
                       const store::AuditEntry& audit) override {
    return records_.Write([&](store::Change& change) -> absl::Status {
      if (expected_version == 0) {
        absl::Status inserted =
            change.tx()
                .Execute(
                    "INSERT INTO supervision_plans (division_code, year, content, "
                    "record_time, update_time, recorded_by, version) "
                    "VALUES (?, ?, ?, ?, ?, ?, 1)",
                    {store::Text(p.division_code), store::Int(p.year), store::Text(p.content),
                     store::TimeValue(p.record_time), store::TimeValue(p.update_time),
                     store::Text(p.recorded_by)})
                .status();
        if (inserted.code() == absl::StatusCode::kAlreadyExists) {
          return absl::AlreadyExistsError(
              "etag: the plan is recorded already; send its etag to revise it");
        }
        LE_RETURN_IF_ERROR(inserted);
      } else {
        absl::StatusOr<int64_t> changed = change.tx().Execute(
            "UPDATE supervision_plans SET content = ?, update_time = ?, recorded_by = ?, "
            "version = version + 1 WHERE division_code = ? AND year = ? AND version = ?",
            {store::Text(p.content), store::TimeValue(p.update_time), store::Text(p.recorded_by),
             store::Text(p.division_code), store::Int(p.year), store::Int(expected_version)});
        LE_ASSIGN_OR_RETURN(int64_t n, changed);
        if (n == 0) return StaleEtag("etag");
      }
      return change.Audit(audit);
    });
  }

  absl::StatusOr<std::vector<SupervisionPlan>> PlansOf(int year) override {
    return records_.QueryAll<SupervisionPlan>(absl::StrCat(kSelectPlans, " WHERE year = ?"),
                                              {store::Int(year)}, PlanFromRow);
  }

 private:
  store::RecordStore records_;
  deadlines::DeadlineScheduler* const deadlines_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<SupervisionStore>> OpenSqlSupervisionStore(
    store::Database* db, IdGenerator* ids, store::ChangeObserver* changes,
    deadlines::DeadlineScheduler* deadlines) {
  LE_RETURN_IF_ERROR(store::Migrate(*db, kServiceName, Migrations()));
  return std::make_unique<SqlSupervisionStore>(db, ids, changes, deadlines);
}

void RegisterSupervisionDeadlines(deadlines::DeadlineEngine& engine, store::ChangeObserver* changes,
                                  IdGenerator* ids, const lawenforce::Clock* clock,
                                  const calendar::WorkingCalendar* calendar,
                                  const Divisions* divisions, prometheus::Registry* registry) {
  prometheus::Family<prometheus::Counter>* escalated = nullptr;
  if (registry != nullptr) {
    escalated = &prometheus::BuildCounter()
                     .Name("lawenforce_complaint_escalations_total")
                     .Help(
                         "Complaint clocks that ran out, by the tier and division that let "
                         "them lapse (the complaint moved up a tier, or stayed at the region).")
                     .Register(*registry);
  }
  deadlines::DeadlineEngine* scheduler = &engine;
  engine.RegisterHandler(
      kComplaintClockDeadline,
      [=](store::Transaction& tx, const deadlines::Deadline& d) -> absl::Status {
        std::vector<std::string> parts = absl::StrSplit(d.subject, '/');
        std::optional<ClockKind> kind = parts.size() == 2 ? ClockFromCode(parts[1]) : std::nullopt;
        if (!kind.has_value()) {
          log::Warn("complaint_clock_deadline_malformed", {{"subject", d.subject}});
          return absl::OkStatus();
        }
        absl::StatusOr<StoredComplaint> stored = ReadComplaint(tx, parts[0]);
        if (stored.status().code() == absl::StatusCode::kNotFound) {
          log::Warn("complaint_clock_deadline_orphan", {{"complaint_id", parts[0]}});
          return absl::OkStatus();
        }
        LE_RETURN_IF_ERROR(stored.status());
        const ActContext ctx{calendar, divisions, clock->Now(), "system"};
        LE_ASSIGN_OR_RETURN(std::optional<Complaint> after,
                            FireClock(stored->complaint, *kind, d.due_at, ctx));
        if (!after.has_value()) return absl::OkStatus();  // met, moved or re-routed meanwhile
        const Escalation& e = after->escalations.back();
        const std::string type =
            e.to_division.empty() ? "complaint.lapsed_at_region" : "complaint.escalated";
        store::Change change(tx, *ids, changes);
        LE_RETURN_IF_ERROR(WriteComplaint(
            change,
            {*after, stored->complaint.version,
             store::AuditEntry{"system", type, after->id, after->history.back().detail, ctx.now},
             type},
            scheduler));
        log::Info("complaint_clock_ran_out", {{"complaint_id", after->id},
                                              {"clock", parts[1]},
                                              {"from", e.from_division},
                                              {"to", e.to_division}});
        if (escalated != nullptr) {
          escalated->Add(metrics::LabelsFor(*divisions, e.from_division).ToLabels()).Increment();
        }
        return absl::OkStatus();
      });
  prometheus::Family<prometheus::Counter>* rect_escalated = nullptr;
  if (registry != nullptr) {
    rect_escalated = &prometheus::BuildCounter()
                          .Name("lawenforce_rectification_escalations_total")
                          .Help(
                              "Rectification deadlines that ran out, by the tier and division "
                              "that let them lapse.")
                          .Register(*registry);
  }
  engine.RegisterHandler(
      kRectificationDeadline,
      [=](store::Transaction& tx, const deadlines::Deadline& d) -> absl::Status {
        absl::StatusOr<Rectification> r = ReadRectification(tx, d.subject);
        if (r.status().code() == absl::StatusCode::kNotFound) {
          log::Warn("rectification_deadline_orphan", {{"rectification_id", d.subject}});
          return absl::OkStatus();
        }
        LE_RETURN_IF_ERROR(r.status());
        const ActContext ctx{calendar, divisions, clock->Now(), "system"};
        LE_ASSIGN_OR_RETURN(std::optional<Rectification> after,
                            FireRectification(*r, d.due_at, ctx));
        if (!after.has_value()) return absl::OkStatus();  // completed meanwhile
        const Escalation& e = after->escalations.back();
        const std::string type =
            e.to_division.empty() ? "rectification.lapsed_at_region" : "rectification.escalated";
        store::Change change(tx, *ids, changes);
        LE_RETURN_IF_ERROR(WriteRectification(
            change, *after, r->version,
            store::AuditEntry{"system", type, after->id, after->history.back().detail, ctx.now},
            scheduler));
        log::Info(
            "rectification_deadline_ran_out",
            {{"rectification_id", after->id}, {"from", e.from_division}, {"to", e.to_division}});
        if (rect_escalated != nullptr) {
          rect_escalated->Add(metrics::LabelsFor(*divisions, e.from_division).ToLabels())
              .Increment();
        }
        return absl::OkStatus();
      });
}

}  // namespace lawenforce::supervision
