#include "greenloop/base/id.h"

#include <sodium.h>

#include <chrono>
#include <mutex>
#include <thread>

namespace gl {

namespace {
constexpr std::int64_t kEpochMs = 1577836800000;  // 2020-01-01T00:00:00Z
constexpr int kNodeBits = 10;
constexpr int kSequenceBits = 12;
constexpr std::int64_t kMaxSequence = (1 << kSequenceBits) - 1;

std::mutex& GeneratorMutex() {
  static std::mutex mutex;
  return mutex;
}

std::int64_t WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}
}  // namespace

IdGenerator::IdGenerator(int node) : node_(node & ((1 << kNodeBits) - 1)) {}

Id IdGenerator::Next() {
  std::lock_guard lock(GeneratorMutex());
  std::int64_t now = WallMs();
  // A clock stepping back must not produce a duplicate: keep counting from the last ms.
  if (now < last_ms_) now = last_ms_;
  if (now == last_ms_) {
    if (++sequence_ > kMaxSequence) {
      while ((now = WallMs()) <= last_ms_) std::this_thread::yield();
      sequence_ = 0;
    }
  } else {
    sequence_ = 0;
  }
  last_ms_ = now;
  return ((now - kEpochMs) << (kNodeBits + kSequenceBits)) |
         (static_cast<std::int64_t>(node_) << kSequenceBits) | sequence_;
}

IdGenerator& IdGenerator::Global() {
  static IdGenerator generator([] {
    if (sodium_init() < 0) return 0;
    return static_cast<int>(randombytes_uniform(1 << kNodeBits));
  }());
  return generator;
}

void IdGenerator::SetGlobalNode(int node) {
  std::lock_guard lock(GeneratorMutex());
  Global().node_ = node & ((1 << kNodeBits) - 1);
}

std::int64_t IdTimeMs(Id id) { return (id >> (kNodeBits + kSequenceBits)) + kEpochMs; }

}  // namespace gl
