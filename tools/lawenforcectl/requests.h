#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_REQUESTS_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_REQUESTS_H_

// Pure functions from parsed flags to personnel-service requests: no
// network, no clock, no randomness, so each is tested on its own. Every
// builder returns INVALID_ARGUMENT naming the flag when a value is bad;
// flags a command declares as required are already known to be present.
//
// Flag names follow the brief: --agency for agency_id, --division for
// division_code, --officer for officer_id, --domain / --role repeated for
// the repeated fields.

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "lawenforce/personnel/v1/personnel.pb.h"
#include "tools/lawenforcectl/args.h"
#include "tools/lawenforcectl/values.h"

namespace lawenforce::ctl {

namespace v1 = ::lawenforce::personnel::v1;

// What a builder may need besides the flags.
struct RequestContext {
  // The idempotency key for creates: --request-id, or a fresh UUIDv4.
  std::string request_id;
  // Where secrets given as "-" or a file come from (Environment's).
  std::function<absl::StatusOr<std::string>(const std::string& path)> read_file;
  std::function<absl::StatusOr<std::string>()> read_stdin;
};

// A protected value (an identity-card number) from exactly one of
// --<flag> VALUE, --<flag> - (standard input) and --<file_flag> PATH, trimmed
// of surrounding whitespace; INVALID_ARGUMENT naming the flags when neither
// or both are given, the source cannot be read or is empty. A value on the
// command line shows in `ps` and the shell history: "-" and files are for
// real data.
absl::StatusOr<std::string> ReadProtectedValue(const Args& args, const RequestContext& context,
                                               absl::string_view flag, absl::string_view file_flag);

// The text of file flag --<flag> PATH|-: the file, or standard input for
// "-"; INVALID_ARGUMENT naming the flag when it cannot be read.
absl::StatusOr<std::string> ReadFileFlag(const Args& args, const RequestContext& context,
                                         absl::string_view flag);

inline constexpr int32_t kMaxPageSize = 500;

// Reads --page-size (1..kMaxPageSize) and --page-token into any
// List*Request.
template <typename Request>
absl::Status SetPaging(const Args& args, Request* request) {
  if (args.Has("page-size")) {
    absl::StatusOr<int32_t> size =
        ParseIntFlag("page-size", args.Value("page-size"), 1, kMaxPageSize);
    if (!size.ok()) {
      return size.status();
    }
    request->set_page_size(*size);
  }
  request->set_page_token(args.Value("page-token"));
  return absl::OkStatus();
}

// The flag of `flags` that was given; INVALID_ARGUMENT unless exactly one
// was.
absl::StatusOr<std::string> ExactlyOne(const Args& args, std::vector<std::string> flags);

// ---- what the builders of every service share

// The n-th positional argument (the command table guarantees it).
const std::string& Positional(const Args& args, size_t n);

// A request whose only field is `id`: the positional ID (complaint get,
// review campaign get, plan get, assignment get).
template <typename Request>
absl::StatusOr<Request> BuildIdRequest(const Args& args, const RequestContext&) {
  Request request;
  request.set_id(Positional(args, 0));
  return request;
}

// The enum value of choice flag --<flag> (which must be given).
template <typename Enum>
absl::StatusOr<Enum> ChoiceOf(const Args& args, absl::string_view flag,
                              absl::Span<const Choice> choices) {
  absl::StatusOr<int> value = ParseChoiceFlag(flag, args.Value(flag), choices);
  if (!value.ok()) return value.status();
  return static_cast<Enum>(*value);
}

// set(value) with the enum value of choice flag --<flag>, only when the
// flag is given (UNSPECIFIED, the field's default, means "any").
template <typename Enum, typename Setter>
absl::Status SetChoice(const Args& args, absl::string_view flag, absl::Span<const Choice> choices,
                       Setter set) {
  if (!args.Has(flag)) return absl::OkStatus();
  absl::StatusOr<Enum> value = ChoiceOf<Enum>(args, flag, choices);
  if (!value.ok()) return value.status();
  set(*value);
  return absl::OkStatus();
}

// The enum value of the n-th positional argument, called `name` in usage
// ("CLOCK"), one of `choices`.
absl::StatusOr<int> PositionalChoice(const Args& args, size_t n, absl::string_view name,
                                     absl::Span<const Choice> choices);

// Sets the Timestamp `field()` returns from RFC 3339 --<flag>, only when
// the flag is given (an unset Timestamp means "now" or "no bound").
template <typename MutableField>
absl::Status SetTime(const Args& args, absl::string_view flag, MutableField field) {
  if (!args.Has(flag)) return absl::OkStatus();
  absl::StatusOr<google::protobuf::Timestamp> time = ParseTimestampFlag(flag, args.Value(flag));
  if (!time.ok()) return time.status();
  *field() = *time;
  return absl::OkStatus();
}

// The spellings accepted by the enum-valued flags.
absl::Span<const Choice> OfficerRoleChoices();
absl::Span<const Choice> CertificateKindChoices();
absl::Span<const Choice> CertificateStateChoices();
absl::Span<const Choice> TrainingCategoryChoices();
absl::Span<const Choice> AssessmentResultChoices();
absl::Span<const Choice> ServiceEndReasonChoices();

// agency create --name --division --domain... [--require-training]
absl::StatusOr<v1::CreateAgencyRequest> BuildCreateAgency(const Args& args,
                                                          const RequestContext& context);
// agency get ID
absl::StatusOr<v1::GetAgencyRequest> BuildGetAgency(const Args& args, const RequestContext&);
// agency list [--division] [--page-size] [--page-token]
absl::StatusOr<v1::ListAgenciesRequest> BuildListAgencies(const Args& args, const RequestContext&);

// officer create --agency --name (--id-number NUMBER|- | --id-number-file PATH) --role...
// The number from a file or stdin is trimmed of surrounding whitespace; a
// number on the command line shows in `ps` and the shell history.
absl::StatusOr<v1::CreateOfficerRequest> BuildCreateOfficer(const Args& args,
                                                            const RequestContext& context);
// officer get ID
absl::StatusOr<v1::GetOfficerRequest> BuildGetOfficer(const Args& args, const RequestContext&);
// officer list [--division] [--agency] [--role] [--page-size] [--page-token]
absl::StatusOr<v1::ListOfficersRequest> BuildListOfficers(const Args& args,
                                                          const RequestContext& context);
// agency update ID --reason [--etag] [--name] [--domain...]: update_mask
// names exactly the fields given; INVALID_ARGUMENT when neither is.
absl::StatusOr<v1::UpdateAgencyRequest> BuildUpdateAgency(const Args& args, const RequestContext&);
// officer update ID --etag [--name] [--role...]: update_mask names exactly
// the fields given; INVALID_ARGUMENT when neither is.
absl::StatusOr<v1::UpdateOfficerRequest> BuildUpdateOfficer(const Args& args,
                                                            const RequestContext&);
// officer transfer ID --agency [--note] [--etag] [--effective]
absl::StatusOr<v1::TransferOfficerRequest> BuildTransferOfficer(const Args& args,
                                                                const RequestContext&);
// officer end-service ID --reason left_post|retired [--note] [--etag] [--effective]
absl::StatusOr<v1::EndOfficerServiceRequest> BuildEndOfficerService(const Args& args,
                                                                    const RequestContext&);
// officer service ID
absl::StatusOr<v1::ListOfficerServicePeriodsRequest> BuildListOfficerServicePeriods(
    const Args& args, const RequestContext&);
// officer clear-review ID --reason [--etag]
absl::StatusOr<v1::ClearOfficerReviewRequest> BuildClearOfficerReview(const Args& args,
                                                                      const RequestContext&);

// cert issue --officer --number --kind --domain... --valid-from --valid-until
absl::StatusOr<v1::IssueCertificateRequest> BuildIssueCertificate(const Args& args,
                                                                  const RequestContext& context);
// cert renew ID --number --reason --valid-from --valid-until [--domain...]
//   [--etag] [--decision] [--request-id]
absl::StatusOr<v1::ReissueCertificateRequest> BuildRenewCertificate(const Args& args,
                                                                    const RequestContext& context);
// cert replace ID --number --reason [--etag] [--decision] [--request-id]
absl::StatusOr<v1::ReissueCertificateRequest> BuildReplaceCertificate(
    const Args& args, const RequestContext& context);
// --number, --valid-from, --valid-until and --domain name the fields
// corrected (at least one).
absl::StatusOr<v1::CorrectCertificateRequest> BuildCorrectCertificate(
    const Args& args, const RequestContext& context);
// cert get ID
absl::StatusOr<v1::GetCertificateRequest> BuildGetCertificate(const Args& args,
                                                              const RequestContext&);
// cert list [--division] [--officer] [--state] [--page-size] [--page-token]
absl::StatusOr<v1::ListCertificatesRequest> BuildListCertificates(const Args& args,
                                                                  const RequestContext&);
// cert suspend|reinstate|revoke|cancel ID --reason [--etag]
absl::StatusOr<v1::TransitionCertificateRequest> BuildTransitionCertificate(const Args& args,
                                                                            const RequestContext&);
// cert suspend ID ... [--until RFC3339]: a suspension for a term.
absl::StatusOr<v1::TransitionCertificateRequest> BuildSuspendCertificate(
    const Args& args, const RequestContext& context);
// cert history ID
absl::StatusOr<v1::GetCertificateHistoryRequest> BuildGetCertificateHistory(const Args& args,
                                                                            const RequestContext&);
// cert qr ID
absl::StatusOr<v1::GetCertificateVerificationCodeRequest> BuildGetCertificateVerificationCode(
    const Args& args, const RequestContext&);
// cert verify (--text T | --number N --code C): INVALID_ARGUMENT naming the
// flags when neither or both forms are given, or only one of --number and
// --code. The values are the server's to check.
absl::StatusOr<v1::VerifyCertificateRequest> BuildVerifyCertificate(const Args& args,
                                                                    const RequestContext&);

// eligibility check --officer... --domain [--at RFC3339]
absl::StatusOr<v1::CheckEnforcementEligibilityRequest> BuildCheckEligibility(const Args& args,
                                                                             const RequestContext&);
// eligibility supervise --officer ID --division CODE [--domain D] [--at RFC3339]
absl::StatusOr<v1::CheckSupervisionAuthorityRequest> BuildCheckSupervision(const Args& args,
                                                                           const RequestContext&);

// training record --officer --hours --category --course --date --provider
absl::StatusOr<v1::RecordTrainingRequest> BuildRecordTraining(const Args& args,
                                                              const RequestContext& context);
// training list --officer [--year] [--page-size] [--page-token]
absl::StatusOr<v1::ListTrainingRecordsRequest> BuildListTrainingRecords(const Args& args,
                                                                        const RequestContext&);
// training summary (--officer | --agency | --division) --year
absl::StatusOr<v1::GetTrainingSummaryRequest> BuildGetTrainingSummary(const Args& args,
                                                                      const RequestContext&);
// training shortfalls --year [--division] [--agency] [paging]
absl::StatusOr<v1::ListTrainingShortfallsRequest> BuildListTrainingShortfalls(
    const Args& args, const RequestContext&);

// audit list [--division] [--resource] [--actor] [--method] [--action]
// [--outcome done|denied] [--from] [--until] [paging]
absl::StatusOr<v1::ListAuditEntriesRequest> BuildListAuditEntries(const Args& args,
                                                                  const RequestContext&);
absl::Span<const Choice> AuditOutcomeChoices();

// assessment record --officer --year --result [--remarks]
absl::StatusOr<v1::RecordAssessmentRequest> BuildRecordAssessment(const Args& args,
                                                                  const RequestContext& context);
// assessment list --officer
absl::StatusOr<v1::ListAssessmentsRequest> BuildListAssessments(const Args& args,
                                                                const RequestContext&);

// staffing (--agency | --division)
absl::StatusOr<v1::GetStaffingComplianceRequest> BuildGetStaffingCompliance(const Args& args,
                                                                            const RequestContext&);

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_REQUESTS_H_
