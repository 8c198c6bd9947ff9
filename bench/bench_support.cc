#include "bench/bench_support.h"

#include <errno.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <numeric>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace lawenforce::bench {

int64_t NowNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

Summary Summarize(std::vector<int64_t>& nanos, double seconds) {
  Summary s;
  s.count = static_cast<int64_t>(nanos.size());
  s.seconds = seconds;
  if (nanos.empty() || seconds <= 0) return s;
  s.per_second = static_cast<double>(nanos.size()) / seconds;
  const double sum = std::accumulate(nanos.begin(), nanos.end(), 0.0);
  s.mean_us = sum / static_cast<double>(nanos.size()) / 1e3;
  auto at = [&](double q) {
    size_t k = static_cast<size_t>(q * static_cast<double>(nanos.size() - 1));
    std::nth_element(nanos.begin(), nanos.begin() + static_cast<std::ptrdiff_t>(k), nanos.end());
    return static_cast<double>(nanos[k]) / 1e3;
  };
  s.p50_us = at(0.50);
  s.p99_us = at(0.99);
  s.max_us = static_cast<double>(*std::max_element(nanos.begin(), nanos.end())) / 1e3;
  return s;
}

Summary TimeLoop(const std::function<bool()>& op, absl::Duration warmup, absl::Duration measure,
                 int64_t* errors) {
  int64_t failed = 0;
  const int64_t warm_end = NowNanos() + absl::ToInt64Nanoseconds(warmup);
  while (NowNanos() < warm_end) {
    if (!op()) ++failed;
  }
  std::vector<int64_t> nanos;
  nanos.reserve(1 << 20);
  const int64_t start = NowNanos();
  const int64_t end = start + absl::ToInt64Nanoseconds(measure);
  int64_t now = start;
  while (now < end) {
    const bool ok = op();
    const int64_t after = NowNanos();
    if (!ok) ++failed;
    nanos.push_back(after - now);
    now = after;
  }
  if (errors != nullptr) *errors += failed;
  return Summarize(nanos, static_cast<double>(now - start) / 1e9);
}

absl::StatusOr<int64_t> RedisInfoInt(redis::RedisClient& redis, absl::string_view section,
                                     absl::string_view field) {
  absl::StatusOr<redis::Reply> reply = redis.Command({"INFO", std::string(section)});
  if (!reply.ok()) return reply.status();
  const std::string prefix = absl::StrCat(field, ":");
  for (absl::string_view line : absl::StrSplit(reply->str, "\r\n")) {
    if (absl::StartsWith(line, prefix)) {
      int64_t value = 0;
      if (absl::SimpleAtoi(line.substr(prefix.size()), &value)) return value;
    }
  }
  return absl::NotFoundError(absl::StrCat("INFO ", section, " has no ", field));
}

Args::Args(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (!absl::StartsWith(arg, "--")) continue;
    arg.remove_prefix(2);
    const size_t eq = arg.find('=');
    if (eq == absl::string_view::npos) {
      values_[std::string(arg)] = "true";
    } else {
      values_[std::string(arg.substr(0, eq))] = std::string(arg.substr(eq + 1));
    }
  }
}

std::string Args::Get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

int64_t Args::GetInt(const std::string& name, int64_t fallback) const {
  int64_t v = 0;
  return absl::SimpleAtoi(Get(name, ""), &v) ? v : fallback;
}

double Args::GetDouble(const std::string& name, double fallback) const {
  double v = 0;
  return absl::SimpleAtod(Get(name, ""), &v) ? v : fallback;
}

std::vector<int> Args::GetIntList(const std::string& name, const std::vector<int>& fallback) const {
  const std::string text = Get(name, "");
  if (text.empty()) return fallback;
  std::vector<int> out;
  for (absl::string_view part : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    int v = 0;
    if (absl::SimpleAtoi(part, &v)) out.push_back(v);
  }
  return out.empty() ? fallback : out;
}

std::string Ratio(double numerator, double denominator) {
  if (denominator <= 0) return "n/a";
  return absl::StrFormat("%.3f", numerator / denominator);
}

void Print(const std::string& line) {
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

void Die(absl::string_view what, absl::string_view detail) {
  std::fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, std::string(what).c_str(),
               std::string(detail).c_str());
  std::exit(1);
}

}  // namespace lawenforce::bench
