#include "services/case/domain/benchmark.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/status/macros.h"
#include "common/validation/validate.h"

namespace lawenforce::cases {
namespace {

absl::Status ValidateLevelCode(const std::string& field, const std::string& code) {
  if (code.size() < 2 || code.size() > 32 ||
      !absl::ascii_islower(static_cast<unsigned char>(code[0]))) {
    return InvalidField(field, "must be 2..32 characters: a lower-case letter, then a-z, 0-9 or _");
  }
  for (char c : code) {
    if (!absl::ascii_islower(static_cast<unsigned char>(c)) &&
        !absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '_') {
      return InvalidField(field,
                          "must be 2..32 characters: a lower-case letter, then a-z, 0-9 or _");
    }
  }
  return absl::OkStatus();
}

bool Allows(const BenchmarkLevel& level, PenaltyKind kind) {
  return std::find(level.allowed_kinds.begin(), level.allowed_kinds.end(), kind) !=
         level.allowed_kinds.end();
}

// Lexicographic severity of a level: heaviest kind, then the fine range.
std::tuple<int, int64_t, int64_t> Severity(const BenchmarkLevel& level) {
  int heaviest = 0;
  for (PenaltyKind k : level.allowed_kinds) heaviest = std::max(heaviest, static_cast<int>(k));
  const bool fines = Allows(level, PenaltyKind::kFine);
  return {heaviest, fines ? level.max_fine_fen : 0, fines ? level.min_fine_fen : 0};
}

std::string Describe(const ItemVersion& i, const std::optional<BenchmarkVersion>& b) {
  return absl::StrCat("item version ", i.number,
                      b.has_value() ? absl::StrCat(", benchmark version ", b->number)
                                    : std::string(", no benchmark"));
}

}  // namespace

bool IsPenaltyKind(int value) { return value >= 1 && value <= kPenaltyKindCount; }

absl::Status ValidateBenchmark(const BenchmarkVersion& b,
                               const std::optional<BenchmarkVersion>& latest, absl::Time now) {
  LE_RETURN_IF_ERROR(ValidateText("benchmark.basis", b.basis, 500));
  if (b.levels.empty()) return InvalidField("benchmark.levels", "at least one level is required");
  if (b.levels.size() > 20) return InvalidField("benchmark.levels", "at most 20 levels");
  std::set<std::string> codes;
  for (size_t i = 0; i < b.levels.size(); ++i) {
    const BenchmarkLevel& l = b.levels[i];
    const std::string field = absl::StrCat("benchmark.levels[", i, "]");
    LE_RETURN_IF_ERROR(ValidateLevelCode(field + ".code", l.code));
    if (!codes.insert(l.code).second) {
      return InvalidField(field + ".code", absl::StrCat("duplicate level ", l.code));
    }
    LE_RETURN_IF_ERROR(ValidateText(field + ".description", l.description, 500));
    if (l.allowed_kinds.empty() && !l.first_violation_exempt) {
      return InvalidField(field + ".allowed_kinds",
                          "at least one kind, unless the level exempts a first violation");
    }
    std::set<PenaltyKind> kinds;
    for (size_t k = 0; k < l.allowed_kinds.size(); ++k) {
      if (!kinds.insert(l.allowed_kinds[k]).second) {
        return InvalidField(absl::StrCat(field, ".allowed_kinds[", k, "]"), "duplicate kind");
      }
    }
    if (l.min_fine_fen < 0 || l.max_fine_fen < 0) {
      return InvalidField(field + ".min_fine_fen", "must not be negative");
    }
    if (Allows(l, PenaltyKind::kFine)) {
      if (l.max_fine_fen == 0) return InvalidField(field + ".max_fine_fen", "required with FINE");
      if (l.min_fine_fen > l.max_fine_fen) {
        return InvalidField(field + ".min_fine_fen", "must not exceed max_fine_fen");
      }
    } else if (l.min_fine_fen != 0 || l.max_fine_fen != 0) {
      return InvalidField(field + ".max_fine_fen", "a fine range needs FINE among allowed_kinds");
    }
  }
  if (latest.has_value()) {
    if (b.effective_from < now) {
      return InvalidField("benchmark.effective_from",
                          "must not be in the past: what was in force then cannot change");
    }
    if (b.effective_from <= latest->effective_from) {
      return InvalidField("benchmark.effective_from", "must be after the latest version's");
    }
  }
  return absl::OkStatus();
}

std::optional<BenchmarkVersion> BenchmarkAt(const std::vector<BenchmarkVersion>& versions,
                                            absl::Time t) {
  std::optional<BenchmarkVersion> found;
  for (const BenchmarkVersion& v : versions) {
    if (v.effective_from <= t) found = v;
  }
  return found;
}

const BenchmarkLevel* FindLevel(const BenchmarkVersion& b, const std::string& code) {
  for (const BenchmarkLevel& l : b.levels) {
    if (l.code == code) return &l;
  }
  return nullptr;
}

std::string OutsideReason(const BenchmarkLevel& level, const Sanction& s) {
  for (PenaltyKind k : s.kinds) {
    if (!Allows(level, k)) {
      return absl::StrCat("penalty kind ", static_cast<int>(k), " is not allowed at level ",
                          level.code);
    }
  }
  const bool fined = std::find(s.kinds.begin(), s.kinds.end(), PenaltyKind::kFine) != s.kinds.end();
  if (fined && s.fine_fen > level.max_fine_fen) {
    return absl::StrCat("fine ", s.fine_fen, " fen above the level's maximum ", level.max_fine_fen);
  }
  if (fined && s.fine_fen < level.min_fine_fen) {
    return absl::StrCat("fine ", s.fine_fen, " fen below the level's minimum ", level.min_fine_fen);
  }
  return "";
}

absl::StatusOr<AppliedRules> ChooseRules(const std::vector<ItemVersion>& items,
                                         const std::vector<BenchmarkVersion>& benchmarks,
                                         absl::Time violation, absl::Time decided,
                                         const std::string& circumstance) {
  std::optional<ItemVersion> item_then = ItemVersionAt(items, violation);
  if (!item_then.has_value()) {
    return absl::FailedPreconditionError(
        "the item had no version in force when the violation happened");
  }
  std::optional<ItemVersion> item_now = ItemVersionAt(items, decided);
  if (!item_now.has_value()) item_now = item_then;  // decided before the violation: never
  std::optional<BenchmarkVersion> bench_then = BenchmarkAt(benchmarks, violation);
  std::optional<BenchmarkVersion> bench_now = BenchmarkAt(benchmarks, decided);
  AppliedRules out;
  out.item = *item_then;
  out.benchmark = bench_then.has_value() ? bench_then : bench_now;
  const bool same =
      item_now->number == item_then->number && (!bench_then.has_value() || !bench_now.has_value() ||
                                                bench_now->number == bench_then->number);
  // No benchmark yet at the violation: the one at the decision is the
  // only guide there is (said so).
  const std::string no_earlier_benchmark =
      !bench_then.has_value() && bench_now.has_value()
          ? "; no benchmark was in force at the violation: the benchmark in force at the "
            "decision is applied"
          : "";
  if (same) {
    out.explanation = absl::StrCat("in force at the violation: ", Describe(out.item, out.benchmark),
                                   no_earlier_benchmark);
    return out;
  }
  bool lighter = false;
  std::string why;
  if (item_now->repealed && !item_then->repealed) {
    lighter = true;
    why = "the item was repealed since the violation";
  } else if (bench_then.has_value() && bench_now.has_value()) {
    const BenchmarkLevel* then_level = FindLevel(*bench_then, circumstance);
    const BenchmarkLevel* now_level = FindLevel(*bench_now, circumstance);
    if (then_level != nullptr && now_level != nullptr &&
        Severity(*now_level) < Severity(*then_level)) {
      lighter = true;
      why = absl::StrCat("level ", circumstance, " is lighter in benchmark version ",
                         bench_now->number);
    }
  }
  if (lighter) {
    out.item = *item_now;
    out.benchmark = bench_now;
    out.later_rule_lighter = true;
    out.explanation =
        absl::StrCat("in force at the decision, lighter for the party (APL art. 37): ", why, "; ",
                     Describe(out.item, out.benchmark));
  } else {
    out.explanation = absl::StrCat("in force at the violation (the later rule is not lighter): ",
                                   Describe(out.item, out.benchmark), no_earlier_benchmark);
  }
  return out;
}

}  // namespace lawenforce::cases
