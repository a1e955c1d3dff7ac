#include "greenloop/compliance/site_standards.h"

namespace gl::compliance {

namespace {
namespace st = gl::standards;

std::string Attr(const json::object& attrs, std::string_view key, std::string fallback) {
  if (const json::value* v = attrs.if_contains(key)) {
    if (v->is_string() && !v->as_string().empty()) return std::string(v->as_string());
    if (v->is_int64()) return std::to_string(v->as_int64());
  }
  return fallback;
}
}  // namespace

NoiseSetup NoiseSetupOf(const monitoring::Site& site) {
  NoiseSetup n;
  n.standard = site.kind == "construction" ? st::NoiseStandard::kGb12523
               : site.kind == "industrial" ? st::NoiseStandard::kGb12348
                                           : st::NoiseStandard::kGb3096;
  std::string configured = Attr(site.attributes, "noise_standard", "");
  if (!configured.empty()) {
    if (auto s = st::ParseNoiseStandard(configured); s.ok()) n.standard = *s;
  }
  n.zone = Attr(site.attributes, "noise_zone", "2");
  std::string kind = Attr(site.attributes, "noise_lmax_kind", "");
  if (!kind.empty()) {
    if (auto k = st::ParseLmaxKind(kind); k.ok()) {
      n.lmax_kind = *k;
      n.lmax_kind_known = true;
    }
  }
  return n;
}

st::FumeStandard FumeStandardOf(const monitoring::Site& site) {
  auto fume = st::ParseFumeStandard(Attr(site.attributes, "fume_standard", "DB50/859-2018"));
  return fume.ok() ? *fume : st::FumeStandard::kDb50_859_2018;
}

}  // namespace gl::compliance
