// What someone holding case-service's database (or its files), its Redis or
// its logs, but not the PII key, learns about parties' identity-card
// numbers: nothing beyond the masked form. Every stored value (cases,
// parties, the full-process record, the outbox, idempotency records, audit
// rows), the raw files of the store, every Redis value and every log line
// of a run are searched for the numbers, their birth dates, and what an
// attacker could recompute for a candidate number (the unkeyed hash of the
// FileCase request, a plain digest). Both stores.

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/log/capture.h"
#include "common/protoconv/protoconv.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/case_fixture.h"
#include "tests/integration/privacy_scan.h"

namespace lawenforce::testing {
namespace {

// Valid numbers of Yinchuan residents (GB 11643 check digits).
const std::vector<std::string>& PartyNumbers() {
  static const auto* const kNumbers = new std::vector<std::string>{
      "640104198503121231", "11010519491231002X", "640104197208150027"};
  return *kNumbers;
}

class CasePrivacyTest : public CaseFixture {
 protected:
  void SetUp() override {
    CaseFixture::SetUp();
    if (HasFatalFailure()) return;
    s_ = StandardScene();
  }

  // A FileCase request with one individual party holding `id_number`, sent
  // with a request_id as an integrating system would.
  cv1::FileCaseRequest Request(const std::string& id_number, int n) {
    cv1::FileCaseRequest req;
    req.set_request_id(absl::StrCat("6f1c2b8e-2d7a-4c1e-9b3f-5a8d7c6e4b2", n));
    cv1::Case* c = req.mutable_case_();
    c->set_agency_id(s_.agency);
    c->set_item_id(s_.item);
    cv1::Party* p = c->add_parties();
    p->set_kind(cv1::PARTY_KIND_INDIVIDUAL);
    p->set_name("王芳");
    p->set_id_number(id_number);
    c->set_facts("在兴庆区某超市销售超过保质期的食品");
    *c->mutable_violation_time() = protoconv::ToTimestamp(clock_.Now() - absl::Hours(72));
    c->add_officer_ids(s_.o1);
    c->add_officer_ids(s_.o2);
    return req;
  }

  grpc::Status Send(const cv1::FileCaseRequest& req, cv1::Case* out) {
    return stub_->FileCase(Ctx(Token({auth::Role::kOfficer}, "640104")).get(), req, out);
  }

  // Files one case per number, replays one, sends one with a bad check
  // digit, and reads them back: the requests sent.
  std::vector<cv1::FileCaseRequest> FullRun() {
    std::vector<cv1::FileCaseRequest> sent;
    for (size_t i = 0; i < PartyNumbers().size(); ++i) {
      sent.push_back(Request(PartyNumbers()[i], static_cast<int>(i)));
      cv1::Case out;
      grpc::Status s = Send(sent.back(), &out);
      EXPECT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
      ids_.push_back(out.id());
      EXPECT_EQ(out.parties(0).id_number(), "");
      EXPECT_EQ(
          out.parties(0).id_number_masked(),
          absl::StrCat(PartyNumbers()[i].substr(0, 6), "********", PartyNumbers()[i].substr(14)));
    }
    cv1::Case replayed;
    EXPECT_TRUE(Send(sent[0], &replayed).ok());
    EXPECT_EQ(replayed.id(), ids_[0]);
    std::string bad = PartyNumbers()[1];
    bad.back() = bad.back() == '1' ? '2' : '1';
    cv1::Case out;
    grpc::Status invalid = Send(Request(bad, 9), &out);
    EXPECT_EQ(invalid.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_FALSE(absl::StrContains(invalid.error_message(), bad)) << invalid.error_message();
    for (const std::string& id : ids_) {
      cv1::GetCaseRequest get;
      get.set_id(id);
      cv1::Case read;
      EXPECT_TRUE(stub_->GetCase(Ctx(AdminToken()).get(), get, &read).ok());
    }
    cv1::ListCasesRequest list;
    list.set_division_code("640104");
    cv1::ListCasesResponse listed;
    EXPECT_TRUE(stub_->ListCases(Ctx(AdminToken()).get(), list, &listed).ok());
    return sent;
  }

  // Fails when `haystack` holds a number, its birth date, or a value an
  // attacker can recompute for a candidate number.
  static void ExpectNothingRecoverable(absl::string_view haystack,
                                       const std::vector<cv1::FileCaseRequest>& sent,
                                       absl::string_view where) {
    for (const std::string& number : PartyNumbers()) {
      EXPECT_FALSE(absl::StrContains(haystack, number)) << where << " holds " << number;
      EXPECT_FALSE(absl::StrContains(haystack, number.substr(6, 8)))
          << where << " holds a birth date";
      EXPECT_FALSE(absl::StrContains(haystack, Sha256Hex(number)))
          << where << " holds a plain digest of a number";
    }
    for (const cv1::FileCaseRequest& req : sent) {
      EXPECT_FALSE(absl::StrContains(haystack, protoconv::CanonicalRequestHash(req)))
          << where << " holds the unkeyed hash of a FileCase request";
    }
  }

  Scene s_;
  std::vector<std::string> ids_;
};

TEST_F(CasePrivacyTest, TheStoreItsFilesAndRedisNeitherHoldNorConfirmAPartysNumber) {
  const std::vector<cv1::FileCaseRequest> sent = FullRun();
  ASSERT_EQ(ids_.size(), PartyNumbers().size());
  const std::vector<std::string> values = EveryStoredValue(*service_->runtime().env().db);
  ASSERT_FALSE(values.empty());
  std::string all;
  for (const std::string& v : values) absl::StrAppend(&all, v, "\n");
  // The scan sees what is stored in clear: the facts and the masked number.
  EXPECT_THAT(all, ::testing::HasSubstr("在兴庆区某超市销售超过保质期的食品"));
  EXPECT_THAT(all, ::testing::HasSubstr("640104********1231"));
  ExpectNothingRecoverable(all, sent, "a stored value");

  const std::string raw = RawStoreBytes(dir_.File("case.db"));
  ASSERT_FALSE(raw.empty());
  EXPECT_TRUE(absl::StrContains(raw, "640104********1231")) << "the raw scan sees stored text";
  ExpectNothingRecoverable(raw, sent, "the store's files");

  ExpectNothingRecoverable(EveryRedisValue(*redis_), sent, "Redis");
}

TEST_F(CasePrivacyTest, TheLogsOfAFullRunHoldNoPartysNumber) {
  log::ScopedCapture capture;
  const std::vector<cv1::FileCaseRequest> sent = FullRun();
  const std::vector<std::string> lines = capture.lines();
  ASSERT_FALSE(lines.empty());
  std::string all;
  for (const std::string& line : lines) absl::StrAppend(&all, line, "\n");
  EXPECT_THAT(all, ::testing::HasSubstr("FileCase")) << "the capture sees the run";
  ExpectNothingRecoverable(all, sent, "a log line");
}

}  // namespace
}  // namespace lawenforce::testing
