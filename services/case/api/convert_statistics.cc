#include "common/protoconv/protoconv.h"
#include "services/case/api/convert.h"

namespace lawenforce::cases::api {
namespace {

// Each key an enum value's proto name (the domain enums share the proto
// numbers), in the value's order.
template <typename K, typename Name>
void AddCounts(google::protobuf::RepeatedPtrField<v1::CaseCount>* list,
               const std::map<K, int64_t>& counts, Name name) {
  for (const auto& [k, n] : counts) {
    v1::CaseCount* c = list->Add();
    c->set_key(name(k));
    c->set_count(n);
  }
}

}  // namespace

v1::CaseStatistics ToProto(const CaseStatisticsReport& r) {
  v1::CaseStatistics p;
  const CaseFigures& f = r.figures;
  p.set_division_code(r.division_code);
  p.set_agency_id(r.agency_id);
  *p.mutable_start_date() = protoconv::ToDate(r.start_date);
  *p.mutable_end_date() = protoconv::ToDate(r.end_date);
  *p.mutable_as_of() = protoconv::ToTimestamp(r.as_of);
  p.set_closed_period(r.closed_period);
  p.set_cases_filed(f.cases_filed);
  AddCounts(p.mutable_filed_by_kind(), f.filed_by_kind,
            [](ItemKind k) { return v1::ItemKind_Name(static_cast<v1::ItemKind>(k)); });
  AddCounts(p.mutable_by_state(), f.by_state,
            [](CaseState s) { return v1::CaseState_Name(static_cast<v1::CaseState>(s)); });
  p.set_cases_ended(f.cases_ended);
  p.set_decisions(f.decisions);
  AddCounts(p.mutable_decisions_by_outcome(), f.decisions_by_outcome,
            [](Outcome o) { return v1::Outcome_Name(static_cast<v1::Outcome>(o)); });
  p.set_decisions_review_required(f.decisions_review_required);
  p.set_decisions_review_required_reviewed(f.decisions_review_required_reviewed);
  p.set_benchmark_deviations(f.benchmark_deviations);
  p.set_average_days_to_decision(f.average_days_to_decision);
  p.set_p90_days_to_decision(f.p90_days_to_decision);
  p.set_legal_reviews(f.legal_reviews);
  p.set_legal_reviews_returned(f.legal_reviews_returned);
  p.set_publications_due(f.publications_due);
  p.set_published_on_time(f.published_on_time);
  p.set_published_late(f.published_late);
  p.set_publications_overdue(f.publications_overdue);
  p.set_transfers_reported(f.transfers_reported);
  p.set_transfers_handed_over(f.transfers_handed_over);
  const InspectionFigures& i = r.inspections;
  v1::InspectionFigures* pi = p.mutable_inspections();
  pi->set_draws(i.draws);
  pi->set_targets_drawn(i.targets_drawn);
  AddCounts(pi->mutable_results_by_outcome(), i.results_by_outcome, [](InspectionOutcome o) {
    return v1::InspectionOutcome_Name(static_cast<v1::InspectionOutcome>(o));
  });
  pi->set_visits(i.visits);
  AddCounts(pi->mutable_visits_by_basis(), i.visits_by_basis,
            [](VisitBasis b) { return v1::VisitBasis_Name(static_cast<v1::VisitBasis>(b)); });
  pi->set_joint_visits(i.joint_visits);
  pi->set_visits_beyond_cap(i.visits_beyond_cap);
  pi->set_warnings(i.warnings);
  AddCounts(p.mutable_overdue_by_clock(), f.overdue_by_clock,
            [](ClockKind k) { return v1::ClockKind_Name(static_cast<v1::ClockKind>(k)); });
  return p;
}

}  // namespace lawenforce::cases::api
