#include "services/case/app/visits.h"

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/divisions/divisions.h"
#include "common/idnumber/id_number.h"
#include "common/ids/id_generator.h"
#include "common/log/log.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/time/clock.h"
#include "common/validation/validate.h"

namespace lawenforce::cases {
namespace {

const auth::RoleSet kPublishers = {auth::Role::kAgencyAdmin, auth::Role::kSupervisor,
                                   auth::Role::kSystem};
const auth::RoleSet kVisitors = {auth::Role::kOfficer, auth::Role::kAgencyAdmin,
                                 auth::Role::kSystem};
const auth::RoleSet kImporters = {auth::Role::kAgencyAdmin, auth::Role::kSystem};
const auth::RoleSet kWarningReaders = {auth::Role::kSupervisor, auth::Role::kAuditor,
                                       auth::Role::kSystem};

// Whose supervisors a warning is for: the tier above `division`.
std::string TierAbove(const Divisions& divisions, const std::string& division) {
  absl::StatusOr<Division> d = divisions.Lookup(division);
  if (!d.ok() || d->parent.empty()) return division;
  return d->parent;
}

}  // namespace

absl::StatusOr<VisitCap> Visits::SetCap(const auth::Principal& who, VisitCap cap) {
  constexpr absl::string_view kAction = "publish inspection caps for this agency";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kPublishers, kAction));
  LE_RETURN_IF_ERROR(ValidateId("cap.agency_id", cap.agency_id));
  LE_RETURN_IF_ERROR(ValidateCap(cap));
  LE_ASSIGN_OR_RETURN(AgencyInfo agency,
                      VisibleAgency(d_, who, "cap.agency_id", cap.agency_id, kAction));
  LE_RETURN_IF_ERROR(d_.authorizer->RequireAgency(who, agency.id, kAction));
  const absl::Time now = d_.clock->Now();
  cap.division_code = agency.division_code;
  cap.set_by = who.subject;
  cap.set_time = now;
  LE_RETURN_IF_ERROR(d_.store->SetCap(
      cap, app::AuditOf(who, "inspection_cap.set", cap.agency_id, now,
                        absl::StrCat(cap.year, ": ", cap.max_visits, " per enterprise"))));
  return cap;
}

absl::StatusOr<VisitCap> Visits::GetCap(const auth::Principal& who, const std::string& agency_id,
                                        int year) {
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, auth::RoleSet::All(), "read inspection caps"));
  LE_RETURN_IF_ERROR(ValidateId("agency_id", agency_id));
  LE_RETURN_IF_ERROR(ValidateYear("year", year));
  LE_ASSIGN_OR_RETURN(std::optional<VisitCap> cap, d_.store->GetCap(agency_id, year));
  if (!cap.has_value()) return absl::NotFoundError("inspection cap not found");
  return *cap;
}

absl::Status Visits::CheckVisit(const auth::Principal& who, InspectionVisit& v, absl::Time at,
                                absl::string_view action) const {
  // Every part's agency within the caller's jurisdiction; a bound admin's
  // own agency among them; each item an inspection item of its agency.
  bool own_agency = false;
  std::set<std::string> domains;
  for (size_t i = 0; i < v.parts.size(); ++i) {
    VisitPart& p = v.parts[i];
    const std::string part = absl::StrCat("visit.parts[", i, "]");
    LE_ASSIGN_OR_RETURN(AgencyInfo agency,
                        VisibleAgency(d_, who, part + ".agency_id", p.agency_id, action));
    p.division_code = agency.division_code;
    if (d_.authorizer->RequireAgency(who, agency.id, action).ok()) own_agency = true;
    absl::StatusOr<EnforcementItem> item = d_.store->GetItem(p.item_id);
    if (item.status().code() == absl::StatusCode::kNotFound ||
        (item.ok() && item->agency_id != agency.id)) {
      return InvalidField(part + ".item_id", "not an item of the agency's catalogue");
    }
    LE_RETURN_IF_ERROR(item.status());
    if (item->kind != ItemKind::kInspection) {
      return InvalidField(part + ".item_id", "not an inspection item (ITEM_KIND_INSPECTION)");
    }
    domains.insert(item->domain);
  }
  if (!own_agency) return PermissionDenied(action);
  // Each officer eligible, at the visit, in the domain of one of the items.
  std::vector<std::string> reasons(v.officer_ids.size());
  std::vector<bool> eligible(v.officer_ids.size(), false);
  for (const std::string& domain : domains) {
    LE_ASSIGN_OR_RETURN(std::vector<OfficerVerdict> verdicts,
                        d_.officers->CheckEligibility(v.officer_ids, domain, at));
    for (size_t i = 0; i < verdicts.size() && i < eligible.size(); ++i) {
      if (verdicts[i].eligible) eligible[i] = true;
      if (reasons[i].empty()) reasons[i] = verdicts[i].reason;
    }
  }
  for (size_t i = 0; i < eligible.size(); ++i) {
    if (eligible[i]) continue;
    const std::string field = absl::StrCat("visit.officer_ids[", i, "]");
    if (reasons[i] == "OFFICER_NOT_FOUND" || reasons[i] == "NOT_VISIBLE") {
      return InvalidField(field, "no such officer");
    }
    return absl::FailedPreconditionError(
        absl::StrCat(field, ": officer ", v.officer_ids[i],
                     " may not inspect in this visit's domains: ", reasons[i]));
  }
  if (v.basis == VisitBasis::kDraw) {
    // The draw's target, of one of the visit's agencies.
    absl::StatusOr<InspectionDraw> draw = d_.store->GetDraw(v.basis_ref);
    const bool ours =
        draw.ok() && std::any_of(v.parts.begin(), v.parts.end(), [&](const VisitPart& p) {
          return p.agency_id == draw->agency_id;
        });
    if (!ours) return InvalidField("visit.basis_ref", "not a draw of the visit's agencies");
    const bool target =
        std::any_of(draw->targets.begin(), draw->targets.end(), [&](const InspectionTarget& t) {
          return t.enterprise.credit_code == v.enterprise.credit_code;
        });
    if (!target)
      return InvalidField("visit.basis_ref", "the enterprise is not a target of the draw");
  }
  return absl::OkStatus();
}

absl::StatusOr<InspectionVisit> Visits::RecordVisit(const auth::Principal& who,
                                                    absl::StatusOr<InspectionVisit> input,
                                                    const app::CreateOptions& options) {
  constexpr absl::string_view kAction = "record inspection visits for this agency";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kVisitors, kAction));
  LE_ASSIGN_OR_RETURN(InspectionVisit v, std::move(input));
  LE_RETURN_IF_ERROR(ValidateVisit(v));
  LE_ASSIGN_OR_RETURN(std::optional<store::IdempotencyKey> key,
                      app::KeyFor("RecordInspectionVisit", who, options, *d_.pii));
  // A replay returns the visit recorded, whatever the officers' and the
  // caps' state is now (the transaction checks the key again).
  LE_ASSIGN_OR_RETURN(std::optional<std::string> earlier, d_.store->FindCreated(key));
  if (earlier.has_value()) return d_.store->GetVisit(*earlier);
  const absl::Time now = d_.clock->Now();
  LE_RETURN_IF_ERROR(CheckVisit(who, v, now, kAction));
  Stamp(who, v, now, now);
  const std::string warn_division = TierAbove(d_.authorizer->divisions(), v.division_code);
  LE_ASSIGN_OR_RETURN(store::Created created,
                      d_.store->RecordVisit(v, rule_.window, key,
                                            app::AuditOf(who, "inspection.visit", v.id, now,
                                                         absl::StrCat(v.enterprise.credit_code, " ",
                                                                      VisitBasisName(v.basis))),
                                            [&](InspectionVisit& visit, const VisitFacts& facts) {
                                              return Decide(visit, facts, warn_division);
                                            }));
  return d_.store->GetVisit(created.id);
}

void Visits::Stamp(const auth::Principal& who, InspectionVisit& v, absl::Time at,
                   absl::Time now) const {
  v.id = d_.ids->NewId();
  v.visit_time = at;
  v.record_time = now;
  v.year = static_cast<int>(absl::ToCivilYear(at, ChinaTimeZone()).year());
  v.division_code = v.parts[0].division_code;
  v.recorded_by = who.subject;
}

absl::StatusOr<std::optional<InspectionWarning>> Visits::Decide(
    InspectionVisit& visit, const VisitFacts& facts, const std::string& warn_division) const {
  LE_ASSIGN_OR_RETURN(std::optional<InspectionWarning> w, DecideVisit(visit, facts, rule_));
  if (w.has_value()) {
    w->division_code = warn_division;
    w->raise_time = visit.visit_time;
  }
  return w;
}

absl::StatusOr<std::vector<ImportRecordResult>> Visits::Import(
    const auth::Principal& who, const std::string& system, std::vector<ImportedVisitInput> records,
    bool validate_only) {
  constexpr absl::string_view kAction = "import inspection visits for this agency";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kImporters, "import inspection visits"));
  LE_RETURN_IF_ERROR(ValidateSourceSystem("source_system", system));
  if (records.empty()) return InvalidField("visits", "at least one record");
  if (records.size() > static_cast<size_t>(kMaxImportBatch)) {
    return InvalidField("visits", absl::StrCat("at most ", kMaxImportBatch, " records a call"));
  }
  // First every record's agencies: one beyond the caller's reach refuses
  // the whole call, before anything is written, alike whether it exists.
  for (size_t i = 0; i < records.size(); ++i) {
    if (!records[i].visit.ok()) continue;
    bool own_agency = false;
    bool all_found = true;  // else the record's own result says why
    for (size_t k = 0; k < records[i].visit->parts.size(); ++k) {
      const std::string& id = records[i].visit->parts[k].agency_id;
      if (!ValidateId("agency_id", id).ok()) {
        all_found = false;
        continue;
      }
      absl::StatusOr<AgencyInfo> agency =
          VisibleAgency(d_, who, absl::StrCat("visit.parts[", k, "].agency_id"), id, kAction);
      if (absl::IsPermissionDenied(agency.status())) {
        return absl::PermissionDeniedError(
            absl::StrCat("visits[", i, "]: ", agency.status().message()));
      }
      if (!agency.ok()) all_found = false;
      if (agency.ok() && d_.authorizer->RequireAgency(who, agency->id, kAction).ok()) {
        own_agency = true;
      }
    }
    if (all_found && !own_agency && !records[i].visit->parts.empty()) {
      absl::Status denied = PermissionDenied(kAction);
      return absl::PermissionDeniedError(absl::StrCat("visits[", i, "]: ", denied.message()));
    }
  }
  const absl::Time now = d_.clock->Now();
  std::vector<ImportRecordResult> results(records.size());
  std::set<std::pair<std::string, std::string>> seen;
  int written = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    ImportRecordResult& result = results[i];
    absl::StatusOr<store::Created> created = [&]() -> absl::StatusOr<store::Created> {
      ImportedVisitInput& in = records[i];
      LE_RETURN_IF_ERROR(ValidateSourceId("source_id", in.source_id));
      LE_ASSIGN_OR_RETURN(InspectionVisit v, std::move(in.visit));
      const absl::Time at = v.visit_time;
      LE_RETURN_IF_ERROR(ValidateVisit(v));
      if (at == absl::InfinitePast()) {
        return InvalidField("visit.visit_time", "required: when the visit happened");
      }
      if (at > now) return InvalidField("visit.visit_time", "must not be in the future");
      // Every part's agency within the caller's reach and a bound admin's
      // own among them before anything of the lead's records is looked at
      // (the lead agency keys the record).
      bool own_agency = false;
      std::optional<AgencyInfo> lead_agency;
      for (size_t k = 0; k < v.parts.size(); ++k) {
        LE_ASSIGN_OR_RETURN(AgencyInfo agency,
                            VisibleAgency(d_, who, absl::StrCat("visit.parts[", k, "].agency_id"),
                                          v.parts[k].agency_id, kAction));
        if (d_.authorizer->RequireAgency(who, agency.id, kAction).ok()) own_agency = true;
        if (k == 0) lead_agency = agency;
      }
      if (!own_agency) return PermissionDenied(kAction);
      const AgencyInfo& lead = *lead_agency;
      if (!seen.insert({lead.id, in.source_id}).second) {
        return InvalidField("source_id", "repeated in this call");
      }
      const std::string digest = d_.pii->BlindIndex(in.canonical, "visit_import_digest");
      LE_ASSIGN_OR_RETURN(std::optional<SourceRecord> stored,
                          d_.store->GetSource("visit", system, lead.id, in.source_id));
      LE_ASSIGN_OR_RETURN(
          ImportPlan plan,
          PlanVisitImport(stored.has_value() ? std::optional(stored->digests) : std::nullopt,
                          digest));
      result.outcome = plan.outcome;
      if (plan.outcome == ImportOutcome::kUnchanged) {
        return store::Created{stored->resource_id, true};
      }
      LE_RETURN_IF_ERROR(CheckVisit(who, v, at, kAction));
      Stamp(who, v, at, now);
      v.source = ImportSource{system, in.source_id, now, now};
      const std::string warn_division = TierAbove(d_.authorizer->divisions(), v.division_code);
      const SourceRecord source{"visit", system, lead.id, in.source_id, v.id, {digest},
                                now,     now,    0};
      // validate_only: the whole transaction, caps and warning included,
      // rolled back by a refusal of our own once decided.
      static constexpr absl::string_view kDryRun = "validate_only: rolled back";
      absl::StatusOr<store::Created> out = d_.store->ImportVisit(
          v, rule_.window, source,
          app::AuditOf(who, "inspection.import", v.id, now,
                       absl::StrCat(system, "/", in.source_id, " ", v.enterprise.credit_code)),
          [&](InspectionVisit& visit,
              const VisitFacts& facts) -> absl::StatusOr<std::optional<InspectionWarning>> {
            LE_ASSIGN_OR_RETURN(std::optional<InspectionWarning> w,
                                Decide(visit, facts, warn_division));
            if (validate_only) return absl::CancelledError(kDryRun);
            return w;
          });
      if (validate_only && absl::IsCancelled(out.status()) && out.status().message() == kDryRun) {
        return store::Created{v.id, false};
      }
      return out;
    }();
    if (!created.ok()) {
      result.error = created.status();
      LogIfInternal("inspection_import_record_failed", i, result.error);
      continue;
    }
    result.resource_id =
        validate_only && result.outcome == ImportOutcome::kCreated ? "" : created->id;
    if (!validate_only && result.outcome == ImportOutcome::kCreated) ++written;
  }
  log::Info("inspection_import", {{"source_system", system},
                                  {"records", absl::StrCat(records.size())},
                                  {"written", absl::StrCat(written)},
                                  {"validate_only", validate_only ? "true" : "false"}});
  return results;
}

absl::StatusOr<app::Page<InspectionVisit>> Visits::History(const auth::Principal& who,
                                                           const std::string& credit_code,
                                                           const std::string& division_code,
                                                           const app::PageQuery& page) {
  constexpr absl::string_view kAction = "read inspection history of this division";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, auth::RoleSet::All(), kAction));
  LE_ASSIGN_OR_RETURN(std::string scope,
                      d_.authorizer->ScopeForList(who, "division_code", division_code, kAction));
  LE_RETURN_IF_ERROR(idnumber::ValidateCreditCode("credit_code", credit_code));
  const std::string code = idnumber::NormalizeCreditCode(credit_code);
  return app::ListPage<InspectionVisit>(page, absl::StrCat("inspection_visits|", code, "|", scope),
                                        *d_.pii, [&](const store::PageRequest& r) {
                                          return d_.store->ListEnterpriseVisits(
                                              code, Divisions::SubtreePrefix(scope), r);
                                        });
}

absl::StatusOr<WhitelistEntry> Visits::AddToWhitelist(const auth::Principal& who,
                                                      absl::StatusOr<WhitelistEntry> input,
                                                      const app::CreateOptions& options) {
  constexpr absl::string_view kAction = "white-list enterprises for this agency";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kPublishers, kAction));
  LE_ASSIGN_OR_RETURN(WhitelistEntry e, std::move(input));
  LE_RETURN_IF_ERROR(ValidateId("entry.agency_id", e.agency_id));
  LE_RETURN_IF_ERROR(ValidateWhitelistEntry(e));
  LE_ASSIGN_OR_RETURN(std::optional<store::IdempotencyKey> key,
                      app::KeyFor("AddToInspectionWhitelist", who, options, *d_.pii));
  LE_ASSIGN_OR_RETURN(AgencyInfo agency,
                      VisibleAgency(d_, who, "entry.agency_id", e.agency_id, kAction));
  LE_RETURN_IF_ERROR(d_.authorizer->RequireAgency(who, agency.id, kAction));
  const absl::Time now = d_.clock->Now();
  e.id = d_.ids->NewId();
  e.division_code = agency.division_code;
  e.added_by = who.subject;
  e.add_time = now;
  LE_ASSIGN_OR_RETURN(
      store::Created created,
      d_.store->AddWhitelistEntry(
          e, key,
          app::AuditOf(who, "inspection_whitelist.add", e.id, now, e.enterprise.credit_code)));
  return d_.store->GetWhitelistEntry(created.id);
}

absl::StatusOr<app::Page<WhitelistEntry>> Visits::ListWhitelist(const auth::Principal& who,
                                                                const std::string& agency_id,
                                                                const app::PageQuery& page) {
  constexpr absl::string_view kAction = "read this agency's white list";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, auth::RoleSet::All(), kAction));
  LE_RETURN_IF_ERROR(ValidateId("agency_id", agency_id));
  LE_ASSIGN_OR_RETURN(AgencyInfo agency, VisibleAgency(d_, who, "agency_id", agency_id, kAction));
  return app::ListPage<WhitelistEntry>(
      page, absl::StrCat("inspection_whitelist|", agency.id), *d_.pii,
      [&](const store::PageRequest& r) { return d_.store->ListWhitelist(agency.id, r); });
}

absl::StatusOr<app::Page<InspectionWarning>> Visits::ListWarnings(const auth::Principal& who,
                                                                  const std::string& division_code,
                                                                  const app::PageQuery& page) {
  constexpr absl::string_view kAction = "read inspection warnings of this division";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kWarningReaders, kAction));
  LE_ASSIGN_OR_RETURN(std::string scope,
                      d_.authorizer->ScopeForList(who, "division_code", division_code, kAction));
  return app::ListPage<InspectionWarning>(
      page, absl::StrCat("inspection_warnings|", scope), *d_.pii, [&](const store::PageRequest& r) {
        return d_.store->ListWarnings(Divisions::SubtreePrefix(scope), r);
      });
}

}  // namespace lawenforce::cases
