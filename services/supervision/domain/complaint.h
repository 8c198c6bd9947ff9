#ifndef LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_COMPLAINT_H_
#define LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_COMPLAINT_H_

// Complaints and reports about enforcement (DOMAIN.md "Supervision and
// complaints"): the record, its two clocks, its escalations up the tiers and
// its history. Plain C++: no gRPC, protobuf or SQL here.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/calendar/statutory_period.h"
#include "common/divisions/divisions.h"

namespace lawenforce::supervision {

// Values match the protobuf enums (lawenforce.supervision.v1).
enum class Channel {
  kHotline12345 = 1,
  kWeb = 2,
  kLetter = 3,
  kVisit = 4,
  kMedia = 5,
  kCongressReferral = 6,
};
inline constexpr int kChannelCount = 6;

enum class Category {
  kAny = 0,  // in limits only: every category without its own limit
  kInaction = 1,
  kArbitraryEnforcement = 2,
  kProcedure = 3,
  kConduct = 4,
  kIntegrity = 5,
  kInspectionBurden = 6,
  kOther = 7,
};
inline constexpr int kCategoryCount = 7;

enum class ComplainantKind {
  kPerson = 1,
  kPrivateEnterprise = 2,
  kOtherOrganization = 3,
  kAnonymous = 4
};

enum class ComplaintState { kReceived = 1, kInHandling = 2, kResolved = 3, kClosed = 4 };

enum class ClockKind { kAcknowledge = 1, kResolve = 2, kRectify = 3 };

enum class ClockState { kRunning = 1, kMet = 2, kLapsedAtRegion = 3, kStopped = 4 };

// "hotline_12345", "web", ...; "inaction", ...; "acknowledge", "resolve".
const char* ChannelCode(Channel c);
const char* CategoryCode(Category c);
const char* ClockCode(ClockKind k);
const char* StateCode(ComplaintState s);
std::optional<Channel> ChannelFromCode(absl::string_view code);
std::optional<Category> CategoryFromCode(absl::string_view code);
std::optional<ClockKind> ClockFromCode(absl::string_view code);
bool IsChannel(int v);
bool IsCategory(int v);  // 1..7 (not kAny)
bool IsComplainantKind(int v);

// One line of a clock's explanation.
struct ClockStep {
  std::string what;  // "started at receipt", "limit changed", "escalated to 640100"
  absl::Time at;
  absl::Time due;
  std::string detail;
};

// One clock of a complaint: the current stretch (start, period, where it
// runs) and the steps that led there.
struct Clock {
  ClockKind kind = ClockKind::kAcknowledge;
  ClockState state = ClockState::kRunning;
  absl::Time start;
  calendar::StatutoryPeriod period;
  std::string limit_source;   // "default", "hotline_12345/inaction v2"
  std::string division_code;  // where it runs now
  absl::Time due;             // exclusive
  std::optional<absl::Time> ended_at;
  bool on_time = false;
  int lapses = 0;  // times this clock ran out since it last (re)started
  std::vector<ClockStep> steps;
};

struct Escalation {
  ClockKind clock = ClockKind::kAcknowledge;
  std::string from_division;
  Tier from_tier = Tier::kCounty;
  std::string to_division;  // empty when it ran out at the region
  Tier to_tier = Tier::kRegion;
  absl::Time at;           // when the clock ran out (its due moment)
  absl::Time recorded_at;  // when the escalation was recorded (figures "as of" use this)
};

struct Routing {
  std::string from_agency;
  std::string to_agency;
  std::string reason;
  std::string actor;
  absl::Time at;
};

struct ComplaintEvent {
  int64_t seq = 0;
  std::string type;  // "submitted", "assigned", ... (proto ComplaintEvent.type)
  absl::Time at;     // when it was recorded
  std::string actor;
  std::string detail;
  // The complaint after the event (for figures "as of" a moment).
  ComplaintState state_after = ComplaintState::kReceived;
  std::string division_after;
  int satisfaction = 0;  // "rated"
  bool on_time = false;  // "resolved": the resolve clock was met in time
};

// The complainant as a use case sees it: the contacts in clear only between
// the request and encryption (store) or decryption and masking (reply).
struct Complainant {
  ComplainantKind kind = ComplainantKind::kPerson;
  std::string name;
  std::string phone;
  std::string organization_name;
  std::string credit_code;
};

struct Complaint {
  std::string id;
  Channel channel = Channel::kWeb;
  std::string ticket_id;
  Category category = Category::kOther;
  std::string content;
  Complainant complainant;
  std::string agency_id;
  std::string officer_id;
  std::string case_id;
  std::string division_code;        // the responsible agency's
  std::string queue_division_code;  // whose queue it is in
  ComplaintState state = ComplaintState::kReceived;
  std::string assignee_id;
  std::vector<Clock> clocks;  // at most one per kind, in kind order
  std::vector<Escalation> escalations;
  std::vector<Routing> routings;
  std::string resolution;
  int satisfaction = 0;
  std::string feedback_comment;
  bool reopened = false;
  absl::Time submit_time;
  std::optional<absl::Time> acknowledge_time;
  std::optional<absl::Time> resolve_time;
  std::optional<absl::Time> close_time;
  std::vector<ComplaintEvent> history;
  int64_t version = 1;

  bool escalated() const { return !escalations.empty(); }
  bool private_enterprise() const {
    return complainant.kind == ComplainantKind::kPrivateEnterprise;
  }
  const Clock* FindClock(ClockKind k) const;
  Clock* FindClock(ClockKind k);
  // The earliest due moment of a running clock, if any.
  std::optional<absl::Time> NextDue() const;
  // A clock has run out and its act is still not done.
  bool Late() const;
};

// What the complainant sent, checked: INVALID_ARGUMENT naming the field
// ("complaint.channel", "complaint.ticket_id", "complaint.content",
// "complaint.complainant.phone", ...). The hotline needs a ticket_id.
// At least one of agency_id, officer_id and case_id names the subject.
absl::Status ValidateDraft(const Complaint& draft);

// "张*" / "***" for a name; "138****5678" for a phone; empty stays empty.
std::string MaskName(absl::string_view name);
std::string MaskPhone(absl::string_view phone);

}  // namespace lawenforce::supervision

#endif  // LAWENFORCE_SERVICES_SUPERVISION_DOMAIN_COMPLAINT_H_
