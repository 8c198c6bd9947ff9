#include "services/personnel/app/verification.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "openssl/crypto.h"
#include "services/personnel/domain/certificate_machine.h"
#include "services/personnel/domain/validation.h"

namespace lawenforce::personnel {
namespace {

constexpr char kCodeContext[] = "certificate_verification_code";
constexpr size_t kCodeLength = 10;
const auth::RoleSet kPrinters = {auth::Role::kAgencyAdmin, auth::Role::kSupervisor,
                                 auth::Role::kSystem};

// The client's address without its port: "ipv4:10.0.0.7:51234" ->
// "ipv4:10.0.0.7", "ipv6:[::1]:5000" -> "ipv6:[::1]".
std::string AddressOf(const std::string& peer) {
  const size_t colon = peer.rfind(':');
  if (colon == std::string::npos || colon == peer.find(':')) return peer;  // "unix:...": no port
  return peer.substr(0, colon);
}

// "…?n=<number>&c=<code>" or "<number> <code>".
void ParseText(absl::string_view text, std::string& number, std::string& code) {
  text = absl::StripAsciiWhitespace(text);
  const size_t q = text.rfind('?');
  if (q != absl::string_view::npos) {
    absl::string_view query = text.substr(q + 1);
    query = query.substr(0, query.find('#'));
    for (absl::string_view pair : absl::StrSplit(query, '&')) {
      if (absl::ConsumePrefix(&pair, "n=")) number = std::string(pair);
      if (absl::ConsumePrefix(&pair, "c=")) code = std::string(pair);
    }
    return;
  }
  std::vector<std::string> parts = absl::StrSplit(text, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  if (parts.size() == 2) {
    number = parts[0];
    code = parts[1];
  }
}

}  // namespace

std::string MaskName(const std::string& name) {
  std::string out;
  size_t i = 0;
  bool first = true;
  while (i < name.size()) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    const size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (first) {
      out.append(name, i, len);
      first = false;
    } else {
      out.push_back('*');
    }
    i += len;
  }
  return out;
}

CertificateVerifier::CertificateVerifier(PersonnelStore* store, const UseCaseDeps& deps,
                                         VerificationOptions options)
    : store_(store),
      deps_(deps),
      options_(std::move(options)),
      limiter_(deps.clock, options_.per_minute, options_.burst) {}

std::string CertificateVerifier::CodeFor(const std::string& number) const {
  return absl::AsciiStrToUpper(deps_.pii->BlindIndex(number, kCodeContext).substr(0, kCodeLength));
}

absl::StatusOr<PrintedVerification> CertificateVerifier::Printed(const auth::Principal& who,
                                                                 const std::string& id) {
  constexpr absl::string_view kAction = "print this certificate's verification code";
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireRole(who, kPrinters, kAction));
  LE_ASSIGN_OR_RETURN(Certificate c, deps_.lookups->VisibleCertificate(who, "id", id, kAction));
  LE_RETURN_IF_ERROR(deps_.authorizer->RequireAgency(who, c.agency_id, kAction));
  PrintedVerification out;
  out.certificate_id = c.id;
  out.number = c.number;
  out.code = CodeFor(c.number);
  out.text = absl::StrCat(options_.url_base, "?n=", c.number, "&c=", out.code);
  return out;
}

absl::StatusOr<CertificateVerification> CertificateVerifier::Verify(const std::string& peer,
                                                                    const std::string& number_in,
                                                                    const std::string& code_in,
                                                                    const std::string& text) {
  LE_RETURN_IF_ERROR(limiter_.Take(AddressOf(peer), "certificate verifications"));
  std::string number = number_in;
  std::string code = code_in;
  if (!text.empty()) {
    if (!number.empty() || !code.empty()) {
      return InvalidField("text", "give text, or number and code, not both");
    }
    ParseText(text, number, code);
    if (number.empty() || code.empty()) {
      return InvalidField("text", "must be the printed verification URL or \"<number> <code>\"");
    }
  }
  LE_RETURN_IF_ERROR(ValidateCertificateNumber("number", number));
  if (code.size() != kCodeLength ||
      !std::all_of(code.begin(), code.end(), [](char ch) { return absl::ascii_isxdigit(ch); })) {
    return InvalidField("code", "must be the 10 characters printed with the certificate");
  }
  number = NormalizeCertificateNumber(number);
  code = absl::AsciiStrToUpper(code);
  const std::string expected = CodeFor(number);
  const absl::Status not_found =
      absl::NotFoundError("no certificate with this number and verification code");
  // The code is compared before the store is read, in constant time: a
  // wrong code costs the same whether or not the number exists.
  if (CRYPTO_memcmp(expected.data(), code.data(), kCodeLength) != 0) return not_found;
  absl::StatusOr<Certificate> c = store_->GetCertificateByNumber(number);
  if (c.status().code() == absl::StatusCode::kNotFound) return not_found;
  LE_RETURN_IF_ERROR(c.status());
  const absl::Time now = deps_.clock->Now();
  CertificateVerification out;
  out.number = c->number;
  out.state = EffectiveState(*c, now);
  out.valid = out.state == CertificateState::kActive;
  out.kind = c->kind;
  out.domains = c->domains;
  out.valid_from = c->valid_from;
  out.valid_until = c->valid_until;
  out.checked_at = now;
  LE_ASSIGN_OR_RETURN(Agency agency, store_->GetAgency(c->agency_id));
  out.agency_name = agency.name;
  LE_ASSIGN_OR_RETURN(Officer holder, store_->GetOfficer(c->officer_id));
  out.holder_name_masked = MaskName(holder.name);
  return out;
}

}  // namespace lawenforce::personnel
