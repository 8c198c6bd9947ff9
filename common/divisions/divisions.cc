#include "common/divisions/divisions.h"

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/errors.h"

namespace lawenforce {
namespace {

bool AllDigits(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return !s.empty();
}

// The tier a code's shape implies; the table must agree with it.
absl::StatusOr<Tier> TierOfShape(absl::string_view code) {
  if (!AllDigits(code) || (code.size() != 6 && code.size() != 9)) {
    return absl::InvalidArgumentError("must be a 6-digit or 9-digit division code");
  }
  if (code.size() == 9) {
    return Tier::kTownship;
  }
  if (code.substr(2) == "0000") {
    return Tier::kRegion;
  }
  if (code.substr(4) == "00") {
    return Tier::kCity;
  }
  return Tier::kCounty;
}

absl::StatusOr<Tier> ParseTier(absl::string_view s) {
  if (s == "region") return Tier::kRegion;
  if (s == "city") return Tier::kCity;
  if (s == "county") return Tier::kCounty;
  if (s == "township") return Tier::kTownship;
  return absl::InvalidArgumentError(absl::StrCat("unknown tier '", s, "'"));
}

}  // namespace

absl::string_view TierName(Tier tier) {
  switch (tier) {
    case Tier::kRegion:
      return "region";
    case Tier::kCity:
      return "city";
    case Tier::kCounty:
      return "county";
    case Tier::kTownship:
      return "township";
  }
  return "unknown";
}

absl::StatusOr<Divisions> Divisions::LoadFromFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("division table not readable: ", path));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return LoadFromString(buffer.str());
}

absl::StatusOr<Divisions> Divisions::LoadFromString(absl::string_view tsv) {
  Divisions d;
  bool header_seen = false;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(tsv, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.empty() || line.front() == '#') {
      continue;
    }
    if (!header_seen) {
      header_seen = true;
      continue;
    }
    std::vector<absl::string_view> cols = absl::StrSplit(line, '\t');
    auto bad = [&](absl::string_view why) {
      return absl::InvalidArgumentError(absl::StrCat("divisions line ", line_number, ": ", why));
    };
    if (cols.size() < 3) {
      return bad("expected code, name, tier, parent");
    }
    Division div{std::string(cols[0]), std::string(cols[1]), Tier::kRegion,
                 cols.size() > 3 ? std::string(cols[3]) : std::string()};
    absl::StatusOr<Tier> shape = TierOfShape(div.code);
    if (!shape.ok()) {
      return bad(shape.status().message());
    }
    absl::StatusOr<Tier> tier = ParseTier(cols[2]);
    if (!tier.ok()) {
      return bad(tier.status().message());
    }
    if (*tier != *shape) {
      return bad(absl::StrCat("tier '", cols[2], "' does not match code ", div.code));
    }
    div.tier = *tier;
    if (div.tier == Tier::kRegion) {
      if (!div.parent.empty() || !d.root_.empty()) {
        return bad("exactly one region without a parent is expected");
      }
      d.root_ = div.code;
    } else if (!d.index_.contains(div.parent)) {
      return bad(absl::StrCat("parent ", div.parent, " is not listed before ", div.code));
    } else if (static_cast<int>(d.all_[d.index_[div.parent]].tier) !=
               static_cast<int>(div.tier) - 1) {
      return bad(absl::StrCat("parent ", div.parent, " is not one tier above ", div.code));
    }
    if (d.index_.contains(div.code)) {
      return bad(absl::StrCat("duplicate code ", div.code));
    }
    d.index_[div.code] = d.all_.size();
    d.all_.push_back(std::move(div));
  }
  if (d.root_.empty()) {
    return absl::InvalidArgumentError("divisions: no region row");
  }
  return d;
}

absl::StatusOr<Division> Divisions::Lookup(absl::string_view code) const {
  absl::StatusOr<Tier> shape = TierOfShape(code);
  if (!shape.ok()) {
    return shape.status();
  }
  auto it = index_.find(code);
  if (it != index_.end()) {
    return all_[it->second];
  }
  if (*shape == Tier::kTownship) {
    std::string county(code.substr(0, 6));
    auto parent = index_.find(county);
    if (parent != index_.end() && all_[parent->second].tier == Tier::kCounty) {
      return Division{std::string(code), "", Tier::kTownship, county};
    }
  }
  return absl::NotFoundError(absl::StrCat("unknown division code ", code));
}

absl::StatusOr<Division> Divisions::Validate(absl::string_view field,
                                             absl::string_view code) const {
  if (code.empty()) {
    return InvalidField(field, "required");
  }
  absl::StatusOr<Division> div = Lookup(code);
  if (!div.ok()) {
    return InvalidField(field, div.status().code() == absl::StatusCode::kNotFound
                                   ? "unknown division code"
                                   : div.status().message());
  }
  return div;
}

bool Divisions::IsWithin(absl::string_view code, absl::string_view ancestor) const {
  if (!Lookup(code).ok() || !Lookup(ancestor).ok()) {
    return false;
  }
  std::string prefix = SubtreePrefix(ancestor);
  return code.substr(0, prefix.size()) == prefix;
}

std::string Divisions::SubtreePrefix(absl::string_view code) {
  if (code.size() == 6 && code.substr(2) == "0000") {
    return std::string(code.substr(0, 2));
  }
  if (code.size() == 6 && code.substr(4) == "00") {
    return std::string(code.substr(0, 4));
  }
  return std::string(code);
}

std::string Divisions::MetricsDivision(absl::string_view code) {
  return std::string(code.size() == 9 ? code.substr(0, 6) : code);
}

}  // namespace lawenforce
