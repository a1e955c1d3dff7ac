// greenloop/app/app_impl.h
//
// The parts of a running App, for the wiring files (app.cpp, wire_*.cpp) only.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "greenloop/app/app.h"
#include "greenloop/cases/escalation_loop.h"
#include "greenloop/cases/handoff.h"
#include "greenloop/cases/public_api.h"
#include "greenloop/cases/service.h"
#include "greenloop/cases/webhook.h"
#include "greenloop/alarms/hourly_judge.h"
#include "greenloop/alarms/runtime.h"
#include "greenloop/compliance/api.h"
#include "greenloop/db/database.h"
#include "greenloop/gateway/registry.h"
#include "greenloop/gateway/server.h"
#include "greenloop/gateway/writer.h"
#include "greenloop/http/router.h"
#include "greenloop/http/server.h"
#include "greenloop/monitoring/service.h"
#include "greenloop/org/service.h"

namespace gl::app {

struct App::Impl {
  ServeOptions options;
  std::unique_ptr<db::Database> db;
  http::Metrics metrics;
  std::unique_ptr<http::Router> router;
  std::unique_ptr<org::OrgService> org;
  std::unique_ptr<monitoring::MonitoringService> monitoring;
  std::unique_ptr<compliance::ComplianceService> compliance;
  std::unique_ptr<gateway::DeviceRegistry> registry;
  std::unique_ptr<gateway::IngestWriter> writer;
  boost::asio::io_context ioc;
  std::unique_ptr<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work;
  std::unique_ptr<http::HttpServer> http;
  std::unique_ptr<gateway::GatewayServer> gateway;
  std::vector<std::thread> threads;
  std::string subdistricts_geojson;
  bool stopped = false;

  // Run in order once the writer has stopped (later capabilities' threads).
  std::vector<std::function<void()>> stop_after_writer;
  // Capabilities wired in by wire_*.cpp; each owner adds its own members below.
  // --- cases (wire_cases.cpp)
  std::unique_ptr<cases::CaseService> cases;
  std::unique_ptr<cases::CaseHandoffImpl> case_handoff_impl;
  alarms::CaseHandoff* case_handoff = nullptr;  // the alarm engine's door to cases
  std::unique_ptr<cases::WebhookSender> case_webhooks;
  std::unique_ptr<cases::EscalationLoop> case_escalation;
  std::unique_ptr<cases::PublicCases> case_public;  // cases-public: photos, limiters
  // --- alarms (wire_alarms.cpp)
  std::unique_ptr<alarms::AlarmService> alarm_service;
  std::unique_ptr<alarms::HourlyJudge> alarm_judge;
  std::unique_ptr<alarms::AlarmRuntime> alarm_runtime;
};

// Each wires one capability into a starting App: services, routes, listeners on
// the writer, and what to stop. Called after the writer exists and before it starts.
Status WireCases(App::Impl& impl);
Status WireAlarms(App::Impl& impl);

}  // namespace gl::app
