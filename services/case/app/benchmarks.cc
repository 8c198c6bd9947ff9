#include "services/case/app/benchmarks.h"

#include "common/app/use_case.h"
#include "common/status/errors.h"
#include "common/status/macros.h"

namespace lawenforce::cases {
namespace {

const auth::RoleSet kWriters = {auth::Role::kAgencyAdmin, auth::Role::kSupervisor,
                                auth::Role::kSystem};

}  // namespace

absl::StatusOr<BenchmarkVersion> Benchmarks::Publish(const auth::Principal& who,
                                                     const std::string& item_id,
                                                     absl::StatusOr<BenchmarkVersion> input) {
  constexpr absl::string_view kAction = "publish benchmarks for this item";
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, kWriters, kAction));
  LE_ASSIGN_OR_RETURN(BenchmarkVersion b, std::move(input));
  LE_ASSIGN_OR_RETURN(EnforcementItem item,
                      app::FindVisible<EnforcementItem>(
                          *d_.authorizer, who, "item_id", item_id, "item", kAction,
                          [&](const std::string& id) { return d_.store->GetItem(id); }));
  LE_RETURN_IF_ERROR(d_.authorizer->RequireAgency(who, item.agency_id, kAction));
  LE_ASSIGN_OR_RETURN(std::vector<BenchmarkVersion> versions, d_.store->ListBenchmarks(item_id));
  const absl::Time now = d_.clock->Now();
  if (b.effective_from == absl::InfinitePast()) b.effective_from = now;
  std::optional<BenchmarkVersion> latest;
  if (!versions.empty()) latest = versions.back();
  LE_RETURN_IF_ERROR(ValidateBenchmark(b, latest, now));
  b.item_id = item_id;
  b.number = latest.has_value() ? latest->number + 1 : 1;
  b.created_by = who.subject;
  b.create_time = now;
  LE_RETURN_IF_ERROR(d_.store->AddBenchmark(
      b, item.division_code,
      app::AuditOf(who, "benchmark.publish", item_id, now, absl::StrCat("version ", b.number))));
  return b;
}

absl::StatusOr<BenchmarkVersion> Benchmarks::Get(const auth::Principal& who,
                                                 const std::string& item_id,
                                                 std::optional<absl::Time> at) {
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, auth::RoleSet::All(), "read benchmarks"));
  LE_RETURN_IF_ERROR(ValidateId("item_id", item_id));
  LE_RETURN_IF_ERROR(d_.store->GetItem(item_id).status());
  LE_ASSIGN_OR_RETURN(std::vector<BenchmarkVersion> versions, d_.store->ListBenchmarks(item_id));
  std::optional<BenchmarkVersion> found = BenchmarkAt(versions, at.value_or(d_.clock->Now()));
  if (!found.has_value()) return absl::NotFoundError("benchmark not found");
  return *found;
}

absl::StatusOr<std::vector<BenchmarkVersion>> Benchmarks::List(const auth::Principal& who,
                                                               const std::string& item_id) {
  LE_RETURN_IF_ERROR(d_.authorizer->RequireRole(who, auth::RoleSet::All(), "read benchmarks"));
  LE_RETURN_IF_ERROR(ValidateId("item_id", item_id));
  LE_RETURN_IF_ERROR(d_.store->GetItem(item_id).status());
  return d_.store->ListBenchmarks(item_id);
}

}  // namespace lawenforce::cases
