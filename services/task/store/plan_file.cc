#include "services/task/store/plan_file.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace lawenforce::tasks {
namespace {

using nlohmann::json;

absl::CivilDay Day(const json& j) {
  absl::CivilDay d;
  if (!absl::ParseCivilTime(j.get<std::string>(), &d)) {
    throw std::invalid_argument(absl::StrCat("not a date: ", j.get<std::string>()));
  }
  return d;
}

TaskDeadline DeadlineOf(const json& j) {
  TaskDeadline d;
  const std::string kind = j.at("kind").get<std::string>();
  d.source = j.value("source", "");
  if (kind == "once") {
    d.kind = DeadlineKind::kOnce;
    d.date = Day(j.at("date"));
  } else if (kind == "yearly" || kind == "yearly_total") {
    d.kind = kind == "yearly" ? DeadlineKind::kYearly : DeadlineKind::kYearlyTotal;
    d.month = j.at("month").get<int>();
    d.day = j.at("day").get<int>();
    if (d.kind == DeadlineKind::kYearlyTotal) {
      d.what = j.at("what").get<std::string>();
      d.amount = j.at("amount").get<double>();
    }
  } else {
    throw std::invalid_argument(absl::StrCat("unknown deadline kind ", kind));
  }
  return d;
}

}  // namespace

absl::StatusOr<Plan> ParsePlanFile(const std::string& text, const std::string& origin) {
  Plan p;
  try {
    const json j = json::parse(text);
    if (j.at("format").get<int>() != 1) {
      return absl::FailedPreconditionError(absl::StrCat(origin, ": format must be 1"));
    }
    p.id = j.at("id").get<std::string>();
    p.title = j.at("title").get<std::string>();
    p.issuer = j.value("issuer", "");
    p.period_start = Day(j.at("period").at("start"));
    p.period_end = Day(j.at("period").at("end"));
    for (const json& s : j.at("sections")) {
      p.sections.push_back({s.at("number").get<std::string>(), s.at("title").get<std::string>()});
    }
    for (const json& t : j.at("tasks")) {
      Task task;
      task.number = t.at("number").get<int>();
      task.section = t.at("section").get<std::string>();
      task.title = t.value("title", "");
      task.text = t.at("text").get<std::string>();
      for (const json& u : t.value("responsible_units", json::array())) {
        task.responsible_units.push_back(u.get<std::string>());
      }
      for (const json& d : t.value("deadlines", json::array())) {
        task.deadlines.push_back(DeadlineOf(d));
      }
      p.tasks.push_back(std::move(task));
    }
  } catch (const std::exception& e) {
    return absl::FailedPreconditionError(absl::StrCat(origin, ": ", e.what()));
  }
  if (absl::Status s = ValidatePlan(p); !s.ok()) {
    return absl::FailedPreconditionError(absl::StrCat(origin, ": ", s.message()));
  }
  return p;
}

absl::StatusOr<std::vector<Plan>> LoadPlans(const std::string& directory) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  if (ec) {
    return absl::FailedPreconditionError(absl::StrCat(directory, ": ", ec.message()));
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(directory, ": no plan (*.json)"));
  }
  std::vector<Plan> plans;
  std::set<std::string> ids;
  for (const std::filesystem::path& f : files) {
    std::ifstream in(f);
    std::stringstream text;
    text << in.rdbuf();
    absl::StatusOr<Plan> p = ParsePlanFile(text.str(), f.string());
    if (!p.ok()) return p.status();
    if (!ids.insert(p->id).second) {
      return absl::FailedPreconditionError(
          absl::StrCat(f.string(), ": plan id ", p->id, " is loaded already"));
    }
    plans.push_back(*std::move(p));
  }
  return plans;
}

}  // namespace lawenforce::tasks
