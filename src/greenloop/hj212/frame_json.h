// greenloop/hj212/frame_json.h
//
// The JSON form of frames and rejections, as `greenloop hj212 parse` prints it
// and `greenloop hj212 encode` reads it (issue 3, item 2):
//
//   {"ok":true,"version":"2017","qn":"20160801085857223","st":"32","cn":"2011",
//    "pw":"123456","mn":"010000A8900016F000169DC0","flag":5,"pnum":null,"pno":null,
//    "ack_requested":true,"cp":{"DataTime":"20160801085857",
//    "factors":{"w01018":{"Rtd":"101.0","Flag":"N"}},"fields":{}}}
//
//   {"ok":false,"error":"bad_crc","offset":N,"dropped":M,"detail":"...", ...}
//
// Absent header fields are null; values are the strings that were sent; factors
// and suffixes keep the order they were sent in (a repeated code-suffix keeps the
// last value). Uses Boost.JSON (greenloop/base/json.h); not part of the hot path.
#pragma once

#include <cstdint>

#include "greenloop/base/json.h"
#include "greenloop/hj212/model.h"
#include "greenloop/hj212/parser.h"
#include "greenloop/hj212/reject.h"

namespace gl::hj212 {

json::object FrameToJson(const Frame& frame);

// A framer rejection: error, offset, dropped, detail, and for bad_crc the CRC
// sent and computed (4 hex digits) and any non-standard variant it matched.
json::object RejectionToJson(const Rejection& rejection);

// A parser rejection of the packet that starts at stream offset `offset`:
// error, offset, detail, item (the offending text) and position in the segment.
json::object ParseErrorToJson(const ParseError& error, std::uint64_t offset);

// Reads the FrameToJson form into *out (cleared first). "ok", "version" and
// "ack_requested" are ignored (the Flag decides them). Fails with
// kInvalidArgument naming the offending key when a value has the wrong type or
// a key is unknown.
Status FrameFromJson(const json::object& object, Frame* out);

}  // namespace gl::hj212
