#include "services/personnel/personnel_module.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/status/macros.h"
#include "services/personnel/store/cache_keys.h"
#include "services/personnel/store/certificate_deadlines.h"
#include "services/personnel/store/sql_personnel_store.h"

namespace lawenforce::personnel {
namespace {

// The domain list at `path`. A relative path that does not exist from the
// working directory is looked up beside the division table (--divisions),
// where the shipped data files live together.
absl::StatusOr<EnforcementDomains> LoadDomains(const std::string& path,
                                               const std::string& divisions_path) {
  std::filesystem::path file(path);
  if (file.is_relative() && !std::filesystem::exists(file) && !divisions_path.empty()) {
    std::filesystem::path beside =
        std::filesystem::path(divisions_path).parent_path() / file.filename();
    if (std::filesystem::exists(beside)) file = beside;
  }
  std::ifstream in(file);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat("--enforcement-domains: cannot read ", file.string()));
  }
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<EnforcementDomains> domains = EnforcementDomains::Parse(text.str());
  if (!domains.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--enforcement-domains ", file.string(), ": ", domains.status().message()));
  }
  return domains;
}

absl::StatusOr<int64_t> PositiveInt(const config::Flags& flags, absl::string_view name) {
  LE_ASSIGN_OR_RETURN(int64_t value, flags.GetInt(name));
  if (value <= 0) return absl::InvalidArgumentError(absl::StrCat("--", name, ": must be positive"));
  return value;
}

absl::StatusOr<absl::Duration> NonNegativeDuration(const config::Flags& flags,
                                                   absl::string_view name) {
  LE_ASSIGN_OR_RETURN(absl::Duration value, flags.GetDuration(name));
  if (value < absl::ZeroDuration()) {
    return absl::InvalidArgumentError(absl::StrCat("--", name, ": must not be negative"));
  }
  return value;
}

absl::StatusOr<PersonnelPolicy> PolicyFromFlags(const config::Flags& flags) {
  PersonnelPolicy policy;
  LE_ASSIGN_OR_RETURN(int64_t hours, PositiveInt(flags, "training-hours-per-year"));
  policy.required_training_minutes_per_year = hours * 60;
  LE_ASSIGN_OR_RETURN(int64_t daily, PositiveInt(flags, "max-training-hours-per-day"));
  if (daily > 24) {
    return absl::InvalidArgumentError("--max-training-hours-per-day: at most 24");
  }
  policy.max_training_minutes_per_day = daily * 60;
  LE_ASSIGN_OR_RETURN(int64_t percent, PositiveInt(flags, "legal-reviewer-percent"));
  if (percent > 100) return absl::InvalidArgumentError("--legal-reviewer-percent: at most 100");
  policy.legal_reviewer_percent = static_cast<int>(percent);
  LE_ASSIGN_OR_RETURN(policy.expiry_reminder_lead,
                      NonNegativeDuration(flags, "expiry-reminder-lead"));
  LE_ASSIGN_OR_RETURN(int64_t validity, PositiveInt(flags, "max-certificate-validity-days"));
  policy.max_validity_days = static_cast<int>(validity);
  LE_ASSIGN_OR_RETURN(policy.closed_year_grace, NonNegativeDuration(flags, "closed-year-grace"));
  return policy;
}

}  // namespace

kit::ServiceSpec PersonnelSpec() {
  kit::ServiceSpec spec;
  spec.name = "personnel";
  spec.cache_namespace = std::string(kPersonnelCacheNamespace);
  spec.define_flags = [](config::Flags& flags) {
    flags.Define("enforcement-domains", "data/enforcement-domains.tsv",
                 "the enforcement domains agencies and certificates may name (TSV: code, name); "
                 "a relative path missing here is looked up beside --divisions");
    flags.Define("verification-url-base", "https://zfjd.nx.gov.cn/verify",
                 "the address printed with a certificate for public verification; the text is "
                 "<base>?n=<number>&c=<code>");
    flags.Define("verifications-per-minute", "30",
                 "public certificate verifications a client address may make a minute (bursts "
                 "of 10), per replica");
    flags.Define("training-hours-per-year", "60",
                 "counted training hours an officer needs a calendar year (task 3)");
    flags.Define("max-training-hours-per-day", "8",
                 "training hours one officer can have recorded on one day, at most");
    flags.Define("legal-reviewer-percent", "5",
                 "legal reviewers an agency needs per 100 officers, rounded up (task 38)");
    flags.Define("expiry-reminder-lead", "720h",
                 "how long before a certificate expires its reminder goes out (30 days)");
    flags.Define("max-certificate-validity-days", "3653",
                 "the longest validity of a certificate, valid_from to valid_until (10 years)");
    flags.Define("closed-year-grace", "360h",
                 "how long after its end a year still takes training records; then its "
                 "figures are final (15 days: the annual report is due 15 January)");
  };
  spec.build = BuildPersonnel;
  return spec;
}

absl::StatusOr<std::unique_ptr<kit::Module>> BuildPersonnel(const kit::Env& env) {
  LE_ASSIGN_OR_RETURN(absl::Duration metrics_interval,
                      env.flags->GetDuration("business-metrics-interval"));
  LE_ASSIGN_OR_RETURN(PersonnelPolicy policy, PolicyFromFlags(*env.flags));
  auto module = std::make_unique<PersonnelModule>();
  LE_ASSIGN_OR_RETURN(EnforcementDomains domains, LoadDomains(env.flags->Get("enforcement-domains"),
                                                              env.flags->Get("divisions")));
  module->domains_ = std::make_unique<EnforcementDomains>(std::move(domains));
  LE_ASSIGN_OR_RETURN(
      module->store_,
      OpenSqlPersonnelStore(env.db, env.ids,
                            StoreHooks{env.deadlines, env.changes, policy.expiry_reminder_lead}));
  if (env.deadlines != nullptr) {
    RegisterCertificateDeadlines(*env.deadlines, env.changes, env.ids, env.registry,
                                 policy.expiry_reminder_lead);
  }
  VerificationOptions verification;
  verification.url_base = env.flags->Get("verification-url-base");
  if (verification.url_base.empty() ||
      verification.url_base.find_first_of("?#& \t") != std::string::npos) {
    return absl::InvalidArgumentError(
        "--verification-url-base: an address without a query, fragment or blanks (the text "
        "appends ?n=<number>&c=<code>)");
  }
  LE_ASSIGN_OR_RETURN(int64_t per_minute, env.flags->GetInt("verifications-per-minute"));
  if (per_minute < 1 || per_minute > 6000) {
    return absl::InvalidArgumentError("--verifications-per-minute: must be 1..6000");
  }
  verification.per_minute = static_cast<int>(per_minute);
  module->app_ = std::make_unique<PersonnelApp>(module->store_.get(), env.authorizer, env.pii,
                                                env.ids, env.clock, env.cache, policy,
                                                module->domains_.get(), std::move(verification));
  module->service_ =
      std::make_unique<api::PersonnelGrpcService>(module->app_.get(), env.calls, env.divisions);
  module->metrics_ = std::make_shared<PersonnelMetrics>(module->store_.get(), env.divisions,
                                                        env.clock, metrics_interval, policy);
  return module;
}

}  // namespace lawenforce::personnel
