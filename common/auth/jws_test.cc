#include "common/auth/jws.h"

#include "absl/strings/escaping.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::auth::internal {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::Optional;

TEST(Base64UrlTest, EncodesWithoutPaddingInTheUrlAlphabet) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff\xbf"), "-_-_");
}

TEST(Base64UrlTest, DecodesWhatItEncodes) {
  std::string all_bytes;
  for (int i = 0; i < 256; ++i) {
    all_bytes.push_back(static_cast<char>(i));
  }
  for (size_t n = 0; n <= all_bytes.size(); n += 7) {
    std::string data = all_bytes.substr(0, n);
    EXPECT_THAT(Base64UrlDecode(Base64UrlEncode(data)), Optional(data));
  }
}

TEST(Base64UrlTest, RefusesPaddingStandardAlphabetAndNonCanonicalSpellings) {
  EXPECT_EQ(Base64UrlDecode("Zg=="), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("Zm8="), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("+/+/"), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("Zm 9v"), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("Z"), std::nullopt);    // A length of 1 mod 4 encodes nothing.
  EXPECT_EQ(Base64UrlDecode("Zh"), std::nullopt);   // "Zg" with a stray low bit set.
  EXPECT_EQ(Base64UrlDecode("Zm9"), std::nullopt);  // "Zm8" with a stray low bit set.
}

TEST(JwsKeyTest, Hs256SignsWithHmacSha256AndVerifiesExactly) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<JwsKey> key,
                       JwsKey::ForSigning(Algorithm::kHs256, std::string(32, 'k')));
  ASSERT_OK_AND_ASSIGN(std::string mac, key->Sign("header.payload"));
  // Python: hmac.new(b"k" * 32, b"header.payload", hashlib.sha256).hexdigest()
  EXPECT_EQ(absl::BytesToHexString(mac),
            "5ec73728fe4d2e42413b94a0cff9b85d763be72f78fe285a9435589ed91f96c5");
  EXPECT_TRUE(key->Verify("header.payload", mac));
  EXPECT_FALSE(key->Verify("header.payloaD", mac));
  EXPECT_FALSE(key->Verify("header.payload", mac.substr(0, 31)));
}

TEST(JwsKeyTest, ShortSecretAndBadPemAreInvalidArguments) {
  EXPECT_THAT(JwsKey::ForVerifying(Algorithm::kHs256, std::string(31, 'k')),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(JwsKey::ForVerifying(Algorithm::kRs256, "not a pem"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(JwsKey::ForSigning(Algorithm::kRs256, "not a pem"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace lawenforce::auth::internal
