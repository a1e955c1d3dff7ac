// Compliance on monitored data and the standards calculators, through the HTTP API of
// an in-process server on the demo district, on SQLite and on PostgreSQL. Readings
// arrive as real HJ 212 frames over TCP.
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>
#include <thread>

#include "greenloop/app/app.h"
#include "greenloop/base/time.h"
#include "greenloop/hj212/encoder.h"
#include "greenloop/hj212/framer.h"
#include "greenloop/hj212/parser.h"
#include "greenloop/standards/aqi.h"
#include "greenloop/standards/water.h"
#include "support/http_client.h"
#include "support/test_db.h"

namespace gl {
namespace {

namespace asio = boost::asio;
namespace st = gl::standards;
using asio::ip::tcp;

// Demo devices (data/demo/sites.json), HJ 212-2017.
struct DemoDevice {
  const char* site;
  const char* mn;
  const char* pw;
  const char* st;
};
constexpr DemoDevice kAirCyb{"air-cyb", "0100C1A05000022500103005", "988917", "22"};  // 300 s
constexpr DemoDevice kNoiseCtm01{"cst-ctm-01", "0100C1A02000036500103020", "535726",
                                 "36"};  // 60 s, GB 12523-2011
constexpr DemoDevice kFumeCtm001{"rst-ctm-001", "0100C1A01000031500103015", "953037",
                                 "31"};  // 60 s, DB50/859-2018
constexpr DemoDevice kWaterCj01{"wtr-cj-01", "0100C1A04000021500103001", "983725", "21"};  // 3600 s

std::string Two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// A 2011 real-time upload with every factor's Rtd and Flag=N.
std::string Upload(const DemoDevice& d, const std::string& data_time,
                   const std::vector<std::pair<std::string, std::string>>& values) {
  hj212::Frame f;
  f.SetQn(data_time + "000");
  f.SetSt(d.st);
  f.SetCn("2011");
  f.SetPw(d.pw);
  f.SetMn(d.mn);
  f.SetFlag(5);
  f.SetHasCp(true);
  f.SetDataTime(data_time);
  for (const auto& [code, value] : values) {
    f.AddFactorValue(code, "Rtd", value);
    f.AddFactorValue(code, "Flag", "N");
  }
  return *hj212::EncodePacket(f);
}

class Device {
 public:
  explicit Device(std::uint16_t port) : socket_(io_) {
    socket_.connect({asio::ip::make_address("127.0.0.1"), port});
  }
  void Send(const std::string& bytes) { asio::write(socket_, asio::buffer(bytes)); }
  // Reads until `n` acknowledgements arrived or the timeout passes.
  size_t Acks(size_t n, int timeout_ms = 30000) {
    size_t got_acks = 0;
    socket_.non_blocking(true);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    std::array<char, 8192> buf;
    while (got_acks < n && std::chrono::steady_clock::now() < deadline) {
      boost::system::error_code ec;
      size_t got = socket_.read_some(asio::buffer(buf), ec);
      if (ec == asio::error::would_block) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        continue;
      }
      if (ec) break;
      framer_.Feed(std::string_view(buf.data(), got));
      hj212::RawFrame raw;
      while (framer_.Next(&raw)) {
        hj212::Frame f;
        hj212::ParseError err;
        if (hj212::ParseFrame(raw, &f, &err) && f.cn().value_or("") == "9014") ++got_acks;
      }
    }
    return got_acks;
  }

 private:
  struct NullReporter : hj212::RejectReporter {
    void Rejected(const hj212::Rejection&) override {}
  } reporter_;
  asio::io_context io_;
  tcp::socket socket_;
  hj212::Framer framer_{&reporter_};
};

// Whether `actual` holds everything in `expected` (objects as subsets, arrays and
// scalars equal; numbers compared as doubles).
bool Contains(const json::value& actual, const json::value& expected, std::string& where) {
  if (expected.is_object()) {
    if (!actual.is_object()) return false;
    for (const auto& [k, v] : expected.as_object()) {
      const json::value* a = actual.as_object().if_contains(k);
      std::string here = where + "." + std::string(k);
      if (!a || !Contains(*a, v, here)) {
        where = here;
        return false;
      }
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.as_array().size() != expected.as_array().size()) return false;
    for (size_t i = 0; i < expected.as_array().size(); ++i) {
      if (!Contains(actual.as_array()[i], expected.as_array()[i], where)) return false;
    }
    return true;
  }
  if (expected.is_number()) {
    return actual.is_number() &&
           std::fabs(actual.to_number<double>() - expected.to_number<double>()) < 1e-9;
  }
  return actual == expected;
}

class ComplianceTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    app::ServeOptions options;
    options.db_url = test_db_->url();
    options.http = "127.0.0.1:0";
    options.hj212 = "127.0.0.1:0";
    options.demo = true;
    options.data_dir = std::string(GL_SOURCE_DIR) + "/data";
    options.threads = 2;
    options.fast_password_hashing = true;
    auto started = app::App::Start(options);
    ASSERT_TRUE(started.ok()) << started.error().ToString();
    app_ = std::move(started).value();
  }
  void TearDown() override {
    app_.reset();
    StoreTest::TearDown();
  }

  std::string SiteId(testing::TestClient& c, const std::string& code) {
    json::value sites = c.Get("/api/v1/sites?q=" + code).Json();
    return std::string(sites.at("items").at(0).at("id").as_string());
  }

  // (valid_count, sum, max) of a stored aggregate, or valid_count 0.
  struct Agg {
    long long valid = 0;
    double sum = 0;
    double max = 0;
    std::optional<double> avg() const {
      return valid ? std::optional<double>(sum / valid) : std::nullopt;
    }
  };
  Agg Aggregate(const std::string& site_id, const std::string& factor, int period, TimeMs start) {
    Agg a;
    EXPECT_TRUE(db().Run([&](soci::session& sql) {
                      soci::indicator ind;
                      sql << "SELECT valid_count, sum_value, max_value FROM aggregates WHERE"
                             " site_id = " +
                                 site_id + " AND factor = '" + factor +
                                 "' AND period = " + std::to_string(period) +
                                 " AND start_at = " + std::to_string(start),
                          soci::into(a.valid), soci::into(a.sum), soci::into(a.max, ind);
                      if (!sql.got_data()) a = Agg{};
                      return Status::Ok();
                    })
                    .ok());
    return a;
  }

  std::unique_ptr<app::App> app_;
};

TEST_P(ComplianceTest, WorkedExamplesAndBadInputThroughTheCalculators) {
  std::ifstream in(std::string(GL_SOURCE_DIR) + "/tests/data/compliance/calculators.json");
  ASSERT_TRUE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  auto doc = ParseJson(text.str());
  ASSERT_TRUE(doc.ok());
  testing::TestClient client(app_->http_port());  // not signed in: the calculators are public
  int cases = 0;
  for (const auto& c : doc->at("cases").as_array()) {
    std::string id(c.at("id").as_string());
    std::string path(c.at("path").as_string());
    SCOPED_TRACE(id);
    auto r = client.Post("/api/v1/standards/" + path, json::serialize(c.at("body")));
    if (const json::value* field = c.as_object().if_contains("error")) {
      ASSERT_EQ(r.status, 400) << r.body;
      EXPECT_EQ(r.ErrorCode(), "invalid_argument") << r.body;
      EXPECT_EQ(r.Json().at("field"), *field) << r.body;
      EXPECT_FALSE(r.Json().at("message").as_string().empty());
    } else {
      ASSERT_EQ(r.status, 200) << r.body;
      std::string where;
      EXPECT_TRUE(Contains(r.Json(), c.at("expect"), where)) << where << " in " << r.body;
      // The paths issue #4 names answer the same.
      auto alias = client.Post("/api/v1/calc/" + path, json::serialize(c.at("body")));
      EXPECT_EQ(alias.body, r.body);
    }
    ++cases;
  }
  EXPECT_GE(cases, 50);
  // Not JSON at all, and the server goes on serving.
  auto bad = client.Post("/api/v1/standards/aqi", "{\"report\":");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.ErrorCode(), "bad_json");
  EXPECT_EQ(client.Get("/healthz").status, 200);
}

TEST_P(ComplianceTest, MonitoredRoutesNeedASignIn) {
  testing::TestClient anon(app_->http_port());
  EXPECT_EQ(anon.Get("/api/v1/air/aqi?date=2026-11-28").status, 401);
  EXPECT_EQ(anon.Get("/api/v1/sites/1/compliance").status, 401);
}

TEST_P(ComplianceTest, PublicPanelsNeedNoSignInAndShowEverySection) {
  testing::TestClient anon(app_->http_port());
  auto air = anon.Get("/api/v1/public/air/aqi");
  ASSERT_EQ(air.status, 200) << air.body;
  json::value aqi = air.Json();
  EXPECT_EQ(aqi.at("date").as_string(), FormatIsoShanghai(NowMs()).substr(0, 10));
  EXPECT_TRUE(aqi.at("district").is_object());
  EXPECT_FALSE(aqi.at("stations").as_array().empty());
  auto water = anon.Get("/api/v1/public/water");
  ASSERT_EQ(water.status, 200) << water.body;
  testing::TestClient admin(app_->http_port());
  ASSERT_EQ(admin.Login("admin", "greenloop-demo").status, 200);
  long long sections =
      admin.Get("/api/v1/sites?kind=water_section&page_size=500").Json().at("total").as_int64();
  json::value body = water.Json();
  const auto& items = body.at("items").as_array();
  EXPECT_EQ(static_cast<long long>(items.size()), sections);
  for (const auto& item : items) {
    EXPECT_EQ(item.at("site").at("kind"), "water_section");
    EXPECT_TRUE(item.at("items").is_array());
  }
}

// Hour h of the test day, minute m: concentrations that vary over the day.
std::vector<std::pair<std::string, std::string>> AirValues(int h, int m) {
  auto fmt = [](double v) {
    std::ostringstream o;
    o.precision(10);
    o << v;
    return o.str();
  };
  double wave = std::sin((h - 4) * std::numbers::pi / 12.0);  // low at night, high in the afternoon
  return {{"a34004", fmt(48 + 20 * wave + (m % 3) * 0.5)},    // PM2.5 µg/m³
          {"a34002", fmt(80 + 25 * wave + (m % 4))},          // PM10 µg/m³
          {"a21026", fmt(9 + (h % 5))},                       // SO2 µg/m³
          {"a21004", fmt(35 + 10 * wave + (m % 2))},          // NO2 µg/m³
          {"a21005", fmt(0.7 + 0.01 * h)},                    // CO mg/m³
          {"a05024", fmt(90 + 70 * wave + (m % 5) * 0.25)}};  // O3 µg/m³
}

// Feeds one day of 5-minute real-time uploads (hours 3 and 4 missing) to air-cyb.
void FeedAirDay(std::uint16_t port, const std::string& ymd) {
  Device device(port);
  size_t sent = 0;
  for (int h = 0; h < 24; ++h) {
    if (h == 3 || h == 4) continue;  // a gap: 22 valid hours is still a valid day
    for (int m = 0; m < 60; m += 5) {
      device.Send(Upload(kAirCyb, ymd + Two(h) + Two(m) + "00", AirValues(h, m)));
      ++sent;
    }
  }
  ASSERT_EQ(device.Acks(sent), sent);
}

TEST_P(ComplianceTest, DailyAqiOfAStationEqualsTheAqiOfItsStoredDailyAverages) {
  for (const auto& [date, ymd] : {std::pair<std::string, std::string>{"2026-11-28", "20261128"},
                                  {"2026-02-27", "20260227"}}) {
    SCOPED_TRACE(date);
    FeedAirDay(app_->hj212_port(), ymd);
    if (HasFatalFailure()) return;
    testing::TestClient admin(app_->http_port());
    ASSERT_EQ(admin.Login("admin", "greenloop-demo").status, 200);
    std::string site = SiteId(admin, kAirCyb.site);
    TimeMs day = *ParseTime(date);
    st::AqiEdition edition = st::AqiEditionAt(day);

    // By hand from the stored aggregates: daily averages; O3 daily max 8 h from the
    // hourly averages (every present hour is complete: 12 of 12 readings).
    st::ConcentrationMap conc;
    for (const auto& [code, key] :
         std::vector<std::pair<std::string, std::string>>{{"a21026", "so2_24h"},
                                                          {"a21004", "no2_24h"},
                                                          {"a21005", "co_24h"},
                                                          {"a34002", "pm10_24h"},
                                                          {"a34004", "pm25_24h"}}) {
      auto avg = Aggregate(site, code, 2, day).avg();
      ASSERT_TRUE(avg) << code;
      conc[key] = *st::Decimal::FromDouble(*avg, key);
    }
    std::vector<std::optional<double>> o3(24);
    for (int h = 0; h < 24; ++h) o3[h] = Aggregate(site, "a05024", 1, day + h * 3600000LL).avg();
    std::optional<double> max8, max1;
    for (int s = 0; s + 8 <= 24; ++s) {
      double sum = 0;
      int n = 0;
      for (int h = s; h < s + 8; ++h) {
        if (o3[h]) {
          sum += *o3[h];
          ++n;
        }
      }
      ASSERT_GE(n, 6);
      max8 = std::max(max8.value_or(sum / n), sum / n);
    }
    for (const auto& v : o3) {
      if (v) max1 = std::max(max1.value_or(*v), *v);
    }
    conc["o3_8h"] = *st::Decimal::FromDouble(*max8, "o3_8h");
    if (edition == st::AqiEdition::k2012) conc["o3_1h"] = *st::Decimal::FromDouble(*max1, "o3_1h");
    auto expected = st::ComputeAqi(edition, st::AqiReportKind::kDaily, conc);
    ASSERT_GL_OK(expected);
    ASSERT_TRUE(expected->aqi);

    auto r = admin.Get("/api/v1/air/aqi?date=" + date);
    ASSERT_EQ(r.status, 200) << r.body;
    json::value body = r.Json();
    const json::value* station = nullptr;
    for (const auto& s : body.at("stations").as_array()) {
      if (s.at("site").at("code") == kAirCyb.site) station = &s;
    }
    ASSERT_NE(station, nullptr);
    EXPECT_EQ(body.at("stations").as_array().size(), 12u);  // admin sees every demo station
    const json::value& daily = station->at("daily");
    EXPECT_EQ(daily.at("status"), "ok") << json::serialize(daily);
    EXPECT_EQ(daily.at("aqi").to_number<int>(), *expected->aqi) << json::serialize(daily);
    EXPECT_EQ(daily.at("edition"), json::value(st::EditionName(edition)));
    for (const auto& ind : expected->indicators) {
      std::string key(st::IndicatorName(ind.indicator));
      ASSERT_TRUE(ind.iaqi) << key;
      EXPECT_EQ(daily.at("iaqi").at(key).to_number<int>(), *ind.iaqi) << key;
    }
    json::array primary;
    for (auto p : expected->primary) primary.emplace_back(st::PollutantName(p));
    EXPECT_EQ(daily.at("primary"), json::value(primary));
    // Only this station has data: the district means are its values.
    EXPECT_EQ(body.at("district").at("aqi"), daily.at("aqi"));
    ASSERT_EQ(body.at("district").at("hourly").as_array().size(), 24u);
    EXPECT_EQ(body.at("district").at("hourly").at(12).at("aqi"),
              station->at("hourly").at(12).at("aqi"));
    // The hourly series: 24 hours; the gap is insufficient, not a value.
    const auto& hourly = station->at("hourly").as_array();
    ASSERT_EQ(hourly.size(), 24u);
    EXPECT_EQ(hourly[3].at("status"), "insufficient");
    EXPECT_TRUE(hourly[3].at("aqi").is_null());
    EXPECT_EQ(hourly[12].at("status"), "ok");
    // Another station with no data is insufficient.
    for (const auto& s : body.at("stations").as_array()) {
      if (s.at("site").at("code") == "air-dp") {
        EXPECT_EQ(s.at("daily").at("status"), "insufficient");
        EXPECT_TRUE(s.at("daily").at("aqi").is_null());
      }
    }
    // The same day through the site route.
    auto c = admin.Get("/api/v1/sites/" + site + "/compliance?period=day&from=" + date +
                       "&to=" + date + "T23:59:59%2B08:00");
    ASSERT_EQ(c.status, 200) << c.body;
    ASSERT_EQ(c.Json().at("items").as_array().size(), 1u);
    EXPECT_EQ(c.Json().at("items").at(0).at("aqi"), daily.at("aqi"));

    // Hour 12 by hand: the 2026 real-time report indexes the 1-hour averages; 2012
    // uses SO2/NO2/CO/O3 1 h, O3 8 h and the PM 24-hour sliding averages.
    {
      st::ConcentrationMap hour;
      TimeMs h12 = day + 12 * 3600000LL;
      for (const auto& [code, key] :
           std::vector<std::pair<std::string, std::string>>{{"a21026", "so2_1h"},
                                                            {"a21004", "no2_1h"},
                                                            {"a21005", "co_1h"},
                                                            {"a05024", "o3_1h"},
                                                            {"a34002", "pm10_1h"},
                                                            {"a34004", "pm25_1h"}}) {
        hour[key] = *st::Decimal::FromDouble(*Aggregate(site, code, 1, h12).avg(), key);
      }
      if (edition == st::AqiEdition::k2012) {
        // 2012: O3 8 h sliding over 05:00-12:00 (all valid); the PM and SO2 24-hour sliding
        // averages have only 11 valid hours here (no data the day before, 03-04 missing),
        // so they are missing, not values.
        double sum = 0;
        for (int h = 5; h <= 12; ++h) sum += *o3[h];
        hour["o3_8h"] = *st::Decimal::FromDouble(sum / 8, "o3_8h");
      }
      auto eh = st::ComputeAqi(edition, st::AqiReportKind::kHourly, hour);
      ASSERT_GL_OK(eh);
      EXPECT_EQ(hourly[12].at("aqi").to_number<int>(), *eh->aqi) << json::serialize(hourly[12]);
      if (edition == st::AqiEdition::k2012) {
        for (const auto& ind : eh->indicators) {
          if (ind.indicator != st::Indicator::kO3_8h) continue;
          ASSERT_TRUE(ind.iaqi);
          EXPECT_EQ(hourly[12].at("iaqi").at("o3_8h").to_number<int>(), *ind.iaqi);
        }
        EXPECT_EQ(hourly[12].at("missing"), json::value(json::array{"pm10_24h", "pm25_24h"}))
            << json::serialize(hourly[12]);
      }
    }
  }
}

TEST_P(ComplianceTest, AnotherSubdistrictsStationIsNotFoundAndNotListed) {
  testing::TestClient admin(app_->http_port());
  ASSERT_EQ(admin.Login("admin", "greenloop-demo").status, 200);
  std::string site = SiteId(admin, kAirCyb.site);
  testing::TestClient hlq(app_->http_port());
  ASSERT_EQ(hlq.Login("hlq.officer", "greenloop-demo").status, 200);
  EXPECT_EQ(hlq.Get("/api/v1/sites/" + site + "/compliance").status, 404);
  auto r = hlq.Get("/api/v1/air/aqi?date=2026-11-28");
  ASSERT_EQ(r.status, 200) << r.body;
  json::value listed = r.Json();
  for (const auto& s : listed.at("stations").as_array()) {
    EXPECT_NE(s.at("site").at("code"), kAirCyb.site);
  }
  EXPECT_EQ(admin.Get("/api/v1/air/aqi?date=2026-13-01").status, 400);
  auto bad = admin.Get("/api/v1/sites/" + site + "/compliance?period=week");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json().at("field"), "period");
}

TEST_P(ComplianceTest, RiverSectionDailyClassIsTheClassOfItsDailyAverages) {
  // One reading an hour (interval_s 3600) for a day; TP and NH3-N vary.
  Device device(app_->hj212_port());
  for (int h = 0; h < 24; ++h) {
    std::ostringstream tp, nh3n;
    tp << 0.12 + 0.005 * (h % 7);
    nh3n << 0.3 + 0.01 * (h % 10);
    device.Send(Upload(kWaterCj01, "20261128" + Two(h) + "0000",
                       {{"w01001", "7.6"},
                        {"w01009", h < 12 ? "6.8" : "7.9"},
                        {"w01019", "3.1"},
                        {"w21003", nh3n.str()},
                        {"w21011", tp.str()},
                        {"w21001", "1.6"},
                        {"w01010", "18.5"},
                        {"w01014", "320"}}));
  }
  ASSERT_EQ(device.Acks(24), 24u);
  testing::TestClient admin(app_->http_port());
  ASSERT_EQ(admin.Login("admin", "greenloop-demo").status, 200);
  std::string site = SiteId(admin, kWaterCj01.site);
  TimeMs day = *ParseTime("2026-11-28");

  std::map<std::string, st::Decimal> values;
  for (const auto& [code, key] :
       std::vector<std::pair<std::string, std::string>>{{"w01001", "ph"},
                                                        {"w01009", "do"},
                                                        {"w01019", "codmn"},
                                                        {"w21003", "nh3n"},
                                                        {"w21011", "tp"},
                                                        {"w21001", "tn"},
                                                        {"w01010", "water_temp"}}) {
    auto avg = Aggregate(site, code, 2, day).avg();
    ASSERT_TRUE(avg) << code;
    values[key] = *st::Decimal::FromDouble(*avg, key);
  }
  auto expected = st::CheckWaterTarget(st::WaterBody::kRiver, st::WaterClass::kIII, values);
  ASSERT_GL_OK(expected);

  auto r =
      admin.Get("/api/v1/sites/" + site + "/compliance?period=day&from=2026-11-28&to=2026-11-29");
  ASSERT_EQ(r.status, 200) << r.body;
  json::value body = r.Json();
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  const json::value& item = items[0];
  EXPECT_EQ(item.at("status"), "ok");
  EXPECT_EQ(item.at("class"), json::value(st::WaterClassName(expected->assessment.overall)))
      << r.body;
  EXPECT_EQ(item.at("class"), "III");
  EXPECT_EQ(item.at("target"), "III");
  EXPECT_EQ(item.at("exceeded"), false);
  EXPECT_DOUBLE_EQ(item.at("coverage").to_number<double>(), 1.0);
  for (const auto& [key, cls] : expected->assessment.by_parameter) {
    EXPECT_EQ(item.at("by_parameter").at(key), json::value(st::WaterClassName(cls))) << key;
  }
  // Per hour: 24 items, each with its own class.
  auto hours =
      admin.Get("/api/v1/sites/" + site + "/compliance?period=hour&from=2026-11-28&to=2026-11-29");
  ASSERT_EQ(hours.status, 200);
  EXPECT_EQ(hours.Json().at("items").as_array().size(), 24u);
  // A day with no data is insufficient.
  auto empty =
      admin.Get("/api/v1/sites/" + site + "/compliance?period=day&from=2026-11-27&to=2026-11-28");
  EXPECT_EQ(empty.Json().at("items").at(0).at("status"), "insufficient");
}

TEST_P(ComplianceTest, ConstructionNoiseDayAndNightAgainstGb12523) {
  // One LA sample a minute (interval_s 60): 10:00 at 65, 11:00 at 75 dB(A); 23:00 at 50
  // with one 72 dB(A) peak.
  Device device(app_->hj212_port());
  size_t sent = 0;
  for (int h : {10, 11, 23}) {
    for (int m = 0; m < 60; ++m) {
      std::string la = h == 10 ? "65" : h == 11 ? "75" : (m == 30 ? "72" : "50");
      device.Send(Upload(kNoiseCtm01, "20261128" + Two(h) + Two(m) + "00", {{"LA", la}}));
      ++sent;
    }
  }
  ASSERT_EQ(device.Acks(sent), sent);
  testing::TestClient admin(app_->http_port());
  ASSERT_EQ(admin.Login("admin", "greenloop-demo").status, 200);
  std::string site = SiteId(admin, kNoiseCtm01.site);
  auto r =
      admin.Get("/api/v1/sites/" + site + "/compliance?period=day&from=2026-11-28&to=2026-11-29");
  ASSERT_EQ(r.status, 200) << r.body;
  json::value body = r.Json();
  const json::value& item = body.at("items").at(0);
  EXPECT_EQ(item.at("standard"), "GB12523");
  EXPECT_EQ(item.at("exceeded"), true);
  // Day: 10·log10((10^6.5 + 10^7.5) / 2) = 72.40 over GB 12523-2011's 70.
  const json::value& day = item.at("day");
  EXPECT_NEAR(day.at("leq").to_number<double>(), 72.4, 1e-9) << r.body;
  EXPECT_EQ(day.at("limit").to_number<int>(), 70);
  EXPECT_EQ(day.at("exceeded"), true);
  EXPECT_NEAR(day.at("over_db").to_number<double>(), 2.4, 1e-9);
  EXPECT_EQ(day.at("valid_hours").to_number<int>(), 2);
  // Night: mean level (59·50 + 72) / 60 = 50.37 -> 50.4 within 55; Lmax 72 over 55 + 15.
  const json::value& night = item.at("night");
  EXPECT_NEAR(night.at("leq").to_number<double>(), 50.4, 1e-9) << r.body;
  EXPECT_EQ(night.at("limit").to_number<int>(), 55);
  EXPECT_EQ(night.at("exceeded"), false);
  EXPECT_NEAR(night.at("lmax").to_number<double>(), 72, 1e-9);
  EXPECT_EQ(night.at("lmax_limit").to_number<int>(), 70);
  EXPECT_EQ(night.at("lmax_exceeded"), true);
  // Per hour: 10:00 complies with the day limit, 11:00 does not.
  auto hours = admin.Get(
      "/api/v1/sites/" + site +
      "/compliance?period=hour&from=2026-11-28T10:00:00%2B08:00&to=2026-11-28T12:00:00%2B08:00");
  ASSERT_EQ(hours.status, 200) << hours.body;
  ASSERT_EQ(hours.Json().at("items").as_array().size(), 2u);
  EXPECT_EQ(hours.Json().at("items").at(0).at("exceeded"), false);
  EXPECT_EQ(hours.Json().at("items").at(1).at("exceeded"), true);
}

TEST_P(ComplianceTest, RestaurantHourlyFumeAgainstItsStandard) {
  // 12:00 at 1.2 mg/m³, 13:00 at 0.8 (a full hour each), 14:00 only 20 of 60 minutes.
  Device device(app_->hj212_port());
  size_t sent = 0;
  for (int h : {12, 13, 14}) {
    for (int m = 0; m < (h == 14 ? 20 : 60); ++m) {
      device.Send(Upload(kFumeCtm001, "20261128" + Two(h) + Two(m) + "00",
                         {{"gl_fume", h == 12 ? "1.2" : "0.8"}}));
      ++sent;
    }
  }
  ASSERT_EQ(device.Acks(sent), sent);
  testing::TestClient admin(app_->http_port());
  ASSERT_EQ(admin.Login("admin", "greenloop-demo").status, 200);
  std::string site = SiteId(admin, kFumeCtm001.site);
  auto r = admin.Get(
      "/api/v1/sites/" + site +
      "/compliance?period=hour&from=2026-11-28T12:00:00%2B08:00&to=2026-11-28T15:00:00%2B08:00");
  ASSERT_EQ(r.status, 200) << r.body;
  json::value body = r.Json();
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  // DB50/859-2018 油烟 1.0 mg/m³ (the site's fume_standard).
  EXPECT_EQ(items[0].at("standard"), "DB50/859-2018");
  EXPECT_NEAR(items[0].at("limit").to_number<double>(), 1.0, 1e-9);
  EXPECT_NEAR(items[0].at("value").to_number<double>(), 1.2, 1e-9);
  EXPECT_EQ(items[0].at("exceeded"), true);
  EXPECT_EQ(items[1].at("exceeded"), false);
  EXPECT_EQ(items[2].at("status"), "insufficient");
  EXPECT_TRUE(items[2].at("value").is_null());
  EXPECT_TRUE(items[2].at("exceeded").is_null());
  auto day = admin.Get("/api/v1/sites/" + site + "/compliance?period=day");
  EXPECT_EQ(day.status, 400);
  EXPECT_EQ(day.Json().at("field"), "period");
}

GL_INSTANTIATE_STORE_TEST(ComplianceTest);

}  // namespace
}  // namespace gl
