#include "services/supervision/domain/complaint.h"

#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/ids/id_generator.h"
#include "common/status/errors.h"
#include "common/validation/validate.h"

namespace lawenforce::supervision {
namespace {

constexpr std::array<const char*, kChannelCount + 1> kChannelCodes = {
    "", "hotline_12345", "web", "letter", "visit", "media", "congress_referral"};
constexpr std::array<const char*, kCategoryCount + 1> kCategoryCodes = {
    "any",     "inaction",  "arbitrary_enforcement", "procedure",
    "conduct", "integrity", "inspection_burden",     "other"};

// The UTF-8 code points of `s` (s is valid UTF-8: ValidateText checked it).
std::vector<std::string> CodePoints(absl::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    n = std::min(n, s.size() - i);
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

absl::Status ValidatePhone(absl::string_view field, absl::string_view phone) {
  int digits = 0;
  for (char ch : phone) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(ch))) {
      ++digits;
    } else if (ch != '+' && ch != '-') {
      return InvalidField(field, "only digits, '+' and '-' are allowed");
    }
  }
  if (digits < 5 || digits > 20) return InvalidField(field, "must have 5..20 digits");
  return absl::OkStatus();
}

// 统一社会信用代码: 18 characters of 0-9 and A-Z except I, O, S, V, Z.
absl::Status ValidateCreditCode(absl::string_view field, absl::string_view code) {
  if (code.size() != 18) return InvalidField(field, "must be 18 characters");
  for (char ch : code) {
    const bool ok =
        absl::ascii_isdigit(static_cast<unsigned char>(ch)) ||
        (ch >= 'A' && ch <= 'Z' && ch != 'I' && ch != 'O' && ch != 'S' && ch != 'V' && ch != 'Z');
    if (!ok) return InvalidField(field, "only 0-9 and upper-case letters other than I, O, S, V, Z");
  }
  return absl::OkStatus();
}

}  // namespace

const char* ChannelCode(Channel c) { return kChannelCodes[static_cast<int>(c)]; }
const char* CategoryCode(Category c) { return kCategoryCodes[static_cast<int>(c)]; }
const char* ClockCode(ClockKind k) {
  switch (k) {
    case ClockKind::kAcknowledge:
      return "acknowledge";
    case ClockKind::kResolve:
      return "resolve";
    case ClockKind::kRectify:
      return "rectify";
  }
  return "unknown";
}
const char* StateCode(ComplaintState s) {
  switch (s) {
    case ComplaintState::kReceived:
      return "received";
    case ComplaintState::kInHandling:
      return "in handling";
    case ComplaintState::kResolved:
      return "resolved";
    case ComplaintState::kClosed:
      return "closed";
  }
  return "unknown";
}

std::optional<Channel> ChannelFromCode(absl::string_view code) {
  for (int i = 1; i <= kChannelCount; ++i) {
    if (code == kChannelCodes[i]) return static_cast<Channel>(i);
  }
  return std::nullopt;
}
std::optional<Category> CategoryFromCode(absl::string_view code) {
  for (int i = 1; i <= kCategoryCount; ++i) {
    if (code == kCategoryCodes[i]) return static_cast<Category>(i);
  }
  return std::nullopt;
}
std::optional<ClockKind> ClockFromCode(absl::string_view code) {
  if (code == "acknowledge") return ClockKind::kAcknowledge;
  if (code == "resolve") return ClockKind::kResolve;
  return std::nullopt;
}
bool IsChannel(int v) { return v >= 1 && v <= kChannelCount; }
bool IsCategory(int v) { return v >= 1 && v <= kCategoryCount; }
bool IsComplainantKind(int v) { return v >= 1 && v <= 4; }

const Clock* Complaint::FindClock(ClockKind k) const {
  for (const Clock& c : clocks) {
    if (c.kind == k) return &c;
  }
  return nullptr;
}
Clock* Complaint::FindClock(ClockKind k) {
  for (Clock& c : clocks) {
    if (c.kind == k) return &c;
  }
  return nullptr;
}

std::optional<absl::Time> Complaint::NextDue() const {
  std::optional<absl::Time> next;
  for (const Clock& c : clocks) {
    if (c.state == ClockState::kRunning && (!next.has_value() || c.due < *next)) next = c.due;
  }
  return next;
}

bool Complaint::Late() const {
  return std::any_of(clocks.begin(), clocks.end(), [](const Clock& c) {
    return c.state == ClockState::kLapsedAtRegion ||
           (c.state == ClockState::kRunning && c.lapses > 0);
  });
}

absl::Status ValidateDraft(const Complaint& d) {
  if (!IsChannel(static_cast<int>(d.channel))) {
    return InvalidField("complaint.channel", "must be set to a known channel");
  }
  if (d.channel == Channel::kHotline12345 && d.ticket_id.empty()) {
    return InvalidField("complaint.ticket_id", "required for the 12345 hotline");
  }
  if (!d.ticket_id.empty()) {
    if (d.ticket_id.size() > 64)
      return InvalidField("complaint.ticket_id", "at most 64 characters");
    for (char ch : d.ticket_id) {
      const auto u = static_cast<unsigned char>(ch);
      if (!absl::ascii_isalnum(u) && ch != '-' && ch != '_' && ch != '.' && ch != '/') {
        return InvalidField("complaint.ticket_id", "only letters, digits and - _ . /");
      }
    }
  }
  if (!IsCategory(static_cast<int>(d.category))) {
    return InvalidField("complaint.category", "must be set to a known category");
  }
  if (absl::Status s = ValidateMultilineText("complaint.content", d.content, 4000); !s.ok())
    return s;
  const Complainant& p = d.complainant;
  if (!IsComplainantKind(static_cast<int>(p.kind))) {
    return InvalidField("complaint.complainant.kind", "must be set");
  }
  if (p.kind == ComplainantKind::kAnonymous) {
    if (!p.name.empty() || !p.phone.empty()) {
      return InvalidField("complaint.complainant", "an anonymous complainant gives no contacts");
    }
  } else {
    if (absl::Status s = ValidateOptionalText("complaint.complainant.name", p.name, 64); !s.ok()) {
      return s;
    }
    if (p.phone.empty()) {
      return InvalidField("complaint.complainant.phone",
                          "required unless the complainant is anonymous (the answer goes there)");
    }
    if (absl::Status s = ValidatePhone("complaint.complainant.phone", p.phone); !s.ok()) return s;
  }
  const bool organisation = p.kind == ComplainantKind::kPrivateEnterprise ||
                            p.kind == ComplainantKind::kOtherOrganization;
  if (organisation && p.organization_name.empty()) {
    return InvalidField("complaint.complainant.organization_name",
                        "required for an enterprise or organisation");
  }
  if (!organisation && !p.organization_name.empty()) {
    return InvalidField("complaint.complainant.organization_name",
                        "only for an enterprise or organisation");
  }
  if (!organisation && !p.credit_code.empty()) {
    return InvalidField("complaint.complainant.credit_code",
                        "only for an enterprise or organisation");
  }
  if (absl::Status s =
          ValidateOptionalText("complaint.complainant.organization_name", p.organization_name, 200);
      !s.ok()) {
    return s;
  }
  if (!p.credit_code.empty()) {
    if (absl::Status s = ValidateCreditCode("complaint.complainant.credit_code", p.credit_code);
        !s.ok()) {
      return s;
    }
  }
  if (d.agency_id.empty() && d.officer_id.empty() && d.case_id.empty()) {
    return InvalidField("complaint.agency_id",
                        "name the agency, officer or case the complaint is about");
  }
  if (!d.agency_id.empty()) {
    if (absl::Status s = ValidateId("complaint.agency_id", d.agency_id); !s.ok()) return s;
  }
  if (!d.officer_id.empty()) {
    if (absl::Status s = ValidateId("complaint.officer_id", d.officer_id); !s.ok()) return s;
  }
  if (!d.case_id.empty()) {
    if (absl::Status s = ValidateId("complaint.case_id", d.case_id); !s.ok()) return s;
  }
  return absl::OkStatus();
}

std::string MaskName(absl::string_view name) {
  if (name.empty()) return "";
  std::vector<std::string> points = CodePoints(name);
  if (points.size() == 1) return "*";
  std::string out = points[0];
  for (size_t i = 1; i < points.size(); ++i) out += '*';
  return out;
}

std::string MaskPhone(absl::string_view phone) {
  std::string digits;
  for (char ch : phone) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(ch))) digits += ch;
  }
  if (digits.empty()) return "";
  const size_t keep_head = digits.size() >= 11 ? 3 : 0;
  const size_t keep_tail = digits.size() >= 8 ? 4 : 2;
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    out += (i < keep_head || i + keep_tail >= digits.size()) ? digits[i] : '*';
  }
  return out;
}

}  // namespace lawenforce::supervision
