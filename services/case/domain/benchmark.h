#ifndef LAWENFORCE_SERVICES_CASE_DOMAIN_BENCHMARK_H_
#define LAWENFORCE_SERVICES_CASE_DOMAIN_BENCHMARK_H_

// Discretion benchmarks (行政裁量权基准, tasks 9, 10): for an item, the
// circumstance levels (轻微, 一般, 较重, 严重...) with the penalty kinds and
// the fine range each allows. Benchmarks change by effective-dated
// versions, like items, and a decision records the item and benchmark
// versions it applied: those in force when the violation happened, unless
// the rule in force at the decision is lighter for the party (APL art. 37,
// ChooseRules). Money is integer fen. Free of gRPC and SQL types.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/case/domain/item.h"

namespace lawenforce::cases {

// APL art. 9's kinds, numbered from the lightest to the heaviest so that
// "lighter" compares them.
enum class PenaltyKind {
  kWarning = 1,              // 警告、通报批评
  kFine = 2,                 // 罚款
  kConfiscation = 3,         // 没收违法所得、没收非法财物
  kLicenceSuspension = 4,    // 暂扣许可证件、降低资质等级
  kBusinessRestriction = 5,  // 限制开展生产经营活动、责令停产停业、限制从业
  kLicenceRevocation = 6,    // 吊销许可证件、责令关闭
  kDetention = 7,            // 行政拘留
};
inline constexpr int kPenaltyKindCount = 7;
bool IsPenaltyKind(int value);

struct BenchmarkLevel {
  std::string code;  // [a-z][a-z0-9_]{1,31}, unique in the version: "minor", "serious"
  std::string description;
  std::vector<PenaltyKind> allowed_kinds;  // at least one unless no_penalty
  int64_t min_fine_fen = 0;                // with kFine allowed: 0 <= min <= max
  int64_t max_fine_fen = 0;
  // First violation, minor consequences, promptly corrected: may go
  // unpunished (首违不罚, APL art. 33).
  bool first_violation_exempt = false;
};

struct BenchmarkVersion {
  std::string item_id;
  int64_t number = 1;  // 1, 2, ... per item
  absl::Time effective_from;
  std::string basis;  // the document issuing it, 1..500 characters
  std::vector<BenchmarkLevel> levels;
  std::string created_by;
  absl::Time create_time;
};

// INVALID_ARGUMENT naming "benchmark.<field>" ("benchmark.levels[1].code").
// A first version may take effect at any time; a later one not before
// `now` and after the previous one's (nothing in force in the past changes).
absl::Status ValidateBenchmark(const BenchmarkVersion& b,
                               const std::optional<BenchmarkVersion>& latest, absl::Time now);

// The version in force at `t`, or nullopt.
std::optional<BenchmarkVersion> BenchmarkAt(const std::vector<BenchmarkVersion>& versions,
                                            absl::Time t);

// What a decision imposes, as checked against a benchmark.
struct Sanction {
  std::string circumstance;  // a level code
  std::vector<PenaltyKind> kinds;
  int64_t fine_fen = 0;
};

// Why a sanction is outside `level` ("fine 600000 fen above the level's
// maximum 500000"), or "" when it is within. A sanction is within when
// every kind is allowed and a fine lies in [min, max].
std::string OutsideReason(const BenchmarkLevel& level, const Sanction& s);

// The level of `b` named `code`, or nullptr.
const BenchmarkLevel* FindLevel(const BenchmarkVersion& b, const std::string& code);

// The rules a decision applies (APL art. 37).
struct AppliedRules {
  ItemVersion item;                           // always set
  std::optional<BenchmarkVersion> benchmark;  // none when the item has none
  // The rules in force at the decision were applied because they are
  // lighter for the party than those in force at the violation.
  bool later_rule_lighter = false;
  std::string explanation;  // for the record: which versions and why
};

// The item and benchmark versions for a decision at `decided` on a
// violation that ended at `violation`, for circumstance `circumstance`:
// those in force at `violation`, unless those in force at `decided` are
// lighter for the party: the item repealed since ("no longer a
// violation"), or the circumstance's level allowing a lighter heaviest
// kind, or the same kinds with a lower maximum fine, or the same maximum
// with a lower minimum. With no benchmark in force at the violation, the
// one in force at the decision is used (a discretion standard, not the
// law). FAILED_PRECONDITION when no item version was in force at the
// violation.
absl::StatusOr<AppliedRules> ChooseRules(const std::vector<ItemVersion>& items,
                                         const std::vector<BenchmarkVersion>& benchmarks,
                                         absl::Time violation, absl::Time decided,
                                         const std::string& circumstance);

}  // namespace lawenforce::cases

#endif  // LAWENFORCE_SERVICES_CASE_DOMAIN_BENCHMARK_H_
