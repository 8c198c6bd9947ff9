#include "services/task/store/sql_task_store.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/cache/invalidation_journal.h"
#include "common/deadlines/schema.h"
#include "common/log/log.h"
#include "common/metrics/division_label.h"
#include "common/outbox/outbox.h"
#include "common/status/macros.h"
#include "common/store/audit.h"
#include "common/store/idempotency.h"
#include "common/store/json_values.h"
#include "common/store/values.h"
#include "nlohmann/json.hpp"
#include "prometheus/counter.h"
#include "services/task/store/report_json.h"

namespace lawenforce::tasks {
namespace {

using nlohmann::json;

constexpr char kServiceName[] = "task";

// Migration 1: assignments (the body JSON beside the filter columns, each
// index ending in id for keyset paging); a rolled-over assignment names its
// previous one, at most once.
constexpr absl::string_view kAssignmentsSql = R"sql(
CREATE TABLE assignments (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL,
  task_number INTEGER NOT NULL,
  division_code TEXT NOT NULL,
  state INTEGER NOT NULL,
  previous_id TEXT,
  create_time INTEGER NOT NULL,
  body TEXT NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (previous_id)
);
CREATE INDEX assignments_by_division ON assignments (division_code, id);
CREATE INDEX assignments_by_plan ON assignments (plan_id, task_number, id);
)sql";

// Migration 2: annual reports, one row per version (the body JSON beside the
// filter columns; `scope` is the division code for a division's report,
// "agency:<id>" for an agency's), never updated but for publication.
constexpr absl::string_view kReportsSql = R"sql(
CREATE TABLE annual_reports (
  id TEXT PRIMARY KEY,
  scope TEXT NOT NULL,
  division_code TEXT NOT NULL,
  agency_id TEXT NOT NULL,
  year INTEGER NOT NULL,
  version INTEGER NOT NULL,
  published INTEGER NOT NULL,
  publish_time INTEGER,
  body TEXT NOT NULL,
  UNIQUE (scope, year, version)
);
CREATE INDEX annual_reports_by_division ON annual_reports (division_code, year);
)sql";

const std::vector<store::Migration>& Migrations() {
  static const auto* const kMigrations = [] {
    static const std::string kFirst = absl::StrCat(
        kAssignmentsSql, store::kAuditLogTableSql, store::kIdempotencyKeysTableSql,
        deadlines::kDeadlinesTableSql, cache::kCacheInvalidationsTableSql, outbox::kOutboxTableSql);
    return new std::vector<store::Migration>{
        {1, "assignments, audit, idempotency, deadlines, outbox", kFirst},
        {2, "annual reports", kReportsSql},
        {3, "audit log: method, division, changed fields, list indexes", store::kAuditLogScopeSql}};
  }();
  return *kMigrations;
}

using store::jsonfmt::OptTime;
using store::jsonfmt::ReadOptTime;
using store::jsonfmt::ReadTime;
using store::jsonfmt::Time;

std::string Body(const Assignment& a) {
  json reports = json::array();
  for (const ProgressReport& r : a.reports) {
    reports.push_back({{"seq", r.seq},
                       {"percent", r.percent},
                       {"narrative", r.narrative},
                       {"evidence", r.evidence},
                       {"by", r.reported_by},
                       {"at", Time(r.at)}});
  }
  return json{{"id", a.id},
              {"plan", a.plan_id},
              {"task", a.task_number},
              {"division", a.division_code},
              {"unit", a.unit},
              {"owner", a.owner},
              {"year", a.year},
              {"due", absl::FormatCivilTime(a.due_date)},
              {"state", static_cast<int>(a.state)},
              {"percent", a.percent},
              {"reports", reports},
              {"done", OptTime(a.done_time)},
              {"on_time", a.on_time},
              {"overdue", OptTime(a.overdue_at)},
              {"previous", a.previous_id},
              {"created", Time(a.create_time)},
              {"by", a.assigned_by},
              {"version", a.version}}
      .dump();
}

absl::StatusOr<Assignment> ReadBody(const std::string& text) {
  try {
    const json j = json::parse(text);
    Assignment a;
    a.id = j.at("id").get<std::string>();
    a.plan_id = j.at("plan").get<std::string>();
    a.task_number = j.at("task").get<int>();
    a.division_code = j.at("division").get<std::string>();
    a.unit = j.at("unit").get<std::string>();
    a.owner = j.at("owner").get<std::string>();
    a.year = j.at("year").get<int>();
    if (!absl::ParseCivilTime(j.at("due").get<std::string>(), &a.due_date)) {
      return absl::DataLossError("stored assignment has a malformed due day");
    }
    a.state = static_cast<AssignmentState>(j.at("state").get<int>());
    a.percent = j.at("percent").get<int>();
    for (const json& r : j.at("reports")) {
      a.reports.push_back({r.at("seq").get<int64_t>(), r.at("percent").get<int>(),
                           r.at("narrative").get<std::string>(),
                           r.at("evidence").get<std::vector<std::string>>(),
                           r.at("by").get<std::string>(), ReadTime(r.at("at"))});
    }
    a.done_time = ReadOptTime(j, "done");
    a.on_time = j.at("on_time").get<bool>();
    a.overdue_at = ReadOptTime(j, "overdue");
    a.previous_id = j.at("previous").get<std::string>();
    a.create_time = ReadTime(j.at("created"));
    a.assigned_by = j.at("by").get<std::string>();
    a.version = j.at("version").get<int64_t>();
    return a;
  } catch (const std::exception& e) {
    return absl::DataLossError(absl::StrCat("stored assignment is malformed: ", e.what()));
  }
}

absl::StatusOr<Assignment> FromRow(const store::Row& r) { return ReadBody(r.Text(0)); }

// The due deadline stays armed until its moment is handled: while the
// assignment is not done, and for a yearly task's also once done (its due
// day rolls it over to the next year). Once the due day passed (overdue_at)
// there is nothing left to fire.
absl::Status SyncDeadline(store::Transaction& tx, deadlines::DeadlineScheduler* scheduler,
                          const Assignment& a, bool yearly) {
  if (scheduler == nullptr) return absl::OkStatus();
  const bool armed = !a.overdue_at.has_value() && (yearly || a.state != AssignmentState::kDone);
  if (armed) {
    return scheduler
        ->Schedule(tx, {kAssignmentDeadline, a.id, DueMoment(a.due_date), "", kAssignmentReminder})
        .status();
  }
  return scheduler->Cancel(tx, kAssignmentDeadline, a.id);
}

absl::Status Insert(store::Change& change, const Assignment& a, bool yearly,
                    deadlines::DeadlineScheduler* scheduler, const store::AuditEntry& audit) {
  LE_RETURN_IF_ERROR(
      change.tx()
          .Execute("INSERT INTO assignments (id, plan_id, task_number, division_code, state, "
                   "previous_id, create_time, body, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {store::Text(a.id), store::Text(a.plan_id), store::Int(a.task_number),
                    store::Text(a.division_code), store::Int(static_cast<int>(a.state)),
                    a.previous_id.empty() ? store::Null() : store::Text(a.previous_id),
                    store::TimeValue(a.create_time), store::Text(Body(a)), store::Int(a.version)})
          .status());
  LE_RETURN_IF_ERROR(SyncDeadline(change.tx(), scheduler, a, yearly));
  return outbox::Append(change, {"assignment.created", absl::StrCat("assignments/", a.id),
                                 a.division_code, audit.actor, audit.time, Body(a)})
      .status();
}

absl::Status Write(store::Change& change, const Assignment& after_in, int64_t expected, bool yearly,
                   deadlines::DeadlineScheduler* scheduler, const store::AuditEntry& audit) {
  Assignment after = after_in;
  after.version = expected + 1;
  absl::StatusOr<int64_t> changed = change.tx().Execute(
      "UPDATE assignments SET state = ?, body = ?, version = ? WHERE id = ? AND version = ?",
      {store::Int(static_cast<int>(after.state)), store::Text(Body(after)),
       store::Int(after.version), store::Text(after.id), store::Int(expected)});
  LE_RETURN_IF_ERROR(change.ExpectUpdated(changed, "assignments", after.id, "assignment", "etag"));
  LE_RETURN_IF_ERROR(SyncDeadline(change.tx(), scheduler, after, yearly));
  LE_RETURN_IF_ERROR(change.Audit(audit));
  return outbox::Append(change, {audit.action, absl::StrCat("assignments/", after.id),
                                 after.division_code, audit.actor, audit.time, Body(after)})
      .status();
}

constexpr char kSelect[] = "SELECT body FROM assignments";
constexpr char kSelectReport[] = "SELECT body FROM annual_reports";

std::string ReportScope(const AnnualReport& r) {
  return r.agency_id.empty() ? r.division_code : absl::StrCat("agency:", r.agency_id);
}

absl::StatusOr<AnnualReport> ReportFromRow(const store::Row& r) {
  return ReadReportBody(r.Text(0));
}

class SqlTaskStore final : public TaskStores {
 public:
  SqlTaskStore(store::Database* db, IdGenerator* ids, store::ChangeObserver* changes,
               deadlines::DeadlineScheduler* deadlines)
      : records_(db, ids, changes), deadlines_(deadlines) {}

  absl::StatusOr<std::vector<std::string>> CreateAll(
      const std::vector<Assignment>& all, bool yearly,
      const std::optional<store::IdempotencyKey>& key, const store::AuditEntry& audit) override {
    LE_ASSIGN_OR_RETURN(
        store::Created created,
        records_.Create(key, audit, all.front().id, [&](store::Change& change) -> absl::Status {
          for (const Assignment& a : all) {
            LE_RETURN_IF_ERROR(Insert(change, a, yearly, deadlines_, audit));
          }
          return absl::OkStatus();
        }));
    if (!created.replayed) {
      std::vector<std::string> ids;
      for (const Assignment& a : all) ids.push_back(a.id);
      return ids;
    }
    // The earlier call's assignments: created in one transaction with the
    // first, by the same audit row's actor, at its time.
    LE_ASSIGN_OR_RETURN(Assignment first, Get(created.id));
    LE_ASSIGN_OR_RETURN(
        std::vector<Assignment> same,
        store::AllOk(records_.QueryAll<absl::StatusOr<Assignment>>(
            absl::StrCat(kSelect,
                         " WHERE plan_id = ? AND task_number = ? AND create_time = ? "
                         "ORDER BY id"),
            {store::Text(first.plan_id), store::Int(first.task_number),
             store::TimeValue(first.create_time)},
            FromRow)));
    std::vector<std::string> ids;
    for (const Assignment& a : same) {
      if (a.assigned_by == first.assigned_by) ids.push_back(a.id);
    }
    return ids;
  }

  absl::StatusOr<Assignment> Get(const std::string& id) override {
    LE_ASSIGN_OR_RETURN(std::vector<Assignment> rows,
                        store::AllOk(records_.QueryAll<absl::StatusOr<Assignment>>(
                            absl::StrCat(kSelect, " WHERE id = ?"), {store::Text(id)}, FromRow)));
    if (rows.empty()) return absl::NotFoundError("assignment not found");
    return rows[0];
  }

  absl::StatusOr<std::vector<Assignment>> List(const AssignmentFilter& f,
                                               const store::PageRequest& page) override {
    std::vector<std::string> where = {"division_code >= ?", "division_code < ?"};
    std::vector<store::Value> params = {store::Text(f.division_prefix),
                                        store::Text(store::PrefixEnd(f.division_prefix))};
    if (!f.plan_id.empty()) {
      where.push_back("plan_id = ?");
      params.push_back(store::Text(f.plan_id));
    }
    if (f.task_number != 0) {
      where.push_back("task_number = ?");
      params.push_back(store::Int(f.task_number));
    }
    if (f.state.has_value()) {
      where.push_back("state = ?");
      params.push_back(store::Int(static_cast<int>(*f.state)));
    }
    return store::AllOk(records_.QueryPage<absl::StatusOr<Assignment>>(
        absl::StrCat(kSelect, " WHERE ", absl::StrJoin(where, " AND ")), std::move(params), page,
        FromRow));
  }

  absl::StatusOr<std::vector<Assignment>> AllOf(const std::string& plan_id) override {
    return store::AllOk(records_.QueryAll<absl::StatusOr<Assignment>>(
        absl::StrCat(kSelect, " WHERE plan_id = ? ORDER BY id"), {store::Text(plan_id)}, FromRow));
  }

  absl::StatusOr<std::vector<StateCount>> CountByState() override {
    return records_.QueryAll<StateCount>(
        "SELECT division_code, state, COUNT(*) FROM assignments GROUP BY division_code, state", {},
        [](const store::Row& r) {
          return StateCount{r.Text(0), static_cast<AssignmentState>(r.Int(1)), r.Int(2)};
        });
  }

  absl::Status Update(const Assignment& after, int64_t expected_version, bool yearly,
                      const store::AuditEntry& audit) override {
    return records_.Write([&](store::Change& change) {
      return Write(change, after, expected_version, yearly, deadlines_, audit);
    });
  }

  absl::StatusOr<AnnualReport> AddReport(AnnualReport r,
                                         const std::optional<store::IdempotencyKey>& key,
                                         const store::AuditEntry& audit) override {
    const std::string scope = ReportScope(r);
    // Two generations of one scope and year racing for a version number: the
    // loser's insert meets UNIQUE (scope, year, version) and runs again.
    for (int attempt = 0;; ++attempt) {
      absl::StatusOr<store::Created> created =
          records_.Create(key, audit, r.id, [&](store::Change& change) -> absl::Status {
            LE_ASSIGN_OR_RETURN(std::vector<store::Row> rows,
                                change.tx().Query("SELECT COALESCE(MAX(version), 0) FROM "
                                                  "annual_reports WHERE scope = ? AND year = ?",
                                                  {store::Text(scope), store::Int(r.year)}));
            r.version = rows[0].Int(0) + 1;
            const std::string body = ReportBody(r);
            LE_RETURN_IF_ERROR(
                change.tx()
                    .Execute("INSERT INTO annual_reports (id, scope, division_code, agency_id, "
                             "year, version, published, publish_time, body) VALUES "
                             "(?, ?, ?, ?, ?, ?, 0, NULL, ?)",
                             {store::Text(r.id), store::Text(scope), store::Text(r.division_code),
                              store::Text(r.agency_id), store::Int(r.year), store::Int(r.version),
                              store::Text(body)})
                    .status());
            return outbox::Append(change,
                                  {"annual_report.generated", absl::StrCat("annual-reports/", r.id),
                                   r.division_code, audit.actor, audit.time, body})
                .status();
          });
      if (created.status().code() == absl::StatusCode::kAlreadyExists && attempt < 5) continue;
      LE_RETURN_IF_ERROR(created.status());
      if (created->replayed) return GetReport(created->id);
      return r;
    }
  }

  absl::StatusOr<AnnualReport> GetReport(const std::string& id) override {
    return records_.GetOneParsed<AnnualReport>(absl::StrCat(kSelectReport, " WHERE id = ?"),
                                               {store::Text(id)}, "annual report", ReportFromRow);
  }

  absl::StatusOr<std::vector<AnnualReport>> ListReports(const ReportFilter& f) override {
    std::vector<std::string> where = {"scope = ?"};
    std::vector<store::Value> params = {
        store::Text(f.agency_id.empty() ? f.division_code : absl::StrCat("agency:", f.agency_id))};
    if (f.year != 0) {
      where.push_back("year = ?");
      params.push_back(store::Int(f.year));
    }
    if (f.published_only) where.push_back("published = 1");
    return store::AllOk(records_.QueryAll<absl::StatusOr<AnnualReport>>(
        absl::StrCat(kSelectReport, " WHERE ", absl::StrJoin(where, " AND "),
                     " ORDER BY year DESC, version DESC"),
        std::move(params), ReportFromRow));
  }

  absl::StatusOr<AnnualReport> PublishReport(const std::string& id, const std::string& by,
                                             absl::Time at,
                                             const store::AuditEntry& audit) override {
    AnnualReport published;
    LE_RETURN_IF_ERROR(records_.Write([&](store::Change& change) -> absl::Status {
      LE_ASSIGN_OR_RETURN(
          std::vector<store::Row> rows,
          change.tx().Query(absl::StrCat(kSelectReport, " WHERE id = ?"), {store::Text(id)}));
      if (rows.empty()) return absl::NotFoundError("annual report not found");
      LE_ASSIGN_OR_RETURN(published, ReadReportBody(rows[0].Text(0)));
      if (published.state == ReportState::kPublished) {
        return absl::FailedPreconditionError(
            absl::StrCat("annual report ", id, " is published already"));
      }
      published.state = ReportState::kPublished;
      published.published_by = by;
      published.publish_time = at;
      const std::string body = ReportBody(published);
      absl::StatusOr<int64_t> changed = change.tx().Execute(
          "UPDATE annual_reports SET published = 1, publish_time = ?, body = ? WHERE id = ? AND "
          "published = 0",
          {store::TimeValue(at), store::Text(body), store::Text(id)});
      LE_RETURN_IF_ERROR(changed.status());
      if (*changed != 1) {
        return absl::FailedPreconditionError(
            absl::StrCat("annual report ", id, " is published already"));
      }
      LE_RETURN_IF_ERROR(change.Audit(audit));
      return outbox::Append(change, {"annual_report.published", absl::StrCat("annual-reports/", id),
                                     published.division_code, audit.actor, audit.time, body})
          .status();
    }));
    return published;
  }

  absl::StatusOr<std::map<std::string, FirstPublication>> FirstPublications(
      const std::string& division_prefix, int year) override {
    using Row = std::pair<std::string, FirstPublication>;
    LE_ASSIGN_OR_RETURN(
        std::vector<Row> rows,
        records_.QueryAll<Row>(
            "SELECT division_code, id, publish_time FROM annual_reports WHERE agency_id = '' AND "
            "year = ? AND published = 1 AND division_code >= ? AND division_code < ? "
            "ORDER BY division_code, publish_time, id",
            {store::Int(year), store::Text(division_prefix),
             store::Text(store::PrefixEnd(division_prefix))},
            [](const store::Row& r) {
              return Row{r.Text(0), {r.Text(1), store::TimeFromMicros(r.Int(2))}};
            }));
    std::map<std::string, FirstPublication> out;
    for (Row& r : rows) out.emplace(std::move(r));  // the first of each division
    return out;
  }

 private:
  store::RecordStore records_;
  deadlines::DeadlineScheduler* const deadlines_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<TaskStores>> OpenSqlTaskStore(
    store::Database* db, IdGenerator* ids, store::ChangeObserver* changes,
    deadlines::DeadlineScheduler* deadlines) {
  LE_RETURN_IF_ERROR(store::Migrate(*db, kServiceName, Migrations()));
  return std::make_unique<SqlTaskStore>(db, ids, changes, deadlines);
}

void RegisterAssignmentDeadlines(deadlines::DeadlineEngine& engine, store::ChangeObserver* changes,
                                 IdGenerator* ids, const lawenforce::Clock* clock,
                                 const std::vector<Plan>* plans, const Divisions* divisions,
                                 prometheus::Registry* registry) {
  prometheus::Family<prometheus::Counter>* overdue = nullptr;
  if (registry != nullptr) {
    overdue = &prometheus::BuildCounter()
                   .Name("lawenforce_assignments_overdue_total")
                   .Help(
                       "Task assignments whose due day passed before they were done, by the "
                       "assigned division.")
                   .Register(*registry);
  }
  deadlines::DeadlineEngine* scheduler = &engine;
  const auto read = [](store::Transaction& tx,
                       const std::string& id) -> absl::StatusOr<Assignment> {
    LE_ASSIGN_OR_RETURN(std::vector<store::Row> rows,
                        tx.Query(absl::StrCat(kSelect, " WHERE id = ?"), {store::Text(id)}));
    if (rows.empty()) return absl::NotFoundError("assignment not found");
    return ReadBody(rows[0].Text(0));
  };
  engine.RegisterHandler(
      kAssignmentDeadline,
      [=](store::Transaction& tx, const deadlines::Deadline& d) -> absl::Status {
        absl::StatusOr<Assignment> a = read(tx, d.subject);
        if (a.status().code() == absl::StatusCode::kNotFound) {
          log::Warn("assignment_deadline_orphan", {{"assignment_id", d.subject}});
          return absl::OkStatus();
        }
        LE_RETURN_IF_ERROR(a.status());
        const Plan* plan = FindPlan(*plans, a->plan_id);
        const Task* task = plan == nullptr ? nullptr : plan->FindTask(a->task_number);
        const bool yearly = task != nullptr && task->yearly();
        const absl::Time now = clock->Now();
        store::Change change(tx, *ids, changes);
        Assignment current = *a;
        if (std::optional<Assignment> late = FireDue(*a, d.due_at, now)) {
          LE_RETURN_IF_ERROR(Write(
              change, *late, a->version, yearly, scheduler,
              store::AuditEntry{"system", "assignment.overdue", a->id,
                                absl::StrCat("due ", absl::FormatCivilTime(a->due_date)), now}));
          log::Info("assignment_overdue", {{"assignment_id", a->id}});
          if (overdue != nullptr) {
            overdue->Add(metrics::LabelsFor(*divisions, a->division_code).ToLabels()).Increment();
          }
        } else if (DueMoment(a->due_date) != d.due_at) {
          return absl::OkStatus();  // moved meanwhile
        }
        if (yearly && plan != nullptr) {
          if (std::optional<Assignment> next = NextYear(current, *plan, ids->NewId(), now)) {
            const store::AuditEntry audit{"system", "assignment.rollover", next->id,
                                          absl::StrCat("after ", current.id), now};
            LE_RETURN_IF_ERROR(Insert(change, *next, /*yearly=*/true, scheduler, audit));
            LE_RETURN_IF_ERROR(change.Audit(audit));
          }
        }
        return absl::OkStatus();
      });
  engine.RegisterReminderHandler(
      kAssignmentDeadline,
      [=](store::Transaction& tx, const deadlines::Deadline& d) -> absl::Status {
        absl::StatusOr<Assignment> a = read(tx, d.subject);
        if (!a.ok() || a->state == AssignmentState::kDone) return absl::OkStatus();
        store::Change change(tx, *ids, changes);
        log::Info("assignment_due_soon", {{"assignment_id", a->id}});
        return change.Audit(store::AuditEntry{
            "system", "assignment.reminder", a->id,
            absl::StrCat("due ", absl::FormatCivilTime(a->due_date)), clock->Now()});
      });
}

}  // namespace lawenforce::tasks
