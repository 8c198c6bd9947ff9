// A working-day clock that reaches into a year whose holiday notice is not
// out yet runs on the year derived from the statutory holiday rules and is
// marked provisional; when the official rows are added and case-service
// starts again, its due moment is re-derived end to end: a RECALENDAR clock
// event naming the old and new due moments, a full-process record entry that
// still verifies, an outbox event, and the deadline engine's row moved. Two
// replicas starting together re-derive a clock once. Real personnel-service,
// Redis and store (both backends).

#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/protoconv/protoconv.h"
#include "common/status/macros.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/case_fixture.h"

namespace lawenforce::testing {
namespace {

// Mon 2026-12-28 10:00 China time: ten working days from here end in
// January 2027, beyond the official table (2023-2026).
const absl::Time kFiling =
    absl::FromCivil(absl::CivilSecond(2026, 12, 28, 10, 0, 0), absl::FixedTimeZone(8 * 3600));

absl::Time TimeOf(const google::protobuf::Timestamp& ts) {
  absl::StatusOr<absl::Time> t = protoconv::FromTimestamp("time", ts);
  EXPECT_TRUE(t.ok()) << t.status();
  return t.ok() ? *t : absl::InfinitePast();
}

class CaseCalendarTest : public CaseFixture {
 protected:
  void SetUp() override {
    std::ifstream in(std::string(LAWENFORCE_DATA_DIR) + "/cn-working-calendar.tsv");
    std::stringstream shipped;
    shipped << in.rdbuf();
    ASSERT_FALSE(shipped.str().empty());
    std::ofstream(dir_.File("calendar.tsv")) << shipped.str();
    clock_.SetTime(kFiling);
    CaseFixture::SetUp();
    if (HasFatalFailure()) return;
    s_ = StandardScene();
  }

  std::vector<std::string> ExtraFlags() override {
    std::vector<std::string> flags = CaseFixture::ExtraFlags();
    flags.push_back("--working-calendar=" + dir_.File("calendar.tsv"));
    // The decision clock in working days, so that filing starts one.
    flags.push_back("--clock-periods=decision=10wd");
    return flags;
  }

  // The "official" notice for 2027, as the operator adds it: one more
  // holiday than the statutory rules alone give (Mon 2027-01-04).
  void AddOfficialRowsFor2027() {
    std::ofstream out(dir_.File("calendar.tsv"), std::ios::app);
    out << "2027-01-01\tholiday\t元旦\n"
        << "2027-01-04\tholiday\t元旦\n";
  }

  absl::StatusOr<std::unique_ptr<InProcessService>> StartReplica() {
    return InProcessService::Start(Spec(), dir_, {ExtraFlags(), &clock_, nullptr, true});
  }

  cv1::DeadlineExplanation Explain(cv1::CaseService::Stub& stub, const std::string& case_id) {
    cv1::ExplainDeadlineRequest req;
    req.set_case_id(case_id);
    req.set_clock(cv1::CLOCK_KIND_DECISION);
    cv1::DeadlineExplanation out;
    grpc::Status s = stub.ExplainDeadline(Ctx(AdminToken()).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    return out;
  }

  // One query's single integer, through the service's own store.
  int64_t Scalar(InProcessService& service, const std::string& sql,
                 std::vector<store::Value> params) {
    int64_t value = -1;
    auto read = [&](store::Transaction& tx) -> absl::Status {
      LE_ASSIGN_OR_RETURN(std::vector<store::Row> rows, tx.Query(sql, params));
      if (!rows.empty()) value = rows[0].Int(0);
      return absl::OkStatus();
    };
    EXPECT_OK(service.runtime().env().db->Read(read));
    return value;
  }

  static int Recalendars(const cv1::DeadlineExplanation& e) {
    int n = 0;
    for (const cv1::ClockEvent& ev : e.events()) {
      if (ev.kind() == cv1::CLOCK_EVENT_KIND_RECALENDAR) ++n;
    }
    return n;
  }

  Scene s_;
};

TEST_F(CaseCalendarTest, OfficialRowsAddedLaterMoveAProvisionalDueDateWithEveryTrace) {
  const cv1::Case filed = FileCase(s_.agency, s_.item, {s_.o1, s_.o2});
  ASSERT_FALSE(filed.id().empty());
  const cv1::DeadlineExplanation before = Explain(*stub_, filed.id());
  EXPECT_TRUE(before.provisional());
  EXPECT_THAT(before.provisional_holidays(), ::testing::Contains("2027-01-01 元旦"));
  const absl::Time due_before = TimeOf(before.due_time());
  const std::string subject_like = filed.id() + "%";
  EXPECT_EQ(Scalar(*service_,
                   "SELECT due_at FROM deadlines WHERE kind = 'case_clock' AND subject LIKE ? "
                   "AND payload = 'decision'",
                   {store::Text(subject_like)}),
            absl::ToUnixMicros(due_before));

  // The notice comes out; case-service restarts (a day later).
  service_->Shutdown();
  service_.reset();
  AddOfficialRowsFor2027();
  clock_.Advance(absl::Hours(24));
  ASSERT_OK_AND_ASSIGN(service_, StartReplica());
  stub_ = cv1::CaseService::NewStub(service_->channel());

  const cv1::DeadlineExplanation after = Explain(*stub_, filed.id());
  EXPECT_FALSE(after.provisional()) << after.DebugString();
  const absl::Time due_after = TimeOf(after.due_time());
  // One more holiday: one working day later (over the weekend: Mon -> Tue
  // or Fri -> Mon, at least a day).
  EXPECT_GE(due_after - due_before, absl::Hours(24));
  ASSERT_EQ(Recalendars(after), 1) << after.DebugString();
  for (const cv1::ClockEvent& ev : after.events()) {
    if (ev.kind() != cv1::CLOCK_EVENT_KIND_RECALENDAR) continue;
    EXPECT_EQ(TimeOf(ev.old_due_time()), due_before);
    EXPECT_EQ(TimeOf(ev.new_due_time()), due_after);
    EXPECT_EQ(ev.actor(), "system");
    EXPECT_THAT(ev.reason(), ::testing::HasSubstr("official rows through 2027"));
  }
  // The deadline engine's row moved with it.
  EXPECT_EQ(Scalar(*service_,
                   "SELECT due_at FROM deadlines WHERE kind = 'case_clock' AND subject LIKE ? "
                   "AND payload = 'decision'",
                   {store::Text(subject_like)}),
            absl::ToUnixMicros(due_after));
  // The record says so, and still verifies; the outbox carries the change.
  cv1::GetCaseRecordRequest rreq;
  rreq.set_case_id(filed.id());
  cv1::CaseRecord record;
  ASSERT_TRUE(stub_->GetCaseRecord(Ctx(AdminToken()).get(), rreq, &record).ok());
  ASSERT_FALSE(record.entries().empty());
  EXPECT_EQ(record.entries(record.entries_size() - 1).action(), "rederive_clocks");
  EXPECT_EQ(record.entries(record.entries_size() - 1).actor(), "system");
  cv1::VerifyCaseRecordRequest vreq;
  vreq.set_case_id(filed.id());
  cv1::RecordVerification verified;
  ASSERT_TRUE(stub_->VerifyCaseRecord(Ctx(AdminToken()).get(), vreq, &verified).ok());
  EXPECT_TRUE(verified.intact()) << verified.problem();
  EXPECT_EQ(Scalar(*service_,
                   "SELECT COUNT(*) FROM outbox_events WHERE event_type = 'case.rederive_clocks' "
                   "AND resource_name LIKE ?",
                   {store::Text("%" + filed.id())}),
            1);

  // A third start changes nothing more.
  service_->Shutdown();
  service_.reset();
  ASSERT_OK_AND_ASSIGN(service_, StartReplica());
  stub_ = cv1::CaseService::NewStub(service_->channel());
  EXPECT_EQ(Recalendars(Explain(*stub_, filed.id())), 1);
}

TEST_F(CaseCalendarTest, TwoReplicasStartingTogetherRederiveOnce) {
  std::vector<std::string> ids;
  for (int i = 0; i < 6; ++i) ids.push_back(FileCase(s_.agency, s_.item, {s_.o1, s_.o2}).id());
  service_->Shutdown();
  service_.reset();
  AddOfficialRowsFor2027();

  absl::StatusOr<std::unique_ptr<InProcessService>> a, b;
  std::thread ta([&] { a = StartReplica(); });
  std::thread tb([&] { b = StartReplica(); });
  ta.join();
  tb.join();
  ASSERT_OK(a.status());
  ASSERT_OK(b.status());
  std::unique_ptr<cv1::CaseService::Stub> stub = cv1::CaseService::NewStub((*a)->channel());
  for (const std::string& id : ids) {
    const cv1::DeadlineExplanation e = Explain(*stub, id);
    EXPECT_FALSE(e.provisional()) << id;
    EXPECT_EQ(Recalendars(e), 1) << id;
  }
  EXPECT_EQ(
      Scalar(**a, "SELECT COUNT(*) FROM outbox_events WHERE event_type = 'case.rederive_clocks'",
             {}),
      static_cast<int64_t>(ids.size()));
  (*a)->Shutdown();
  (*b)->Shutdown();
}

}  // namespace
}  // namespace lawenforce::testing
