// A growable column of doubles stored in the narrowest exact representation seen so far:
// int8, int16, int32, float32 or float64 (the whole column widens when a value needs it).
// Position-keyed heads store one value per token, mostly small integers: 1–2 bytes each.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace tvm {

class ValueColumn {
 public:
  enum Kind : uint8_t { I8 = 0, I16 = 1, I32 = 2, F32 = 3, F64 = 4 };

  void push(double v) {
    Kind k = kindOf(v);
    if (k > kind_) widen(k);
    size_t w = width(kind_);
    data_.resize((n_ + 1) * w);
    put(n_, v);
    n_++;
  }
  double get(size_t i) const {
    const uint8_t* p = data_.data() + i * width(kind_);
    switch (kind_) {
      case I8: { int8_t v; std::memcpy(&v, p, 1); return v; }
      case I16: { int16_t v; std::memcpy(&v, p, 2); return v; }
      case I32: { int32_t v; std::memcpy(&v, p, 4); return v; }
      case F32: { float v; std::memcpy(&v, p, 4); return v; }
      default: { double v; std::memcpy(&v, p, 8); return v; }
    }
  }
  size_t size() const { return n_; }
  size_t bytes() const { return data_.capacity(); }
  void clear() {
    data_.clear();
    n_ = 0;
    kind_ = I8;
  }

 private:
  static size_t width(Kind k) { return k == I8 ? 1 : k == I16 ? 2 : k == F64 ? 8 : 4; }
  // −0 is kept exactly only by the float kinds.
  static Kind kindOf(double v) {
    if (v != v) return F64;
    if (v == 0 && std::signbit(v)) return F32;
    if (v >= -128 && v <= 127 && v == (double)(int8_t)v) return I8;
    if (v >= -32768 && v <= 32767 && v == (double)(int16_t)v) return I16;
    if (v >= -2147483648.0 && v <= 2147483647.0 && v == (double)(int32_t)v) return I32;
    if (std::isinf(v) || (std::fabs(v) <= 3.4028234663852886e38 && (double)(float)v == v)) return F32;
    return F64;
  }
  void put(size_t i, double v) {
    uint8_t* p = data_.data() + i * width(kind_);
    switch (kind_) {
      case I8: { int8_t x = (int8_t)v; std::memcpy(p, &x, 1); break; }
      case I16: { int16_t x = (int16_t)v; std::memcpy(p, &x, 2); break; }
      case I32: { int32_t x = (int32_t)v; std::memcpy(p, &x, 4); break; }
      case F32: { float x = (float)v; std::memcpy(p, &x, 4); break; }
      default: std::memcpy(p, &v, 8);
    }
  }
  void widen(Kind k) {
    std::vector<double> old(n_);
    for (size_t i = 0; i < n_; i++) old[i] = get(i);
    kind_ = k;
    data_.assign(n_ * width(k), 0);
    for (size_t i = 0; i < n_; i++) put(i, old[i]);
  }

  std::vector<uint8_t> data_;
  size_t n_ = 0;
  Kind kind_ = I8;
};

}  // namespace tvm
