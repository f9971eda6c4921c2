// edgert_conv2d_i16_i32 (ONNX ConvInteger / QLinearConv after zero-point
// subtraction) against a direct loop written from the definition, with
// 64-bit sums reduced modulo 2^32.
#include "TestUtil.h"

#include <cstdint>
#include <random>
#include <vector>

namespace {

struct Case {
  int N, H, W, C, O, KH, KW, sh, sw, dh, dw, pt, pl, pb, pr, groups;
  bool bias;
};

int outDim(int in, int p0, int p1, int k, int d, int s) {
  return (in + p0 + p1 - d * (k - 1) - 1) / s + 1;
}

std::vector<int32_t> ref(const Case &c, const std::vector<int16_t> &x,
                         const std::vector<int16_t> &w,
                         const std::vector<int32_t> &b, int OH, int OW) {
  int CG = c.C / c.groups, OG = c.O / c.groups;
  std::vector<int32_t> y(static_cast<size_t>(c.N) * OH * OW * c.O);
  for (int n = 0; n < c.N; ++n)
    for (int oh = 0; oh < OH; ++oh)
      for (int ow = 0; ow < OW; ++ow)
        for (int o = 0; o < c.O; ++o) {
          int64_t acc = b.empty() ? 0 : b[o];
          int g = o / OG;
          for (int kh = 0; kh < c.KH; ++kh)
            for (int kw = 0; kw < c.KW; ++kw)
              for (int ci = 0; ci < CG; ++ci) {
                int ih = oh * c.sh - c.pt + kh * c.dh;
                int iw = ow * c.sw - c.pl + kw * c.dw;
                if (ih < 0 || ih >= c.H || iw < 0 || iw >= c.W)
                  continue;
                acc += int64_t(x[((n * c.H + ih) * c.W + iw) * c.C + g * CG +
                                 ci]) *
                       w[((o * c.KH + kh) * c.KW + kw) * CG + ci];
              }
          y[((n * OH + oh) * OW + ow) * c.O + o] =
              static_cast<int32_t>(static_cast<uint32_t>(acc));
        }
  return y;
}

void check(const Case &c, int16_t lo, int16_t hi, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> dist(lo, hi);
  std::uniform_int_distribution<int32_t> bdist(-100000, 100000);
  int OH = outDim(c.H, c.pt, c.pb, c.KH, c.dh, c.sh);
  int OW = outDim(c.W, c.pl, c.pr, c.KW, c.dw, c.sw);
  std::vector<int16_t> x(size_t(c.N) * c.H * c.W * c.C),
      w(size_t(c.O) * c.KH * c.KW * (c.C / c.groups));
  std::vector<int32_t> b;
  for (auto &v : x)
    v = static_cast<int16_t>(dist(rng));
  for (auto &v : w)
    v = static_cast<int16_t>(dist(rng));
  if (c.bias)
    for (int o = 0; o < c.O; ++o)
      b.push_back(bdist(rng));
  edgert_conv2d_params p{};
  p.stride_h = c.sh;
  p.stride_w = c.sw;
  p.dilation_h = c.dh;
  p.dilation_w = c.dw;
  p.pad_top = c.pt;
  p.pad_left = c.pl;
  p.pad_bottom = c.pb;
  p.pad_right = c.pr;
  p.act.kind = EDGERT_ACT_NONE;
  int32_t is[4] = {c.N, c.H, c.W, c.C};
  int32_t fs[4] = {c.O, c.KH, c.KW, c.C / c.groups};
  int32_t os[4] = {c.N, OH, OW, c.O};
  std::vector<int32_t> y(size_t(c.N) * OH * OW * c.O, 0x55555555);
  ASSERT_EQ(edgert_conv2d_i16_i32(&p, is, x.data(), fs, w.data(),
                                  c.bias ? b.data() : nullptr, os, y.data()),
            EDGERT_OK);
  EXPECT_EQ(y, ref(c, x, w, b, OH, OW));
}

TEST(IntegerConv, MatchesReference) {
  // ConvInteger's range: (x - x_zp) and (w - w_zp) of 8-bit values.
  const Case cases[] = {
      {1, 3, 3, 1, 1, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0, 1, false},
      {1, 3, 3, 1, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, true},
      {2, 7, 6, 4, 6, 3, 3, 2, 1, 1, 2, 1, 0, 2, 1, 2, true},
      {1, 5, 9, 6, 6, 3, 2, 1, 2, 2, 1, 0, 1, 1, 0, 6, true},
      {1, 8, 8, 3, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, false},
  };
  unsigned seed = 1;
  for (const Case &c : cases)
    check(c, -255, 255, seed++);
}

TEST(IntegerConv, WrapsModulo2To32) {
  // 32768^2 * 9 taps * 8 channels overflows int32: the kernel wraps.
  check({1, 3, 3, 8, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, true}, -32768,
        -32768, 7);
  check({1, 4, 4, 8, 3, 3, 3, 1, 1, 1, 1, 0, 0, 0, 0, 1, true}, -32768, 32767,
        8);
}

TEST(IntegerConv, RejectsBadParameters) {
  edgert_conv2d_params p{};
  p.stride_h = p.stride_w = p.dilation_h = p.dilation_w = 1;
  p.act.kind = EDGERT_ACT_RELU;
  int32_t is[4] = {1, 2, 2, 1}, fs[4] = {1, 1, 1, 1}, os[4] = {1, 2, 2, 1};
  int16_t x[4] = {0}, w[1] = {1};
  int32_t y[4];
  EXPECT_EQ(edgert_conv2d_i16_i32(&p, is, x, fs, w, nullptr, os, y),
            EDGERT_ERR_INVALID); // fused activation
  p.act.kind = EDGERT_ACT_NONE;
  EXPECT_EQ(edgert_conv2d_i16_i32(&p, is, x, fs, w, nullptr, os, y), EDGERT_OK);
  os[1] = 3;
  EXPECT_EQ(edgert_conv2d_i16_i32(&p, is, x, fs, w, nullptr, os, y),
            EDGERT_ERR_INVALID); // wrong output size
}

} // namespace
