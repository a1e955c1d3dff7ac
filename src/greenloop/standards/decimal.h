// greenloop/standards/decimal.h
//
// Contract: `Decimal` is an exact, signed fixed-point number with 6 decimal places
// (stored as an int64 count of millionths). The standards compare concentrations
// with limits and interpolate between breakpoints; doing that in binary floating
// point turns a value of exactly 50 into 50.0000001 and then, after the round-up
// HJ 633 prescribes, into 51. Every value entering the standards library is
// therefore converted once, at the edge, into a Decimal:
//   - text ("12", "0.9", "-3.25"): exact; more than 6 decimals are rounded
//     half-to-even (GB/T 8170) to 6;
//   - a double: taken as its shortest round-trip decimal text, then as above, so
//     0.1 is exactly 0.1 and 35.00000000000001 becomes 35.
// Magnitudes must be below 1e12; NaN, infinities and malformed text give
// invalid_argument naming the field.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "greenloop/base/error.h"

namespace gl::standards {

class Decimal {
 public:
  static constexpr int kScale = 6;
  static constexpr std::int64_t kOne = 1'000'000;
  static constexpr std::int64_t kMaxMicros = 1'000'000'000'000LL * kOne;  // 1e12 exclusive

  constexpr Decimal() = default;
  static constexpr Decimal FromMicros(std::int64_t micros) { return Decimal(micros); }
  static constexpr Decimal FromInt(std::int64_t v) { return Decimal(v * kOne); }
  // Parses "[-+]digits[.digits]". `field` names the input in the error.
  static Result<Decimal> Parse(std::string_view text, std::string_view field);
  static Result<Decimal> FromDouble(double v, std::string_view field);

  constexpr std::int64_t micros() const { return micros_; }
  double ToDouble() const { return static_cast<double>(micros_) / kOne; }
  // Shortest exact text: "12", "0.9", "-3.25".
  std::string ToString() const;
  // Rounded to `decimals` places (0..6) by GB/T 8170 (round half to even).
  Decimal RoundHalfEven(int decimals) const;
  bool negative() const { return micros_ < 0; }

  friend constexpr auto operator<=>(Decimal a, Decimal b) = default;
  friend constexpr Decimal operator+(Decimal a, Decimal b) {
    return Decimal(a.micros_ + b.micros_);
  }
  friend constexpr Decimal operator-(Decimal a, Decimal b) {
    return Decimal(a.micros_ - b.micros_);
  }

 private:
  constexpr explicit Decimal(std::int64_t micros) : micros_(micros) {}
  std::int64_t micros_ = 0;
};

// Shorthand for whole-number table entries.
constexpr Decimal DecInt(std::int64_t v) { return Decimal::FromInt(v); }

}  // namespace gl::standards
