#include "common/draw/seeded_draw.h"

#include <algorithm>
#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "gtest/gtest.h"

namespace lawenforce::draw {
namespace {

using ::lawenforce::testing::StatusIs;

constexpr char kSeed[] = "0123456789abcdef0123456789abcdef";

TEST(SeededDrawTest, TheKeyIsTheHexSha256OfSeedColonId) {
  // printf '%s' '0123456789abcdef0123456789abcdef:a' | sha256sum
  EXPECT_EQ(SampleKey(kSeed, "a"),
            "4f18bc7e7657bb16363c819292085c7340242726a1a11fd955321b38168f42bc");
  // printf ':' | sha256sum
  EXPECT_EQ(SampleKey("", ""), "e7ac0786668e0ff0f02b62bd04f45ff636fd82db63b1104601c975dc005f3a67");
}

std::vector<std::string> Ids(int n) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) ids.push_back("id-" + std::to_string(i));
  return ids;
}

TEST(SeededDrawTest, TheFirstNByKeyInKeyOrderWhateverTheInputOrder) {
  const std::vector<std::string> ids = Ids(20);
  const std::vector<size_t> picked = FirstByKey(kSeed, ids, 5);
  ASSERT_EQ(picked.size(), 5u);
  std::vector<std::string> keys;
  for (size_t i : picked) keys.push_back(SampleKey(kSeed, ids[i]));
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  // Every id left out ranks after the last one drawn.
  for (size_t i = 0; i < ids.size(); ++i) {
    if (std::find(picked.begin(), picked.end(), i) != picked.end()) continue;
    EXPECT_GT(SampleKey(kSeed, ids[i]), keys.back()) << ids[i];
  }
  std::vector<std::string> reversed(ids.rbegin(), ids.rend());
  const std::vector<size_t> again = FirstByKey(kSeed, reversed, 5);
  for (size_t k = 0; k < 5; ++k) EXPECT_EQ(reversed[again[k]], ids[picked[k]]);
  // Another seed, another draw.
  const std::vector<size_t> other = FirstByKey("fedcba9876543210fedcba9876543210", ids, 5);
  EXPECT_NE(ids[other[0]], ids[picked[0]]);
}

TEST(SeededDrawTest, NoMoreThanThereAreAndNothingForZero) {
  EXPECT_EQ(FirstByKey(kSeed, Ids(3), 10).size(), 3u);
  EXPECT_TRUE(FirstByKey(kSeed, Ids(3), 0).empty());
  EXPECT_TRUE(FirstByKey(kSeed, {}, 4).empty());
}

TEST(SeededDrawTest, TheDigestIgnoresOrder) {
  EXPECT_EQ(CandidatesDigest({"b", "a"}), CandidatesDigest({"a", "b"}));
  EXPECT_NE(CandidatesDigest({"a"}), CandidatesDigest({"a", "b"}));
}

TEST(SeededDrawTest, SeedsAre32LowerCaseHexCharacters) {
  EXPECT_OK(ValidateSeed("seed", kSeed));
  EXPECT_THAT(ValidateSeed("seed", "0123"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ValidateSeed("seed", "0123456789ABCDEF0123456789abcdef"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  absl::StatusOr<std::string> fresh = NewSeed();
  ASSERT_OK(fresh.status());
  EXPECT_OK(ValidateSeed("seed", *fresh));
  EXPECT_NE(*fresh, *NewSeed());
}

}  // namespace
}  // namespace lawenforce::draw
