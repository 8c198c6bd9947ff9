#include "services/personnel/app/use_case_deps.h"

#include "services/personnel/domain/validation.h"

namespace lawenforce::personnel {

absl::Status ValidateKnownDomains(const UseCaseDeps& deps, absl::string_view field,
                                  const std::vector<std::string>& domains) {
  if (deps.domains != nullptr) return deps.domains->Validate(field, domains);
  return ValidateDomains(field, domains);
}

absl::StatusOr<std::optional<IdempotencyKey>> KeyOf(const UseCaseDeps& deps,
                                                    absl::string_view method,
                                                    const auth::Principal& who,
                                                    const CreateOptions& options,
                                                    absl::string_view protected_form) {
  return app::KeyFor(method, who, options, *deps.pii, protected_form);
}

absl::StatusOr<Agency> Lookups::VisibleAgency(const auth::Principal& who, absl::string_view field,
                                              const std::string& id,
                                              absl::string_view action) const {
  return app::FindVisible<Agency>(*authorizer_, who, field, id, "agency", action,
                                  [&](const std::string& i) { return agencies_->GetAgency(i); });
}

absl::StatusOr<Officer> Lookups::VisibleOfficer(const auth::Principal& who, absl::string_view field,
                                                const std::string& id,
                                                absl::string_view action) const {
  return app::FindVisible<Officer>(*authorizer_, who, field, id, "officer", action,
                                   [&](const std::string& i) { return records_->GetOfficer(i); });
}

absl::StatusOr<Certificate> Lookups::VisibleCertificate(const auth::Principal& who,
                                                        absl::string_view field,
                                                        const std::string& id,
                                                        absl::string_view action) const {
  return app::FindVisible<Certificate>(
      *authorizer_, who, field, id, "certificate", action,
      [&](const std::string& i) { return records_->GetCertificate(i); });
}

}  // namespace lawenforce::personnel
