#include "common/paging/page_token.h"

#include "absl/strings/escaping.h"
#include "common/status/errors.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::paging {
namespace {

using ::lawenforce::testing::IsOkAndHolds;
using ::lawenforce::testing::StatusIs;

TEST(PageTokenTest, RoundTripsTheLastIdForTheSameFilter) {
  std::string token = EncodePageToken("abc-123", "division=640104");
  EXPECT_THAT(DecodePageToken("page_token", token, "division=640104"),
              IsOkAndHolds(std::string("abc-123")));
  EXPECT_THAT(DecodePageToken("page_token", "", "x"), IsOkAndHolds(std::string()));
}

TEST(PageTokenTest, TokenForAnotherFilterIsRefusedNamingTheField) {
  std::string token = EncodePageToken("abc-123", "division=640104");
  absl::StatusOr<std::string> other = DecodePageToken("page_token", token, "division=640000");
  EXPECT_THAT(other, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(FieldOf(other.status()), "page_token");
}

TEST(PageTokenTest, GarbageIsRefused) {
  EXPECT_THAT(DecodePageToken("page_token", "%%%", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(DecodePageToken("page_token", "djF8", "f"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

std::unique_ptr<crypto::PiiProtector> Keys(char first = '0') {
  std::string hex(64, '1');
  hex[0] = first;
  absl::StatusOr<std::unique_ptr<crypto::PiiProtector>> keys = crypto::PiiProtector::Create(hex);
  EXPECT_TRUE(keys.ok());
  return *std::move(keys);
}

TEST(SignedPageTokenTest, RoundTripsForTheSameFilterAndKey) {
  auto keys = Keys();
  std::string token = EncodePageToken("abc-123", "division=640104", *keys);
  EXPECT_THAT(DecodePageToken("page_token", token, "division=640104", *keys),
              IsOkAndHolds(std::string("abc-123")));
  EXPECT_THAT(DecodePageToken("page_token", token, "division=640000", *keys),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(SignedPageTokenTest, AnEditedUnsignedOrForeignTokenIsRefused) {
  auto keys = Keys();
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(EncodePageToken("abc-123", "f", *keys), &raw));
  raw.back() = '4';  // another id, same layout
  absl::StatusOr<std::string> edited =
      DecodePageToken("page_token", absl::WebSafeBase64Escape(raw), "f", *keys);
  EXPECT_THAT(edited, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(FieldOf(edited.status()), "page_token");
  EXPECT_THAT(DecodePageToken("page_token", EncodePageToken("abc-123", "f"), "f", *keys),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      DecodePageToken("page_token", EncodePageToken("abc-123", "f", *Keys('2')), "f", *keys),
      StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PageSizeTest, DefaultsClampsAndRefusesNegative) {
  EXPECT_THAT(EffectivePageSize("page_size", 0), IsOkAndHolds(kDefaultPageSize));
  EXPECT_THAT(EffectivePageSize("page_size", 7), IsOkAndHolds(7));
  EXPECT_THAT(EffectivePageSize("page_size", 100000), IsOkAndHolds(kMaxPageSize));
  EXPECT_THAT(EffectivePageSize("page_size", -1), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace lawenforce::paging
