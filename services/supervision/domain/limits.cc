#include "services/supervision/domain/limits.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/status/errors.h"

namespace lawenforce::supervision {
namespace {

bool SameKey(const LimitRule& a, const LimitRule& b) {
  return a.channel == b.channel && a.category == b.category && a.clock == b.clock;
}

// The rule of exactly (channel, category, clock) in `rules`, the latest
// version when there are several.
const LimitRule* Find(const std::vector<LimitRule>& rules, std::optional<Channel> channel,
                      Category category, ClockKind clock) {
  const LimitRule* found = nullptr;
  for (const LimitRule& r : rules) {
    if (r.channel == channel && r.category == category && r.clock == clock &&
        (found == nullptr || r.version > found->version)) {
      found = &r;
    }
  }
  return found;
}

absl::StatusOr<calendar::StatutoryPeriod> ParsePeriod(absl::string_view field,
                                                      absl::string_view text) {
  calendar::StatutoryPeriod p;
  absl::string_view number = text;
  if (absl::ConsumeSuffix(&number, "wd")) {
    p.unit = calendar::PeriodUnit::kWorkingDays;
  } else if (absl::ConsumeSuffix(&number, "d")) {
    p.unit = calendar::PeriodUnit::kCalendarDays;
  } else if (absl::ConsumeSuffix(&number, "h")) {
    p.unit = calendar::PeriodUnit::kHours;
  } else {
    return InvalidField(field, "the period needs a unit: d, wd or h");
  }
  if (!absl::SimpleAtoi(number, &p.count)) return InvalidField(field, "the period is not a number");
  if (absl::Status s = ValidateLimitPeriod(field, p); !s.ok()) return s;
  return p;
}

// One "[channel[/category].]clock=N<unit>" entry.
absl::StatusOr<LimitRule> ParseEntry(absl::string_view entry) {
  const std::string field = absl::StrCat("--complaint-limits: ", entry);
  std::pair<absl::string_view, absl::string_view> kv = absl::StrSplit(entry, '=');
  if (kv.second.empty()) return InvalidField(field, "expected <key>=<period>");
  LimitRule rule;
  absl::string_view key = kv.first;
  absl::string_view clock = key;
  if (size_t dot = key.rfind('.'); dot != absl::string_view::npos) {
    clock = key.substr(dot + 1);
    absl::string_view scope = key.substr(0, dot);
    absl::string_view channel = scope;
    if (size_t slash = scope.find('/'); slash != absl::string_view::npos) {
      channel = scope.substr(0, slash);
      std::optional<Category> category = CategoryFromCode(scope.substr(slash + 1));
      if (!category.has_value()) return InvalidField(field, "unknown category");
      rule.category = *category;
    }
    rule.channel = ChannelFromCode(channel);
    if (!rule.channel.has_value()) return InvalidField(field, "unknown channel");
  }
  std::optional<ClockKind> kind = ClockFromCode(clock);
  if (!kind.has_value()) return InvalidField(field, "the clock is acknowledge or resolve");
  rule.clock = *kind;
  absl::StatusOr<calendar::StatutoryPeriod> period = ParsePeriod(field, kv.second);
  if (!period.ok()) return period.status();
  rule.period = *period;
  return rule;
}

}  // namespace

absl::Status ValidateLimitPeriod(absl::string_view field, calendar::StatutoryPeriod p) {
  switch (p.unit) {
    case calendar::PeriodUnit::kCalendarDays:
    case calendar::PeriodUnit::kWorkingDays:
      if (p.count < 1 || p.count > 365) return InvalidField(field, "1..365 days");
      return absl::OkStatus();
    case calendar::PeriodUnit::kHours:
      if (p.count < 1 || p.count > 8760) return InvalidField(field, "1..8760 hours");
      return absl::OkStatus();
    case calendar::PeriodUnit::kYears:
      break;
  }
  return InvalidField(field, "the unit is calendar days, working days or hours");
}

absl::StatusOr<std::vector<LimitRule>> ParseLimits(absl::string_view spec) {
  std::vector<LimitRule> rules;
  for (absl::string_view text : {kDefaultLimits, spec}) {
    for (absl::string_view entry : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
      absl::StatusOr<LimitRule> rule = ParseEntry(absl::StripAsciiWhitespace(entry));
      if (!rule.ok()) return rule.status();
      // A later entry for the same key replaces the earlier one.
      bool replaced = false;
      for (LimitRule& r : rules) {
        if (SameKey(r, *rule)) {
          r = *rule;
          replaced = true;
        }
      }
      if (!replaced) rules.push_back(*rule);
    }
  }
  return rules;
}

const LimitRule& GoverningLimit(const std::vector<LimitRule>& defaults,
                                const std::vector<LimitRule>& overrides, Channel channel,
                                Category category, ClockKind clock) {
  if (category != Category::kAny) {
    if (const LimitRule* r = Find(overrides, channel, category, clock)) return *r;
    if (const LimitRule* r = Find(defaults, channel, category, clock)) return *r;
  }
  if (const LimitRule* r = Find(overrides, channel, Category::kAny, clock)) return *r;
  if (const LimitRule* r = Find(defaults, channel, Category::kAny, clock)) return *r;
  return *Find(defaults, std::nullopt, Category::kAny, clock);
}

std::string LimitSource(const LimitRule& r) {
  if (!r.channel.has_value()) return "default";
  std::string scope = ChannelCode(*r.channel);
  if (r.category != Category::kAny) absl::StrAppend(&scope, "/", CategoryCode(r.category));
  if (r.version == 0) return absl::StrCat(scope, " default");
  return absl::StrCat(scope, " v", r.version);
}

}  // namespace lawenforce::supervision
