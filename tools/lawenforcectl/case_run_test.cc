// Drives the case commands of the CLI, as a process would, against an
// in-process fake case service on a port chosen by the kernel: the case
// commands connect to the case-service address, not personnel-service's.

#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lawenforce/cases/v1/cases.grpc.pb.h"
#include "tools/lawenforcectl/cli_test_fixture.h"

namespace lawenforce::ctl {
namespace {

namespace cv1 = ::lawenforce::cases::v1;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

google::protobuf::Timestamp At(int64_t seconds) {
  google::protobuf::Timestamp t;
  t.set_seconds(seconds);
  return t;
}

class FakeCaseService final : public cv1::CaseService::Service {
 public:
  grpc::Status GetItem(grpc::ServerContext*, const cv1::GetItemRequest* request,
                       cv1::EnforcementItem* response) override {
    response->set_id(request->id());
    response->set_etag("\"5\"");
    cv1::ItemVersion* v = response->add_versions();
    v->set_name("名称");
    v->set_legal_basis("依据");
    v->set_major(true);
    return grpc::Status::OK;
  }

  grpc::Status ReviseItem(grpc::ServerContext*, const cv1::ReviseItemRequest* request,
                          cv1::EnforcementItem* response) override {
    absl::MutexLock lock(&mu_);
    last_revise_ = *request;
    response->set_id(request->id());
    return grpc::Status::OK;
  }

  grpc::Status FileCase(grpc::ServerContext*, const cv1::FileCaseRequest* request,
                        cv1::Case* response) override {
    absl::MutexLock lock(&mu_);
    last_file_ = *request;
    response->set_id("case-1");
    response->set_state(cv1::CASE_STATE_FILED);
    cv1::Party* party = response->add_parties();
    party->set_kind(cv1::PARTY_KIND_INDIVIDUAL);
    party->set_name(request->case_().parties(0).name());
    party->set_id_number_masked("640104********123X");
    return grpc::Status::OK;
  }

  grpc::Status ExplainDeadline(grpc::ServerContext*, const cv1::ExplainDeadlineRequest* request,
                               cv1::DeadlineExplanation* e) override {
    e->set_case_id(request->case_id());
    e->set_clock(request->clock());
    e->set_name("decision after filing");
    e->set_legal_basis("APL art. 60");
    e->set_starts_at("filing");
    e->set_period_count(90);
    e->set_period_unit(cv1::PERIOD_UNIT_CALENDAR_DAYS);
    *e->mutable_start_time() = At(1740792600);  // 2025-03-01T09:30:00+08:00
    e->set_start_event("case filed");
    cv1::ClockEvent* pause = e->add_events();
    pause->set_kind(cv1::CLOCK_EVENT_KIND_PAUSE);
    *pause->mutable_time() = At(1740879000);  // 2025-03-02T09:30:00+08:00
    pause->set_pause_reason(cv1::PAUSE_REASON_TESTING_APPRAISAL);
    pause->set_actor("ops");
    pause->set_reason("送检");
    cv1::ClockEvent* extend = e->add_events();
    extend->set_kind(cv1::CLOCK_EVENT_KIND_EXTEND);
    *extend->mutable_time() = At(1740965400);
    extend->set_extension(30);
    extend->set_actor("head");
    extend->set_reason("案情复杂");
    cv1::ExplanationStep* step = e->add_steps();
    step->set_what("started at filing: 90 calendar days");
    *step->mutable_time() = At(1740792600);
    *step->mutable_due_time() = At(1748534400);
    *e->mutable_due_time() = At(1751126400);  // 2025-06-29T00:00:00+08:00
    e->mutable_last_day()->set_year(2025);
    e->mutable_last_day()->set_month(6);
    e->mutable_last_day()->set_day(28);
    e->set_state(cv1::CLOCK_STATE_RUNNING);
    e->set_provisional(true);
    e->add_provisional_holidays("2027-01-01 元旦");
    return grpc::Status::OK;
  }

  grpc::Status VerifyCaseRecord(grpc::ServerContext*, const cv1::VerifyCaseRecordRequest* request,
                                cv1::RecordVerification* response) override {
    const bool intact = request->case_id() != "tampered";
    response->set_intact(intact);
    response->set_entries_verified(intact ? 9 : 3);
    if (!intact) {
      response->set_first_bad_sequence(4);
      response->set_problem("hash mismatch");
    }
    return grpc::Status::OK;
  }

  cv1::ReviseItemRequest last_revise() {
    absl::MutexLock lock(&mu_);
    return last_revise_;
  }
  cv1::FileCaseRequest last_file() {
    absl::MutexLock lock(&mu_);
    return last_file_;
  }

 private:
  absl::Mutex mu_;
  cv1::ReviseItemRequest last_revise_ ABSL_GUARDED_BY(mu_);
  cv1::FileCaseRequest last_file_ ABSL_GUARDED_BY(mu_);
};

using Result = CliResult;

class CaseRunTest : public CliTest<FakeCaseService> {
 protected:
  CaseRunTest() : CliTest(kCaseEndpoint) {}
};

TEST_F(CaseRunTest, HelpListsTheCaseCommandsAndTheirServerFlag) {
  Result top = Cli({"help"});
  EXPECT_EQ(top.code, 0);
  EXPECT_THAT(top.out, HasSubstr("case explain"));
  EXPECT_THAT(top.out, HasSubstr("record verify"));
  EXPECT_THAT(top.out, HasSubstr("--case-server HOST:PORT"));
  EXPECT_THAT(top.out, HasSubstr("default localhost:50052"));
  Result explain = Cli({"case", "explain", "--help"});
  EXPECT_EQ(explain.code, 0);
  EXPECT_THAT(explain.out, StartsWith("usage: lawenforcectl case explain CASE CLOCK\n"));
}

TEST_F(CaseRunTest, CaseCommandsUseTheCaseServerFlagOverTheEnvironment) {
  vars_["LAWENFORCE_CASE_SERVER"] = "127.0.0.1:1";
  Result result =
      Cli({"--case-server", address_, "--server", "127.0.0.1:1", "record", "verify", "c-1"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_THAT(result.out, StartsWith("intact:             true\n"));
}

TEST_F(CaseRunTest, AnUnreachableCaseServiceIsNamed) {
  Result result = Cli({"case", "get", "c-1", "--case-server", "127.0.0.1:1", "--timeout", "5s"});
  EXPECT_EQ(result.code, 3);
  EXPECT_THAT(result.err, HasSubstr("  server: 127.0.0.1:1 (case-service)\n"));
}

TEST_F(CaseRunTest, ExplainIsLaidOutForAPerson) {
  Result result = Cli({"case", "explain", "c-1", "decision"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_THAT(result.out, StartsWith("case:         c-1\n"
                                     "clock:        decision: decision after filing\n"
                                     "legal basis:  APL art. 60\n"
                                     "rule:         90 calendar days from filing\n"
                                     "started:      2025-03-01T09:30:00+08:00 (case filed)\n"
                                     "state:        RUNNING\n"
                                     "due:          2025-06-29T00:00:00+08:00 (exclusive: in time "
                                     "before it; last day 2025-06-28)\n"));
  EXPECT_THAT(result.out, HasSubstr("  holidays:   2027-01-01 元旦\n"));
  EXPECT_THAT(result.out,
              HasSubstr("  2025-03-02T09:30:00+08:00  pause (testing_appraisal)  ops   送检\n"));
  EXPECT_THAT(result.out, HasSubstr("extend +30 calendar days"));
  EXPECT_THAT(result.out, HasSubstr("started at filing: 90 calendar days"));

  Result json = Cli({"case", "explain", "c-1", "decision", "--output", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"clock\": \"CLOCK_KIND_DECISION\""));
  EXPECT_THAT(json.out, HasSubstr("\"period_count\": 90"));
}

TEST_F(CaseRunTest, ARecordThatIsNotIntactExitsOne) {
  Result result = Cli({"record", "verify", "tampered"});
  EXPECT_EQ(result.code, 1);
  EXPECT_THAT(result.out, HasSubstr("intact:             false"));
  EXPECT_EQ(result.err, "error: record not intact: first bad entry 4: hash mismatch\n");
}

TEST_F(CaseRunTest, ReviseReadsTheItemAndSendsAWholeVersionWithTheEtagRead) {
  Result result = Cli({"item", "revise", "i-1", "--reason", "法律修订", "--name", "新名称"});
  ASSERT_EQ(result.code, 0) << result.err;
  cv1::ReviseItemRequest sent = service_.last_revise();
  EXPECT_EQ(sent.etag(), "\"5\"");
  EXPECT_EQ(sent.version().name(), "新名称");
  EXPECT_EQ(sent.version().legal_basis(), "依据");
  EXPECT_TRUE(sent.version().major());
}

TEST_F(CaseRunTest, FileReadsThePartysNumberFromStdinAndPrintsItMasked) {
  stdin_ = "64010419900101123X\n";
  Result result = Cli({"case", "file", "--agency", "a-1", "--item", "i-1", "--facts", "f",
                       "--violation-time", "2025-03-01T09:30:00+08:00", "--officer", "o-1",
                       "--officer", "o-2", "--party", "individual:张三", "--id-number", "-"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(service_.last_file().case_().parties(0).id_number(), "64010419900101123X");
  EXPECT_EQ(service_.last_file().request_id(), "00000000-0000-4000-8000-000000000001");
  EXPECT_THAT(result.out, HasSubstr("640104********123X"));
  EXPECT_THAT(result.out, Not(HasSubstr("64010419900101123X")));
}

}  // namespace
}  // namespace lawenforce::ctl
