// Quantized conv2d / depthwise / fully_connected / matmul (int8 and 16x8)
// against references written from TFLite's integer arithmetic, plus a check
// that the dequantized int8 result stays close to the float kernel.
#include "QuantRef.h"

using namespace edgert_test;

namespace {

struct QConvCase {
  int N, H, W, C, O, KH, KW, sh, sw, dh, dw, pt, pl, pb, pr, groups;
  int in_zp, out_zp;
  bool per_channel;
};

int outDim(int in, int p0, int p1, int k, int d, int s) {
  return (in + p0 + p1 - d * (k - 1) - 1) / s + 1;
}

const QConvCase kConvCases[] = {
    {1, 5, 5, 3, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, true},
    {2, 7, 6, 4, 6, 3, 2, 2, 1, 1, 2, 0, 1, 2, 0, 2, -128, 127, true},
    {1, 9, 8, 6, 6, 3, 3, 2, 3, 2, 1, 2, 0, 1, 3, 3, 127, -128, true},
    {1, 4, 5, 1, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, -7, 5, false},
    {1, 1, 11, 2, 3, 1, 5, 1, 2, 1, 1, 0, 2, 0, 2, 1, 13, -20, true},
    {3, 6, 7, 5, 7, 2, 3, 3, 2, 2, 2, 3, 1, 0, 2, 1, -60, 33, true},
};

// Generic quantized conv reference (groups; depthwise when `dw` with
// multiplier M = O / C). TI input, TB bias; acc in int64 exactly.
template <typename TI, typename TB>
std::vector<int32_t> refQConv(const QConvCase &c, bool dw,
                              const std::vector<TI> &x,
                              const std::vector<int8_t> &w,
                              const std::vector<TB> &b, const ChannelMults &cm,
                              int32_t lo, int32_t hi, bool wide, int OH,
                              int OW) {
  int CG = dw ? 1 : c.C / c.groups, OG = dw ? c.O / c.C : c.O / c.groups;
  std::vector<int32_t> y(static_cast<size_t>(c.N) * OH * OW * c.O);
  for (int n = 0; n < c.N; ++n)
    for (int oh = 0; oh < OH; ++oh)
      for (int ow = 0; ow < OW; ++ow)
        for (int o = 0; o < c.O; ++o) {
          int64_t acc = b.empty() ? 0 : static_cast<int64_t>(b[o]);
          int g = o / OG;
          for (int kh = 0; kh < c.KH; ++kh)
            for (int kw = 0; kw < c.KW; ++kw)
              for (int ci = 0; ci < CG; ++ci) {
                int ih = oh * c.sh - c.pt + kh * c.dh;
                int iw = ow * c.sw - c.pl + kw * c.dw;
                if (ih < 0 || ih >= c.H || iw < 0 || iw >= c.W)
                  continue;
                int64_t xv =
                    x[((n * c.H + ih) * c.W + iw) * c.C + g * CG + ci] - c.in_zp;
                int64_t wv = dw ? w[(kh * c.KW + kw) * c.O + o]
                                : w[((o * c.KH + kh) * c.KW + kw) * CG + ci];
                acc += xv * wv;
              }
          size_t ch = cm.m.size() > 1 ? o : 0;
          int32_t v;
          if (wide) {
            v = refMbqm64(acc, cm.m[ch], cm.s[ch]);
          } else {
            EXPECT_TRUE(acc >= INT32_MIN && acc <= INT32_MAX);
            v = refMbqm(static_cast<int32_t>(acc), cm.m[ch], cm.s[ch]);
          }
          y[((n * OH + oh) * OW + ow) * c.O + o] =
              clampI(static_cast<int64_t>(v) + c.out_zp, lo, hi);
        }
  return y;
}

template <typename T> std::vector<int32_t> widen(const std::vector<T> &v) {
  return std::vector<int32_t>(v.begin(), v.end());
}

// The tests would prove little if the outputs were mostly clamped.
// Outputs centred on a zero point at the storage edge saturate by design:
// only zero points away from the edges are checked.
template <typename T>
void expectMostlyUnsaturated(const std::vector<T> &y, int32_t lo, int32_t hi,
                             int32_t zp = 0) {
  if (zp < lo / 2 || zp > hi / 2)
    return;
  size_t inside = 0;
  for (T v : y)
    inside += v > lo && v < hi;
  EXPECT_GE(inside * 10, y.size() * 7) << inside << " of " << y.size();
}

struct Scales {
  float in, out;
  std::vector<float> w;
};

Scales randomScales(Rng &r, int O, bool per_channel, int fan_in) {
  Scales s;
  s.in = r.uniform(0.005f, 0.05f);
  float w0 = r.uniform(0.002f, 0.02f);
  for (int o = 0; o < (per_channel ? O : 1); ++o)
    s.w.push_back(per_channel ? w0 * r.uniform(0.5f, 2.0f) : w0);
  // Output scale matching the accumulator's spread (|x - zp| ~ 74, |w| ~ 73
  // for int8; int16 inputs and outputs both gain 256x), so most outputs land
  // inside the storage range and only the tails saturate.
  s.out = s.in * w0 * std::sqrt(static_cast<float>(fan_in)) * 250.0f *
          r.uniform(0.7f, 1.5f);
  return s;
}

// The clamp ranges exercised: full, relu-like, narrow.
std::vector<std::pair<int32_t, int32_t>> actRanges(int32_t lo, int32_t hi,
                                                   int32_t zp) {
  return {{lo, hi}, {std::max(lo, zp), hi}, {lo + 50, hi - 60}};
}

} // namespace

TEST(RuntimeQuantConv, Conv2dQ8BitExact) {
  Rng r(11);
  for (const auto &c : kConvCases) {
    int OH = outDim(c.H, c.pt, c.pb, c.KH, c.dh, c.sh);
    int OW = outDim(c.W, c.pl, c.pr, c.KW, c.dw, c.sw);
    int CG = c.C / c.groups;
    auto x = randomInts<int8_t>(r, c.N * c.H * c.W * c.C, -128, 127);
    auto w = randomInts<int8_t>(r, c.O * c.KH * c.KW * CG, -127, 127);
    auto b = randomInts<int32_t>(r, c.O, -20000, 20000);
    Scales s = randomScales(r, c.O, c.per_channel, c.KH * c.KW * CG);
    ChannelMults cm = channelMults(s.in, s.w, s.out);
    for (auto [lo, hi] : actRanges(-128, 127, c.out_zp)) {
      for (bool withBias : {true, false}) {
        edgert_conv2d_params p{c.sh, c.sw, c.dh, c.dw, c.pt, c.pl, c.pb, c.pr,
                               {EDGERT_ACT_NONE, 0, 0, 0}};
        edgert_qparams q{c.in_zp, 0, c.out_zp, lo, hi,
                         static_cast<int32_t>(cm.m.size()), cm.m.data(),
                         cm.s.data()};
        int32_t is[4] = {c.N, c.H, c.W, c.C};
        int32_t fs[4] = {c.O, c.KH, c.KW, CG};
        int32_t os[4] = {c.N, OH, OW, c.O};
        std::vector<int8_t> y(static_cast<size_t>(c.N) * OH * OW * c.O);
        ASSERT_EQ(edgert_conv2d_q8(&p, &q, is, x.data(), fs, w.data(),
                                   withBias ? b.data() : nullptr, os, y.data()),
                  EDGERT_OK);
        auto want = refQConv(c, false, x, w,
                             withBias ? b : std::vector<int32_t>(), cm, lo, hi,
                             false, OH, OW);
        EXPECT_EQ(widen(y), want);
        if (lo == -128 && hi == 127)
          expectMostlyUnsaturated(y, lo, hi, c.out_zp);
      }
    }
  }
}

TEST(RuntimeQuantConv, Conv2dQ8CloseToFloat) {
  Rng r(12);
  for (const auto &c : kConvCases) {
    int OH = outDim(c.H, c.pt, c.pb, c.KH, c.dh, c.sh);
    int OW = outDim(c.W, c.pl, c.pr, c.KW, c.dw, c.sw);
    int CG = c.C / c.groups;
    auto x = randomInts<int8_t>(r, c.N * c.H * c.W * c.C, -128, 127);
    auto w = randomInts<int8_t>(r, c.O * c.KH * c.KW * CG, -127, 127);
    auto b = randomInts<int32_t>(r, c.O, -20000, 20000);
    Scales s = randomScales(r, c.O, c.per_channel, c.KH * c.KW * CG);
    ChannelMults cm = channelMults(s.in, s.w, s.out);
    // Float model: dequantized tensors through the f32 kernel.
    std::vector<float> xf(x.size()), wf(w.size()), bf(b.size());
    for (size_t i = 0; i < x.size(); ++i)
      xf[i] = (x[i] - c.in_zp) * s.in;
    int per = c.KH * c.KW * CG;
    for (size_t i = 0; i < w.size(); ++i)
      wf[i] = w[i] * s.w[c.per_channel ? i / per : 0];
    for (int o = 0; o < c.O; ++o)
      bf[o] = b[o] * s.in * s.w[c.per_channel ? o : 0];
    edgert_conv2d_params p{c.sh, c.sw, c.dh, c.dw, c.pt, c.pl, c.pb, c.pr,
                           {EDGERT_ACT_NONE, 0, 0, 0}};
    edgert_qparams q{c.in_zp, 0, c.out_zp, -128, 127,
                     static_cast<int32_t>(cm.m.size()), cm.m.data(), cm.s.data()};
    int32_t is[4] = {c.N, c.H, c.W, c.C};
    int32_t fs[4] = {c.O, c.KH, c.KW, CG};
    int32_t os[4] = {c.N, OH, OW, c.O};
    size_t n = static_cast<size_t>(c.N) * OH * OW * c.O;
    std::vector<int8_t> y(n);
    std::vector<float> yf(n);
    ASSERT_EQ(edgert_conv2d_q8(&p, &q, is, x.data(), fs, w.data(), b.data(), os,
                               y.data()),
              EDGERT_OK);
    ASSERT_EQ(edgert_conv2d_f32(&p, is, xf.data(), fs, wf.data(), bf.data(), os,
                                yf.data()),
              EDGERT_OK);
    for (size_t i = 0; i < n; ++i) {
      float deq = (y[i] - c.out_zp) * s.out;
      float clamped = std::min(std::max(yf[i], (-128 - c.out_zp) * s.out),
                               (127 - c.out_zp) * s.out);
      EXPECT_NEAR(deq, clamped, 0.51f * s.out + 1e-3f * std::fabs(clamped))
          << "at " << i;
    }
  }
}

TEST(RuntimeQuantConv, Conv2dQ16BitExact) {
  Rng r(13);
  for (const auto &c : kConvCases) {
    int OH = outDim(c.H, c.pt, c.pb, c.KH, c.dh, c.sh);
    int OW = outDim(c.W, c.pl, c.pr, c.KW, c.dw, c.sw);
    int CG = c.C / c.groups;
    QConvCase c16 = c;
    c16.in_zp = 0; // 16x8: symmetric activations
    c16.out_zp = 0;
    auto x = randomInts<int16_t>(r, c.N * c.H * c.W * c.C, -32768, 32767);
    auto w = randomInts<int8_t>(r, c.O * c.KH * c.KW * CG, -127, 127);
    std::vector<int64_t> b(c.O);
    for (auto &v : b)
      v = r.range(-3000000, 3000000);
    Scales s = randomScales(r, c.O, c.per_channel, c.KH * c.KW * CG);
    ChannelMults cm = channelMults(s.in, s.w, s.out);
    for (auto [lo, hi] : actRanges(-32768, 32767, 0)) {
      edgert_conv2d_params p{c.sh, c.sw, c.dh, c.dw, c.pt, c.pl, c.pb, c.pr,
                             {EDGERT_ACT_NONE, 0, 0, 0}};
      edgert_qparams q{0, 0, 0, lo, hi, static_cast<int32_t>(cm.m.size()),
                       cm.m.data(), cm.s.data()};
      int32_t is[4] = {c.N, c.H, c.W, c.C};
      int32_t fs[4] = {c.O, c.KH, c.KW, CG};
      int32_t os[4] = {c.N, OH, OW, c.O};
      std::vector<int16_t> y(static_cast<size_t>(c.N) * OH * OW * c.O);
      ASSERT_EQ(edgert_conv2d_q16(&p, &q, is, x.data(), fs, w.data(), b.data(),
                                  os, y.data()),
                EDGERT_OK);
      EXPECT_EQ(widen(y), refQConv(c16, false, x, w, b, cm, lo, hi, true, OH, OW));
      if (lo == -32768)
        expectMostlyUnsaturated(y, lo, hi);
    }
  }
}

TEST(RuntimeQuantConv, DepthwiseQ8AndQ16BitExact) {
  Rng r(14);
  for (const auto &base : kConvCases) {
    for (int M : {1, 2, 3}) {
      QConvCase c = base;
      c.O = c.C * M;
      int OH = outDim(c.H, c.pt, c.pb, c.KH, c.dh, c.sh);
      int OW = outDim(c.W, c.pl, c.pr, c.KW, c.dw, c.sw);
      auto w = randomInts<int8_t>(r, c.KH * c.KW * c.O, -127, 127);
      Scales s = randomScales(r, c.O, c.per_channel, c.KH * c.KW);
      ChannelMults cm = channelMults(s.in, s.w, s.out);
      edgert_conv2d_params p{c.sh, c.sw, c.dh, c.dw, c.pt, c.pl, c.pb, c.pr,
                             {EDGERT_ACT_NONE, 0, 0, 0}};
      int32_t is[4] = {c.N, c.H, c.W, c.C};
      int32_t fs[4] = {1, c.KH, c.KW, c.O};
      int32_t os[4] = {c.N, OH, OW, c.O};
      size_t n = static_cast<size_t>(c.N) * OH * OW * c.O;
      {
        auto x = randomInts<int8_t>(r, c.N * c.H * c.W * c.C, -128, 127);
        auto b = randomInts<int32_t>(r, c.O, -3000, 3000);
        auto [lo, hi] = actRanges(-128, 127, c.out_zp)[M % 3];
        edgert_qparams q{c.in_zp, 0, c.out_zp, lo, hi,
                         static_cast<int32_t>(cm.m.size()), cm.m.data(),
                         cm.s.data()};
        std::vector<int8_t> y(n);
        ASSERT_EQ(edgert_depthwise_conv2d_q8(&p, &q, is, x.data(), fs, w.data(),
                                             b.data(), os, y.data()),
                  EDGERT_OK);
        EXPECT_EQ(widen(y), refQConv(c, true, x, w, b, cm, lo, hi, false, OH, OW));
        if (lo == -128 && hi == 127)
          expectMostlyUnsaturated(y, lo, hi, c.out_zp);
      }
      {
        QConvCase c16 = c;
        c16.in_zp = c16.out_zp = 0;
        auto x = randomInts<int16_t>(r, c.N * c.H * c.W * c.C, -32768, 32767);
        std::vector<int64_t> b(c.O);
        for (auto &v : b)
          v = r.range(-1000000, 1000000);
        edgert_qparams q{0, 0, 0, -32768, 32767,
                         static_cast<int32_t>(cm.m.size()), cm.m.data(),
                         cm.s.data()};
        std::vector<int16_t> y(n);
        ASSERT_EQ(edgert_depthwise_conv2d_q16(&p, &q, is, x.data(), fs,
                                              w.data(), b.data(), os, y.data()),
                  EDGERT_OK);
        EXPECT_EQ(widen(y),
                  refQConv(c16, true, x, w, b, cm, -32768, 32767, true, OH, OW));
        expectMostlyUnsaturated(y, -32768, 32767);
      }
    }
  }
}

TEST(RuntimeQuantConv, RejectsBadParams) {
  edgert_conv2d_params p{1, 1, 1, 1, 0, 0, 0, 0, {EDGERT_ACT_NONE, 0, 0, 0}};
  int32_t m[2] = {1 << 30, 1 << 30}, s[2] = {0, 0};
  int32_t is[4] = {1, 3, 3, 2}, fs[4] = {2, 1, 1, 2}, os[4] = {1, 3, 3, 2};
  int8_t x[18] = {}, w[4] = {}, y[18] = {};
  edgert_qparams q{0, 0, 0, -128, 127, 2, m, s};
  EXPECT_EQ(edgert_conv2d_q8(&p, &q, is, x, fs, w, nullptr, os, y), EDGERT_OK);
  q.n_channels = 3; // neither 1 nor O
  EXPECT_EQ(edgert_conv2d_q8(&p, &q, is, x, fs, w, nullptr, os, y),
            EDGERT_ERR_INVALID);
  q.n_channels = 1;
  q.act_min = 10;
  q.act_max = 5;
  EXPECT_EQ(edgert_conv2d_q8(&p, &q, is, x, fs, w, nullptr, os, y),
            EDGERT_ERR_INVALID);
  q.act_min = -200; // below int8
  q.act_max = 5;
  EXPECT_EQ(edgert_conv2d_q8(&p, &q, is, x, fs, w, nullptr, os, y),
            EDGERT_ERR_INVALID);
  q.act_min = -128;
  os[1] = 2;
  EXPECT_EQ(edgert_conv2d_q8(&p, &q, is, x, fs, w, nullptr, os, y),
            EDGERT_ERR_INVALID);
}

TEST(RuntimeQuantConv, FullyConnectedQ8AndQ16BitExact) {
  Rng r(15);
  const int shapes[][3] = {{1, 1, 1}, {3, 17, 5}, {2, 64, 10}, {5, 7, 13}};
  for (auto &sh : shapes) {
    int B = sh[0], K = sh[1], N = sh[2];
    for (bool pc : {true, false}) {
      Scales s = randomScales(r, N, pc, K);
      ChannelMults cm = channelMults(s.in, s.w, s.out);
      auto w = randomInts<int8_t>(r, N * K, -127, 127);
      int32_t in_zp = r.range(-128, 127), out_zp = r.range(-128, 127);
      {
        auto x = randomInts<int8_t>(r, B * K, -128, 127);
        auto b = randomInts<int32_t>(r, N, -30000, 30000);
        edgert_qparams q{in_zp, 0, out_zp, -128, 127,
                         static_cast<int32_t>(cm.m.size()), cm.m.data(),
                         cm.s.data()};
        std::vector<int8_t> y(B * N);
        ASSERT_EQ(edgert_fully_connected_q8(&q, B, K, N, x.data(), w.data(),
                                            b.data(), y.data()),
                  EDGERT_OK);
        if (B * N >= 10)
          expectMostlyUnsaturated(y, -128, 127, out_zp);
        for (int bi = 0; bi < B; ++bi)
          for (int n = 0; n < N; ++n) {
            int64_t acc = b[n];
            for (int k = 0; k < K; ++k)
              acc += static_cast<int64_t>(x[bi * K + k] - in_zp) * w[n * K + k];
            size_t ch = pc ? n : 0;
            int32_t want = clampI(
                static_cast<int64_t>(refMbqm(static_cast<int32_t>(acc),
                                             cm.m[ch], cm.s[ch])) + out_zp,
                -128, 127);
            EXPECT_EQ(y[bi * N + n], want) << bi << "," << n;
          }
      }
      {
        auto x = randomInts<int16_t>(r, B * K, -32768, 32767);
        std::vector<int64_t> b(N);
        for (auto &v : b)
          v = r.range(-2000000, 2000000);
        edgert_qparams q{0, 0, 0, -32768, 32767,
                         static_cast<int32_t>(cm.m.size()), cm.m.data(),
                         cm.s.data()};
        std::vector<int16_t> y(B * N);
        ASSERT_EQ(edgert_fully_connected_q16(&q, B, K, N, x.data(), w.data(),
                                             b.data(), y.data()),
                  EDGERT_OK);
        if (B * N >= 10)
          expectMostlyUnsaturated(y, -32768, 32767);
        for (int bi = 0; bi < B; ++bi)
          for (int n = 0; n < N; ++n) {
            int64_t acc = b[n];
            for (int k = 0; k < K; ++k)
              acc += static_cast<int64_t>(x[bi * K + k]) * w[n * K + k];
            size_t ch = pc ? n : 0;
            int32_t want =
                clampI(refMbqm64(acc, cm.m[ch], cm.s[ch]), -32768, 32767);
            EXPECT_EQ(y[bi * N + n], want) << bi << "," << n;
          }
      }
    }
  }
}

TEST(RuntimeQuantConv, MatmulQ8BitExactWithBroadcasting) {
  Rng r(16);
  struct Case {
    std::vector<int32_t> a, b, o;
  } cases[] = {
      {{3, 4}, {4, 5}, {3, 5}},
      {{2, 3, 4}, {4, 5}, {2, 3, 5}},
      {{2, 1, 3, 7}, {1, 3, 7, 2}, {2, 3, 3, 2}},
      {{1, 1}, {1, 9}, {1, 9}},
  };
  for (auto &c : cases) {
    int M = c.a[c.a.size() - 2], K = c.a.back(), N = c.b.back();
    for (bool pc : {false, true}) {
      auto a = randomInts<int8_t>(r, numel(c.a), -128, 127);
      auto b = randomInts<int8_t>(r, numel(c.b), -128, 127);
      // Moderate zero points on one pass (outputs mostly unsaturated), the
      // storage edges on the other.
      int32_t za = pc ? -128 : r.range(-40, 40), zb = pc ? 127 : r.range(-40, 40),
              zo = r.range(-60, 60);
      Scales s = randomScales(r, N, pc, K);
      ChannelMults cm = channelMults(s.in, s.w, s.out);
      edgert_qparams q{za, zb, zo, -128, 127, static_cast<int32_t>(cm.m.size()),
                       cm.m.data(), cm.s.data()};
      std::vector<int8_t> y(numel(c.o));
      ASSERT_EQ(edgert_matmul_q8(&q, c.a.data(), c.a.size(), a.data(),
                                 c.b.data(), c.b.size(), b.data(), c.o.data(),
                                 c.o.size(), y.data()),
                EDGERT_OK);
      // Reference: index each operand's batch by numpy broadcasting.
      int rank = c.o.size(), nb = numel(c.o) / (M * N), inside = 0, total = 0;
      std::vector<int32_t> ob(c.o.begin(), c.o.end() - 2);
      for (int bi = 0; bi < nb; ++bi) {
        auto idx = unflatten(bi, ob);
        auto off = [&](const std::vector<int32_t> &sh) {
          int r2 = sh.size() - 2, o = 0;
          for (int d = 0; d < r2; ++d) {
            int od = d + (rank - 2 - r2);
            o = o * sh[d] + (sh[d] == 1 ? 0 : idx[od]);
          }
          return o;
        };
        int oa = off(c.a), obb = off(c.b);
        for (int m = 0; m < M; ++m)
          for (int n = 0; n < N; ++n) {
            int64_t acc = 0;
            for (int k = 0; k < K; ++k)
              acc += static_cast<int64_t>(a[oa * M * K + m * K + k] - za) *
                     (b[obb * K * N + k * N + n] - zb);
            size_t ch = pc ? n : 0;
            int32_t want = clampI(
                static_cast<int64_t>(refMbqm(static_cast<int32_t>(acc),
                                             cm.m[ch], cm.s[ch])) + zo,
                -128, 127);
            EXPECT_EQ(y[bi * M * N + m * N + n], want);
            inside += want > -128 && want < 127;
            ++total;
          }
      }
      if (!pc)
        EXPECT_GE(inside * 10, total * 7) << inside << " of " << total;
    }
  }
}

TEST(RuntimeQuantConv, ExtremeMultipliersAndZeroPoints) {
  // 1x1 conv, one channel per multiplier edge: INT32_MAX at shift 0 and 7,
  // zero, the smallest right shift (-31), with input zero points at both
  // storage edges and outputs saturating either way.
  Rng r(21);
  const int32_t mult[5] = {INT32_MAX, INT32_MAX, 0, 1 << 30, 1518500250};
  const int32_t shift[5] = {0, 7, 0, -31, -3};
  ChannelMults cm;
  cm.m.assign(mult, mult + 5);
  cm.s.assign(shift, shift + 5);
  for (int32_t in_zp : {-128, 127})
    for (int32_t out_zp : {-128, 0, 127}) {
      QConvCase c{1, 3, 4, 3, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, in_zp, out_zp,
                  true};
      // x - in_zp stays within [-2, 2] or spans the whole range.
      auto x = in_zp == -128 ? randomInts<int8_t>(r, 36, -128, -126)
                             : randomInts<int8_t>(r, 36, -128, 127);
      auto w = randomInts<int8_t>(r, 15, -1, 1);
      auto b = randomInts<int32_t>(r, 5, -3, 3);
      if (in_zp == 127) // larger accumulators: keep x * 2^7 within int32
        cm.s[1] = 0;
      edgert_conv2d_params p{1, 1, 1, 1, 0, 0, 0, 0, {EDGERT_ACT_NONE, 0, 0, 0}};
      edgert_qparams q{in_zp, 0, out_zp, -128, 127, 5, cm.m.data(), cm.s.data()};
      int32_t is[4] = {1, 3, 4, 3}, fs[4] = {5, 1, 1, 3}, os[4] = {1, 3, 4, 5};
      std::vector<int8_t> y(60);
      ASSERT_EQ(edgert_conv2d_q8(&p, &q, is, x.data(), fs, w.data(), b.data(),
                                 os, y.data()),
                EDGERT_OK);
      EXPECT_EQ(widen(y), refQConv(c, false, x, w, b, cm, -128, 127, false, 3, 4));
      for (int i = 0; i < 12; ++i) {
        EXPECT_EQ(y[i * 5 + 2], out_zp); // multiplier 0
        EXPECT_EQ(y[i * 5 + 3], out_zp); // 2^-32: rounds to 0
      }
      cm.s[1] = 7;
    }
}
