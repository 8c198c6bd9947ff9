#include "common/ids/id_generator.h"

#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce {
namespace {

TEST(RandomIdGeneratorTest, MakesVersion4UuidsThatDoNotRepeat) {
  RandomIdGenerator ids;
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) {
    std::string id = ids.NewId();
    ASSERT_TRUE(IsValidId(id)) << id;
    EXPECT_EQ(id[14], '4') << id;
    EXPECT_THAT(std::string("89ab"), ::testing::HasSubstr(std::string(1, id[19]))) << id;
    EXPECT_TRUE(seen.insert(id).second) << "repeated " << id;
  }
}

TEST(RandomIdGeneratorTest, OrderedIdsSortInTheOrderMadeEvenWithinOneMillisecond) {
  RandomIdGenerator ids;
  std::string prev = ids.NewOrderedId();
  for (int i = 0; i < 20000; ++i) {  // many per millisecond: the counter orders them
    std::string id = ids.NewOrderedId();
    ASSERT_TRUE(IsValidId(id)) << id;
    EXPECT_EQ(id[14], '7') << id;
    ASSERT_LT(prev, id);
    prev = id;
  }
}

TEST(SequentialIdGeneratorTest, CountsUpInUuidShape) {
  SequentialIdGenerator ids;
  EXPECT_EQ(ids.NewId(), "00000000-0000-4000-8000-000000000001");
  EXPECT_EQ(ids.NewId(), "00000000-0000-4000-8000-000000000002");
}

TEST(IsValidIdTest, RejectsWrongShapes) {
  EXPECT_FALSE(IsValidId(""));
  EXPECT_FALSE(IsValidId("123"));
  EXPECT_FALSE(IsValidId("0000000000000-4000-8000-000000000001"));
  EXPECT_FALSE(IsValidId("00000000-0000-4000-8000-00000000000g"));
  EXPECT_FALSE(IsValidId("00000000-0000-4000-8000-0000000000011"));
  EXPECT_FALSE(IsValidId("0A000000-0000-4000-8000-000000000001"));
  EXPECT_TRUE(IsValidId("0a000000-0000-4000-8000-000000000001"));
}

}  // namespace
}  // namespace lawenforce
