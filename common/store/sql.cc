#include "common/store/sql.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace lawenforce::store {
namespace {

// Truncates toward zero, saturating at the int64 range; NaN is 0.
int64_t TruncateToInt(double v) {
  if (std::isnan(v)) {
    return 0;
  }
  // 2^63 is exactly representable; anything at or beyond it saturates.
  constexpr double kTwoTo63 = 9223372036854775808.0;
  if (v >= kTwoTo63) {
    return std::numeric_limits<int64_t>::max();
  }
  if (v < -kTwoTo63) {
    return std::numeric_limits<int64_t>::min();
  }
  return static_cast<int64_t>(v);
}

// The shortest text that reads back as the same double.
std::string FormatDouble(double v) {
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof(buf), v);
  return std::string(buf, result.ptr);
}

constexpr absl::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "service TEXT NOT NULL, "
    "version INTEGER NOT NULL, "
    "name TEXT NOT NULL, "
    "applied_at TEXT NOT NULL, "
    "PRIMARY KEY (service, version))";
constexpr absl::string_view kSelectCurrentVersion =
    "SELECT MAX(version) FROM schema_migrations WHERE service = ?";
constexpr absl::string_view kInsertVersion =
    "INSERT INTO schema_migrations (service, version, name, applied_at) VALUES (?, ?, ?, ?)";

absl::Status CheckConsecutive(absl::Span<const Migration> migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    const int want = static_cast<int>(i) + 1;
    if (migrations[i].version != want) {
      return absl::InvalidArgumentError(absl::StrCat("migrations[", i, "].version: expected ", want,
                                                     ", got ", migrations[i].version));
    }
  }
  return absl::OkStatus();
}

// Keeps the code of `status` and says which migration produced it.
absl::Status InMigration(const absl::Status& status, absl::string_view service,
                         const Migration& m) {
  return absl::Status(status.code(), absl::StrCat("migration ", service, "/", m.version, " (",
                                                  m.name, "): ", status.message()));
}

}  // namespace

int64_t Row::Int(size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* n = std::get_if<int64_t>(&v)) {
    return *n;
  }
  if (const auto* d = std::get_if<double>(&v)) {
    return TruncateToInt(*d);
  }
  if (const auto* s = std::get_if<std::string>(&v)) {
    int64_t n = 0;
    if (absl::SimpleAtoi(*s, &n)) {
      return n;
    }
    double d = 0;
    return absl::SimpleAtod(*s, &d) ? TruncateToInt(d) : 0;
  }
  return 0;
}

double Row::Real(size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* d = std::get_if<double>(&v)) {
    return *d;
  }
  if (const auto* n = std::get_if<int64_t>(&v)) {
    return static_cast<double>(*n);
  }
  if (const auto* s = std::get_if<std::string>(&v)) {
    double d = 0;
    return absl::SimpleAtod(*s, &d) ? d : 0.0;
  }
  return 0.0;
}

std::string Row::Text(size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) {
    return *s;
  }
  if (const auto* n = std::get_if<int64_t>(&v)) {
    return absl::StrCat(*n);
  }
  if (const auto* d = std::get_if<double>(&v)) {
    return FormatDouble(*d);
  }
  return "";
}

namespace {

// Migrate() under its lock.
absl::Status ApplyMigrations(Database& db, absl::string_view service,
                             absl::Span<const Migration> migrations) {
  const int64_t known = static_cast<int64_t>(migrations.size());
  // One step per transaction. The current version is re-read inside each
  // transaction, so two processes migrating at once apply every step once.
  for (;;) {
    bool done = false;
    absl::Status status = db.Write([&](Transaction& tx) -> absl::Status {
      done = false;
      if (absl::Status s = tx.ExecuteScript(kCreateMigrationsTable); !s.ok()) {
        return s;
      }
      absl::StatusOr<std::vector<Row>> rows = tx.Query(kSelectCurrentVersion, {Text(service)});
      if (!rows.ok()) {
        return rows.status();
      }
      const int64_t current = rows->empty() ? 0 : rows->front().Int(0);
      if (current > known) {
        return absl::FailedPreconditionError(absl::StrCat("schema of ", service, " is at version ",
                                                          current, "; this binary knows up to ",
                                                          known));
      }
      if (current == known) {
        done = true;
        return absl::OkStatus();
      }
      const Migration& m = migrations[current];
      if (absl::Status s = tx.ExecuteScript(m.sql); !s.ok()) {
        return InMigration(s, service, m);
      }
      const std::string applied_at =
          absl::FormatTime(absl::RFC3339_full, absl::Now(), absl::UTCTimeZone());
      absl::StatusOr<int64_t> inserted = tx.Execute(
          kInsertVersion, {Text(service), Int(m.version), Text(m.name), Text(applied_at)});
      if (!inserted.ok()) {
        return InMigration(inserted.status(), service, m);
      }
      return absl::OkStatus();
    });
    if (!status.ok()) {
      return status;
    }
    if (done) {
      return absl::OkStatus();
    }
  }
}

}  // namespace

absl::Status Migrate(Database& db, absl::string_view service,
                     absl::Span<const Migration> migrations) {
  if (absl::Status s = CheckConsecutive(migrations); !s.ok()) {
    return s;
  }
  // Backends whose transactions do not serialise DDL (PostgreSQL) need the
  // lock for two processes migrating at once to apply every step once.
  return db.RunExclusive(absl::StrCat("migrate:", service),
                         [&] { return ApplyMigrations(db, service, migrations); });
}

}  // namespace lawenforce::store
