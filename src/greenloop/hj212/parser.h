// greenloop/hj212/parser.h
//
// Turns a packet's data segment (the bytes between LLLL and the CRC, already
// framed and CRC-checked by framer.h) into a Frame.
//
// What it accepts, following what field devices actually send (hj212.md §2, §6):
//   - header fields `key=value` separated by ';' in any order (HJ 212-2017 §6.3.2
//     Table 3 lists QN;ST;CN;PW;MN;Flag;PNUM;PNO;CP, HJ/T 212-2005 examples and
//     real devices use others); names matched without regard to case ("PNum");
//   - QN, PW, MN, Flag, PNUM and PNO optional (2005 uploads carry no QN or Flag;
//     2005 9014 replies no PW or MN); ST, CN and CP=&&...&& required;
//   - CP items `key=value` separated by ';' or ',' interchangeably (the standard's
//     own examples mix them, hj212.md §7), blanks and empty items (a trailing ';')
//     ignored, `//...//` log text kept opaque (HJ 212-2017 Table B.10);
//   - `<code>-<Suffix>` keys become factor values with any code and any suffix
//     (vendor codes, ValidNum, LA-td); DataTime is kept apart; every other key is a
//     field (RtdInterval, QnRtn, BeginTime, QN and CN inside a 2005 reply, ...).
//
// Values are never reformatted. Time values (DataTime, SystemTime, RestartTime,
// BeginTime, EndTime, *-SampleTime) must be YYYYMMDDhhmmss (HJ 212-2017 Table 4,
// N14) or that plus 3 millisecond digits, which real devices send (hj212.md §6
// pitfall 11), and name a real calendar time.
#pragma once

#include <cstddef>
#include <string_view>

#include "greenloop/hj212/framer.h"
#include "greenloop/hj212/model.h"
#include "greenloop/hj212/reject.h"

namespace gl::hj212 {

struct ParseError {
  Reject reason = Reject::kBadField;
  // A fixed English sentence (static storage).
  std::string_view detail;
  // The offending key or item: a view into the `data` passed to the parser.
  std::string_view item;
  // Byte offset of `item` within the data segment.
  std::size_t position = 0;
};

// Parses `data` into *frame (cleared first; its buffers are reused, so a Frame
// kept across calls stops allocating). On success returns true. On failure
// returns false, fills *error, and leaves *frame in an unspecified but valid
// state. `frame` and `error` must not be null. Does not keep `data`.
bool ParseDataSegment(std::string_view data, Frame* frame, ParseError* error);

// The same for a framed packet.
inline bool ParseFrame(const RawFrame& raw, Frame* frame, ParseError* error) {
  return ParseDataSegment(raw.data, frame, error);
}

// True if `text` is YYYYMMDDhhmmss or YYYYMMDDhhmmsszzz naming a real time.
bool IsValidDateTime(std::string_view text);

}  // namespace gl::hj212
