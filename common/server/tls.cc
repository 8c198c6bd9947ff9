#include "common/server/tls.h"

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/security/tls_certificate_provider.h"
#include "grpcpp/security/tls_credentials_options.h"

namespace lawenforce::server {
namespace {

// The file must be readable and hold a PEM block: a typo in a path or a
// DER file fails start-up with the flag's name instead of every handshake
// failing later.
absl::Status CheckPem(absl::string_view flag, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("--", flag, ": cannot read ", path));
  std::ostringstream contents;
  contents << in.rdbuf();
  if (!absl::StrContains(contents.str(), "-----BEGIN ")) {
    return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", path, " holds no PEM data"));
  }
  return absl::OkStatus();
}

unsigned int RefreshSeconds(absl::Duration refresh) {
  const int64_t s = absl::ToInt64Seconds(refresh);
  return static_cast<unsigned int>(s < 1 ? 1 : s);
}

}  // namespace

absl::StatusOr<std::shared_ptr<::grpc::ServerCredentials>> MakeServerCredentials(
    const TlsFiles& files) {
  if (!files.enabled()) {
    if (!files.ca.empty()) {
      return absl::InvalidArgumentError("--tls-client-ca: needs --tls-cert and --tls-key");
    }
    return ::grpc::InsecureServerCredentials();
  }
  if (files.cert.empty()) return absl::InvalidArgumentError("--tls-cert: required with --tls-key");
  if (files.key.empty()) return absl::InvalidArgumentError("--tls-key: required with --tls-cert");
  if (absl::Status s = CheckPem("tls-cert", files.cert); !s.ok()) return s;
  if (absl::Status s = CheckPem("tls-key", files.key); !s.ok()) return s;
  if (!files.ca.empty()) {
    if (absl::Status s = CheckPem("tls-client-ca", files.ca); !s.ok()) return s;
  }
  auto provider = std::make_shared<::grpc::experimental::FileWatcherCertificateProvider>(
      files.key, files.cert, files.ca, RefreshSeconds(files.refresh));
  ::grpc::experimental::TlsServerCredentialsOptions options(provider);
  options.watch_identity_key_cert_pairs();
  if (files.ca.empty()) {
    options.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  } else {
    options.watch_root_certs();
    options.set_cert_request_type(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  }
  return ::grpc::experimental::TlsServerCredentials(options);
}

absl::StatusOr<std::shared_ptr<::grpc::ChannelCredentials>> MakeChannelCredentials(
    const TlsFiles& files) {
  if (files.ca.empty()) {
    if (files.enabled()) return absl::InvalidArgumentError("--tls-ca: required for TLS");
    return ::grpc::InsecureChannelCredentials();
  }
  if (absl::Status s = CheckPem("tls-ca", files.ca); !s.ok()) return s;
  if (files.cert.empty() != files.key.empty()) {
    return absl::InvalidArgumentError(files.cert.empty() ? "--tls-cert: required with --tls-key"
                                                         : "--tls-key: required with --tls-cert");
  }
  if (files.enabled()) {
    if (absl::Status s = CheckPem("tls-cert", files.cert); !s.ok()) return s;
    if (absl::Status s = CheckPem("tls-key", files.key); !s.ok()) return s;
  }
  auto provider = std::make_shared<::grpc::experimental::FileWatcherCertificateProvider>(
      files.key, files.cert, files.ca, RefreshSeconds(files.refresh));
  ::grpc::experimental::TlsChannelCredentialsOptions options;
  options.set_certificate_provider(provider);
  options.watch_root_certs();
  if (files.enabled()) options.watch_identity_key_cert_pairs();
  return ::grpc::experimental::TlsCredentials(options);
}

}  // namespace lawenforce::server
