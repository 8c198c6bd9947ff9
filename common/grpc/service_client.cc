#include "common/grpc/service_client.h"

#include <chrono>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/grpc/status_mapping.h"
#include "common/log/log.h"

namespace lawenforce::grpc_edge {
namespace {

absl::StatusOr<std::string> ReadToken(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(absl::StrCat("--service-token-file: cannot read ", path));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  std::string token(absl::StripAsciiWhitespace(contents.str()));
  if (token.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("--service-token-file: ", path, " is empty"));
  }
  return token;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ServiceToken>> ServiceToken::FromFile(std::string path,
                                                                     absl::Duration refresh) {
  absl::StatusOr<std::string> token = ReadToken(path);
  if (!token.ok()) return token.status();
  return std::unique_ptr<ServiceToken>(new ServiceToken(std::move(path), refresh, *token));
}

std::unique_ptr<ServiceToken> ServiceToken::Fixed(std::string token) {
  return std::unique_ptr<ServiceToken>(new ServiceToken("", absl::ZeroDuration(), token));
}

std::string ServiceToken::Get() {
  absl::MutexLock lock(&mu_);
  if (!path_.empty() && absl::Now() - checked_ >= refresh_) {
    checked_ = absl::Now();
    absl::StatusOr<std::string> token = ReadToken(path_);
    if (token.ok()) {
      token_ = *std::move(token);
    } else {
      log::Warn("service_token_reload_failed", {{"error", std::string(token.status().message())}});
    }
  }
  return token_;
}

std::unique_ptr<::grpc::ClientContext> ServiceClient::NewContext() const {
  auto ctx = std::make_unique<::grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + absl::ToChronoNanoseconds(timeout_));
  if (token_ != nullptr) ctx->AddMetadata("authorization", absl::StrCat("Bearer ", token_->Get()));
  return ctx;
}

absl::Status ServiceClient::Check(const ::grpc::Status& status) const {
  if (status.ok()) return absl::OkStatus();
  switch (status.error_code()) {
    case ::grpc::StatusCode::UNAVAILABLE:
    case ::grpc::StatusCode::DEADLINE_EXCEEDED:
    case ::grpc::StatusCode::CANCELLED:
    case ::grpc::StatusCode::RESOURCE_EXHAUSTED:
      return absl::UnavailableError(absl::StrCat(name_, " unavailable: ",
                                                 status.error_message().empty()
                                                     ? "no answer within the call timeout"
                                                     : status.error_message()));
    case ::grpc::StatusCode::UNAUTHENTICATED:
    case ::grpc::StatusCode::PERMISSION_DENIED:
      return absl::InternalError(absl::StrCat(name_,
                                              " refused this service's token (check "
                                              "--service-token-file): ",
                                              status.error_message()));
    default:
      return FromGrpcStatus(status);
  }
}

}  // namespace lawenforce::grpc_edge
