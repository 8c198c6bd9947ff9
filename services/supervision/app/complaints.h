#ifndef LAWENFORCE_SERVICES_SUPERVISION_APP_COMPLAINTS_H_
#define LAWENFORCE_SERVICES_SUPERVISION_APP_COMPLAINTS_H_

// Use cases of complaints (docs/api/supervision.md). Each checks the
// caller's role first, then the input, then the record's jurisdiction,
// then the act against the complaint's state (domain/complaint_machine.h).
// Complaints returned here carry the complainant's contacts masked
// (complainant.name and .phone hold "张*" and "138****5678"): the clear
// values exist only between the request and their encryption.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/app/use_case.h"
#include "common/auth/authorize.h"
#include "common/calendar/working_calendar.h"
#include "common/crypto/pii.h"
#include "common/divisions/divisions.h"
#include "common/ids/id_generator.h"
#include "common/time/clock.h"
#include "prometheus/counter.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "services/supervision/app/directories.h"
#include "services/supervision/domain/complaint_machine.h"
#include "services/supervision/domain/limits.h"
#include "services/supervision/domain/statistics.h"
#include "services/supervision/store/supervision_store.h"

namespace lawenforce::supervision {

struct SupervisionDeps {
  ComplaintStore* store = nullptr;
  AgencyDirectory* agencies = nullptr;
  CaseDirectory* cases = nullptr;
  const auth::Authorizer* authorizer = nullptr;
  const crypto::PiiProtector* keys = nullptr;
  IdGenerator* ids = nullptr;
  const lawenforce::Clock* clock = nullptr;
  const calendar::WorkingCalendar* calendar = nullptr;
  const Divisions* divisions = nullptr;
  // The configured limits (ParseLimits of --complaint-limits).
  const std::vector<LimitRule>* default_limits = nullptr;
  prometheus::Registry* registry = nullptr;  // nullable
};

struct ComplaintQuery {
  std::string division_code;
  std::string queue_division_code;
  std::string agency_id;
  std::optional<ComplaintState> state;
  std::optional<Channel> channel;
  std::optional<Category> category;
  std::optional<bool> escalated;
  std::optional<bool> private_enterprise;
  std::optional<bool> overdue;
};

struct ReviewFigures {
  int64_t cases_reviewed = 0;
  double average_score = 0;
  int64_t rectifications_opened = 0;
  int64_t rectifications_completed = 0;
  int64_t rectifications_completed_on_time = 0;
  int64_t rectifications_overdue = 0;
};

struct SupervisionFigures {
  std::string division_code;
  absl::Time from;  // start_date 00:00 CST
  absl::Time to;    // the day after end_date, 00:00 CST
  absl::CivilDay start_date;
  absl::CivilDay end_date;
  absl::Time as_of;
  bool closed_period = false;
  ComplaintFigures complaints;
  ReviewFigures reviews;  // filled by Reviews::Figures
};

class Complaints {
 public:
  explicit Complaints(const SupervisionDeps& deps);

  // `options.request_hash` is the digest of the request without the
  // contacts; their keyed form is added here.
  absl::StatusOr<Complaint> Submit(const auth::Principal& who, absl::StatusOr<Complaint> draft,
                                   const app::CreateOptions& options);
  absl::StatusOr<Complaint> Get(const auth::Principal& who, const std::string& id);
  absl::StatusOr<app::Page<Complaint>> List(const auth::Principal& who,
                                            absl::StatusOr<ComplaintQuery> query,
                                            const app::PageQuery& page);
  absl::StatusOr<Complaint> Assign(const auth::Principal& who, const std::string& id,
                                   const std::string& etag, const std::string& assignee_id);
  absl::StatusOr<Complaint> Acknowledge(const auth::Principal& who, const std::string& id,
                                        const std::string& etag);
  absl::StatusOr<Complaint> Decline(const auth::Principal& who, const std::string& id,
                                    const std::string& etag,
                                    const std::string& responsible_agency_id,
                                    const std::string& reason);
  absl::StatusOr<Complaint> RecordResolution(const auth::Principal& who, const std::string& id,
                                             const std::string& etag,
                                             const std::string& resolution);
  absl::StatusOr<Complaint> RecordFeedback(const auth::Principal& who, const std::string& id,
                                           const std::string& etag, int satisfaction,
                                           const std::string& comment);
  absl::StatusOr<Complaint> Reopen(const auth::Principal& who, const std::string& id,
                                   const std::string& etag, const std::string& reason);
  absl::StatusOr<ClockExplanation> ExplainDeadline(const auth::Principal& who,
                                                   const std::string& id, int clock);

  // `rule.channel` required; category kAny for the whole channel.
  absl::StatusOr<LimitRule> SetLimit(const auth::Principal& who, absl::StatusOr<LimitRule> rule);
  // The defaults (version 0) and every override, in key and version order.
  absl::StatusOr<std::vector<LimitRule>> ListLimits(const auth::Principal& who);

  absl::StatusOr<SupervisionFigures> Statistics(const auth::Principal& who,
                                                const std::string& division_code,
                                                absl::StatusOr<absl::CivilDay> start_date,
                                                absl::StatusOr<absl::CivilDay> end_date);

 private:
  using Act = std::function<absl::StatusOr<Complaint>(const Complaint&, const ActContext&)>;

  // Role, etag, jurisdiction, agency, then `act`; stores the result.
  absl::StatusOr<Complaint> Apply(const auth::Principal& who, auth::RoleSet roles,
                                  absl::string_view action, absl::string_view event,
                                  const std::string& id, const std::string& etag, const Act& act);
  // The complaint `id` if `who` may see it (FindVisible's rules).
  absl::StatusOr<StoredComplaint> FindVisible(const auth::Principal& who, absl::string_view field,
                                              const std::string& id, absl::string_view action);
  // The responsible agency of a draft (named, or the officer's, or the case's).
  absl::StatusOr<AgencyRef> Route(const auth::Principal& who, const Complaint& draft,
                                  absl::string_view action);
  absl::StatusOr<ClockLimits> LimitsFor(Channel channel, Category category);
  // The stored complaint with its contacts decrypted and masked.
  absl::StatusOr<Complaint> View(StoredComplaint stored) const;
  ActContext Context(const auth::Principal& who) const;

  SupervisionDeps d_;
  prometheus::Family<prometheus::Counter>* received_ = nullptr;
  prometheus::Family<prometheus::Counter>* resolved_ = nullptr;
  prometheus::Family<prometheus::Histogram>* handling_ = nullptr;
};

}  // namespace lawenforce::supervision

#endif  // LAWENFORCE_SERVICES_SUPERVISION_APP_COMPLAINTS_H_
