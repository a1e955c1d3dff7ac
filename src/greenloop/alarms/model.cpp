#include "greenloop/alarms/model.h"

#include <array>
#include <utility>

#include "greenloop/standards/factors.h"

namespace gl::alarms {

namespace {
template <typename E, size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
  for (const auto& [v, name] : table) {
    if (v == e) return name;
  }
  return "";
}
template <typename E, size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& table,
                       std::string_view s) {
  for (const auto& [v, name] : table) {
    if (name == s) return v;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<RuleKind, std::string_view>, 5> kKinds{{
    {RuleKind::kExceedance, "exceedance"},
    {RuleKind::kStandard, "standard"},
    {RuleKind::kNoData, "no_data"},
    {RuleKind::kDeviceFlag, "device_flag"},
    {RuleKind::kSuspect, "suspect"},
}};
constexpr std::array<std::pair<Category, std::string_view>, 4> kCategories{{
    {Category::kPollution, "pollution"},
    {Category::kNoData, "no_data"},
    {Category::kDevice, "device"},
    {Category::kSuspect, "suspect"},
}};
constexpr std::array<std::pair<Severity, std::string_view>, 3> kSeverities{{
    {Severity::kMinor, "minor"},
    {Severity::kMajor, "major"},
    {Severity::kCritical, "critical"},
}};
constexpr std::array<std::pair<AlarmStatus, std::string_view>, 3> kStatuses{{
    {AlarmStatus::kActive, "active"},
    {AlarmStatus::kAcknowledged, "acknowledged"},
    {AlarmStatus::kCleared, "cleared"},
}};
}  // namespace

std::string_view RuleKindName(RuleKind k) { return NameOf(kKinds, k); }
std::optional<RuleKind> ParseRuleKind(std::string_view s) { return Parse(kKinds, s); }
std::string_view CategoryName(Category c) { return NameOf(kCategories, c); }
std::optional<Category> ParseCategory(std::string_view s) { return Parse(kCategories, s); }
std::string_view SeverityName(Severity s) { return NameOf(kSeverities, s); }
std::optional<Severity> ParseSeverity(std::string_view s) { return Parse(kSeverities, s); }
std::string_view AlarmStatusName(AlarmStatus s) { return NameOf(kStatuses, s); }
std::optional<AlarmStatus> ParseAlarmStatus(std::string_view s) { return Parse(kStatuses, s); }

std::string Rule::Key() const {
  return std::string(RuleKindName(kind)) + "/" + check + "/" + factor;
}

std::string FactorName(std::string_view code) {
  if (code == "gl_fume") return "油烟";
  if (code == "LA" || code == "Leq") return "噪声";
  if (const standards::Factor* f = standards::FindFactorByCode(code)) {
    return std::string(f->name_zh);
  }
  return std::string(code);
}

std::string FactorUnit(std::string_view code) {
  if (const standards::Factor* f = standards::FindFactorByCode(code)) {
    return std::string(f->unit);
  }
  return "";
}

}  // namespace gl::alarms
