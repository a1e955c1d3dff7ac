// greenloop/hj212/crc.h
//
// The HJ 212 packet checksum (HJ 212-2017 Appendix A, "CRC16_Checkout"; HJ/T
// 212-2005 Appendix A describes the same algorithm) and the non-standard variants
// found on field devices (hj212.md §1.6).
//
// The Appendix A CRC is not CRC-16/MODBUS: each step is crc = (crc >> 8) ^ byte,
// then 8 right shifts with 0xA001, so only the register's high byte carries to the
// next byte: crc = T[(crc >> 8) ^ byte]. That 8-bit carried state goes through a
// map that is linear over GF(2), so 24 bytes can be folded with 24 independent
// table lookups ("slicing"); Crc16Hj212 does that, Crc16Hj212Bytewise is the
// one-lookup-per-byte baseline, Crc16Hj212Reference the standard's code verbatim.
// All return the same value. Pure functions, no allocation, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace gl::hj212 {

// HJ 212-2017 Appendix A CRC of `data` (init 0xFFFF, poly 0xA001 reflected, no final XOR).
// Check value: Crc16Hj212("123456789") == 0x2F80.
std::uint16_t Crc16Hj212(std::string_view data);
// Same result, one table lookup per byte (the benchmark's baseline).
std::uint16_t Crc16Hj212Bytewise(std::string_view data);
// Same result, the standard's bit-by-bit reference code (for tests).
std::uint16_t Crc16Hj212Reference(std::string_view data);
// CRC-16/MODBUS (init 0xFFFF, crc ^= byte, poly 0xA001). Check value 0x4B37.
std::uint16_t Crc16Modbus(std::string_view data);

// How a device computes and prints its CRC. kHj212 is the standard; the others
// exist in the field and are accepted only when a device's setting names them.
enum class CrcVariant : std::uint8_t {
  kHj212,          // "hj212": Appendix A, printed high byte first (%04X)
  kModbus,         // "modbus": CRC-16/MODBUS printed high byte first
  kModbusSwapped,  // "modbus_swapped": CRC-16/MODBUS printed low byte first
};

std::string_view CrcVariantName(CrcVariant variant);
// Inverse of CrcVariantName; nullopt for an unknown name.
std::optional<CrcVariant> CrcVariantFromName(std::string_view name);

// The 16-bit number a device using `variant` writes as the 4 CRC hex digits of `data`.
std::uint16_t PrintedCrc(CrcVariant variant, std::string_view data);

// Parses 4 hex digits, upper or lower case (hj212.md §6 pitfall 3: compare
// numerically). nullopt unless `text` is exactly 4 hex digits.
std::optional<std::uint16_t> ParseCrcHex(std::string_view text);
// Writes `crc` as 4 upper-case hex digits, high byte first (HJ 212-2017 Appendix A:
// "校验码按照先高字节后低字节的顺序存放"). `out` must hold 4 chars.
void FormatCrcHex(std::uint16_t crc, char* out);

}  // namespace gl::hj212
