// greenloop/monitoring/codec.h
//
// JSON forms of sites, devices and series points (ids as strings, times ISO 8601
// in Asia/Shanghai). A device's password never leaves the server.
#pragma once

#include "greenloop/base/json.h"
#include "greenloop/monitoring/model.h"

namespace gl::monitoring {

json::object SiteToJson(const Site& site);
json::object DeviceToJson(const Device& device, TimeMs now);

}  // namespace gl::monitoring
