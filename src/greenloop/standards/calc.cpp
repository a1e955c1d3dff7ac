#include "greenloop/standards/calc.h"

namespace gl::standards {

Result<Decimal> ToDecimal(const RawNumber& raw, std::string_view field) {
  if (const double* d = std::get_if<double>(&raw)) return Decimal::FromDouble(*d, field);
  return Decimal::Parse(std::get<std::string>(raw), field);
}

Result<std::map<std::string, Decimal>> ToDecimals(const std::map<std::string, RawNumber>& raw) {
  std::map<std::string, Decimal> out;
  for (const auto& [key, value] : raw) {
    GL_ASSIGN_OR_RETURN(Decimal d, ToDecimal(value, key));
    out.emplace(key, d);
  }
  return out;
}

Result<AqiResult> CalcAqi(const AqiRequest& req) {
  GL_ASSIGN_OR_RETURN(AqiReportKind kind, ParseReportKind(req.report));
  std::optional<std::string_view> edition;
  if (req.edition) edition = *req.edition;
  GL_ASSIGN_OR_RETURN(AqiEdition e, ResolveEdition(edition, req.date));
  GL_ASSIGN_OR_RETURN(ConcentrationMap values, ToDecimals(req.values));
  return ComputeAqi(e, kind, values);
}

Result<WaterCompliance> CalcWaterClass(const WaterRequest& req) {
  GL_ASSIGN_OR_RETURN(WaterBody body, ParseWaterBody(req.waterbody));
  GL_ASSIGN_OR_RETURN(auto values, ToDecimals(req.values));
  if (req.target) {
    GL_ASSIGN_OR_RETURN(WaterClass target, ParseWaterClass(*req.target, "target"));
    return CheckWaterTarget(body, target, values);
  }
  GL_ASSIGN_OR_RETURN(WaterAssessment a, AssessWater(body, values));
  return WaterCompliance{std::move(a), WaterClass::kV, true, {}};
}

Result<NoiseEvaluation> CalcNoise(const NoiseRequest& req) {
  NoiseInput in;
  GL_ASSIGN_OR_RETURN(in.standard, ParseNoiseStandard(req.standard));
  in.zone = req.zone;
  GL_ASSIGN_OR_RETURN(in.period, ParseNoisePeriod(req.period));
  if (!req.leq) return Error::InvalidArgument("leq", "leq is required");
  GL_ASSIGN_OR_RETURN(in.leq, ToDecimal(*req.leq, "leq"));
  if (req.lmax) {
    GL_ASSIGN_OR_RETURN(Decimal lmax, ToDecimal(*req.lmax, "lmax"));
    in.lmax = lmax;
  }
  in.indoor = req.indoor;
  if (req.lmax_kind) {
    GL_ASSIGN_OR_RETURN(in.lmax_kind, ParseLmaxKind(*req.lmax_kind));
  }
  return EvaluateNoise(in);
}

}  // namespace gl::standards
