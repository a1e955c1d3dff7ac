// greenloop/hj212/encoder.h
//
// Frame -> bytes on the wire: "##", LLLL, the data segment, CRC, CR LF
// (HJ 212-2017 §6.3.1 Table 2). LLLL counts the data segment's bytes; the CRC
// is Appendix A over those same bytes, printed as 4 upper-case hex digits.
//
// The data segment lists the header fields present in the order of HJ 212-2017
// Table 3 (QN;ST;CN;PW;MN;Flag;PNUM;PNO;CP=&&...&&). Inside CP come DataTime,
// then the other fields, then the factor values, the values of consecutive
// items with the same code joined by ',' and everything else by ';', as in the
// standard's example (§6.3.3: "DataTime=...;w01001-Rtd=7.1,w01001-Flag=N;...").
// Values are written exactly as stored in the Frame.
//
// Parsing an encoded frame gives back the same fields (tests/hj212 checks this).
// Functions only append to `out`; they never clear it.
#pragma once

#include <string>
#include <string_view>

#include "greenloop/base/error.h"
#include "greenloop/hj212/crc.h"
#include "greenloop/hj212/framer.h"
#include "greenloop/hj212/model.h"

namespace gl::hj212 {

struct EncodeOptions {
  // Refuse data segments longer than this (HJ 212-2017 §6.3.1: 0 ≤ n ≤ 1024).
  std::size_t max_data_length = kMaxDataLength2017;
  // The CRC to print; only a simulator of a non-standard device changes it.
  CrcVariant crc = CrcVariant::kHj212;
};

// Appends the data segment of `frame` to *out. Never fails.
void AppendDataSegment(const Frame& frame, std::string* out);

// Appends "##LLLL<segment>CCCC\r\n" for an already-built data segment. Fails with
// kInvalidArgument (field "data") and appends nothing if the segment is longer
// than options.max_data_length (or than LLLL's 9999).
Status AppendFramedSegment(std::string_view segment, std::string* out,
                           const EncodeOptions& options = {});

// Appends the whole packet for `frame`; errors as AppendFramedSegment.
Status AppendPacket(const Frame& frame, std::string* out, const EncodeOptions& options = {});

// The whole packet for `frame` as a new string; errors as AppendFramedSegment.
Result<std::string> EncodePacket(const Frame& frame, const EncodeOptions& options = {});

}  // namespace gl::hj212
