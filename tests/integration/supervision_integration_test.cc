// supervision-service end to end: complaints routed through personnel- and
// case-service, their clocks on the deadline engine over a real Redis,
// escalation up the tiers on the working-day calendar, the hotline's
// tickets under concurrent submission, limits that reschedule running
// clocks, figures and privacy (the authorization walk over every method is
// in supervision_review_test.cc, which has reviews to walk over too).

#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/protoconv/protoconv.h"
#include "common/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/privacy_scan.h"
#include "tests/integration/supervision_fixture.h"

namespace lawenforce::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kUnknownId[] = "00000000-0000-4000-8000-000000000000";

absl::Time Cst(int y, int m, int d, int hh = 0, int mm = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), ChinaTimeZone());
}

absl::Time Time(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

const sv1::Clock& ClockOf(const sv1::Complaint& c, sv1::ClockKind k) {
  for (const sv1::Clock& clock : c.clocks()) {
    if (clock.kind() == k) return clock;
  }
  static const sv1::Clock kNone;
  ADD_FAILURE() << "no clock " << k;
  return kNone;
}

class SupervisionTest : public SupervisionFixture {
 protected:
  sv1::Complaint Get(const std::string& id) {
    sv1::GetComplaintRequest req;
    req.set_id(id);
    sv1::Complaint out;
    grpc::Status s = stub_->GetComplaint(Ctx(AdminToken()).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    return out;
  }
  grpc::Status Act(const std::string& token, const std::string& method, const std::string& id,
                   sv1::Complaint* out, const std::string& text = "", int rating = 0) {
    auto ctx = Ctx(token);
    if (method == "ack") {
      sv1::ComplaintActRequest r;
      r.set_complaint_id(id);
      return stub_->AcknowledgeComplaint(ctx.get(), r, out);
    }
    if (method == "resolve") {
      sv1::RecordResolutionRequest r;
      r.set_complaint_id(id);
      r.set_resolution(text);
      return stub_->RecordResolution(ctx.get(), r, out);
    }
    if (method == "rate") {
      sv1::RecordFeedbackRequest r;
      r.set_complaint_id(id);
      r.set_satisfaction(rating);
      return stub_->RecordFeedback(ctx.get(), r, out);
    }
    if (method == "reopen") {
      sv1::ReopenComplaintRequest r;
      r.set_complaint_id(id);
      r.set_reason(text);
      return stub_->ReopenComplaint(ctx.get(), r, out);
    }
    ADD_FAILURE() << method;
    return grpc::Status::CANCELLED;
  }
  std::vector<std::string> ListIds(const std::string& token, sv1::ListComplaintsRequest req) {
    sv1::ListComplaintsResponse out;
    grpc::Status s = stub_->ListComplaints(Ctx(token).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    std::vector<std::string> ids;
    for (const sv1::Complaint& c : out.complaints()) ids.push_back(c.id());
    return ids;
  }
};

TEST_F(SupervisionTest, AHotlineComplaintEscalatesTwiceAndIsCountedAgainstEachTier) {
  // A street office of Xingqing district: township tier.
  const std::string agency = CreateAgency("640104001");
  // Received on Sunday 1 June 2025, 08:00 CST, inside the Dragon Boat
  // holiday (31 May - 2 June).
  sv1::Complaint c = Submit(Hotline(agency, "NX12345-20250601-0001"));
  EXPECT_EQ(c.state(), sv1::COMPLAINT_STATE_RECEIVED);
  EXPECT_EQ(c.agency_id(), agency);
  EXPECT_EQ(c.division_code(), "640104001");
  EXPECT_EQ(c.tier(), lawenforce::common::v1::TIER_TOWNSHIP);
  EXPECT_EQ(c.queue_division_code(), "640104001");
  EXPECT_EQ(c.complainant().name_masked(), "王**");
  EXPECT_EQ(c.complainant().phone_masked(), "139****2468");
  EXPECT_TRUE(c.complainant().name().empty());
  EXPECT_TRUE(c.complainant().phone().empty());
  // 1 working day: 2 June is a holiday, so the 3rd is the last day.
  EXPECT_EQ(Time(ClockOf(c, sv1::CLOCK_KIND_ACKNOWLEDGE).due_time()), Cst(2025, 6, 4));
  // 5 working days: 3, 4, 5, 6, 9 June.
  EXPECT_EQ(Time(ClockOf(c, sv1::CLOCK_KIND_RESOLVE).due_time()), Cst(2025, 6, 10));
  EXPECT_EQ(ClockOf(c, sv1::CLOCK_KIND_RESOLVE).limit_source(), "hotline_12345 default");

  // Nothing is due before the moment.
  clock_.SetTime(Cst(2025, 6, 3, 23, 59));
  EXPECT_EQ(RunDeadlines(), 0);
  // The street office lets it lapse: the county's queue.
  clock_.SetTime(Cst(2025, 6, 4));
  EXPECT_EQ(RunDeadlines(), 1);
  c = Get(c.id());
  EXPECT_EQ(c.queue_division_code(), "640104");
  EXPECT_EQ(c.queue_tier(), lawenforce::common::v1::TIER_COUNTY);
  ASSERT_EQ(c.escalations_size(), 1);
  EXPECT_EQ(c.escalations(0).from_tier(), lawenforce::common::v1::TIER_TOWNSHIP);
  // The county gets the full working day after the day it received it
  // (the start day is not counted, whoever receives it).
  EXPECT_EQ(Time(ClockOf(c, sv1::CLOCK_KIND_ACKNOWLEDGE).due_time()), Cst(2025, 6, 6));
  // The county lets it lapse too: the city's queue.
  clock_.SetTime(Cst(2025, 6, 6, 0, 1));
  EXPECT_EQ(RunDeadlines(), 1);
  c = Get(c.id());
  EXPECT_EQ(c.queue_division_code(), "640100");
  ASSERT_EQ(c.escalations_size(), 2);
  EXPECT_EQ(c.escalations(1).from_division_code(), "640104");
  EXPECT_EQ(c.escalations(1).from_tier(), lawenforce::common::v1::TIER_COUNTY);
  EXPECT_EQ(c.escalations(1).to_division_code(), "640100");
  EXPECT_TRUE(c.escalated());
  // It is in Yinchuan's queue and no longer in Xingqing's own; it is
  // overdue.
  // Tokens live an hour: each call mints one at the fake clock's now.
  const auto city = [&] { return Token({auth::Role::kSupervisor}, "640100"); };
  sv1::ListComplaintsRequest queue;
  queue.set_queue_division_code("640100");
  EXPECT_THAT(ListIds(city(), queue), ::testing::ElementsAre(c.id()));
  queue.set_queue_division_code("640104");
  EXPECT_TRUE(ListIds(city(), queue).empty());
  sv1::ListComplaintsRequest overdue;
  overdue.set_overdue(true);
  EXPECT_THAT(ListIds(city(), overdue), ::testing::ElementsAre(c.id()));

  // The street office acknowledges (late) and answers; the complainant is
  // dissatisfied and reopens once.
  const auto office = [&] { return Token({auth::Role::kAgencyAdmin}, "640104001", agency); };
  ASSERT_TRUE(Act(office(), "ack", c.id(), &c).ok());
  EXPECT_EQ(c.state(), sv1::COMPLAINT_STATE_IN_HANDLING);
  EXPECT_FALSE(ClockOf(c, sv1::CLOCK_KIND_ACKNOWLEDGE).on_time());
  EXPECT_EQ(ClockOf(c, sv1::CLOCK_KIND_ACKNOWLEDGE).state(), sv1::CLOCK_STATE_MET);
  overdue.set_overdue(false);
  EXPECT_THAT(ListIds(city(), overdue), ::testing::ElementsAre(c.id()));
  clock_.SetTime(Cst(2025, 6, 6, 10));
  ASSERT_TRUE(Act(office(), "resolve", c.id(), &c, "已清理占道摊点").ok());
  EXPECT_TRUE(ClockOf(c, sv1::CLOCK_KIND_RESOLVE).on_time());
  ASSERT_TRUE(Act(HotlineToken(), "rate", c.id(), &c, "", 2).ok());
  EXPECT_EQ(c.state(), sv1::COMPLAINT_STATE_CLOSED);
  ASSERT_TRUE(Act(HotlineToken(), "reopen", c.id(), &c, "摊点又回来了").ok());
  EXPECT_EQ(c.state(), sv1::COMPLAINT_STATE_IN_HANDLING);
  EXPECT_TRUE(c.reopened());
  // 5 working days after Friday 6 June: 9, 10, 11, 12, 13.
  EXPECT_EQ(Time(ClockOf(c, sv1::CLOCK_KIND_RESOLVE).due_time()), Cst(2025, 6, 14));
  clock_.SetTime(Cst(2025, 6, 9, 10));
  ASSERT_TRUE(Act(office(), "resolve", c.id(), &c, "已设置隔离设施").ok());
  ASSERT_TRUE(Act(HotlineToken(), "rate", c.id(), &c, "", 5).ok());
  grpc::Status again = Act(HotlineToken(), "reopen", c.id(), &c, "x");
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // The escalation steps explain the acknowledge clock.
  sv1::ExplainDeadlineRequest explain;
  explain.set_complaint_id(c.id());
  explain.set_clock(sv1::CLOCK_KIND_ACKNOWLEDGE);
  sv1::DeadlineExplanation e;
  ASSERT_TRUE(stub_->ExplainDeadline(Ctx(city()).get(), explain, &e).ok());
  ASSERT_GE(e.steps_size(), 4);
  EXPECT_EQ(e.steps(0).what(), "started at receipt");
  EXPECT_EQ(e.steps(1).what(), "ran out at 640104001: escalated to 640104");
  EXPECT_EQ(e.steps(2).what(), "ran out at 640104: escalated to 640100");

  // Figures for June 2025 in Yinchuan, asked in July (a closed period).
  clock_.SetTime(Cst(2025, 7, 2));
  sv1::GetSupervisionStatisticsRequest stats;
  stats.set_division_code("640100");
  *stats.mutable_start_date() = protoconv::ToDate(absl::CivilDay(2025, 6, 1));
  *stats.mutable_end_date() = protoconv::ToDate(absl::CivilDay(2025, 6, 30));
  sv1::SupervisionStatistics f;
  ASSERT_TRUE(stub_->GetSupervisionStatistics(Ctx(city()).get(), stats, &f).ok());
  EXPECT_TRUE(f.closed_period());
  EXPECT_EQ(f.complaints_received(), 1);
  EXPECT_EQ(f.resolved(), 1);
  EXPECT_EQ(f.rated(), 1);
  EXPECT_DOUBLE_EQ(f.average_satisfaction(), 5.0);
  EXPECT_EQ(f.reopened(), 1);
  std::map<std::string, int64_t> by_tier;
  for (const sv1::Count& n : f.escalations_by_tier()) by_tier[n.key()] = n.count();
  EXPECT_EQ(by_tier["TIER_TOWNSHIP"], 1);
  EXPECT_EQ(by_tier["TIER_COUNTY"], 1);
  EXPECT_EQ(by_tier.size(), 2u);
  // 1 June 08:00 -> 9 June 10:00 CST (the final answer): 8 days 2 hours.
  EXPECT_DOUBLE_EQ(f.median_handling_days(), 8.0 + 2.0 / 24.0);
}

TEST_F(SupervisionTest, TheSameTicketFromTwoClientsAtOnceIsOneComplaint) {
  const std::string agency = CreateAgency("640104");
  const sv1::SubmitComplaintRequest req = Hotline(agency, "NX12345-20250601-0777");
  constexpr int kCallers = 8;
  std::vector<std::string> ids(kCallers);
  std::vector<grpc::Status> statuses(kCallers);
  std::vector<std::string> tokens = {HotlineToken("hotline-node-a"),
                                     HotlineToken("hotline-node-b")};
  {
    std::vector<std::thread> threads;
    for (int i = 0; i < kCallers; ++i) {
      threads.emplace_back([&, i] {
        auto stub = sv1::SupervisionService::NewStub(channel_);
        sv1::Complaint out;
        statuses[i] = stub->SubmitComplaint(Ctx(tokens[i % 2]).get(), req, &out);
        ids[i] = out.id();
      });
    }
    for (std::thread& t : threads) t.join();
  }
  for (int i = 0; i < kCallers; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << statuses[i].error_code() << " " << statuses[i].error_message();
    EXPECT_EQ(ids[i], ids[0]);
  }
  sv1::ListComplaintsRequest all;
  all.set_division_code("640000");
  EXPECT_EQ(ListIds(AdminToken(), all).size(), 1u);
  // A retry a day later is still the same complaint.
  clock_.Advance(absl::Hours(24));
  EXPECT_EQ(Submit(req).id(), ids[0]);
  // The same ticket with other content is refused, naming the field.
  sv1::SubmitComplaintRequest other = req;
  other.mutable_complaint()->set_content("另一件事");
  sv1::Complaint out;
  grpc::Status s = stub_->SubmitComplaint(Ctx(HotlineToken()).get(), other, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(s.error_message(), HasSubstr("complaint.ticket_id"));
  // The same ticket number on another channel is another complaint.
  other = req;
  other.mutable_complaint()->set_channel(sv1::CHANNEL_WEB);
  EXPECT_NE(Submit(other).id(), ids[0]);
}

TEST_F(SupervisionTest, ComplaintsAreRoutedByOfficerAndNotOursReroutesThem) {
  const std::string street = CreateAgency("640104001");
  const std::string market = CreateAgency("640104");
  const std::string officer = CreateOfficer(market);
  sv1::SubmitComplaintRequest req = Hotline("", "NX12345-20250601-0100");
  req.mutable_complaint()->set_officer_id(officer);
  sv1::Complaint c = Submit(req);
  EXPECT_EQ(c.agency_id(), market);
  EXPECT_EQ(c.division_code(), "640104");
  // An officer of another agency than the one named.
  req = Hotline(street, "NX12345-20250601-0101");
  req.mutable_complaint()->set_officer_id(officer);
  sv1::Complaint out;
  grpc::Status s = stub_->SubmitComplaint(Ctx(HotlineToken()).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("complaint.officer_id"));
  // A case case-service does not know.
  req = Hotline("", "NX12345-20250601-0102");
  req.mutable_complaint()->set_case_id(kUnknownId);
  s = stub_->SubmitComplaint(Ctx(HotlineToken()).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("case not found"));

  // "Not ours": the agency names the street office, which gets new clocks.
  clock_.Advance(absl::Hours(20));
  sv1::DeclineComplaintRequest decline;
  decline.set_complaint_id(c.id());
  decline.set_reason("占道经营属街道综合执法职责");
  const std::string market_admin = Token({auth::Role::kAgencyAdmin}, "640104", market);
  s = stub_->DeclineComplaint(Ctx(market_admin).get(), decline, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("responsible_agency_id"));
  decline.set_responsible_agency_id(market);
  s = stub_->DeclineComplaint(Ctx(market_admin).get(), decline, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  decline.set_responsible_agency_id(street);
  ASSERT_TRUE(stub_->DeclineComplaint(Ctx(market_admin).get(), decline, &out).ok());
  EXPECT_EQ(out.state(), sv1::COMPLAINT_STATE_RECEIVED);
  EXPECT_EQ(out.agency_id(), street);
  EXPECT_EQ(out.division_code(), "640104001");
  ASSERT_EQ(out.routings_size(), 1);
  EXPECT_EQ(out.routings(0).from_agency_id(), market);
  EXPECT_EQ(Time(ClockOf(out, sv1::CLOCK_KIND_ACKNOWLEDGE).start_time()), clock_.Now());
  // The market agency no longer acts on it.
  sv1::ComplaintActRequest ack;
  ack.set_complaint_id(c.id());
  s = stub_->AcknowledgeComplaint(Ctx(market_admin).get(), ack, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(SupervisionTest, AChangedLimitReschedulesRunningClocksAndTheyFireOnTheNewDay) {
  const std::string agency = CreateAgency("640104");
  const sv1::Complaint a = Submit(Hotline(agency, "T-1"));
  const sv1::Complaint b = Submit(Hotline(agency, "T-2"));
  sv1::SubmitComplaintRequest web = Hotline(agency, "");
  web.mutable_complaint()->set_channel(sv1::CHANNEL_WEB);
  const sv1::Complaint w = Submit(web);
  EXPECT_EQ(Time(ClockOf(a, sv1::CLOCK_KIND_RESOLVE).due_time()), Cst(2025, 6, 10));

  sv1::SetComplaintLimitRequest set;
  set.set_channel(sv1::CHANNEL_HOTLINE_12345);
  set.set_clock(sv1::CLOCK_KIND_RESOLVE);
  set.mutable_period()->set_count(2);
  set.mutable_period()->set_unit(sv1::PERIOD_UNIT_WORKING_DAYS);
  set.set_reason("12345 热线办理提速");
  sv1::ComplaintLimit limit;
  grpc::Status s =
      stub_->SetComplaintLimit(Ctx(Token({auth::Role::kSupervisor}, "640100")).get(), set, &limit);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(stub_->SetComplaintLimit(Ctx(AdminToken()).get(), set, &limit).ok());
  EXPECT_EQ(limit.version(), 1);
  EXPECT_EQ(limit.rescheduled(), 2);
  // 2 working days from 1 June: 3 and 4 June.
  for (const std::string& id : {a.id(), b.id()}) {
    const sv1::Complaint now = Get(id);
    const sv1::Clock& clock = ClockOf(now, sv1::CLOCK_KIND_RESOLVE);
    EXPECT_EQ(Time(clock.due_time()), Cst(2025, 6, 5));
    EXPECT_EQ(clock.limit_source(), "hotline_12345 v1");
    EXPECT_EQ(now.history(now.history_size() - 1).type(), "limit_changed");
  }
  EXPECT_EQ(Time(ClockOf(Get(w.id()), sv1::CLOCK_KIND_RESOLVE).due_time()),
            Time(ClockOf(w, sv1::CLOCK_KIND_RESOLVE).due_time()));
  sv1::ListComplaintLimitsResponse limits;
  ASSERT_TRUE(stub_->ListComplaintLimits(Ctx(AdminToken()).get(), {}, &limits).ok());
  EXPECT_EQ(limits.limits(limits.limits_size() - 1).version(), 1);
  // Both acknowledge clocks run out on 4 June, both resolve clocks on the 5th.
  clock_.SetTime(Cst(2025, 6, 4, 0, 1));
  EXPECT_EQ(RunDeadlines(), 3);  // two hotline and one web acknowledge clocks
  clock_.SetTime(Cst(2025, 6, 5, 0, 1));
  EXPECT_GE(RunDeadlines(), 2);
  const sv1::Complaint after = Get(a.id());
  EXPECT_EQ(ClockOf(after, sv1::CLOCK_KIND_RESOLVE).division_code(), "640100");
  bool resolve_escalated = false;
  for (const sv1::Escalation& e : after.escalations()) {
    resolve_escalated |= e.clock() == sv1::CLOCK_KIND_RESOLVE;
  }
  EXPECT_TRUE(resolve_escalated);
}

TEST_F(SupervisionTest, CallersSeeOnlyTheirJurisdictionAndTheirAgency) {
  const std::string mine = CreateAgency("640104");
  const std::string theirs = CreateAgency("640104");
  const sv1::Complaint c = Submit(Hotline(mine, "J-1"));
  const sv1::Complaint d = Submit(Hotline(theirs, "J-2"));
  sv1::GetComplaintRequest get;
  get.set_id(c.id());
  sv1::Complaint out;
  const std::string other_county = Token({auth::Role::kSupervisor}, "640105");
  grpc::Status existing = stub_->GetComplaint(Ctx(other_county).get(), get, &out);
  get.set_id(kUnknownId);
  grpc::Status missing = stub_->GetComplaint(Ctx(other_county).get(), get, &out);
  EXPECT_EQ(existing.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(existing.error_message(), missing.error_message());
  // An agency's admin sees its own agency's complaints only.
  const std::string admin = Token({auth::Role::kAgencyAdmin}, "640104", mine);
  get.set_id(d.id());
  EXPECT_EQ(stub_->GetComplaint(Ctx(admin).get(), get, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(ListIds(admin, {}), ::testing::ElementsAre(c.id()));
  sv1::ListComplaintsRequest theirs_list;
  theirs_list.set_agency_id(theirs);
  sv1::ListComplaintsResponse page;
  EXPECT_EQ(stub_->ListComplaints(Ctx(admin).get(), theirs_list, &page).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // An officer may not submit; a county supervisor may not list the city.
  EXPECT_EQ(stub_
                ->SubmitComplaint(Ctx(Token({auth::Role::kOfficer}, "640104", mine)).get(),
                                  Hotline(mine, "J-3"), &out)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  sv1::ListComplaintsRequest city;
  city.set_division_code("640100");
  EXPECT_EQ(
      stub_->ListComplaints(Ctx(Token({auth::Role::kSupervisor}, "640104")).get(), city, &page)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(SupervisionTest, BadInputNamesTheField) {
  const std::string agency = CreateAgency("640104");
  const auto submit_error = [&](sv1::SubmitComplaintRequest r) {
    sv1::Complaint out;
    grpc::Status s = stub_->SubmitComplaint(Ctx(HotlineToken()).get(), r, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
    return s.error_message();
  };
  sv1::SubmitComplaintRequest r = Hotline(agency, "");
  EXPECT_THAT(submit_error(r), HasSubstr("complaint.ticket_id"));
  r = Hotline(agency, "B-1");
  r.mutable_complaint()->set_channel(static_cast<sv1::Channel>(42));
  EXPECT_THAT(submit_error(r), HasSubstr("complaint.channel"));
  r = Hotline(agency, "B-1");
  r.mutable_complaint()->mutable_complainant()->set_phone("call me");
  EXPECT_THAT(submit_error(r), HasSubstr("complaint.complainant.phone"));
  r = Hotline(agency, "B-1");
  r.mutable_complaint()->mutable_complainant()->set_name_masked("x");
  EXPECT_THAT(submit_error(r), HasSubstr("complaint.complainant.name_masked"));
  r = Hotline("nope", "B-1");
  EXPECT_THAT(submit_error(r), HasSubstr("complaint.agency_id"));
  r = Hotline(agency, "B-1");
  r.set_request_id("bad id!");
  EXPECT_THAT(submit_error(r), HasSubstr("request_id"));
  const sv1::Complaint c = Submit(Hotline(agency, "B-2"));
  sv1::RecordFeedbackRequest rate;
  rate.set_complaint_id(c.id());
  rate.set_satisfaction(9);
  sv1::Complaint out;
  grpc::Status s = stub_->RecordFeedback(Ctx(HotlineToken()).get(), rate, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("satisfaction"));
  rate.set_satisfaction(3);
  s = stub_->RecordFeedback(Ctx(HotlineToken()).get(), rate, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  sv1::ComplaintActRequest ack;
  ack.set_complaint_id(c.id());
  ack.set_etag("\"7\"");
  s = stub_->AcknowledgeComplaint(Ctx(AdminToken()).get(), ack, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
  ack.set_complaint_id("x");
  s = stub_->AcknowledgeComplaint(Ctx(AdminToken()).get(), ack, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("complaint_id"));
  sv1::GetSupervisionStatisticsRequest stats;
  sv1::SupervisionStatistics f;
  s = stub_->GetSupervisionStatistics(Ctx(AdminToken()).get(), stats, &f);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("start_date"));
  sv1::SetComplaintLimitRequest set;
  set.set_channel(sv1::CHANNEL_WEB);
  set.set_clock(sv1::CLOCK_KIND_RESOLVE);
  set.mutable_period()->set_count(0);
  set.mutable_period()->set_unit(sv1::PERIOD_UNIT_WORKING_DAYS);
  set.set_reason("x");
  sv1::ComplaintLimit limit;
  s = stub_->SetComplaintLimit(Ctx(AdminToken()).get(), set, &limit);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("period"));
}

TEST_F(SupervisionTest, TheComplainantsContactsAreNotInTheStore) {
  const std::string agency = CreateAgency("640104");
  sv1::SubmitComplaintRequest req = Hotline(agency, "P-1");
  req.mutable_complaint()->mutable_complainant()->set_name("隐私测试姓名");
  req.mutable_complaint()->mutable_complainant()->set_phone("13712345678");
  req.set_request_id("privacy-1");
  Submit(req);
  for (const std::string& v : EveryStoredValue(*service_->runtime().env().db)) {
    EXPECT_THAT(v, ::testing::Not(HasSubstr("13712345678")));
    EXPECT_THAT(v, ::testing::Not(HasSubstr("隐私测试姓名")));
    EXPECT_THAT(v, ::testing::Not(HasSubstr(Sha256Hex("13712345678"))));
  }
  const std::string raw = RawStoreBytes(dir_.File("supervision.db"));
  EXPECT_EQ(raw.find("13712345678"), std::string::npos);
  EXPECT_EQ(raw.find("隐私测试姓名"), std::string::npos);
  // Positive control: the content is stored in clear and the scan sees it.
  EXPECT_NE(raw.find("小区门口长期占道经营"), std::string::npos);
  EXPECT_EQ(EveryRedisValue(*redis_).find("13712345678"), std::string::npos);
}

TEST_F(SupervisionTest, NoticesAreReadInThePublishersSubtreeAndPlansAreDueByThirtyFirstMarch) {
  const std::string agency = CreateAgency("640104");
  const std::string elsewhere = CreateAgency("640105");
  const auto city = [&] { return Token({auth::Role::kSupervisor}, "640100"); };
  const auto county = [&] { return Token({auth::Role::kSupervisor}, "640104"); };
  sv1::PublishNoticeRequest circular;
  circular.set_kind(sv1::NOTICE_KIND_CIRCULAR);
  circular.set_division_code("640100");
  circular.set_title("关于2025年第一季度投诉办理情况的通报");
  circular.set_body("兴庆区逾期办理投诉3件……");
  sv1::Notice c;
  ASSERT_TRUE(stub_->PublishNotice(Ctx(city()).get(), circular, &c).ok());
  EXPECT_EQ(c.tier(), lawenforce::common::v1::TIER_CITY);
  // One problem list per department and year, republished as versions.
  sv1::PublishNoticeRequest list;
  list.set_kind(sv1::NOTICE_KIND_PROBLEM_LIST);
  list.set_division_code("640104");
  list.set_agency_id(agency);
  list.set_year(2025);
  list.set_title("兴庆区市场监管局2025年突出问题清单");
  list.add_items()->set_text("以罚代管、一罚了之");
  sv1::Notice first;
  ASSERT_TRUE(stub_->PublishNotice(Ctx(county()).get(), list, &first).ok());
  EXPECT_EQ(first.number(), 1);
  list.add_items()->set_text("执法文书不规范");
  sv1::Notice second;
  ASSERT_TRUE(stub_->PublishNotice(Ctx(county()).get(), list, &second).ok());
  EXPECT_EQ(second.number(), 2);
  list.set_agency_id(elsewhere);
  sv1::Notice out;
  grpc::Status s = stub_->PublishNotice(Ctx(county()).get(), list, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("agency_id"));
  list.set_agency_id(agency);
  list.mutable_items(0)->set_rectification_id(kUnknownId);
  s = stub_->PublishNotice(Ctx(county()).get(), list, &out);
  EXPECT_THAT(s.error_message(), HasSubstr("items[0].rectification_id"));
  list.mutable_items(0)->clear_rectification_id();
  list.mutable_items(0)->set_complaint_id(kUnknownId);
  s = stub_->PublishNotice(Ctx(county()).get(), list, &out);
  EXPECT_THAT(s.error_message(), HasSubstr("items[0].complaint_id"));
  EXPECT_EQ(stub_
                ->PublishNotice(Ctx(Token({auth::Role::kAgencyAdmin}, "640104", agency)).get(),
                                circular, &out)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // Readers: below the publisher and above it; not a sibling.
  const auto ids = [&](const std::string& token) {
    sv1::ListNoticesResponse page;
    grpc::Status st = stub_->ListNotices(Ctx(token).get(), {}, &page);
    EXPECT_TRUE(st.ok()) << st.error_message();
    std::set<std::string> got;
    for (const sv1::Notice& n : page.notices()) got.insert(n.id());
    return got;
  };
  EXPECT_EQ(ids(Token({auth::Role::kOfficer}, "640104001", agency)),
            (std::set<std::string>{c.id(), first.id(), second.id()}));
  EXPECT_EQ(ids(Token({auth::Role::kSupervisor}, "640105")), (std::set<std::string>{c.id()}));
  EXPECT_EQ(ids(AdminToken()).size(), 3u);
  EXPECT_TRUE(ids(Token({auth::Role::kSupervisor}, "640200")).empty());
  sv1::GetNoticeRequest get;
  get.set_id(first.id());
  const std::string sibling = Token({auth::Role::kSupervisor}, "640105");
  grpc::Status existing = stub_->GetNotice(Ctx(sibling).get(), get, &out);
  get.set_id(kUnknownId);
  grpc::Status missing = stub_->GetNotice(Ctx(sibling).get(), get, &out);
  EXPECT_EQ(existing.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(existing.error_message(), missing.error_message());

  // Plans: it is 1 June 2025, so every 2025 plan not recorded is overdue.
  sv1::RecordSupervisionPlanRequest plan;
  plan.set_division_code("640104");
  plan.set_year(2025);
  plan.set_content("2025年度行政执法监督工作计划");
  sv1::SupervisionPlan recorded;
  ASSERT_TRUE(stub_->RecordSupervisionPlan(Ctx(county()).get(), plan, &recorded).ok());
  EXPECT_FALSE(recorded.on_time());
  s = stub_->RecordSupervisionPlan(Ctx(county()).get(), plan, &recorded);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(s.error_message(), HasSubstr("etag"));
  plan.set_etag(recorded.etag());
  plan.set_content("2025年度行政执法监督工作计划（修订）");
  ASSERT_TRUE(stub_->RecordSupervisionPlan(Ctx(county()).get(), plan, &recorded).ok());
  EXPECT_EQ(recorded.etag(), "\"2\"");
  sv1::GetSupervisionPlanRequest get_plan;
  get_plan.set_division_code("640104");
  get_plan.set_year(2025);
  sv1::SupervisionPlan read;
  ASSERT_TRUE(stub_
                  ->GetSupervisionPlan(Ctx(Token({auth::Role::kOfficer}, "640104001")).get(),
                                       get_plan, &read)
                  .ok());
  EXPECT_EQ(read.content(), "2025年度行政执法监督工作计划（修订）");
  EXPECT_EQ(read.etag(), recorded.etag());
  EXPECT_EQ(stub_
                ->GetSupervisionPlan(Ctx(Token({auth::Role::kSupervisor}, "640105")).get(),
                                     get_plan, &read)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  get_plan.set_year(2026);
  s = stub_->GetSupervisionPlan(Ctx(AdminToken()).get(), get_plan, &read);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  get_plan.set_year(1999);
  s = stub_->GetSupervisionPlan(Ctx(AdminToken()).get(), get_plan, &read);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("year"));
  plan.set_division_code("640104001");
  plan.clear_etag();
  s = stub_->RecordSupervisionPlan(Ctx(county()).get(), plan, &recorded);
  EXPECT_THAT(s.error_message(), HasSubstr("townships"));
  sv1::RecordSupervisionPlanRequest next = plan;
  next.set_division_code("640100");
  next.set_year(2026);
  ASSERT_TRUE(stub_->RecordSupervisionPlan(Ctx(city()).get(), next, &recorded).ok());
  EXPECT_TRUE(recorded.on_time());
  sv1::GetSupervisionPlanStatusRequest status;
  status.set_division_code("640100");
  status.set_year(2025);
  sv1::SupervisionPlanStatus st;
  ASSERT_TRUE(stub_->GetSupervisionPlanStatus(Ctx(city()).get(), status, &st).ok());
  std::map<std::string, sv1::PlanState> states;
  for (const sv1::PlanStatusEntry& e : st.entries()) states[e.division_code()] = e.state();
  EXPECT_EQ(states["640104"], sv1::PLAN_STATE_LATE);
  EXPECT_EQ(states["640100"], sv1::PLAN_STATE_OVERDUE);
  EXPECT_EQ(states["640105"], sv1::PLAN_STATE_OVERDUE);
  EXPECT_EQ(states.count("640104001"), 0u);
  EXPECT_EQ(st.overdue(), static_cast<int>(states.size()) - 1);
  status.set_year(2026);
  ASSERT_TRUE(stub_->GetSupervisionPlanStatus(Ctx(city()).get(), status, &st).ok());
  states.clear();
  for (const sv1::PlanStatusEntry& e : st.entries()) states[e.division_code()] = e.state();
  EXPECT_EQ(states["640100"], sv1::PLAN_STATE_ON_TIME);
  EXPECT_EQ(states["640104"], sv1::PLAN_STATE_MISSING);
  EXPECT_EQ(st.overdue(), 0);
}

}  // namespace
}  // namespace lawenforce::testing
