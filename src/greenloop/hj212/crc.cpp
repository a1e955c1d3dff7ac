#include "greenloop/hj212/crc.h"

#include <array>
#include <cstring>

namespace gl::hj212 {
namespace {

// The reflected polynomial of HJ 212-2017 Appendix A ("crc_reg ^= 0xA001").
constexpr std::uint16_t kPoly = 0xA001;
// The register's initial value (HJ 212-2017 Appendix A: "crc_reg = 0xFFFF").
constexpr std::uint16_t kInit = 0xFFFF;

// T[x]: 8 shift steps of Appendix A applied to the register value x (< 256).
constexpr std::array<std::uint16_t, 256> MakeByteTable() {
  std::array<std::uint16_t, 256> t{};
  for (unsigned x = 0; x < 256; ++x) {
    unsigned crc = x;
    for (int j = 0; j < 8; ++j) crc = (crc & 1u) ? (crc >> 1) ^ kPoly : crc >> 1;
    t[x] = static_cast<std::uint16_t>(crc);
  }
  return t;
}
constexpr auto kByteTable = MakeByteTable();

// Only the high byte of the register carries to the next step, through
// H(x) = T[x] >> 8, and T is linear over GF(2) (T[a ^ b] = T[a] ^ T[b]). So after
// 24 bytes the carried byte is H^24(s ^ b0) ^ H^23(b1) ^ ... ^ H^1(b23): 24
// independent lookups instead of a chain of 24 dependent ones.
constexpr int kSlice = 24;
using SliceTables = std::array<std::array<std::uint8_t, 256>, kSlice + 1>;
constexpr SliceTables MakeSliceTables() {
  SliceTables h{};
  for (unsigned x = 0; x < 256; ++x) h[0][x] = static_cast<std::uint8_t>(x);
  for (int k = 1; k <= kSlice; ++k) {
    for (unsigned x = 0; x < 256; ++x)
      h[k][x] = static_cast<std::uint8_t>(kByteTable[h[k - 1][x]] >> 8);
  }
  return h;
}
constexpr SliceTables kSliceTables = MakeSliceTables();

std::uint64_t Load64(const unsigned char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;  // little-endian hosts only (x86-64, aarch64): byte 0 is the low byte
}

}  // namespace

std::uint16_t Crc16Hj212(std::string_view data) {
  if (data.empty()) return kInit;
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t n = data.size() - 1;  // the last byte yields all 16 bits, below
  unsigned s = kInit >> 8;          // the carried high byte
  const auto& h = kSliceTables;
  while (n >= kSlice) {
    // Two thirds of the bytes come out of registers and one third straight from
    // memory, so the shifts and the loads share the work between ALU and load ports.
    const std::uint64_t a = Load64(p) ^ s;
    const std::uint64_t b = Load64(p + 8);
    s = h[24][a & 0xFF] ^ h[23][(a >> 8) & 0xFF] ^ h[22][(a >> 16) & 0xFF] ^
        h[21][(a >> 24) & 0xFF] ^ h[20][(a >> 32) & 0xFF] ^ h[19][(a >> 40) & 0xFF] ^
        h[18][(a >> 48) & 0xFF] ^ h[17][a >> 56] ^ h[16][b & 0xFF] ^ h[15][(b >> 8) & 0xFF] ^
        h[14][(b >> 16) & 0xFF] ^ h[13][(b >> 24) & 0xFF] ^ h[12][(b >> 32) & 0xFF] ^
        h[11][(b >> 40) & 0xFF] ^ h[10][(b >> 48) & 0xFF] ^ h[9][b >> 56] ^ h[8][p[16]] ^
        h[7][p[17]] ^ h[6][p[18]] ^ h[5][p[19]] ^ h[4][p[20]] ^ h[3][p[21]] ^ h[2][p[22]] ^
        h[1][p[23]];
    p += kSlice;
    n -= kSlice;
  }
  for (; n > 0; --n) s = h[1][s ^ *p++];
  return kByteTable[s ^ *p];
}

std::uint16_t Crc16Hj212Bytewise(std::string_view data) {
  std::uint16_t crc = kInit;
  for (unsigned char b : data) crc = kByteTable[(crc >> 8) ^ b];
  return crc;
}

std::uint16_t Crc16Hj212Reference(std::string_view data) {
  // HJ 212-2017 Appendix A, function CRC16_Checkout, as printed.
  unsigned int crc_reg = 0xFFFF;
  for (unsigned char b : data) {
    crc_reg = (crc_reg >> 8) ^ b;
    for (int j = 0; j < 8; j++) {
      unsigned int check = crc_reg & 0x0001;
      crc_reg >>= 1;
      if (check == 0x0001) crc_reg ^= 0xA001;
    }
  }
  return static_cast<std::uint16_t>(crc_reg);
}

std::uint16_t Crc16Modbus(std::string_view data) {
  // CRC-16/MODBUS: the whole register carries (crc ^= byte), unlike Appendix A.
  std::uint16_t crc = kInit;
  for (unsigned char b : data)
    crc = static_cast<std::uint16_t>((crc >> 8) ^ kByteTable[(crc ^ b) & 0xFF]);
  return crc;
}

std::string_view CrcVariantName(CrcVariant variant) {
  switch (variant) {
    case CrcVariant::kHj212:
      return "hj212";
    case CrcVariant::kModbus:
      return "modbus";
    case CrcVariant::kModbusSwapped:
      return "modbus_swapped";
  }
  return "hj212";
}

std::optional<CrcVariant> CrcVariantFromName(std::string_view name) {
  for (CrcVariant v : {CrcVariant::kHj212, CrcVariant::kModbus, CrcVariant::kModbusSwapped}) {
    if (CrcVariantName(v) == name) return v;
  }
  return std::nullopt;
}

std::uint16_t PrintedCrc(CrcVariant variant, std::string_view data) {
  switch (variant) {
    case CrcVariant::kHj212:
      return Crc16Hj212(data);
    case CrcVariant::kModbus:
      return Crc16Modbus(data);
    case CrcVariant::kModbusSwapped: {
      std::uint16_t m = Crc16Modbus(data);
      return static_cast<std::uint16_t>((m >> 8) | (m << 8));
    }
  }
  return Crc16Hj212(data);
}

std::optional<std::uint16_t> ParseCrcHex(std::string_view text) {
  if (text.size() != 4) return std::nullopt;
  unsigned v = 0;
  for (char c : text) {
    unsigned d;
    if (c >= '0' && c <= '9') {
      d = static_cast<unsigned>(c - '0');
    } else if (c >= 'A' && c <= 'F') {
      d = static_cast<unsigned>(c - 'A' + 10);
    } else if (c >= 'a' && c <= 'f') {
      d = static_cast<unsigned>(c - 'a' + 10);
    } else {
      return std::nullopt;
    }
    v = (v << 4) | d;
  }
  return static_cast<std::uint16_t>(v);
}

void FormatCrcHex(std::uint16_t crc, char* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out[0] = kHex[(crc >> 12) & 0xF];
  out[1] = kHex[(crc >> 8) & 0xF];
  out[2] = kHex[(crc >> 4) & 0xF];
  out[3] = kHex[crc & 0xF];
}

}  // namespace gl::hj212
