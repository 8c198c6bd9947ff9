#include "common/app/use_case.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "common/divisions/divisions.h"
#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::app {
namespace {

using ::lawenforce::testing::ExpectInvalidField;
using ::lawenforce::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Optional;

struct Thing {
  std::string id;
  std::string division_code;
};

std::string IdOf(int n) { return absl::StrFormat("00000000-0000-4000-8000-%012d", n); }

class UseCaseTest : public ::testing::Test {
 protected:
  UseCaseTest()
      : divisions_(*Divisions::LoadFromFile(testing::DivisionsPath())), authz_(divisions_) {
    for (int i = 1; i <= 5; ++i) things_[IdOf(i)] = Thing{IdOf(i), "640104"};
  }

  absl::StatusOr<std::vector<Thing>> Fetch(const store::PageRequest& r) {
    std::vector<Thing> out;
    for (auto it = things_.upper_bound(r.after_id);
         it != things_.end() && static_cast<int>(out.size()) < r.limit; ++it) {
      out.push_back(it->second);
    }
    return out;
  }

  absl::StatusOr<Thing> Load(const std::string& id) {
    auto it = things_.find(id);
    if (it == things_.end()) return absl::NotFoundError("thing not found");
    return it->second;
  }

  static auth::Principal Caller(const std::string& division) {
    auth::Principal p;
    p.subject = "t";
    p.roles = {auth::Role::kAuditor};
    p.division_code = division;
    return p;
  }

  Divisions divisions_;
  auth::Authorizer authz_;
  std::map<std::string, Thing> things_;
};

TEST_F(UseCaseTest, PagesCoverEveryRowOnceAndEndWithoutAToken) {
  std::vector<std::string> seen;
  PageQuery q{2, ""};
  for (int i = 0; i < 10; ++i) {
    ASSERT_OK_AND_ASSIGN(Page<Thing> page, ListPage<Thing>(q, "things|640104", [&](const auto& r) {
                           return Fetch(r);
                         }));
    for (const Thing& t : page.items) seen.push_back(t.id);
    if (page.next_page_token.empty()) break;
    q.page_token = page.next_page_token;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{IdOf(1), IdOf(2), IdOf(3), IdOf(4), IdOf(5)}));
}

TEST_F(UseCaseTest, ATokenOfAnotherFilterOrANegativeSizeIsInvalid) {
  ASSERT_OK_AND_ASSIGN(Page<Thing> first, ListPage<Thing>(PageQuery{2, ""}, "things|640104",
                                                          [&](const auto& r) { return Fetch(r); }));
  ExpectInvalidField(ListPage<Thing>(PageQuery{2, first.next_page_token}, "things|640000",
                                     [&](const auto& r) { return Fetch(r); })
                         .status(),
                     "page_token");
  ExpectInvalidField(
      ListPage<Thing>(PageQuery{-1, ""}, "f", [&](const auto& r) { return Fetch(r); }).status(),
      "page_size");
}

TEST_F(UseCaseTest, FindVisibleDeniesMissingAndForeignRecordsAlike) {
  auto find = [&](const std::string& division, const std::string& id) {
    return FindVisible<Thing>(authz_, Caller(division), "thing_id", id, "thing", "read this thing",
                              [&](const std::string& i) { return Load(i); });
  };
  EXPECT_OK(find("640104", IdOf(1)));
  EXPECT_OK(find("640100", IdOf(1)));  // the city above sees it
  const absl::Status foreign = find("640302", IdOf(1)).status();
  const absl::Status missing = find("640302", IdOf(99)).status();
  EXPECT_THAT(foreign, StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(foreign, missing);
  EXPECT_THAT(find("640000", IdOf(99)), StatusIs(absl::StatusCode::kNotFound, "thing not found"));
  ExpectInvalidField(find("640000", "not-an-id").status(), "thing_id");
}

TEST_F(UseCaseTest, EtagsRoundTripAndStaleOnesAreAborted) {
  EXPECT_EQ(Etag(7), "\"7\"");
  EXPECT_THAT(*ParseEtag("officer.etag", "\"7\""), Optional(7));
  EXPECT_EQ(*ParseEtag("officer.etag", ""), std::nullopt);
  ExpectInvalidField(ParseEtag("officer.etag", "7").status(), "officer.etag");
  EXPECT_OK(CheckEtag("officer.etag", std::nullopt, 3));
  EXPECT_OK(CheckEtag("officer.etag", 3, 3));
  EXPECT_THAT(CheckEtag("officer.etag", 2, 3),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("officer.etag")));
}

TEST_F(UseCaseTest, OnlyTheExactSpellingOfAnIssuedEtagIsAccepted) {
  for (const char* etag : {"\"01\"", "\"+1\"", "\" 1\"", "\"1 \"", "\"0\"", "\"-1\"", "\"\""}) {
    ExpectInvalidField(ParseEtag("etag", etag).status(), "etag");
  }
  EXPECT_THAT(*ParseEtag("etag", "\"10\""), Optional(10));
}

TEST_F(UseCaseTest, KeyedKeysAreScopedToTheCallerAndConfirmNothing) {
  absl::StatusOr<std::unique_ptr<crypto::PiiProtector>> keys =
      crypto::PiiProtector::Create(std::string(64, 'a'));
  ASSERT_TRUE(keys.ok());
  auth::Principal zhang;
  zhang.subject = "ops-zhang";
  auth::Principal li;
  li.subject = "ops-li";
  ASSERT_OK_AND_ASSIGN(std::optional<store::IdempotencyKey> a,
                       KeyFor("CreateThing", zhang, {"r-1", "digest"}, **keys));
  ASSERT_OK_AND_ASSIGN(std::optional<store::IdempotencyKey> b,
                       KeyFor("CreateThing", li, {"r-1", "digest"}, **keys));
  EXPECT_NE(a->request_id, b->request_id);
  EXPECT_NE(a->request_hash, "digest");
  ASSERT_OK_AND_ASSIGN(std::optional<store::IdempotencyKey> c,
                       KeyFor("CreateThing", zhang, {"r-1", "digest"}, **keys, "index"));
  EXPECT_NE(a->request_hash, c->request_hash);
  EXPECT_EQ(*KeyFor("CreateThing", zhang, {"", "digest"}, **keys), std::nullopt);
  ExpectInvalidField(KeyFor("CreateThing", zhang, {"bad id!", "h"}, **keys).status(), "request_id");
}

TEST_F(UseCaseTest, KeyForNeedsAWellFormedRequestId) {
  EXPECT_EQ(*KeyFor("CreateThing", {"", "h"}), std::nullopt);
  ASSERT_OK_AND_ASSIGN(std::optional<store::IdempotencyKey> key,
                       KeyFor("CreateThing", {"r-1", "h"}));
  EXPECT_EQ(key->method, "CreateThing");
  EXPECT_EQ(key->request_id, "r-1");
  ExpectInvalidField(KeyFor("CreateThing", {"bad id!", "h"}).status(), "request_id");
}

}  // namespace
}  // namespace lawenforce::app
