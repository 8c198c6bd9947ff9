#include "tools/lawenforcectl/requests.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace lawenforce::ctl {
namespace {

constexpr int32_t kMinYear = 2000;
constexpr int32_t kMaxYear = 2100;

constexpr Choice kOfficerRoles[] = {
    {"officer", v1::OFFICER_ROLE_OFFICER},
    {"legal_reviewer", v1::OFFICER_ROLE_LEGAL_REVIEWER},
    {"supervisor", v1::OFFICER_ROLE_SUPERVISOR},
};

constexpr Choice kCertificateKinds[] = {
    {"enforcement", v1::CERTIFICATE_KIND_ENFORCEMENT},
    {"supervision", v1::CERTIFICATE_KIND_SUPERVISION},
};

constexpr Choice kCertificateStates[] = {
    {"active", v1::CERTIFICATE_STATE_ACTIVE},   {"suspended", v1::CERTIFICATE_STATE_SUSPENDED},
    {"revoked", v1::CERTIFICATE_STATE_REVOKED}, {"cancelled", v1::CERTIFICATE_STATE_CANCELLED},
    {"expired", v1::CERTIFICATE_STATE_EXPIRED},
};

constexpr Choice kTrainingCategories[] = {
    {"public_legal", v1::TRAINING_CATEGORY_PUBLIC_LEGAL_KNOWLEDGE},
    {"business", v1::TRAINING_CATEGORY_BUSINESS_KNOWLEDGE},
    {"skills", v1::TRAINING_CATEGORY_ENFORCEMENT_SKILLS},
    {"political_theory", v1::TRAINING_CATEGORY_POLITICAL_THEORY},
    // The enum's own names, for people who read the proto.
    {"public_legal_knowledge", v1::TRAINING_CATEGORY_PUBLIC_LEGAL_KNOWLEDGE, /*alias=*/true},
    {"business_knowledge", v1::TRAINING_CATEGORY_BUSINESS_KNOWLEDGE, /*alias=*/true},
    {"enforcement_skills", v1::TRAINING_CATEGORY_ENFORCEMENT_SKILLS, /*alias=*/true},
};

constexpr Choice kAssessmentResults[] = {
    {"excellent", v1::ASSESSMENT_RESULT_EXCELLENT},
    {"competent", v1::ASSESSMENT_RESULT_COMPETENT},
    {"basically_competent", v1::ASSESSMENT_RESULT_BASICALLY_COMPETENT},
    {"incompetent", v1::ASSESSMENT_RESULT_INCOMPETENT},
};

constexpr Choice kServiceEndReasons[] = {
    {"left_post", v1::SERVICE_END_REASON_LEFT_POST},
    {"retired", v1::SERVICE_END_REASON_RETIRED},
};

// The single positional argument of a get/transition command.
const std::string& Id(const Args& args) { return args.positionals().front(); }

// --effective RFC3339, when given, into `request.effective_time`.
template <typename Request>
absl::Status SetEffective(const Args& args, Request& request) {
  return SetTime(args, "effective", [&] { return request.mutable_effective_time(); });
}

}  // namespace

absl::StatusOr<std::string> ExactlyOne(const Args& args, std::vector<std::string> flags) {
  std::string given;
  for (const std::string& flag : flags) {
    if (!args.Has(flag)) {
      continue;
    }
    if (!given.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("give only one of --", given, " and --", flag));
    }
    given = flag;
  }
  if (given.empty()) {
    std::string names;
    for (const std::string& flag : flags) {
      absl::StrAppend(&names, names.empty() ? "" : " | ", "--", flag);
    }
    return absl::InvalidArgumentError(absl::StrCat("missing required flag: one of ", names));
  }
  return given;
}

// The text of file flag --<flag> PATH|-: the file, or standard input for "-".
absl::StatusOr<std::string> ReadFileFlag(const Args& args, const RequestContext& context,
                                         absl::string_view flag) {
  const std::string path = args.Value(flag);
  absl::StatusOr<std::string> text;
  if (path == "-") {
    if (!context.read_stdin) {
      return absl::InvalidArgumentError(absl::StrCat("--", flag, " -: no standard input"));
    }
    text = context.read_stdin();
  } else {
    if (!context.read_file) {
      return absl::InvalidArgumentError(absl::StrCat("--", flag, ": cannot read files"));
    }
    text = context.read_file(path);
  }
  if (!text.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", text.status().message()));
  }
  return text;
}

const std::string& Positional(const Args& args, size_t n) { return args.positionals().at(n); }

absl::StatusOr<int> PositionalChoice(const Args& args, size_t n, absl::string_view name,
                                     absl::Span<const Choice> choices) {
  const std::string& text = Positional(args, n);
  absl::StatusOr<int> value = ParseChoiceFlag(name, text, choices);
  if (!value.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": want one of ", ChoiceNames(choices), ", got \"", text, "\""));
  }
  return value;
}

absl::Span<const Choice> OfficerRoleChoices() { return kOfficerRoles; }
absl::Span<const Choice> CertificateKindChoices() { return kCertificateKinds; }
absl::Span<const Choice> CertificateStateChoices() { return kCertificateStates; }
absl::Span<const Choice> TrainingCategoryChoices() { return kTrainingCategories; }
absl::Span<const Choice> AssessmentResultChoices() { return kAssessmentResults; }
absl::Span<const Choice> ServiceEndReasonChoices() { return kServiceEndReasons; }

constexpr Choice kAuditOutcomes[] = {
    {"done", v1::AUDIT_OUTCOME_DONE},
    {"denied", v1::AUDIT_OUTCOME_DENIED},
};
absl::Span<const Choice> AuditOutcomeChoices() { return kAuditOutcomes; }

absl::StatusOr<v1::CreateAgencyRequest> BuildCreateAgency(const Args& args,
                                                          const RequestContext& context) {
  v1::CreateAgencyRequest request;
  v1::Agency* agency = request.mutable_agency();
  agency->set_name(args.Value("name"));
  agency->set_division_code(args.Value("division"));
  for (const std::string& domain : args.Values("domain")) {
    agency->add_domains(domain);
  }
  agency->set_require_training_for_eligibility(args.Enabled("require-training"));
  request.set_request_id(context.request_id);
  return request;
}

absl::StatusOr<v1::GetAgencyRequest> BuildGetAgency(const Args& args, const RequestContext&) {
  v1::GetAgencyRequest request;
  request.set_id(Id(args));
  return request;
}

absl::StatusOr<v1::ListAgenciesRequest> BuildListAgencies(const Args& args, const RequestContext&) {
  v1::ListAgenciesRequest request;
  request.set_division_code(args.Value("division"));
  if (absl::Status status = SetPaging(args, &request); !status.ok()) {
    return status;
  }
  return request;
}

absl::StatusOr<std::string> ReadProtectedValue(const Args& args, const RequestContext& context,
                                               absl::string_view flag,
                                               absl::string_view file_flag) {
  const bool inline_given = args.Has(flag);
  const bool file_given = args.Has(file_flag);
  if (inline_given == file_given) {
    return absl::InvalidArgumentError(
        absl::StrCat("give exactly one of --", flag, " (VALUE, or - for stdin) and --", file_flag));
  }
  absl::StatusOr<std::string> text;
  std::string source;
  if (file_given) {
    source = absl::StrCat("--", file_flag);
    if (!context.read_file) return absl::InvalidArgumentError(source + ": cannot read files");
    text = context.read_file(args.Value(file_flag));
  } else if (args.Value(flag) == "-") {
    source = absl::StrCat("--", flag, " -");
    if (!context.read_stdin) return absl::InvalidArgumentError(source + ": no standard input");
    text = context.read_stdin();
  } else {
    return args.Value(flag);
  }
  if (!text.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": ", text.status().message()));
  }
  std::string value(absl::StripAsciiWhitespace(*text));
  if (value.empty()) return absl::InvalidArgumentError(absl::StrCat(source, ": empty"));
  return value;
}

namespace {

// The identity-card number: --id-number NUMBER, --id-number - (stdin) or
// --id-number-file PATH, exactly one.
absl::StatusOr<std::string> IdNumberOf(const Args& args, const RequestContext& context) {
  return ReadProtectedValue(args, context, "id-number", "id-number-file");
}

}  // namespace

absl::StatusOr<v1::CreateOfficerRequest> BuildCreateOfficer(const Args& args,
                                                            const RequestContext& context) {
  v1::CreateOfficerRequest request;
  v1::Officer* officer = request.mutable_officer();
  officer->set_agency_id(args.Value("agency"));
  officer->set_name(args.Value("name"));
  absl::StatusOr<std::string> id_number = IdNumberOf(args, context);
  if (!id_number.ok()) {
    return id_number.status();
  }
  officer->set_id_number(*id_number);
  for (const std::string& role : args.Values("role")) {
    absl::StatusOr<int> value = ParseChoiceFlag("role", role, kOfficerRoles);
    if (!value.ok()) {
      return value.status();
    }
    officer->add_roles(static_cast<v1::OfficerRole>(*value));
  }
  request.set_request_id(context.request_id);
  return request;
}

absl::StatusOr<v1::GetOfficerRequest> BuildGetOfficer(const Args& args, const RequestContext&) {
  v1::GetOfficerRequest request;
  request.set_id(Id(args));
  return request;
}

absl::StatusOr<v1::ListOfficersRequest> BuildListOfficers(const Args& args,
                                                          const RequestContext& context) {
  v1::ListOfficersRequest request;
  request.set_division_code(args.Value("division"));
  request.set_agency_id(args.Value("agency"));
  if (args.Has("role")) {
    absl::StatusOr<int> role = ParseChoiceFlag("role", args.Value("role"), kOfficerRoles);
    if (!role.ok()) {
      return role.status();
    }
    request.set_role(static_cast<v1::OfficerRole>(*role));
  }
  request.set_name_prefix(args.Value("name-prefix"));
  if (args.Has("id-number") || args.Has("id-number-file")) {
    // Found by its blind index; never on the command line unless typed so.
    absl::StatusOr<std::string> number =
        ReadProtectedValue(args, context, "id-number", "id-number-file");
    if (!number.ok()) {
      return number.status();
    }
    request.set_id_number(*number);
  }
  if (args.Has("review-required")) {
    request.set_review_required(args.Enabled("review-required"));
  }
  request.set_without_valid_certificate(args.Enabled("without-valid-certificate"));
  if (args.Has("in-service")) request.set_in_service(args.Enabled("in-service"));
  if (absl::Status status = SetPaging(args, &request); !status.ok()) {
    return status;
  }
  return request;
}

absl::StatusOr<v1::UpdateAgencyRequest> BuildUpdateAgency(const Args& args, const RequestContext&) {
  v1::UpdateAgencyRequest request;
  v1::Agency* agency = request.mutable_agency();
  agency->set_id(Id(args));
  agency->set_etag(args.Value("etag"));
  request.set_reason(args.Value("reason"));
  if (args.Has("name")) {
    if (args.Value("name").empty()) return absl::InvalidArgumentError("--name must not be empty");
    agency->set_name(args.Value("name"));
    request.mutable_update_mask()->add_paths("name");
  }
  if (args.Has("domain")) {
    for (const std::string& domain : args.Values("domain")) agency->add_domains(domain);
    request.mutable_update_mask()->add_paths("domains");
  }
  if (request.update_mask().paths().empty()) {
    return absl::InvalidArgumentError("nothing to update: give --name and/or --domain");
  }
  return request;
}

absl::StatusOr<v1::UpdateOfficerRequest> BuildUpdateOfficer(const Args& args,
                                                            const RequestContext&) {
  v1::UpdateOfficerRequest request;
  v1::Officer* officer = request.mutable_officer();
  officer->set_id(Id(args));
  officer->set_etag(args.Value("etag"));
  if (args.Has("name")) {
    if (args.Value("name").empty()) {
      return absl::InvalidArgumentError("--name must not be empty");
    }
    officer->set_name(args.Value("name"));
    request.mutable_update_mask()->add_paths("name");
  }
  if (args.Has("role")) {
    for (const std::string& role : args.Values("role")) {
      absl::StatusOr<int> value = ParseChoiceFlag("role", role, kOfficerRoles);
      if (!value.ok()) {
        return value.status();
      }
      officer->add_roles(static_cast<v1::OfficerRole>(*value));
    }
    request.mutable_update_mask()->add_paths("roles");
  }
  if (request.update_mask().paths().empty()) {
    return absl::InvalidArgumentError("nothing to update: give --name and/or --role");
  }
  return request;
}

absl::StatusOr<v1::IssueCertificateRequest> BuildIssueCertificate(const Args& args,
                                                                  const RequestContext& context) {
  v1::IssueCertificateRequest request;
  v1::Certificate* certificate = request.mutable_certificate();
  certificate->set_officer_id(args.Value("officer"));
  certificate->set_number(args.Value("number"));
  absl::StatusOr<int> kind = ParseChoiceFlag("kind", args.Value("kind"), kCertificateKinds);
  if (!kind.ok()) {
    return kind.status();
  }
  certificate->set_kind(static_cast<v1::CertificateKind>(*kind));
  for (const std::string& domain : args.Values("domain")) {
    certificate->add_domains(domain);
  }
  absl::StatusOr<common::v1::Date> from = ParseDateFlag("valid-from", args.Value("valid-from"));
  if (!from.ok()) {
    return from.status();
  }
  absl::StatusOr<common::v1::Date> until = ParseDateFlag("valid-until", args.Value("valid-until"));
  if (!until.ok()) {
    return until.status();
  }
  *certificate->mutable_valid_from() = *from;
  *certificate->mutable_valid_until() = *until;
  request.set_request_id(context.request_id);
  return request;
}

namespace {

v1::ReissueCertificateRequest ReissueOf(const Args& args, const RequestContext& context,
                                        v1::ReissueKind kind) {
  v1::ReissueCertificateRequest request;
  request.set_id(Id(args));
  request.set_kind(kind);
  request.set_number(args.Value("number"));
  request.set_reason(args.Value("reason"));
  request.set_etag(args.Value("etag"));
  request.set_decision_document(args.Value("decision"));
  request.set_request_id(context.request_id);
  return request;
}

}  // namespace

absl::StatusOr<v1::ReissueCertificateRequest> BuildRenewCertificate(const Args& args,
                                                                    const RequestContext& context) {
  v1::ReissueCertificateRequest request = ReissueOf(args, context, v1::REISSUE_KIND_RENEWAL);
  absl::StatusOr<common::v1::Date> from = ParseDateFlag("valid-from", args.Value("valid-from"));
  if (!from.ok()) return from.status();
  absl::StatusOr<common::v1::Date> until = ParseDateFlag("valid-until", args.Value("valid-until"));
  if (!until.ok()) return until.status();
  *request.mutable_valid_from() = *from;
  *request.mutable_valid_until() = *until;
  for (const std::string& domain : args.Values("domain")) request.add_domains(domain);
  return request;
}

absl::StatusOr<v1::ReissueCertificateRequest> BuildReplaceCertificate(
    const Args& args, const RequestContext& context) {
  return ReissueOf(args, context, v1::REISSUE_KIND_REPLACEMENT);
}

absl::StatusOr<v1::CorrectCertificateRequest> BuildCorrectCertificate(const Args& args,
                                                                      const RequestContext&) {
  v1::CorrectCertificateRequest request;
  request.set_id(Id(args));
  request.set_reason(args.Value("reason"));
  request.set_etag(args.Value("etag"));
  if (args.Has("number")) {
    request.set_number(args.Value("number"));
    request.mutable_update_mask()->add_paths("number");
  }
  for (const char* flag : {"valid-from", "valid-until"}) {
    if (!args.Has(flag)) continue;
    absl::StatusOr<common::v1::Date> day = ParseDateFlag(flag, args.Value(flag));
    if (!day.ok()) return day.status();
    const bool from = std::string(flag) == "valid-from";
    *(from ? request.mutable_valid_from() : request.mutable_valid_until()) = *day;
    request.mutable_update_mask()->add_paths(from ? "valid_from" : "valid_until");
  }
  if (args.Has("domain")) {
    for (const std::string& domain : args.Values("domain")) request.add_domains(domain);
    request.mutable_update_mask()->add_paths("domains");
  }
  if (request.update_mask().paths().empty()) {
    return absl::InvalidArgumentError(
        "nothing to correct: give --number, --valid-from, --valid-until and/or --domain");
  }
  return request;
}

absl::StatusOr<v1::GetCertificateRequest> BuildGetCertificate(const Args& args,
                                                              const RequestContext&) {
  v1::GetCertificateRequest request;
  request.set_id(Id(args));
  return request;
}

absl::StatusOr<v1::ListCertificatesRequest> BuildListCertificates(const Args& args,
                                                                  const RequestContext&) {
  v1::ListCertificatesRequest request;
  request.set_division_code(args.Value("division"));
  request.set_officer_id(args.Value("officer"));
  if (args.Has("state")) {
    absl::StatusOr<int> state = ParseChoiceFlag("state", args.Value("state"), kCertificateStates);
    if (!state.ok()) {
      return state.status();
    }
    request.set_state(static_cast<v1::CertificateState>(*state));
  }
  if (args.Has("expiring-within-days")) {
    absl::StatusOr<int32_t> days =
        ParseIntFlag("expiring-within-days", args.Value("expiring-within-days"), 1, 366);
    if (!days.ok()) {
      return days.status();
    }
    request.set_expiring_within_days(*days);
  }
  if (absl::Status status = SetPaging(args, &request); !status.ok()) {
    return status;
  }
  return request;
}

absl::StatusOr<v1::TransitionCertificateRequest> BuildTransitionCertificate(const Args& args,
                                                                            const RequestContext&) {
  v1::TransitionCertificateRequest request;
  request.set_id(Id(args));
  request.set_reason(args.Value("reason"));
  request.set_etag(args.Value("etag"));
  request.set_decision_document(args.Value("decision"));
  if (absl::Status s = SetEffective(args, request); !s.ok()) return s;
  return request;
}

absl::StatusOr<v1::TransitionCertificateRequest> BuildSuspendCertificate(
    const Args& args, const RequestContext& context) {
  absl::StatusOr<v1::TransitionCertificateRequest> request =
      BuildTransitionCertificate(args, context);
  if (!request.ok()) return request;
  if (absl::Status s = SetTime(args, "until", [&] { return request->mutable_suspended_until(); });
      !s.ok()) {
    return s;
  }
  return request;
}

absl::StatusOr<v1::TransferOfficerRequest> BuildTransferOfficer(const Args& args,
                                                                const RequestContext&) {
  v1::TransferOfficerRequest request;
  request.set_officer_id(Id(args));
  request.set_agency_id(args.Value("agency"));
  request.set_note(args.Value("note"));
  request.set_etag(args.Value("etag"));
  if (absl::Status s = SetEffective(args, request); !s.ok()) return s;
  return request;
}

absl::StatusOr<v1::EndOfficerServiceRequest> BuildEndOfficerService(const Args& args,
                                                                    const RequestContext&) {
  v1::EndOfficerServiceRequest request;
  request.set_officer_id(Id(args));
  absl::StatusOr<int> reason = ParseChoiceFlag("reason", args.Value("reason"), kServiceEndReasons);
  if (!reason.ok()) return reason.status();
  request.set_reason(static_cast<v1::ServiceEndReason>(*reason));
  request.set_note(args.Value("note"));
  request.set_etag(args.Value("etag"));
  if (absl::Status s = SetEffective(args, request); !s.ok()) return s;
  return request;
}

absl::StatusOr<v1::ListOfficerServicePeriodsRequest> BuildListOfficerServicePeriods(
    const Args& args, const RequestContext&) {
  v1::ListOfficerServicePeriodsRequest request;
  request.set_officer_id(Id(args));
  return request;
}

absl::StatusOr<v1::ClearOfficerReviewRequest> BuildClearOfficerReview(const Args& args,
                                                                      const RequestContext&) {
  v1::ClearOfficerReviewRequest request;
  request.set_id(Id(args));
  request.set_reason(args.Value("reason"));
  request.set_etag(args.Value("etag"));
  return request;
}

absl::StatusOr<v1::GetCertificateHistoryRequest> BuildGetCertificateHistory(const Args& args,
                                                                            const RequestContext&) {
  v1::GetCertificateHistoryRequest request;
  request.set_id(Id(args));
  return request;
}

absl::StatusOr<v1::GetCertificateVerificationCodeRequest> BuildGetCertificateVerificationCode(
    const Args& args, const RequestContext&) {
  v1::GetCertificateVerificationCodeRequest request;
  request.set_id(Id(args));
  return request;
}

absl::StatusOr<v1::VerifyCertificateRequest> BuildVerifyCertificate(const Args& args,
                                                                    const RequestContext&) {
  v1::VerifyCertificateRequest request;
  const bool number = args.Has("number");
  const bool code = args.Has("code");
  if (args.Has("text")) {
    if (number || code) {
      return absl::InvalidArgumentError(
          absl::StrCat("give --text, or --number and --code, not both (--text with --",
                       number ? "number" : "code", ")"));
    }
    request.set_text(args.Value("text"));
    return request;
  }
  if (!number && !code) {
    return absl::InvalidArgumentError(
        "missing required flag: --text, or --number and --code (as printed on the certificate)");
  }
  if (!number || !code) {
    return absl::InvalidArgumentError(absl::StrCat("missing required flag --",
                                                   number ? "code" : "number",
                                                   " (--number and --code go together)"));
  }
  request.set_number(args.Value("number"));
  request.set_code(args.Value("code"));
  return request;
}

absl::StatusOr<v1::CheckEnforcementEligibilityRequest> BuildCheckEligibility(
    const Args& args, const RequestContext&) {
  v1::CheckEnforcementEligibilityRequest request;
  for (const std::string& officer : args.Values("officer")) {
    request.add_officer_ids(officer);
  }
  request.set_domain(args.Value("domain"));
  if (args.Has("at")) {
    absl::StatusOr<google::protobuf::Timestamp> at = ParseTimestampFlag("at", args.Value("at"));
    if (!at.ok()) {
      return at.status();
    }
    *request.mutable_at_time() = *at;
  }
  return request;
}

absl::StatusOr<v1::CheckSupervisionAuthorityRequest> BuildCheckSupervision(const Args& args,
                                                                           const RequestContext&) {
  v1::CheckSupervisionAuthorityRequest request;
  request.set_officer_id(args.Value("officer"));
  request.set_division_code(args.Value("division"));
  request.set_domain(args.Value("domain"));
  if (absl::Status s = SetTime(args, "at", [&] { return request.mutable_at_time(); }); !s.ok()) {
    return s;
  }
  return request;
}

absl::StatusOr<v1::RecordTrainingRequest> BuildRecordTraining(const Args& args,
                                                              const RequestContext& context) {
  v1::RecordTrainingRequest request;
  v1::TrainingRecord* record = request.mutable_record();
  record->set_officer_id(args.Value("officer"));
  absl::StatusOr<double> hours = ParsePositiveNumberFlag("hours", args.Value("hours"));
  if (!hours.ok()) {
    return hours.status();
  }
  record->set_hours(*hours);
  absl::StatusOr<int> category =
      ParseChoiceFlag("category", args.Value("category"), kTrainingCategories);
  if (!category.ok()) {
    return category.status();
  }
  record->set_category(static_cast<v1::TrainingCategory>(*category));
  record->set_course(args.Value("course"));
  absl::StatusOr<common::v1::Date> date = ParseDateFlag("date", args.Value("date"));
  if (!date.ok()) {
    return date.status();
  }
  *record->mutable_date() = *date;
  record->set_provider(args.Value("provider"));
  request.set_request_id(context.request_id);
  return request;
}

absl::StatusOr<v1::ListTrainingRecordsRequest> BuildListTrainingRecords(const Args& args,
                                                                        const RequestContext&) {
  v1::ListTrainingRecordsRequest request;
  request.set_officer_id(args.Value("officer"));
  if (args.Has("year")) {
    absl::StatusOr<int32_t> year = ParseIntFlag("year", args.Value("year"), kMinYear, kMaxYear);
    if (!year.ok()) {
      return year.status();
    }
    request.set_year(*year);
  }
  if (absl::Status status = SetPaging(args, &request); !status.ok()) {
    return status;
  }
  return request;
}

absl::StatusOr<v1::GetTrainingSummaryRequest> BuildGetTrainingSummary(const Args& args,
                                                                      const RequestContext&) {
  v1::GetTrainingSummaryRequest request;
  absl::StatusOr<std::string> scope = ExactlyOne(args, {"officer", "agency", "division"});
  if (!scope.ok()) {
    return scope.status();
  }
  if (args.Value(*scope).empty()) {
    return absl::InvalidArgumentError(absl::StrCat("--", *scope, " must not be empty"));
  }
  if (*scope == "officer") {
    request.set_officer_id(args.Value("officer"));
  } else if (*scope == "agency") {
    request.set_agency_id(args.Value("agency"));
  } else {
    request.set_division_code(args.Value("division"));
  }
  absl::StatusOr<int32_t> year = ParseIntFlag("year", args.Value("year"), kMinYear, kMaxYear);
  if (!year.ok()) {
    return year.status();
  }
  request.set_year(*year);
  return request;
}

absl::StatusOr<v1::ListTrainingShortfallsRequest> BuildListTrainingShortfalls(
    const Args& args, const RequestContext&) {
  v1::ListTrainingShortfallsRequest request;
  request.set_division_code(args.Value("division"));
  request.set_agency_id(args.Value("agency"));
  absl::StatusOr<int32_t> year = ParseIntFlag("year", args.Value("year"), kMinYear, kMaxYear);
  if (!year.ok()) return year.status();
  request.set_year(*year);
  if (absl::Status status = SetPaging(args, &request); !status.ok()) return status;
  return request;
}

absl::StatusOr<v1::ListAuditEntriesRequest> BuildListAuditEntries(const Args& args,
                                                                  const RequestContext&) {
  v1::ListAuditEntriesRequest request;
  request.set_division_code(args.Value("division"));
  request.set_resource_id(args.Value("resource"));
  request.set_actor(args.Value("actor"));
  request.set_method(args.Value("method"));
  request.set_action(args.Value("action"));
  if (args.Has("outcome")) {
    absl::StatusOr<int> outcome = ParseChoiceFlag("outcome", args.Value("outcome"), kAuditOutcomes);
    if (!outcome.ok()) return outcome.status();
    request.set_outcome(static_cast<v1::AuditOutcome>(*outcome));
  }
  if (absl::Status s = SetTime(args, "from", [&] { return request.mutable_start_time(); });
      !s.ok()) {
    return s;
  }
  if (absl::Status s = SetTime(args, "until", [&] { return request.mutable_end_time(); });
      !s.ok()) {
    return s;
  }
  if (absl::Status status = SetPaging(args, &request); !status.ok()) return status;
  return request;
}

absl::StatusOr<v1::RecordAssessmentRequest> BuildRecordAssessment(const Args& args,
                                                                  const RequestContext& context) {
  v1::RecordAssessmentRequest request;
  v1::Assessment* assessment = request.mutable_assessment();
  assessment->set_officer_id(args.Value("officer"));
  absl::StatusOr<int32_t> year = ParseIntFlag("year", args.Value("year"), kMinYear, kMaxYear);
  if (!year.ok()) {
    return year.status();
  }
  assessment->set_year(*year);
  absl::StatusOr<int> result = ParseChoiceFlag("result", args.Value("result"), kAssessmentResults);
  if (!result.ok()) {
    return result.status();
  }
  assessment->set_result(static_cast<v1::AssessmentResult>(*result));
  assessment->set_remarks(args.Value("remarks"));
  request.set_request_id(context.request_id);
  return request;
}

absl::StatusOr<v1::ListAssessmentsRequest> BuildListAssessments(const Args& args,
                                                                const RequestContext&) {
  v1::ListAssessmentsRequest request;
  request.set_officer_id(args.Value("officer"));
  return request;
}

absl::StatusOr<v1::GetStaffingComplianceRequest> BuildGetStaffingCompliance(const Args& args,
                                                                            const RequestContext&) {
  v1::GetStaffingComplianceRequest request;
  absl::StatusOr<std::string> scope = ExactlyOne(args, {"agency", "division"});
  if (!scope.ok()) {
    return scope.status();
  }
  if (args.Value(*scope).empty()) {
    return absl::InvalidArgumentError(absl::StrCat("--", *scope, " must not be empty"));
  }
  if (*scope == "agency") {
    request.set_agency_id(args.Value("agency"));
  } else {
    request.set_division_code(args.Value("division"));
  }
  if (args.Has("year")) {
    absl::StatusOr<int32_t> year = ParseIntFlag("year", args.Value("year"), kMinYear, kMaxYear);
    if (!year.ok()) {
      return year.status();
    }
    request.set_year(*year);
  }
  return request;
}

}  // namespace lawenforce::ctl
