#include "common/redis/redis_client.h"
#include "gtest/gtest.h"

namespace lawenforce::redis {
namespace {

TEST(LuaScriptTest, Sha1IsTheLowerCaseHexDigestRedisUsesForEvalsha) {
  const LuaScript script("return 1");
  EXPECT_EQ(script.source(), "return 1");
  // `printf 'return 1' | sha1sum`, and what SCRIPT LOAD answers.
  EXPECT_EQ(script.sha1(), "e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
}

TEST(LuaScriptTest, EmptyScriptHasTheEmptyDigest) {
  EXPECT_EQ(LuaScript("").sha1(), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

}  // namespace
}  // namespace lawenforce::redis
