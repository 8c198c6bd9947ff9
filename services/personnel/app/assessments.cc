#include "services/personnel/app/assessments.h"

#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/personnel/domain/validation.h"

namespace lawenforce::personnel {

absl::StatusOr<Assessment> Assessments::Record(const auth::Principal& who,
                                               absl::StatusOr<Assessment> input,
                                               const CreateOptions& options) {
  constexpr absl::string_view kAction = "record assessments for this officer";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kStaffWriters, kAction));
  LE_ASSIGN_OR_RETURN(Assessment draft, std::move(input));
  LE_RETURN_IF_ERROR(ValidateId("assessment.officer_id", draft.officer_id));
  LE_RETURN_IF_ERROR(ValidateYear("assessment.year", draft.year));
  LE_RETURN_IF_ERROR(ValidateOptionalText("assessment.remarks", draft.remarks, 500));
  const absl::Time now = deps_.clock->Now();
  if (draft.year > absl::ToCivilYear(now, ChinaTimeZone()).year()) {
    return InvalidField("assessment.year", "is in the future");
  }
  LE_ASSIGN_OR_RETURN(std::optional<IdempotencyKey> key,
                      KeyOf(deps_, "RecordAssessment", who, options));
  LE_ASSIGN_OR_RETURN(Officer officer, deps_.lookups->VisibleOfficer(who, "assessment.officer_id",
                                                                     draft.officer_id, kAction));
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireAgency(who, officer.agency_id, kAction));
  draft.id = deps_.ids->NewId();
  draft.recorded_by = who.subject;
  draft.create_time = now;
  const bool failing = draft.result == AssessmentResult::kIncompetent;
  LE_ASSIGN_OR_RETURN(
      Created created,
      store_->RecordAssessment(
          draft, failing, key,
          app::AuditOf(who, "RecordAssessment", "assessment.record", draft.id,
                       officer.division_code, now, failing ? "failing" : "passing")));
  return store_->GetAssessment(created.id);
}

absl::StatusOr<std::vector<Assessment>> Assessments::List(const auth::Principal& who,
                                                          const std::string& officer_id) {
  constexpr absl::string_view kAction = "read this officer's assessments";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, roles::kReaders, kAction));
  LE_RETURN_IF_ERROR(deps_.lookups->VisibleOfficer(who, "officer_id", officer_id, kAction));
  return store_->ListAssessments(officer_id);
}

}  // namespace lawenforce::personnel
