#include "services/case/domain/item.h"

#include "common/testing/status_matchers.h"
#include "gtest/gtest.h"

namespace lawenforce::cases {
namespace {

using ::lawenforce::testing::ExpectInvalidField;

EnforcementItem Valid() {
  EnforcementItem item;
  item.code = "SCJG-CF-001";
  item.name = "销售不符合食品安全标准的食品";
  item.legal_basis = "《中华人民共和国食品安全法》第一百二十四条";
  item.domain = "food_safety";
  item.kind = ItemKind::kPenalty;
  return item;
}

TEST(ValidateItemTest, AWellFormedItemIsValid) { EXPECT_OK(ValidateItem(Valid())); }

TEST(ValidateItemTest, EachRuleNamesItsField) {
  auto with = [](auto mutate) {
    EnforcementItem item = Valid();
    mutate(item);
    return ValidateItem(item);
  };
  ExpectInvalidField(with([](auto& i) { i.code = ""; }), "item.code", "required");
  ExpectInvalidField(with([](auto& i) { i.code = std::string(33, 'A'); }), "item.code", "32");
  ExpectInvalidField(with([](auto& i) { i.code = "A B"; }), "item.code", "letters, digits");
  ExpectInvalidField(with([](auto& i) { i.name = " "; }), "item.name", "required");
  ExpectInvalidField(with([](auto& i) { i.legal_basis = std::string(501, 'x'); }),
                     "item.legal_basis", "500");
  ExpectInvalidField(with([](auto& i) { i.domain = "Food"; }), "item.domain");
  ExpectInvalidField(with([](auto& i) { i.kind = static_cast<ItemKind>(9); }), "item.kind");
}

TEST(ItemVersionTest, TheVersionInForceIsTheLastThatHadStarted) {
  const absl::Time t0 = absl::FromUnixSeconds(1700000000);
  std::vector<ItemVersion> versions(2);
  versions[0].number = 1;
  versions[0].effective_from = t0;
  versions[1].number = 2;
  versions[1].effective_from = t0 + absl::Hours(24);
  EXPECT_FALSE(ItemVersionAt(versions, t0 - absl::Seconds(1)).has_value());
  EXPECT_EQ(ItemVersionAt(versions, t0)->number, 1);
  EXPECT_EQ(ItemVersionAt(versions, t0 + absl::Hours(24))->number, 2);
}

TEST(ItemVersionTest, ARevisionTakesEffectNowOrLaterAndAfterTheLatest) {
  const absl::Time now = absl::FromUnixSeconds(1700000000);
  EnforcementItem item = Valid();
  item.versions.resize(1);
  item.versions[0].effective_from = now - absl::Hours(1);
  ItemVersion v;
  v.name = "新名称";
  v.legal_basis = "新依据";
  v.reason = "法律修订";
  v.effective_from = now;
  EXPECT_OK(ValidateRevision(item, v, now));
  v.effective_from = now - absl::Seconds(1);
  ExpectInvalidField(ValidateRevision(item, v, now), "version.effective_from", "past");
  v.effective_from = now;
  v.reason = "";
  ExpectInvalidField(ValidateRevision(item, v, now), "version.reason");
}

TEST(NormalizeItemCodeTest, CodesCompareCaseInsensitively) {
  EXPECT_EQ(NormalizeItemCode("scjg-cf-001"), "SCJG-CF-001");
}

}  // namespace
}  // namespace lawenforce::cases
