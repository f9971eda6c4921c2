// Fixed-point helpers, conversions, lookup tables, softmax, add/sub/mul,
// pooling, concat and int8 data movement of the quantized runtime against
// references written from TFLite's integer arithmetic.
#include "QuantRef.h"

#include <cfloat>

using namespace edgert_test;

namespace {

const int32_t kEdge32[] = {INT32_MIN, INT32_MIN + 1, -65536, -1, 0, 1, 3,
                           65535,     1 << 30,       INT32_MAX - 1, INT32_MAX};

} // namespace

TEST(RuntimeQuantHelpers, QuantizeMultiplierMatchesFrexpRound) {
  Rng r(1);
  std::vector<double> reals = {1.0,     0.5,       0.25,     2.0,
                               0.75,    1e-3,      3.9999999, 1.0 - 1e-12,
                               0.5 - 1e-12, 1e-9,  4.6e-10,  2.3e-10,
                               1e-12,   123.456,   1e9,       1.5e9,
                               -0.3,    -1.0};
  for (int i = 0; i < 2000; ++i)
    reals.push_back(std::ldexp(0.5 + r.next() / 8589934592.0, r.range(-35, 32)));
  for (double d : reals) {
    int32_t m, s, wm;
    int ws;
    edgert_quantize_multiplier(d, &m, &s);
    refQuantizeMultiplier(d, &wm, &ws);
    EXPECT_EQ(m, wm) << d;
    EXPECT_EQ(s, ws) << d;
    if (m != 0 && s < 30) {
      EXPECT_GE(std::abs(static_cast<int64_t>(m)), int64_t{1} << 30) << d;
      EXPECT_NEAR(std::ldexp(static_cast<double>(m), s - 31), d,
                  std::fabs(d) * 1e-9)
          << d;
    }
  }
  int32_t m, s;
  edgert_quantize_multiplier(0.0, &m, &s);
  EXPECT_EQ(m, 0);
  EXPECT_EQ(s, 0);
  edgert_quantize_multiplier(1.0, &m, &s);
  EXPECT_EQ(m, 1 << 30);
  EXPECT_EQ(s, 1);
  // Rounds up to 2^31: renormalized to 2^30 with shift + 1.
  edgert_quantize_multiplier(1.0 - 1e-12, &m, &s);
  EXPECT_EQ(m, 1 << 30);
  EXPECT_EQ(s, 1);
  // Below 2^-32: flushed to zero.
  edgert_quantize_multiplier(1e-11, &m, &s);
  EXPECT_EQ(m, 0);
  EXPECT_EQ(s, 0);
}

TEST(RuntimeQuantHelpers, SrdhmAndRdbpotEdges) {
  for (int32_t a : kEdge32)
    for (int32_t b : kEdge32)
      EXPECT_EQ(edgert_srdhm(a, b), refSrdhm(a, b)) << a << " " << b;
  EXPECT_EQ(edgert_srdhm(INT32_MIN, INT32_MIN), INT32_MAX);
  for (int32_t x : kEdge32)
    for (int e = 0; e <= 31; ++e)
      EXPECT_EQ(edgert_rounding_divide_by_pot(x, e), refRdbpot(x, e))
          << x << " >> " << e;
  // Ties: half away from zero.
  EXPECT_EQ(edgert_rounding_divide_by_pot(5, 1), 3);
  EXPECT_EQ(edgert_rounding_divide_by_pot(-5, 1), -3);
  EXPECT_EQ(edgert_rounding_divide_by_pot(-6, 2), -2);
  EXPECT_EQ(edgert_rounding_divide_by_pot(6, 2), 2);
  Rng r(2);
  for (int i = 0; i < 20000; ++i) {
    int32_t a = static_cast<int32_t>(r.next() ^ (r.next() << 16));
    int32_t b = static_cast<int32_t>(r.next() ^ (r.next() << 16));
    EXPECT_EQ(edgert_srdhm(a, b), refSrdhm(a, b));
    int e = r.range(0, 31);
    EXPECT_EQ(edgert_rounding_divide_by_pot(a, e), refRdbpot(a, e));
  }
}

TEST(RuntimeQuantHelpers, MultiplyByQuantizedMultiplier) {
  Rng r(3);
  for (int i = 0; i < 50000; ++i) {
    int32_t m = static_cast<int32_t>((1u << 30) + (r.next() & 0x3FFFFFFF));
    if (i % 7 == 0)
      m = INT32_MAX;
    int shift = r.range(-31, 8);
    int32_t x = static_cast<int32_t>(r.next() ^ (r.next() << 16));
    if (shift > 0)
      x = edgert_test::clampI(x >> (shift + 1), INT32_MIN >> shift,
                              INT32_MAX >> shift);
    EXPECT_EQ(edgert_mul_by_quantized_multiplier(x, m, shift),
              refMbqm(x, m, shift))
        << x << " " << m << " " << shift;
  }
  for (int32_t x : kEdge32)
    for (int shift : {-31, -20, -1, 0})
      for (int32_t m : {INT32_MAX, 1 << 30, INT32_MIN + 1, 0, 1})
        EXPECT_EQ(edgert_mul_by_quantized_multiplier(x, m, shift),
                  refMbqm(x, m, shift));
  // Identity multiplier (scale 1.0) is exact.
  int32_t m1, s1;
  edgert_quantize_multiplier(1.0, &m1, &s1);
  for (int32_t x : {-1000000, -3, 0, 7, 99999})
    EXPECT_EQ(edgert_mul_by_quantized_multiplier(x, m1, s1), x);
}

TEST(RuntimeQuantHelpers, MultiplyByQuantizedMultiplier64) {
  Rng r(4);
  for (int i = 0; i < 50000; ++i) {
    int32_t m = static_cast<int32_t>((1u << 30) + (r.next() & 0x3FFFFFFF));
    if (i % 5 == 0)
      m = i % 10 == 0 ? INT32_MAX : 0x7FFF0000;
    int shift = r.range(-31, 7);
    int64_t x = static_cast<int64_t>((static_cast<uint64_t>(r.next()) << 32) |
                                     r.next()) >> 17; // |x| < 2^47
    EXPECT_EQ(edgert_mul_by_quantized_multiplier_i64(x, m, shift),
              refMbqm64(x, m, shift))
        << x << " " << m << " " << shift;
  }
}

TEST(RuntimeQuantHelpers, QuantizeValueAndActRange) {
  // Half to even, float division, saturation, NaN.
  EXPECT_EQ(edgert_quantize_value(0.5f, 1.0f, 0, -128, 127), 0);
  EXPECT_EQ(edgert_quantize_value(1.5f, 1.0f, 0, -128, 127), 2);
  EXPECT_EQ(edgert_quantize_value(-2.5f, 1.0f, 3, -128, 127), 1);
  EXPECT_EQ(edgert_quantize_value(1e30f, 0.1f, -128, -128, 127), 127);
  EXPECT_EQ(edgert_quantize_value(-1e30f, 0.1f, 127, -128, 127), -128);
  EXPECT_EQ(edgert_quantize_value(INFINITY, 0.1f, 0, -128, 127), 127);
  EXPECT_EQ(edgert_quantize_value(NAN, 0.1f, 5, -128, 127), 5);
  Rng r(5);
  for (int i = 0; i < 20000; ++i) {
    float s = r.uniform(0.001f, 0.5f);
    int32_t zp = r.range(-128, 127);
    float x = r.uniform(-80.0f, 80.0f);
    EXPECT_EQ(edgert_quantize_value(x, s, zp, -128, 127),
              refQuantize(x, s, zp, -128, 127));
    EXPECT_EQ(edgert_quantize_value(x, s / 256, 0, -32768, 32767),
              refQuantize(x, s / 256, 0, -32768, 32767));
  }
  int32_t lo, hi;
  edgert_act relu6{EDGERT_ACT_RELU6, 0, 0, 0};
  ASSERT_EQ(edgert_quant_act_range(&relu6, 0.05f, -128, -128, 127, &lo, &hi),
            EDGERT_OK);
  EXPECT_EQ(lo, -128);
  EXPECT_EQ(hi, -8);
  edgert_act relu{EDGERT_ACT_RELU, 0, 0, 0};
  ASSERT_EQ(edgert_quant_act_range(&relu, 0.05f, 10, -128, 127, &lo, &hi),
            EDGERT_OK);
  EXPECT_EQ(lo, 10);
  EXPECT_EQ(hi, 127);
  edgert_act clip{EDGERT_ACT_CLIP, -1.0f, 2.0f, 0};
  ASSERT_EQ(edgert_quant_act_range(&clip, 0.1f, 0, -128, 127, &lo, &hi),
            EDGERT_OK);
  EXPECT_EQ(lo, -10);
  EXPECT_EQ(hi, 20);
  ASSERT_EQ(edgert_quant_act_range(nullptr, 0.1f, 0, -128, 127, &lo, &hi),
            EDGERT_OK);
  EXPECT_EQ(lo, -128);
  EXPECT_EQ(hi, 127);
  edgert_act sig{EDGERT_ACT_SIGMOID, 0, 0, 0};
  EXPECT_EQ(edgert_quant_act_range(&sig, 0.1f, 0, -128, 127, &lo, &hi),
            EDGERT_ERR_UNSUPPORTED);
}

TEST(RuntimeQuantConvert, QuantizeDequantizeRoundTrip) {
  Rng r(6);
  auto x = randomVec(r, 999, -3.0f, 3.0f);
  x.push_back(NAN);
  x.push_back(1e9f);
  for (int32_t zp : {-128, -3, 0, 127}) {
    float s = 0.02f;
    std::vector<int8_t> q(x.size());
    ASSERT_EQ(edgert_quantize_f32_q8(x.size(), s, zp, x.data(), q.data()),
              EDGERT_OK);
    std::vector<float> back(x.size());
    ASSERT_EQ(edgert_dequantize_q8_f32(x.size(), s, zp, q.data(), back.data()),
              EDGERT_OK);
    for (size_t i = 0; i < x.size(); ++i) {
      EXPECT_EQ(q[i], refQuantize(x[i], s, zp, -128, 127));
      EXPECT_EQ(back[i], static_cast<float>(q[i] - zp) * s);
      float lo = (-128 - zp) * s, hi = (127 - zp) * s;
      if (!std::isnan(x[i]) && x[i] >= lo && x[i] <= hi)
        EXPECT_LE(std::fabs(back[i] - x[i]), s * 0.5f + 1e-6f);
    }
    std::vector<int16_t> q16(x.size());
    ASSERT_EQ(edgert_quantize_f32_q16(x.size(), s / 100, 0, x.data(), q16.data()),
              EDGERT_OK);
    std::vector<float> b16(x.size());
    ASSERT_EQ(edgert_dequantize_q16_f32(x.size(), s / 100, 0, q16.data(),
                                        b16.data()),
              EDGERT_OK);
    for (size_t i = 0; i < x.size(); ++i) {
      EXPECT_EQ(q16[i], refQuantize(x[i], s / 100, 0, -32768, 32767));
      EXPECT_EQ(b16[i], static_cast<float>(q16[i]) * (s / 100));
    }
  }
  // Per-axis: [2, 3, 4] quantized along axis 1.
  std::vector<float> scales = {0.1f, 0.01f, 0.05f};
  std::vector<int32_t> zps = {0, 3, -7};
  auto y = randomVec(r, 24, -1.0f, 1.0f);
  std::vector<int8_t> q(24);
  std::vector<float> back(24);
  ASSERT_EQ(edgert_quantize_per_axis_f32_q8(24, 3, 4, scales.data(), zps.data(),
                                            y.data(), q.data()),
            EDGERT_OK);
  ASSERT_EQ(edgert_dequantize_per_axis_q8_f32(24, 3, 4, scales.data(),
                                              zps.data(), q.data(), back.data()),
            EDGERT_OK);
  for (int i = 0; i < 24; ++i) {
    int c = (i / 4) % 3;
    EXPECT_EQ(q[i], refQuantize(y[i], scales[c], zps[c], -128, 127));
    EXPECT_EQ(back[i], static_cast<float>(q[i] - zps[c]) * scales[c]);
  }
}

// int32 storage dequantizes in float as ONNX's reference does,
// (float(x) - float(zp)) * scale: hand-computed values, including INT32_MAX
// (float 2^31; 2^31 + 3 rounds back to 2^31).
TEST(RuntimeQuantConvert, DequantizeInt32) {
  const int32_t in[3] = {-5, 1000, INT32_MAX};
  float out[3];
  ASSERT_EQ(edgert_dequantize_q32_f32(3, 0.5f, -3, in, out), EDGERT_OK);
  EXPECT_EQ(out[0], -1.0f);
  EXPECT_EQ(out[1], 501.5f);
  EXPECT_EQ(out[2], 1073741824.0f);
  // Per-axis: [2 channels, 2 inner].
  const float scales[2] = {0.25f, 2.0f};
  const int32_t zps[2] = {1, -1};
  const int32_t pin[4] = {5, 1, 3, -4};
  float pout[4];
  ASSERT_EQ(edgert_dequantize_per_axis_q32_f32(4, 2, 2, scales, zps, pin, pout),
            EDGERT_OK);
  EXPECT_EQ(pout[0], 1.0f);
  EXPECT_EQ(pout[1], 0.0f);
  EXPECT_EQ(pout[2], 8.0f);
  EXPECT_EQ(pout[3], -6.0f);
  EXPECT_EQ(edgert_dequantize_per_axis_q32_f32(4, 0, 2, scales, zps, pin, pout),
            EDGERT_ERR_INVALID);
}

TEST(RuntimeQuantConvert, Requantize) {
  Rng r(7);
  for (int t = 0; t < 50; ++t) {
    float si = r.uniform(0.001f, 0.2f), so = r.uniform(0.001f, 0.2f);
    int32_t zi = r.range(-128, 127), zo = r.range(-128, 127);
    edgert_rescale rs;
    edgert_rescale_init(si, zi, so, zo, &rs);
    int32_t wm, ws;
    refQuantizeMultiplier(static_cast<double>(si) / so, &wm, &ws);
    ASSERT_EQ(rs.multiplier, wm);
    std::vector<int8_t> x(256), y(256);
    for (int i = 0; i < 256; ++i)
      x[i] = static_cast<int8_t>(i - 128);
    ASSERT_EQ(edgert_requantize_q8_q8(&rs, 256, x.data(), y.data()), EDGERT_OK);
    std::vector<int16_t> y16(256);
    edgert_rescale rs16;
    edgert_rescale_init(si, zi, so / 200, 0, &rs16);
    ASSERT_EQ(edgert_requantize_q8_q16(&rs16, 256, x.data(), y16.data()),
              EDGERT_OK);
    for (int i = 0; i < 256; ++i) {
      EXPECT_EQ(y[i], clampI(static_cast<int64_t>(refMbqm(x[i] - zi, rs.multiplier,
                                                          rs.shift)) + zo,
                             -128, 127));
      EXPECT_EQ(y16[i], clampI(refMbqm(x[i] - zi, rs16.multiplier, rs16.shift),
                               -32768, 32767));
      // Close to the float rescale.
      double real = (x[i] - zi) * static_cast<double>(si);
      double want = std::min(127.0, std::max(-128.0, std::round(real / so) + zo));
      EXPECT_LE(std::fabs(y[i] - want), 1.0);
    }
    // int16 -> int8 and in place int8 -> int8.
    auto x16 = randomInts<int16_t>(r, 300, -32768, 32767);
    std::vector<int8_t> y8(300);
    edgert_rescale back;
    edgert_rescale_init(si / 200, 0, so, zo, &back);
    ASSERT_EQ(edgert_requantize_q16_q8(&back, 300, x16.data(), y8.data()),
              EDGERT_OK);
    for (int i = 0; i < 300; ++i)
      EXPECT_EQ(y8[i], clampI(static_cast<int64_t>(refMbqm(x16[i], back.multiplier,
                                                           back.shift)) + zo,
                              -128, 127));
    std::vector<int8_t> inplace = x;
    ASSERT_EQ(edgert_requantize_q8_q8(&rs, 256, inplace.data(), inplace.data()),
              EDGERT_OK);
    EXPECT_EQ(inplace, y);
  }
}

TEST(RuntimeQuantLut, ActivationTables) {
  Rng r(8);
  const edgert_act acts[] = {
      {EDGERT_ACT_SIGMOID, 0, 0, 0},    {EDGERT_ACT_TANH, 0, 0, 0},
      {EDGERT_ACT_HARD_SWISH, 0, 0, 0}, {EDGERT_ACT_LEAKY_RELU, 0, 0, 0.1f},
      {EDGERT_ACT_RELU6, 0, 0, 0},      {EDGERT_ACT_CLIP, -0.5f, 0.7f, 0},
  };
  for (const auto &act : acts) {
    float si = r.uniform(0.01f, 0.1f), so = r.uniform(0.004f, 0.05f);
    int32_t zi = r.range(-128, 127), zo = r.range(-128, 127);
    if (act.kind == EDGERT_ACT_SIGMOID) { // TFLite's fixed output params
      so = 1.0f / 256;
      zo = -128;
    }
    int8_t table[256];
    ASSERT_EQ(edgert_lut_build_act_q8(&act, si, zi, so, zo, table), EDGERT_OK);
    for (int q = -128; q <= 127; ++q) {
      float x = (q - zi) * si;
      float y = refAct(act, x);
      int32_t want = refQuantize(y, so, zo, -128, 127);
      // The builder uses the runtime's float act; allow the libm ulp to move
      // a value across a rounding boundary, never more.
      EXPECT_LE(std::abs(table[q + 128] - want), 1) << q;
      EXPECT_NEAR((table[q + 128] - zo) * so, std::min(std::max(y, (-128 - zo) * so),
                                                       (127 - zo) * so),
                  0.5f * so + 1e-5f);
    }
    auto x = randomInts<int8_t>(r, 1000, -128, 127);
    std::vector<int8_t> y(x.size());
    ASSERT_EQ(edgert_lut_q8(table, x.size(), x.data(), y.data()), EDGERT_OK);
    for (size_t i = 0; i < x.size(); ++i)
      EXPECT_EQ(y[i], table[x[i] + 128]);
    ASSERT_EQ(edgert_lut_q8(table, x.size(), x.data(), x.data()), EDGERT_OK);
    EXPECT_EQ(x, y);
  }
  int8_t table[256];
  ASSERT_EQ(edgert_lut_build_unary_q8(EDGERT_UNARY_EXP, 0.02f, 0, 0.05f, -128,
                                      table),
            EDGERT_OK);
  for (int q = -128; q <= 127; ++q)
    EXPECT_LE(std::abs(table[q + 128] -
                       refQuantize(std::exp(q * 0.02f), 0.05f, -128, -128, 127)),
              1);
  EXPECT_EQ(edgert_lut_build_act_q8(nullptr, 0.0f, 0, 1.0f, 0, table),
            EDGERT_ERR_INVALID);
}

TEST(RuntimeQuantSoftmax, ExactAndCloseToFloat) {
  Rng r(9);
  const std::vector<std::vector<int32_t>> shapes = {{1, 10}, {3, 7}, {2, 5, 3}, {4, 1}, {1, 300}};
  for (const auto &s : shapes)
    for (int axis = 0; axis < static_cast<int>(s.size()); ++axis) {
      float beta = r.uniform(0.5f, 2.0f), si = r.uniform(0.02f, 0.2f);
      int32_t table[256];
      ASSERT_EQ(edgert_softmax_lut_build_q8(beta, si, table), EDGERT_OK);
      for (int d = 0; d < 256; ++d)
        ASSERT_EQ(table[d], static_cast<int32_t>(std::llround(
                                std::ldexp(std::exp(-static_cast<double>(beta) *
                                                    si * d),
                                           30))));
      auto x = randomInts<int8_t>(r, numel(s), -128, 127);
      std::vector<int8_t> y(x.size());
      ASSERT_EQ(edgert_softmax_q8(table, s.data(), s.size(), axis, x.data(),
                                  y.data()),
                EDGERT_OK);
      // Float softmax of the dequantized input (zero point cancels).
      std::vector<float> xf(x.size()), yf(x.size());
      for (size_t i = 0; i < x.size(); ++i)
        xf[i] = x[i] * si;
      ASSERT_EQ(edgert_softmax_f32(s.data(), s.size(), axis, beta, xf.data(),
                                   yf.data()),
                EDGERT_OK);
      int inner = 1;
      for (size_t d = axis + 1; d < s.size(); ++d)
        inner *= s[d];
      int len = s[axis], outer = numel(s) / (len * inner);
      for (int o = 0; o < outer; ++o)
        for (int i = 0; i < inner; ++i) {
          int base = o * len * inner + i, mx = -128;
          uint64_t sum = 0;
          for (int j = 0; j < len; ++j)
            mx = std::max<int>(mx, x[base + j * inner]);
          for (int j = 0; j < len; ++j)
            sum += table[mx - x[base + j * inner]];
          for (int j = 0; j < len; ++j) {
            int k = base + j * inner;
            // round(256 e / S) with ties up, written as a floor.
            i128 num = static_cast<i128>(table[mx - x[k]]) * 512 + sum;
            int64_t want = static_cast<int64_t>(num / (2 * sum)) - 128;
            // (256 e + floor(S/2)) / S differs from this only when S is odd
            // and the remainder lands exactly on the half.
            int64_t alt = static_cast<int64_t>(
                (static_cast<i128>(table[mx - x[k]]) * 256 + sum / 2) / sum) - 128;
            EXPECT_EQ(y[k], clampI(alt, -128, 127));
            EXPECT_LE(std::abs(alt - want), 1);
            EXPECT_NEAR((y[k] + 128) / 256.0f, yf[k], 1.0f / 256 + 1e-4f);
          }
        }
      // In place.
      std::vector<int8_t> z = x;
      ASSERT_EQ(edgert_softmax_q8(table, s.data(), s.size(), axis, z.data(),
                                  z.data()),
                EDGERT_OK);
      EXPECT_EQ(z, y);
    }
}

namespace {

template <typename T> struct BinCase {
  std::vector<int32_t> a, b, o;
};

// Index of operand `sh` (right-aligned, size-1 broadcast) at output multi-index.
int64_t bcastOffset(const std::vector<int32_t> &sh,
                    const std::vector<int32_t> &idx) {
  int64_t off = 0;
  size_t shift = idx.size() - sh.size();
  for (size_t d = 0; d < sh.size(); ++d)
    off = off * sh[d] + (sh[d] == 1 ? 0 : idx[d + shift]);
  return off;
}

const std::vector<BinCase<int>> kBinCases = {
    {{2, 3, 4}, {2, 3, 4}, {2, 3, 4}},
    {{2, 3, 4}, {4}, {2, 3, 4}},
    {{1, 5, 1}, {3, 1, 2}, {3, 5, 2}},
    {{}, {7}, {7}},
    {{2, 1, 3, 1, 2}, {1, 4, 1, 5, 1}, {2, 4, 3, 5, 2}},
};

int32_t refAdd(const edgert_qadd_params &p, int32_t a, int32_t b, int mode) {
  int32_t sa = refMbqm((a - p.in1_zp) * (1 << p.left_shift), p.in1_multiplier,
                       p.in1_shift);
  int32_t m2 = mode == 2 ? -p.in2_multiplier : p.in2_multiplier;
  int32_t sb = refMbqm((b - p.in2_zp) * (1 << p.left_shift), m2, p.in2_shift);
  int32_t raw = mode == 1 ? sa - sb : sa + sb;
  return clampI(static_cast<int64_t>(refMbqm(raw, p.out_multiplier, p.out_shift)) +
                    p.out_zp,
                p.act_min, p.act_max);
}

} // namespace

TEST(RuntimeQuantElementwise, AddSubQ8BitExactAndCloseToFloat) {
  Rng r(10);
  for (const auto &c : kBinCases)
    for (int t = 0; t < 4; ++t) {
      float s1 = r.uniform(0.005f, 0.1f), s2 = r.uniform(0.005f, 0.1f),
            so = r.uniform(0.01f, 0.2f);
      int32_t z1 = t == 0 ? -128 : r.range(-128, 127),
              z2 = t == 1 ? 127 : r.range(-128, 127), zo = r.range(-128, 127);
      int32_t lo = t == 2 ? std::max(-128, zo) : -128, hi = 127;
      edgert_qadd_params p;
      edgert_qadd_params_init(s1, z1, s2, z2, so, zo, 20, lo, hi, &p);
      auto a = randomInts<int8_t>(r, numel(c.a), -128, 127);
      auto b = randomInts<int8_t>(r, numel(c.b), -128, 127);
      for (int sub = 0; sub <= 1; ++sub) {
        std::vector<int8_t> y(numel(c.o));
        ASSERT_EQ((sub ? edgert_sub_q8 : edgert_add_q8)(
                      &p, c.a.data(), c.a.size(), a.data(), c.b.data(),
                      c.b.size(), b.data(), c.o.data(), c.o.size(), y.data()),
                  EDGERT_OK);
        for (int64_t i = 0; i < numel(c.o); ++i) {
          auto idx = unflatten(i, c.o);
          int32_t av = a[bcastOffset(c.a, idx)], bv = b[bcastOffset(c.b, idx)];
          EXPECT_EQ(y[i], refAdd(p, av, bv, sub));
          float real = (av - z1) * s1 + (sub ? -1.0f : 1.0f) * (bv - z2) * s2;
          int32_t fq = refQuantize(real, so, zo, lo, hi);
          EXPECT_LE(std::abs(y[i] - fq), 1) << real;
        }
      }
    }
}

TEST(RuntimeQuantElementwise, AddSubQ16BitExact) {
  Rng r(17);
  for (const auto &c : kBinCases) {
    float s1 = r.uniform(1e-4f, 1e-3f), s2 = r.uniform(1e-4f, 1e-3f),
          so = r.uniform(2e-4f, 2e-3f);
    edgert_qadd_params p;
    edgert_qadd_params_init(s1, 0, s2, 0, so, 0, 15, -32768, 32767, &p);
    auto a = randomInts<int16_t>(r, numel(c.a), -32768, 32767);
    auto b = randomInts<int16_t>(r, numel(c.b), -32768, 32767);
    for (int sub = 0; sub <= 1; ++sub) {
      std::vector<int16_t> y(numel(c.o));
      ASSERT_EQ((sub ? edgert_sub_q16 : edgert_add_q16)(
                    &p, c.a.data(), c.a.size(), a.data(), c.b.data(), c.b.size(),
                    b.data(), c.o.data(), c.o.size(), y.data()),
                EDGERT_OK);
      for (int64_t i = 0; i < numel(c.o); ++i) {
        auto idx = unflatten(i, c.o);
        int32_t av = a[bcastOffset(c.a, idx)], bv = b[bcastOffset(c.b, idx)];
        EXPECT_EQ(y[i], refAdd(p, av, bv, sub ? 2 : 0));
        float real = av * s1 + (sub ? -1.0f : 1.0f) * bv * s2;
        EXPECT_LE(std::abs(y[i] - refQuantize(real, so, 0, -32768, 32767)), 1);
      }
    }
  }
}

TEST(RuntimeQuantElementwise, MulQ8Q16BitExact) {
  Rng r(18);
  for (const auto &c : kBinCases)
    for (int t = 0; t < 3; ++t) {
      float s1 = r.uniform(0.01f, 0.1f), s2 = r.uniform(0.01f, 0.1f),
            so = r.uniform(0.02f, 0.5f);
      int32_t z1 = t == 0 ? 127 : r.range(-128, 127),
              z2 = t == 0 ? -128 : r.range(-128, 127), zo = r.range(-128, 127);
      edgert_qmul_params p{z1, z2, zo, 0, 0, -128, 127};
      edgert_quantize_multiplier(static_cast<double>(s1) * s2 / so,
                                 &p.multiplier, &p.shift);
      auto a = randomInts<int8_t>(r, numel(c.a), -128, 127);
      auto b = randomInts<int8_t>(r, numel(c.b), -128, 127);
      std::vector<int8_t> y(numel(c.o));
      ASSERT_EQ(edgert_mul_q8(&p, c.a.data(), c.a.size(), a.data(), c.b.data(),
                              c.b.size(), b.data(), c.o.data(), c.o.size(),
                              y.data()),
                EDGERT_OK);
      edgert_qmul_params p16{0, 0, 0, 0, 0, -32768, 32767};
      edgert_quantize_multiplier(static_cast<double>(s1 / 128) * (s2 / 128) /
                                     (so / 128),
                                 &p16.multiplier, &p16.shift);
      auto a16 = randomInts<int16_t>(r, numel(c.a), -32768, 32767);
      auto b16 = randomInts<int16_t>(r, numel(c.b), -32768, 32767);
      std::vector<int16_t> y16(numel(c.o));
      ASSERT_EQ(edgert_mul_q16(&p16, c.a.data(), c.a.size(), a16.data(),
                               c.b.data(), c.b.size(), b16.data(), c.o.data(),
                               c.o.size(), y16.data()),
                EDGERT_OK);
      for (int64_t i = 0; i < numel(c.o); ++i) {
        auto idx = unflatten(i, c.o);
        int64_t ia = bcastOffset(c.a, idx), ib = bcastOffset(c.b, idx);
        int32_t prod = (a[ia] - z1) * (b[ib] - z2);
        EXPECT_EQ(y[i], clampI(static_cast<int64_t>(refMbqm(prod, p.multiplier,
                                                            p.shift)) + zo,
                               -128, 127));
        float real = (a[ia] - z1) * s1 * ((b[ib] - z2) * s2);
        EXPECT_LE(std::abs(y[i] - refQuantize(real, so, zo, -128, 127)), 1);
        int32_t prod16 = static_cast<int32_t>(static_cast<int64_t>(a16[ia]) * b16[ib]);
        if (static_cast<int64_t>(a16[ia]) * b16[ib] == prod16)
          EXPECT_EQ(y16[i], clampI(refMbqm(prod16, p16.multiplier, p16.shift),
                                   -32768, 32767));
      }
    }
}

TEST(RuntimeQuantPooling, MaxAvgQ8BitExact) {
  Rng r(19);
  struct Case {
    int N, H, W, C, KH, KW, sh, sw, pt, pl, pb, pr;
  } cases[] = {{1, 5, 5, 3, 2, 2, 2, 2, 0, 0, 1, 1},
               {2, 7, 6, 4, 3, 3, 1, 2, 1, 1, 1, 0},
               {1, 4, 9, 2, 3, 2, 3, 1, 2, 0, 0, 1},
               {1, 1, 1, 5, 1, 1, 1, 1, 0, 0, 0, 0}};
  for (const auto &c : cases)
    for (bool cip : {false, true})
      for (int32_t zp : {-128, 0, 127, 37}) {
        int OH = (c.H + c.pt + c.pb - c.KH) / c.sh + 1;
        int OW = (c.W + c.pl + c.pr - c.KW) / c.sw + 1;
        auto x = randomInts<int8_t>(r, c.N * c.H * c.W * c.C, -128, 127);
        edgert_pool2d_params p{c.KH, c.KW, c.sh, c.sw, c.pt, c.pl, c.pb, c.pr,
                               cip, {EDGERT_ACT_NONE, 0, 0, 0}};
        int32_t is[4] = {c.N, c.H, c.W, c.C}, os[4] = {c.N, OH, OW, c.C};
        int32_t lo = zp == 37 ? zp : -128, hi = zp == 37 ? 100 : 127;
        std::vector<int8_t> ym(c.N * OH * OW * c.C), ya(ym.size());
        ASSERT_EQ(edgert_max_pool2d_q8(&p, zp, lo, hi, is, x.data(), os, ym.data()),
                  EDGERT_OK);
        ASSERT_EQ(edgert_avg_pool2d_q8(&p, zp, lo, hi, is, x.data(), os, ya.data()),
                  EDGERT_OK);
        for (int n = 0; n < c.N; ++n)
          for (int oh = 0; oh < OH; ++oh)
            for (int ow = 0; ow < OW; ++ow)
              for (int ch = 0; ch < c.C; ++ch) {
                int mx = INT32_MIN, cnt = 0;
                int64_t sum = 0;
                for (int kh = 0; kh < c.KH; ++kh)
                  for (int kw = 0; kw < c.KW; ++kw) {
                    int ih = oh * c.sh - c.pt + kh, iw = ow * c.sw - c.pl + kw;
                    if (ih < 0 || ih >= c.H || iw < 0 || iw >= c.W) {
                      if (cip)
                        sum += zp, ++cnt;
                      continue;
                    }
                    int v = x[((n * c.H + ih) * c.W + iw) * c.C + ch];
                    mx = std::max(mx, v);
                    sum += v;
                    ++cnt;
                  }
                // Round half away from zero.
                int64_t avg = sum >= 0 ? (2 * sum + cnt) / (2 * cnt)
                                       : -((-2 * sum + cnt) / (2 * cnt));
                size_t o = ((n * OH + oh) * OW + ow) * c.C + ch;
                EXPECT_EQ(ym[o], clampI(mx, lo, hi));
                EXPECT_EQ(ya[o], clampI(avg, lo, hi));
              }
        std::vector<int16_t> x16(x.begin(), x.end()), y16(ym.size());
        for (auto &v : x16)
          v = static_cast<int16_t>(v * 200);
        ASSERT_EQ(edgert_max_pool2d_q16(&p, 0, -32768, 32767, is, x16.data(), os,
                                        y16.data()),
                  EDGERT_OK);
        if (zp == -128)
          for (size_t o = 0; o < ym.size(); ++o)
            EXPECT_EQ(y16[o], ym[o] * 200);
      }
}

TEST(RuntimeQuantData, ConcatRequantizesEachInput) {
  Rng r(20);
  std::vector<int32_t> os = {2, 7, 3};
  std::vector<int32_t> sizes = {2, 4, 1};
  std::vector<std::vector<int8_t>> ins;
  std::vector<edgert_rescale> rs(3);
  float so = 0.05f;
  int32_t zo = -10;
  float sc[3] = {0.05f, 0.02f, 0.2f};
  int32_t zi[3] = {-10, 100, -128}; // input 0 has the output's parameters
  for (int i = 0; i < 3; ++i) {
    ins.push_back(randomInts<int8_t>(r, 2 * sizes[i] * 3, -128, 127));
    edgert_rescale_init(sc[i], zi[i], so, zo, &rs[i]);
  }
  const int8_t *ptrs[3] = {ins[0].data(), ins[1].data(), ins[2].data()};
  std::vector<int8_t> y(2 * 7 * 3), plain(y.size());
  ASSERT_EQ(edgert_concat_q8(os.data(), 3, 1, 3, sizes.data(), ptrs, rs.data(),
                             y.data()),
            EDGERT_OK);
  ASSERT_EQ(edgert_concat_q8(os.data(), 3, 1, 3, sizes.data(), ptrs, nullptr,
                             plain.data()),
            EDGERT_OK);
  std::vector<int8_t> viaGeneric(y.size());
  const void *vptrs[3] = {ptrs[0], ptrs[1], ptrs[2]};
  ASSERT_EQ(edgert_concat(1, os.data(), 3, 1, 3, sizes.data(), vptrs,
                          viaGeneric.data()),
            EDGERT_OK);
  EXPECT_EQ(plain, viaGeneric);
  for (int n = 0; n < 2; ++n) {
    int off = 0;
    for (int i = 0; i < 3; ++i) {
      for (int a = 0; a < sizes[i]; ++a)
        for (int k = 0; k < 3; ++k) {
          int v = ins[i][(n * sizes[i] + a) * 3 + k];
          int got = y[(n * 7 + off + a) * 3 + k];
          EXPECT_EQ(got, clampI(static_cast<int64_t>(refMbqm(
                                    v - zi[i], rs[i].multiplier, rs[i].shift)) +
                                    zo,
                                -128, 127));
          if (i == 0)
            EXPECT_EQ(got, v); // same parameters: identity
        }
      off += sizes[i];
    }
  }
}

TEST(RuntimeQuantData, TypeAgnosticKernelsMoveInt8) {
  // pad with the zero point, transpose and nearest resize on int8 bytes.
  std::vector<int32_t> s = {2, 3};
  std::vector<int8_t> x = {-128, -1, 0, 1, 127, 5};
  int32_t before[2] = {1, 0}, after[2] = {0, 2};
  int8_t zp = -7;
  std::vector<int8_t> y(3 * 5);
  ASSERT_EQ(edgert_pad(1, EDGERT_PAD_CONSTANT, s.data(), 2, before, after, &zp,
                       x.data(), y.data()),
            EDGERT_OK);
  EXPECT_EQ(y, (std::vector<int8_t>{-7, -7, -7, -7, -7, -128, -1, 0, -7, -7, 1,
                                    127, 5, -7, -7}));
  int32_t perm[2] = {1, 0};
  std::vector<int8_t> t(6);
  ASSERT_EQ(edgert_transpose(1, s.data(), 2, perm, x.data(), t.data()),
            EDGERT_OK);
  EXPECT_EQ(t, (std::vector<int8_t>{-128, 1, -1, 127, 0, 5}));
  int32_t is[4] = {1, 1, 2, 1}, os[4] = {1, 2, 4, 1};
  std::vector<int16_t> in16 = {-32768, 32767}, out16(8);
  ASSERT_EQ(edgert_resize_nearest(2, (edgert_coord_mode)0, (edgert_nearest_mode)0,
                                  is, in16.data(), os, out16.data()),
            EDGERT_OK);
  for (int i = 0; i < 8; ++i)
    EXPECT_TRUE(out16[i] == -32768 || out16[i] == 32767);
}
