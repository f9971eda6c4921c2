// conv2d / depthwise / transpose_conv2d / fully_connected / matmul / pooling
// against direct loops written from the definitions.
#include "TestUtil.h"

using namespace edgert_test;

namespace {

struct ConvCase {
  int N, H, W, C, O, KH, KW, sh, sw, dh, dw, pt, pl, pb, pr, groups;
};

int outDim(int in, int p0, int p1, int k, int d, int s) {
  return (in + p0 + p1 - d * (k - 1) - 1) / s + 1;
}

std::vector<float> refConv(const ConvCase &c, const std::vector<float> &x,
                           const std::vector<float> &w,
                           const std::vector<float> &b, const edgert_act &act,
                           int OH, int OW) {
  int CG = c.C / c.groups, OG = c.O / c.groups;
  std::vector<float> y(static_cast<size_t>(c.N) * OH * OW * c.O);
  for (int n = 0; n < c.N; ++n)
    for (int oh = 0; oh < OH; ++oh)
      for (int ow = 0; ow < OW; ++ow)
        for (int o = 0; o < c.O; ++o) {
          double acc = b.empty() ? 0.0 : b[o];
          int g = o / OG;
          for (int kh = 0; kh < c.KH; ++kh)
            for (int kw = 0; kw < c.KW; ++kw)
              for (int ci = 0; ci < CG; ++ci) {
                int ih = oh * c.sh - c.pt + kh * c.dh;
                int iw = ow * c.sw - c.pl + kw * c.dw;
                if (ih < 0 || ih >= c.H || iw < 0 || iw >= c.W)
                  continue;
                acc += x[((n * c.H + ih) * c.W + iw) * c.C + g * CG + ci] *
                       w[((o * c.KH + kh) * c.KW + kw) * CG + ci];
              }
          y[((n * OH + oh) * OW + ow) * c.O + o] =
              refAct(act, static_cast<float>(acc));
        }
  return y;
}

} // namespace

TEST(RuntimeConv, Conv2dAgainstReference) {
  const ConvCase cases[] = {
      {1, 5, 5, 3, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1},
      {2, 7, 6, 4, 6, 3, 2, 2, 1, 1, 2, 0, 1, 2, 0, 2},  // groups, asym pad
      {1, 9, 8, 6, 6, 3, 3, 2, 3, 2, 1, 2, 0, 1, 3, 3},  // dilation, strides
      {1, 4, 5, 1, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1},  // 1x1
      {1, 1, 11, 2, 3, 1, 5, 1, 2, 1, 1, 0, 2, 0, 2, 1}, // 1-D as H = 1
  };
  Rng r(1);
  int i = 0;
  for (const auto &c : cases) {
    for (const auto &act : allActs()) {
      int OH = outDim(c.H, c.pt, c.pb, c.KH, c.dh, c.sh);
      int OW = outDim(c.W, c.pl, c.pr, c.KW, c.dw, c.sw);
      auto x = randomVec(r, c.N * c.H * c.W * c.C);
      auto w = randomVec(r, c.O * c.KH * c.KW * (c.C / c.groups));
      auto b = (i++ % 2) ? randomVec(r, c.O) : std::vector<float>();
      edgert_conv2d_params p{c.sh, c.sw, c.dh, c.dw, c.pt, c.pl, c.pb, c.pr, act};
      int32_t is[4] = {c.N, c.H, c.W, c.C};
      int32_t fs[4] = {c.O, c.KH, c.KW, c.C / c.groups};
      int32_t os[4] = {c.N, OH, OW, c.O};
      std::vector<float> y(static_cast<size_t>(c.N) * OH * OW * c.O);
      ASSERT_EQ(edgert_conv2d_f32(&p, is, x.data(), fs, w.data(),
                                  b.empty() ? nullptr : b.data(), os, y.data()),
                EDGERT_OK);
      expectNear(y, refConv(c, x, w, b, act, OH, OW));
    }
  }
}

TEST(RuntimeConv, Conv2dRejectsBadShapes) {
  edgert_conv2d_params p{1, 1, 1, 1, 0, 0, 0, 0, {EDGERT_ACT_NONE, 0, 0, 0}};
  int32_t is[4] = {1, 4, 4, 3}, fs[4] = {2, 3, 3, 2}, os[4] = {1, 2, 2, 2};
  float x[64] = {}, w[64] = {}, y[64] = {};
  EXPECT_EQ(edgert_conv2d_f32(&p, is, x, fs, w, nullptr, os, y),
            EDGERT_ERR_INVALID); // 3 channels not divisible by 2
  fs[3] = 3;
  os[1] = 3;
  EXPECT_EQ(edgert_conv2d_f32(&p, is, x, fs, w, nullptr, os, y),
            EDGERT_ERR_INVALID); // wrong output height
}

TEST(RuntimeConv, DepthwiseAgainstReference) {
  struct Case { int N, H, W, C, M, KH, KW, sh, sw, dh, dw, pt, pl, pb, pr; };
  const Case cases[] = {
      {1, 6, 6, 3, 1, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1},
      {2, 7, 5, 2, 3, 3, 2, 2, 1, 1, 2, 0, 1, 2, 0},
      {1, 9, 9, 4, 2, 3, 3, 2, 2, 2, 2, 2, 1, 0, 2},
  };
  Rng r(2);
  for (const auto &c : cases)
    for (const auto &act : allActs()) {
      int OC = c.C * c.M;
      int OH = outDim(c.H, c.pt, c.pb, c.KH, c.dh, c.sh);
      int OW = outDim(c.W, c.pl, c.pr, c.KW, c.dw, c.sw);
      auto x = randomVec(r, c.N * c.H * c.W * c.C);
      auto w = randomVec(r, c.KH * c.KW * OC);
      auto b = randomVec(r, OC);
      std::vector<float> want(static_cast<size_t>(c.N) * OH * OW * OC);
      for (int n = 0; n < c.N; ++n)
        for (int oh = 0; oh < OH; ++oh)
          for (int ow = 0; ow < OW; ++ow)
            for (int ci = 0; ci < c.C; ++ci)
              for (int m = 0; m < c.M; ++m) {
                int oc = ci * c.M + m;
                double acc = b[oc];
                for (int kh = 0; kh < c.KH; ++kh)
                  for (int kw = 0; kw < c.KW; ++kw) {
                    int ih = oh * c.sh - c.pt + kh * c.dh;
                    int iw = ow * c.sw - c.pl + kw * c.dw;
                    if (ih < 0 || ih >= c.H || iw < 0 || iw >= c.W)
                      continue;
                    acc += x[((n * c.H + ih) * c.W + iw) * c.C + ci] *
                           w[(kh * c.KW + kw) * OC + oc];
                  }
                want[((n * OH + oh) * OW + ow) * OC + oc] =
                    refAct(act, static_cast<float>(acc));
              }
      edgert_conv2d_params p{c.sh, c.sw, c.dh, c.dw, c.pt, c.pl, c.pb, c.pr, act};
      int32_t is[4] = {c.N, c.H, c.W, c.C}, fs[4] = {1, c.KH, c.KW, OC},
              os[4] = {c.N, OH, OW, OC};
      std::vector<float> y(want.size());
      ASSERT_EQ(edgert_depthwise_conv2d_f32(&p, is, x.data(), fs, w.data(),
                                            b.data(), os, y.data()),
                EDGERT_OK);
      expectNear(y, want);
    }
}

TEST(RuntimeConv, TransposeConvAgainstScatterReference) {
  struct Case { int N, H, W, C, O, KH, KW, sh, sw, dh, dw, pt, pl, pb, pr, eh, ew; };
  const Case cases[] = {
      {1, 3, 3, 2, 3, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1},
      {2, 4, 3, 3, 2, 2, 3, 1, 2, 1, 1, 0, 0, 0, 1, 0, 1},
      {1, 3, 4, 1, 2, 3, 2, 3, 2, 2, 1, 2, 0, 1, 1, 2, 0},
  };
  Rng r(3);
  for (const auto &c : cases)
    for (const auto &act : allActs()) {
      int OH = (c.H - 1) * c.sh + c.dh * (c.KH - 1) + 1 - c.pt - c.pb + c.eh;
      int OW = (c.W - 1) * c.sw + c.dw * (c.KW - 1) + 1 - c.pl - c.pr + c.ew;
      auto x = randomVec(r, c.N * c.H * c.W * c.C);
      auto w = randomVec(r, c.O * c.KH * c.KW * c.C);
      auto b = randomVec(r, c.O);
      // Scatter form: every input pixel adds its contribution.
      std::vector<double> acc(static_cast<size_t>(c.N) * OH * OW * c.O, 0.0);
      for (int n = 0; n < c.N; ++n)
        for (int ih = 0; ih < c.H; ++ih)
          for (int iw = 0; iw < c.W; ++iw)
            for (int kh = 0; kh < c.KH; ++kh)
              for (int kw = 0; kw < c.KW; ++kw) {
                int oh = ih * c.sh + kh * c.dh - c.pt;
                int ow = iw * c.sw + kw * c.dw - c.pl;
                if (oh < 0 || oh >= OH || ow < 0 || ow >= OW)
                  continue;
                for (int o = 0; o < c.O; ++o)
                  for (int ci = 0; ci < c.C; ++ci)
                    acc[((n * OH + oh) * OW + ow) * c.O + o] +=
                        x[((n * c.H + ih) * c.W + iw) * c.C + ci] *
                        w[((o * c.KH + kh) * c.KW + kw) * c.C + ci];
              }
      std::vector<float> want(acc.size());
      for (size_t i = 0; i < acc.size(); ++i)
        want[i] = refAct(act, static_cast<float>(acc[i] + b[i % c.O]));
      edgert_conv2d_params p{c.sh, c.sw, c.dh, c.dw, c.pt, c.pl, c.pb, c.pr, act};
      int32_t is[4] = {c.N, c.H, c.W, c.C}, fs[4] = {c.O, c.KH, c.KW, c.C},
              os[4] = {c.N, OH, OW, c.O};
      std::vector<float> y(want.size());
      ASSERT_EQ(edgert_transpose_conv2d_f32(&p, is, x.data(), fs, w.data(),
                                            b.data(), os, y.data()),
                EDGERT_OK);
      expectNear(y, want);
    }
}

TEST(RuntimeFullyConnected, AgainstReference) {
  Rng r(4);
  for (const auto &act : allActs()) {
    const int B = 3, K = 7, N = 5;
    auto x = randomVec(r, B * K), w = randomVec(r, N * K), b = randomVec(r, N);
    std::vector<float> want(B * N), y(B * N);
    for (int i = 0; i < B; ++i)
      for (int n = 0; n < N; ++n) {
        double acc = b[n];
        for (int k = 0; k < K; ++k)
          acc += x[i * K + k] * w[n * K + k];
        want[i * N + n] = refAct(act, static_cast<float>(acc));
      }
    ASSERT_EQ(edgert_fully_connected_f32(&act, B, K, N, x.data(), w.data(),
                                         b.data(), y.data()),
              EDGERT_OK);
    expectNear(y, want);
  }
}

TEST(RuntimeMatMul, BroadcastsBatchDims) {
  struct Case { std::vector<int32_t> a, b, o; };
  const Case cases[] = {
      {{3, 4}, {4, 5}, {3, 5}},
      {{2, 1, 3, 4}, {3, 4, 2}, {2, 3, 3, 2}},
      {{1, 2, 3}, {4, 1, 3, 2}, {4, 1, 2, 2}},
      {{5, 2, 3}, {3, 1}, {5, 2, 1}},
  };
  Rng r(5);
  for (const auto &c : cases) {
    auto a = randomVec(r, numel(c.a)), b = randomVec(r, numel(c.b));
    std::vector<float> y(numel(c.o)), want(numel(c.o));
    int R = static_cast<int>(c.o.size());
    int M = c.o[R - 2], N = c.o[R - 1], K = c.a.back();
    int64_t batches = numel(c.o) / (M * N);
    std::vector<int32_t> ob(c.o.begin(), c.o.end() - 2);
    for (int64_t bi = 0; bi < batches; ++bi) {
      auto idx = unflatten(bi, ob);
      auto off = [&](const std::vector<int32_t> &s) {
        std::vector<int32_t> bs(s.begin(), s.end() - 2);
        int64_t o = 0;
        size_t lead = idx.size() - bs.size();
        for (size_t d = 0; d < bs.size(); ++d)
          o = o * bs[d] + (bs[d] == 1 ? 0 : idx[lead + d]);
        return o * s[s.size() - 2] * s.back();
      };
      int64_t ao = off(c.a), bo = off(c.b);
      for (int m = 0; m < M; ++m)
        for (int n = 0; n < N; ++n) {
          double acc = 0;
          for (int k = 0; k < K; ++k)
            acc += a[ao + m * K + k] * b[bo + k * N + n];
          want[bi * M * N + m * N + n] = static_cast<float>(acc);
        }
    }
    ASSERT_EQ(edgert_matmul_f32(nullptr, c.a.data(), (int32_t)c.a.size(),
                                a.data(), c.b.data(), (int32_t)c.b.size(),
                                b.data(), c.o.data(), R, y.data()),
              EDGERT_OK);
    expectNear(y, want);
    // Integer variant on the same shapes with small integers.
    std::vector<int8_t> ai(a.size()), bi8(b.size());
    for (size_t i = 0; i < a.size(); ++i) ai[i] = static_cast<int8_t>(a[i] * 50);
    for (size_t i = 0; i < b.size(); ++i) bi8[i] = static_cast<int8_t>(b[i] * 50);
    std::vector<float> af(ai.begin(), ai.end()), bf(bi8.begin(), bi8.end());
    std::vector<float> wantf(y.size());
    ASSERT_EQ(edgert_matmul_f32(nullptr, c.a.data(), (int32_t)c.a.size(),
                                af.data(), c.b.data(), (int32_t)c.b.size(),
                                bf.data(), c.o.data(), R, wantf.data()),
              EDGERT_OK);
    std::vector<int32_t> yi(y.size());
    ASSERT_EQ(edgert_matmul_i8_i32(c.a.data(), (int32_t)c.a.size(), ai.data(),
                                   c.b.data(), (int32_t)c.b.size(), bi8.data(),
                                   c.o.data(), R, yi.data()),
              EDGERT_OK);
    for (size_t i = 0; i < yi.size(); ++i)
      EXPECT_EQ(yi[i], static_cast<int32_t>(wantf[i]));
  }
}

TEST(RuntimeMatMul, Int32AccumulationWraps) {
  int32_t s[2] = {1, 2}, t[2] = {2, 1}, o[2] = {1, 1};
  int32_t a[2] = {INT32_MAX, 1}, b[2] = {1, 1}, y = 0;
  ASSERT_EQ(edgert_matmul_i32_i32(s, 2, a, t, 2, b, o, 2, &y), EDGERT_OK);
  EXPECT_EQ(y, INT32_MIN);
}

TEST(RuntimePooling, MaxAndAvgAgainstReference) {
  struct Case { int N, H, W, C, KH, KW, sh, sw, pt, pl, pb, pr; };
  const Case cases[] = {
      {1, 5, 5, 2, 2, 2, 2, 2, 0, 0, 1, 1}, // ceil_mode-like extra pads
      {2, 7, 6, 3, 3, 3, 2, 1, 1, 1, 1, 1},
      {1, 4, 9, 1, 3, 2, 1, 3, 2, 0, 0, 1},
  };
  Rng r(6);
  for (const auto &c : cases)
    for (int isMax = 0; isMax < 2; ++isMax)
      for (int cip = 0; cip < 2; ++cip)
        for (const auto &act : allActs()) {
          int OH = (c.H + c.pt + c.pb - c.KH) / c.sh + 1;
          int OW = (c.W + c.pl + c.pr - c.KW) / c.sw + 1;
          auto x = randomVec(r, c.N * c.H * c.W * c.C);
          std::vector<float> want(static_cast<size_t>(c.N) * OH * OW * c.C),
              y(want.size());
          for (int n = 0; n < c.N; ++n)
            for (int oh = 0; oh < OH; ++oh)
              for (int ow = 0; ow < OW; ++ow)
                for (int ch = 0; ch < c.C; ++ch) {
                  float mx = -INFINITY;
                  double sum = 0;
                  int cnt = 0;
                  for (int kh = 0; kh < c.KH; ++kh)
                    for (int kw = 0; kw < c.KW; ++kw) {
                      int ih = oh * c.sh - c.pt + kh, iw = ow * c.sw - c.pl + kw;
                      if (ih < 0 || ih >= c.H || iw < 0 || iw >= c.W)
                        continue;
                      float v = x[((n * c.H + ih) * c.W + iw) * c.C + ch];
                      mx = std::max(mx, v);
                      sum += v;
                      ++cnt;
                    }
                  float v = isMax ? mx
                                  : static_cast<float>(
                                        sum / (cip ? c.KH * c.KW : cnt));
                  want[((n * OH + oh) * OW + ow) * c.C + ch] = refAct(act, v);
                }
          edgert_pool2d_params p{c.KH, c.KW, c.sh, c.sw, c.pt, c.pl,
                                 c.pb, c.pr, cip != 0, act};
          int32_t is[4] = {c.N, c.H, c.W, c.C}, os[4] = {c.N, OH, OW, c.C};
          ASSERT_EQ(isMax ? edgert_max_pool2d_f32(&p, is, x.data(), os, y.data())
                          : edgert_avg_pool2d_f32(&p, is, x.data(), os, y.data()),
                    EDGERT_OK);
          expectNear(y, want);
        }
}
