// Reference integer arithmetic of TFLite's quantization specification,
// written independently of the runtime: exact 128-bit products and explicit
// floor / round formulas instead of the runtime's nudge-and-truncate forms.
#ifndef EDGERT_TEST_QUANTREF_H
#define EDGERT_TEST_QUANTREF_H

#include "TestUtil.h"

#include <cmath>
#include <cstdint>
#include <limits>

namespace edgert_test {

using i128 = __int128;

inline i128 floorDiv(i128 a, i128 b) { // b > 0
  i128 q = a / b;
  if ((a % b) != 0 && a < 0)
    --q;
  return q;
}

// SaturatingRoundingDoublingHighMul == round_half_up(a * b / 2^31), the
// single overflow case saturating.
inline int32_t refSrdhm(int32_t a, int32_t b) {
  if (a == INT32_MIN && b == INT32_MIN)
    return INT32_MAX;
  return static_cast<int32_t>(
      floorDiv(static_cast<i128>(a) * b + (static_cast<i128>(1) << 30),
               static_cast<i128>(1) << 31));
}

// RoundingDivideByPOT == x / 2^e rounded half away from zero.
inline int32_t refRdbpot(int32_t x, int e) {
  if (e == 0)
    return x;
  int64_t ax = x < 0 ? -static_cast<int64_t>(x) : x;
  int64_t r = (ax + (int64_t{1} << (e - 1))) >> e;
  return static_cast<int32_t>(x < 0 ? -r : r);
}

inline int32_t refMbqm(int32_t x, int32_t m, int shift) {
  int left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;
  int64_t xs = static_cast<int64_t>(x) * (int64_t{1} << left);
  // Tests keep x * 2^left within int32.
  EXPECT_TRUE(xs >= INT32_MIN && xs <= INT32_MAX) << x << " << " << left;
  return refRdbpot(refSrdhm(static_cast<int32_t>(xs), m), right);
}

// 64-bit variant of the 16x8 kernels: multiplier reduced to Q0.15.
inline int32_t refMbqm64(int64_t x, int32_t m, int shift) {
  int64_t reduced = m < 0x7FFF0000 ? (static_cast<int64_t>(m) + 32768) / 65536
                                   : 0x7FFF;
  int ts = 15 - shift;
  i128 v = floorDiv(static_cast<i128>(x) * reduced +
                        (static_cast<i128>(1) << (ts - 1)),
                    static_cast<i128>(1) << ts);
  if (v > INT32_MAX)
    return INT32_MAX;
  if (v < INT32_MIN)
    return INT32_MIN;
  return static_cast<int32_t>(v);
}

// QuantizeMultiplier with libm's frexp / round (TFLite's formulation).
inline void refQuantizeMultiplier(double real, int32_t *m, int *shift) {
  if (real == 0.0) {
    *m = 0;
    *shift = 0;
    return;
  }
  int e = 0;
  double q = std::frexp(real, &e);
  int64_t fixed = static_cast<int64_t>(std::round(q * 2147483648.0));
  if (fixed == (int64_t{1} << 31) || fixed == -(int64_t{1} << 31)) {
    fixed /= 2;
    ++e;
  }
  if (e < -31) {
    fixed = 0;
    e = 0;
  }
  if (e > 30) {
    fixed = real < 0 ? -INT32_MAX : INT32_MAX;
    e = 30;
  }
  *m = static_cast<int32_t>(fixed);
  *shift = e;
}

inline int32_t clampI(int64_t v, int32_t lo, int32_t hi) {
  return static_cast<int32_t>(v < lo ? lo : (v > hi ? hi : v));
}

// round_half_even(x / scale) + zp, clamped; the division in float.
inline int32_t refQuantize(float x, float scale, int32_t zp, int32_t lo,
                           int32_t hi) {
  float v = x / scale;
  if (std::isnan(v))
    return clampI(zp, lo, hi);
  double r = std::nearbyint(static_cast<double>(v)); // FE_TONEAREST: even
  return clampI(static_cast<int64_t>(std::max(-1e12, std::min(1e12, r))) + zp,
                lo, hi);
}

template <typename T> std::vector<T> randomInts(Rng &r, size_t n, int lo, int hi) {
  std::vector<T> v(n);
  for (auto &x : v)
    x = static_cast<T>(r.range(lo, hi));
  return v;
}

// Per-channel multipliers of a weighted op.
struct ChannelMults {
  std::vector<int32_t> m, s;
};
inline ChannelMults channelMults(float in_scale, const std::vector<float> &w_scale,
                                 float out_scale) {
  ChannelMults c;
  for (float ws : w_scale) {
    int32_t m, s;
    edgert_quantize_multiplier(static_cast<double>(in_scale) * ws / out_scale,
                               &m, &s);
    c.m.push_back(m);
    c.s.push_back(s);
  }
  return c;
}

} // namespace edgert_test
#endif
