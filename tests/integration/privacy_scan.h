#ifndef LAWENFORCE_TESTS_INTEGRATION_PRIVACY_SCAN_H_
#define LAWENFORCE_TESTS_INTEGRATION_PRIVACY_SCAN_H_

// What someone holding a service's database (or its files) can read without
// the PII key: the privacy tests search these for protected values.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/store/sql.h"
#include "common/testing/redis_server.h"

namespace lawenforce::testing {

// Lower-case hex SHA-256 of `s`: what anyone can compute for a candidate.
std::string Sha256Hex(absl::string_view s);

// Every value of every column of every table of `db`, as text.
std::vector<std::string> EveryStoredValue(store::Database& db);

// The bytes of every file the store has written: `sqlite_path` and its WAL
// on SQLite, or (when the tests run on PostgreSQL, after a checkpoint)
// every file of the test cluster's data directory, WAL included.
std::string RawStoreBytes(const std::string& sqlite_path);

// Every key of `redis` and every value under it (strings, hashes, sorted
// sets, lists, sets, streams), one after the other.
std::string EveryRedisValue(RedisServer& redis);

}  // namespace lawenforce::testing

#endif  // LAWENFORCE_TESTS_INTEGRATION_PRIVACY_SCAN_H_
