#ifndef LAWENFORCE_TOOLS_LAWENFORCECTL_IMPORT_REQUESTS_H_
#define LAWENFORCE_TOOLS_LAWENFORCECTL_IMPORT_REQUESTS_H_

// The requests of `lawenforcectl import ...`: the flags every import takes
// (--source-system, --validate-only, --batch) and, for personnel's HR
// imports, the CSV files they read (docs/api/personnel.md "Bulk import"
// gives the columns). Each builder reads the whole file and checks every
// row's form before anything is sent; it returns the calls to make, in
// order, --batch records each.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lawenforce/personnel/v1/personnel.pb.h"
#include "tools/lawenforcectl/args.h"
#include "tools/lawenforcectl/requests.h"
#include "tools/lawenforcectl/values.h"

namespace lawenforce::ctl {

// A request with --source-system and --validate-only set, and the batch
// size (--batch, 1..500, default 500).
template <typename Request>
absl::StatusOr<Request> ImportPrototype(const Args& args, int* batch) {
  Request prototype;
  prototype.set_source_system(args.Value("source-system"));
  prototype.set_validate_only(args.Enabled("validate-only"));
  *batch = 500;
  if (args.Has("batch")) {
    absl::StatusOr<int32_t> n = ParseIntFlag("batch", args.Value("batch"), 1, 500);
    if (!n.ok()) return n.status();
    *batch = *n;
  }
  return prototype;
}

// One CSV row by column name, and the line it starts on.
struct CsvRow {
  int line = 0;
  std::map<std::string, std::string> cells;
};

// RFC 4180 CSV with a header row: fields separated by commas, quoted with
// '"' ("" inside quotes is one quote, and quoted fields may hold commas and
// line breaks), CRLF or LF line ends, a UTF-8 byte-order mark ignored,
// blank lines skipped. Every header must be one of `known` and appear
// once, every name in `required` must be a header, and every row must have
// as many fields as the header. Errors name "--file line N".
absl::StatusOr<std::vector<CsvRow>> ParseCsv(absl::string_view text,
                                             const std::vector<std::string>& known,
                                             const std::vector<std::string>& required);

// import agencies --source-system --file CSV [--validate-only] [--batch]
// Columns: source_id, name, division_code, domains (';'-separated),
// require_training (true|false, optional).
absl::StatusOr<std::vector<personnel::v1::ImportAgenciesRequest>> BuildImportAgencies(
    const Args& args, const RequestContext& context);
// import officers: source_id, name, id_number, roles (';'-separated:
// officer;legal_reviewer;supervisor), and agency_source_id or agency_id.
absl::StatusOr<std::vector<personnel::v1::ImportOfficersRequest>> BuildImportOfficers(
    const Args& args, const RequestContext& context);
// import training: source_id, officer_source_id or officer_id, date
// (YYYY-MM-DD), hours, category (public_legal|business|skills|
// political_theory), course, provider.
absl::StatusOr<std::vector<personnel::v1::ImportTrainingRecordsRequest>> BuildImportTraining(
    const Args& args, const RequestContext& context);

}  // namespace lawenforce::ctl

#endif  // LAWENFORCE_TOOLS_LAWENFORCECTL_IMPORT_REQUESTS_H_
