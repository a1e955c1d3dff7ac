// Wires the cases capability into the server.
#include "greenloop/app/app_impl.h"

namespace gl::app {

Status WireCases(App::Impl& impl) {
  (void)impl;
  return Status::Ok();
}

}  // namespace gl::app
