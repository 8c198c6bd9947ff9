// PersonnelApp: training hours, annual assessments and staffing ratios.

#include "absl/strings/str_cat.h"
#include "common/ids/id_generator.h"
#include "common/paging/page_token.h"
#include "common/status/errors.h"
#include "services/personnel/app/app_internal.h"
#include "services/personnel/app/personnel_app.h"
#include "services/personnel/domain/validation.h"

namespace lawenforce::personnel {

using internal::Audit;

absl::StatusOr<TrainingRecord> PersonnelApp::RecordTraining(const auth::Principal& who,
                                                            absl::StatusOr<TrainingRecord> input,
                                                            const CreateOptions& options) {
  constexpr absl::string_view kAction = "record training for this officer";
  if (auto s = authorizer_->RequireRole(who, internal::kStaffWriters, kAction); !s.ok()) {
    return s;
  }
  if (!input.ok()) return input.status();
  TrainingRecord draft = *std::move(input);
  if (auto s = ValidateId("record.officer_id", draft.officer_id); !s.ok()) return s;
  if (draft.minutes <= 0) return InvalidField("record.hours", "must be positive");
  if (auto s = ValidateText("record.course", draft.course, 200); !s.ok()) return s;
  if (auto s = ValidateText("record.provider", draft.provider, 200); !s.ok()) return s;
  const absl::Time now = clock_->Now();
  if (draft.date > absl::ToCivilDay(now, ChinaTimeZone())) {
    return InvalidField("record.date", "is in the future");
  }
  if (auto s = ValidateYear("record.date.year", static_cast<int>(draft.date.year())); !s.ok()) {
    return s;
  }
  absl::StatusOr<std::optional<IdempotencyKey>> key = internal::KeyFor("RecordTraining", options);
  if (!key.ok()) return key.status();
  absl::StatusOr<Officer> officer =
      VisibleOfficer(who, "record.officer_id", draft.officer_id, kAction);
  if (!officer.ok()) return officer.status();
  if (auto s = RequireAgencyScope(who, officer->agency_id, kAction); !s.ok()) return s;
  draft.id = ids_->NewId();
  draft.agency_id = officer->agency_id;
  draft.division_code = officer->division_code;
  draft.create_time = now;
  absl::StatusOr<Created> created =
      store_->RecordTraining(draft, *key, Audit(who, "training.record", draft.id, now));
  if (!created.ok()) return created.status();
  return store_->GetTrainingRecord(created->id);
}

absl::StatusOr<Page<TrainingRecord>> PersonnelApp::ListTrainingRecords(
    const auth::Principal& who, const std::string& officer_id, int year, const PageQuery& page) {
  constexpr absl::string_view kAction = "read this officer's training";
  if (auto s = authorizer_->RequireRole(who, internal::kReaders, kAction); !s.ok()) return s;
  if (year != 0) {
    if (auto s = ValidateYear("year", year); !s.ok()) return s;
  }
  absl::StatusOr<int> size = paging::EffectivePageSize("page_size", page.page_size);
  if (!size.ok()) return size.status();
  absl::StatusOr<Officer> officer = VisibleOfficer(who, "officer_id", officer_id, kAction);
  if (!officer.ok()) return officer.status();
  const std::string filter = absl::StrCat("training|", officer_id, "|", year);
  absl::StatusOr<std::string> after =
      paging::DecodePageToken("page_token", page.page_token, filter);
  if (!after.ok()) return after.status();
  absl::StatusOr<std::vector<TrainingRecord>> rows =
      store_->ListTrainingRecords(officer_id, year == 0 ? std::nullopt : std::optional<int>(year),
                                  PageRequest{*after, *size + 1});
  if (!rows.ok()) return rows.status();
  Page<TrainingRecord> out;
  if (static_cast<int>(rows->size()) > *size) {
    rows->resize(*size);
    out.next_page_token = paging::EncodePageToken(rows->back().id, filter);
  }
  out.items = *std::move(rows);
  return out;
}

absl::StatusOr<TrainingSummary> PersonnelApp::GetTrainingSummary(const auth::Principal& who,
                                                                 const SummaryScope& scope,
                                                                 int year) {
  constexpr absl::string_view kAction = "read training of this scope";
  if (auto s = authorizer_->RequireRole(who, internal::kReaders, kAction); !s.ok()) return s;
  const int scopes_given =
      !scope.officer_id.empty() + !scope.agency_id.empty() + !scope.division_code.empty();
  if (scopes_given != 1) {
    return InvalidField("scope", "exactly one of officer_id, agency_id, division_code is required");
  }
  if (auto s = ValidateYear("year", year); !s.ok()) return s;
  std::string division_prefix;
  if (!scope.officer_id.empty()) {
    absl::StatusOr<Officer> o = VisibleOfficer(who, "officer_id", scope.officer_id, kAction);
    if (!o.ok()) return o.status();
  } else if (!scope.agency_id.empty()) {
    absl::StatusOr<Agency> a = VisibleAgency(who, "agency_id", scope.agency_id, kAction);
    if (!a.ok()) return a.status();
  } else {
    absl::StatusOr<std::string> d =
        authorizer_->ScopeForList(who, "division_code", scope.division_code, kAction);
    if (!d.ok()) return d.status();
    division_prefix = Divisions::SubtreePrefix(*d);
  }
  absl::StatusOr<PersonnelStore::TrainingScope> data =
      store_->GetTrainingForScope(scope.officer_id, scope.agency_id, division_prefix, year);
  if (!data.ok()) return data.status();
  TrainingSummary summary = SummarizeTraining(year, data->officer_ids, data->records);
  if (!scope.division_code.empty()) {
    summary.officers.clear();  // a division may hold thousands: totals only
  }
  return summary;
}

absl::StatusOr<Assessment> PersonnelApp::RecordAssessment(const auth::Principal& who,
                                                          absl::StatusOr<Assessment> input,
                                                          const CreateOptions& options) {
  constexpr absl::string_view kAction = "record assessments for this officer";
  if (auto s = authorizer_->RequireRole(who, internal::kStaffWriters, kAction); !s.ok()) {
    return s;
  }
  if (!input.ok()) return input.status();
  Assessment draft = *std::move(input);
  if (auto s = ValidateId("assessment.officer_id", draft.officer_id); !s.ok()) return s;
  if (auto s = ValidateYear("assessment.year", draft.year); !s.ok()) return s;
  if (auto s = ValidateOptionalText("assessment.remarks", draft.remarks, 500); !s.ok()) return s;
  const absl::Time now = clock_->Now();
  if (draft.year > absl::ToCivilYear(now, ChinaTimeZone()).year()) {
    return InvalidField("assessment.year", "is in the future");
  }
  absl::StatusOr<std::optional<IdempotencyKey>> key = internal::KeyFor("RecordAssessment", options);
  if (!key.ok()) return key.status();
  absl::StatusOr<Officer> officer =
      VisibleOfficer(who, "assessment.officer_id", draft.officer_id, kAction);
  if (!officer.ok()) return officer.status();
  if (auto s = RequireAgencyScope(who, officer->agency_id, kAction); !s.ok()) return s;
  draft.id = ids_->NewId();
  draft.recorded_by = who.subject;
  draft.create_time = now;
  const bool failing = draft.result == AssessmentResult::kIncompetent;
  absl::StatusOr<Created> created = store_->RecordAssessment(
      draft, failing, *key,
      Audit(who, "assessment.record", draft.id, now, failing ? "failing" : "passing"));
  if (!created.ok()) return created.status();
  return store_->GetAssessment(created->id);
}

absl::StatusOr<std::vector<Assessment>> PersonnelApp::ListAssessments(
    const auth::Principal& who, const std::string& officer_id) {
  constexpr absl::string_view kAction = "read this officer's assessments";
  if (auto s = authorizer_->RequireRole(who, internal::kReaders, kAction); !s.ok()) return s;
  absl::StatusOr<Officer> officer = VisibleOfficer(who, "officer_id", officer_id, kAction);
  if (!officer.ok()) return officer.status();
  return store_->ListAssessments(officer_id);
}

absl::StatusOr<StaffingReport> PersonnelApp::GetStaffingCompliance(
    const auth::Principal& who, const std::string& agency_id, const std::string& division_code) {
  constexpr absl::string_view kAction = "read staffing of this scope";
  if (auto s = authorizer_->RequireRole(who, internal::kReaders, kAction); !s.ok()) return s;
  if (agency_id.empty() == division_code.empty()) {
    return InvalidField("scope", "exactly one of agency_id, division_code is required");
  }
  std::string scope_division;
  std::string prefix;
  if (!agency_id.empty()) {
    absl::StatusOr<Agency> agency = VisibleAgency(who, "agency_id", agency_id, kAction);
    if (!agency.ok()) return agency.status();
    scope_division = agency->division_code;
  } else {
    absl::StatusOr<std::string> d =
        authorizer_->ScopeForList(who, "division_code", division_code, kAction);
    if (!d.ok()) return d.status();
    scope_division = *d;
    prefix = Divisions::SubtreePrefix(*d);
  }
  absl::StatusOr<std::vector<AgencyHeadcount>> counts = store_->Headcounts(agency_id, prefix);
  if (!counts.ok()) return counts.status();
  std::vector<AgencyCounts> input;
  input.reserve(counts->size());
  for (const AgencyHeadcount& c : *counts) {
    input.push_back(AgencyCounts{c.agency_id, c.agency_name, c.division_code, c.officer_count,
                                 c.legal_reviewer_count});
  }
  return ComputeStaffing(authorizer_->divisions(), scope_division, input);
}

}  // namespace lawenforce::personnel
