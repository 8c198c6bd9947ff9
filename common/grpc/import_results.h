#ifndef LAWENFORCE_COMMON_GRPC_IMPORT_RESULTS_H_
#define LAWENFORCE_COMMON_GRPC_IMPORT_RESULTS_H_

// Writing an import call's per-record results into its reply: every
// service's ImportResult and Import...Response have the same shape
// (index, source_id, outcome, resource_id, error_code, error_message,
// error_field; results and the four counts), so one template fills them.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/import/import.h"
#include "common/status/errors.h"

namespace lawenforce::grpc_edge {

// One record's result; `Result` is a generated ImportResult message.
template <typename Result>
void FillImportResult(const import::ImportRecordResult& r, int index, const std::string& source_id,
                      Result* out) {
  using Outcome = decltype(out->outcome());
  out->set_index(index);
  out->set_source_id(source_id);
  out->set_resource_id(r.resource_id);
  if (!r.error.ok()) {
    out->set_outcome(static_cast<Outcome>(4));  // IMPORT_OUTCOME_FAILED
    out->set_error_code(absl::StatusCodeToString(r.error.code()));
    // As the edge does for a whole call: no server detail to the caller.
    out->set_error_message(import::IsServerFault(r.error) ? "internal error"
                                                          : std::string(r.error.message()));
    // The field an INVALID_ARGUMENT names, else the one the message leads
    // with ("officer.id_number: registered with another agency").
    std::optional<std::string> field = FieldOf(r.error);
    if (!field.has_value()) field = SubjectOf(r.error.message());
    out->set_error_field(field.value_or(""));
    return;
  }
  out->set_outcome(static_cast<Outcome>(static_cast<int>(r.outcome)));
}

// Every result, in the records' order, into resp->results, and the counts
// (`updated` where the response has that count).
template <typename Response, typename Records>
void FillImportResponse(const std::vector<import::ImportRecordResult>& results,
                        const Records& records, Response* resp) {
  int32_t created = 0, updated = 0, unchanged = 0, failed = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    const import::ImportRecordResult& r = results[i];
    FillImportResult(r, static_cast<int>(i), records.Get(static_cast<int>(i)).source_id(),
                     resp->add_results());
    if (!r.error.ok()) {
      ++failed;
    } else if (r.outcome == import::ImportOutcome::kCreated) {
      ++created;
    } else if (r.outcome == import::ImportOutcome::kUpdated) {
      ++updated;
    } else {
      ++unchanged;
    }
  }
  resp->set_created(created);
  if constexpr (requires { resp->set_updated(updated); }) resp->set_updated(updated);
  resp->set_unchanged(unchanged);
  resp->set_failed(failed);
}

}  // namespace lawenforce::grpc_edge

#endif  // LAWENFORCE_COMMON_GRPC_IMPORT_RESULTS_H_
