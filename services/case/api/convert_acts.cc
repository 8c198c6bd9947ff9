// The acts' requests as domain Acts: one function per request message,
// used by the act RPCs (case_acts_grpc.cc) and by ImportCases, whose
// ImportedAct carries the same messages.

#include "absl/strings/str_cat.h"
#include "common/protoconv/protoconv.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/case/api/convert.h"

namespace lawenforce::cases::api {

using E = CaseEvent;

absl::StatusOr<Act> ActFrom(const v1::RecordEvidenceRequest& req) {
  Act a = ActFromProto(E::kRecordEvidence, req.act());
  for (const v1::EvidenceRef& e : req.evidence()) {
    LE_ASSIGN_OR_RETURN(EvidenceRef ref, EvidenceFromProto(e));
    a.evidence.push_back(std::move(ref));
  }
  return a;
}

absl::StatusOr<Act> ActFrom(const v1::SubmitForLegalReviewRequest& req) {
  Act a = ActFromProto(E::kSubmitForReview, req.act());
  if (!req.has_proposal()) return InvalidField("proposal", "required");
  LE_ASSIGN_OR_RETURN(a.decision, DecisionFromProto("proposal", req.proposal()));
  return a;
}

absl::StatusOr<Act> ActFrom(const v1::CompleteLegalReviewRequest& req) {
  E event;
  switch (req.outcome()) {
    case v1::REVIEW_OUTCOME_APPROVED:
      event = E::kApproveReview;
      break;
    case v1::REVIEW_OUTCOME_RETURNED:
      event = E::kReturnReview;
      break;
    default:
      return InvalidField("outcome", "required: APPROVED or RETURNED");
  }
  Act a = ActFromProto(event, req.act());
  a.reviewer_officer_id = req.reviewer_officer_id();
  a.reason = req.opinion();
  return a;
}

absl::StatusOr<Act> ActFrom(const v1::NotifyPartyRequest& req) {
  Act a = ActFromProto(E::kNotify, req.act());
  a.hearing_waived = req.hearing_waived();
  return a;
}

absl::StatusOr<Act> ActFrom(const v1::ScheduleHearingRequest& req) {
  Act a = ActFromProto(E::kRequestHearing, req.act());
  LE_ASSIGN_OR_RETURN(a.hearing_at,
                      OptionalTime("hearing_time", req.has_hearing_time(), req.hearing_time()));
  return a;
}

absl::StatusOr<Act> ActFrom(const v1::DecideCaseRequest& req) {
  Act a = ActFromProto(E::kDecide, req.act());
  if (!req.has_decision()) return InvalidField("decision", "required");
  LE_ASSIGN_OR_RETURN(a.decision, DecisionFromProto("decision", req.decision()));
  a.served_on_the_spot = req.served_on_the_spot();
  return a;
}

absl::StatusOr<Act> ActFrom(const v1::ChangeDecisionRequest& req) {
  Act a = ActFromProto(E::kChangeDecision, req.act());
  if (req.has_decision()) {
    LE_ASSIGN_OR_RETURN(a.decision, DecisionFromProto("decision", req.decision()));
  }
  return a;
}

absl::StatusOr<Act> ActFrom(const v1::ReportSuspectedCrimeRequest& req) {
  Act a = ActFromProto(E::kReportCrime, req.act());
  a.recipient = static_cast<TransferRecipient>(req.recipient());
  a.recipient_name = req.recipient_name();
  return a;
}

absl::StatusOr<Act> ActFrom(const v1::DecideTransferRequest& req) {
  return ActFromProto(req.approved() ? E::kApproveTransfer : E::kDeclineTransfer, req.act());
}

absl::StatusOr<Act> ActFrom(const v1::RecordTransferReceiptRequest& req) {
  Act a = ActFromProto(E::kRecordReceipt, req.act());
  a.receipt_number = req.receipt_number();
  return a;
}

absl::StatusOr<Act> ActFrom(const v1::ReplaceHandlingOfficersRequest& req) {
  Act a = ActFromProto(E::kReplaceOfficers, req.act());
  a.new_officer_ids.assign(req.new_officer_ids().begin(), req.new_officer_ids().end());
  return a;
}

absl::StatusOr<Act> ActFrom(const v1::PauseClockRequest& req) {
  Act a = ActFromProto(E::kPauseClock, req.act());
  LE_ASSIGN_OR_RETURN(a.clock, ClockKindFromProto("clock", req.clock()));
  a.pause_reason = static_cast<PauseReason>(req.pause_reason());
  return a;
}

absl::StatusOr<Act> ActFrom(const v1::ResumeClockRequest& req) {
  Act a = ActFromProto(E::kResumeClock, req.act());
  LE_ASSIGN_OR_RETURN(a.clock, ClockKindFromProto("clock", req.clock()));
  return a;
}

absl::StatusOr<Act> ActFrom(const v1::ExtendClockRequest& req) {
  Act a = ActFromProto(E::kExtendClock, req.act());
  LE_ASSIGN_OR_RETURN(a.clock, ClockKindFromProto("clock", req.clock()));
  a.extension = req.extension();
  return a;
}

absl::StatusOr<Act> ActFrom(const v1::ApplyCoercionRequest& req) {
  Act a = ActFromProto(E::kApplyCoercion, req.act());
  a.emergency = req.emergency();
  return a;
}

namespace {

// The act of `p`, its oneof case named in `name` (empty when unset).
absl::StatusOr<Act> ImportedAct(const v1::ImportedAct& p, std::string& name) {
  using A = v1::ImportedAct;
  const google::protobuf::FieldDescriptor* f =
      p.GetReflection()->GetOneofFieldDescriptor(p, A::descriptor()->FindOneofByName("act"));
  name = f == nullptr ? "" : std::string(f->name());
  switch (p.act_case()) {
    case A::kStartInvestigation:
      return ActFromProto(E::kStartInvestigation, p.start_investigation());
    case A::kRecordEvidence:
      return ActFrom(p.record_evidence());
    case A::kSubmitForLegalReview:
      return ActFrom(p.submit_for_legal_review());
    case A::kCompleteLegalReview:
      return ActFrom(p.complete_legal_review());
    case A::kNotifyParty:
      return ActFrom(p.notify_party());
    case A::kScheduleHearing:
      return ActFrom(p.schedule_hearing());
    case A::kDecideCase:
      return ActFrom(p.decide_case());
    case A::kServeDecision:
      return ActFromProto(E::kServe, p.serve_decision());
    case A::kPublishDecision:
      return ActFromProto(E::kPublish, p.publish_decision());
    case A::kChangeDecision:
      return ActFrom(p.change_decision());
    case A::kWithdrawPublication:
      return ActFromProto(E::kWithdrawPublication, p.withdraw_publication());
    case A::kRecordExecution:
      return ActFromProto(E::kExecute, p.record_execution());
    case A::kCloseCase:
      return ActFromProto(E::kClose, p.close_case());
    case A::kWithdrawCase:
      return ActFromProto(E::kWithdraw, p.withdraw_case());
    case A::kReportSuspectedCrime:
      return ActFrom(p.report_suspected_crime());
    case A::kDecideTransfer:
      return ActFrom(p.decide_transfer());
    case A::kHandOverCase:
      return ActFromProto(E::kHandOver, p.hand_over_case());
    case A::kRecordTransferReceipt:
      return ActFrom(p.record_transfer_receipt());
    case A::kReplaceHandlingOfficers:
      return ActFrom(p.replace_handling_officers());
    case A::kPauseClock:
      return ActFrom(p.pause_clock());
    case A::kResumeClock:
      return ActFrom(p.resume_clock());
    case A::kExtendClock:
      return ActFrom(p.extend_clock());
    case A::kApplyCoercion:
      return ActFrom(p.apply_coercion());
    case A::kReportCoercion:
      return ActFromProto(E::kReportCoercion, p.report_coercion());
    case A::kReleaseCoercion:
      return ActFromProto(E::kReleaseCoercion, p.release_coercion());
    case A::ACT_NOT_SET:
      break;
  }
  return InvalidField("act", "required: one act (start_investigation, decide_case, ...)");
}

// `act` without the embedded request's case_id and etag (ignored by an
// import), so that they do not make an act "different".
v1::ImportedAct WithoutTarget(const v1::ImportedAct& act) {
  v1::ImportedAct copy = act;
  const google::protobuf::FieldDescriptor* f = copy.GetReflection()->GetOneofFieldDescriptor(
      copy, v1::ImportedAct::descriptor()->FindOneofByName("act"));
  if (f == nullptr) return copy;
  google::protobuf::Message* m = copy.GetReflection()->MutableMessage(&copy, f);
  v1::CaseActRequest* common = dynamic_cast<v1::CaseActRequest*>(m);
  if (common == nullptr) {
    const google::protobuf::FieldDescriptor* inner = m->GetDescriptor()->FindFieldByName("act");
    if (inner != nullptr) {
      common = dynamic_cast<v1::CaseActRequest*>(m->GetReflection()->MutableMessage(m, inner));
    }
  }
  if (common != nullptr) {
    common->clear_case_id();
    common->clear_etag();
  }
  return copy;
}

}  // namespace

ImportedActInput ImportedActFromProto(const v1::ImportedAct& p) {
  ImportedActInput out;
  out.act = ImportedAct(p, out.name);
  out.canonical = protoconv::CanonicalBytes(WithoutTarget(p));
  if (!out.act.ok()) return out;
  absl::StatusOr<std::optional<absl::Time>> at =
      OptionalTime("act_time", p.has_act_time(), p.act_time());
  if (!at.ok()) {
    // "act_time", of the ImportedAct itself (the use case places it).
    out.act = at.status();
    out.name.clear();
    return out;
  }
  out.act->now = at->value_or(absl::InfinitePast());
  return out;
}

ImportedCaseInput ImportedCaseFromProto(const v1::ImportedCase& p) {
  ImportedCaseInput in;
  in.source_id = p.source_id();
  in.draft = DraftFromProto(p.case_());
  absl::StatusOr<std::optional<absl::Time>> filed =
      OptionalTime("case.file_time", p.case_().has_file_time(), p.case_().file_time());
  if (!filed.ok()) {
    in.draft = filed.status();
  } else {
    in.filed_at = *filed;
  }
  // The filing's input fields only: output fields a source system fills
  // in do not make a record "different".
  v1::Case filing;
  filing.set_agency_id(p.case_().agency_id());
  filing.set_item_id(p.case_().item_id());
  *filing.mutable_parties() = p.case_().parties();
  filing.set_facts(p.case_().facts());
  if (p.case_().has_violation_time()) *filing.mutable_violation_time() = p.case_().violation_time();
  filing.set_endangers_safety(p.case_().endangers_safety());
  filing.set_first_violation(p.case_().first_violation());
  *filing.mutable_officer_ids() = p.case_().officer_ids();
  if (p.case_().has_file_time()) *filing.mutable_file_time() = p.case_().file_time();
  in.canonical_filing = protoconv::CanonicalBytes(filing);
  for (const v1::ImportedAct& a : p.acts()) in.acts.push_back(ImportedActFromProto(a));
  return in;
}

}  // namespace lawenforce::cases::api
