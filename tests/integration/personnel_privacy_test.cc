// What someone holding personnel-service's database file or its logs, but
// not the PII key, learns about identity-card numbers: nothing beyond the
// masked form. Every table and column of the store (and the raw bytes of
// the SQLite file and its WAL, or of the PostgreSQL cluster's data
// directory) is searched for the numbers, and every stored
// value is compared with what an attacker could recompute for a candidate
// number (the unkeyed request hash of the create, plain digests). The Redis
// channel is personnel_redis_test.cc's RedisHoldsNoIdentityNumber.

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/log/capture.h"
#include "common/protoconv/protoconv.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/personnel_fixture.h"
#include "tests/integration/privacy_scan.h"

namespace lawenforce::testing {
namespace {

// The demo data's kind of numbers (scripts/lib/demo_data.py): Yinchuan
// residents born in the 1970s and 1980s.
const std::vector<std::string>& DemoNumbers() {
  static const auto* const kNumbers = new std::vector<std::string>{
      "11010519491231002X", PersonnelFixture::IdNumber(7), PersonnelFixture::IdNumber(8)};
  return *kNumbers;
}

class PersonnelPrivacyTest : public PersonnelFixture {
 protected:
  // Creates an officer as lawenforcectl does (with a request_id) and
  // returns the exact request sent.
  pv1::CreateOfficerRequest CreateWithKey(const std::string& agency_id,
                                          const std::string& id_number, int n) {
    pv1::CreateOfficerRequest req;
    req.set_request_id(absl::StrCat("c2a5d7f0-1d3b-4d0e-8b9a-0e4b2a7c5d6", n));
    req.mutable_officer()->set_agency_id(agency_id);
    req.mutable_officer()->set_name("马丽");
    req.mutable_officer()->set_id_number(id_number);
    req.mutable_officer()->add_roles(pv1::OFFICER_ROLE_OFFICER);
    pv1::Officer out;
    grpc::Status s = stub_->CreateOfficer(Ctx(AdminToken()).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return req;
  }
};

TEST_F(PersonnelPrivacyTest, TheDatabaseFileNeitherHoldsNorConfirmsAnIdentityNumber) {
  pv1::Agency agency = CreateAgency("640104");
  std::vector<pv1::CreateOfficerRequest> sent;
  for (size_t i = 0; i < DemoNumbers().size(); ++i) {
    sent.push_back(CreateWithKey(agency.id(), DemoNumbers()[i], static_cast<int>(i)));
  }
  // What an attacker can compute for a candidate number without the key.
  std::vector<std::string> recomputable;
  for (size_t i = 0; i < sent.size(); ++i) {
    recomputable.push_back(protoconv::CanonicalRequestHash(sent[i]));
    recomputable.push_back(Sha256Hex(DemoNumbers()[i]));
  }
  const std::vector<std::string> values = EveryStoredValue(*service_->runtime().env().db);
  ASSERT_FALSE(values.empty());
  for (const std::string& value : values) {
    for (const std::string& number : DemoNumbers()) {
      EXPECT_FALSE(absl::StrContains(value, number)) << "a column holds " << number;
      EXPECT_FALSE(absl::StrContains(value, number.substr(6, 8))) << "a column holds a birth date";
    }
    for (const std::string& digest : recomputable) {
      EXPECT_FALSE(absl::StrContains(value, digest))
          << "a stored value confirms a candidate number: " << value;
    }
  }
  const std::string raw = RawStoreBytes(dir_.File("personnel.db"));
  ASSERT_FALSE(raw.empty());
  // The check itself can see a value: the agency's name is stored in clear.
  EXPECT_TRUE(absl::StrContains(raw, agency.name()));
  for (const std::string& number : DemoNumbers()) {
    EXPECT_FALSE(absl::StrContains(raw, number));
  }
  for (const std::string& digest : recomputable) {
    EXPECT_FALSE(absl::StrContains(raw, digest));
  }
}

TEST_F(PersonnelPrivacyTest, TheLogsOfAFullRunHoldNoIdentityNumber) {
  log::ScopedCapture capture;
  pv1::Agency agency = CreateAgency("640104");
  for (size_t i = 0; i < DemoNumbers().size(); ++i) {
    CreateWithKey(agency.id(), DemoNumbers()[i], static_cast<int>(i));
  }
  // A duplicate, a bad check digit, a retry, reads and lists.
  pv1::CreateOfficerRequest dup;
  dup.mutable_officer()->set_agency_id(agency.id());
  dup.mutable_officer()->set_name("马丽");
  dup.mutable_officer()->set_id_number(DemoNumbers()[0]);
  dup.mutable_officer()->add_roles(pv1::OFFICER_ROLE_OFFICER);
  pv1::Officer out;
  EXPECT_EQ(stub_->CreateOfficer(Ctx(AdminToken()).get(), dup, &out).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  std::string bad = DemoNumbers()[1];
  bad.back() = bad.back() == '1' ? '2' : '1';
  dup.mutable_officer()->set_id_number(bad);
  grpc::Status invalid = stub_->CreateOfficer(Ctx(AdminToken()).get(), dup, &out);
  EXPECT_EQ(invalid.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_FALSE(absl::StrContains(invalid.error_message(), bad));
  CreateWithKey(agency.id(), DemoNumbers()[2], 2);  // replay
  pv1::ListOfficersRequest list;
  list.set_division_code("640104");
  pv1::ListOfficersResponse officers;
  ASSERT_TRUE(stub_->ListOfficers(Ctx(AdminToken()).get(), list, &officers).ok());
  const std::vector<std::string> lines = capture.lines();
  ASSERT_FALSE(lines.empty());
  for (const std::string& line : lines) {
    for (const std::string& number : {DemoNumbers()[0], DemoNumbers()[1], DemoNumbers()[2], bad}) {
      EXPECT_FALSE(absl::StrContains(line, number)) << line;
      EXPECT_FALSE(absl::StrContains(line, number.substr(6, 8))) << line;
    }
  }
}

}  // namespace
}  // namespace lawenforce::testing
