#ifndef LAWENFORCE_COMMON_GRPC_SERVICE_CLIENT_H_
#define LAWENFORCE_COMMON_GRPC_SERVICE_CLIENT_H_

// Calls from one service of the suite to another (case-service asking
// personnel-service about eligibility, task-service gathering figures):
//
//   - the calling service presents its own service token (a `system`
//     token issued to it, read from --service-token-file and re-read when
//     the file changes, so it rotates without a restart);
//   - every call carries a deadline (--call-timeout), so a dependency that
//     hangs never hangs the caller;
//   - a dependency that is down or too slow becomes UNAVAILABLE naming it
//     ("personnel-service unavailable: ..."); a dependency refusing our
//     token is a misconfiguration, reported as INTERNAL (logged, never
//     shown as the caller's fault); other codes pass through with their
//     field (common/grpc/status_mapping.h).
//
//   LE_ASSIGN_OR_RETURN(auto ctx, personnel_->NewContext());
//   grpc::Status s = stub_->GetAgency(ctx.get(), req, &resp);
//   LE_RETURN_IF_ERROR(personnel_->Check(s));

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace lawenforce::grpc_edge {

// The bearer token a service presents, from a file re-read when it changes
// (checked at most every `refresh`). Thread-safe.
class ServiceToken {
 public:
  // INVALID_ARGUMENT naming --service-token-file when the file cannot be
  // read or is empty.
  static absl::StatusOr<std::unique_ptr<ServiceToken>> FromFile(
      std::string path, absl::Duration refresh = absl::Seconds(10));
  // A fixed token (tests, tools).
  static std::unique_ptr<ServiceToken> Fixed(std::string token);

  // The current token; after a failed re-read, the last good one.
  std::string Get() ABSL_LOCKS_EXCLUDED(mu_);

 private:
  ServiceToken(std::string path, absl::Duration refresh, std::string token)
      : path_(std::move(path)), refresh_(refresh), token_(std::move(token)) {}

  const std::string path_;  // empty: fixed
  const absl::Duration refresh_;
  absl::Mutex mu_;
  std::string token_ ABSL_GUARDED_BY(mu_);
  absl::Time checked_ ABSL_GUARDED_BY(mu_) = absl::Now();
};

// Thread-safe.
class ServiceClient {
 public:
  // `name` as people know it ("personnel-service"). `token` may be null (no
  // authorization sent: the dependency will refuse, reported as INTERNAL).
  ServiceClient(std::string name, std::shared_ptr<::grpc::Channel> channel,
                std::shared_ptr<ServiceToken> token, absl::Duration timeout)
      : name_(std::move(name)),
        channel_(std::move(channel)),
        token_(std::move(token)),
        timeout_(timeout) {}

  const std::string& name() const { return name_; }
  const std::shared_ptr<::grpc::Channel>& channel() const { return channel_; }

  // A context with the deadline and the service token, for one call.
  std::unique_ptr<::grpc::ClientContext> NewContext() const;

  // The absl form of a call's status, as described above.
  absl::Status Check(const ::grpc::Status& status) const;

 private:
  const std::string name_;
  const std::shared_ptr<::grpc::Channel> channel_;
  const std::shared_ptr<ServiceToken> token_;
  const absl::Duration timeout_;
};

}  // namespace lawenforce::grpc_edge

#endif  // LAWENFORCE_COMMON_GRPC_SERVICE_CLIENT_H_
