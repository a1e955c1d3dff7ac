#include "greenloop/cases/report_api.h"

#include "greenloop/cases/export.h"
#include "greenloop/cases/open311.h"
#include "greenloop/cases/stats.h"
#include "greenloop/org/auth.h"

namespace gl::cases {

namespace {
using http::Request;
using http::Response;

Result<std::optional<Id>> IdQuery(const Request& request, std::string_view name) {
  auto text = request.Query(name);
  if (!text || text->empty()) return std::optional<Id>();
  auto id = ParseIdText(*text);
  if (!id) return Error::InvalidArgument(std::string(name), std::string(name) + " 须为编号");
  return std::optional<Id>(*id);
}

Result<std::optional<TimeMs>> TimeQuery(const Request& request, std::string_view name) {
  auto text = request.Query(name);
  if (!text || text->empty()) return std::optional<TimeMs>();
  auto t = ParseTime(*text);
  if (!t) {
    return Error::InvalidArgument(std::string(name),
                                  std::string(name) + " 须为 ISO 8601 时间或日期（如 2026-11-01）");
  }
  return std::optional<TimeMs>(*t);
}

// The first instant of the month containing `t`, Asia/Shanghai, and of the next month.
std::pair<TimeMs, TimeMs> MonthAround(TimeMs t) {
  CivilTime c = ToCivil(t + kShanghaiOffsetMs);
  CivilTime start{c.year, c.month, 1, 0, 0, 0, 0};
  CivilTime next{
      c.month == 12 ? c.year + 1 : c.year, c.month == 12 ? 1 : c.month + 1, 1, 0, 0, 0, 0};
  return {*FromCivil(start) - kShanghaiOffsetMs, *FromCivil(next) - kShanghaiOffsetMs};
}

}  // namespace

Result<CaseFilter> ParseListFilter(const Request& request) {
  CaseFilter f;
  for (const std::string& s : open311::SplitCommaList(request.Query("status").value_or(""))) {
    if (s == "open") {
      f.open_only = true;
      continue;
    }
    auto st = ParseStatus(s);
    if (!st) return Error::InvalidArgument("status", "没有这个状态：" + s);
    f.statuses.push_back(*st);
  }
  GL_ASSIGN_OR_RETURN(f.unit_id, IdQuery(request, "unit"));
  GL_ASSIGN_OR_RETURN(f.subdistrict_id, IdQuery(request, "subdistrict"));
  f.category = request.Query("category").value_or("");
  if (auto s = request.Query("source"); s && !s->empty()) {
    auto src = ParseSource(*s);
    if (!src) return Error::InvalidArgument("source", "没有这个来源：" + *s);
    f.source = *src;
  }
  GL_ASSIGN_OR_RETURN(f.overdue_only, org::QueryFlag(request, "overdue", false));
  f.text = request.Query("q").value_or("");
  GL_ASSIGN_OR_RETURN(f.from, TimeQuery(request, "from"));
  GL_ASSIGN_OR_RETURN(f.to, TimeQuery(request, "to"));
  if (auto s = request.Query("sort"); s && !s->empty()) {
    std::string key = (*s)[0] == '-' ? s->substr(1) : *s;
    if (key != "created_at" && key != "due_at" && key != "updated_at" && key != "priority") {
      return Error::InvalidArgument("sort", "sort 只能按 created_at、due_at、updated_at、priority");
    }
    f.sort = *s;
  }
  return f;
}

void RegisterCaseReportRoutes(http::Router& router, org::OrgService& org, CaseService& cases) {
  router.Get("/api/v1/cases/export.xlsx", [&org, &cases](Request& request) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, request));
    GL_ASSIGN_OR_RETURN(CaseFilter filter, ParseListFilter(request));
    std::vector<CaseView> rows;
    constexpr int kPage = 500;
    for (int offset = 0;; offset += kPage) {
      GL_ASSIGN_OR_RETURN(Page<CaseView> page, cases.List(actor, filter, offset, kPage));
      if (page.total > kMaxExportRows) {
        return Error::InvalidArgument(
            "filter", "符合条件的案件有 " + std::to_string(page.total) + " 件，超过导出上限 " +
                          std::to_string(kMaxExportRows) + " 件，请缩小筛选范围");
      }
      for (auto& v : page.items) rows.push_back(std::move(v));
      if (page.items.size() < static_cast<size_t>(kPage) ||
          static_cast<long long>(rows.size()) >= page.total) {
        break;
      }
    }
    GL_ASSIGN_OR_RETURN(std::string bytes, BuildCasesXlsx(rows, cases.config().taxonomy));
    CivilTime c = ToCivil(cases.Now() + kShanghaiOffsetMs);
    char date[16];
    std::snprintf(date, sizeof date, "%04d%02d%02d", c.year, c.month, c.day);
    Response r;
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = std::move(bytes);
    // RFC 6266: an ASCII fallback name and the UTF-8 one (案件台账-<date>.xlsx).
    r.headers.emplace_back("Content-Disposition",
                           std::string("attachment; filename=\"cases-") + date +
                               ".xlsx\"; filename*=UTF-8''%E6%A1%88%E4%BB%B6%E5%8F%B0%E8%B4%A6-" +
                               date + ".xlsx");
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });

  router.Get("/api/v1/cases/stats", [&org, &cases](Request& request) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, request));
    StatsQuery q;
    q.now = cases.Now();
    auto [month_start, month_end] = MonthAround(q.now);
    GL_ASSIGN_OR_RETURN(auto from, TimeQuery(request, "from"));
    GL_ASSIGN_OR_RETURN(auto to, TimeQuery(request, "to"));
    q.from = from.value_or(month_start);
    q.to = to.value_or(from ? q.now + 1 : month_end);
    GL_ASSIGN_OR_RETURN(q.unit_id, IdQuery(request, "unit"));
    GL_ASSIGN_OR_RETURN(
        CaseStats stats,
        ComputeCaseStats(cases.database(), actor, cases.config().routing.dispatcher_unit, q));
    return Response::Json(200, CaseStatsJson(stats, q));
  });
}

}  // namespace gl::cases
