// greenloop/http/static_files.h
//
// Serves the built browser UI (web/dist). A path that names a file serves it; a
// path without a file extension that names nothing serves index.html, so the
// UI's client-side routes survive a reload. Hashed assets under /assets/ are
// cached for a year; index.html is always revalidated. When the client accepts
// gzip and a precompressed "<file>.gz" exists beside the file, that is sent.
// Paths that climb out of the root ("..") are not found.
#pragma once

#include <filesystem>

#include "greenloop/http/router.h"

namespace gl::http {

// A handler for Router::SetFallback serving files under `root`.
Handler StaticFiles(std::filesystem::path root);

// The Content-Type for a file name's extension ("application/octet-stream" if unknown).
std::string_view ContentTypeFor(std::string_view filename);

}  // namespace gl::http
