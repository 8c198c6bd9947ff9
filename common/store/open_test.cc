#include "common/store/open.h"

#include <fstream>
#include <string>
#include <variant>

#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace lawenforce::store {
namespace {

using ::lawenforce::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

SqliteOptions Sqlite(absl::string_view url) {
  absl::StatusOr<StoreConfig> config = ParseStoreUrl(url);
  EXPECT_OK(config.status());
  EXPECT_TRUE(config.ok() && std::holds_alternative<SqliteOptions>(*config)) << url;
  return config.ok() && std::holds_alternative<SqliteOptions>(*config)
             ? std::get<SqliteOptions>(*config)
             : SqliteOptions{};
}

PostgresOptions Postgres(absl::string_view url, const OpenOptions& options = {}) {
  absl::StatusOr<StoreConfig> config = ParseStoreUrl(url, options);
  EXPECT_OK(config.status());
  EXPECT_TRUE(config.ok() && std::holds_alternative<PostgresOptions>(*config)) << url;
  return config.ok() && std::holds_alternative<PostgresOptions>(*config)
             ? std::get<PostgresOptions>(*config)
             : PostgresOptions{};
}

// INVALID_ARGUMENT whose message names `part`.
void ExpectRefused(absl::string_view url, absl::string_view part) {
  EXPECT_THAT(ParseStoreUrl(url), StatusIs(absl::StatusCode::kInvalidArgument,
                                           HasSubstr(absl::StrCat(": ", part, ":"))))
      << url;
}

TEST(ParseStoreUrlTest, SqliteTakesAnAbsoluteOrARelativePath) {
  EXPECT_EQ(Sqlite("sqlite:///var/lib/le/personnel.db").path, "/var/lib/le/personnel.db");
  EXPECT_EQ(Sqlite("sqlite:data/personnel.db").path, "data/personnel.db");
  EXPECT_EQ(Sqlite("sqlite:/abs.db").path, "/abs.db");
  EXPECT_EQ(Sqlite("sqlite:///a%20b.db").path, "/a b.db");
  const SqliteOptions tuned = Sqlite("sqlite:x.db?readers=2&busy_timeout=250ms");
  EXPECT_EQ(tuned.reader_connections, 2);
  EXPECT_EQ(tuned.busy_timeout, absl::Milliseconds(250));
  EXPECT_EQ(Sqlite("sqlite:x.db").reader_connections, SqliteOptions().reader_connections);
}

TEST(ParseStoreUrlTest, SqliteRefusesAHostEmptyPathsAndUnknownParameters) {
  ExpectRefused("sqlite://host/x.db", "path");
  ExpectRefused("sqlite:", "path");
  ExpectRefused("sqlite:x.db?readers=0", "readers");
  ExpectRefused("sqlite:x.db?busy_timeout=5", "busy_timeout");
  ExpectRefused("sqlite:x.db?mode=memory", "mode");
}

TEST(ParseStoreUrlTest, PostgresTakesEveryDocumentedParameter) {
  const PostgresOptions o = Postgres(
      "postgres://svc@db.internal:6432/lawenforce?schema=personnel&pool=4&pool_timeout=2s"
      "&statement_timeout=5s&connect_timeout=3s&lock_timeout=1m&network_timeout=20s"
      "&serialization_retries=7&sslmode=verify-full&sslrootcert=/etc/ca.pem"
      "&sslcert=/etc/c.pem&sslkey=/etc/k.pem&password_file=/run/secrets/pg"
      "&application_name=personnel");
  EXPECT_EQ(o.user, "svc");
  EXPECT_EQ(o.password, "");
  EXPECT_EQ(o.host, "db.internal");
  EXPECT_EQ(o.port, 6432);
  EXPECT_EQ(o.dbname, "lawenforce");
  EXPECT_EQ(o.schema, "personnel");
  EXPECT_EQ(o.pool_size, 4);
  EXPECT_EQ(o.pool_timeout, absl::Seconds(2));
  EXPECT_EQ(o.statement_timeout, absl::Seconds(5));
  EXPECT_EQ(o.connect_timeout, absl::Seconds(3));
  EXPECT_EQ(o.lock_timeout, absl::Minutes(1));
  EXPECT_EQ(o.network_timeout, absl::Seconds(20));
  EXPECT_EQ(o.serialization_retries, 7);
  EXPECT_EQ(o.sslmode, "verify-full");
  EXPECT_EQ(o.sslrootcert, "/etc/ca.pem");
  EXPECT_EQ(o.sslcert, "/etc/c.pem");
  EXPECT_EQ(o.sslkey, "/etc/k.pem");
  EXPECT_EQ(o.password_file, "/run/secrets/pg");
  EXPECT_EQ(o.application_name, "personnel");
}

TEST(ParseStoreUrlTest, PostgresDefaultsAndSpellings) {
  const PostgresOptions o = Postgres("postgresql://svc@db/le", {.default_schema = "cases"});
  EXPECT_EQ(o.port, 5432);
  EXPECT_EQ(o.schema, "cases");
  EXPECT_EQ(o.pool_size, 8);
  EXPECT_EQ(Postgres("postgres://svc@[::1]:5433/le").host, "::1");
  EXPECT_EQ(Postgres("postgres://svc@[::1]:5433/le").port, 5433);
  EXPECT_EQ(Postgres("postgres://svc@[::1]/le").port, 5432);
  EXPECT_EQ(Postgres("postgres://svc@db/le?statement_timeout=0").statement_timeout,
            absl::ZeroDuration());
}

TEST(ParseStoreUrlTest, PostgresPasswordIsPercentDecodedAndMayHoldDelimiters) {
  EXPECT_EQ(Postgres("postgres://svc:p%40ss%3Aw@db/le").password, "p@ss:w");
  const PostgresOptions raw = Postgres("postgres://svc:a/b@c@db:1/le");
  EXPECT_EQ(raw.password, "a/b@c");
  EXPECT_EQ(raw.host, "db");
  EXPECT_EQ(raw.dbname, "le");
}

TEST(ParseStoreUrlTest, PostgresNamesThePartAtFault) {
  ExpectRefused("mysql://svc@db/le", "scheme");
  ExpectRefused("postgres://db/le", "user");
  ExpectRefused("postgres://svc@/le", "host");
  ExpectRefused("postgres://svc@db:http/le", "port");
  ExpectRefused("postgres://svc@db:70000/le", "port");
  ExpectRefused("postgres://svc@db", "dbname");
  ExpectRefused("postgres://svc@db/", "dbname");
  ExpectRefused("postgres://svc@db/a/b", "dbname");
  ExpectRefused("postgres://svc@[::1/le", "host");
  ExpectRefused("postgres://svc@db/le?pool=0", "pool");
  ExpectRefused("postgres://svc@db/le?pool=many", "pool");
  ExpectRefused("postgres://svc@db/le?statement_timeout=5", "statement_timeout");
  ExpectRefused("postgres://svc@db/le?connect_timeout=-1s", "connect_timeout");
  ExpectRefused("postgres://svc@db/le?sslmod=require", "sslmod");
  ExpectRefused("postgres://svc@db/le?pool=2&pool=3", "pool");
  ExpectRefused("postgres://svc@db/le?schema", "schema");
  ExpectRefused("postgres://svc@db/le?schema=%zz", "schema");
  ExpectRefused("postgres://svc:pw@db/le?password_file=/p", "password_file");
}

TEST(ParseStoreUrlTest, ErrorsNeverEchoThePassword) {
  for (absl::string_view url :
       {"postgres://svc:hunter2@db:bad/le", "postgres://svc:hunter2@db/le?pool=0",
        "postgres://svc:hunter2@db/le?password=hunter2&x=1"}) {
    absl::StatusOr<StoreConfig> config = ParseStoreUrl(url);
    EXPECT_THAT(config, StatusIs(absl::StatusCode::kInvalidArgument,
                                 AllOf(Not(HasSubstr("hunter2")), HasSubstr("REDACTED"))))
        << url;
  }
}

TEST(RedactStoreUrlTest, ReplacesOnlyThePassword) {
  EXPECT_EQ(RedactStoreUrl("postgres://svc:hunter2@db:5432/le?schema=p"),
            "postgres://svc:REDACTED@db:5432/le?schema=p");
  EXPECT_EQ(RedactStoreUrl("postgres://svc:a/b@c@db/le"), "postgres://svc:REDACTED@db/le");
  EXPECT_EQ(RedactStoreUrl("postgres://svc@db/le?password_file=/p"),
            "postgres://svc@db/le?password_file=/p");
  EXPECT_EQ(RedactStoreUrl("postgres://svc@db/le?password=x&pool=2"),
            "postgres://svc@db/le?password=REDACTED&pool=2");
  EXPECT_EQ(RedactStoreUrl("sqlite:///var/lib/x.db"), "sqlite:///var/lib/x.db");
  EXPECT_EQ(RedactStoreUrl("not a url"), "not a url");
  EXPECT_EQ(RedactStoreUrl("postgres://"), "postgres://");
}

TEST(OpenDatabaseTest, OpensSqliteAndRefusesABadUrl) {
  ::lawenforce::testing::TempDir dir;
  absl::StatusOr<std::unique_ptr<Database>> db = OpenDatabase("sqlite://" + dir.File("x.db"));
  ASSERT_OK(db.status());
  EXPECT_EQ((*db)->dialect(), "sqlite");
  EXPECT_THAT(OpenDatabase("redis://x"), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(OpenDatabaseTest, PostgresPasswordFileIsReadAndItsFailureNamesThePathOnly) {
  ::lawenforce::testing::TempDir dir;
  EXPECT_THAT(OpenDatabase("postgres://svc@127.0.0.1:1/le?password_file=" + dir.File("none")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("password_file"), HasSubstr(dir.File("none")))));
  std::ofstream(dir.File("pw")) << "s3cret\n";
  // Port 1 refuses: the file was read and the login attempted; the message
  // names the server, not the secret.
  absl::StatusOr<std::unique_ptr<Database>> db = OpenDatabase(
      "postgres://svc@127.0.0.1:1/le?connect_timeout=1s&password_file=" + dir.File("pw"));
  EXPECT_THAT(db, StatusIs(absl::StatusCode::kUnavailable,
                           AllOf(HasSubstr("127.0.0.1:1"), Not(HasSubstr("s3cret")))));
}

}  // namespace
}  // namespace lawenforce::store
