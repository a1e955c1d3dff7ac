// greenloop/cases/export.h
//
// The case ledger as an .xlsx workbook (libxlsxwriter), with the Chinese column
// headings officials expect: one sheet "案件台账", one row per case, times in
// Asia/Shanghai ("2026-11-29 23:46"), a frozen header row and an autofilter.
//
// BuildCasesXlsx returns the bytes of the workbook, or kInternal when the file
// cannot be written (libxlsxwriter writes to a temporary file, read back and removed).
#pragma once

#include <string>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/cases/config.h"
#include "greenloop/cases/service.h"

namespace gl::cases {

// The column headings, in order (案件编号, 来源, 类别, 标题, 所属街道, 牵头单位, ...).
const std::vector<std::string>& ExportHeadings();

// "群众投诉" for kComplaint, ...
std::string_view SourceText(Source source);
// "一般", "紧急", "特急".
std::string_view PriorityText(Priority priority);

Result<std::string> BuildCasesXlsx(const std::vector<CaseView>& cases, const Taxonomy& taxonomy);

}  // namespace gl::cases
