#include "greenloop/hj212/model.h"

namespace gl::hj212 {

std::string_view VersionName(Version version) {
  switch (version) {
    case Version::k2005:
      return "2005";
    case Version::k2017:
      return "2017";
    case Version::k2025:
      return "2025";
    case Version::kUnknown:
      break;
  }
  return "unknown";
}

int VersionBits(Version version) {
  switch (version) {
    case Version::k2005:
      return 0;  // HJ 212-2017 Table 3: 000000 = HJ/T 212-2005
    case Version::k2017:
      return 1;  // HJ 212-2017 Table 3: 000001 = this edition
    case Version::k2025:
      return 2;  // presumed, see model.h
    case Version::kUnknown:
      break;
  }
  return 1;
}

Version VersionFromFlag(int flag) {
  switch (flag >> kFlagVersionShift) {
    case 0:
      return Version::k2005;
    case 1:
      return Version::k2017;
    case 2:
      return Version::k2025;
    default:
      return Version::kUnknown;
  }
}

void Frame::Clear() {
  text_.clear();
  qn_ = st_ = cn_ = pw_ = mn_ = data_time_ = Ref{};
  flag_ = pnum_ = pno_ = -1;
  has_cp_ = false;
  factor_values_.clear();
  fields_.clear();
}

Frame::Ref Frame::Store(std::string_view v) {
  Ref r{static_cast<std::uint32_t>(text_.size()), static_cast<std::uint32_t>(v.size())};
  text_.append(v);
  return r;
}

void Frame::SetDataTime(std::string_view v) {
  data_time_ = Store(v);
  has_cp_ = true;
}

void Frame::AddFactorValue(std::string_view code, std::string_view suffix, std::string_view value) {
  FactorRef f;
  f.code = Store(code);
  f.suffix = Store(suffix);
  f.value = Store(value);
  factor_values_.push_back(f);
  has_cp_ = true;
}

void Frame::AddField(std::string_view key, std::string_view value) {
  FieldRef f;
  f.key = Store(key);
  f.value = Store(value);
  fields_.push_back(f);
  has_cp_ = true;
}

FactorValue Frame::factor_value(std::size_t i) const {
  const FactorRef& f = factor_values_[i];
  return FactorValue{View(f.code), View(f.suffix), View(f.value)};
}

CpField Frame::field(std::size_t i) const {
  const FieldRef& f = fields_[i];
  return CpField{View(f.key), View(f.value)};
}

std::optional<std::string_view> Frame::FindFactorValue(std::string_view code,
                                                       std::string_view suffix) const {
  std::optional<std::string_view> found;
  for (const FactorRef& f : factor_values_) {
    if (View(f.code) == code && View(f.suffix) == suffix) found = View(f.value);
  }
  return found;
}

std::optional<std::string_view> Frame::FindField(std::string_view key) const {
  std::optional<std::string_view> found;
  for (const FieldRef& f : fields_) {
    if (View(f.key) == key) found = View(f.value);
  }
  return found;
}

}  // namespace gl::hj212
