#include "greenloop/standards/decimal.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

namespace gl::standards {
namespace {

std::string Field(std::string_view f) { return std::string(f); }

}  // namespace

Result<Decimal> Decimal::Parse(std::string_view text, std::string_view field) {
  std::string_view s = text;
  auto bad = [&](const std::string& why) {
    return Error::InvalidArgument(Field(field), Field(field) + ": " + why);
  };
  if (s.empty()) return bad("empty number");
  bool neg = false;
  if (s.front() == '-' || s.front() == '+') {
    neg = s.front() == '-';
    s.remove_prefix(1);
  }
  std::size_t dot = s.find('.');
  std::string_view int_part = s.substr(0, dot);
  std::string_view frac_part =
      dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
  if (int_part.empty() && frac_part.empty())
    return bad("not a number: '" + std::string(text) + "'");
  if (dot != std::string_view::npos && frac_part.empty() && int_part.empty())
    return bad("not a number: '" + std::string(text) + "'");
  for (char c : int_part)
    if (c < '0' || c > '9') return bad("not a number: '" + std::string(text) + "'");
  for (char c : frac_part)
    if (c < '0' || c > '9') return bad("not a number: '" + std::string(text) + "'");
  // Strip leading zeros so the length check below is about magnitude.
  while (int_part.size() > 1 && int_part.front() == '0') int_part.remove_prefix(1);
  if (int_part.size() > 12) return bad("number too large: '" + std::string(text) + "'");
  std::int64_t units = 0;
  for (char c : int_part) units = units * 10 + (c - '0');
  std::int64_t frac = 0;
  for (int i = 0; i < kScale; ++i) {
    frac = frac * 10 + (i < static_cast<int>(frac_part.size()) ? frac_part[i] - '0' : 0);
  }
  std::int64_t micros = units * kOne + frac;
  // GB/T 8170 for digits beyond the sixth: > half up, < half down, exactly half to even.
  if (frac_part.size() > static_cast<std::size_t>(kScale)) {
    std::string_view rest = frac_part.substr(kScale);
    int first = rest.front() - '0';
    bool tail_nonzero = rest.find_first_not_of('0', 1) != std::string_view::npos;
    if (first > 5 || (first == 5 && tail_nonzero) || (first == 5 && !tail_nonzero && micros % 2))
      ++micros;
  }
  if (micros >= kMaxMicros) return bad("number too large: '" + std::string(text) + "'");
  return Decimal(neg ? -micros : micros);
}

Result<Decimal> Decimal::FromDouble(double v, std::string_view field) {
  if (!std::isfinite(v))
    return Error::InvalidArgument(Field(field), Field(field) + ": not a finite number");
  if (std::fabs(v) >= 1e12)
    return Error::InvalidArgument(Field(field), Field(field) + ": number too large");
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  if (ec != std::errc())
    return Error::InvalidArgument(Field(field), Field(field) + ": not a number");
  return Parse(std::string_view(buf, end - buf), field);
}

std::string Decimal::ToString() const {
  std::int64_t m = micros_ < 0 ? -micros_ : micros_;
  std::string out = micros_ < 0 ? "-" : "";
  out += std::to_string(m / kOne);
  std::int64_t frac = m % kOne;
  if (frac) {
    std::string f = std::to_string(frac);
    f.insert(0, kScale - f.size(), '0');
    while (!f.empty() && f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return out;
}

Decimal Decimal::RoundHalfEven(int decimals) const {
  if (decimals >= kScale) return *this;
  if (decimals < 0) decimals = 0;
  std::int64_t step = 1;
  for (int i = decimals; i < kScale; ++i) step *= 10;
  std::int64_t m = micros_ < 0 ? -micros_ : micros_;
  std::int64_t q = m / step, r = m % step;
  if (r * 2 > step || (r * 2 == step && q % 2 == 1)) ++q;
  std::int64_t out = q * step;
  return Decimal(micros_ < 0 ? -out : out);
}

}  // namespace gl::standards
