#include "services/case/app/case_records.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/case/app/cases.h"

namespace lawenforce::cases {
namespace {

using auth::Role;

const auth::RoleSet kSupervisors = {Role::kSupervisor, Role::kAuditor, Role::kAgencyAdmin,
                                    Role::kSystem};

}  // namespace

absl::StatusOr<Case> CaseRecords::Visible(const auth::Principal& who, const std::string& case_id,
                                          absl::string_view action) const {
  LE_RETURN_IF_ERROR(ValidateId("case_id", case_id));
  absl::StatusOr<CaseBundle> b = d_.store->GetCase(case_id);
  if (b.status().code() == absl::StatusCode::kNotFound) {
    return d_.authorizer->RecordNotFound(who, "case", action);
  }
  LE_RETURN_IF_ERROR(b.status());
  LE_RETURN_IF_ERROR(d_.authorizer->RequireWithin(who, b->c.division_code, action));
  return b->c;
}

absl::StatusOr<CaseRecord> CaseRecords::Get(const auth::Principal& who,
                                            const std::string& case_id) {
  constexpr absl::string_view kAction = "read this case's record";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, CaseReaders(), kAction));
  LE_ASSIGN_OR_RETURN(Case c, Visible(who, case_id, kAction));
  LE_ASSIGN_OR_RETURN(std::vector<RecordEntry> entries, d_.store->GetRecord(case_id));
  return CaseRecord{case_id, std::move(entries), ChainHead{c.record_length, c.record_head}};
}

absl::StatusOr<Verification> CaseRecords::Verify(const auth::Principal& who,
                                                 const std::string& case_id,
                                                 const std::optional<ChainHead>& expected) {
  constexpr absl::string_view kAction = "verify this case's record";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, CaseReaders(), kAction));
  if (expected.has_value()) {
    if (expected->length < 0) return InvalidField("expected_head.length", "must not be negative");
    if (expected->hash.size() != 64)
      return InvalidField("expected_head.hash", "must be 64 hex digits");
  }
  LE_ASSIGN_OR_RETURN(Case c, Visible(who, case_id, kAction));
  LE_ASSIGN_OR_RETURN(std::vector<RecordEntry> entries, d_.store->GetRecord(case_id));
  // Always against the head recorded on the case; an exported head must
  // also still be in the record (a prefix of it).
  return VerifyChain(case_id, entries, ChainHead{c.record_length, c.record_head}, expected);
}

absl::StatusOr<app::Page<RecordHead>> CaseRecords::ListHeads(const auth::Principal& who,
                                                             const std::string& division_code,
                                                             const app::PageQuery& page) {
  constexpr absl::string_view kAction = "export record heads of this division";
  LE_RETURN_IF_ERROR(
      d_.authorizer->RequireRole(who, {Role::kSupervisor, Role::kAuditor, Role::kSystem}, kAction));
  LE_ASSIGN_OR_RETURN(std::string scope,
                      d_.authorizer->ScopeForList(who, "division_code", division_code, kAction));
  struct Keyed {
    RecordHead h;
    std::string id;
  };
  LE_ASSIGN_OR_RETURN(
      app::Page<Keyed> keyed,
      app::ListPage<Keyed>(page, absl::StrCat("heads|", scope), *d_.pii,
                           [&](const store::PageRequest& r) -> absl::StatusOr<std::vector<Keyed>> {
                             LE_ASSIGN_OR_RETURN(
                                 std::vector<RecordHead> heads,
                                 d_.store->ListRecordHeads(Divisions::SubtreePrefix(scope), r));
                             std::vector<Keyed> out;
                             for (RecordHead& h : heads) {
                               out.push_back({h, h.case_id});
                             }
                             return out;
                           }));
  app::Page<RecordHead> out;
  out.next_page_token = keyed.next_page_token;
  for (Keyed& k : keyed.items) out.items.push_back(std::move(k.h));
  return out;
}

absl::StatusOr<app::Page<OfficerActView>> CaseRecords::ListOfficerActs(
    const auth::Principal& who, const std::string& officer_id, const std::string& division_code,
    absl::Time from, absl::Time to, bool recheck, const app::PageQuery& page) {
  constexpr absl::string_view kAction = "list an officer's acts";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kSupervisors, kAction));
  LE_ASSIGN_OR_RETURN(std::string scope,
                      d_.authorizer->ScopeForList(who, "division_code", division_code, kAction));
  LE_RETURN_IF_ERROR(ValidateId("officer_id", officer_id));
  if (to <= from) return InvalidField("end_time", "must be after start_time");
  const std::string prefix = Divisions::SubtreePrefix(scope);
  LE_ASSIGN_OR_RETURN(
      app::Page<OfficerActView> out,
      app::ListPage<OfficerActView>(
          page,
          absl::StrCat("acts|", scope, "|", officer_id, "|", absl::ToUnixMicros(from), "|",
                       absl::ToUnixMicros(to), "|", recheck),
          *d_.pii, [&](const store::PageRequest& r) -> absl::StatusOr<std::vector<OfficerActView>> {
            // Only acts of cases in the scope, chosen by the query.
            LE_ASSIGN_OR_RETURN(std::vector<OfficerAct> acts,
                                d_.store->ListOfficerActs(officer_id, prefix, from, to, r));
            std::vector<OfficerActView> views;
            for (OfficerAct& a : acts) views.push_back({a, std::nullopt, a.id});
            return views;
          }));
  if (recheck) {
    std::map<std::string, std::string> domains;  // case id -> domain
    for (OfficerActView& v : out.items) {
      if (!domains.contains(v.act.case_id)) {
        LE_ASSIGN_OR_RETURN(CaseBundle b, d_.store->GetCase(v.act.case_id));
        domains[v.act.case_id] = b.c.domain;
      }
      LE_ASSIGN_OR_RETURN(
          std::vector<OfficerVerdict> verdicts,
          d_.officers->CheckEligibility({officer_id}, domains[v.act.case_id], v.act.time));
      if (!verdicts.empty()) v.verdict_now = verdicts[0];
    }
  }
  return out;
}

}  // namespace lawenforce::cases
