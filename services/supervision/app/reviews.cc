#include "services/supervision/app/reviews.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/draw/seeded_draw.h"
#include "common/metrics/division_label.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/validation/validate.h"

namespace lawenforce::supervision {
namespace {

using auth::Role;

// Who may do what (docs/api/supervision.md "Authorization" mirrors this).
const auth::RoleSet kReviewers = {Role::kSupervisor, Role::kSystem};
const auth::RoleSet kReviewReaders = {Role::kSupervisor, Role::kAuditor, Role::kSystem};
const auth::RoleSet kRectificationReaders = {Role::kOfficer, Role::kAgencyAdmin, Role::kSupervisor,
                                             Role::kAuditor, Role::kSystem};
const auth::RoleSet kRectifiers = {Role::kOfficer, Role::kAgencyAdmin, Role::kSupervisor,
                                   Role::kSystem};

}  // namespace

Reviews::Reviews(const SupervisionDeps& deps, ReviewStore* store) : d_(deps), store_(store) {
  if (d_.registry != nullptr) {
    scores_ = &prometheus::BuildHistogram()
                   .Name("lawenforce_review_case_scores")
                   .Help(
                       "Points (of 100) of each case file scored in a review campaign, by the "
                       "case's division.")
                   .Register(*d_.registry);
  }
}

ActContext Reviews::Context(const auth::Principal& who) const {
  return ActContext{d_.calendar, d_.divisions, d_.clock->Now(), who.subject};
}

absl::StatusOr<Rubric> Reviews::RubricVersion(int64_t version) {
  LE_ASSIGN_OR_RETURN(std::vector<Rubric> published, store_->ListRubrics());
  if (version == 0) return published.empty() ? BuiltInRubric() : published.back();
  if (version == 1) return BuiltInRubric();
  for (const Rubric& r : published) {
    if (r.version == version) return r;
  }
  return absl::NotFoundError("rubric version not found");
}

absl::StatusOr<Rubric> Reviews::GetRubric(const auth::Principal& who, int64_t version) {
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, auth::RoleSet::All(), "read the rubric"));
  if (version < 0) return InvalidField("version", "0 (the latest) or a version number");
  return RubricVersion(version);
}

absl::StatusOr<Rubric> Reviews::PublishRubric(const auth::Principal& who,
                                              std::vector<RubricDimension> dimensions) {
  constexpr absl::string_view kAction = "publish review rubrics (region-wide callers only)";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReviewers, kAction));
  if (who.division_code != d_.divisions->root()) return PermissionDenied(kAction);
  LE_RETURN_IF_ERROR(ValidateRubric(dimensions));
  LE_RETURN_IF_ERROR(RequireSupervisionCertificate(*d_.agencies, who, kAction));
  Rubric r;
  r.dimensions = std::move(dimensions);
  r.created_by = who.subject;
  r.create_time = d_.clock->Now();
  return store_->PublishRubric(r, d_.divisions->root(),
                               app::AuditOf(who, "rubric.publish", "", r.create_time));
}

absl::StatusOr<Campaign> Reviews::CreateCampaign(const auth::Principal& who, CampaignDraft draft,
                                                 const app::CreateOptions& options) {
  constexpr absl::string_view kAction = "review case files of this division";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReviewers, kAction));
  Campaign c;
  c.title = draft.title;
  LE_ASSIGN_OR_RETURN(c.decided_from, std::move(draft.decided_from));
  LE_ASSIGN_OR_RETURN(c.decided_to, std::move(draft.decided_to));
  c.sample_size = draft.sample_size;
  LE_RETURN_IF_ERROR(ValidateCampaign(c));
  if (c.decided_to - c.decided_from > 366 * 3) {
    return InvalidField("decided_to", "the window is at most three years");
  }
  if (!draft.seed.empty()) LE_RETURN_IF_ERROR(ValidateSeed("seed", draft.seed));
  if (draft.division_code.empty()) return InvalidField("division_code", "required");
  LE_RETURN_IF_ERROR(d_.divisions->Validate("division_code", draft.division_code).status());
  LE_ASSIGN_OR_RETURN(std::optional<store::IdempotencyKey> key,
                      app::KeyFor("CreateReviewCampaign", who, options, *d_.keys));
  LE_RETURN_IF_ERROR(d_.authorizer->RequireWithin(who, draft.division_code, kAction));
  LE_RETURN_IF_ERROR(RequireSupervisionCertificate(*d_.agencies, who, kAction));
  c.division_code = draft.division_code;
  if (draft.seed.empty()) {
    LE_ASSIGN_OR_RETURN(c.seed, draw::NewSeed());
  } else {
    c.seed = draft.seed;
    c.seed_chosen = true;
  }
  LE_ASSIGN_OR_RETURN(Rubric rubric, RubricVersion(0));
  c.rubric_version = rubric.version;
  LE_ASSIGN_OR_RETURN(std::vector<CaseRef> candidates,
                      d_.cases->ListClosedCases(c.division_code, c.decided_from, c.decided_to));
  c.candidates = static_cast<int>(candidates.size());
  c.candidates_digest = CandidatesDigest(candidates);
  for (CaseRef& ref : DrawSample(c.seed, std::move(candidates), c.sample_size)) {
    ReviewedCase reviewed;
    reviewed.ref = std::move(ref);
    c.cases.push_back(std::move(reviewed));
  }
  c.id = d_.ids->NewId();
  c.created_by = who.subject;
  c.create_time = d_.clock->Now();
  c.version = 1;
  LE_ASSIGN_OR_RETURN(
      store::Created created,
      store_->CreateCampaign(c, key,
                             app::AuditOf(who, "review_campaign.create", c.id, c.create_time,
                                          absl::StrCat(c.cases.size(), " of ", c.candidates,
                                                       " cases, seed ", c.seed))));
  return store_->GetCampaign(created.id);
}

absl::StatusOr<Campaign> Reviews::GetCampaign(const auth::Principal& who, const std::string& id) {
  constexpr absl::string_view kAction = "read this review campaign";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReviewReaders, kAction));
  return app::FindVisible<Campaign>(*d_.authorizer, who, "id", id, "review campaign", kAction,
                                    [&](const std::string& i) { return store_->GetCampaign(i); });
}

absl::StatusOr<app::Page<Campaign>> Reviews::ListCampaigns(const auth::Principal& who,
                                                           const std::string& division_code,
                                                           const app::PageQuery& page) {
  constexpr absl::string_view kAction = "list review campaigns of this division";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReviewReaders, kAction));
  LE_ASSIGN_OR_RETURN(std::string scope,
                      d_.authorizer->ScopeForList(who, "division_code", division_code, kAction));
  return app::ListPage<Campaign>(page, absl::StrCat("campaigns|", scope), *d_.keys,
                                 [&](const store::PageRequest& r) {
                                   return store_->ListCampaigns(Divisions::SubtreePrefix(scope), r);
                                 });
}

absl::StatusOr<Campaign> Reviews::ScoreCase(const auth::Principal& who,
                                            const std::string& campaign_id, const std::string& etag,
                                            const std::string& case_id,
                                            const std::vector<std::pair<std::string, int>>& scores,
                                            absl::StatusOr<std::vector<FindingDraft>> findings) {
  constexpr absl::string_view kAction = "score case files of this review campaign";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kReviewers, kAction));
  LE_ASSIGN_OR_RETURN(std::vector<FindingDraft> drafts, std::move(findings));
  LE_ASSIGN_OR_RETURN(std::optional<int64_t> expected, app::ParseEtag("etag", etag));
  LE_RETURN_IF_ERROR(ValidateId("case_id", case_id));
  LE_ASSIGN_OR_RETURN(
      Campaign c, app::FindVisible<Campaign>(
                      *d_.authorizer, who, "campaign_id", campaign_id, "review campaign", kAction,
                      [&](const std::string& i) { return store_->GetCampaign(i); }));
  LE_RETURN_IF_ERROR(app::CheckEtag("etag", expected, c.version));
  LE_RETURN_IF_ERROR(RequireSupervisionCertificate(*d_.agencies, who, kAction));
  LE_ASSIGN_OR_RETURN(Rubric rubric, RubricVersion(c.rubric_version));
  std::vector<std::string> finding_ids;
  for (size_t i = 0; i < drafts.size(); ++i) finding_ids.push_back(d_.ids->NewId());
  const ActContext ctx = Context(who);
  LE_ASSIGN_OR_RETURN(Campaign after,
                      supervision::ScoreCase(c, rubric, case_id, scores, drafts, finding_ids, ctx));
  // Findings with a period open rectifications for the case's agency.
  auto reviewed = std::find_if(after.cases.begin(), after.cases.end(),
                               [&](const ReviewedCase& r) { return r.ref.id == case_id; });
  std::vector<Rectification> opened;
  for (size_t i = 0; i < drafts.size(); ++i) {
    if (!drafts[i].rectify_within.has_value()) continue;
    Finding& f = reviewed->findings[i];
    f.rectification_id = d_.ids->NewId();
    LE_ASSIGN_OR_RETURN(Rectification r, OpenRectification(f.rectification_id, after.id, *reviewed,
                                                           f, *drafts[i].rectify_within, ctx));
    opened.push_back(std::move(r));
  }
  LE_RETURN_IF_ERROR(store_->ScoreCampaign(
      after, c.version, opened,
      app::AuditOf(who, "review_campaign.score", c.id, ctx.now,
                   absl::StrCat("case ", case_id, ": ", reviewed->total, " points, ", opened.size(),
                                " rectifications"))));
  if (scores_ != nullptr) {
    static const auto* const kPoints =
        new prometheus::Histogram::BucketBoundaries{50, 60, 70, 80, 85, 90, 95, 100};
    scores_
        ->Add(metrics::LabelsFor(*d_.divisions, reviewed->ref.division_code).ToLabels(), *kPoints)
        .Observe(reviewed->total);
  }
  return store_->GetCampaign(c.id);
}

absl::StatusOr<Rectification> Reviews::GetRectification(const auth::Principal& who,
                                                        const std::string& id) {
  constexpr absl::string_view kAction = "read this rectification";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kRectificationReaders, kAction));
  LE_ASSIGN_OR_RETURN(Rectification r,
                      app::FindVisible<Rectification>(
                          *d_.authorizer, who, "id", id, "rectification", kAction,
                          [&](const std::string& i) { return store_->GetRectification(i); }));
  LE_RETURN_IF_ERROR(RequireAgency(who, r.agency_id, kAction));
  return r;
}

absl::StatusOr<app::Page<Rectification>> Reviews::ListRectifications(
    const auth::Principal& who, absl::StatusOr<RectificationQuery> query,
    const app::PageQuery& page) {
  constexpr absl::string_view kAction = "list rectifications of this division";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kRectificationReaders, kAction));
  LE_ASSIGN_OR_RETURN(const RectificationQuery q, std::move(query));
  LE_ASSIGN_OR_RETURN(std::string scope,
                      d_.authorizer->ScopeForList(who, "division_code", q.division_code, kAction));
  if (!q.queue_division_code.empty()) {
    LE_RETURN_IF_ERROR(
        d_.divisions->Validate("queue_division_code", q.queue_division_code).status());
  }
  // An agency's own staff see their agency's only.
  LE_ASSIGN_OR_RETURN(const std::string agency, AgencyScope(who, q.agency_id, kAction));
  const RectificationFilter f{Divisions::SubtreePrefix(scope), q.queue_division_code, agency,
                              q.state, q.overdue};
  const std::string filter =
      absl::StrCat("rectifications|", scope, "|", q.queue_division_code, "|", agency, "|",
                   q.state ? static_cast<int>(*q.state) : 0, "|",
                   q.overdue.has_value() ? (*q.overdue ? "1" : "0") : "-");
  return app::ListPage<Rectification>(page, filter, *d_.keys, [&](const store::PageRequest& r) {
    return store_->ListRectifications(f, r);
  });
}

absl::StatusOr<Rectification> Reviews::CompleteRectification(const auth::Principal& who,
                                                             const std::string& id,
                                                             const std::string& etag,
                                                             const std::string& evidence) {
  constexpr absl::string_view kAction = "complete this rectification";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kRectifiers, kAction));
  LE_RETURN_IF_ERROR(ValidateMultilineText("evidence", evidence, 4000));
  LE_ASSIGN_OR_RETURN(std::optional<int64_t> expected, app::ParseEtag("etag", etag));
  LE_ASSIGN_OR_RETURN(Rectification r,
                      app::FindVisible<Rectification>(
                          *d_.authorizer, who, "id", id, "rectification", kAction,
                          [&](const std::string& i) { return store_->GetRectification(i); }));
  LE_RETURN_IF_ERROR(RequireAgency(who, r.agency_id, kAction));
  LE_RETURN_IF_ERROR(app::CheckEtag("etag", expected, r.version));
  LE_RETURN_IF_ERROR(RequireSupervisionCertificate(*d_.agencies, who, kAction));
  const ActContext ctx = Context(who);
  LE_ASSIGN_OR_RETURN(Rectification after, supervision::CompleteRectification(r, evidence, ctx));
  LE_RETURN_IF_ERROR(
      store_->UpdateRectification(after, r.version,
                                  app::AuditOf(who, "rectification.completed", id, ctx.now,
                                               after.on_time ? "in time" : "late")));
  return store_->GetRectification(id);
}

absl::StatusOr<ReviewFigures> Reviews::Figures(const std::string& scope, absl::Time from,
                                               absl::Time to, absl::Time as_of) {
  ReviewFigures f;
  LE_ASSIGN_OR_RETURN(std::vector<Campaign> campaigns,
                      store_->CampaignsCreatedBetween(from, std::min(to, as_of)));
  int64_t score_sum = 0;
  for (const Campaign& c : campaigns) {
    if (!d_.divisions->IsWithin(c.division_code, scope)) continue;
    for (const ReviewedCase& r : c.cases) {
      if (!r.scored || r.score_time >= as_of) continue;
      ++f.cases_reviewed;
      score_sum += r.total;
    }
  }
  if (f.cases_reviewed > 0) {
    f.average_score = static_cast<double>(score_sum) / static_cast<double>(f.cases_reviewed);
  }
  LE_ASSIGN_OR_RETURN(std::vector<Rectification> rects,
                      store_->RectificationsOpenedBetween(from, std::min(to, as_of)));
  for (const Rectification& r : rects) {
    if (!d_.divisions->IsWithin(r.division_code, scope)) continue;
    ++f.rectifications_opened;
    const bool done = r.complete_time.has_value() && *r.complete_time < as_of;
    if (done) {
      ++f.rectifications_completed;
      if (r.on_time) ++f.rectifications_completed_on_time;
    }
    const bool lapsed = std::any_of(r.escalations.begin(), r.escalations.end(),
                                    [&](const Escalation& e) { return e.recorded_at < as_of; });
    if (!done && lapsed) ++f.rectifications_overdue;
  }
  return f;
}

}  // namespace lawenforce::supervision
