#ifndef LAWENFORCE_SERVICES_PERSONNEL_APP_VERIFICATION_H_
#define LAWENFORCE_SERVICES_PERSONNEL_APP_VERIFICATION_H_

// Public certificate verification (tasks 6, 11): anyone holding a
// certificate's number and the verification code printed with it (or the
// URL/QR text that carries both) learns whether it is valid now, its kind,
// domains and validity, the agency, and the holder's name masked. No
// token; rate-limited per client address. The code is keyed (the PII
// key's blind-index HMAC over the number), so it cannot be derived from
// the number and numbers cannot be enumerated; it is computed, never
// stored. docs/api/personnel.md "Public verification".

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/app/rate_limiter.h"
#include "common/auth/principal.h"
#include "services/personnel/app/use_case_deps.h"
#include "services/personnel/domain/model.h"
#include "services/personnel/store/personnel_store.h"

namespace lawenforce::personnel {

// What is printed with a certificate.
struct PrintedVerification {
  std::string certificate_id;
  std::string number;
  std::string code;  // 10 upper-case hex characters
  std::string text;  // "<url base>?n=<number>&c=<code>"
};

struct CertificateVerification {
  std::string number;
  bool valid = false;  // ACTIVE now
  CertificateState state = CertificateState::kActive;
  CertificateKind kind = CertificateKind::kEnforcement;
  std::vector<std::string> domains;
  absl::CivilDay valid_from;
  absl::CivilDay valid_until;
  std::string agency_name;
  std::string holder_name_masked;  // the first character, then one * per character
  absl::Time checked_at;
};

struct VerificationOptions {
  std::string url_base = "https://zfjd.nx.gov.cn/verify";
  int per_minute = 30;  // per client address, per replica
  int burst = 10;
};

// "张*" for "张三", "欧**" for "欧阳修": the first character kept.
std::string MaskName(const std::string& name);

class CertificateVerifier {
 public:
  CertificateVerifier(PersonnelStore* store, const UseCaseDeps& deps, VerificationOptions options);

  // For agency_admin, supervisor and system within the certificate's
  // jurisdiction (a bound admin: its agency's): the code and text to print.
  absl::StatusOr<PrintedVerification> Printed(const auth::Principal& who, const std::string& id);

  // Public: `peer` is the client's address (the rate limit's key), and
  // either `text` (the printed URL, or "<number> <code>") or `number` and
  // `code`. A wrong code and an unknown number are the same NOT_FOUND.
  absl::StatusOr<CertificateVerification> Verify(const std::string& peer, const std::string& number,
                                                 const std::string& code, const std::string& text);

 private:
  std::string CodeFor(const std::string& number) const;

  PersonnelStore* store_;
  UseCaseDeps deps_;
  const VerificationOptions options_;
  app::RateLimiter limiter_;
};

}  // namespace lawenforce::personnel

#endif  // LAWENFORCE_SERVICES_PERSONNEL_APP_VERIFICATION_H_
