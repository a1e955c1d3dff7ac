#include "greenloop/hj212/parser.h"

#include "greenloop/hj212/scan.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace gl::hj212 {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
// Character classes for the few byte tests left after the separator bitmaps (scan.h).
enum : std::uint8_t {
  kItemSeparator = 1,  // ';' or ',' between CP items (§6.3.3; the standard mixes them)
  kBlankChar = 2,      // blanks the standard's own examples put around items
};
constexpr std::array<std::uint8_t, 256> MakeClasses() {
  std::array<std::uint8_t, 256> t{};
  t[';'] |= kItemSeparator;
  t[','] |= kItemSeparator;
  for (char c : {' ', '\t', '\r', '\n'}) t[static_cast<unsigned char>(c)] |= kBlankChar;
  return t;
}
constexpr auto kClass = MakeClasses();
std::uint8_t ClassOf(char c) { return kClass[static_cast<unsigned char>(c)]; }

// A header key of up to 4 characters, upper-cased, as one number for a switch.
// Clearing bit 5 upper-cases a letter; only a letter or its lower case maps onto an
// upper-case letter, and the header keys are letters only, so no other key collides.
constexpr std::uint32_t PackKey(std::string_view key) {
  if (key.empty() || key.size() > 4) return 0;
  std::uint32_t v = 0;
  for (char c : key) v = (v << 8) | (static_cast<unsigned char>(c) & 0xDFu);
  return v;
}

// Parses 1..max_digits decimal digits; -1 otherwise.
int SmallNumber(std::string_view v, std::size_t max_digits) {
  if (v.empty() || v.size() > max_digits) return -1;
  int n = 0;
  for (char c : v) {
    if (!IsDigit(c)) return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

int Digits(const char* p, int count) {
  int n = 0;
  for (int i = 0; i < count; ++i) n = n * 10 + (p[i] - '0');
  return n;
}

// CP keys whose values are times (HJ 212-2017 §6.3.3 Table 4, all N14).
bool IsTimeField(std::string_view key) {
  return key == "SystemTime" || key == "RestartTime" || key == "BeginTime" || key == "EndTime";
}

}  // namespace

bool IsValidDateTime(std::string_view t) {
  // N14 YYYYMMDDhhmmss (HJ 212-2017 Table 4); 17 digits with milliseconds are
  // tolerated because devices send them (hj212.md §6 pitfall 11).
  if (t.size() != 14 && t.size() != 17) return false;
  for (char c : t) {
    if (!IsDigit(c)) return false;
  }
  const char* p = t.data();
  const int year = Digits(p, 4), month = Digits(p + 4, 2), day = Digits(p + 6, 2);
  const int hour = Digits(p + 8, 2), minute = Digits(p + 10, 2), second = Digits(p + 12, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= days && hour < 24 && minute < 60 && second < 60;
}

// Fills a Frame's offsets directly (a friend of Frame), so parsing copies the
// data segment once and allocates nothing once the Frame's vectors have grown.
class FrameParser {
 public:
  FrameParser(Frame* frame, ParseError* error) : f_(frame), error_(error) {}

  bool Parse(std::string_view data) {
    f_->Clear();
    data_ = data;
    // LLLL has 4 digits (HJ 212-2017 §6.3.1 Table 2): nothing longer is a data segment.
    if (data.size() > 9999) return Fail(Reject::kTooLong, "data segment over 9999 bytes", 0, 0);
    // The copy is followed by zero padding so the bitmaps can be built in whole
    // 64-byte words (internal::kMaskPadding); text_ views only the segment.
    f_->text_.assign(data);
    f_->text_.append(internal::kMaskPadding, '\0');
    text_ = std::string_view(f_->text_.data(), data.size());
    internal::BuildMasks(text_.data(), text_.size(), &masks_);
    if (!ParseHeader()) return false;
    if (f_->st_.len == Frame::kAbsent) return Fail(Reject::kMissingField, "no ST field", 0, 0);
    if (f_->cn_.len == Frame::kAbsent) return Fail(Reject::kMissingField, "no CN field", 0, 0);
    if (!f_->has_cp_) return Fail(Reject::kMissingField, "no CP field", 0, 0);
    return true;
  }

 private:
  using Ref = Frame::Ref;

  bool Fail(Reject reason, std::string_view detail, std::size_t pos, std::size_t len) {
    error_->reason = reason;
    error_->detail = detail;
    error_->position = pos;
    error_->item = data_.substr(pos, len);
    return false;
  }

  // text_[pos, pos + len), which the caller knows to be inside text_ (no bounds check).
  std::string_view Slice(std::size_t pos, std::size_t len) const {
    return std::string_view(text_.data() + pos, len);
  }

  static Ref MakeRef(std::size_t pos, std::size_t len) {
    return Ref{static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(len)};
  }

  bool ParseHeader() {
    const std::size_t n = text_.size();
    std::size_t pos = 0;
    while (pos < n) {
      if (text_[pos] == ';') {  // an empty item
        ++pos;
        continue;
      }
      const std::size_t end = internal::NextBit(masks_.semicolon, pos);
      const std::size_t eq = internal::NextBit(masks_.equals, pos);
      if (eq >= end) return Fail(Reject::kBadField, "header item without '='", pos, end - pos);
      const std::uint32_t key = PackKey(Slice(pos, eq - pos));
      if (key == PackKey("CP")) {
        if (!ParseCpAt(eq + 1, &pos)) return false;
        continue;
      }
      // The value runs to the next ';'; it must be printable ASCII (HJ 212-2017 §6.3:
      // packets are ASCII, only CP text may carry UTF-8).
      const bool printable = !internal::AnyBit(masks_.bad, eq + 1, end);
      if (!HeaderField(key, eq + 1, end, pos, printable)) return false;
      pos = end + 1;
    }
    return true;
  }

  bool HeaderField(std::uint32_t key, std::size_t value_pos, std::size_t end, std::size_t item_pos,
                   bool printable) {
    const std::string_view value = Slice(value_pos, end - value_pos);
    auto text = [&](Ref* slot) {
      if (slot->len != Frame::kAbsent) {
        return Fail(Reject::kBadField, "header field sent twice", item_pos, end - item_pos);
      }
      if (value.empty()) {
        return Fail(Reject::kBadField, "empty header value", item_pos, end - item_pos);
      }
      if (!printable) {
        return Fail(Reject::kBadField, "header value with a blank, control or non-ASCII byte",
                    item_pos, end - item_pos);
      }
      *slot = MakeRef(value_pos, value.size());
      return true;
    };
    auto number = [&](int* slot, std::size_t max_digits, int max_value) {
      if (*slot >= 0) {
        return Fail(Reject::kBadField, "header field sent twice", item_pos, end - item_pos);
      }
      int v = SmallNumber(value, max_digits);
      if (v < 0 || v > max_value) {
        return Fail(Reject::kBadFlag, "Flag, PNUM or PNO is not a small decimal number", item_pos,
                    end - item_pos);
      }
      *slot = v;
      return true;
    };
    // Names are matched without regard to case: teafull/hjt212 sends "PNum".
    switch (key) {
      case PackKey("QN"):
        return text(&f_->qn_);
      case PackKey("ST"):
        return text(&f_->st_);
      case PackKey("CN"):
        // CN is "CN=" + 4 digits (HJ 212-2017 Table 3).
        if (value.size() != 4 || SmallNumber(value, 4) < 0) {
          return Fail(Reject::kBadCn, "CN is not 4 decimal digits", item_pos, end - item_pos);
        }
        return text(&f_->cn_);
      case PackKey("PW"):
        return text(&f_->pw_);
      case PackKey("MN"):
        return text(&f_->mn_);
      case PackKey("FLAG"):
        // Flag is an integer 0-255, "Flag=" + up to 3 digits (HJ 212-2017 Table 3).
        return number(&f_->flag_, 3, 255);
      case PackKey("PNUM"):
        // PNUM and PNO: 4 digits, 0001-9999 (HJ 212-2017 Table 3; HJ/T 212-2005 N4).
        return number(&f_->pnum_, 4, 9999);
      case PackKey("PNO"):
        return number(&f_->pno_, 4, 9999);
      default:
        return Fail(Reject::kBadField, "unknown header field", item_pos, end - item_pos);
    }
  }

  // `pos` is just after "CP="; on success *next is where the header continues.
  bool ParseCpAt(std::size_t pos, std::size_t* next) {
    const std::size_t n = text_.size();
    if (f_->has_cp_) return Fail(Reject::kBadField, "header field sent twice", pos - 3, 2);
    // CP=&&<data area>&& (HJ 212-2017 Table 3): the area runs to the last "&&".
    if (text_.substr(pos, 2) != "&&")
      return Fail(Reject::kBadCp, "CP does not start with \"&&\"", pos - 3, n - pos + 3);
    const std::size_t open = pos + 2;
    const std::size_t close = text_.rfind("&&");
    if (close == std::string_view::npos || close < open) {
      return Fail(Reject::kBadCp, "CP has no closing \"&&\"", pos - 3, n - pos + 3);
    }
    std::size_t after = close + 2;
    if (after < n && text_[after] != ';') {
      return Fail(Reject::kBadCp, "text after CP's closing \"&&\"", after, n - after);
    }
    f_->has_cp_ = true;
    if (!ParseCpItems(open, close)) return false;
    *next = after;
    return true;
  }

  bool ParseCpItems(std::size_t pos, std::size_t end) {
    const char* s = text_.data();
    while (pos < end) {
      if (ClassOf(s[pos]) & (kItemSeparator | kBlankChar)) {
        ++pos;
        continue;
      }
      const std::size_t item = pos;
      const std::size_t next_separator = std::min(internal::NextBit(masks_.separator, pos), end);
      const std::size_t eq = internal::NextBit(masks_.equals, pos);
      if (eq >= next_separator) {
        return Fail(Reject::kBadField, "CP item without '='", item, next_separator - item);
      }
      const std::size_t dash_at = internal::NextBit(masks_.dash, pos);
      std::size_t key_end = eq;
      while (key_end > item && (ClassOf(s[key_end - 1]) & kBlankChar)) --key_end;
      // A factor key is <code>-<suffix> with both parts non-empty (HJ 212-2017 §6.3.3).
      const std::size_t dash = dash_at > item && dash_at + 1 < key_end ? dash_at : 0;
      const std::size_t value_start = eq + 1;
      std::size_t value_end = next_separator;
      if (end - value_start >= 2 && s[value_start] == '/' && s[value_start + 1] == '/') {
        // `//...//` log text is opaque (HJ 212-2017 Table B.10, xxxxxx-Info).
        std::size_t closing = text_.find("//", value_start + 2);
        if (closing == std::string_view::npos || closing + 2 > end) {
          return Fail(Reject::kBadField, "log text without its closing \"//\"", item, end - item);
        }
        value_end = closing + 2;
      }
      pos = value_end;
      while (value_end > value_start && (ClassOf(s[value_end - 1]) & kBlankChar)) --value_end;
      if (!CpItem(item, key_end, dash, value_start, value_end)) return false;
    }
    return true;
  }

  // `dash` is the position of the '-' between code and suffix, or 0 for a field.
  [[gnu::always_inline]] bool CpItem(std::size_t key_pos, std::size_t key_end, std::size_t dash,
                                     std::size_t value_pos, std::size_t value_end) {
    std::string_view key = Slice(key_pos, key_end - key_pos);
    std::string_view value = Slice(value_pos, value_end - value_pos);
    const Ref value_ref = MakeRef(value_pos, value.size());
    if (key.empty()) {
      return Fail(Reject::kBadField, "CP item with an empty key", key_pos, value_end - key_pos);
    }
    if (dash != 0) {
      std::string_view suffix = Slice(dash + 1, key_end - dash - 1);
      if (suffix == "SampleTime" && !IsValidDateTime(value)) {
        return Fail(Reject::kBadDatetime, "SampleTime is not YYYYMMDDhhmmss", key_pos,
                    value_end - key_pos);
      }
      f_->factor_values_.push_back(Frame::FactorRef{MakeRef(key_pos, dash - key_pos),
                                                    MakeRef(dash + 1, suffix.size()), value_ref});
      return true;
    }
    if (key == "DataTime") {
      if (!IsValidDateTime(value)) {
        return Fail(Reject::kBadDatetime, "DataTime is not YYYYMMDDhhmmss", key_pos,
                    value_end - key_pos);
      }
      f_->data_time_ = value_ref;
      return true;
    }
    if (IsTimeField(key) && !IsValidDateTime(value)) {
      return Fail(Reject::kBadDatetime, "time field is not YYYYMMDDhhmmss", key_pos,
                  value_end - key_pos);
    }
    f_->fields_.push_back(Frame::FieldRef{MakeRef(key_pos, key.size()), value_ref});
    return true;
  }

  Frame* f_;
  ParseError* error_;
  internal::ByteMasks masks_;  // where the separators are; built once per segment
  std::string_view text_;      // the frame's copy of the data segment
  std::string_view data_;      // the caller's data segment, for error items
};

bool ParseDataSegment(std::string_view data, Frame* frame, ParseError* error) {
  return FrameParser(frame, error).Parse(data);
}

}  // namespace gl::hj212
