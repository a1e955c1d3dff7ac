#include "greenloop/cases/handoff.h"

#include "greenloop/monitoring/store.h"

namespace gl::cases {

std::string AlarmCategory(const std::string& site_kind, const alarms::AlarmForCase& alarm) {
  if (alarm.rule_kind == "no_data") return "monitoring.no_data";
  if (alarm.rule_kind == "device_flag" || alarm.rule_kind == "suspect") return "monitoring.device";
  const std::string& f = alarm.factor;
  bool noise = f == "LA" || f == "Leq" || f.rfind("LA", 0) == 0 || f.rfind("L", 0) == 0;
  bool water = !f.empty() && f[0] == 'w';
  if (site_kind == "restaurant") return "air.fume";
  if (site_kind == "construction") return noise ? "city.construction_noise" : "air.dust";
  if (site_kind == "water_section") return "water.quality";
  if (site_kind == "air_station") return "air.quality";
  if (site_kind == "industrial") return water ? "water.sewage_outfall" : "city.industrial";
  return water ? "water.quality" : "air.quality";
}

Priority AlarmPriority(const std::string& severity) {
  if (severity == "critical") return Priority::kCritical;
  if (severity == "major") return Priority::kUrgent;
  return Priority::kNormal;
}

Result<alarms::CaseRef> CaseHandoffImpl::HandOff(const alarms::AlarmForCase& alarm) {
  if (alarm.alarm_id == 0 || alarm.site_id == 0 || alarm.problem_key.empty()) {
    return Error::InvalidArgument("alarm", "告警缺少编号、站点或问题键");
  }
  auto kind = cases_.database().Query([&](soci::session& sql) -> Result<std::string> {
    auto site = monitoring::store::FindSite(sql, alarm.site_id);
    if (!site) return Error::NotFound("没有该站点");
    return site->kind;
  });
  if (!kind.ok()) return kind.error();
  CaseService::AlarmIntake in;
  in.alarm_id = alarm.alarm_id;
  in.site_id = alarm.site_id;
  in.problem_key = alarm.problem_key;
  in.category = AlarmCategory(*kind, alarm);
  in.title = alarm.title;
  in.description = alarm.description;
  in.priority = AlarmPriority(alarm.severity);
  in.started_at = alarm.started_at;
  GL_ASSIGN_OR_RETURN(auto opened, cases_.OpenOrAttachForAlarm(in));
  return alarms::CaseRef{opened.first.id, opened.first.number, opened.second};
}

}  // namespace gl::cases
