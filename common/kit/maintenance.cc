#include "common/kit/maintenance.h"

#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/log/log.h"
#include "common/status/macros.h"
#include "common/store/open.h"
#include "common/store/transfer.h"

namespace lawenforce::kit {
namespace {

// service -> highest migration applied.
absl::StatusOr<std::map<std::string, int64_t>> Versions(store::Database& db) {
  std::map<std::string, int64_t> versions;
  LE_RETURN_IF_ERROR(db.Read([&](store::Transaction& tx) -> absl::Status {
    LE_ASSIGN_OR_RETURN(
        std::vector<store::Row> rows,
        tx.Query("SELECT service, MAX(version) FROM schema_migrations GROUP BY service"));
    for (const store::Row& row : rows) versions[row.Text(0)] = row.Int(1);
    return absl::OkStatus();
  }));
  return versions;
}

std::string Describe(const std::map<std::string, int64_t>& versions) {
  std::string out;
  for (const auto& [service, version] : versions) {
    absl::StrAppend(&out, out.empty() ? "" : ", ", service, "/", version);
  }
  return out.empty() ? "none" : out;
}

absl::Status Import(const ServiceSpec& spec, const std::string& url, store::Database& target) {
  LE_ASSIGN_OR_RETURN(std::unique_ptr<store::Database> source,
                      store::OpenDatabase(url, {.default_schema = spec.name}));
  absl::StatusOr<std::map<std::string, int64_t>> from = Versions(*source);
  if (!from.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("--import-from: no schema_migrations in the source (", from.status().message(),
                     "): is it a ", spec.name, "-service store?"));
  }
  using VersionMap = std::map<std::string, int64_t>;
  LE_ASSIGN_OR_RETURN(VersionMap to, Versions(target));
  if (*from != to) {
    return absl::FailedPreconditionError(absl::StrCat(
        "--import-from: the source is at migration ", Describe(*from), ", this binary migrates to ",
        Describe(to), ": run the same version of the service on the source once first"));
  }
  const absl::Time start = absl::Now();
  log::Info("import_started", {{"from", store::RedactStoreUrl(url)}});
  store::CopyOptions options;
  options.batch_rows = 1000;
  int64_t last_logged = 0;
  std::string last_table;
  options.progress = [&](const std::string& table, int64_t rows) {
    if (table != last_table) last_logged = 0;
    last_table = table;
    if (rows - last_logged >= 10000) {
      log::Info("import_progress", {{"table", table}, {"rows", rows}});
      last_logged = rows;
    }
  };
  LE_RETURN_IF_ERROR(store::CopyTables(*source, target, options));
  LE_ASSIGN_OR_RETURN(std::vector<store::TableDigest> digests, store::DigestTables(target));
  int64_t rows = 0;
  for (const store::TableDigest& digest : digests) {
    log::Info("import_table", {{"table", digest.table}, {"rows", digest.rows}});
    rows += digest.rows;
  }
  log::Info("import_done", {{"tables", static_cast<int64_t>(digests.size())},
                            {"rows", rows},
                            {"seconds", absl::ToDoubleSeconds(absl::Now() - start)}});
  return absl::OkStatus();
}

absl::Status PrintDigest(store::Database& db) {
  LE_ASSIGN_OR_RETURN(std::vector<store::TableDigest> digests, store::DigestTables(db));
  for (const store::TableDigest& d : digests) {
    // Table names are SQL identifiers of our schemas: no JSON escaping needed.
    std::cout << "{\"table\":\"" << d.table << "\",\"rows\":" << d.rows << ",\"sha256\":\""
              << d.sha256 << "\"}\n";
  }
  std::cout.flush();
  return absl::OkStatus();
}

}  // namespace

void DefineMaintenanceFlags(config::Flags& flags) {
  flags.Define("digest-store", "false",
               "print a digest of every table of the store (one JSON line each) and exit");
  flags.Define("import-from", "",
               "copy every record of this store URL (same service, same schema version) into "
               "the empty --store, verify and exit");
}

std::optional<int> RunMaintenance(const ServiceSpec& spec, const config::Flags& flags,
                                  store::Database& db) {
  absl::StatusOr<bool> digest = flags.GetBool("digest-store");
  const std::string import_from = flags.Get("import-from");
  absl::Status status = digest.status();
  if (status.ok() && !*digest && import_from.empty()) return std::nullopt;
  if (status.ok() && !import_from.empty()) status = Import(spec, import_from, db);
  if (status.ok() && *digest) status = PrintDigest(db);
  if (!status.ok()) {
    log::Error(import_from.empty() ? "digest_failed" : "import_failed",
               {{"error", std::string(status.message())}});
    return 1;
  }
  return 0;
}

}  // namespace lawenforce::kit
