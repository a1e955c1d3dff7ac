// The value generator, scenarios and upload records: physical ranges, determinism
// per seed, the diurnal shapes the demo relies on, and frames the codec accepts.
#include <gtest/gtest.h>

#include <cstdlib>

#include "greenloop/hj212/encoder.h"
#include "greenloop/hj212/framer.h"
#include "greenloop/hj212/parser.h"
#include "greenloop/simulator/records.h"
#include "greenloop/simulator/values.h"
#include "greenloop/standards/factors.h"

namespace gl::simulator {
namespace {

std::vector<DeviceSpec> Demo() {
  auto d = LoadSites(std::string(GL_SOURCE_DIR) + "/data/demo/sites.json");
  EXPECT_TRUE(d.ok()) << d.error().ToString();
  return d.ok() ? *d : std::vector<DeviceSpec>{};
}

// 2026-11-29 00:00 Asia/Shanghai, plus `hours` local.
TimeMs Local(double hours) {
  return *ParseDataTime("20261129000000") + static_cast<TimeMs>(hours * 3600 * 1000);
}

const DeviceSpec& FirstOf(const std::vector<DeviceSpec>& fleet, SiteKind kind,
                          std::string_view st) {
  for (const DeviceSpec& d : fleet) {
    if (d.site_kind == kind && d.st == st) return d;
  }
  ADD_FAILURE() << "no such device";
  return fleet.front();
}

// Mean of `code` over every device of `kind` at local hour `h` (smooths out noise).
double FleetMean(const std::vector<DeviceSpec>& fleet, SiteKind kind, std::string_view code,
                 double h) {
  SimParams p{.scenario = Scenario::kNormal, .seed = 7};
  double sum = 0;
  int n = 0;
  for (const DeviceSpec& d : fleet) {
    if (d.site_kind != kind) continue;
    for (const std::string& f : d.factors) {
      if (f != code) continue;
      for (int day = 0; day < 3; ++day) {
        sum += ValueAt(p, d, code, Local(h + 24 * day), false);
        ++n;
      }
    }
  }
  EXPECT_GT(n, 0) << code;
  return n ? sum / n : 0;
}

TEST(SitesTest, LoadsTheDemoFleet) {
  auto fleet = Demo();
  ASSERT_EQ(fleet.size(), 185u);
  int v2005 = 0, v2025 = 0, swapped = 0;
  for (const DeviceSpec& d : fleet) {
    v2005 += d.version == hj212::Version::k2005;
    v2025 += d.version == hj212::Version::k2025;
    swapped += d.crc == hj212::CrcVariant::kModbusSwapped;
  }
  EXPECT_EQ(v2005, 6);
  EXPECT_EQ(v2025, 4);
  EXPECT_EQ(swapped, 1);
}

TEST(SitesTest, FleetClonesGetUniqueMnsOfTheSameForm) {
  auto fleet = MakeFleet(Demo(), 1000);
  ASSERT_EQ(fleet.size(), 1000u);
  std::set<std::string> mns;
  for (const DeviceSpec& d : fleet) {
    EXPECT_TRUE(d.mn.size() == 24 || d.mn.size() == 14) << d.mn;
    mns.insert(d.mn);
  }
  EXPECT_EQ(mns.size(), 1000u);
  EXPECT_EQ(MakeFleet(Demo(), 3).size(), 3u);
}

TEST(SitesTest, RejectsBadDevices) {
  EXPECT_FALSE(ParseSites(R"({"sites":[]})").ok());
  auto bad = ParseSites(
      R"({"sites":[{"code":"x","kind":"restaurant","devices":[{"mn":"1","pw":"1","st":"31",
      "protocol":"1999","interval_s":60,"factors":["gl_fume"]}]}]})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field(), "sites[0].devices[0].protocol");
}

TEST(ValuesTest, EveryFactorStaysInItsPhysicalAndCatalogueRange) {
  const auto fleet = Demo();
  for (Scenario sc : {Scenario::kNormal, Scenario::kExceedance, Scenario::kFaults}) {
    SimParams p{.scenario = sc, .seed = 42};
    for (const DeviceSpec& d : fleet) {
      for (const std::string& code : d.factors) {
        const ValueRange r = PlausibleRange(code);
        const standards::Factor* f = standards::FindFactorByCode(code);
        ASSERT_NE(f, nullptr) << code;
        for (TimeMs t = Local(0); t < Local(48); t += 37 * 60 * 1000) {
          for (bool exceeding : {false, true}) {
            const double v = ValueAt(p, d, code, t, exceeding);
            ASSERT_GE(v, r.lo) << code << " " << d.mn;
            ASSERT_LE(v, r.hi) << code << " " << d.mn;
            const std::string text = FormatValue(code, v);
            auto dec = standards::Decimal::Parse(text, code);
            ASSERT_TRUE(dec.ok()) << text;
            EXPECT_TRUE(standards::CheckFactorRange(*f, *dec).ok()) << code << "=" << text;
          }
        }
      }
    }
  }
}

TEST(ValuesTest, SameSeedSameValuesOtherSeedOtherValues) {
  const auto fleet = Demo();
  const DeviceSpec& d = FirstOf(fleet, SiteKind::kAirStation, "22");
  SimParams a{.scenario = Scenario::kMixed, .seed = 1};
  SimParams b{.scenario = Scenario::kMixed, .seed = 2};
  int differ = 0;
  for (int i = 0; i < 100; ++i) {
    const TimeMs t = Local(i * 0.37);
    for (const std::string& code : d.factors) {
      EXPECT_EQ(ValueAt(a, d, code, t, false), ValueAt(a, d, code, t, false));
      differ += ValueAt(a, d, code, t, false) != ValueAt(b, d, code, t, false);
    }
  }
  EXPECT_GT(differ, 500);
  hj212::Frame f1, f2;
  BuildRealtime(a, d, Local(9), "20261129090000000", true, &f1);
  BuildRealtime(a, d, Local(9), "20261129090000000", true, &f2);
  std::string s1, s2;
  hj212::AppendDataSegment(f1, &s1);
  hj212::AppendDataSegment(f2, &s2);
  EXPECT_EQ(s1, s2);
}

TEST(ValuesTest, DiurnalPatterns) {
  const auto fleet = Demo();
  // Cooking fume peaks at lunch and dinner; restaurants are closed at 03:00.
  EXPECT_GT(FleetMean(fleet, SiteKind::kRestaurant, "gl_fume", 12.0),
            3 * FleetMean(fleet, SiteKind::kRestaurant, "gl_fume", 3.0));
  EXPECT_GT(FleetMean(fleet, SiteKind::kRestaurant, "gl_fume", 19.0),
            2 * FleetMean(fleet, SiteKind::kRestaurant, "gl_fume", 16.0));
  // Construction noise: working hours loud, nights quieter (GB 12523: 70 / 55 dB(A)).
  const double day = FleetMean(fleet, SiteKind::kConstruction, "LA", 10.0);
  const double night = FleetMean(fleet, SiteKind::kConstruction, "LA", 2.0);
  EXPECT_GT(day, night + 10);
  EXPECT_LT(day, 70);
  EXPECT_LT(night, 55);
  // Traffic peaks for NO2, CO and PM; ozone in the afternoon.
  for (const char* code : {"a21004", "a21005", "a34002"}) {
    EXPECT_GT(FleetMean(fleet, SiteKind::kAirStation, code, 8.0),
              1.2 * FleetMean(fleet, SiteKind::kAirStation, code, 3.0))
        << code;
  }
  EXPECT_GT(FleetMean(fleet, SiteKind::kAirStation, "a05024", 15.0),
            2 * FleetMean(fleet, SiteKind::kAirStation, "a05024", 4.0));
  // Water quality moves slowly: pH within 0.5 over the day.
  EXPECT_NEAR(FleetMean(fleet, SiteKind::kWaterSection, "w01001", 4.0),
              FleetMean(fleet, SiteKind::kWaterSection, "w01001", 16.0), 0.5);
}

TEST(ValuesTest, ExceedancesAreWellOverTypicalLimits) {
  const auto fleet = Demo();
  SimParams p{.scenario = Scenario::kExceedance, .seed = 3};
  const DeviceSpec& rst = FirstOf(fleet, SiteKind::kRestaurant, "31");
  const DeviceSpec& noise = FirstOf(fleet, SiteKind::kConstruction, "36");
  const DeviceSpec& dust = FirstOf(fleet, SiteKind::kConstruction, "39");
  EXPECT_GT(ValueAt(p, rst, "gl_fume", Local(12), true), 2.0);    // GB 18483: 2.0 mg/m³
  EXPECT_GT(ValueAt(p, noise, "LA", Local(10), true), 75.0);      // GB 12523 day: 70
  EXPECT_GT(ValueAt(p, noise, "LA", Local(23), true), 60.0);      // night: 55
  EXPECT_GT(ValueAt(p, dust, "a34002", Local(10), true), 300.0);  // PM10
}

TEST(ScenarioTest, NamesAndEvents) {
  ASSERT_EQ(Scenarios().size(), 7u);
  for (const ScenarioInfo& s : Scenarios()) {
    EXPECT_EQ(ScenarioFromName(s.name), s.scenario);
    EXPECT_FALSE(s.summary.empty());
  }
  EXPECT_FALSE(ScenarioFromName("chaos"));
  const auto fleet = Demo();
  auto count = [&](Scenario sc) {
    SimParams p{.scenario = sc, .seed = 5};
    int exceed = 0, fault = 0, outage = 0, dup = 0;
    for (const DeviceSpec& d : fleet) {
      for (TimeMs t = Local(0); t < Local(24); t += kSlotMs) {
        const Condition c = ConditionAt(p, d, t);
        exceed += c.exceeding;
        fault += c.fault;
        outage += c.outage;
        dup += IsDuplicated(p, d, t);
        if (c.outage) {
          EXPECT_GT(OutageEnd(p, d, t), t);
          EXPECT_LE(OutageEnd(p, d, t) - t, 6 * 60 * 1000);
          EXPECT_FALSE(ConditionAt(p, d, OutageEnd(p, d, t)).outage);
        }
      }
    }
    return std::array<int, 4>{exceed, fault, outage, dup};
  };
  EXPECT_EQ(count(Scenario::kNormal), (std::array<int, 4>{0, 0, 0, 0}));
  auto exc = count(Scenario::kExceedance);
  EXPECT_GT(exc[0], 0);
  EXPECT_EQ(exc[1] + exc[2] + exc[3], 0);
  auto faults = count(Scenario::kFaults);
  EXPECT_GT(faults[1], 0);
  EXPECT_GT(faults[2], 0);
  EXPECT_GT(count(Scenario::kDuplicates)[3], 0);
  auto mixed = count(Scenario::kMixed);
  EXPECT_GT(mixed[0], 0);
  EXPECT_GT(mixed[1], 0);
  EXPECT_GT(mixed[2], 0);
  EXPECT_LT(mixed[0], exc[0]);
}

TEST(RecordsTest, DataTimeIsShanghaiLocal) {
  const TimeMs t = *ParseDataTime("20261129083000");
  EXPECT_EQ(FormatDataTime(t), "20261129083000");
  EXPECT_EQ(FormatIsoShanghai(t).substr(0, 19), "2026-11-29T08:30:00");
  EXPECT_EQ(FormatDataTime(PeriodStart(Period::kDay, t)), "20261129000000");
  EXPECT_EQ(FormatDataTime(PeriodStart(Period::kHour, t + 1234)), "20261129080000");
  QnSource qn;
  const std::string a = qn.Next(t), b = qn.Next(t), c = qn.Next(t - 3600000);
  EXPECT_EQ(a, "20261129083000000");
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);  // a clock set back never repeats a QN
}

TEST(RecordsTest, EveryDemoDeviceUploadsFramesTheCodecAccepts) {
  SimParams p{.scenario = Scenario::kFaults, .seed = 9};
  for (const DeviceSpec& d : Demo()) {
    std::vector<hj212::Frame> frames(4);
    BuildRealtime(p, d, Local(12), "20261129120000000", true, &frames[0]);
    BuildPeriodRecord(p, d, Period::kMinute, Local(12), "20261129120000001", true, &frames[1]);
    BuildPeriodRecord(p, d, Period::kHour, Local(12), "20261129120000002", true, &frames[2]);
    BuildPeriodRecord(p, d, Period::kDay, Local(0), "20261129120000003", true, &frames[3]);
    for (const hj212::Frame& f : frames) {
      auto packet = hj212::EncodePacket(f, {.crc = d.crc});
      ASSERT_TRUE(packet.ok()) << d.mn << " " << packet.error().ToString();
      struct NoReject : hj212::RejectReporter {
        void Rejected(const hj212::Rejection& r) override { ADD_FAILURE() << RejectName(r.reason); }
      } reporter;
      hj212::FramerOptions options;
      options.AcceptCrc(d.crc);
      hj212::Framer framer(&reporter, options);
      framer.Feed(*packet);
      hj212::RawFrame raw;
      ASSERT_TRUE(framer.Next(&raw));
      EXPECT_EQ(raw.crc_variant, d.crc);
      hj212::Frame back;
      hj212::ParseError err;
      ASSERT_TRUE(hj212::ParseFrame(raw, &back, &err)) << err.detail;
      EXPECT_EQ(back.mn(), d.mn);
      EXPECT_EQ(back.st(), d.st);
      EXPECT_EQ(back.version(), d.version);
      if (d.version == hj212::Version::k2005) {
        EXPECT_FALSE(back.qn());  // HJ/T 212-2005 uploads: no QN, no Flag
        EXPECT_FALSE(back.flag());
      } else {
        EXPECT_EQ(back.flag(), d.version == hj212::Version::k2017 ? 5 : 9);
        EXPECT_TRUE(back.ack_requested());
      }
      const bool realtime = back.cn() == "2011";
      for (const std::string& code : d.factors) {
        EXPECT_TRUE(back.FindFactorValue(code, realtime ? "Rtd" : "Avg")) << code;
        EXPECT_TRUE(back.FindFactorValue(code, "Flag")) << code;
      }
    }
  }
}

}  // namespace
}  // namespace gl::simulator
