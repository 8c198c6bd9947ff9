#include "services/case/store/in_memory_case_store.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/case/domain/clock_ops.h"

namespace lawenforce::cases {
namespace {

template <typename T, typename Id, typename Keep>
std::vector<T> Page(const std::vector<T>& all, const PageRequest& page, Id id, Keep keep) {
  std::vector<T> sorted = all;
  std::sort(sorted.begin(), sorted.end(), [&](const T& a, const T& b) { return id(a) < id(b); });
  std::vector<T> out;
  for (const T& x : sorted) {
    if (static_cast<int>(out.size()) >= page.limit) break;
    if (id(x) > page.after_id && keep(x)) out.push_back(x);
  }
  return out;
}

bool OverdueAt(const StatutoryClock& c, absl::Time now) {
  return c.state == ClockState::kOverdue || (c.state == ClockState::kRunning && c.due.has_value() &&
                                             *c.due <= now && !RuleOf(c.kind).party_window);
}

}  // namespace

absl::StatusOr<Created> InMemoryCaseStore::CreateItem(const EnforcementItem& item,
                                                      const std::optional<IdempotencyKey>& key,
                                                      const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::optional<Created>> earlier = keys_.Check(key);
  if (!earlier.ok()) return earlier.status();
  if (earlier->has_value()) return **earlier;
  for (const auto& [id, other] : items_) {
    if (other.agency_id == item.agency_id && other.code == item.code) {
      return absl::AlreadyExistsError("item.code: already in this agency's catalogue");
    }
  }
  items_[item.id] = item;
  keys_.Record(key, item.id);
  audit_.push_back(audit);
  events_.push_back({"item.create", "items/" + item.id});
  return Created{item.id, false};
}

absl::StatusOr<EnforcementItem> InMemoryCaseStore::GetItem(const std::string& id) {
  absl::MutexLock lock(&mu_);
  auto it = items_.find(id);
  if (it == items_.end()) return absl::NotFoundError("item not found");
  return it->second;
}

absl::StatusOr<std::vector<EnforcementItem>> InMemoryCaseStore::ListItems(const ItemFilter& f,
                                                                          const PageRequest& page) {
  absl::MutexLock lock(&mu_);
  std::vector<EnforcementItem> all;
  for (const auto& [id, item] : items_) all.push_back(item);
  return Page(
      all, page, [](const EnforcementItem& i) { return i.id; },
      [&](const EnforcementItem& i) {
        return absl::StartsWith(i.division_code, f.division_prefix) &&
               (f.agency_id.empty() || i.agency_id == f.agency_id);
      });
}

absl::Status InMemoryCaseStore::ReviseItem(const std::string& item_id, int64_t expected_version,
                                           const ItemVersion& v, const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  auto it = items_.find(item_id);
  if (it == items_.end()) return absl::NotFoundError("item not found");
  if (it->second.version != expected_version) {
    return absl::AbortedError("etag: does not match the current version; read it again");
  }
  EnforcementItem& item = it->second;
  item.versions.push_back(v);
  item.name = v.name;
  item.legal_basis = v.legal_basis;
  item.major = v.major;
  item.delegated_to_townships = v.delegated_to_townships;
  ++item.version;
  audit_.push_back(audit);
  events_.push_back({"item.revise", "items/" + item_id});
  return absl::OkStatus();
}

absl::Status InMemoryCaseStore::AddBenchmark(const BenchmarkVersion& b, const std::string&,
                                             const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  std::vector<BenchmarkVersion>& versions = benchmarks_[b.item_id];
  for (const BenchmarkVersion& v : versions) {
    if (v.number == b.number) {
      return absl::AlreadyExistsError(
          "benchmark.number: another version was added first; read again");
    }
  }
  versions.push_back(b);
  audit_.push_back(audit);
  events_.push_back({"benchmark.publish", "items/" + b.item_id + "/benchmark"});
  return absl::OkStatus();
}

absl::StatusOr<std::vector<BenchmarkVersion>> InMemoryCaseStore::ListBenchmarks(
    const std::string& item_id) {
  absl::MutexLock lock(&mu_);
  auto it = benchmarks_.find(item_id);
  return it == benchmarks_.end() ? std::vector<BenchmarkVersion>{} : it->second;
}

absl::Status InMemoryCaseStore::Write(const CaseWrite& w) {
  std::vector<RecordEntry>& record = records_[w.after.id];
  const RecordEntry entry = ChainEntry(w.after.id, w.entry, static_cast<int64_t>(record.size()) + 1,
                                       record.empty() ? GenesisHash() : record.back().hash);
  CaseBundle& bundle = cases_[w.after.id];
  bundle.c = w.after;
  bundle.c.record_length = entry.seq;
  bundle.c.record_head = entry.hash;
  for (const StatutoryClock& changed : w.clocks) {
    auto it = std::find_if(bundle.clocks.begin(), bundle.clocks.end(),
                           [&](const StatutoryClock& c) { return c.kind == changed.kind; });
    if (it == bundle.clocks.end()) {
      bundle.clocks.push_back(changed);
    } else {
      *it = changed;
    }
  }
  for (const ActOfficer& o : w.officers) {
    acts_.push_back({absl::StrFormat("act-%08d", ++act_ids_), w.after.id, w.after.division_code,
                     o.officer_id, entry.action, entry.time, entry.seq, o.certificate_id});
  }
  std::vector<CaseFacts>& facts = facts_[w.after.id];
  facts.push_back(FactsAfter(bundle.c, bundle.clocks,
                             facts.empty() ? std::nullopt : std::optional<CaseFacts>(facts.back()),
                             entry.seq, w.recorded_at.value_or(entry.time)));
  record.push_back(entry);
  audit_.push_back(w.audit);
  events_.push_back({w.event_type, "cases/" + w.after.id});
  return absl::OkStatus();
}

absl::StatusOr<Created> InMemoryCaseStore::FileCase(const CaseWrite& w,
                                                    const std::optional<IdempotencyKey>& key) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::optional<Created>> earlier = keys_.Check(key);
  if (!earlier.ok()) return earlier.status();
  if (earlier->has_value()) return **earlier;
  if (cases_.contains(w.after.id)) return absl::AlreadyExistsError("record already exists");
  if (w.draw_link.has_value()) {
    if (!w.draw_link->already_filed.empty()) {
      return absl::FailedPreconditionError("case.inspection: already filed from this finding");
    }
    auto draw = draws_.find(w.draw_link->after.id);
    if (draw == draws_.end()) return absl::NotFoundError("inspection draw not found");
    if (draw->second.version != w.draw_link->expected_version) {
      return absl::AbortedError(
          "case.inspection.draw_id: does not match the current version; read it again");
    }
    draw->second = w.draw_link->after;
    draw->second.version = w.draw_link->expected_version + 1;
  }
  if (absl::Status s = Write(w); !s.ok()) return s;
  keys_.Record(key, w.after.id);
  return Created{w.after.id, false};
}

absl::StatusOr<CaseBundle> InMemoryCaseStore::GetCase(const std::string& id) {
  absl::MutexLock lock(&mu_);
  auto it = cases_.find(id);
  if (it == cases_.end()) return absl::NotFoundError("case not found");
  return it->second;
}

absl::Status InMemoryCaseStore::ApplyAct(const CaseWrite& w) {
  absl::MutexLock lock(&mu_);
  auto it = cases_.find(w.after.id);
  if (it == cases_.end()) return absl::NotFoundError("case not found");
  if (it->second.c.version != w.expected_version) {
    return absl::AbortedError("etag: does not match the current version; read it again");
  }
  return Write(w);
}

absl::StatusOr<std::vector<Case>> InMemoryCaseStore::ListCases(const CaseFilter& f,
                                                               const PageRequest& page) {
  absl::MutexLock lock(&mu_);
  std::vector<CaseBundle> all;
  for (const auto& [id, b] : cases_) all.push_back(b);
  std::vector<CaseBundle> page_of = Page(
      all, page, [](const CaseBundle& b) { return b.c.id; },
      [&](const CaseBundle& b) {
        const Case& c = b.c;
        bool overdue = c.overdue;
        for (const StatutoryClock& k : b.clocks) overdue = overdue || OverdueAt(k, f.now);
        const std::optional<absl::Time> decided =
            c.decision.has_value() ? std::optional<absl::Time>(c.decision->time) : std::nullopt;
        return absl::StartsWith(c.division_code, f.division_prefix) &&
               (f.agency_id.empty() || c.agency_id == f.agency_id) &&
               (!f.state.has_value() || c.state == *f.state) &&
               (f.item_id.empty() || c.item_id == f.item_id) &&
               (f.officer_id.empty() || IsHandlingOfficer(c, f.officer_id)) &&
               (!f.overdue.has_value() || overdue == *f.overdue) &&
               (!f.enterprise_party.has_value() || HasEnterpriseParty(c) == *f.enterprise_party) &&
               (!f.filed_from.has_value() || c.filed_at >= *f.filed_from) &&
               (!f.filed_to.has_value() || c.filed_at < *f.filed_to) &&
               (!f.decided_from.has_value() ||
                (decided.has_value() && *decided >= *f.decided_from)) &&
               (!f.decided_to.has_value() || (decided.has_value() && *decided < *f.decided_to));
      });
  std::vector<Case> out;
  for (CaseBundle& b : page_of) {
    for (const StatutoryClock& k : b.clocks) b.c.overdue = b.c.overdue || OverdueAt(k, f.now);
    out.push_back(std::move(b.c));
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> InMemoryCaseStore::ListCasesWithProvisionalClocks() {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> out;
  for (const auto& [id, b] : cases_) {
    for (const StatutoryClock& c : b.clocks) {
      if (c.provisional && IsOpen(c)) {
        out.push_back(id);
        break;
      }
    }
  }
  return out;
}

absl::StatusOr<std::vector<ClockCount>> InMemoryCaseStore::CountOverdueClocks(absl::Time now) {
  absl::MutexLock lock(&mu_);
  std::map<std::pair<std::string, int>, int64_t> counts;
  for (const auto& [id, b] : cases_) {
    for (const StatutoryClock& c : b.clocks) {
      if (IsOpen(c))
        counts[{c.division_code, static_cast<int>(c.kind)}] += OverdueAt(c, now) ? 1 : 0;
    }
  }
  std::vector<ClockCount> out;
  for (const auto& [key, n] : counts) {
    out.push_back({key.first, static_cast<ClockKind>(key.second), n});
  }
  return out;
}

absl::StatusOr<std::vector<PublicityCount>> InMemoryCaseStore::CountPublicity() {
  absl::MutexLock lock(&mu_);
  std::map<std::pair<std::string, bool>, int64_t> counts;
  for (const auto& [id, b] : cases_) {
    for (const StatutoryClock& c : b.clocks) {
      if (c.kind == ClockKind::kPublicity && c.state == ClockState::kMet) {
        ++counts[{c.division_code, c.on_time}];
      }
    }
  }
  std::vector<PublicityCount> out;
  for (const auto& [key, n] : counts) out.push_back({key.first, key.second, n});
  return out;
}

absl::StatusOr<std::vector<CaseFacts>> InMemoryCaseStore::ListLatestFacts(const FactsScope& scope,
                                                                          absl::Time as_of) {
  absl::MutexLock lock(&mu_);
  std::vector<CaseFacts> out;
  for (const auto& [id, rows] : facts_) {
    const CaseFacts* latest = nullptr;
    for (const CaseFacts& f : rows) {
      if (f.entry_time < as_of) latest = &f;
    }
    if (latest == nullptr || !absl::StartsWith(latest->division_code, scope.division_prefix) ||
        (!scope.agency_id.empty() && latest->agency_id != scope.agency_id)) {
      continue;
    }
    out.push_back(*latest);
  }
  return out;
}

absl::StatusOr<std::vector<RecordEntry>> InMemoryCaseStore::GetRecord(const std::string& case_id) {
  absl::MutexLock lock(&mu_);
  auto it = records_.find(case_id);
  return it == records_.end() ? std::vector<RecordEntry>{} : it->second;
}

absl::StatusOr<std::vector<OfficerAct>> InMemoryCaseStore::ListOfficerActs(
    const std::string& officer_id, const std::string& division_prefix, absl::Time from,
    absl::Time to, const PageRequest& page) {
  absl::MutexLock lock(&mu_);
  return Page(
      acts_, page, [](const OfficerAct& a) { return a.id; },
      [&](const OfficerAct& a) {
        return a.officer_id == officer_id && a.time >= from && a.time < to &&
               absl::StartsWith(a.division_code, division_prefix);
      });
}

absl::StatusOr<std::vector<RecordHead>> InMemoryCaseStore::ListRecordHeads(
    const std::string& division_prefix, const PageRequest& page) {
  absl::MutexLock lock(&mu_);
  std::vector<RecordHead> all;
  for (const auto& [id, b] : cases_) {
    all.push_back({id, b.c.division_code, b.c.state, {b.c.record_length, b.c.record_head}});
  }
  return Page(
      all, page, [](const RecordHead& h) { return h.case_id; },
      [&](const RecordHead& h) { return absl::StartsWith(h.division_code, division_prefix); });
}

std::vector<AuditEntry> InMemoryCaseStore::audit_log() const {
  absl::MutexLock lock(&mu_);
  return audit_;
}

std::vector<std::pair<std::string, std::string>> InMemoryCaseStore::events() const {
  absl::MutexLock lock(&mu_);
  return events_;
}

void InMemoryCaseStore::TamperRecord(const std::string& case_id, int64_t seq,
                                     const std::string& summary) {
  absl::MutexLock lock(&mu_);
  for (RecordEntry& e : records_[case_id]) {
    if (e.seq == seq) e.summary = summary;
  }
}

absl::StatusOr<Created> InMemoryCaseStore::CreatePlan(const InspectionPlan& plan,
                                                      const std::optional<IdempotencyKey>& key,
                                                      const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  return CreateIn(plans_, plan, key, audit, "inspection_plan.created",
                  "inspection_plans/" + plan.id);
}

absl::StatusOr<InspectionPlan> InMemoryCaseStore::GetPlan(const std::string& id) {
  absl::MutexLock lock(&mu_);
  auto it = plans_.find(id);
  if (it == plans_.end()) return absl::NotFoundError("inspection plan not found");
  return it->second;
}

absl::StatusOr<std::vector<InspectionPlan>> InMemoryCaseStore::ListPlans(const PlanFilter& f,
                                                                         const PageRequest& page) {
  absl::MutexLock lock(&mu_);
  std::vector<InspectionPlan> all;
  for (const auto& [id, p] : plans_) all.push_back(p);
  return Page(
      all, page, [](const InspectionPlan& p) { return p.id; },
      [&](const InspectionPlan& p) {
        return absl::StartsWith(p.division_code, f.division_prefix) &&
               (f.agency_id.empty() || p.agency_id == f.agency_id);
      });
}

absl::StatusOr<Created> InMemoryCaseStore::CreateDraw(const InspectionDraw& draw,
                                                      const std::optional<IdempotencyKey>& key,
                                                      const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  return CreateIn(draws_, draw, key, audit, "inspection.drawn", "inspection_draws/" + draw.id);
}

absl::StatusOr<std::optional<std::string>> InMemoryCaseStore::FindCreated(
    const std::optional<IdempotencyKey>& key) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::optional<Created>> earlier = keys_.Check(key);
  if (!earlier.ok()) return earlier.status();
  if (!earlier->has_value()) return std::nullopt;
  return (*earlier)->id;
}

absl::StatusOr<InspectionDraw> InMemoryCaseStore::GetDraw(const std::string& id) {
  absl::MutexLock lock(&mu_);
  auto it = draws_.find(id);
  if (it == draws_.end()) return absl::NotFoundError("inspection draw not found");
  return it->second;
}

absl::StatusOr<std::vector<InspectionDraw>> InMemoryCaseStore::ListDraws(const std::string& plan_id,
                                                                         const PageRequest& page) {
  absl::MutexLock lock(&mu_);
  std::vector<InspectionDraw> all;
  for (const auto& [id, d] : draws_) all.push_back(d);
  return Page(
      all, page, [](const InspectionDraw& d) { return d.id; },
      [&](const InspectionDraw& d) { return d.plan_id == plan_id; });
}

absl::Status InMemoryCaseStore::RecordResult(const InspectionDraw& after, int64_t expected_version,
                                             const std::string&, const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  auto it = draws_.find(after.id);
  if (it == draws_.end()) return absl::NotFoundError("inspection draw not found");
  if (it->second.version != expected_version) {
    return absl::AbortedError("etag: does not match the current version; read it again");
  }
  it->second = after;
  it->second.version = expected_version + 1;
  audit_.push_back(audit);
  events_.push_back({"inspection.result_recorded", "inspection_draws/" + after.id});
  return absl::OkStatus();
}

absl::Status InMemoryCaseStore::SetCap(const VisitCap& cap, const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  caps_[{cap.agency_id, cap.year}] = cap;
  audit_.push_back(audit);
  events_.push_back({"inspection_cap.set",
                     "agencies/" + cap.agency_id + "/inspection_caps/" + std::to_string(cap.year)});
  return absl::OkStatus();
}

absl::StatusOr<std::optional<VisitCap>> InMemoryCaseStore::GetCap(const std::string& agency_id,
                                                                  int year) {
  absl::MutexLock lock(&mu_);
  auto it = caps_.find({agency_id, year});
  if (it == caps_.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<Created> InMemoryCaseStore::InsertVisit(const InspectionVisit& in,
                                                       absl::Duration window,
                                                       const AuditEntry& audit,
                                                       VisitDecision decide) {
  InspectionVisit v = in;
  VisitFacts facts;
  for (const VisitPart& p : v.parts) {
    auto cap = caps_.find({p.agency_id, v.year});
    facts.caps.push_back(cap == caps_.end() ? std::nullopt : std::optional<VisitCap>(cap->second));
    int64_t n = 0;
    for (const auto& [id, other] : visits_) {
      if (other.enterprise.credit_code != v.enterprise.credit_code || other.year != v.year ||
          other.visit_time > v.visit_time)
        continue;
      for (const VisitPart& q : other.parts) n += q.agency_id == p.agency_id ? 1 : 0;
    }
    facts.visits_this_year.push_back(n);
  }
  for (const auto& [id, other] : visits_) {
    if (other.enterprise.credit_code == v.enterprise.credit_code &&
        other.visit_time > v.visit_time - window && other.visit_time <= v.visit_time) {
      facts.recent.push_back(other);
    }
  }
  std::sort(facts.recent.begin(), facts.recent.end(), [](const auto& a, const auto& b) {
    return a.visit_time != b.visit_time ? a.visit_time < b.visit_time : a.id < b.id;
  });
  for (const auto& [id, w] : warnings_) {
    if (w.credit_code != v.enterprise.credit_code || w.raise_time > v.visit_time) continue;
    if (!facts.last_warning.has_value() || w.raise_time > facts.last_warning->raise_time) {
      facts.last_warning = w;
    }
  }
  absl::StatusOr<std::optional<InspectionWarning>> warning = decide(v, facts);
  if (!warning.ok()) return warning.status();
  if (warning->has_value()) {
    (*warning)->id = "warning-" + std::to_string(warnings_.size() + 1);
    v.warning_id = (*warning)->id;
    warnings_[(*warning)->id] = **warning;
    events_.push_back({"inspection.warning_raised", "inspection_warnings/" + (*warning)->id});
  }
  visits_[v.id] = v;
  audit_.push_back(audit);
  events_.push_back({"inspection.visited", "inspection_visits/" + v.id});
  return Created{v.id, false};
}

absl::StatusOr<Created> InMemoryCaseStore::RecordVisit(const InspectionVisit& in,
                                                       absl::Duration window,
                                                       const std::optional<IdempotencyKey>& key,
                                                       const AuditEntry& audit,
                                                       VisitDecision decide) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::optional<Created>> earlier = keys_.Check(key);
  if (!earlier.ok()) return earlier.status();
  if (earlier->has_value()) return **earlier;
  absl::StatusOr<Created> created = InsertVisit(in, window, audit, decide);
  if (created.ok()) keys_.Record(key, created->id);
  return created;
}

absl::StatusOr<Created> InMemoryCaseStore::ImportVisit(const InspectionVisit& in,
                                                       absl::Duration window,
                                                       const SourceRecord& source,
                                                       const AuditEntry& audit,
                                                       VisitDecision decide) {
  absl::MutexLock lock(&mu_);
  if (absl::Status s = CheckSource(source); !s.ok()) return s;
  absl::StatusOr<Created> created = InsertVisit(in, window, audit, decide);
  if (created.ok()) StoreSource(source);
  return created;
}

absl::StatusOr<std::optional<SourceRecord>> InMemoryCaseStore::GetSource(
    const std::string& kind, const std::string& system, const std::string& agency_id,
    const std::string& source_id) {
  absl::MutexLock lock(&mu_);
  auto it = sources_.find({kind, system, agency_id, source_id});
  if (it == sources_.end()) return std::nullopt;
  return it->second;
}

absl::Status InMemoryCaseStore::CheckSource(const SourceRecord& s) const {
  auto it = sources_.find({s.kind, s.system, s.agency_id, s.source_id});
  const int64_t stored = it == sources_.end() ? 0 : it->second.version;
  if (stored != s.version) {
    return absl::AbortedError(absl::StrCat("source_id: another import of ", s.system, "/",
                                           s.source_id,
                                           " was stored meanwhile; import the record again"));
  }
  return absl::OkStatus();
}

void InMemoryCaseStore::StoreSource(SourceRecord s) {
  ++s.version;
  sources_[{s.kind, s.system, s.agency_id, s.source_id}] = std::move(s);
}

absl::Status InMemoryCaseStore::ImportCases(const std::vector<CaseImport>& batch) {
  absl::MutexLock lock(&mu_);
  // All or nothing: every check before any write.
  for (const CaseImport& one : batch) {
    if (absl::Status s = CheckSource(one.source); !s.ok()) return s;
    const CaseWrite& first = one.writes.front();
    auto it = cases_.find(first.after.id);
    const int64_t stored = it == cases_.end() ? 0 : it->second.c.version;
    if (stored != first.expected_version) {
      return absl::AbortedError("etag: does not match the current version; read it again");
    }
  }
  for (const CaseImport& one : batch) {
    for (const CaseWrite& w : one.writes) {
      if (absl::Status s = Write(w); !s.ok()) return s;
    }
    StoreSource(one.source);
  }
  return absl::OkStatus();
}

absl::StatusOr<InspectionVisit> InMemoryCaseStore::GetVisit(const std::string& id) {
  absl::MutexLock lock(&mu_);
  auto it = visits_.find(id);
  if (it == visits_.end()) return absl::NotFoundError("inspection visit not found");
  return it->second;
}

absl::StatusOr<std::vector<InspectionVisit>> InMemoryCaseStore::ListEnterpriseVisits(
    const std::string& credit_code, const std::string& prefix, const PageRequest& page) {
  absl::MutexLock lock(&mu_);
  std::vector<InspectionVisit> all;
  for (const auto& [id, v] : visits_) all.push_back(v);
  return Page(
      all, page, [](const InspectionVisit& v) { return v.id; },
      [&](const InspectionVisit& v) {
        if (v.enterprise.credit_code != credit_code) return false;
        return std::any_of(v.parts.begin(), v.parts.end(), [&](const VisitPart& p) {
          return absl::StartsWith(p.division_code, prefix);
        });
      });
}

absl::StatusOr<Created> InMemoryCaseStore::AddWhitelistEntry(
    const WhitelistEntry& e, const std::optional<IdempotencyKey>& key, const AuditEntry& audit) {
  absl::MutexLock lock(&mu_);
  return CreateIn(whitelist_, e, key, audit, "inspection_whitelist.added",
                  "inspection_whitelist/" + e.id);
}

absl::StatusOr<WhitelistEntry> InMemoryCaseStore::GetWhitelistEntry(const std::string& id) {
  absl::MutexLock lock(&mu_);
  auto it = whitelist_.find(id);
  if (it == whitelist_.end()) return absl::NotFoundError("white list entry not found");
  return it->second;
}

absl::StatusOr<std::vector<WhitelistEntry>> InMemoryCaseStore::ListWhitelist(
    const std::string& agency_id, const PageRequest& page) {
  absl::MutexLock lock(&mu_);
  std::vector<WhitelistEntry> all;
  for (const auto& [id, e] : whitelist_) all.push_back(e);
  return Page(
      all, page, [](const WhitelistEntry& e) { return e.id; },
      [&](const WhitelistEntry& e) { return e.agency_id == agency_id; });
}

absl::StatusOr<std::vector<std::string>> InMemoryCaseStore::ListedCodes(
    const std::string& agency_id, absl::Time at) {
  absl::MutexLock lock(&mu_);
  std::set<std::string> codes;
  for (const auto& [id, e] : whitelist_) {
    if (e.agency_id == agency_id && ListedAt(e, at)) codes.insert(e.enterprise.credit_code);
  }
  return std::vector<std::string>(codes.begin(), codes.end());
}

absl::StatusOr<std::vector<InspectionDraw>> InMemoryCaseStore::ListScopeDraws(
    const FactsScope& scope) {
  absl::MutexLock lock(&mu_);
  std::vector<InspectionDraw> out;
  for (const auto& [id, d] : draws_) {
    if (scope.agency_id.empty() ? absl::StartsWith(d.division_code, scope.division_prefix)
                                : d.agency_id == scope.agency_id) {
      out.push_back(d);
    }
  }
  return out;
}

absl::StatusOr<std::vector<InspectionVisit>> InMemoryCaseStore::ListScopeVisits(
    const FactsScope& scope, absl::Time from, absl::Time to) {
  absl::MutexLock lock(&mu_);
  std::vector<InspectionVisit> out;
  for (const auto& [id, v] : visits_) {
    if (v.visit_time < from || v.visit_time >= to) continue;
    const bool in = std::any_of(v.parts.begin(), v.parts.end(), [&](const VisitPart& p) {
      return scope.agency_id.empty() ? absl::StartsWith(p.division_code, scope.division_prefix)
                                     : p.agency_id == scope.agency_id;
    });
    if (in) out.push_back(v);
  }
  return out;
}

absl::StatusOr<std::vector<CaseCount>> InMemoryCaseStore::CountCases() {
  absl::MutexLock lock(&mu_);
  std::map<std::tuple<std::string, ItemKind, CaseState>, int64_t> n;
  for (const auto& [id, b] : cases_) ++n[{b.c.division_code, b.c.kind, b.c.state}];
  std::vector<CaseCount> out;
  for (const auto& [k, count] : n) {
    out.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), count});
  }
  return out;
}

absl::StatusOr<std::vector<VisitCount>> InMemoryCaseStore::CountVisits() {
  absl::MutexLock lock(&mu_);
  std::map<std::pair<std::string, VisitBasis>, VisitCount> n;
  for (const auto& [id, v] : visits_) {
    VisitCount& c = n[{v.division_code, v.basis}];
    c.division_code = v.division_code;
    c.basis = v.basis;
    ++c.visits;
    if (!v.warning_id.empty()) ++c.warnings;
  }
  std::vector<VisitCount> out;
  for (const auto& [k, c] : n) out.push_back(c);
  return out;
}

absl::StatusOr<std::vector<InspectionWarning>> InMemoryCaseStore::ListWarnings(
    const std::string& prefix, const PageRequest& page) {
  absl::MutexLock lock(&mu_);
  std::vector<InspectionWarning> all;
  for (const auto& [id, w] : warnings_) all.push_back(w);
  return Page(
      all, page, [](const InspectionWarning& w) { return w.id; },
      [&](const InspectionWarning& w) { return absl::StartsWith(w.division_code, prefix); });
}

}  // namespace lawenforce::cases
