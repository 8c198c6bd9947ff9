// ListAuditEntries (issue 22): who did what to which record, when, with the
// fields it changed (masked), denied attempts included, only within the
// caller's jurisdiction; filters by record, actor, method, action, outcome
// and time; paged newest first. Real store (SQLite; PostgreSQL as
// ..._postgres), real gRPC.

#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/personnel_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

class AuditLogTest : public PersonnelFixture {
 protected:
  std::string Auditor(const std::string& division) {
    return Token({auth::Role::kAuditor}, division);
  }
  grpc::Status List(const std::string& token, pv1::ListAuditEntriesRequest req,
                    pv1::ListAuditEntriesResponse* out) {
    return stub_->ListAuditEntries(Ctx(token).get(), req, out);
  }
  // Every entry the request finds, all pages.
  std::vector<pv1::AuditEntry> All(const std::string& token, pv1::ListAuditEntriesRequest req) {
    std::vector<pv1::AuditEntry> out;
    req.set_page_size(2);
    for (int pages = 0; pages < 100; ++pages) {
      pv1::ListAuditEntriesResponse resp;
      grpc::Status s = List(token, req, &resp);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      out.insert(out.end(), resp.entries().begin(), resp.entries().end());
      if (resp.next_page_token().empty()) break;
      req.set_page_token(resp.next_page_token());
    }
    return out;
  }
  static std::vector<std::string> Actions(const std::vector<pv1::AuditEntry>& entries) {
    std::vector<std::string> out;
    for (const pv1::AuditEntry& e : entries) out.push_back(e.action());
    return out;
  }
  grpc::Status Suspend(const std::string& id, pv1::Certificate* out) {
    pv1::TransitionCertificateRequest req;
    req.set_id(id);
    req.set_reason("调查期间暂扣");
    return stub_->SuspendCertificate(Ctx(AdminToken()).get(), req, out);
  }
};

TEST_F(AuditLogTest, ChangesShowWhoWhatWhenAndTheChangedFieldsMasked) {
  const pv1::Agency agency = CreateAgency("640104");
  clock_.Advance(absl::Seconds(1));
  const pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(11));
  clock_.Advance(absl::Seconds(1));
  const pv1::Certificate cert = IssueCertificate(officer.id(), "NX-A-1");
  clock_.Advance(absl::Seconds(1));
  pv1::Certificate suspended;
  ASSERT_TRUE(Suspend(cert.id(), &suspended).ok());
  clock_.Advance(absl::Seconds(1));
  pv1::UpdateOfficerRequest update;
  update.mutable_officer()->set_id(officer.id());
  update.mutable_officer()->set_name("王小五");
  update.mutable_update_mask()->add_paths("name");
  pv1::Officer updated;
  ASSERT_TRUE(stub_->UpdateOfficer(Ctx(AdminToken()).get(), update, &updated).ok());

  const std::vector<pv1::AuditEntry> entries = All(Auditor("640104"), {});
  EXPECT_EQ(Actions(entries),
            (std::vector<std::string>{"officer.update", "certificate.suspend", "certificate.issue",
                                      "officer.create", "agency.create"}));
  const pv1::AuditEntry& name_change = entries[0];
  EXPECT_EQ(name_change.method(), "UpdateOfficer");
  EXPECT_EQ(name_change.resource_id(), officer.id());
  EXPECT_EQ(name_change.actor(), "tester-640000");
  EXPECT_EQ(name_change.division_code(), "640104");
  EXPECT_EQ(name_change.outcome(), pv1::AUDIT_OUTCOME_DONE);
  EXPECT_EQ(name_change.time().seconds(), absl::ToUnixSeconds(clock_.Now()));
  ASSERT_THAT(name_change.changes(), SizeIs(1));
  EXPECT_EQ(name_change.changes(0).field(), "name");
  EXPECT_EQ(name_change.changes(0).before(), "王*");
  EXPECT_EQ(name_change.changes(0).after(), "王**");
  const pv1::AuditEntry& suspension = entries[1];
  EXPECT_EQ(suspension.method(), "SuspendCertificate");
  ASSERT_THAT(suspension.changes(), SizeIs(1));
  EXPECT_EQ(suspension.changes(0).field(), "state");
  EXPECT_EQ(suspension.changes(0).before(), "ACTIVE");
  EXPECT_EQ(suspension.changes(0).after(), "SUSPENDED");
  // No entry carries the identity-card number, whole or in part beyond
  // the masked form, nor an unmasked name.
  for (const pv1::AuditEntry& e : entries) {
    std::string text = e.DebugString();
    EXPECT_THAT(text, ::testing::Not(HasSubstr(IdNumber(11).substr(6, 8)))) << text;
    EXPECT_THAT(text, ::testing::Not(HasSubstr("王小五"))) << text;
  }
}

TEST_F(AuditLogTest, EachCallerSeesItsJurisdictionOnly) {
  const pv1::Agency xingqing = CreateAgency("640104");  // 兴庆区
  const pv1::Agency jinfeng = CreateAgency("640106");   // 金凤区
  const pv1::Agency township = CreateAgency("640104001");
  const pv1::Agency shizuishan = CreateAgency("640200");
  CreateOfficer(xingqing.id(), IdNumber(21));
  CreateOfficer(jinfeng.id(), IdNumber(22));
  CreateOfficer(township.id(), IdNumber(23));
  CreateOfficer(shizuishan.id(), IdNumber(24));
  auto divisions = [&](const std::string& token, const std::string& asked = "") {
    pv1::ListAuditEntriesRequest req;
    req.set_division_code(asked);
    std::multiset<std::string> out;
    for (const pv1::AuditEntry& e : All(token, req)) out.insert(e.division_code());
    return out;
  };
  EXPECT_EQ(divisions(Auditor("640104")),
            (std::multiset<std::string>{"640104", "640104", "640104001", "640104001"}));
  EXPECT_EQ(divisions(Auditor("640104001")),
            (std::multiset<std::string>{"640104001", "640104001"}));
  EXPECT_EQ(divisions(Auditor("640100")),
            (std::multiset<std::string>{"640104", "640104", "640104001", "640104001", "640106",
                                        "640106"}));
  EXPECT_THAT(divisions(Auditor("640000")), SizeIs(8));
  EXPECT_EQ(divisions(Auditor("640000"), "640106"),
            (std::multiset<std::string>{"640106", "640106"}));
  // Another county's log is denied, the same as a malformed code is named.
  pv1::ListAuditEntriesRequest other;
  other.set_division_code("640106");
  pv1::ListAuditEntriesResponse resp;
  EXPECT_EQ(List(Auditor("640104"), other, &resp).error_code(), grpc::PERMISSION_DENIED);
  other.set_division_code("64x");
  grpc::Status bad = List(Auditor("640104"), other, &resp);
  EXPECT_EQ(bad.error_code(), grpc::INVALID_ARGUMENT);
  EXPECT_THAT(bad.error_message(), HasSubstr("division_code"));
  // Even filtered by a record of another county, nothing leaks.
  pv1::ListAuditEntriesRequest by_record;
  by_record.set_resource_id(jinfeng.id());
  EXPECT_THAT(All(Auditor("640104"), by_record), IsEmpty());
}

TEST_F(AuditLogTest, OnlyAuditorsSupervisorsAndServicesReadIt) {
  pv1::ListAuditEntriesResponse resp;
  for (auth::Role role :
       {auth::Role::kOfficer, auth::Role::kLegalReviewer, auth::Role::kAgencyAdmin}) {
    EXPECT_EQ(List(Token({role}, "640104"), {}, &resp).error_code(), grpc::PERMISSION_DENIED)
        << auth::RoleName(role);
  }
  for (auth::Role role : {auth::Role::kAuditor, auth::Role::kSupervisor, auth::Role::kSystem}) {
    EXPECT_TRUE(List(Token({role}, "640104"), {}, &resp).ok()) << auth::RoleName(role);
  }
  EXPECT_EQ(List("", {}, &resp).error_code(), grpc::UNAUTHENTICATED);
}

TEST_F(AuditLogTest, DeniedAttemptsAreListedUnderTheDivisionTheyWereAbout) {
  const pv1::Agency xingqing = CreateAgency("640104");
  const pv1::Officer officer = CreateOfficer(xingqing.id(), IdNumber(31));
  clock_.Advance(absl::Seconds(1));
  // A supervisor of another county tries to read and to change the officer.
  const std::string outsider = Token({auth::Role::kSupervisor}, "640106");
  pv1::GetOfficerRequest get;
  get.set_id(officer.id());
  pv1::Officer seen;
  ASSERT_EQ(stub_->GetOfficer(Ctx(outsider).get(), get, &seen).error_code(),
            grpc::PERMISSION_DENIED);
  clock_.Advance(absl::Seconds(1));
  pv1::EndOfficerServiceRequest end;
  end.set_officer_id(officer.id());
  end.set_reason(pv1::SERVICE_END_REASON_RETIRED);
  ASSERT_EQ(stub_->EndOfficerService(Ctx(outsider).get(), end, &seen).error_code(),
            grpc::PERMISSION_DENIED);

  pv1::ListAuditEntriesRequest denied;
  denied.set_outcome(pv1::AUDIT_OUTCOME_DENIED);
  const std::vector<pv1::AuditEntry> entries = All(Auditor("640104"), denied);
  ASSERT_THAT(entries, SizeIs(2));
  EXPECT_EQ(entries[0].action(), "denied.EndOfficerService");
  EXPECT_EQ(entries[0].method(), "EndOfficerService");
  EXPECT_EQ(entries[0].actor(), "tester-640106");
  EXPECT_EQ(entries[0].resource_id(), officer.id());
  EXPECT_EQ(entries[0].outcome(), pv1::AUDIT_OUTCOME_DENIED);
  EXPECT_EQ(entries[1].action(), "denied.GetOfficer");
  // The other county's own log does not show another county's record.
  EXPECT_THAT(All(Auditor("640106"), denied), IsEmpty());
  // Only the changes.
  pv1::ListAuditEntriesRequest done;
  done.set_outcome(pv1::AUDIT_OUTCOME_DONE);
  EXPECT_EQ(Actions(All(Auditor("640104"), done)),
            (std::vector<std::string>{"officer.create", "agency.create"}));
}

TEST_F(AuditLogTest, ATransferBetweenCountiesShowsInBoth) {
  const pv1::Agency from = CreateAgency("640104");
  const pv1::Agency to = CreateAgency("640106");
  const pv1::Officer officer = CreateOfficer(from.id(), IdNumber(41));
  const pv1::Certificate cert = IssueCertificate(officer.id(), "NX-T-1");
  clock_.Advance(absl::Hours(1));
  pv1::TransferOfficerRequest req;
  req.set_officer_id(officer.id());
  req.set_agency_id(to.id());
  pv1::Officer moved;
  ASSERT_TRUE(stub_->TransferOfficer(Ctx(AdminToken()).get(), req, &moved).ok());

  pv1::ListAuditEntriesRequest transfers;
  transfers.set_method("TransferOfficer");
  const std::vector<pv1::AuditEntry> old_county = All(Auditor("640104"), transfers);
  EXPECT_EQ(Actions(old_county),
            (std::vector<std::string>{"officer.transfer", "certificate.cancel"}));
  ASSERT_THAT(old_county, SizeIs(2));
  EXPECT_EQ(old_county[1].resource_id(), cert.id());
  EXPECT_EQ(old_county[1].changes(0).after(), "CANCELLED");
  bool agency_changed = false;
  for (const pv1::AuditFieldChange& c : old_county[0].changes()) {
    if (c.field() == "agency_id") {
      agency_changed = true;
      EXPECT_EQ(c.before(), from.id());
      EXPECT_EQ(c.after(), to.id());
    }
  }
  EXPECT_TRUE(agency_changed);
  const std::vector<pv1::AuditEntry> new_county = All(Auditor("640106"), transfers);
  ASSERT_THAT(new_county, SizeIs(1));
  EXPECT_EQ(new_county[0].action(), "officer.transfer");
  EXPECT_EQ(new_county[0].division_code(), "640106");
  // The record's whole story from its new county: only what happened there.
  pv1::ListAuditEntriesRequest by_record;
  by_record.set_resource_id(officer.id());
  EXPECT_EQ(Actions(All(Auditor("640106"), by_record)),
            (std::vector<std::string>{"officer.transfer"}));
  EXPECT_EQ(Actions(All(Auditor("640100"), by_record)),
            (std::vector<std::string>{"officer.transfer", "officer.transfer", "officer.create"}));
}

TEST_F(AuditLogTest, FiltersNarrowTheListAndBadFiltersNameTheirField) {
  const pv1::Agency agency = CreateAgency("640104");
  const pv1::Officer officer = CreateOfficer(agency.id(), IdNumber(51));
  const absl::Time t0 = clock_.Now();
  clock_.Advance(absl::Hours(1));
  const pv1::Certificate cert = IssueCertificate(officer.id(), "NX-F-1");
  clock_.Advance(absl::Hours(1));
  pv1::Certificate c;
  ASSERT_TRUE(Suspend(cert.id(), &c).ok());
  const std::string auditor = Auditor("640104");

  pv1::ListAuditEntriesRequest req;
  req.set_action("certificate.");
  EXPECT_EQ(Actions(All(auditor, req)),
            (std::vector<std::string>{"certificate.suspend", "certificate.issue"}));
  req.set_action("certificate.issue");
  EXPECT_EQ(Actions(All(auditor, req)), (std::vector<std::string>{"certificate.issue"}));
  req.Clear();
  req.set_resource_id(cert.id());
  EXPECT_THAT(All(auditor, req), SizeIs(2));
  req.Clear();
  req.set_actor("tester-640000");
  EXPECT_THAT(All(auditor, req), SizeIs(4));
  req.set_actor("someone-else");
  EXPECT_THAT(All(auditor, req), IsEmpty());
  req.Clear();
  req.mutable_start_time()->set_seconds(absl::ToUnixSeconds(t0 + absl::Minutes(30)));
  req.mutable_end_time()->set_seconds(absl::ToUnixSeconds(t0 + absl::Minutes(90)));
  EXPECT_EQ(Actions(All(auditor, req)), (std::vector<std::string>{"certificate.issue"}));

  auto rejected = [&](pv1::ListAuditEntriesRequest bad, const std::string& field) {
    pv1::ListAuditEntriesResponse resp;
    grpc::Status s = List(auditor, bad, &resp);
    EXPECT_EQ(s.error_code(), grpc::INVALID_ARGUMENT) << field;
    EXPECT_THAT(s.error_message(), HasSubstr(field));
  };
  pv1::ListAuditEntriesRequest bad;
  bad.set_action("certificate..x");
  rejected(bad, "action");
  bad.Clear();
  bad.set_action("drop table;");
  rejected(bad, "action");
  bad.Clear();
  bad.set_method("suspend certificate");
  rejected(bad, "method");
  bad.Clear();
  bad.mutable_start_time()->set_seconds(100);
  bad.mutable_end_time()->set_seconds(100);
  rejected(bad, "end_time");
  bad.Clear();
  bad.mutable_start_time()->set_nanos(-1);
  rejected(bad, "start_time");
  bad.Clear();
  bad.set_outcome(static_cast<pv1::AuditOutcome>(7));
  rejected(bad, "outcome");
  bad.Clear();
  bad.set_page_size(-1);
  rejected(bad, "page_size");
  bad.Clear();
  bad.set_resource_id(std::string(65, 'a'));
  rejected(bad, "resource_id");
  // A page token is bound to its filter.
  pv1::ListAuditEntriesRequest first;
  first.set_page_size(1);
  pv1::ListAuditEntriesResponse page;
  ASSERT_TRUE(List(auditor, first, &page).ok());
  ASSERT_FALSE(page.next_page_token().empty());
  pv1::ListAuditEntriesRequest other;
  other.set_actor("tester-640000");
  other.set_page_token(page.next_page_token());
  rejected(other, "page_token");
}

TEST_F(AuditLogTest, PagesAreNewestFirstWithoutGapsOrRepeats) {
  const pv1::Agency agency = CreateAgency("640104");
  std::set<std::string> officers;
  for (int i = 0; i < 7; ++i) {
    // Several entries share one moment: ties are broken by id.
    if (i % 3 == 0) clock_.Advance(absl::Seconds(1));
    officers.insert(CreateOfficer(agency.id(), IdNumber(60 + i)).id());
  }
  pv1::ListAuditEntriesRequest req;
  req.set_action("officer.create");
  const std::vector<pv1::AuditEntry> entries = All(Auditor("640104"), req);
  ASSERT_THAT(entries, SizeIs(7));
  std::set<std::string> seen;
  for (size_t i = 0; i < entries.size(); ++i) {
    seen.insert(entries[i].resource_id());
    if (i > 0) {
      EXPECT_LE(entries[i].time().seconds(), entries[i - 1].time().seconds());
    }
  }
  EXPECT_EQ(seen, officers);
}

}  // namespace
}  // namespace lawenforce::testing
