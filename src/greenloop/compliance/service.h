// greenloop/compliance/service.h
//
// Contract: compliance of monitored data with the environmental standards,
// computed on demand from the monitoring aggregates (nothing is stored). A site's
// applicable standard and class come from its kind and attributes:
//
//   - air_station: hourly AQI (HJ 633 real-time report from hourly averages) and
//     daily AQI (daily report from daily averages); the edition by the period's
//     start (standards::AqiEditionAt: HJ 633-2012 before 2026-03-01, 2026 from
//     then). `exceeded` compares each pollutant with its GB 3095 limit of the
//     station's attributes.air_grade (default 2), edition by date.
//   - water_section: GB 3838-2002 class of the period's averages of the section's
//     parameters, against attributes.water_target_class (default III) for
//     attributes.water_body (river | lake | reservoir, default river).
//   - construction and industrial (factor LA): day and night Leq and night Lmax
//     against GB 12523-2011 (construction) or GB 3096-2008 / GB 12348-2008 by
//     attributes.noise_standard and attributes.noise_zone.
//   - restaurant (factor gl_fume): hourly average against attributes.fume_standard
//     (GB 18483-2001 or DB50/859-2018; default DB50/859-2018, Chongqing).
//
// UNITS. Aggregates are in the unit the device sends. HJ 212 air devices send
// SO2/NO2/O3/PM in µg/m³ or mg/m³ depending on the device; this service ASSUMES
// µg/m³ for SO2, NO2, O3, PM2.5, PM10 and mg/m³ for CO (what the demo simulator
// and the demo devices send, and the units HJ 633 takes). No conversion is done.
//
// DATA VALIDITY. shared/reference/standards.md does not transcribe the data
// validity rules of GB 3095-2012 §7 (or of GB 3095-2026), so the thresholds below
// are the platform's CoveragePolicy, not numbers quoted from a standard; the
// defaults follow the figures commonly quoted for GB 3095-2012 §7 (a 1-hour value
// from at least 45 minutes of data, a daily value from at least 20 hourly values,
// an 8-hour value from at least 6 hourly values) and are marked unconfirmed. A
// period short of them is reported as insufficient, never as a value.
//
// Errors: not_found (no such site, or outside the actor's scope), invalid_argument
// naming "from", "to", "period" or "date", internal on storage failure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/db/database.h"
#include "greenloop/monitoring/model.h"
#include "greenloop/monitoring/service.h"
#include "greenloop/org/model.h"
#include "greenloop/standards/aqi.h"
#include "greenloop/standards/fume.h"
#include "greenloop/standards/noise.h"
#include "greenloop/standards/water.h"

namespace gl::compliance {

// Platform policy (see DATA VALIDITY above): status unconfirmed against the
// standards' own text, configurable.
struct CoveragePolicy {
  // An hourly average counts when its valid readings cover at least this share of
  // the device's expected readings (3600 / interval_s): 45 of 60 minutes.
  double min_hour_coverage = 0.75;
  // A daily (or 24-hour sliding) average needs this many valid hours.
  int min_valid_hours_per_day = 20;
  // An 8-hour sliding average needs this many valid hours of its 8.
  int min_valid_hours_per_8h = 6;
  // The daily maximum 8-hour average needs this many valid 8-hour windows of the
  // 17 that lie wholly within the day (windows starting 00:00 ... 16:00).
  int min_valid_8h_windows = 14;
  // Water: a period's parameter average needs at least this many valid readings
  // (automatic water stations report every 1-4 h; no validity rule is in the
  // reference).
  int min_water_readings = 1;
  // Noise: a day or night Leq needs at least this many valid hours (GB 12523-2011
  // measures 20 minutes of continuous Leq, which one valid hour covers).
  int min_noise_hours = 1;
};

// One air pollutant in a period.
struct AirValue {
  std::string indicator;        // "pm25_24h", "o3_8h", ...
  std::optional<double> value;  // µg/m³ (CO mg/m³); empty when insufficient
  double coverage = 0;          // valid hours / hours needed (capped at 1)
  std::optional<double> limit;  // GB 3095 limit of the station's grade, if any
  std::string limit_source;
  bool exceeded = false;
};

struct AirItem {
  std::vector<AirValue> values;
  std::optional<standards::AqiResult> aqi;  // empty when no pollutant had enough data
  std::string aqi_error;                    // why there is no AQI, when ComputeAqi refused
};

struct WaterItem {
  std::map<std::string, double> values;    // parameter key -> average (mg/L)
  std::map<std::string, double> coverage;  // parameter key -> valid / expected
  std::optional<standards::WaterCompliance> result;
  std::string error;
};

struct NoisePart {                 // the day or the night of one date (or one hour)
  std::optional<double> leq;       // energy average of the valid hourly LA averages
  std::optional<double> lmax;      // night: the largest LA reading
  int valid_hours = 0, hours = 0;  // valid hours / hours in the part
  std::optional<standards::NoiseEvaluation> evaluation;
  std::string error;
};

struct NoiseItem {
  std::string standard;  // "GB12523", ...
  std::string zone;
  std::optional<NoisePart> day, night;
};

struct FumeItem {
  std::optional<double> value;  // mg/m³
  std::string standard;         // "DB50/859-2018", ...
  std::optional<standards::FumeCheck> check;
};

struct ComplianceItem {
  TimeMs start = 0, end = 0;
  bool sufficient = false;  // false: "insufficient", no value is claimed
  double coverage = 0;      // share of the data the period needs that was there
  std::optional<bool> exceeded;
  std::optional<AirItem> air;
  std::optional<WaterItem> water;
  std::optional<NoiseItem> noise;
  std::optional<FumeItem> fume;
};

struct SiteCompliance {
  monitoring::Site site;
  monitoring::Period period = monitoring::Period::kDay;
  std::vector<ComplianceItem> items;
};

struct StationAqi {
  monitoring::Site site;
  ComplianceItem daily;
  std::vector<ComplianceItem> hourly;  // the 24 hours of the date
};

struct DistrictAqi {
  std::string date;  // "YYYY-MM-DD"
  TimeMs start = 0;
  std::vector<StationAqi> stations;
  // The district value: per pollutant the mean of the stations' daily values
  // (stations with enough data only), then the daily AQI of those means.
  ComplianceItem district;
  // The same for each hour of the date: the real-time report of the stations' means.
  std::vector<ComplianceItem> district_hourly;
};

class ComplianceService {
 public:
  ComplianceService(db::Database& db, monitoring::MonitoringService& monitoring,
                    CoveragePolicy policy = {})
      : db_(db), monitoring_(monitoring), policy_(policy) {}

  // The items of [from, to): whole hours or whole Asia/Shanghai days (from is
  // moved back to its period's start). At most 31 days of hours, 366 days of days.
  Result<SiteCompliance> SiteItems(const org::Actor& actor, Id site_id, monitoring::Period period,
                                   TimeMs from, TimeMs to);

  // Every active air station the actor may see: the daily AQI of `date`
  // ("YYYY-MM-DD", Asia/Shanghai), its hourly series, and the district value.
  Result<DistrictAqi> AirQuality(const org::Actor& actor, const std::string& date);

  const CoveragePolicy& policy() const { return policy_; }

 private:
  db::Database& db_;
  monitoring::MonitoringService& monitoring_;
  CoveragePolicy policy_;
};

}  // namespace gl::compliance
