// Imports: bulk import from HR systems (imports.h). Each record is checked
// as its single-record use case checks it, then planned against the link
// stored for its source id (a keyed digest of what was imported before).

#include "services/personnel/app/imports.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/log/log.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/personnel/domain/id_number.h"
#include "services/personnel/domain/validation.h"

namespace lawenforce::personnel {
namespace {

using import::LogIfInternal;
using import::PlanDigestImport;
using import::ValidateSourceId;
using import::ValidateSourceSystem;

constexpr char kDigestContext[] = "personnel_import_digest";
constexpr absl::string_view kAgencyAction = "import agencies here";
constexpr absl::string_view kOfficerAction = "import officers for this agency";
constexpr absl::string_view kTrainingAction = "import training for this officer";

std::string RoleText(std::vector<OfficerRole> roles) {
  std::sort(roles.begin(), roles.end());
  std::vector<int> values;
  for (OfficerRole r : roles) values.push_back(static_cast<int>(r));
  return absl::StrJoin(values, ",");
}

bool SameRoles(const std::vector<OfficerRole>& a, const std::vector<OfficerRole>& b) {
  return RoleText(a) == RoleText(b);
}

std::string Label(const std::string& system, const std::string& source_id) {
  return absl::StrCat(system, "/", source_id);
}

SourceLink LinkFor(const char* kind, const std::string& system, const std::string& source_id,
                   const std::optional<SourceLink>& stored, absl::Time now) {
  SourceLink l = stored.value_or(SourceLink{});
  l.kind = kind;
  l.system = system;
  l.source_id = source_id;
  if (!stored.has_value()) l.first_import_time = now;
  l.last_import_time = now;
  return l;
}

}  // namespace

// ---------------------------------------------------------------- the loop

template <typename Input, typename PrepareFn>
absl::StatusOr<std::vector<ImportRecordResult>> Imports::Run(
    const auth::Principal& who, const auth::RoleSet& roles, absl::string_view list,
    absl::string_view event, absl::string_view identity_field, absl::string_view identity_what,
    const std::string& system, const std::vector<Input>& records, bool validate_only,
    PrepareFn prepare) {
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles, absl::StrCat("import ", list)));
  LE_RETURN_IF_ERROR(ValidateSourceSystem("source_system", system));
  if (records.empty()) return InvalidField(list, "at least one record");
  if (records.size() > static_cast<size_t>(kMaxImportBatch)) {
    return InvalidField(list, absl::StrCat("at most ", kMaxImportBatch, " records a call"));
  }
  const absl::Time now = deps_.clock->Now();
  std::vector<ImportRecordResult> results(records.size());
  std::vector<ImportWrite> batch;
  std::vector<size_t> batch_index;
  std::map<std::string, size_t> seen;
  std::map<std::string, size_t> identities;
  for (size_t i = 0; i < records.size(); ++i) {
    auto [it, fresh] = seen.try_emplace(records[i].source_id, i);
    if (!fresh) {
      results[i].error = InvalidField("source_id", absl::StrCat("the same record as ", list, "[",
                                                                it->second, "] of this call"));
      continue;
    }
    std::string identity;  // the person or agency the record is, if it names one
    Prepared one = prepare(records[i], now, results[i], identity);
    if (absl::IsPermissionDenied(one.status())) {
      // A record beyond the caller's reach refuses the whole call before
      // anything is written, alike whether its agency or officer exists.
      return absl::PermissionDeniedError(absl::StrCat(list, "[", i, "]: ", one.status().message()));
    }
    if (!one.ok()) {
      results[i].error = one.status();
      LogIfInternal(absl::StrCat(event, "_record_failed"), i, results[i].error);
      continue;
    }
    if (!identity.empty()) {
      // Two records of one call for the same person (or agency): refused
      // here, where a dry run sees it too, not only by the store.
      auto [same, first] = identities.try_emplace(identity, i);
      if (!first) {
        results[i] = ImportRecordResult{absl::AlreadyExistsError(absl::StrCat(
                                            identity_field, ": the same ", identity_what, " as ",
                                            list, "[", same->second, "] of this call")),
                                        ImportOutcome::kCreated, "", 0};
        continue;
      }
    }
    if (one->has_value()) {
      batch.push_back(**std::move(one));
      batch_index.push_back(i);
    }
  }
  if (!batch.empty()) {
    // One transaction for the call; if it fails (a clash between two
    // records, or another import meanwhile), each record on its own, so
    // that one record's failure costs the others nothing.
    absl::Status all = store_->WriteImports(batch, *deps_.policy, validate_only);
    if (!all.ok()) {
      log::Warn(absl::StrCat(event, "_batch_retry"),
                {{"records", absl::StrCat(batch.size())},
                 {"code", absl::StatusCodeToString(all.code())}});
      // A dry run writes nothing, so each record is checked on top of the
      // ones before it that passed, as the real run would write them.
      std::vector<ImportWrite> passed;
      for (size_t k = 0; k < batch.size(); ++k) {
        std::vector<ImportWrite> attempt = validate_only ? passed : std::vector<ImportWrite>{};
        attempt.push_back(batch[k]);
        absl::Status s = store_->WriteImports(attempt, *deps_.policy, validate_only);
        if (s.ok()) {
          if (validate_only) passed.push_back(batch[k]);
          continue;
        }
        ImportRecordResult& r = results[batch_index[k]];
        r.error = absl::IsAborted(s) ? absl::AbortedError(
                                           "source_id: the record changed while it was being "
                                           "imported; import it again")
                                     : s;
        if (r.outcome == ImportOutcome::kCreated) r.resource_id.clear();
        LogIfInternal(absl::StrCat(event, "_record_failed"), batch_index[k], r.error);
      }
    }
  }
  int failed = 0;
  for (ImportRecordResult& r : results) {
    failed += r.error.ok() ? 0 : 1;
    // Nothing was created: no id to give.
    if (validate_only && r.outcome == ImportOutcome::kCreated) r.resource_id.clear();
  }
  log::Info(event, {{"source_system", system},
                    {"records", absl::StrCat(records.size())},
                    {"written", absl::StrCat(validate_only ? 0 : batch.size())},
                    {"failed", absl::StrCat(failed)},
                    {"validate_only", validate_only ? "true" : "false"}});
  return results;
}

absl::StatusOr<std::vector<ImportRecordResult>> Imports::ImportAgencies(
    const auth::Principal& who, const std::string& system, std::vector<ImportedAgencyInput> records,
    bool validate_only) {
  return Run(who, roles::kAgencyCreators, "agencies", "agency_import", "agency.name", "agency",
             system, records, validate_only,
             [&](const ImportedAgencyInput& in, absl::Time now, ImportRecordResult& result,
                 std::string& identity) {
               identity = absl::StrCat(in.agency.division_code, "|", in.agency.name);
               return PrepareAgency(who, system, in, now, result);
             });
}

absl::StatusOr<std::vector<ImportRecordResult>> Imports::ImportOfficers(
    const auth::Principal& who, const std::string& system,
    std::vector<ImportedOfficerInput> records, bool validate_only) {
  return Run(who, roles::kStaffWriters, "officers", "officer_import", "officer.id_number", "person",
             system, records, validate_only,
             [&](const ImportedOfficerInput& in, absl::Time now, ImportRecordResult& result,
                 std::string& identity) {
               identity =
                   deps_.pii->BlindIndex(NormalizeIdNumber(in.id_number), "officers.id_number");
               return PrepareOfficer(who, system, in, now, result);
             });
}

absl::StatusOr<std::vector<ImportRecordResult>> Imports::ImportTraining(
    const auth::Principal& who, const std::string& system,
    std::vector<ImportedTrainingInput> records, bool validate_only) {
  return Run(
      who, roles::kStaffWriters, "records", "training_import", "", "", system, records,
      validate_only,
      [&](const ImportedTrainingInput& in, absl::Time now, ImportRecordResult& result,
          std::string& /*identity*/) { return PrepareTraining(who, system, in, now, result); });
}

// ---------------------------------------------------------------- references

// The id a record names: `id` (our id, field `id_field`) or the resource
// linked to `source_id` (field `source_field`) in `system`; exactly one.
// A missing link is as a missing record: a region-wide caller learns it is
// missing (FAILED_PRECONDITION naming the field), anyone else gets the
// denial of a record beyond reach.
absl::StatusOr<std::string> Imports::Reference(const auth::Principal& who,
                                               const std::string& system, const char* kind,
                                               absl::string_view id_field, const std::string& id,
                                               absl::string_view source_field,
                                               const std::string& source_id,
                                               absl::string_view action) {
  if (id.empty() == source_id.empty()) {
    return InvalidField(id_field,
                        absl::StrCat("give exactly one of ", id_field, " and ", source_field));
  }
  if (!id.empty()) {
    LE_RETURN_IF_ERROR(ValidateId(id_field, id));
    return id;
  }
  LE_RETURN_IF_ERROR(ValidateSourceId(source_field, source_id));
  LE_ASSIGN_OR_RETURN(std::optional<SourceLink> link,
                      store_->GetSourceLink(kind, system, source_id));
  if (link.has_value()) return link->resource_id;
  absl::Status missing = deps_.authorizer->RecordNotFound(who, kind, action);
  if (!absl::IsNotFound(missing)) return missing;
  return absl::FailedPreconditionError(
      absl::StrCat(source_field, ": no ", kind, " was imported from ", system, " with this id"));
}

absl::StatusOr<Agency> Imports::AgencyOf(const auth::Principal& who, const std::string& system,
                                         const std::string& agency_id,
                                         const std::string& agency_source_id) {
  LE_ASSIGN_OR_RETURN(std::string id,
                      Reference(who, system, "agency", "officer.agency_id", agency_id,
                                "agency_source_id", agency_source_id, kOfficerAction));
  return deps_.lookups->VisibleAgency(
      who, agency_id.empty() ? "agency_source_id" : "officer.agency_id", id, kOfficerAction);
}

absl::StatusOr<Officer> Imports::OfficerOf(const auth::Principal& who, const std::string& system,
                                           const std::string& officer_id,
                                           const std::string& officer_source_id) {
  LE_ASSIGN_OR_RETURN(std::string id,
                      Reference(who, system, "officer", "record.officer_id", officer_id,
                                "officer_source_id", officer_source_id, kTrainingAction));
  return deps_.lookups->VisibleOfficer(
      who, officer_id.empty() ? "officer_source_id" : "record.officer_id", id, kTrainingAction);
}

// ---------------------------------------------------------------- records

Imports::Prepared Imports::PrepareAgency(const auth::Principal& who, const std::string& system,
                                         const ImportedAgencyInput& in, absl::Time now,
                                         ImportRecordResult& result) {
  LE_RETURN_IF_ERROR(ValidateSourceId("source_id", in.source_id));
  Agency draft = in.agency;
  LE_RETURN_IF_ERROR(agencies_->Check(draft));
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireWithin(who, draft.division_code, kAgencyAction));
  const std::string digest =
      deps_.pii->BlindIndex(absl::StrCat("agency|", draft.name, "|", draft.division_code, "|",
                                         absl::StrJoin(draft.domains, ","), "|",
                                         draft.require_training_for_eligibility ? "1" : "0"),
                            kDigestContext);
  LE_ASSIGN_OR_RETURN(std::optional<SourceLink> stored,
                      store_->GetSourceLink("agency", system, in.source_id));
  result.outcome =
      PlanDigestImport(stored.has_value() ? std::optional(stored->digest) : std::nullopt, digest);
  if (stored.has_value()) {
    result.resource_id = stored->resource_id;
    if (result.outcome == ImportOutcome::kUnchanged) return std::nullopt;
    // Imported before with other content, maybe elsewhere: the caller must
    // be able to see what the source id stands for (else the whole call is
    // refused, as for any record beyond reach).
    LE_RETURN_IF_ERROR(
        deps_.lookups->VisibleAgency(who, "source_id", stored->resource_id, kAgencyAction));
    return absl::FailedPreconditionError(
        "agency: differs from the agency imported under this source_id; agencies have no "
        "update yet (rename and domain changes: docs/api/personnel.md, Known limitations)");
  }
  ImportWrite w;
  LE_ASSIGN_OR_RETURN(std::optional<Agency> same,
                      store_->FindAgencyByName(draft.division_code, draft.name));
  if (same.has_value()) {
    // Registered by hand before: linked when it is the same agency.
    if (same->domains != draft.domains ||
        same->require_training_for_eligibility != draft.require_training_for_eligibility) {
      return absl::FailedPreconditionError(
          "agency: an agency of this name is registered at this division with other domains "
          "or another training rule");
    }
    result.outcome = ImportOutcome::kUpdated;
    result.resource_id = same->id;
  } else {
    draft.id = deps_.ids->NewId();
    draft.create_time = now;
    draft.version = 1;
    result.resource_id = draft.id;
    w.new_agency = draft;
  }
  w.link = LinkFor("agency", system, in.source_id, stored, now);
  w.link.resource_id = result.resource_id;
  w.link.digest = digest;
  w.audit =
      app::AuditOf(who, "ImportAgencies", same.has_value() ? "agency.import_link" : "agency.import",
                   result.resource_id, draft.division_code, now, Label(system, in.source_id));
  return w;
}

Imports::Prepared Imports::PrepareOfficer(const auth::Principal& who, const std::string& system,
                                          const ImportedOfficerInput& in, absl::Time now,
                                          ImportRecordResult& result) {
  LE_RETURN_IF_ERROR(ValidateSourceId("source_id", in.source_id));
  LE_ASSIGN_OR_RETURN(Officer draft, in.officer);
  LE_ASSIGN_OR_RETURN(Agency agency, AgencyOf(who, system, draft.agency_id, in.agency_source_id));
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireAgency(who, agency.id, kOfficerAction));
  LE_RETURN_IF_ERROR(officers_->Check(draft, in.id_number, now));
  const std::string number = NormalizeIdNumber(in.id_number);
  const std::string index = deps_.pii->BlindIndex(number, "officers.id_number");
  // Keyed: the record holds the identity-card number in clear.
  const std::string digest = deps_.pii->BlindIndex(
      absl::StrCat("officer|", agency.id, "|", draft.name, "|", number, "|", RoleText(draft.roles)),
      kDigestContext);
  LE_ASSIGN_OR_RETURN(std::optional<SourceLink> stored,
                      store_->GetSourceLink("officer", system, in.source_id));
  result.outcome =
      PlanDigestImport(stored.has_value() ? std::optional(stored->digest) : std::nullopt, digest);
  if (stored.has_value()) result.resource_id = stored->resource_id;
  if (result.outcome == ImportOutcome::kUnchanged) return std::nullopt;

  LE_ASSIGN_OR_RETURN(std::optional<Officer> holder, store_->FindOfficerByIdNumber(index));
  std::optional<Officer> current;
  if (stored.has_value()) {
    LE_ASSIGN_OR_RETURN(current, deps_.lookups->VisibleOfficer(
                                     who, "source_id", stored->resource_id, kOfficerAction));
    LE_RETURN_IF_ERROR(deps_.authorizer->RequireAgency(who, current->agency_id, kOfficerAction));
    if (current->agency_id != agency.id) {
      return absl::FailedPreconditionError(
          "officer.agency_id: the officer imported under this source_id serves another agency; "
          "an import does not move an officer (TransferOfficer does)");
    }
    if (!holder.has_value() || holder->id != current->id) {
      return absl::FailedPreconditionError(
          "officer.id_number: differs from the number of the officer imported under this "
          "source_id; a number is not corrected by import");
    }
  } else if (holder.has_value()) {
    if (holder->agency_id != agency.id) {
      return absl::AlreadyExistsError(
          "officer.id_number: an officer with this identity-card number is registered with "
          "another agency; an import does not move an officer (TransferOfficer does)");
    }
    current = holder;  // registered by hand: linked
    result.outcome = ImportOutcome::kUpdated;
    result.resource_id = holder->id;
  }

  if (current.has_value() && current->service_end.has_value()) {
    return absl::FailedPreconditionError(
        "officer.agency_id: the officer left service; an import does not bring an officer back "
        "(TransferOfficer does)");
  }
  ImportWrite w;
  std::string detail = Label(system, in.source_id);
  std::vector<store::FieldChange> changes;
  if (current.has_value()) {
    if (current->name != draft.name || !SameRoles(current->roles, draft.roles)) {
      Officer updated = *current;
      updated.name = draft.name;
      updated.roles = draft.roles;
      updated.update_time = now;
      w.officer_update = ImportWrite::OfficerUpdate{updated, current->version};
      changes = OfficerFieldChanges(*current, updated);
      absl::StrAppend(&detail, current->name != draft.name ? "; name changed" : "",
                      !SameRoles(current->roles, draft.roles) ? "; roles changed" : "");
    }
  } else {
    LE_ASSIGN_OR_RETURN(std::string cipher, deps_.pii->Encrypt(number, "officers.id_number"));
    draft.id = deps_.ids->NewId();
    draft.agency_id = agency.id;
    draft.division_code = agency.division_code;
    draft.id_number_masked = MaskIdNumber(number);
    draft.review_required = false;
    draft.create_time = now;
    draft.update_time = now;
    draft.version = 1;
    result.resource_id = draft.id;
    w.new_officer = ImportWrite::NewOfficer{draft, std::move(cipher), index};
  }
  w.link = LinkFor("officer", system, in.source_id, stored, now);
  w.link.resource_id = result.resource_id;
  w.link.digest = digest;
  w.audit = app::AuditOf(who, "ImportOfficers",
                         current.has_value() ? "officer.import_update" : "officer.import",
                         result.resource_id, agency.division_code, now, detail, std::move(changes));
  return w;
}

Imports::Prepared Imports::PrepareTraining(const auth::Principal& who, const std::string& system,
                                           const ImportedTrainingInput& in, absl::Time now,
                                           ImportRecordResult& result) {
  LE_RETURN_IF_ERROR(ValidateSourceId("source_id", in.source_id));
  LE_ASSIGN_OR_RETURN(TrainingRecord draft, in.record);
  LE_ASSIGN_OR_RETURN(Officer officer,
                      OfficerOf(who, system, draft.officer_id, in.officer_source_id));
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireAgency(who, officer.agency_id, kTrainingAction));
  LE_RETURN_IF_ERROR(training_->Check(draft, now));
  LE_RETURN_IF_ERROR(Training::CheckServed(officer, draft));
  const std::string digest =
      deps_.pii->BlindIndex(absl::StrCat("training|", officer.id, "|", draft.minutes, "|",
                                         static_cast<int>(draft.category), "|", draft.course, "|",
                                         absl::FormatCivilTime(draft.date), "|", draft.provider),
                            kDigestContext);
  LE_ASSIGN_OR_RETURN(std::optional<SourceLink> stored,
                      store_->GetSourceLink("training", system, in.source_id));
  result.outcome =
      PlanDigestImport(stored.has_value() ? std::optional(stored->digest) : std::nullopt, digest);
  if (stored.has_value()) {
    result.resource_id = stored->resource_id;
    if (result.outcome == ImportOutcome::kUnchanged) return std::nullopt;
    LE_ASSIGN_OR_RETURN(TrainingRecord before, store_->GetTrainingRecord(stored->resource_id));
    LE_RETURN_IF_ERROR(deps_.authorizer->RequireWithin(who, before.division_code, kTrainingAction));
    LE_RETURN_IF_ERROR(deps_.authorizer->RequireAgency(who, before.agency_id, kTrainingAction));
    return absl::FailedPreconditionError(
        "record: differs from the training record imported under this source_id; recorded "
        "training is not changed by import");
  }
  draft.id = deps_.ids->NewId();
  draft.officer_id = officer.id;
  draft.agency_id = officer.agency_id;
  draft.division_code = officer.division_code;
  draft.create_time = now;
  result.resource_id = draft.id;
  ImportWrite w;
  w.new_training = draft;
  w.link = LinkFor("training", system, in.source_id, stored, now);
  w.link.resource_id = draft.id;
  w.link.digest = digest;
  w.audit = app::AuditOf(who, "ImportTrainingRecords", "training.import", draft.id,
                         draft.division_code, now, Label(system, in.source_id));
  return w;
}

}  // namespace lawenforce::personnel
