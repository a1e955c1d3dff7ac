#include "greenloop/standards/fume.h"

#include <algorithm>
#include <string>

namespace gl::standards {
namespace {

__extension__ typedef __int128 Int128;

// GB 18483-2001 §4 Table 2 最高允许排放浓度 2.0 mg/m³ (S8).
constexpr Decimal kGb18483Limit = Decimal::FromMicros(2'000'000);
// DB50/859-2018 油烟 1.0 mg/m³ (confirmed_secondary: 上游新闻/重庆商报 repost,
// "比国家标准提高了50%").
constexpr Decimal kDb50Limit = Decimal::FromMicros(1'000'000);
// GB 18483-2001 Table 2 净化设施最低去除效率: 60 / 75 / 85 % (S8).
constexpr int kGbEfficiency[] = {60, 75, 85};
// GB 18483-2001 §6.6 单个灶头基准排风量 q_基 = 2000 m³/h.
constexpr std::int64_t kReferenceFlowPerBurner = 2000;

// a / b in micros, rounded half to even; b > 0.
Decimal Divide(Int128 num, Int128 den) {
  Int128 q = num / den, r = num % den;
  if (r < 0) {
    r = -r;
  }
  if (r * 2 > den || (r * 2 == den && (q % 2 != 0))) q += num < 0 ? -1 : 1;
  return Decimal::FromMicros(static_cast<std::int64_t>(q));
}

}  // namespace

Result<FumeStandard> ParseFumeStandard(std::string_view text) {
  std::string t;  // "GB 18483-2001" as site attributes write it
  for (char c : text)
    if (c != ' ') t += c;
  if (t == "GB18483" || t == "GB18483-2001") return FumeStandard::kGb18483_2001;
  if (t == "DB50/859" || t == "DB50/859-2018") return FumeStandard::kDb50_859_2018;
  return Error::InvalidArgument("standard", "fume standard must be GB18483 or DB50/859");
}

std::string_view FumeStandardName(FumeStandard s) {
  return s == FumeStandard::kGb18483_2001 ? "GB18483-2001" : "DB50/859-2018";
}

Decimal FumeLimit(FumeStandard s) {
  return s == FumeStandard::kGb18483_2001 ? kGb18483Limit : kDb50Limit;
}

Result<FumeCheck> CheckFume(FumeStandard s, Decimal concentration) {
  if (concentration.negative())
    return Error::InvalidArgument("concentration", "concentration must not be negative");
  FumeCheck out;
  out.limit = FumeLimit(s);
  out.exceeded = concentration > out.limit;
  out.over = out.exceeded ? concentration - out.limit : Decimal();
  return out;
}

Result<KitchenScale> ScaleForBurners(Decimal n) {
  if (n < Decimal::FromInt(1))
    return Error::InvalidArgument("burners", "GB 18483 applies from 1 reference burner");
  if (n < Decimal::FromInt(3)) return KitchenScale::kSmall;
  if (n < Decimal::FromInt(6)) return KitchenScale::kMedium;
  return KitchenScale::kLarge;
}

std::optional<int> MinRemovalEfficiencyPct(FumeStandard s, KitchenScale scale) {
  if (s == FumeStandard::kDb50_859_2018) return std::nullopt;  // unconfirmed
  return kGbEfficiency[static_cast<int>(scale)];
}

Result<Decimal> NormaliseFume(Decimal measured, Decimal flow, Decimal burners) {
  if (measured.negative())
    return Error::InvalidArgument("concentration", "concentration must not be negative");
  if (flow.negative()) return Error::InvalidArgument("flow", "flow must not be negative");
  if (burners <= Decimal()) return Error::InvalidArgument("burners", "burners must be positive");
  // (C·1e6)(Q·1e6) / ((n·1e6)·2000) gives micros of C_ref.
  Int128 num = static_cast<Int128>(measured.micros()) * flow.micros();
  Int128 den = static_cast<Int128>(burners.micros()) * kReferenceFlowPerBurner;
  return Divide(num, den);
}

Result<Decimal> FumeRemovalEfficiencyPct(Decimal c_before, Decimal q_before, Decimal c_after,
                                         Decimal q_after) {
  for (auto [v, f] : {std::pair{c_before, "c_before"}, std::pair{q_before, "q_before"},
                      std::pair{c_after, "c_after"}, std::pair{q_after, "q_after"}})
    if (v.negative()) return Error::InvalidArgument(f, std::string(f) + " must not be negative");
  Int128 before = static_cast<Int128>(c_before.micros()) * q_before.micros();
  Int128 after = static_cast<Int128>(c_after.micros()) * q_after.micros();
  if (before == 0) return Error::InvalidArgument("c_before", "inlet load must be positive");
  // percent micros = (before - after) / before × 100 × 1e6
  return Divide((before - after) * 100 * Decimal::kOne, before);
}

Result<Decimal> FumeSampleAverage(std::span<const Decimal> samples) {
  if (samples.empty()) return Error::InvalidArgument("samples", "no samples");
  Decimal max;
  for (Decimal s : samples) {
    if (s.negative()) return Error::InvalidArgument("samples", "a sample is negative");
    max = std::max(max, s);
  }
  Int128 sum = 0;
  int valid = 0;
  for (Decimal s : samples) {
    if (static_cast<Int128>(s.micros()) * 4 < max.micros()) continue;  // < 1/4 of the max
    sum += s.micros();
    ++valid;
  }
  if (valid < 3)
    return Error::InvalidArgument("samples", "fewer than 3 valid samples (GB 18483 §6.5)");
  return Divide(sum, valid);
}

}  // namespace gl::standards
