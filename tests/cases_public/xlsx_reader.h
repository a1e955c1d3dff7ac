// tests/cases_public/xlsx_reader.h
//
// Opens an .xlsx the way a person's spreadsheet program would start: as a zip.
// XlsxSheetXml returns xl/worksheets/sheet1.xml of the workbook bytes (through the
// system's `unzip`), or an Error naming what failed.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "greenloop/base/crypto.h"
#include "greenloop/base/error.h"

namespace gl::testing {

inline Result<std::string> XlsxSheetXml(const std::string& bytes,
                                        const std::string& member = "xl/worksheets/sheet1.xml") {
  auto path = std::filesystem::temp_directory_path() / ("gl-xlsx-" + RandomHex(6) + ".xlsx");
  {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  std::string cmd = "unzip -p '" + path.string() + "' '" + member + "' 2>/dev/null";
  std::string xml;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) xml.append(buf, n);
    int rc = pclose(p);
    std::filesystem::remove(path);
    if (rc != 0 || xml.empty()) return Error::Internal("unzip could not read " + member);
    return xml;
  }
  std::filesystem::remove(path);
  return Error::Internal("cannot run unzip");
}

}  // namespace gl::testing
