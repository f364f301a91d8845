// A growable array in fixed blocks of 2^12 elements: growing never copies and never holds more
// than one partly filled block, so a sequence near MAX_POSITIONS (1.9·10^8 positions, 12 bytes
// each for the ids and inv_log_pos) fits in wasm32's 4 GB, where a doubling std::vector would
// need the old and the new buffer at once (docs/inference-core.md, "Sequence length").
#pragma once
#include <cstddef>
#include <memory>
#include <vector>

namespace tvm {

template <typename T>
class ChunkedArray {
 public:
  static constexpr int kShift = 12;
  static constexpr size_t kBlock = (size_t)1 << kShift;

  void push_back(T v) {
    if ((n_ & (kBlock - 1)) == 0 && (n_ >> kShift) == blocks_.size()) blocks_.emplace_back(new T[kBlock]);
    blocks_[n_ >> kShift][n_ & (kBlock - 1)] = v;
    n_++;
  }
  T operator[](size_t i) const { return blocks_[i >> kShift][i & (kBlock - 1)]; }
  size_t size() const { return n_; }
  void clear() {
    blocks_.clear();
    blocks_.shrink_to_fit();
    n_ = 0;
  }
  size_t bytes() const { return blocks_.size() * kBlock * sizeof(T) + blocks_.capacity() * sizeof(void*); }

 private:
  std::vector<std::unique_ptr<T[]>> blocks_;
  size_t n_ = 0;
};

}  // namespace tvm
