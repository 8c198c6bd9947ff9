#ifndef LAWENFORCE_SERVICES_CASE_API_CONVERT_H_
#define LAWENFORCE_SERVICES_CASE_API_CONVERT_H_

// protobuf <-> case-service domain. An enum arriving UNSPECIFIED or out of
// range becomes INVALID_ARGUMENT naming the field; so does a bad
// Timestamp. A party's identity-card number goes in (PartyInput) and never
// comes out: Party carries only the masked form.

#include <optional>

#include "absl/status/statusor.h"
#include "common/divisions/divisions.h"
#include "common/protoconv/protoconv.h"
#include "lawenforce/cases/v1/cases.pb.h"
#include "services/case/app/case_deadlines.h"
#include "services/case/app/case_records.h"
#include "services/case/app/case_statistics.h"
#include "services/case/app/cases.h"
#include "services/case/app/inspections.h"
#include "services/case/app/visits.h"
#include "services/case/domain/item.h"

namespace lawenforce::cases::api {

namespace v1 = ::lawenforce::cases::v1;

// Catalogue (convert_catalogue.cc).
v1::EnforcementItem ToProto(const EnforcementItem& item, const Divisions& divisions);
absl::StatusOr<EnforcementItem> ItemFromProto(const v1::EnforcementItem& p);
absl::StatusOr<ItemVersion> ItemVersionFromProto(const v1::ItemVersion& p);
v1::Benchmark ToProto(const BenchmarkVersion& b);
absl::StatusOr<BenchmarkVersion> BenchmarkFromProto(const v1::Benchmark& p);

// Cases (convert_case.cc).
v1::Case ToProto(const CaseBundle& b, const Divisions& divisions);
v1::Case ToProto(const Case& c, const Divisions& divisions);
absl::StatusOr<CaseDraft> DraftFromProto(const v1::Case& p);
absl::StatusOr<CaseQuery> QueryFromProto(const v1::ListCasesRequest& p);
absl::StatusOr<Decision> DecisionFromProto(absl::string_view field, const v1::Decision& p);
// The act's common fields (event set by the caller).
Act ActFromProto(CaseEvent event, const v1::CaseActRequest& p);
absl::StatusOr<ClockKind> ClockKindFromProto(absl::string_view field, v1::ClockKind k);
// The acts' request messages (convert_acts.cc); field names relative to
// the message.
absl::StatusOr<Act> ActFrom(const v1::RecordEvidenceRequest& req);
absl::StatusOr<Act> ActFrom(const v1::SubmitForLegalReviewRequest& req);
absl::StatusOr<Act> ActFrom(const v1::CompleteLegalReviewRequest& req);
absl::StatusOr<Act> ActFrom(const v1::NotifyPartyRequest& req);
absl::StatusOr<Act> ActFrom(const v1::ScheduleHearingRequest& req);
absl::StatusOr<Act> ActFrom(const v1::DecideCaseRequest& req);
absl::StatusOr<Act> ActFrom(const v1::ChangeDecisionRequest& req);
absl::StatusOr<Act> ActFrom(const v1::ReportSuspectedCrimeRequest& req);
absl::StatusOr<Act> ActFrom(const v1::DecideTransferRequest& req);
absl::StatusOr<Act> ActFrom(const v1::RecordTransferReceiptRequest& req);
absl::StatusOr<Act> ActFrom(const v1::ReplaceHandlingOfficersRequest& req);
absl::StatusOr<Act> ActFrom(const v1::PauseClockRequest& req);
absl::StatusOr<Act> ActFrom(const v1::ResumeClockRequest& req);
absl::StatusOr<Act> ActFrom(const v1::ExtendClockRequest& req);
absl::StatusOr<Act> ActFrom(const v1::ApplyCoercionRequest& req);
// An ImportCases record and one of its acts.
ImportedCaseInput ImportedCaseFromProto(const v1::ImportedCase& p);
ImportedActInput ImportedActFromProto(const v1::ImportedAct& p);
v1::ImportSource ToProto(const ImportSource& s);
using protoconv::OptionalTime;

// Record and clocks (convert_records.cc).
v1::CaseRecord ToProto(const CaseRecord& r);
v1::RecordVerification ToProto(const Verification& v);
v1::RecordHead ToProto(const RecordHead& h);
v1::OfficerAct ToProto(const OfficerActView& a);
v1::DeadlineExplanation ToProto(const DeadlineExplanation& e);
absl::StatusOr<EvidenceRef> EvidenceFromProto(const v1::EvidenceRef& p);

// Statistics (convert_statistics.cc).
v1::CaseStatistics ToProto(const CaseStatisticsReport& r);

// `with_lists` false: without the plan's enterprises and officers, or the
// draw's candidate lists (for list responses).
v1::InspectionPlan ToProto(const InspectionPlan& p, bool with_lists);
absl::StatusOr<InspectionPlan> PlanFromProto(const v1::InspectionPlan& p);
v1::InspectionDraw ToProto(const InspectionDraw& d, bool with_lists);
// UNSPECIFIED: nullopt (the use case names the field).
absl::StatusOr<std::optional<InspectionOutcome>> OutcomeFromProto(v1::InspectionOutcome o);

v1::InspectionCap ToProto(const VisitCap& c);
VisitCap CapFromProto(const v1::InspectionCap& p);
v1::InspectionVisit ToProto(const InspectionVisit& v);
absl::StatusOr<InspectionVisit> VisitFromProto(const v1::InspectionVisit& p);
// An ImportInspections record: the visit with its visit_time.
ImportedVisitInput ImportedVisitFromProto(const v1::ImportedVisit& p);
v1::WhitelistEntry ToProto(const WhitelistEntry& e);
absl::StatusOr<WhitelistEntry> WhitelistFromProto(const v1::WhitelistEntry& p);
v1::InspectionWarning ToProto(const InspectionWarning& w);

}  // namespace lawenforce::cases::api

#endif  // LAWENFORCE_SERVICES_CASE_API_CONVERT_H_
