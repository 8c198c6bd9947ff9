#ifndef LAWENFORCE_COMMON_STORE_CONNECTION_TRANSACTION_H_
#define LAWENFORCE_COMMON_STORE_CONNECTION_TRANSACTION_H_

// Internal to the backends: the Transaction handed to a Write or Read
// callback, a view of the connection the backend leased for it.

#include <cstdint>
#include <vector>

#include "common/store/sql.h"

namespace lawenforce::store::internal {

// `Connection` has Execute, Query and ExecuteScript with Transaction's
// signatures.
template <typename Connection>
class ConnectionTransaction final : public Transaction {
 public:
  explicit ConnectionTransaction(Connection& conn) : conn_(conn) {}

  absl::StatusOr<int64_t> Execute(absl::string_view sql, absl::Span<const Value> params) override {
    return conn_.Execute(sql, params);
  }
  absl::StatusOr<std::vector<Row>> Query(absl::string_view sql,
                                         absl::Span<const Value> params) override {
    return conn_.Query(sql, params);
  }
  absl::Status ExecuteScript(absl::string_view sql) override { return conn_.ExecuteScript(sql); }

 private:
  Connection& conn_;
};

}  // namespace lawenforce::store::internal

#endif  // LAWENFORCE_COMMON_STORE_CONNECTION_TRANSACTION_H_
