// tests/support/demo_app.h
//
// An in-process GreenLoop (app::App) on a test database with the demo district
// loaded, HTTP and HJ 212 on free loopback ports, and fast password hashing.
#pragma once

#include <memory>
#include <string>

#include "greenloop/app/app.h"

namespace gl::testing {

// The started app, or an Error naming what failed.
Result<std::unique_ptr<app::App>> StartDemoApp(const std::string& db_url, bool demo = true);

}  // namespace gl::testing
