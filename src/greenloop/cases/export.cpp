#include "greenloop/cases/export.h"

#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "greenloop/base/crypto.h"

namespace gl::cases {

namespace {

std::string_view LedgerStatusText(CaseStatus s) {
  switch (s) {
    case CaseStatus::kReported:
      return "待受理";
    case CaseStatus::kAccepted:
      return "已受理";
    case CaseStatus::kRejected:
      return "不予受理";
    case CaseStatus::kDispatched:
      return "已派遣";
    case CaseStatus::kInProgress:
      return "办理中";
    case CaseStatus::kResolved:
      return "已办理待核查";
    case CaseStatus::kVerified:
      return "已核查";
    case CaseStatus::kClosed:
      return "已办结";
    case CaseStatus::kMerged:
      return "已合并";
  }
  return "";
}

// "2026-11-29 23:46" in Asia/Shanghai; empty for none.
std::string LocalMinute(std::optional<TimeMs> t) {
  if (!t) return "";
  CivilTime c = ToCivil(*t + kShanghaiOffsetMs);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day, c.hour,
                c.minute);
  return buf;
}

std::string CategoryText(const Taxonomy& taxonomy, const std::string& code) {
  const Category* c = taxonomy.Find(code);
  if (!c) return code;
  if (!c->parent.empty()) {
    if (const Category* p = taxonomy.Find(c->parent)) return p->name + " / " + c->name;
  }
  return c->name;
}

std::vector<std::string> RowOf(const CaseView& v, const Taxonomy& taxonomy) {
  const Case& c = v.c;
  std::string co;
  for (const UnitRef& u : c.co_units) co += (co.empty() ? "" : "、") + u.name;
  return {c.number,
          std::string(SourceText(c.source)),
          CategoryText(taxonomy, c.category),
          c.title,
          c.subdistrict ? c.subdistrict->name : "",
          c.lead_unit ? c.lead_unit->name : "",
          co,
          std::string(LedgerStatusText(c.status)),
          std::string(PriorityText(c.priority)),
          LocalMinute(c.created_at),
          LocalMinute(c.accepted_at),
          LocalMinute(c.due_at ? c.due_at : c.accept_due_at),
          v.overdue ? "是" : "否",
          c.escalation_level > 0 ? std::to_string(c.escalation_level) + " 级" : "",
          c.supervised ? "是" : "否",
          LocalMinute(c.resolved_at),
          LocalMinute(c.closed_at),
          c.satisfaction ? std::to_string(*c.satisfaction) : "",
          c.address};
}

}  // namespace

const std::vector<std::string>& ExportHeadings() {
  static const std::vector<std::string> kHeadings = {
      "案件编号", "来源",         "类别",     "标题",     "所属街道", "牵头单位", "协办单位",
      "状态",     "优先级",       "上报时间", "受理时间", "办理时限", "是否超期", "催办等级",
      "是否督办", "办理完成时间", "办结时间", "满意度",   "地址"};
  return kHeadings;
}

std::string_view SourceText(Source source) {
  switch (source) {
    case Source::kAlarm:
      return "监测报警";
    case Source::kComplaint:
      return "群众投诉";
    case Source::kHotline:
      return "热线电话";
    case Source::kInspection:
      return "督察检查";
    case Source::kPatrol:
      return "日常巡查";
    case Source::kRectification:
      return "整改交办";
  }
  return "";
}

std::string_view PriorityText(Priority priority) {
  switch (priority) {
    case Priority::kNormal:
      return "一般";
    case Priority::kUrgent:
      return "紧急";
    case Priority::kCritical:
      return "特急";
  }
  return "";
}

Result<std::string> BuildCasesXlsx(const std::vector<CaseView>& cases, const Taxonomy& taxonomy) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path tmp_dir = fs::temp_directory_path(ec);
  if (ec) tmp_dir = "/tmp";
  fs::path file = tmp_dir / ("gl-export-" + RandomHex(8) + ".xlsx");
  std::string tmp_dir_text = tmp_dir.string();

  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;  // rows go out in order; memory stays flat
  options.tmpdir = tmp_dir_text.data();
  lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
  if (!wb) return Error::Internal("cannot create workbook " + file.string());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "案件台账");
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xDDEBF7);
  format_set_border(head, LXW_BORDER_THIN);

  const auto& headings = ExportHeadings();
  const double widths[] = {16, 10, 22, 30, 12, 18, 18, 12, 8, 17, 17, 17, 9, 9, 9, 17, 17, 7, 30};
  for (size_t col = 0; col < headings.size(); ++col) {
    worksheet_set_column(ws, static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col),
                         col < std::size(widths) ? widths[col] : 14, nullptr);
  }
  worksheet_freeze_panes(ws, 1, 0);
  for (size_t col = 0; col < headings.size(); ++col) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(col), headings[col].c_str(), head);
  }
  lxw_row_t row = 1;
  for (const CaseView& v : cases) {
    std::vector<std::string> cells = RowOf(v, taxonomy);
    for (size_t col = 0; col < cells.size(); ++col) {
      if (cells[col].empty()) continue;
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(col), cells[col].c_str(), nullptr);
    }
    ++row;
  }
  worksheet_autofilter(ws, 0, 0, row - 1, static_cast<lxw_col_t>(headings.size() - 1));
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    fs::remove(file, ec);
    return Error::Internal(std::string("cannot write workbook: ") + lxw_strerror(err));
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  fs::remove(file, ec);
  if (!in) return Error::Internal("cannot read back workbook " + file.string());
  return buf.str();
}

}  // namespace gl::cases
