#include "common/config/flags.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace lawenforce::config {
namespace {

constexpr absl::string_view kHelpMessage = "help requested";

bool IsWellFormedName(absl::string_view name) {
  if (name.empty() || name.front() == '-' || name.back() == '-') {
    return false;
  }
  for (char c : name) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '-') {
      return false;
    }
  }
  return true;
}

// Programming errors (undeclared or duplicate flags) are not recoverable:
// report and stop, like a failed CHECK.
[[noreturn]] void Die(absl::string_view message) {
  std::fprintf(stderr, "config::Flags: %.*s\n", static_cast<int>(message.size()), message.data());
  std::abort();
}

}  // namespace

EnvLookup ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) {
      return std::nullopt;
    }
    return std::string(value);
  };
}

std::string EnvName(absl::string_view name) {
  std::string env = absl::StrCat("LAWENFORCE_", absl::AsciiStrToUpper(name));
  for (char& c : env) {
    if (c == '-') {
      c = '_';
    }
  }
  return env;
}

bool IsHelpRequested(const absl::Status& status) {
  return status.code() == absl::StatusCode::kCancelled && status.message() == kHelpMessage;
}

Flags::Flags(std::string program, EnvLookup env)
    : program_(std::move(program)), env_(std::move(env)) {}

void Flags::Define(absl::string_view name, absl::string_view default_value,
                   absl::string_view help) {
  if (!IsWellFormedName(name)) {
    Die(absl::StrCat("malformed flag name \"", name, "\""));
  }
  if (IsDefined(name)) {
    Die(absl::StrCat("flag --", name, " defined twice"));
  }
  Flag flag{std::string(name), std::string(default_value), std::string(help),
            std::string(default_value), Source::kDefault};
  if (env_) {
    if (std::optional<std::string> from_env = env_(EnvName(name)); from_env.has_value()) {
      flag.value = *std::move(from_env);
      flag.source = Source::kEnvironment;
    }
  }
  index_.emplace(flag.name, flags_.size());
  flags_.push_back(std::move(flag));
}

absl::Status Flags::Parse(int argc, const char* const* argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    args.emplace_back(argv[i]);
  }
  return Parse(args);
}

absl::Status Flags::Parse(const std::vector<std::string>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    absl::string_view arg = args[i];
    if (arg == "--") {
      positional_.insert(positional_.end(), args.begin() + i + 1, args.end());
      break;
    }
    if (arg == "--help" || arg == "-h") {
      std::cout << Usage() << std::flush;
      return absl::CancelledError(kHelpMessage);
    }
    if (!absl::StartsWith(arg, "-") || arg == "-") {
      positional_.emplace_back(arg);
      continue;
    }
    if (!absl::StartsWith(arg, "--")) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown flag ", arg, " (flags are spelt --name=value)"));
    }
    absl::string_view body = arg.substr(2);
    absl::string_view name = body;
    std::optional<std::string> value;
    if (size_t eq = body.find('='); eq != absl::string_view::npos) {
      name = body.substr(0, eq);
      value = std::string(body.substr(eq + 1));
    }
    auto it = index_.find(name);
    if (it == index_.end()) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name));
    }
    if (!value.has_value()) {
      if (i + 1 >= args.size() || absl::StartsWith(args[i + 1], "--")) {
        return absl::InvalidArgumentError(absl::StrCat("flag --", name, " needs a value"));
      }
      value = args[++i];
    }
    Flag& flag = flags_[it->second];
    flag.value = *std::move(value);
    flag.source = Source::kCommandLine;
  }
  return absl::OkStatus();
}

bool Flags::IsDefined(absl::string_view name) const { return index_.contains(name); }

const Flags::Flag& Flags::Find(absl::string_view name) const {
  auto it = index_.find(name);
  if (it == index_.end()) {
    Die(absl::StrCat("flag --", name, " read but never defined"));
  }
  return flags_[it->second];
}

std::string Flags::Get(absl::string_view name) const { return Find(name).value; }

absl::Status Flags::BadValue(const Flag& flag, absl::string_view what) const {
  std::string source;
  switch (flag.source) {
    case Source::kDefault:
      source = "the default";
      break;
    case Source::kEnvironment:
      source = EnvName(flag.name);
      break;
    case Source::kCommandLine:
      source = "the command line";
      break;
  }
  return absl::InvalidArgumentError(absl::StrCat("--", flag.name, ": \"", flag.value, "\" is not ",
                                                 what, " (from ", source, ")"));
}

absl::StatusOr<int64_t> Flags::GetInt(absl::string_view name) const {
  const Flag& flag = Find(name);
  int64_t value = 0;
  if (!absl::SimpleAtoi(flag.value, &value)) {
    return BadValue(flag, "an integer");
  }
  return value;
}

absl::StatusOr<absl::Duration> Flags::GetDuration(absl::string_view name) const {
  const Flag& flag = Find(name);
  absl::Duration value;
  if (!absl::ParseDuration(flag.value, &value) || value < absl::ZeroDuration() ||
      value == absl::InfiniteDuration()) {
    return BadValue(flag, "a duration such as \"10s\" or \"250ms\"");
  }
  return value;
}

absl::StatusOr<bool> Flags::GetBool(absl::string_view name) const {
  const Flag& flag = Find(name);
  std::string lower = absl::AsciiStrToLower(flag.value);
  if (lower == "true" || lower == "yes" || lower == "1") {
    return true;
  }
  if (lower == "false" || lower == "no" || lower == "0") {
    return false;
  }
  return BadValue(flag, "a boolean (true/false)");
}

std::string Flags::Usage() const {
  std::string usage = absl::StrCat("Usage: ", program_, " [--flag=value ...]\n\nFlags:\n");
  for (const Flag& flag : flags_) {
    absl::StrAppend(&usage, "  --", flag.name, " (env ", EnvName(flag.name), ", default \"",
                    flag.default_value, "\")\n      ", flag.help, "\n");
  }
  absl::StrAppend(&usage, "  --help\n      Print this message and exit.\n");
  return usage;
}

absl::StatusOr<std::string> ReadSecret(const Flags& flags, absl::string_view name) {
  std::string value = flags.Get(name);
  if (!absl::StartsWith(value, "@")) {
    return value;
  }
  std::string path = value.substr(1);
  if (path.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, ": \"@\" must be followed by a file path"));
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::string message = absl::StrCat("--", name, ": cannot read ", path);
    int error = errno;
    return error != 0 ? absl::ErrnoToStatus(error, message) : absl::UnknownError(message);
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) {
    return absl::DataLossError(absl::StrCat("--", name, ": error reading ", path));
  }
  std::string secret = std::move(contents).str();
  if (absl::EndsWith(secret, "\r\n")) {
    secret.resize(secret.size() - 2);
  } else if (absl::EndsWith(secret, "\n")) {
    secret.resize(secret.size() - 1);
  }
  return secret;
}

}  // namespace lawenforce::config
