#include "tools/lawenforcectl/args.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace lawenforce::ctl {
namespace {

const FlagSpec* FindSpec(const std::vector<FlagSpec>& specs, absl::string_view name) {
  for (const FlagSpec& spec : specs) {
    if (spec.name == name) {
      return &spec;
    }
  }
  return nullptr;
}

absl::Status UsageError(absl::string_view message) { return absl::InvalidArgumentError(message); }

}  // namespace

FlagSpec Required(std::string name, std::string value_name, std::string help) {
  return {std::move(name), std::move(value_name), std::move(help), /*required=*/true,
          /*repeatable=*/false};
}

FlagSpec Optional(std::string name, std::string value_name, std::string help) {
  return {std::move(name), std::move(value_name), std::move(help), /*required=*/false,
          /*repeatable=*/false};
}

FlagSpec RequiredRepeated(std::string name, std::string value_name, std::string help) {
  return {std::move(name), std::move(value_name), std::move(help), /*required=*/true,
          /*repeatable=*/true};
}

FlagSpec OptionalRepeated(std::string name, std::string value_name, std::string help) {
  return {std::move(name), std::move(value_name), std::move(help), /*required=*/false,
          /*repeatable=*/true};
}

FlagSpec Switch(std::string name, std::string help) {
  return {std::move(name), "", std::move(help), /*required=*/false, /*repeatable=*/false};
}

Args::Args(std::vector<FlagSpec> specs, std::map<std::string, std::vector<std::string>> values,
           std::vector<std::string> positionals, bool help)
    : specs_(std::move(specs)),
      values_(std::move(values)),
      positionals_(std::move(positionals)),
      help_(help) {}

void Args::CheckDeclared(absl::string_view flag) const {
  if (FindSpec(specs_, flag) == nullptr) {
    std::fprintf(stderr, "internal error: flag --%.*s is not declared by this command\n",
                 static_cast<int>(flag.size()), flag.data());
    std::abort();
  }
}

bool Args::Has(absl::string_view flag) const {
  CheckDeclared(flag);
  return values_.find(std::string(flag)) != values_.end();
}

std::string Args::Value(absl::string_view flag) const {
  const std::vector<std::string>& values = Values(flag);
  return values.empty() ? std::string() : values.back();
}

const std::vector<std::string>& Args::Values(absl::string_view flag) const {
  CheckDeclared(flag);
  static const std::vector<std::string>* const kNone = new std::vector<std::string>();
  auto it = values_.find(std::string(flag));
  return it == values_.end() ? *kNone : it->second;
}

bool Args::Enabled(absl::string_view flag) const { return Value(flag) == "true"; }

absl::StatusOr<Args> ParseArgs(const std::vector<FlagSpec>& specs,
                               const std::vector<std::string>& tokens,
                               absl::string_view positional_name) {
  std::map<std::string, std::vector<std::string>> values;
  std::vector<std::string> positionals;
  bool help = false;
  bool only_positionals = false;

  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    if (only_positionals || token == "-" || !absl::StartsWith(token, "-")) {
      positionals.push_back(token);
      continue;
    }
    if (token == "--") {
      only_positionals = true;
      continue;
    }
    if (token == "-h" || token == "--help") {
      help = true;
      continue;
    }
    if (!absl::StartsWith(token, "--")) {
      return UsageError(absl::StrCat("unknown flag ", token, " (flags are spelled --name)"));
    }

    absl::string_view body = absl::string_view(token).substr(2);
    std::string name;
    std::string value;
    bool has_inline_value = false;
    if (size_t eq = body.find('='); eq != absl::string_view::npos) {
      name = std::string(body.substr(0, eq));
      value = std::string(body.substr(eq + 1));
      has_inline_value = true;
    } else {
      name = std::string(body);
    }

    const FlagSpec* spec = FindSpec(specs, name);
    if (spec == nullptr) {
      return UsageError(absl::StrCat("unknown flag --", name));
    }
    if (spec->value_name.empty()) {
      if (!has_inline_value) {
        value = "true";
      } else if (value != "true" && value != "false") {
        return UsageError(absl::StrCat("--", name, ": want true or false, got \"", value, "\""));
      }
    } else if (!has_inline_value) {
      if (i + 1 >= tokens.size() || absl::StartsWith(tokens[i + 1], "--")) {
        return UsageError(absl::StrCat("--", name, " needs a value (", spec->value_name, "; use --",
                                       name, "=VALUE for one starting with '--')"));
      }
      value = tokens[++i];
    }
    if (spec->required && value.empty()) {
      return UsageError(absl::StrCat("--", name, " must not be empty"));
    }

    std::vector<std::string>& slot = values[name];
    if (!slot.empty() && !spec->repeatable) {
      return UsageError(absl::StrCat("--", name, " given more than once"));
    }
    slot.push_back(std::move(value));
  }

  if (!help) {
    for (const FlagSpec& spec : specs) {
      if (spec.required && values.find(spec.name) == values.end()) {
        return UsageError(absl::StrCat("missing required flag --", spec.name));
      }
    }
    const std::vector<std::string> names = absl::StrSplit(positional_name, ' ', absl::SkipEmpty());
    const size_t want = names.size();
    if (positionals.size() < want) {
      return UsageError(absl::StrCat("missing argument ", names[positionals.size()]));
    }
    if (positionals.size() > want) {
      return UsageError(absl::StrCat("unexpected argument \"", positionals[want], "\""));
    }
  }
  return Args(specs, std::move(values), std::move(positionals), help);
}

}  // namespace lawenforce::ctl
