// Wires the alarms capability into the server: the service and its routes, the
// engine's runtime fed by the ingest writer's committed batches, the hand-off to
// cases (when that capability has wired `case_handoff` into App::Impl), and the
// WebSocket stream /api/v1/stream.
#include <spdlog/spdlog.h>

#include "greenloop/alarms/api.h"
#include "greenloop/app/app_impl.h"
#include "greenloop/http/websocket.h"
#include "greenloop/org/auth.h"

namespace gl::app {

namespace {
// The cases helper adds `case_handoff` to App::Impl; until then there is none.
template <typename T>
alarms::CaseHandoff* CaseHandoffOf(T& impl) {
  if constexpr (requires { impl.case_handoff.get(); }) {
    return impl.case_handoff.get();
  } else if constexpr (requires { static_cast<alarms::CaseHandoff*>(impl.case_handoff); }) {
    return impl.case_handoff;
  } else {
    return nullptr;
  }
}

// GET /api/v1/stream: the signed-in user's alarm events, within their scope.
void RegisterAlarmStream(App::Impl& impl, alarms::AlarmRuntime& runtime) {
  org::OrgService* org_service = impl.org.get();
  http::RegisterStream(
      *impl.router, "/api/v1/stream",
      [org_service, &runtime](const http::Request& request, std::shared_ptr<http::StreamSink> sink)
          -> Result<std::function<void()>> {
        GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(*org_service, request));
        json::object hello{{"type", "hello"}, {"user", actor.login}};
        sink->Send(json::serialize(hello));
        std::weak_ptr<http::StreamSink> weak = sink;
        std::uint64_t token = runtime.hub().Subscribe(actor, [weak](const std::string& message) {
          auto s = weak.lock();
          return s && s->Send(message);
        });
        return std::function<void()>([&runtime, token] { runtime.hub().Unsubscribe(token); });
      });
}

}  // namespace

Status WireAlarms(App::Impl& impl) {
  impl.alarm_service = std::make_unique<alarms::AlarmService>(*impl.db);
  alarms::RegisterAlarmRoutes(*impl.router, *impl.org, *impl.alarm_service);
  impl.alarm_judge = std::make_unique<alarms::ComplianceHourlyJudge>(*impl.compliance);
  impl.alarm_runtime =
      std::make_unique<alarms::AlarmRuntime>(*impl.db, *impl.alarm_service, impl.alarm_judge.get());
  alarms::AlarmRuntime* runtime = impl.alarm_runtime.get();
  runtime->SetCaseHandoff(CaseHandoffOf(impl));
  impl.alarm_service->OnChange(
      [runtime](const alarms::AlarmChange& change) { runtime->OnServiceChange(change); });
  impl.writer->SetCommittedListener([runtime](gateway::CommittedBatch&& batch) {
    alarms::IngestBatch b;
    b.readings.reserve(batch.readings.size());
    for (auto& r : batch.readings) b.readings.emplace_back(r.site_id, std::move(r.reading));
    b.devices_seen = std::move(batch.devices_seen);
    runtime->Enqueue(std::move(b));
  });
  GL_RETURN_IF_ERROR(runtime->Start());
  impl.stop_after_writer.push_back([runtime] { runtime->Stop(); });
  impl.metrics.AddGauge("greenloop_alarms_open", "Open (active or acknowledged) alarms.",
                        [runtime] { return static_cast<double>(runtime->open_alarms()); });
  impl.metrics.AddGauge("greenloop_alarm_stream_subscribers", "Live /api/v1/stream connections.",
                        [runtime] { return static_cast<double>(runtime->hub().subscribers()); });
  RegisterAlarmStream(impl, *runtime);
  return Status::Ok();
}

}  // namespace gl::app
