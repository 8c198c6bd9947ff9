#include "common/deadlines/deadline_engine.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/deadlines/deadline_rows.h"
#include "common/deadlines/metrics.h"
#include "common/deadlines/redis_queue.h"
#include "common/log/log.h"
#include "common/status/errors.h"

namespace lawenforce::deadlines {
namespace {

using internal::DeadlineRow;
using internal::EventMember;
using internal::QueueEdits;
using internal::ReminderMember;

// Rows per page of PublishPending (normally it finds a handful).
constexpr int kPublishPage = 1000;

bool IsFinite(absl::Time t) { return t != absl::InfinitePast() && t != absl::InfiniteFuture(); }

// Whether a reminder already sent stays sent when its time moves to
// `new_remind_at`: yes while the new time has passed too (no second reminder
// for the same approach), no when it is ahead again (remind anew).
bool StaysReminded(const DeadlineRow& old, const std::optional<absl::Time>& new_remind_at,
                   absl::Time now) {
  return old.reminded && new_remind_at.has_value() && *new_remind_at <= now;
}

// The Redis edits that make the due set reflect `row`.
void AddEdits(const DeadlineRow& row, QueueEdits& edits) {
  if (row.state != internal::kPending) {
    edits.RemoveDue(EventMember(row.id));
    edits.RemoveDue(ReminderMember(row.id));
    return;
  }
  edits.AddIfEarlier(EventMember(row.id), row.due_at);
  if (row.remind_at.has_value() && !row.reminded) {
    edits.AddIfEarlier(ReminderMember(row.id), *row.remind_at);
  } else {
    edits.RemoveDue(ReminderMember(row.id));
  }
}

}  // namespace

DeadlineEngine::DeadlineEngine(store::Database* db, redis::RedisClient* redis, const Clock* clock,
                               IdGenerator* ids, EngineOptions options,
                               prometheus::Registry* registry)
    : db_(db),
      redis_(redis),
      clock_(clock),
      ids_(ids),
      options_(std::move(options)),
      keys_(std::make_unique<internal::Keys>(internal::KeysFor(options_.namespace_prefix))),
      metrics_(std::make_unique<internal::EngineMetrics>(registry)) {}

DeadlineEngine::~DeadlineEngine() { Stop(); }

absl::StatusOr<std::string> DeadlineEngine::Schedule(store::Transaction& tx,
                                                     const DeadlineSpec& spec) {
  if (spec.kind.empty()) {
    return InvalidField("deadline.kind", "required");
  }
  if (spec.subject.empty()) {
    return InvalidField("deadline.subject", "required");
  }
  if (!IsFinite(spec.due_at)) {
    return InvalidField("deadline.due_at", "must be a finite time");
  }
  if (spec.remind_before.has_value() && (*spec.remind_before <= absl::ZeroDuration() ||
                                         *spec.remind_before == absl::InfiniteDuration())) {
    return InvalidField("deadline.remind_before", "must be positive and finite");
  }
  const absl::Time now = clock_->Now();
  absl::StatusOr<std::optional<DeadlineRow>> existing =
      internal::FindByKey(tx, spec.kind, spec.subject);
  if (!existing.ok()) {
    return existing.status();
  }
  DeadlineRow row;
  row.kind = spec.kind;
  row.subject = spec.subject;
  row.payload = spec.payload;
  row.due_at = spec.due_at;
  if (spec.remind_before.has_value()) {
    row.remind_at = spec.due_at - *spec.remind_before;
  }
  if (!existing->has_value()) {
    row.id = ids_->NewId();
    if (absl::Status s = internal::Insert(tx, row, now); !s.ok()) {
      return s;
    }
    return row.id;
  }
  const DeadlineRow& old = **existing;
  if (old.state == internal::kPending) {
    row.id = old.id;
    row.reminded = StaysReminded(old, row.remind_at, now);
  } else {
    row.id = ids_->NewId();  // a new arming: handlers see a new id
  }
  if (absl::Status s = internal::Rearm(tx, old.id, row); !s.ok()) {
    return s;
  }
  return row.id;
}

absl::Status DeadlineEngine::Cancel(store::Transaction& tx, absl::string_view kind,
                                    absl::string_view subject) {
  return internal::CancelPending(tx, kind, subject).status();
}

absl::Status DeadlineEngine::Reschedule(store::Transaction& tx, absl::string_view kind,
                                        absl::string_view subject, absl::Time new_due) {
  if (!IsFinite(new_due)) {
    return InvalidField("deadline.due_at", "must be a finite time");
  }
  absl::StatusOr<std::optional<DeadlineRow>> existing = internal::FindByKey(tx, kind, subject);
  if (!existing.ok()) {
    return existing.status();
  }
  if (!existing->has_value()) {
    return absl::NotFoundError("deadline not found");
  }
  DeadlineRow row = **existing;
  if (row.state != internal::kPending) {
    return absl::FailedPreconditionError(absl::StrCat("deadline already ", row.state));
  }
  if (row.remind_at.has_value()) {
    row.remind_at = new_due - (row.due_at - *row.remind_at);
  }
  row.due_at = new_due;
  row.reminded = StaysReminded(**existing, row.remind_at, clock_->Now());
  return internal::Rearm(tx, row.id, row);
}

absl::Status DeadlineEngine::PublishPending() {
  absl::MutexLock lock(&publish_mu_);
  std::string after;
  for (;;) {
    std::vector<DeadlineRow> rows;
    absl::Status read = db_->Read([&](store::Transaction& tx) -> absl::Status {
      absl::StatusOr<std::vector<DeadlineRow>> page =
          internal::ListUnpublished(tx, after, kPublishPage);
      if (!page.ok()) {
        return page.status();
      }
      rows = std::move(*page);
      return absl::OkStatus();
    });
    if (!read.ok()) {
      return read;
    }
    if (rows.empty()) {
      return absl::OkStatus();
    }
    QueueEdits edits;
    for (const DeadlineRow& row : rows) {
      AddEdits(row, edits);
    }
    absl::Status applied = edits.Apply(*redis_, *keys_);
    NoteRedis(applied);
    if (!applied.ok()) {
      return applied;
    }
    // Only rows unchanged since they were read: a newer change stays
    // unpublished and goes out next time.
    absl::Status marked = db_->Write([&](store::Transaction& tx) -> absl::Status {
      for (const DeadlineRow& row : rows) {
        if (absl::Status s = internal::MarkPublished(tx, row.id, row.version); !s.ok()) {
          return s;
        }
      }
      return absl::OkStatus();
    });
    if (!marked.ok()) {
      return marked;
    }
    if (rows.size() < static_cast<size_t>(kPublishPage)) {
      return absl::OkStatus();
    }
    after = rows.back().id;
  }
}

absl::Status DeadlineEngine::Reconcile() {
  const absl::Time started = clock_->Now();
  // The marker first: a FLUSHALL while this runs removes it, and the loss is
  // noticed and reconciled again.
  absl::Status marker = internal::SetMarker(*redis_, *keys_, started);
  NoteRedis(marker);
  if (!marker.ok()) {
    return marker;
  }
  absl::flat_hash_map<std::string, int64_t> pending_by_kind;
  int64_t readded = 0;
  int64_t pending = 0;
  std::string after;
  const int page_size = std::max(1, options_.reconcile_page);
  for (;;) {
    std::vector<DeadlineRow> rows;
    absl::Status read = db_->Read([&](store::Transaction& tx) -> absl::Status {
      absl::StatusOr<std::vector<DeadlineRow>> page = internal::ListPending(tx, after, page_size);
      if (!page.ok()) {
        return page.status();
      }
      rows = std::move(*page);
      return absl::OkStatus();
    });
    if (!read.ok()) {
      return read;
    }
    std::vector<std::pair<std::string, absl::Time>> members;
    members.reserve(rows.size());
    for (const DeadlineRow& row : rows) {
      ++pending_by_kind[row.kind];
      // An unpublished row is the publish loop's (and not yet "lost").
      if (!row.published) {
        continue;
      }
      members.emplace_back(EventMember(row.id), row.due_at);
      if (row.remind_at.has_value() && !row.reminded) {
        members.emplace_back(ReminderMember(row.id), *row.remind_at);
      }
    }
    pending += static_cast<int64_t>(rows.size());
    absl::StatusOr<int64_t> added = internal::AddAllIfEarlier(*redis_, *keys_, members);
    NoteRedis(added.status());
    if (!added.ok()) {
      return added.status();
    }
    readded += *added;
    metrics_->RecordReadds(*added);
    if (rows.size() < static_cast<size_t>(page_size)) {
      break;
    }
    after = rows.back().id;
  }
  metrics_->SetPending({pending_by_kind.begin(), pending_by_kind.end()});
  reconciled_.store(true);
  log::Log(readded > 0 ? log::Level::kWarn : log::Level::kInfo, "deadlines_reconciled",
           {{"namespace", options_.namespace_prefix},
            {"pending", pending},
            {"readded", readded},
            {"duration", clock_->Now() - started}});
  return absl::OkStatus();
}

void DeadlineEngine::RegisterHandler(absl::string_view kind, Handler handler) {
  metrics_->AddKind(kind);
  absl::MutexLock lock(&handlers_mu_);
  handlers_[kind] = std::move(handler);
}

void DeadlineEngine::RegisterReminderHandler(absl::string_view kind, Handler handler) {
  metrics_->AddKind(kind);
  absl::MutexLock lock(&handlers_mu_);
  reminder_handlers_[kind] = std::move(handler);
}

DeadlineEngine::Handler DeadlineEngine::FindHandler(absl::string_view kind, bool reminder) const {
  absl::MutexLock lock(&handlers_mu_);
  const auto& handlers = reminder ? reminder_handlers_ : handlers_;
  auto it = handlers.find(kind);
  return it == handlers.end() ? Handler() : it->second;
}

}  // namespace lawenforce::deadlines
