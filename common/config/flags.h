#ifndef LAWENFORCE_COMMON_CONFIG_FLAGS_H_
#define LAWENFORCE_COMMON_CONFIG_FLAGS_H_

// Process configuration from the command line and the environment.
//
// Every setting is a named flag ("metrics-listen") with a default and a help
// line. Its value comes from, in order of precedence:
//   1. the command line: `--metrics-listen=0.0.0.0:9464` or
//      `--metrics-listen 0.0.0.0:9464`;
//   2. the environment: LAWENFORCE_METRICS_LISTEN (see EnvName), which is
//      how Kubernetes manifests configure the services;
//   3. the default given to Define.
// An environment variable that is set but empty counts as set (to the empty
// string), so an operator can switch a default-on address off.
//
//   config::Flags flags("personnel-service");
//   server::DefineServerFlags(flags);
//   flags.Define("db", "var/personnel.db", "SQLite file or postgresql:// URI");
//   absl::Status parsed = flags.Parse(argc, argv);
//   if (config::IsHelpRequested(parsed)) return 0;
//   if (!parsed.ok()) { ...print parsed..., return 2; }

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace lawenforce::config {

// Looks an environment variable up: its value, or nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// EnvLookup over the real process environment (getenv).
EnvLookup ProcessEnvironment();

// The environment variable that feeds flag `name`: "LAWENFORCE_" followed
// by the name upper-cased with '-' turned into '_'
// ("metrics-listen" -> "LAWENFORCE_METRICS_LISTEN").
std::string EnvName(absl::string_view name);

// True for the status Parse returns after it printed the usage for --help.
bool IsHelpRequested(const absl::Status& status);

// A set of named string flags. Values are strings; the typed getters parse
// on demand and report errors naming the flag and where its value came from.
//
// Not thread-safe while flags are defined and parsed; the const getters may
// be called from any thread afterwards.
class Flags {
 public:
  // `program` appears in Usage(). `env` is consulted once per flag, when it
  // is defined; tests pass a fake instead of touching the real environment.
  explicit Flags(std::string program = "lawenforce", EnvLookup env = ProcessEnvironment());

  Flags(const Flags&) = delete;
  Flags& operator=(const Flags&) = delete;

  // Declares flag `name` (lower-case letters, digits and '-'). Its value is
  // the environment's when EnvName(name) is set, else `default_value`, until
  // Parse sees it on the command line.
  // Precondition: `name` is well-formed and not yet defined (checked; a
  // violation is a programming error and aborts).
  void Define(absl::string_view name, absl::string_view default_value, absl::string_view help);

  // Reads `--name=value` and `--name value` arguments (argv[0] is the
  // program and is skipped; "--" ends the flags). Arguments that do not
  // start with '-' are kept, in order, in positional().
  //
  // Returns OK; INVALID_ARGUMENT naming the argument for an unknown flag, a
  // flag without a value, or a single-dash argument; CANCELLED (see
  // IsHelpRequested) after printing Usage() to stdout for --help or -h.
  absl::Status Parse(int argc, const char* const* argv);
  absl::Status Parse(const std::vector<std::string>& args);

  // True when `name` was defined.
  bool IsDefined(absl::string_view name) const;

  // The value of flag `name`. Precondition: `name` was defined (aborts
  // otherwise: asking for an undeclared flag is a programming error).
  std::string Get(absl::string_view name) const;

  // The value parsed as a base-10 integer. INVALID_ARGUMENT naming the flag
  // when it is not one.
  absl::StatusOr<int64_t> GetInt(absl::string_view name) const;

  // The value in absl::ParseDuration syntax ("10s", "1m30s", "250ms", "0").
  // INVALID_ARGUMENT naming the flag when it is malformed or negative.
  absl::StatusOr<absl::Duration> GetDuration(absl::string_view name) const;

  // true/false, yes/no, 1/0 (any case). INVALID_ARGUMENT naming the flag
  // otherwise.
  absl::StatusOr<bool> GetBool(absl::string_view name) const;

  // Non-flag arguments, in command-line order.
  const std::vector<std::string>& positional() const { return positional_; }

  // One paragraph per flag: name, environment variable, default and help,
  // in definition order.
  std::string Usage() const;

 private:
  enum class Source { kDefault, kEnvironment, kCommandLine };

  struct Flag {
    std::string name;
    std::string default_value;
    std::string help;
    std::string value;
    Source source = Source::kDefault;
  };

  const Flag& Find(absl::string_view name) const;
  // INVALID_ARGUMENT "--name: <value> is not <what> (from <source>)".
  absl::Status BadValue(const Flag& flag, absl::string_view what) const;

  std::string program_;
  EnvLookup env_;
  std::vector<Flag> flags_;                           // In definition order.
  std::map<std::string, size_t, std::less<>> index_;  // name -> flags_ index.
  std::vector<std::string> positional_;
};

// The value of flag `name`, where a value "@path" means "the contents of the
// file at path" with one trailing newline ("\n" or "\r\n") removed; any other
// value is returned as is. Meant for keys and secrets mounted from a
// Kubernetes Secret, so they need not appear in the process's arguments or
// environment.
//
// INVALID_ARGUMENT naming the flag for a bare "@"; the errno-derived code
// (NOT_FOUND, PERMISSION_DENIED, ...) naming the flag and the path when the
// file cannot be read.
absl::StatusOr<std::string> ReadSecret(const Flags& flags, absl::string_view name);

}  // namespace lawenforce::config

#endif  // LAWENFORCE_COMMON_CONFIG_FLAGS_H_
