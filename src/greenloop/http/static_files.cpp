#include "greenloop/http/static_files.h"

#include <fstream>
#include <sstream>

namespace gl::http {

std::string_view ContentTypeFor(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".geojson", "application/geo+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".wasm", "application/wasm"},
  };
  size_t dot = name.rfind('.');
  if (dot != std::string_view::npos) {
    std::string_view ext = name.substr(dot);
    for (const auto& [e, type] : kTypes) {
      if (e == ext) return type;
    }
  }
  return "application/octet-stream";
}

namespace {
bool ReadFile(const std::filesystem::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  out = std::move(buf).str();
  return true;
}

bool AcceptsGzip(const Request& request) {
  std::string_view accept = request.Header("accept-encoding");
  return accept.find("gzip") != std::string_view::npos;
}

bool IsSafeRelative(std::string_view path) {
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) {
    return false;
  }
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(pos, end - pos);
    if (seg == ".." || seg == ".") return false;
    pos = end + 1;
  }
  return true;
}
}  // namespace

Handler StaticFiles(std::filesystem::path root) {
  return [root = std::move(root)](Request& request) -> Result<Response> {
    std::string rel = request.path;
    while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
    if (!IsSafeRelative(rel)) return Error::NotFound("no such file");
    std::filesystem::path file = root / rel;
    std::error_code ec;
    bool is_file = !rel.empty() && std::filesystem::is_regular_file(file, ec);
    bool has_extension = rel.rfind('.') != std::string::npos &&
                         rel.rfind('.') > (rel.rfind('/') == std::string::npos ? 0 : rel.rfind('/'));
    if (!is_file) {
      if (has_extension) return Error::NotFound("no such file: /" + rel);
      file = root / "index.html";  // a client-side route
      if (!std::filesystem::is_regular_file(file, ec)) {
        return Error::NotFound(
            "the web UI is not built (web/dist/index.html is missing): run make build");
      }
    }
    Response response;
    response.status = 200;
    response.content_type = std::string(ContentTypeFor(file.filename().string()));
    bool immutable = rel.rfind("assets/", 0) == 0 && is_file;
    response.headers.emplace_back("Cache-Control", immutable ? "public, max-age=31536000, immutable"
                                                             : "no-cache");
    response.headers.emplace_back("Vary", "Accept-Encoding");
    std::filesystem::path gz = file;
    gz += ".gz";
    if (AcceptsGzip(request) && std::filesystem::is_regular_file(gz, ec) &&
        ReadFile(gz, response.body)) {
      response.headers.emplace_back("Content-Encoding", "gzip");
      return response;
    }
    if (!ReadFile(file, response.body)) return Error::NotFound("cannot read " + file.string());
    return response;
  };
}

}  // namespace gl::http
