#include "greenloop/hj212/framer.h"

#include <cstring>

namespace gl::hj212 {
namespace {

// "##" (HJ 212-2017 §6.3.1 Table 2, 包头) + 4 length digits.
constexpr std::size_t kHeaderSize = 6;
// 4 hex digits of CRC (HJ 212-2017 §6.3.1 Table 2, CRC 校验).
constexpr std::size_t kCrcSize = 4;
// LLLL has 4 decimal digits, so no declared length exceeds this.
constexpr std::size_t kLargestDeclarableLength = 9999;

bool IsNoise(char c) { return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\0'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Framer::Framer(RejectReporter* reporter, FramerOptions options)
    : reporter_(reporter), options_(options) {
  if (options_.max_data_length > kLargestDeclarableLength) {
    options_.max_data_length = kLargestDeclarableLength;
  }
}

void Framer::Feed(std::string_view bytes) {
  end_of_stream_ = false;
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    base_ += pos_;
    pos_ = 0;
  }
  buffer_.append(bytes);
}

void Framer::FlushPending(std::uint64_t end_offset) {
  if (!pending_) return;
  pending_ = false;
  pending_rejection_.dropped = end_offset - pending_rejection_.offset;
  reporter_->Rejected(pending_rejection_);
}

void Framer::RejectAt(Reject reason, std::size_t pos, std::string_view detail) {
  FlushPending(base_ + pos);
  pending_ = true;
  pending_rejection_ = Rejection{};
  pending_rejection_.reason = reason;
  pending_rejection_.offset = base_ + pos;
  pending_rejection_.detail = detail;
}

void Framer::StartGarbage(std::size_t pos) {
  if (pending_) return;  // bytes after a rejected header belong to that rejection
  RejectAt(Reject::kGarbage, pos, "bytes outside any packet");
}

bool Framer::ContainsHeader(std::size_t from, std::size_t to) const {
  if (to > buffer_.size()) to = buffer_.size();
  for (std::size_t i = from; i + 1 < to; ++i) {
    if (buffer_[i] == '#' && buffer_[i + 1] == '#') return true;
  }
  return false;
}

Framer::Step Framer::TryFrameAt(std::size_t pos, RawFrame* frame) {
  const std::size_t avail = buffer_.size() - pos;
  const char* p = buffer_.data() + pos;
  if (avail < kHeaderSize) {
    // Not all 4 digits yet; but a non-digit among those present already decides.
    for (std::size_t i = 2; i < avail; ++i) {
      if (!IsDigit(p[i])) {
        RejectAt(Reject::kBadHeader, pos, "\"##\" not followed by 4 decimal digits");
        return Step::kRejected;
      }
    }
    return Step::kNeedMore;
  }
  std::size_t length = 0;
  for (std::size_t i = 2; i < kHeaderSize; ++i) {
    if (!IsDigit(p[i])) {
      RejectAt(Reject::kBadHeader, pos, "\"##\" not followed by 4 decimal digits");
      return Step::kRejected;
    }
    length = length * 10 + static_cast<std::size_t>(p[i] - '0');
  }
  if (length > options_.max_data_length) {
    RejectAt(Reject::kTooLong, pos, "data segment length above the configured limit");
    return Step::kRejected;
  }
  const std::size_t total = kHeaderSize + length + kCrcSize;
  if (avail < total) return Step::kNeedMore;

  std::string_view data(p + kHeaderSize, length);
  std::string_view crc_text(p + kHeaderSize + length, kCrcSize);
  const bool well_ended = data.size() >= 2 && data.substr(data.size() - 2) == "&&";
  std::optional<std::uint16_t> sent = ParseCrcHex(crc_text);
  if (!sent) {
    if (ContainsHeader(pos + 2, pos + total)) {
      RejectAt(Reject::kTruncated, pos, "a new \"##\" starts inside the packet");
    } else {
      RejectAt(Reject::kBadLength, pos, "no CRC hex digits where the declared length ends");
    }
    return Step::kRejected;
  }
  const std::uint16_t computed = Crc16Hj212(data);
  CrcVariant matched = CrcVariant::kHj212;
  bool ok = *sent == computed;
  if (!ok) {
    for (CrcVariant v : {CrcVariant::kModbusSwapped, CrcVariant::kModbus}) {
      if (PrintedCrc(v, data) == *sent) {
        matched = v;
        ok = options_.Accepts(v);
        break;
      }
    }
  }
  if (!ok) {
    if (ContainsHeader(pos + 2, pos + total)) {
      RejectAt(Reject::kTruncated, pos, "a new \"##\" starts inside the packet");
    } else if (!well_ended && matched == CrcVariant::kHj212) {
      RejectAt(Reject::kBadLength, pos,
               "the data segment does not end with \"&&\" where LLLL says");
    } else {
      RejectAt(Reject::kBadCrc, pos,
               matched == CrcVariant::kHj212
                   ? "CRC does not match the data segment"
                   : "CRC matches a non-standard variant that this device is not allowed");
      pending_rejection_.crc_sent = *sent;
      pending_rejection_.crc_computed = computed;
      if (matched != CrcVariant::kHj212)
        pending_rejection_.crc_variant_matched = CrcVariantName(matched);
    }
    return Step::kRejected;
  }
  frame->data = data;
  frame->offset = base_ + pos;
  frame->crc_variant = matched;
  pos_ = pos + total;
  // Swallow the trailer now when it is already here; otherwise it is skipped as noise later.
  while (pos_ < buffer_.size() && (buffer_[pos_] == '\r' || buffer_[pos_] == '\n')) ++pos_;
  return Step::kFrame;
}

bool Framer::Next(RawFrame* frame) {
  for (;;) {
    const std::size_t size = buffer_.size();
    // Skip noise and garbage up to the next '#'.
    const void* hash = pos_ < size ? std::memchr(buffer_.data() + pos_, '#', size - pos_) : nullptr;
    const std::size_t next =
        hash ? static_cast<std::size_t>(static_cast<const char*>(hash) - buffer_.data()) : size;
    for (std::size_t i = pos_; i < next; ++i) {
      if (!IsNoise(buffer_[i])) {
        StartGarbage(i);
        break;
      }
    }
    pos_ = next;
    if (next == size) {
      if (end_of_stream_) FlushPending(base_ + size);
      return false;
    }
    if (next + 1 == size && !end_of_stream_) return false;  // may be the first '#' of "##"
    if (next + 1 == size || buffer_[next + 1] != '#') {
      StartGarbage(next);
      pos_ = next + 1;
      continue;
    }
    // In "###" the header starts at the last "##": the first '#' is garbage.
    if (next + 2 == size && !end_of_stream_) return false;
    if (next + 2 < size && buffer_[next + 2] == '#') {
      StartGarbage(next);
      pos_ = next + 1;
      continue;
    }
    FlushPending(base_ + next);
    switch (TryFrameAt(next, frame)) {
      case Step::kFrame:
        return true;
      case Step::kNeedMore:
        if (!end_of_stream_) return false;
        RejectAt(Reject::kTruncated, next, "the stream ended inside a packet");
        break;
      case Step::kRejected:
        break;
    }
    pos_ = next + 1;  // resynchronise: the next "##" may start at the second '#'
  }
}

void Framer::Finish() { end_of_stream_ = true; }

}  // namespace gl::hj212
