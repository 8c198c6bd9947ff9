#ifndef LAWENFORCE_COMMON_SERVER_TLS_H_
#define LAWENFORCE_COMMON_SERVER_TLS_H_

// Transport security of every service and client of the suite
// (ARCHITECTURE.md section 7, docs/security.md): TLS from PEM files, mutual
// TLS when a CA is given, and files re-read when they change so that
// certificates rotate without a restart (gRPC's FileWatcherCertificateProvider
// checks them every `refresh`; a handshake after the check uses the new
// files, established connections keep theirs).

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"

namespace lawenforce::server {

struct TlsFiles {
  // PEM certificate chain and private key of this process. Empty: plaintext.
  std::string cert;
  std::string key;
  // PEM CA bundle. A server with a CA requires and verifies a client
  // certificate signed by it (mTLS); a client verifies the server against it.
  std::string ca;
  // How often the files are checked for a change.
  absl::Duration refresh = absl::Seconds(60);

  bool enabled() const { return !cert.empty() || !key.empty(); }
};

// Plaintext when `files` is not enabled; otherwise TLS with files' identity
// and, with a CA, required and verified client certificates.
// INVALID_ARGUMENT naming the flag (--tls-cert, --tls-key, --tls-client-ca)
// when one of the pair is missing or a file cannot be read or holds no PEM.
absl::StatusOr<std::shared_ptr<::grpc::ServerCredentials>> MakeServerCredentials(
    const TlsFiles& files);

// For a client of a service: plaintext without a CA; otherwise TLS that
// verifies the server against `files.ca` and, when cert and key are given,
// presents them (mTLS). Errors name the flag (--tls-ca, --tls-cert,
// --tls-key).
absl::StatusOr<std::shared_ptr<::grpc::ChannelCredentials>> MakeChannelCredentials(
    const TlsFiles& files);

}  // namespace lawenforce::server

#endif  // LAWENFORCE_COMMON_SERVER_TLS_H_
