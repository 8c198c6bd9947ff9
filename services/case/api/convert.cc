#include "services/case/api/convert.h"

#include "common/app/use_case.h"
#include "common/protoconv/protoconv.h"
#include "common/status/errors.h"

namespace lawenforce::cases::api {

v1::EnforcementItem ToProto(const EnforcementItem& i, const Divisions& divisions) {
  v1::EnforcementItem p;
  p.set_id(i.id);
  p.set_agency_id(i.agency_id);
  p.set_division_code(i.division_code);
  p.set_tier(protoconv::TierOf(divisions, i.division_code));
  p.set_code(i.code);
  p.set_name(i.name);
  p.set_kind(static_cast<v1::ItemKind>(i.kind));
  p.set_legal_basis(i.legal_basis);
  p.set_domain(i.domain);
  p.set_major(i.major);
  p.set_delegated_to_townships(i.delegated_to_townships);
  *p.mutable_create_time() = protoconv::ToTimestamp(i.create_time);
  p.set_etag(app::Etag(i.version));
  return p;
}

absl::StatusOr<EnforcementItem> ItemFromProto(const v1::EnforcementItem& p) {
  if (p.kind() == v1::ITEM_KIND_UNSPECIFIED || !v1::ItemKind_IsValid(p.kind())) {
    return InvalidField("item.kind", "required: PENALTY, COERCION, INSPECTION or OTHER");
  }
  EnforcementItem i;
  i.agency_id = p.agency_id();
  i.code = p.code();
  i.name = p.name();
  i.kind = static_cast<ItemKind>(p.kind());
  i.legal_basis = p.legal_basis();
  i.domain = p.domain();
  i.major = p.major();
  i.delegated_to_townships = p.delegated_to_townships();
  return i;
}

}  // namespace lawenforce::cases::api
