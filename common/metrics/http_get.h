#ifndef LAWENFORCE_COMMON_METRICS_HTTP_GET_H_
#define LAWENFORCE_COMMON_METRICS_HTTP_GET_H_

// Test support: a minimal blocking HTTP/1.0 GET over a plain TCP socket, to
// scrape /metrics without an HTTP client library.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace lawenforce::metrics {

struct HttpResponse {
  int status_code = 0;
  std::string body;
};

// GET http://127.0.0.1:<port><path>. UNAVAILABLE when the connection fails
// or is refused, DEADLINE_EXCEEDED when no full answer arrives within
// `timeout`, INTERNAL for an answer that is not HTTP.
absl::StatusOr<HttpResponse> HttpGet(int port, absl::string_view path,
                                     absl::Duration timeout = absl::Seconds(10));

}  // namespace lawenforce::metrics

#endif  // LAWENFORCE_COMMON_METRICS_HTTP_GET_H_
