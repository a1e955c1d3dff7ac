// Wires the cases capability into the server: the service with its data files and
// clock, the staff routes (after the report routes, whose fixed paths must match
// before /cases/{id}), the alarm hand-off, the escalation loop and the webhooks.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "greenloop/app/app_impl.h"
#include "greenloop/cases/api.h"
#include "greenloop/cases/codec.h"
#include "greenloop/cases/geo.h"
#include "greenloop/cases/open311_api.h"
#include "greenloop/cases/public_api.h"
#include "greenloop/cases/report_api.h"

namespace gl::app {

Status WireCases(App::Impl& impl) {
  auto config = cases::LoadCaseConfig(impl.options.data_dir.string());
  if (!config.ok()) return config.error();
  cases::CaseOptions options;
  double scale = impl.options.case_clock_scale;
  if (scale != 1) {
    options.clock = cases::ScaledClock(scale);
    spdlog::info("cases: the case clock runs {}x faster than real time (demo)", scale);
  }
  if (!impl.subdistricts_geojson.empty()) {
    auto locator = cases::SubdistrictLocator::FromGeoJson(impl.subdistricts_geojson);
    if (!locator.ok()) return locator.error();
    auto shared = std::make_shared<cases::SubdistrictLocator>(std::move(locator).value());
    options.locate_subdistrict = [shared](const cases::GeoPoint& p) { return shared->Locate(p); };
  }
  impl.cases = std::make_unique<cases::CaseService>(*impl.db, std::move(config).value(), options);
  impl.case_webhooks = std::make_unique<cases::WebhookSender>();
  impl.cases->OnUnitEvent(
      [&impl](Id unit_id, const std::string& kind, const cases::Case& c, const std::string& text) {
        auto url = impl.cases->WebhookFor(unit_id);
        if (!url) return;
        json::object body{{"kind", kind},
                          {"unit_id", IdToJson(unit_id)},
                          {"case", json::object{{"id", IdToJson(c.id)},
                                                {"number", c.number},
                                                {"status", cases::StatusName(c.status)},
                                                {"escalation_level", c.escalation_level}}},
                          {"text", text},
                          {"at", FormatIsoShanghai(NowMs())}};
        impl.case_webhooks->Enqueue(*url, json::serialize(body));
      });
  impl.case_handoff_impl = std::make_unique<cases::CaseHandoffImpl>(*impl.cases);
  impl.case_handoff = impl.case_handoff_impl.get();

  // Fixed paths under /api/v1/cases/ first: the router takes the first match.
  cases::RegisterCaseReportRoutes(*impl.router, *impl.org, *impl.cases);
  // cases-public: photos and attachments, the public complaint and tracking routes,
  // Open311; per-address rate limits.
  cases::PublicOptions public_options;
  public_options.attachments.dir = cases::DefaultFilesDir(*impl.db);
  impl.case_public = std::make_unique<cases::PublicCases>(*impl.db, public_options);
  impl.cases->SetAttachmentHooks(cases::AttachmentHooksFor());
  cases::RegisterPublicCaseRoutes(*impl.router, *impl.cases, *impl.case_public);
  cases::RegisterAttachmentRoutes(*impl.router, *impl.org, *impl.cases, *impl.case_public);
  cases::RegisterOpen311Routes(*impl.router, *impl.org, *impl.cases, *impl.case_public);
  cases::RegisterCaseRoutes(*impl.router, *impl.org, *impl.cases);

  // One escalation pass per minute of the case clock, at most one a second.
  auto interval =
      std::chrono::milliseconds(std::clamp(static_cast<long long>(60000 / scale), 1000LL, 60000LL));
  impl.case_escalation = std::make_unique<cases::EscalationLoop>(*impl.cases, interval);
  impl.case_escalation->Start();
  impl.stop_after_writer.push_back([&impl] {
    impl.case_escalation->Stop();
    impl.case_webhooks->Stop();
  });
  return Status::Ok();
}

}  // namespace gl::app
