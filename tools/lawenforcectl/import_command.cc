// `import cases|inspections` (NDJSON) and `import agencies|officers|training`
// (CSV): every record of the file read and checked for form first (nothing is sent when a line is
// not a record), then sent in batches, each one call; each failed record is reported with its
// position, and the totals at the end (--output json: one response of every call's results, indexed
// over the file). The import is idempotent, so after an interruption the same file is sent again.

#include <vector>

#include "absl/strings/str_cat.h"
#include "tools/lawenforcectl/case_requests.h"
#include "tools/lawenforcectl/command_parts.h"
#include "tools/lawenforcectl/import_requests.h"
#include "tools/lawenforcectl/rpc_command.h"

namespace lawenforce::ctl {
namespace {

struct Totals {
  int records = 0, created = 0, updated = 0, unchanged = 0, failed = 0;
};

template <typename Request>
using BatchBuilder = absl::StatusOr<std::vector<Request>> (*)(const Args&, const RequestContext&);

// Outcome values shared by every service's ImportOutcome enum.
constexpr int kCreated = 1, kUpdated = 2, kUnchanged = 3;

template <typename Stub, typename Request, typename Response>
CommandRunner ImportRunner(BatchBuilder<Request> build, RpcMethod<Stub, Request, Response> method) {
  return [build, method](const Command& command, const Args& args, Io& io) -> int {
    int exit_code = kExitOk;
    std::optional<Invocation> invocation =
        PrepareInvocation(command, args, io, ServiceTraits<Stub>::Endpoint(), &exit_code);
    if (!invocation) return exit_code;
    absl::StatusOr<std::vector<Request>> batches = build(args, invocation->context);
    if (!batches.ok()) return ReportUsageError(command, batches.status(), io.err);
    std::unique_ptr<Stub> stub = OpenStub<Stub>(io, invocation->options);
    const bool json = invocation->options.output != OutputFormat::kTable;
    Totals t;
    Response merged;  // every call's results, indexed over the whole file
    int offset = 0;   // records sent before this batch
    for (size_t b = 0; b < batches->size(); ++b) {
      const Request& request = (*batches)[b];
      grpc::ClientContext context;
      PrepareContext(invocation->options, &context);
      Response response;
      grpc::Status status = (stub.get()->*method)(&context, request, &response);
      if (!status.ok()) {
        io.err << "batch " << (b + 1) << " of " << batches->size() << " (records " << (offset + 1)
               << "..) not sent through; the " << offset << " records before it were "
               << (args.Enabled("validate-only") ? "checked" : "imported")
               << " (sending the file again is safe)\n";
        return ReportRpcError(status, invocation->options, io.err);
      }
      for (const auto& r : response.results()) {
        auto* all = merged.add_results();
        *all = r;
        all->set_index(offset + r.index());
        switch (static_cast<int>(r.outcome())) {
          case kCreated:
            ++t.created;
            break;
          case kUpdated:
            ++t.updated;
            break;
          case kUnchanged:
            ++t.unchanged;
            break;
          default:
            ++t.failed;
            io.err << "record " << (offset + r.index() + 1) << " (" << r.source_id()
                   << "): " << r.error_code() << ": " << r.error_message() << "\n";
        }
      }
      offset += response.results_size();
      t.records = offset;
      if (batches->size() > 1) {
        io.err << "sent " << offset << " records (" << (b + 1) << " of " << batches->size()
               << " calls)\n";
      }
    }
    merged.set_created(t.created);
    merged.set_unchanged(t.unchanged);
    merged.set_failed(t.failed);
    if constexpr (requires { merged.set_updated(0); }) merged.set_updated(t.updated);
    if (json) {
      io.out << Render(merged, invocation->options.output);
    } else {
      io.out << (args.Enabled("validate-only") ? "would be: " : "") << "created " << t.created
             << ", updated " << t.updated << ", unchanged " << t.unchanged << ", failed "
             << t.failed << " (of " << t.records << " records)\n";
    }
    return t.failed > 0 ? kExitRpcError : kExitOk;
  };
}

std::vector<FlagSpec> ImportFlags(std::string file_help) {
  return {Required("source-system", "NAME",
                   "the departmental system the records come from ([a-z0-9._-], e.g. nx-amr-cms)"),
          Required("file", "PATH|-", std::move(file_help)),
          Switch("validate-only", "check every record, write nothing"),
          Optional("batch", "N", "records a call, 1..500 (default 500)")};
}

std::string NdjsonHelp(absl::string_view what) {
  return absl::StrCat("NDJSON: one ", what,
                      " a line in the proto3 JSON mapping; - reads standard input");
}

std::string CsvHelp(absl::string_view columns) {
  return absl::StrCat("CSV with a header row of ", columns, "; - reads standard input");
}

}  // namespace

std::vector<Command> ImportCommands() {
  std::vector<Command> c;
  c.push_back(MakeCommand(
      "import", "cases", "",
      "Import cases from a departmental case system (task 36: no re-entry); idempotent.",
      ImportFlags(NdjsonHelp("ImportedCase")),
      ImportRunner(BuildImportCases, &CaseStub::ImportCases)));
  c.back().details =
      "Each line is an ImportedCase: {\"sourceId\": ..., \"case\": {the filing as `case file`\n"
      "sends it, with \"fileTime\"}, \"acts\": [{\"actTime\": ..., \"startInvestigation\": {}},\n"
      "...]}. The same file twice changes nothing; a record with acts added since applies\n"
      "only those. Failed records are listed on standard error with their position; the exit\n"
      "code is 1 when any failed. docs/api/cases.md \"Ingestion\".";
  c.push_back(
      MakeCommand("import", "inspections", "",
                  "Import on-site inspection visits from a departmental system; idempotent.",
                  ImportFlags(NdjsonHelp("ImportedVisit")),
                  ImportRunner(BuildImportInspections, &CaseStub::ImportInspections)));
  c.back().details =
      "Each line is an ImportedVisit: {\"sourceId\": ..., \"visit\": {the visit as `inspection\n"
      "visit` sends it, with \"visitTime\"}}. Each is judged at its visit time (caps as\n"
      "recorded up to then).";
  c.push_back(
      MakeCommand("import", "agencies", "",
                  "Import agencies from an HR system (task 36: no re-entry); idempotent.",
                  ImportFlags(CsvHelp("source_id,name,division_code,domains[,require_training]")),
                  ImportRunner(BuildImportAgencies, &PersonnelStub::ImportAgencies)));
  c.back().details =
      "domains are ';'-separated (market_regulation;ecology); require_training is true or\n"
      "false. An agency registered by hand with the same division, name and domains is\n"
      "linked, not duplicated. docs/api/personnel.md \"Bulk import\".";
  c.push_back(MakeCommand(
      "import", "officers", "",
      "Import officers from an HR system, keyed by its ids and the identity-card number.",
      ImportFlags(CsvHelp("source_id,name,id_number,roles and agency_source_id or agency_id")),
      ImportRunner(BuildImportOfficers, &PersonnelStub::ImportOfficers)));
  c.back().details =
      "roles are ';'-separated: officer;legal_reviewer;supervisor. agency_source_id is the\n"
      "agency's source_id from `import agencies` with the same --source-system. The same\n"
      "file twice changes nothing; a changed name or roles are applied. The file holds\n"
      "identity-card numbers: keep it out of shared places, and delete it once imported.";
  c.push_back(MakeCommand(
      "import", "training", "",
      "Import training records from an HR or training system; idempotent.",
      ImportFlags(CsvHelp("source_id,officer_source_id or officer_id,date,hours,category,"
                          "course,provider")),
      ImportRunner(BuildImportTraining, &PersonnelStub::ImportTrainingRecords)));
  c.back().details =
      "date is YYYY-MM-DD; hours in steps of 0.5; category is public_legal, business, skills\n"
      "or political_theory. officer_source_id is the officer's source_id from `import\n"
      "officers` with the same --source-system.";
  return c;
}

}  // namespace lawenforce::ctl
