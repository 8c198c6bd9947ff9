#include "tests/integration/privacy_scan.h"

#include <openssl/sha.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/store/transfer.h"
#include "common/testing/postgres_server.h"
#include "common/testing/service_fixture.h"
#include "gtest/gtest.h"

namespace lawenforce::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

std::string Sha256Hex(absl::string_view s) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(s.data()), s.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

std::vector<std::string> EveryStoredValue(store::Database& db) {
  std::vector<std::string> values;
  absl::StatusOr<std::vector<std::string>> tables = store::ListTables(db);
  EXPECT_TRUE(tables.ok()) << tables.status();
  if (!tables.ok()) return values;
  absl::Status s = db.Read([&](store::Transaction& tx) -> absl::Status {
    for (const std::string& table : *tables) {
      absl::StatusOr<std::vector<store::Row>> rows =
          tx.Query(absl::StrCat("SELECT * FROM \"", table, "\""));
      if (!rows.ok()) return rows.status();
      for (const store::Row& r : *rows) {
        for (size_t i = 0; i < r.size(); ++i) values.push_back(r.Text(i));
      }
    }
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
  return values;
}

std::string RawStoreBytes(const std::string& sqlite_path) {
  if (!TestsRunOnPostgres()) return ReadFile(sqlite_path) + ReadFile(sqlite_path + "-wal");
  absl::StatusOr<PostgresServer*> server = SharedPostgresServer();
  EXPECT_TRUE(server.ok()) << server.status();
  if (!server.ok()) return "";
  EXPECT_TRUE((*server)->Query("CHECKPOINT").ok());
  std::string raw;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator((*server)->data_directory())) {
    if (entry.is_regular_file()) raw += ReadFile(entry.path().string());
  }
  return raw;
}

std::string EveryRedisValue(RedisServer& redis) {
  absl::StatusOr<std::string> keys = redis.Query({"KEYS", "*"});
  EXPECT_TRUE(keys.ok()) << keys.status();
  if (!keys.ok()) return "";
  std::string everything = *keys;
  for (absl::string_view key : absl::StrSplit(*keys, '\n', absl::SkipEmpty())) {
    absl::StatusOr<std::string> type = redis.Query({"TYPE", std::string(key)});
    EXPECT_TRUE(type.ok()) << type.status();
    if (!type.ok()) continue;
    std::vector<std::string> read;
    if (*type == "string") read = {"GET", std::string(key)};
    if (*type == "hash") read = {"HGETALL", std::string(key)};
    if (*type == "zset") read = {"ZRANGE", std::string(key), "0", "-1", "WITHSCORES"};
    if (*type == "list") read = {"LRANGE", std::string(key), "0", "-1"};
    if (*type == "set") read = {"SMEMBERS", std::string(key)};
    if (*type == "stream") read = {"XRANGE", std::string(key), "-", "+"};
    EXPECT_FALSE(read.empty()) << "unexpected type " << *type << " of " << key;
    if (read.empty()) continue;
    absl::StatusOr<std::string> value = redis.Query(read);
    EXPECT_TRUE(value.ok()) << value.status();
    if (value.ok()) absl::StrAppend(&everything, "\n", *value);
  }
  return everything;
}

}  // namespace lawenforce::testing
