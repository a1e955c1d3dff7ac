// Wires the alarms capability into the server.
#include "greenloop/app/app_impl.h"

namespace gl::app {

Status WireAlarms(App::Impl& impl) {
  (void)impl;
  return Status::Ok();
}

}  // namespace gl::app
