#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_CASE_REQUESTS_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_CASE_REQUESTS_H_

// Pure functions from parsed flags to case-service requests
// (lawenforce.cases.v1), like requests.h for personnel-service: no network,
// no clock, no randomness. Every builder returns INVALID_ARGUMENT naming the
// flag when a value is bad; flags a command declares as required are
// already known to be present.
//
// Flags are named after the request fields (--agency for agency_id,
// --item for item_id, --officer for officer_ids, --legal-basis for
// legal_basis). Every act takes the CaseActRequest fields as --etag,
// --reason and --officer (the acting officers), whatever RPC it is.

#include <string>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "lawenforce/cases/v1/cases.pb.h"
#include "tools/lawenforcectl/args.h"
#include "tools/lawenforcectl/requests.h"
#include "tools/lawenforcectl/values.h"

namespace lawenforce::ctl {

namespace cv1 = ::lawenforce::cases::v1;

// The spellings accepted by the enum-valued flags: the enum value's name
// without its prefix, lower case ("licence_suspension", "decision").
absl::Span<const Choice> ItemKindChoices();
absl::Span<const Choice> PenaltyKindChoices();
absl::Span<const Choice> CaseStateChoices();
absl::Span<const Choice> PartyKindChoices();
absl::Span<const Choice> OutcomeChoices();
absl::Span<const Choice> ReviewOutcomeChoices();
absl::Span<const Choice> TransferRecipientChoices();
absl::Span<const Choice> ClockKindChoices();
absl::Span<const Choice> PauseReasonChoices();
absl::Span<const Choice> InspectionOutcomeChoices();
absl::Span<const Choice> VisitBasisChoices();

// ---- catalogue

// item create --agency --code --name --kind --legal-basis --domain [--major]
// [--delegated-to-townships] [--effective-from]
absl::StatusOr<cv1::CreateItemRequest> BuildCreateItem(const Args& args,
                                                       const RequestContext& context);
// item get ID (also the read of `item revise ID`)
absl::StatusOr<cv1::GetItemRequest> BuildGetItem(const Args& args, const RequestContext&);
// item list [--division] [--agency] [--page-size] [--page-token]
absl::StatusOr<cv1::ListItemsRequest> BuildListItems(const Args& args, const RequestContext&);
// item revise ID --reason [--etag] [--name] [--legal-basis] [--major[=false]]
// [--delegated-to-townships[=false]] [--repealed[=false]] [--effective-from]:
// a version is whole, so what is not given is taken from `current`'s latest
// version; the etag is --etag, else the one just read.
absl::StatusOr<cv1::ReviseItemRequest> BuildReviseItem(const Args& args, const RequestContext&,
                                                       const cv1::EnforcementItem& current);

// benchmark publish --item --basis --levels-file PATH|- [--effective-from]:
// the file holds the levels in the proto3 JSON mapping, either a list of
// BenchmarkLevel or a Benchmark object (as `benchmark get --output json`
// prints it, of which only the levels are taken).
absl::StatusOr<cv1::PublishBenchmarkRequest> BuildPublishBenchmark(const Args& args,
                                                                   const RequestContext& context);
// benchmark get --item [--at]
absl::StatusOr<cv1::GetBenchmarkRequest> BuildGetBenchmark(const Args& args, const RequestContext&);
// benchmark versions --item
absl::StatusOr<cv1::ListBenchmarkVersionsRequest> BuildListBenchmarkVersions(const Args& args,
                                                                             const RequestContext&);

// ---- cases

// case file --agency --item --facts --violation-time --officer...
// --party individual:NAME | enterprise:NAME:CREDIT_CODE ...
// (--id-number - | --id-number-file PATH | --id-number NUMBER)
// [--endangers-safety] [--first-violation]: the identity-card numbers of the
// individual parties, one a line, in the order of their --party flags.
absl::StatusOr<cv1::FileCaseRequest> BuildFileCase(const Args& args, const RequestContext& context);
// case get ID
absl::StatusOr<cv1::GetCaseRequest> BuildGetCase(const Args& args, const RequestContext&);
// case list [--division] [--agency] [--state] [--item] [--officer]
// [--overdue[=false]] [--enterprise-party[=false]] [--filed-after]
// [--filed-before] [--decided-after] [--decided-before] [paging]
absl::StatusOr<cv1::ListCasesRequest> BuildListCases(const Args& args, const RequestContext&);
// case stats [--division CODE | --agency ID] --from YYYY-MM-DD --to YYYY-MM-DD
absl::StatusOr<cv1::GetCaseStatisticsRequest> BuildGetCaseStatistics(const Args& args,
                                                                     const RequestContext&);

// ---- acts: CASE [--etag] [--reason] [--officer...] and the act's own flags

// The plain acts (start-investigation, serve, publish, ...).
absl::StatusOr<cv1::CaseActRequest> BuildCaseAct(const Args& args, const RequestContext&);
// record-evidence CASE --evidence SHA256:KIND:DESCRIPTION...
absl::StatusOr<cv1::RecordEvidenceRequest> BuildRecordEvidence(const Args& args,
                                                               const RequestContext&);
// submit-review CASE --outcome [decision flags]
absl::StatusOr<cv1::SubmitForLegalReviewRequest> BuildSubmitForLegalReview(const Args& args,
                                                                           const RequestContext&);
// complete-review CASE --outcome approved|returned --reviewer ID --opinion TEXT
absl::StatusOr<cv1::CompleteLegalReviewRequest> BuildCompleteLegalReview(const Args& args,
                                                                         const RequestContext&);
// notify CASE [--hearing-waived]
absl::StatusOr<cv1::NotifyPartyRequest> BuildNotifyParty(const Args& args, const RequestContext&);
// schedule-hearing CASE --hearing-time RFC3339
absl::StatusOr<cv1::ScheduleHearingRequest> BuildScheduleHearing(const Args& args,
                                                                 const RequestContext&);
// decide CASE --outcome [--circumstance] [--penalty...] [--fine-fen]
// [--decision-reason] [--publish[=false]] [--served-on-the-spot]
absl::StatusOr<cv1::DecideCaseRequest> BuildDecideCase(const Args& args, const RequestContext&);
// change-decision CASE --reason (--outcome [decision flags] | --revoke)
absl::StatusOr<cv1::ChangeDecisionRequest> BuildChangeDecision(const Args& args,
                                                               const RequestContext&);
// report-crime CASE --recipient --recipient-name --reason
absl::StatusOr<cv1::ReportSuspectedCrimeRequest> BuildReportSuspectedCrime(const Args& args,
                                                                           const RequestContext&);
// decide-transfer CASE (--approve | --decline --reason)
absl::StatusOr<cv1::DecideTransferRequest> BuildDecideTransfer(const Args& args,
                                                               const RequestContext&);
// transfer-receipt CASE --receipt-number
absl::StatusOr<cv1::RecordTransferReceiptRequest> BuildRecordTransferReceipt(const Args& args,
                                                                             const RequestContext&);
// replace-officers CASE --new-officer... --reason
absl::StatusOr<cv1::ReplaceHandlingOfficersRequest> BuildReplaceHandlingOfficers(
    const Args& args, const RequestContext&);
// pause-clock CASE --clock --pause-reason --reason
absl::StatusOr<cv1::PauseClockRequest> BuildPauseClock(const Args& args, const RequestContext&);
// resume-clock CASE --clock
absl::StatusOr<cv1::ResumeClockRequest> BuildResumeClock(const Args& args, const RequestContext&);
// extend-clock CASE --clock --extension N --reason
absl::StatusOr<cv1::ExtendClockRequest> BuildExtendClock(const Args& args, const RequestContext&);
// apply-coercion CASE --reason [--emergency]
absl::StatusOr<cv1::ApplyCoercionRequest> BuildApplyCoercion(const Args& args,
                                                             const RequestContext&);

// ---- clocks and the record

// case explain CASE CLOCK
absl::StatusOr<cv1::ExplainDeadlineRequest> BuildExplainDeadline(const Args& args,
                                                                 const RequestContext&);
// record get CASE
absl::StatusOr<cv1::GetCaseRecordRequest> BuildGetCaseRecord(const Args& args,
                                                             const RequestContext&);
// record verify CASE [--expected-length N --expected-hash HEX]
absl::StatusOr<cv1::VerifyCaseRecordRequest> BuildVerifyCaseRecord(const Args& args,
                                                                   const RequestContext&);
// record export-heads [--division] [paging]
absl::StatusOr<cv1::ExportRecordHeadsRequest> BuildExportRecordHeads(const Args& args,
                                                                     const RequestContext&);
// case officer-acts --officer [--start] [--end] [--recheck] [--division] [paging]
absl::StatusOr<cv1::ListOfficerActsRequest> BuildListOfficerActs(const Args& args,
                                                                 const RequestContext&);

// ---- random inspections (双随机、一公开)

// inspection plan-create --agency --item --name --start YYYY-MM-DD --end
// YYYY-MM-DD --enterprises-file PATH|- --inspector ID[,ID...]... --targets N
// [--per-target N]: the period is the China Standard Time days from --start
// to --end, both included ([00:00 of --start, 00:00 after --end)); the file
// (or stdin) holds one enterprise a line, "CREDIT_CODE,NAME" (the name is
// everything after the first comma, and may be in double quotes as a CSV
// export writes it), with empty lines, lines starting with '#', a leading
// UTF-8 byte order mark and a header line "credit_code,..." skipped. The
// codes go as written: case-service checks them (plan.enterprises[i]).
// --per-target defaults to 2.
absl::StatusOr<cv1::CreateInspectionPlanRequest> BuildCreateInspectionPlan(
    const Args& args, const RequestContext& context);
// inspection plan-list [--division] [--agency] [paging]
absl::StatusOr<cv1::ListInspectionPlansRequest> BuildListInspectionPlans(const Args& args,
                                                                         const RequestContext&);
// inspection draw PLAN [--seed HEX]: the seed as given (case-service checks
// it, INVALID_ARGUMENT naming `seed`).
absl::StatusOr<cv1::DrawInspectionRequest> BuildDrawInspection(const Args& args,
                                                               const RequestContext& context);
// inspection draw-list PLAN [paging]
absl::StatusOr<cv1::ListInspectionDrawsRequest> BuildListInspectionDraws(const Args& args,
                                                                         const RequestContext&);
// inspection result DRAW --credit-code --outcome no_issue|finding|not_inspected
// --summary TEXT [--etag]
absl::StatusOr<cv1::RecordInspectionResultRequest> BuildRecordInspectionResult(
    const Args& args, const RequestContext&);

// ---- enterprise inspection control (State Council Office 〔2024〕54)

// inspection cap-set --agency --year YYYY --max N --basis TEXT: --year
// 2000..2100 and --max 1..100, as case-service takes them.
absl::StatusOr<cv1::SetInspectionCapRequest> BuildSetInspectionCap(const Args& args,
                                                                   const RequestContext&);
// inspection cap-get --agency --year YYYY
absl::StatusOr<cv1::GetInspectionCapRequest> BuildGetInspectionCap(const Args& args,
                                                                   const RequestContext&);
// inspection visit --credit-code --name --part AGENCY:ITEM... --officer
// ID[,ID...]... --basis draw|complaint|clue|plan --basis-ref REF [--summary]:
// one part per --part in order (the first is the lead agency), the officers
// of every --officer in order. The credit code goes as written
// (case-service checks it, naming visit.enterprise.credit_code).
absl::StatusOr<cv1::RecordInspectionVisitRequest> BuildRecordInspectionVisit(
    const Args& args, const RequestContext& context);
// inspection history CREDIT_CODE [--division] [paging]
absl::StatusOr<cv1::GetEnterpriseInspectionHistoryRequest> BuildGetEnterpriseInspectionHistory(
    const Args& args, const RequestContext&);
// inspection whitelist-add --agency --credit-code --name --start YYYY-MM-DD
// --end YYYY-MM-DD --reason: listed for the China Standard Time days from
// --start to --end, both included, as plan-create's period.
absl::StatusOr<cv1::AddToInspectionWhitelistRequest> BuildAddToInspectionWhitelist(
    const Args& args, const RequestContext& context);
// inspection whitelist-list --agency [paging]
absl::StatusOr<cv1::ListInspectionWhitelistRequest> BuildListInspectionWhitelist(
    const Args& args, const RequestContext&);
// inspection warnings [--division] [paging]
absl::StatusOr<cv1::ListInspectionWarningsRequest> BuildListInspectionWarnings(
    const Args& args, const RequestContext&);

// `import cases` / `import inspections`: the records of --file (NDJSON:
// one ImportedCase / ImportedVisit a line in the proto3 JSON mapping), in
// requests of --batch records (default and at most 500).
absl::StatusOr<std::vector<cv1::ImportCasesRequest>> BuildImportCases(
    const Args& args, const RequestContext& context);
absl::StatusOr<std::vector<cv1::ImportInspectionsRequest>> BuildImportInspections(
    const Args& args, const RequestContext& context);

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_CASE_REQUESTS_H_
