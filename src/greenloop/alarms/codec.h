// greenloop/alarms/codec.h
//
// The JSON of an alarm (docs/api.md "## Alarms", contracts.md) and of the stream's
// messages. Pure.
#pragma once

#include <string>

#include "greenloop/alarms/model.h"
#include "greenloop/base/json.h"

namespace gl::alarms {

json::object AlarmToJson(const Alarm& alarm);
// {"type":"alarm","event":event,"alarm":{...}} serialised.
std::string StreamMessage(std::string_view event, const Alarm& alarm);

}  // namespace gl::alarms
