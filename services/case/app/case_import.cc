// Cases::Import: ingestion from departmental case systems (task 36,
// docs/api/cases.md "Ingestion"). Each record is checked as a live filing
// and live acts would be, at the moments the source gives, and the clock
// deadlines that passed between two acts fire in between, as the deadline
// engine would have fired them; what was imported is remembered as keyed
// digests (domain/import.h).

#include <map>
#include <set>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/case/app/cases.h"

namespace lawenforce::cases {
namespace {

using auth::Role;
using import::Under;

constexpr char kDigestContext[] = "case_import_digest";
constexpr absl::string_view kAction = "import cases for this agency";

const auth::RoleSet& Importers() {
  static const auth::RoleSet kRoles = {Role::kAgencyAdmin, Role::kSystem};
  return kRoles;
}

void MergeClocks(std::vector<StatutoryClock>& clocks, const std::vector<StatutoryClock>& changed) {
  for (const StatutoryClock& c : changed) {
    bool found = false;
    for (StatutoryClock& k : clocks) {
      if (k.kind != c.kind) continue;
      k = c;
      found = true;
    }
    if (!found) clocks.push_back(c);
  }
}

void Advance(CaseBundle& b, const CaseWrite& w) {
  b.c = w.after;
  MergeClocks(b.clocks, w.clocks);
}

// Every running clock of `b` due at or before `t` fired in due order, as
// the deadline engine fires it at its due moment, each a write recorded
// `now`.
void FireDue(CaseBundle& b, absl::Time t, const StepContext& ctx, absl::Time now,
             std::vector<CaseWrite>& writes) {
  std::set<ClockKind> tried;
  for (;;) {
    const StatutoryClock* next = nullptr;
    for (const StatutoryClock& k : b.clocks) {
      if (k.state != ClockState::kRunning || !k.due.has_value() || *k.due > t) continue;
      if (tried.contains(k.kind)) continue;
      if (next == nullptr || *k.due < *next->due) next = &k;
    }
    if (next == nullptr) return;
    const ClockKind kind = next->kind;
    const absl::Time due = *next->due;
    tried.insert(kind);
    std::optional<StepResult> r = FireClock(b.c, b.clocks, kind, due, ctx);
    if (!r.has_value()) continue;
    CaseWrite w;
    w.after = r->after;
    w.expected_version = b.c.version;
    w.clocks = r->changed_clocks;
    w.entry = r->entry;
    w.event_type = r->event_type;
    w.audit = store::AuditEntry{"system", r->event_type, b.c.id, r->entry.summary, now};
    w.recorded_at = now;
    Advance(b, w);
    writes.push_back(std::move(w));
  }
}

}  // namespace

absl::StatusOr<std::optional<CaseImport>> Cases::PrepareImport(const auth::Principal& who,
                                                               const std::string& system,
                                                               ImportedCaseInput& in,
                                                               absl::Time now,
                                                               ImportRecordResult& result) const {
  LE_RETURN_IF_ERROR(ValidateSourceId("source_id", in.source_id));
  LE_ASSIGN_OR_RETURN(CaseDraft draft, std::move(in.draft));
  if (draft.inspection.has_value()) {
    return InvalidField("case.inspection",
                        "a case is linked to an inspection's finding by FileCase only");
  }
  if (!in.filed_at.has_value()) {
    return InvalidField("case.file_time", "required: when the source system filed the case");
  }
  if (*in.filed_at > now) return InvalidField("case.file_time", "must not be in the future");
  if (in.acts.size() > static_cast<size_t>(kMaxImportedActs)) {
    return InvalidField("acts", absl::StrCat("at most ", kMaxImportedActs, " acts"));
  }
  absl::Time last = *in.filed_at;
  for (size_t i = 0; i < in.acts.size(); ++i) {
    const ImportedActInput& a = in.acts[i];
    const std::string at = absl::StrCat("acts[", i, "]");
    if (!a.act.ok()) {
      return Under(a.name.empty() ? at : absl::StrCat(at, ".", a.name), a.act.status());
    }
    const absl::Time t = a.act->now;
    if (t == absl::InfinitePast()) return InvalidField(at + ".act_time", "required");
    if (t < last) {
      return InvalidField(at + ".act_time",
                          i == 0 ? "before the case's file_time" : "before the act before it");
    }
    if (t > now) return InvalidField(at + ".act_time", "must not be in the future");
    last = t;
  }
  // Who may import for the draft's agency, before anything of the agency's
  // records is looked at: outside it, an import learns nothing.
  LE_RETURN_IF_ERROR(ValidateId("case.agency_id", draft.agency_id));
  absl::StatusOr<AgencyInfo> agency = d_.agencies->GetAgency(draft.agency_id);
  if (agency.status().code() == absl::StatusCode::kNotFound) {
    return d_.authorizer->RecordNotFound(who, "agency", kAction);
  }
  LE_RETURN_IF_ERROR(agency.status());
  LE_RETURN_IF_ERROR(d_.authorizer->RequireWithin(who, agency->division_code, kAction));
  LE_RETURN_IF_ERROR(d_.authorizer->RequireAgency(who, agency->id, kAction));

  // Keyed digests: the filing holds identity-card numbers in clear.
  std::vector<std::string> digests = {d_.pii->BlindIndex(in.canonical_filing, kDigestContext)};
  for (const ImportedActInput& a : in.acts) {
    digests.push_back(d_.pii->BlindIndex(a.canonical, kDigestContext));
  }
  LE_ASSIGN_OR_RETURN(std::optional<SourceRecord> stored,
                      d_.store->GetSource("case", system, agency->id, in.source_id));
  LE_ASSIGN_OR_RETURN(
      ImportPlan plan,
      PlanCaseImport(stored.has_value() ? std::optional(stored->digests) : std::nullopt, digests));
  result.outcome = plan.outcome;
  if (stored.has_value()) result.resource_id = stored->resource_id;
  if (plan.outcome == ImportOutcome::kUnchanged) return std::nullopt;

  const std::string label = absl::StrCat(system, "/", in.source_id);
  const ImportSource source{system, in.source_id,
                            stored.has_value() ? stored->first_import_time : now, now};
  CaseImport out;
  CaseBundle b;
  if (stored.has_value()) {
    LE_ASSIGN_OR_RETURN(b, d_.store->GetCase(stored->resource_id));
  } else {
    std::vector<std::string> indexes;
    LE_ASSIGN_OR_RETURN(CaseWrite filing,
                        PrepareFiling(who, std::move(draft), *in.filed_at, kAction, indexes));
    absl::StrAppend(&filing.entry.summary, " (imported from ", label, ")");
    filing.recorded_at = now;
    filing.audit = app::AuditOf(who, "case.import", filing.after.id, now, label);
    b.c = filing.after;
    b.clocks = filing.clocks;
    out.writes.push_back(std::move(filing));
  }
  EnforcementItem item;
  std::vector<BenchmarkVersion> benchmarks;
  LE_ASSIGN_OR_RETURN(StepContext ctx, ContextFor(b.c.item_id, item, benchmarks));
  for (size_t i = plan.first_new_act; i < in.acts.size(); ++i) {
    Act act = *in.acts[i].act;
    act.actor = who.subject;
    FireDue(b, act.now, ctx, now, out.writes);
    const CaseEvent event = act.event;
    absl::StatusOr<CaseWrite> w = PrepareAct(b, std::move(act), ctx);
    if (!w.ok()) return Under(absl::StrCat("acts[", i, "].", in.acts[i].name), w.status());
    absl::StrAppend(&w->entry.summary, " (imported from ", label, ")");
    w->recorded_at = now;
    w->audit = app::AuditOf(who, "case.import", b.c.id, now,
                            absl::StrCat(label, " ", CaseEventName(event)));
    Advance(b, *w);
    out.writes.push_back(*std::move(w));
    ++result.acts_applied;
  }
  for (CaseWrite& w : out.writes) w.after.source = source;
  result.resource_id = b.c.id;
  out.source = SourceRecord{"case",
                            system,
                            agency->id,
                            in.source_id,
                            b.c.id,
                            std::move(digests),
                            source.first_import_time,
                            now,
                            stored.has_value() ? stored->version : 0};
  return out;
}

absl::StatusOr<std::vector<ImportRecordResult>> Cases::Import(
    const auth::Principal& who, const std::string& system, std::vector<ImportedCaseInput> records,
    bool validate_only) {
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, Importers(), "import cases"));
  LE_RETURN_IF_ERROR(ValidateSourceSystem("source_system", system));
  if (records.empty()) return InvalidField("cases", "at least one record");
  if (records.size() > static_cast<size_t>(kMaxImportBatch)) {
    return InvalidField("cases", absl::StrCat("at most ", kMaxImportBatch, " records a call"));
  }
  const absl::Time now = d_.clock->Now();
  std::vector<ImportRecordResult> results(records.size());
  std::vector<CaseImport> batch;
  std::vector<size_t> batch_index;
  std::map<std::pair<std::string, std::string>, size_t> seen;
  for (size_t i = 0; i < records.size(); ++i) {
    ImportedCaseInput& r = records[i];
    if (r.draft.ok()) {
      auto [it, fresh] = seen.try_emplace({r.draft->agency_id, r.source_id}, i);
      if (!fresh) {
        results[i].error = InvalidField(
            "source_id", absl::StrCat("the same record as cases[", it->second, "] of this call"));
        continue;
      }
    }
    absl::StatusOr<std::optional<CaseImport>> one = PrepareImport(who, system, r, now, results[i]);
    if (absl::IsPermissionDenied(one.status())) {
      // A record of an agency beyond the caller's reach refuses the whole
      // call, before anything is written, alike whether the agency exists.
      return absl::PermissionDeniedError(absl::StrCat("cases[", i, "]: ", one.status().message()));
    }
    if (!one.ok()) {
      results[i].error = one.status();
      results[i].acts_applied = 0;
      LogIfInternal("case_import_record_failed", i, results[i].error);
    } else if (one->has_value()) {
      batch.push_back(**std::move(one));
      batch_index.push_back(i);
    }
  }
  if (!validate_only && !batch.empty()) {
    // One transaction for the call; if it fails (another import stored one
    // of the records meanwhile, say), each record on its own, so that one
    // record's conflict costs the others nothing.
    absl::Status all = d_.store->ImportCases(batch);
    if (!all.ok()) {
      log::Warn("case_import_batch_retry", {{"records", absl::StrCat(batch.size())},
                                            {"code", absl::StatusCodeToString(all.code())}});
      for (size_t k = 0; k < batch.size(); ++k) {
        absl::Status one = d_.store->ImportCases({batch[k]});
        if (one.ok()) continue;
        ImportRecordResult& r = results[batch_index[k]];
        // The record was prepared on what was stored then; another import
        // or an act changed its case or source row since.
        r.error =
            absl::IsAborted(one)
                ? absl::AbortedError(absl::StrCat("source_id: the record or its case changed while "
                                                  "it was being imported; import the record again"))
                : one;
        r.acts_applied = 0;
        if (r.outcome == ImportOutcome::kCreated) r.resource_id.clear();
        LogIfInternal("case_import_record_failed", batch_index[k], r.error);
      }
    }
  }
  int failed = 0;
  for (ImportRecordResult& r : results) {
    failed += r.error.ok() ? 0 : 1;
    // Nothing was created: no id to give.
    if (validate_only && r.outcome == ImportOutcome::kCreated) r.resource_id.clear();
  }
  log::Info("case_import", {{"source_system", system},
                            {"records", absl::StrCat(records.size())},
                            {"written", absl::StrCat(validate_only ? 0 : batch.size())},
                            {"failed", absl::StrCat(failed)},
                            {"validate_only", validate_only ? "true" : "false"}});
  return results;
}

}  // namespace lawenforce::cases
