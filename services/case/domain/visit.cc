#include "services/case/domain/visit.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/idnumber/id_number.h"
#include "common/ids/id_generator.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/validation/validate.h"

namespace lawenforce::cases {
namespace {

absl::Status ValidateEnterprise(absl::string_view field, Enterprise& e) {
  LE_RETURN_IF_ERROR(
      idnumber::ValidateCreditCode(absl::StrCat(field, ".credit_code"), e.credit_code));
  e.credit_code = idnumber::NormalizeCreditCode(e.credit_code);
  return ValidateText(absl::StrCat(field, ".name"), e.name, 200);
}

}  // namespace

const char* VisitBasisName(VisitBasis b) {
  switch (b) {
    case VisitBasis::kDraw:
      return "DRAW";
    case VisitBasis::kComplaint:
      return "COMPLAINT";
    case VisitBasis::kClue:
      return "CLUE";
    case VisitBasis::kPlan:
      return "PLAN";
  }
  return "UNKNOWN";
}

bool ExceedsCapAllowed(VisitBasis b) {
  return b == VisitBasis::kComplaint || b == VisitBasis::kClue;
}

absl::Status ValidateVisit(InspectionVisit& v) {
  LE_RETURN_IF_ERROR(ValidateEnterprise("visit.enterprise", v.enterprise));
  if (v.parts.empty()) return InvalidField("visit.parts", "required");
  if (v.parts.size() > static_cast<size_t>(kMaxVisitParts)) {
    return InvalidField("visit.parts", absl::StrCat("at most ", kMaxVisitParts, " agencies"));
  }
  std::set<std::string> agencies;
  for (size_t i = 0; i < v.parts.size(); ++i) {
    const std::string at = absl::StrCat("visit.parts[", i, "]");
    LE_RETURN_IF_ERROR(ValidateId(at + ".agency_id", v.parts[i].agency_id));
    LE_RETURN_IF_ERROR(ValidateId(at + ".item_id", v.parts[i].item_id));
    if (!agencies.insert(v.parts[i].agency_id).second) {
      return InvalidField(at + ".agency_id", "repeated: a joint visit counts once per agency");
    }
  }
  if (v.officer_ids.size() < 2) {
    return InvalidField("visit.officer_ids", "at least two officers inspect together");
  }
  std::set<std::string> officers;
  for (size_t i = 0; i < v.officer_ids.size(); ++i) {
    const std::string at = absl::StrCat("visit.officer_ids[", i, "]");
    LE_RETURN_IF_ERROR(ValidateId(at, v.officer_ids[i]));
    if (!officers.insert(v.officer_ids[i]).second) return InvalidField(at, "repeated");
  }
  LE_RETURN_IF_ERROR(ValidateText("visit.basis_ref", v.basis_ref, 64));
  return ValidateOptionalMultilineText("visit.summary", v.summary, 2000);
}

absl::Status ValidateCap(const VisitCap& c) {
  LE_RETURN_IF_ERROR(ValidateYear("cap.year", c.year));
  if (c.max_visits < 1 || c.max_visits > 100) {
    return InvalidField("cap.max_visits", "must be 1..100");
  }
  return ValidateText("cap.basis", c.basis, 200);
}

absl::Status CheckCap(const InspectionVisit& v, size_t part, const VisitCap& cap,
                      int64_t visits_so_far) {
  if (visits_so_far < cap.max_visits || ExceedsCapAllowed(v.basis)) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "visit.parts[", part, "]: agency ", cap.agency_id, " has visited ", v.enterprise.credit_code,
      " ", visits_so_far, " times in ", cap.year, "; its cap is ", cap.max_visits, " (", cap.basis,
      "); only a visit answering a complaint or a clue may exceed it"));
}

absl::Status ValidateWhitelistEntry(WhitelistEntry& e) {
  LE_RETURN_IF_ERROR(ValidateEnterprise("entry.enterprise", e.enterprise));
  if (e.start == absl::InfinitePast()) return InvalidField("entry.start_time", "required");
  if (e.end == absl::InfinitePast()) return InvalidField("entry.end_time", "required");
  if (e.end <= e.start) return InvalidField("entry.end_time", "must be after entry.start_time");
  if (e.end - e.start > absl::Hours(24 * 366 * 3)) {
    return InvalidField("entry.end_time", "a listing lasts at most three years");
  }
  return ValidateText("entry.reason", e.reason, 500);
}

bool ListedAt(const WhitelistEntry& e, absl::Time t) { return e.start <= t && t < e.end; }

absl::StatusOr<std::optional<InspectionWarning>> DecideVisit(InspectionVisit& v,
                                                             const VisitFacts& facts,
                                                             const FrequencyRule& rule) {
  v.beyond_cap = false;
  for (size_t i = 0; i < v.parts.size() && i < facts.caps.size(); ++i) {
    // A cap binds the visits after its publication (an imported visit of
    // an earlier moment was not bound by it).
    if (!facts.caps[i].has_value() || facts.caps[i]->set_time > v.visit_time) continue;
    LE_RETURN_IF_ERROR(CheckCap(v, i, *facts.caps[i], facts.visits_this_year[i]));
    if (facts.visits_this_year[i] >= facts.caps[i]->max_visits) v.beyond_cap = true;
  }
  const int count = static_cast<int>(facts.recent.size()) + 1;
  if (count < rule.count) return std::nullopt;
  if (facts.last_warning.has_value() &&
      facts.last_warning->raise_time > v.visit_time - rule.window) {
    return std::nullopt;
  }
  InspectionWarning w;
  w.credit_code = v.enterprise.credit_code;
  w.enterprise_name = v.enterprise.name;
  w.visit_id = v.id;
  w.count = count;
  w.window = rule.window;
  std::set<std::string> seen;
  auto add_agencies = [&](const InspectionVisit& x) {
    for (const VisitPart& p : x.parts) {
      if (seen.insert(p.agency_id).second) w.agency_ids.push_back(p.agency_id);
    }
  };
  for (const InspectionVisit& r : facts.recent) {
    w.visit_ids.push_back(r.id);
    add_agencies(r);
  }
  w.visit_ids.push_back(v.id);
  add_agencies(v);
  return w;
}

InspectionFigures ComputeInspectionFigures(const std::vector<InspectionDraw>& draws,
                                           const std::vector<InspectionVisit>& visits,
                                           absl::Time from, absl::Time as_of) {
  auto in = [&](absl::Time t) { return from <= t && t < as_of; };
  InspectionFigures f;
  for (const InspectionDraw& d : draws) {
    if (in(d.draw_time)) {
      ++f.draws;
      f.targets_drawn += static_cast<int64_t>(d.targets.size());
    }
    for (const InspectionTarget& t : d.targets) {
      if (t.result.has_value() && in(t.result->record_time)) {
        ++f.results_by_outcome[t.result->outcome];
      }
    }
  }
  for (const InspectionVisit& v : visits) {
    // Counted once recorded: an imported visit does not change the
    // figures of a period that ended before its import.
    if (!in(v.visit_time) || v.record_time >= as_of) continue;
    ++f.visits;
    ++f.visits_by_basis[v.basis];
    if (v.parts.size() > 1) ++f.joint_visits;
    if (v.beyond_cap) ++f.visits_beyond_cap;
    if (!v.warning_id.empty()) ++f.warnings;
  }
  return f;
}

}  // namespace lawenforce::cases
