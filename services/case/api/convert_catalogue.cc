#include "common/app/use_case.h"
#include "common/protoconv/protoconv.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "services/case/api/convert.h"

namespace lawenforce::cases::api {
namespace {

v1::ItemVersion ToProto(const ItemVersion& v) {
  v1::ItemVersion p;
  p.set_number(v.number);
  *p.mutable_effective_from() = protoconv::ToTimestamp(v.effective_from);
  p.set_name(v.name);
  p.set_legal_basis(v.legal_basis);
  p.set_major(v.major);
  p.set_delegated_to_townships(v.delegated_to_townships);
  p.set_repealed(v.repealed);
  p.set_reason(v.reason);
  p.set_created_by(v.created_by);
  *p.mutable_create_time() = protoconv::ToTimestamp(v.create_time);
  return p;
}

}  // namespace

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
  if (!i.versions.empty()) {
    *p.mutable_effective_from() = protoconv::ToTimestamp(i.versions.front().effective_from);
  }
  for (const ItemVersion& v : i.versions) *p.add_versions() = ToProto(v);
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
  i.versions.resize(1);
  i.versions[0].effective_from = absl::InfinitePast();
  if (p.has_effective_from()) {
    LE_ASSIGN_OR_RETURN(i.versions[0].effective_from,
                        protoconv::FromTimestamp("item.effective_from", p.effective_from()));
  }
  return i;
}

absl::StatusOr<ItemVersion> ItemVersionFromProto(const v1::ItemVersion& p) {
  ItemVersion v;
  v.name = p.name();
  v.legal_basis = p.legal_basis();
  v.major = p.major();
  v.delegated_to_townships = p.delegated_to_townships();
  v.repealed = p.repealed();
  v.reason = p.reason();
  v.effective_from = absl::InfinitePast();
  if (p.has_effective_from()) {
    LE_ASSIGN_OR_RETURN(v.effective_from,
                        protoconv::FromTimestamp("version.effective_from", p.effective_from()));
  }
  return v;
}

v1::Benchmark ToProto(const BenchmarkVersion& b) {
  v1::Benchmark p;
  p.set_item_id(b.item_id);
  p.set_number(b.number);
  *p.mutable_effective_from() = protoconv::ToTimestamp(b.effective_from);
  p.set_basis(b.basis);
  for (const BenchmarkLevel& l : b.levels) {
    v1::BenchmarkLevel* out = p.add_levels();
    out->set_code(l.code);
    out->set_description(l.description);
    for (PenaltyKind k : l.allowed_kinds) out->add_allowed_kinds(static_cast<v1::PenaltyKind>(k));
    out->set_min_fine_fen(l.min_fine_fen);
    out->set_max_fine_fen(l.max_fine_fen);
    out->set_first_violation_exempt(l.first_violation_exempt);
  }
  p.set_created_by(b.created_by);
  *p.mutable_create_time() = protoconv::ToTimestamp(b.create_time);
  return p;
}

absl::StatusOr<BenchmarkVersion> BenchmarkFromProto(const v1::Benchmark& p) {
  BenchmarkVersion b;
  b.basis = p.basis();
  b.effective_from = absl::InfinitePast();
  if (p.has_effective_from()) {
    LE_ASSIGN_OR_RETURN(b.effective_from,
                        protoconv::FromTimestamp("benchmark.effective_from", p.effective_from()));
  }
  for (int i = 0; i < p.levels_size(); ++i) {
    const v1::BenchmarkLevel& in = p.levels(i);
    BenchmarkLevel l;
    l.code = in.code();
    l.description = in.description();
    for (int k = 0; k < in.allowed_kinds_size(); ++k) {
      const int kind = in.allowed_kinds(k);
      if (!IsPenaltyKind(kind)) {
        return InvalidField(absl::StrCat("benchmark.levels[", i, "].allowed_kinds[", k, "]"),
                            "unknown penalty kind");
      }
      l.allowed_kinds.push_back(static_cast<PenaltyKind>(kind));
    }
    l.min_fine_fen = in.min_fine_fen();
    l.max_fine_fen = in.max_fine_fen();
    l.first_violation_exempt = in.first_violation_exempt();
    b.levels.push_back(std::move(l));
  }
  return b;
}

}  // namespace lawenforce::cases::api
