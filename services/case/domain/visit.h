#ifndef LAWENFORCE_SERVICES_CASE_DOMAIN_VISIT_H_
#define LAWENFORCE_SERVICES_CASE_DOMAIN_VISIT_H_

// Enterprise inspection control (State Council Office 〔2024〕54 on
// inspections of enterprises; DOMAIN.md "Enterprise inspections"):
//
//   - every on-site visit to an enterprise is recorded as it happens: the
//     agencies and their inspection items, the officers, the enterprise,
//     and what justified it (a random draw, a complaint, a clue, a plan);
//   - each agency publishes a yearly cap of visits per enterprise; a visit
//     beyond it is refused unless it answers a named complaint or clue;
//   - a joint "inspect once" (综合查一次) visit serves several agencies'
//     items and counts once for each of them;
//   - white-listed enterprises (an agency's 白名单) are left out of its
//     random draws while listed;
//   - repeated or high-frequency visits to one enterprise across agencies
//     (count within a window, configurable) raise a warning to the
//     supervisors of the tier above.
//
// Free of gRPC, protobuf and SQL.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/case/domain/import_source.h"
#include "services/case/domain/inspection.h"

namespace lawenforce::cases {

enum class VisitBasis {
  kDraw = 1,       // a target of a random draw (basis_ref: the draw id)
  kComplaint = 2,  // answers a complaint (basis_ref: its id or number)
  kClue = 3,       // answers a clue (线索: a transfer, a report, a problem model's hit)
  kPlan = 4,       // a published inspection plan, not random (basis_ref: its number)
};
const char* VisitBasisName(VisitBasis b);  // "DRAW"

// Complaints and clues may exceed an agency's cap; draws and plans not.
bool ExceedsCapAllowed(VisitBasis b);

// One agency's part in a visit: its inspection item.
struct VisitPart {
  std::string agency_id;
  std::string item_id;
  std::string division_code;  // the agency's
};

struct InspectionVisit {
  std::string id;
  Enterprise enterprise;
  std::vector<VisitPart> parts;  // 1: a single agency's; 2..10: joint
  std::vector<std::string> officer_ids;
  absl::Time visit_time = absl::InfinitePast();  // when it happened (now, as recorded)
  VisitBasis basis = VisitBasis::kPlan;
  std::string basis_ref;      // 1..64 characters
  std::string summary;        // optional, up to 2000 characters
  std::string division_code;  // the lead (first) agency's
  int year = 0;               // the CST calendar year of visit_time
  std::string recorded_by;
  bool beyond_cap = false;  // allowed beyond an agency's cap (complaint, clue)
  std::string warning_id;   // the warning it raised, if any
  // When it was recorded here: visit_time for a visit recorded as it
  // happens, the import's moment for an imported one (the figures of a
  // period count a visit only once recorded, so a closed period's stay).
  absl::Time record_time = absl::InfinitePast();
  std::optional<ImportSource> source;  // imported (ImportInspections)
};

inline constexpr int kMaxVisitParts = 10;

// The input rules of a visit, INVALID_ARGUMENT naming "visit.<field>":
// the enterprise's code (GB 32100, upper-cased) and name; 1..10 parts,
// each agency once ("visit.parts[i].agency_id: repeated"); at least two
// officers, distinct; a basis and a basis_ref of 1..64 characters; an
// optional summary of up to 2000.
absl::Status ValidateVisit(InspectionVisit& v);

// The yearly cap an agency publishes: at most `max_visits` visits per
// enterprise in calendar year `year` (CST), from `effective_from`.
struct VisitCap {
  std::string agency_id;
  std::string division_code;
  int year = 0;
  int max_visits = 0;  // 1..100
  std::string basis;   // the published document, 1..200 characters
  std::string set_by;
  absl::Time set_time = absl::InfinitePast();
};

absl::Status ValidateCap(const VisitCap& c);  // "cap.<field>"

// FAILED_PRECONDITION "visit.parts[i]: <agency> has visited <code> <n>
// times in <year>; its cap is <max> (<basis>)" when the visit would be the
// (max+1)th of an agency whose cap is `cap` and `visits_so_far` is its
// count this year, unless the basis may exceed it.
absl::Status CheckCap(const InspectionVisit& v, size_t part, const VisitCap& cap,
                      int64_t visits_so_far);

// An enterprise on an agency's white list from `start` until `end`
// ([start, end)): left out of that agency's random draws meanwhile.
struct WhitelistEntry {
  std::string id;
  std::string agency_id;
  std::string division_code;
  Enterprise enterprise;
  absl::Time start = absl::InfinitePast();
  absl::Time end = absl::InfinitePast();
  std::string reason;  // 1..500
  std::string added_by;
  absl::Time add_time = absl::InfinitePast();
};

absl::Status ValidateWhitelistEntry(WhitelistEntry& e);  // "entry.<field>"
bool ListedAt(const WhitelistEntry& e, absl::Time t);

// The high-frequency rule: `count` visits or more to one enterprise by any
// agencies within `window` before and including a visit raise a warning.
struct FrequencyRule {
  int count = 3;
  absl::Duration window = absl::Hours(24 * 30);
};

// A warning to the supervisors of `division_code` (the tier above the
// visit's lead agency: its parent division; the region for a
// region-level agency).
struct InspectionWarning {
  std::string id;
  std::string credit_code;
  std::string enterprise_name;
  std::string division_code;            // whose supervisors it is for
  std::string visit_id;                 // the visit that reached the count
  std::vector<std::string> visit_ids;   // the visits within the window, oldest first
  std::vector<std::string> agency_ids;  // distinct, in order of first visit
  int count = 0;
  absl::Duration window;
  absl::Time raise_time = absl::InfinitePast();
};

// What a visit's write finds in its transaction (store/case_store.h).
struct VisitFacts {
  // Per part, in order: the agency's cap for the visit's year (nullopt:
  // none published) and its visits to the enterprise that year so far.
  std::vector<std::optional<VisitCap>> caps;
  std::vector<int64_t> visits_this_year;
  // The enterprise's visits by any agency within the rule's window before
  // the visit, oldest first.
  std::vector<InspectionVisit> recent;
  // The enterprise's latest warning, if any.
  std::optional<InspectionWarning> last_warning;
};

// Applies the caps to `v` (FAILED_PRECONDITION from CheckCap; sets
// beyond_cap when a complaint or clue exceeds one) and decides whether it
// raises a warning: when the visits within the window, this one included,
// reach rule.count and the enterprise's latest warning (if any) was raised
// a full window before. The warning's id, division and time are set by
// the caller; the rest here.
absl::StatusOr<std::optional<InspectionWarning>> DecideVisit(InspectionVisit& v,
                                                             const VisitFacts& facts,
                                                             const FrequencyRule& rule);

// The inspection figures of a period [from, as_of) (GetCaseStatistics):
// draws made in it and the targets they drew; results recorded in it, by
// outcome; visits made in it, by basis, of them joint and beyond a cap;
// and the visits that raised a warning. Draws, results and visits are
// never changed once recorded, so a closed period's figures never change.
struct InspectionFigures {
  int64_t draws = 0;
  int64_t targets_drawn = 0;
  std::map<InspectionOutcome, int64_t> results_by_outcome;
  int64_t visits = 0;
  std::map<VisitBasis, int64_t> visits_by_basis;
  int64_t joint_visits = 0;
  int64_t visits_beyond_cap = 0;
  int64_t warnings = 0;
};

InspectionFigures ComputeInspectionFigures(const std::vector<InspectionDraw>& draws,
                                           const std::vector<InspectionVisit>& visits,
                                           absl::Time from, absl::Time as_of);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_DOMAIN_VISIT_H_
