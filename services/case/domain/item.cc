#include "services/case/domain/item.h"

#include "absl/strings/ascii.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/validation/validate.h"

namespace lawenforce::cases {

const char* ItemKindName(ItemKind k) {
  switch (k) {
    case ItemKind::kPenalty:
      return "PENALTY";
    case ItemKind::kCoercion:
      return "COERCION";
    case ItemKind::kInspection:
      return "INSPECTION";
    case ItemKind::kOther:
      return "OTHER";
  }
  return "UNKNOWN";
}

absl::Status ValidateItem(const EnforcementItem& item) {
  if (item.code.empty()) return InvalidField("item.code", "required");
  if (item.code.size() > 32) return InvalidField("item.code", "must be at most 32 characters");
  for (char c : item.code) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-') {
      return InvalidField("item.code", "may contain only letters, digits and -");
    }
  }
  LE_RETURN_IF_ERROR(ValidateText("item.name", item.name, 200));
  LE_RETURN_IF_ERROR(ValidateText("item.legal_basis", item.legal_basis, 500));
  LE_RETURN_IF_ERROR(ValidateDomainCode("item.domain", item.domain));
  switch (item.kind) {
    case ItemKind::kPenalty:
    case ItemKind::kCoercion:
    case ItemKind::kInspection:
    case ItemKind::kOther:
      return absl::OkStatus();
  }
  return InvalidField("item.kind", "unknown kind");
}

absl::Status ValidateRevision(const EnforcementItem& item, const ItemVersion& v, absl::Time now) {
  LE_RETURN_IF_ERROR(ValidateText("version.name", v.name, 200));
  LE_RETURN_IF_ERROR(ValidateText("version.legal_basis", v.legal_basis, 500));
  LE_RETURN_IF_ERROR(ValidateText("version.reason", v.reason, 500));
  if (v.effective_from < now) {
    return InvalidField("version.effective_from",
                        "must not be in the past: what was in force then cannot change");
  }
  if (!item.versions.empty() && v.effective_from <= item.versions.back().effective_from) {
    return InvalidField("version.effective_from", "must be after the latest version's");
  }
  return absl::OkStatus();
}

std::optional<ItemVersion> ItemVersionAt(const std::vector<ItemVersion>& versions, absl::Time t) {
  std::optional<ItemVersion> found;
  for (const ItemVersion& v : versions) {
    if (v.effective_from <= t) found = v;
  }
  return found;
}

std::string NormalizeItemCode(const std::string& code) { return absl::AsciiStrToUpper(code); }

}  // namespace lawenforce::cases
