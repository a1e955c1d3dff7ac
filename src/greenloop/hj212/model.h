// greenloop/hj212/model.h
//
// The decoded form of one HJ 212 packet (HJ/T 212-2005, HJ 212-2017, HJ 212-2025).
//
// A Frame owns a private copy of the data segment it was parsed from and refers
// to its header fields and CP items by offset into that copy. That keeps it cheap:
// a Frame that is reused for packet after packet (Clear(), then parse or build)
// stops allocating once its buffers have grown to the largest packet seen, which
// is what the gateway's hot path needs. Frames can be copied and moved freely;
// every string_view an accessor returns stays valid until the Frame is next
// changed (Clear, a setter, a parse into it) or destroyed.
//
// Values stay exactly the text that was sent ("13.10" keeps its zero); nothing is
// converted to numbers except Flag, PNUM and PNO.
//
// Building a Frame to encode: Clear(), then the setters and Add* calls, in any
// order. The encoder writes header fields in the standard's order regardless.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gl::hj212 {

// Which edition of the standard a packet follows, from the Flag version bits
// V5..V0 (HJ 212-2017 §6.3.2 Table 3: 000000 = HJ/T 212-2005, 000001 = HJ 212-2017).
// 000010 = HJ 212-2025 is what implementations use (caoyiliang/HJ212 Enum.cs
// HJT212_2025 = 8); the 2025 text was not available to us. A packet without Flag
// is treated as 2005, where Flag is optional in uploads (HJ/T 212-2005 §6.3.2).
enum class Version : std::uint8_t { k2005, k2017, k2025, kUnknown };

// "2005", "2017", "2025" or "unknown" (version bits above 2).
std::string_view VersionName(Version version);

// Flag bit layout, HJ 212-2017 §6.3.2 Table 3: V5 V4 V3 V2 V1 V0 | D | A.
inline constexpr int kFlagAckBit = 0x01;    // A: the command wants an answer
inline constexpr int kFlagSplitBit = 0x02;  // D: the packet carries PNUM and PNO
inline constexpr int kFlagVersionShift = 2;
// Version bits for an edition (2005 -> 0, 2017 -> 1, 2025 -> 2).
int VersionBits(Version version);
// The edition a Flag value names.
Version VersionFromFlag(int flag);

// One `<code>-<Suffix>=<value>` item of the CP data area, e.g. w01018-Rtd=101.0
// (HJ 212-2017 §6.3.3). Vendor codes (pms_rules, ua19004, 011) are kept as sent.
struct FactorValue {
  std::string_view code;
  std::string_view suffix;
  std::string_view value;
};

// A CP item that belongs to no factor (RtdInterval=30, QnRtn=1, BeginTime=...).
struct CpField {
  std::string_view key;
  std::string_view value;
};

class Frame {
 public:
  Frame() = default;

  // Forgets every field; keeps the buffers' capacity for reuse.
  void Clear();

  // Header fields (HJ 212-2017 §6.3.2 Table 3). nullopt when the packet did not carry them.
  std::optional<std::string_view> qn() const { return Get(qn_); }
  std::optional<std::string_view> st() const { return Get(st_); }
  std::optional<std::string_view> cn() const { return Get(cn_); }
  std::optional<std::string_view> pw() const { return Get(pw_); }
  std::optional<std::string_view> mn() const { return Get(mn_); }
  std::optional<int> flag() const { return Num(flag_); }
  std::optional<int> pnum() const { return Num(pnum_); }
  std::optional<int> pno() const { return Num(pno_); }

  Version version() const { return flag_ < 0 ? Version::k2005 : VersionFromFlag(flag_); }
  // The A bit: the sender wants an answer (9014 for an upload, 9013 for a notice).
  bool ack_requested() const { return flag_ >= 0 && (flag_ & kFlagAckBit) != 0; }
  // The D bit: one piece of a packet split in PNUM parts.
  bool split() const { return flag_ >= 0 && (flag_ & kFlagSplitBit) != 0; }

  // CP=&&...&& was present (possibly empty).
  bool has_cp() const { return has_cp_; }
  // The CP's DataTime, as sent.
  std::optional<std::string_view> data_time() const { return Get(data_time_); }

  // Factor items in the order they were sent.
  std::size_t factor_value_count() const { return factor_values_.size(); }
  FactorValue factor_value(std::size_t i) const;
  // CP items other than factor items and DataTime, in the order they were sent.
  std::size_t field_count() const { return fields_.size(); }
  CpField field(std::size_t i) const;

  // The last value sent for `code`-`suffix` / the field `key`, or nullopt.
  std::optional<std::string_view> FindFactorValue(std::string_view code,
                                                  std::string_view suffix) const;
  std::optional<std::string_view> FindField(std::string_view key) const;

  // Setters for building a frame to encode. Each copies its arguments.
  void SetQn(std::string_view v) { qn_ = Store(v); }
  void SetSt(std::string_view v) { st_ = Store(v); }
  void SetCn(std::string_view v) { cn_ = Store(v); }
  void SetPw(std::string_view v) { pw_ = Store(v); }
  void SetMn(std::string_view v) { mn_ = Store(v); }
  // Flag, PNUM, PNO: a negative value means absent.
  void SetFlag(int v) { flag_ = v; }
  void SetPnum(int v) { pnum_ = v; }
  void SetPno(int v) { pno_ = v; }
  void SetHasCp(bool v) { has_cp_ = v; }
  void SetDataTime(std::string_view v);
  void AddFactorValue(std::string_view code, std::string_view suffix, std::string_view value);
  void AddField(std::string_view key, std::string_view value);

 private:
  friend class FrameParser;  // parser.cpp fills offsets into text_ directly

  // A slice of text_. len == kAbsent marks a field that was not sent.
  struct Ref {
    std::uint32_t pos = 0;
    std::uint32_t len = kAbsent;
  };
  static constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;
  struct FactorRef {
    Ref code, suffix, value;
  };
  struct FieldRef {
    Ref key, value;
  };

  std::string_view View(Ref r) const { return std::string_view(text_).substr(r.pos, r.len); }
  std::optional<std::string_view> Get(Ref r) const {
    if (r.len == kAbsent) return std::nullopt;
    return View(r);
  }
  static std::optional<int> Num(int v) { return v < 0 ? std::nullopt : std::optional<int>(v); }
  Ref Store(std::string_view v);

  // The parsed data segment and 64 zero bytes the parser's bitmaps read past its end
  // (scan.h), then any text added by setters.
  std::string text_;
  Ref qn_, st_, cn_, pw_, mn_, data_time_;
  int flag_ = -1;
  int pnum_ = -1;
  int pno_ = -1;
  bool has_cp_ = false;
  std::vector<FactorRef> factor_values_;
  std::vector<FieldRef> fields_;
};

}  // namespace gl::hj212
