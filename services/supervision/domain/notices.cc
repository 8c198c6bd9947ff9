#include "services/supervision/domain/notices.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/ids/id_generator.h"
#include "common/status/errors.h"
#include "common/time/clock.h"
#include "common/validation/validate.h"

namespace lawenforce::supervision {

absl::Status ValidateNotice(const Notice& n) {
  if (n.kind != NoticeKind::kProblemList && n.kind != NoticeKind::kCircular) {
    return InvalidField("kind", "must be NOTICE_KIND_PROBLEM_LIST or NOTICE_KIND_CIRCULAR");
  }
  if (absl::Status s = ValidateText("title", n.title, 200); !s.ok()) return s;
  if (absl::Status s = ValidateOptionalMultilineText("body", n.body, 20000); !s.ok()) return s;
  if (n.kind == NoticeKind::kProblemList) {
    if (absl::Status s = ValidateId("agency_id", n.agency_id); !s.ok()) return s;
    if (absl::Status s = ValidateYear("year", n.year); !s.ok()) return s;
    if (n.items.empty()) return InvalidField("items", "a problem list lists 1..200 problems");
  } else {
    if (!n.agency_id.empty()) return InvalidField("agency_id", "only for a problem list");
    if (n.year != 0) return InvalidField("year", "only for a problem list");
  }
  if (n.items.size() > 200) return InvalidField("items", "at most 200");
  for (size_t i = 0; i < n.items.size(); ++i) {
    const NoticeItem& item = n.items[i];
    const std::string at = absl::StrCat("items[", i, "]");
    if (absl::Status s = ValidateText(absl::StrCat(at, ".text"), item.text, 1000); !s.ok()) {
      return s;
    }
    for (const auto& [field, id] : {std::pair{"finding_id", &item.finding_id},
                                    std::pair{"rectification_id", &item.rectification_id},
                                    std::pair{"complaint_id", &item.complaint_id}}) {
      if (id->empty()) continue;
      if (absl::Status s = ValidateId(absl::StrCat(at, ".", field), *id); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

bool NoticeReadable(const Divisions& divisions, const std::string& notice_division,
                    const std::string& who_division) {
  return divisions.IsWithin(who_division, notice_division) ||
         divisions.IsWithin(notice_division, who_division);
}

absl::Time PlanDue(int year) {
  return absl::FromCivil(absl::CivilDay(year, 4, 1), ChinaTimeZone());
}

bool PlanOnTime(const SupervisionPlan& p) { return p.record_time < PlanDue(p.year); }

bool RecordsPlans(Tier tier) { return tier != Tier::kTownship; }

std::vector<PlanStatusEntry> PlanStatus(const Divisions& divisions, const std::string& root,
                                        int year,
                                        const std::map<std::string, SupervisionPlan>& plans,
                                        absl::Time now) {
  std::vector<PlanStatusEntry> out;
  for (const Division& d : divisions.all()) {
    if (!RecordsPlans(d.tier) || !divisions.IsWithin(d.code, root)) continue;
    PlanStatusEntry e;
    e.division_code = d.code;
    e.tier = d.tier;
    auto it = plans.find(d.code);
    if (it != plans.end()) {
      e.record_time = it->second.record_time;
      e.state = PlanOnTime(it->second) ? PlanState::kOnTime : PlanState::kLate;
    } else {
      e.state = now >= PlanDue(year) ? PlanState::kOverdue : PlanState::kMissing;
    }
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const PlanStatusEntry& a, const PlanStatusEntry& b) {
    return a.division_code < b.division_code;
  });
  return out;
}

}  // namespace lawenforce::supervision
