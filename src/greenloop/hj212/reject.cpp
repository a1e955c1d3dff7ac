#include "greenloop/hj212/reject.h"

namespace gl::hj212 {

std::string_view RejectName(Reject reject) {
  switch (reject) {
    case Reject::kGarbage:
      return "garbage";
    case Reject::kBadHeader:
      return "bad_header";
    case Reject::kBadLength:
      return "bad_length";
    case Reject::kTooLong:
      return "too_long";
    case Reject::kBadCrc:
      return "bad_crc";
    case Reject::kTruncated:
      return "truncated";
    case Reject::kBadField:
      return "bad_field";
    case Reject::kMissingField:
      return "missing_field";
    case Reject::kBadFlag:
      return "bad_flag";
    case Reject::kBadCn:
      return "bad_cn";
    case Reject::kBadCp:
      return "bad_cp";
    case Reject::kBadDatetime:
      return "bad_datetime";
  }
  return "unknown";
}

}  // namespace gl::hj212
