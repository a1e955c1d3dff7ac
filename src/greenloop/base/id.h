// greenloop/base/id.h
//
// 64-bit identifiers made by the application, ordered by creation time so that
// B-tree inserts append and ids sort like their records' ages. Layout, high to low:
// 41 bits of milliseconds since 2020-01-01 UTC (good until 2089), 10 bits of node
// number, 12 bits of sequence within the millisecond. Several nodes on one database
// stay unique as long as their node numbers differ (`--node-id`).
#pragma once

#include <cstdint>

namespace gl {

using Id = std::int64_t;

class IdGenerator {
 public:
  // node: 0..1023. Thread-safe.
  explicit IdGenerator(int node);
  Id Next();
  int node() const { return node_; }

  // The process-wide generator used by services. Its node is random until SetNode.
  static IdGenerator& Global();
  static void SetGlobalNode(int node);

 private:
  int node_;
  std::int64_t last_ms_ = 0;
  std::int64_t sequence_ = 0;
};

inline Id NewId() { return IdGenerator::Global().Next(); }

// The creation time encoded in an id, as UTC epoch milliseconds.
std::int64_t IdTimeMs(Id id);

}  // namespace gl
