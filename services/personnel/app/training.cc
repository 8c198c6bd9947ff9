#include "services/personnel/app/training.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/paging/page_token.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/personnel/domain/validation.h"

namespace lawenforce::personnel {

absl::StatusOr<TrainingRecord> Training::Record(const auth::Principal& who,
                                                absl::StatusOr<TrainingRecord> input,
                                                const CreateOptions& options) {
  constexpr absl::string_view kAction = "record training for this officer";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kStaffWriters, kAction));
  LE_ASSIGN_OR_RETURN(TrainingRecord draft, std::move(input));
  LE_RETURN_IF_ERROR(ValidateId("record.officer_id", draft.officer_id));
  const absl::Time now = deps_.clock->Now();
  LE_RETURN_IF_ERROR(Check(draft, now));
  LE_ASSIGN_OR_RETURN(std::optional<IdempotencyKey> key,
                      KeyOf(deps_, "RecordTraining", who, options));
  LE_ASSIGN_OR_RETURN(Officer officer, deps_.lookups->VisibleOfficer(who, "record.officer_id",
                                                                     draft.officer_id, kAction));
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireAgency(who, officer.agency_id, kAction));
  LE_RETURN_IF_ERROR(CheckServed(officer, draft));
  draft.id = deps_.ids->NewId();
  draft.agency_id = officer.agency_id;
  draft.division_code = officer.division_code;
  draft.create_time = now;
  LE_ASSIGN_OR_RETURN(Created created,
                      store_->RecordTraining(draft, key,
                                             app::AuditOf(who, "RecordTraining", "training.record",
                                                          draft.id, draft.division_code, now),
                                             *deps_.policy));
  return store_->GetTrainingRecord(created.id);
}

absl::Status Training::Check(const TrainingRecord& draft, absl::Time now) const {
  if (draft.minutes <= 0) return InvalidField("record.hours", "must be positive");
  LE_RETURN_IF_ERROR(ValidateText("record.course", draft.course, 200));
  LE_RETURN_IF_ERROR(ValidateText("record.provider", draft.provider, 200));
  if (draft.date > absl::ToCivilDay(now, ChinaTimeZone())) {
    return InvalidField("record.date", "is in the future");
  }
  LE_RETURN_IF_ERROR(ValidateYear("record.date.year", static_cast<int>(draft.date.year())));
  if (now >= YearClosesAt(*deps_.policy, static_cast<int>(draft.date.year()))) {
    return InvalidField("record.date", absl::StrCat("the year ", draft.date.year(),
                                                    " is closed: its training figures are final"));
  }
  return absl::OkStatus();
}

absl::Status Training::CheckServed(const Officer& officer, const TrainingRecord& draft) {
  if (!officer.service_end.has_value()) return absl::OkStatus();
  // The day of leaving was served (in part), unless service ended at its
  // first moment.
  const absl::CivilDay last =
      absl::ToCivilDay(*officer.service_end - absl::Nanoseconds(1), ChinaTimeZone());
  if (draft.date <= last) return absl::OkStatus();
  return absl::FailedPreconditionError(
      absl::StrCat("record.date: after the officer left service on ", absl::FormatCivilTime(last)));
}

absl::StatusOr<Page<TrainingRecord>> Training::List(const auth::Principal& who,
                                                    const std::string& officer_id, int year,
                                                    const PageQuery& page) {
  constexpr absl::string_view kAction = "read this officer's training";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kReaders, kAction));
  if (year != 0) LE_RETURN_IF_ERROR(ValidateYear("year", year));
  LE_RETURN_IF_ERROR(paging::EffectivePageSize("page_size", page.page_size));
  LE_RETURN_IF_ERROR(deps_.lookups->VisibleOfficer(who, "officer_id", officer_id, kAction));
  return app::ListPage<TrainingRecord>(
      page, absl::StrCat("training|", officer_id, "|", year), *deps_.pii,
      [&](const store::PageRequest& r) {
        return store_->ListTrainingRecords(officer_id,
                                           year == 0 ? std::nullopt : std::optional<int>(year), r);
      });
}

absl::StatusOr<TrainingSummary> Training::Summary(const auth::Principal& who,
                                                  const SummaryScope& scope, int year) {
  constexpr absl::string_view kAction = "read training of this scope";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kReaders, kAction));
  const int scopes_given =
      !scope.officer_id.empty() + !scope.agency_id.empty() + !scope.division_code.empty();
  if (scopes_given != 1) {
    return InvalidField("scope", "exactly one of officer_id, agency_id, division_code is required");
  }
  LE_RETURN_IF_ERROR(ValidateYear("year", year));
  std::string division_prefix;
  if (!scope.officer_id.empty()) {
    LE_RETURN_IF_ERROR(deps_.lookups->VisibleOfficer(who, "officer_id", scope.officer_id, kAction));
  } else if (!scope.agency_id.empty()) {
    LE_RETURN_IF_ERROR(deps_.lookups->VisibleAgency(who, "agency_id", scope.agency_id, kAction));
  } else {
    LE_ASSIGN_OR_RETURN(
        std::string division,
        deps_.authorizer->ScopeForList(who, "division_code", scope.division_code, kAction));
    division_prefix = Divisions::SubtreePrefix(division);
  }
  LE_ASSIGN_OR_RETURN(TrainingSummary summary,
                      Compute(scope.officer_id, scope.agency_id, division_prefix, year));
  if (!scope.division_code.empty()) {
    summary.officers.clear();  // a division may hold thousands: totals only
  }
  return summary;
}

absl::StatusOr<TrainingSummary> Training::Compute(
    const std::string& officer_id, const std::string& agency_id, const std::string& division_prefix,
    int year, std::map<std::string, TrainingScope::Member>* members) {
  LE_ASSIGN_OR_RETURN(TrainingScope data,
                      store_->GetTrainingForScope(officer_id, agency_id, division_prefix, year));
  if (members != nullptr) {
    for (size_t i = 0; i < data.officers.size() && i < data.members.size(); ++i) {
      (*members)[data.officers[i].officer_id] = data.members[i];
    }
  }
  // A closed year's figures are fixed (the annual report, task 30, must be
  // reproducible): officers in service during the year, and the records
  // recorded by the time the year closed.
  const absl::Time closes = YearClosesAt(*deps_.policy, year);
  std::vector<TrainingRecord> recorded;
  for (TrainingRecord& r : data.records) {
    if (r.create_time < closes) recorded.push_back(std::move(r));
  }
  return SummarizeTraining(year, data.officers, recorded, *deps_.policy);
}

absl::StatusOr<Page<TrainingShortfall>> Training::Shortfalls(const auth::Principal& who,
                                                             const std::string& division_code,
                                                             const std::string& agency_id, int year,
                                                             const PageQuery& page) {
  constexpr absl::string_view kAction = "read training of this scope";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kReaders, kAction));
  LE_RETURN_IF_ERROR(ValidateYear("year", year));
  const absl::Time now = deps_.clock->Now();
  if (year > absl::ToCivilDay(now, ChinaTimeZone()).year()) {
    return InvalidField("year", "is in the future");
  }
  LE_ASSIGN_OR_RETURN(std::string scope,
                      deps_.authorizer->ScopeForList(who, "division_code", division_code, kAction));
  const std::string prefix = Divisions::SubtreePrefix(scope);
  if (!agency_id.empty()) {
    LE_RETURN_IF_ERROR(ValidateId("agency_id", agency_id));
    LE_ASSIGN_OR_RETURN(Agency agency,
                        deps_.lookups->VisibleAgency(who, "agency_id", agency_id, kAction));
    // An agency outside the listed subtree: none of its officers is in it.
    if (!absl::StartsWith(agency.division_code, prefix)) return Page<TrainingShortfall>{};
  }
  LE_RETURN_IF_ERROR(paging::EffectivePageSize("page_size", page.page_size));
  // Computed for the whole scope on each page (the year's records of the
  // subtree are read once a page; Known limitations).
  std::map<std::string, TrainingScope::Member> members;
  LE_ASSIGN_OR_RETURN(TrainingSummary summary,
                      Compute("", agency_id, agency_id.empty() ? prefix : "", year, &members));
  std::vector<OfficerTrainingTotals> below;
  for (OfficerTrainingTotals& t : summary.officers) {
    if (!t.compliant) below.push_back(std::move(t));
  }
  std::sort(below.begin(), below.end(),
            [](const auto& a, const auto& b) { return a.officer_id < b.officer_id; });
  return app::ListPage<TrainingShortfall>(
      page, absl::StrCat("shortfalls|", scope, "|", agency_id, "|", year), *deps_.pii,
      [&](const store::PageRequest& r) -> absl::StatusOr<std::vector<TrainingShortfall>> {
        std::vector<TrainingShortfall> out;
        auto it = std::upper_bound(below.begin(), below.end(), r.after_id,
                                   [](const std::string& id, const OfficerTrainingTotals& t) {
                                     return id < t.officer_id;
                                   });
        // Each as the scope had them that year (one transferred out of it
        // since is still listed, under the agency of that year).
        for (; it != below.end() && static_cast<int>(out.size()) < r.limit; ++it) {
          const TrainingScope::Member& m = members[it->officer_id];
          out.push_back({it->officer_id, m.name, m.agency_id, m.division_code, it->counted_minutes,
                         it->required_minutes});
        }
        return out;
      });
}

}  // namespace lawenforce::personnel
