// Data movement against index-mapping references.
#include "TestUtil.h"

using namespace edgert_test;

namespace {
std::vector<float> iota(int64_t n) {
  std::vector<float> v(n);
  for (int64_t i = 0; i < n; ++i) v[i] = static_cast<float>(i);
  return v;
}
int64_t flat(const std::vector<int32_t> &idx, const std::vector<int32_t> &s) {
  int64_t o = 0;
  for (size_t d = 0; d < s.size(); ++d) o = o * s[d] + idx[d];
  return o;
}
} // namespace

TEST(RuntimeData, TransposeRank6AndSmall) {
  std::vector<int32_t> s = {2, 3, 1, 2, 3, 2}, perm = {5, 0, 3, 1, 4, 2};
  auto x = iota(numel(s));
  std::vector<int32_t> os(6);
  for (int d = 0; d < 6; ++d) os[d] = s[perm[d]];
  std::vector<float> y(x.size());
  ASSERT_EQ(edgert_transpose(4, s.data(), 6, perm.data(), x.data(), y.data()), EDGERT_OK);
  for (int64_t o = 0; o < numel(os); ++o) {
    auto oi = unflatten(o, os);
    std::vector<int32_t> ii(6);
    for (int d = 0; d < 6; ++d) ii[perm[d]] = oi[d];
    EXPECT_EQ(y[o], x[flat(ii, s)]);
  }
  int8_t a[6] = {1, 2, 3, 4, 5, 6}, b[6];
  int32_t s2[2] = {2, 3}, p2[2] = {1, 0};
  ASSERT_EQ(edgert_transpose(1, s2, 2, p2, a, b), EDGERT_OK);
  EXPECT_EQ(std::vector<int>(b, b + 6), (std::vector<int>{1, 4, 2, 5, 3, 6}));
}

TEST(RuntimeData, ConcatSplitRoundTrip) {
  int32_t os[3] = {2, 6, 3}, sizes[3] = {1, 3, 2};
  std::vector<float> a = iota(6), b = iota(18), c = iota(12), y(36);
  for (auto &v : b) v += 100;
  for (auto &v : c) v += 200;
  const void *ins[3] = {a.data(), b.data(), c.data()};
  ASSERT_EQ(edgert_concat(4, os, 3, 1, 3, sizes, ins, y.data()), EDGERT_OK);
  for (int n = 0; n < 2; ++n)
    for (int j = 0; j < 6; ++j)
      for (int k = 0; k < 3; ++k) {
        float w = j < 1 ? a[(n * 1 + j) * 3 + k] : j < 4 ? b[(n * 3 + j - 1) * 3 + k] : c[(n * 2 + j - 4) * 3 + k];
        EXPECT_EQ(y[(n * 6 + j) * 3 + k], w);
      }
  std::vector<float> a2(6), b2(18), c2(12);
  void *outs[3] = {a2.data(), b2.data(), c2.data()};
  ASSERT_EQ(edgert_split(4, os, 3, 1, 3, sizes, y.data(), outs), EDGERT_OK);
  EXPECT_EQ(a2, a);
  EXPECT_EQ(b2, b);
  EXPECT_EQ(c2, c);
}

TEST(RuntimeData, SliceWithNegativeSteps) {
  std::vector<int32_t> s = {4, 5, 6};
  auto x = iota(numel(s));
  struct Case { std::vector<int32_t> off, str, out; };
  const Case cases[] = {{{0, 0, 0}, {1, 1, 1}, {4, 5, 6}},
                        {{3, 1, 5}, {-1, 2, -2}, {4, 2, 3}},
                        {{1, 4, 0}, {2, -3, 5}, {2, 2, 2}},
                        {{2, 0, 0}, {1, 1, 1}, {0, 5, 6}}};
  for (const auto &c : cases) {
    std::vector<float> y(numel(c.out) + 1);
    ASSERT_EQ(edgert_slice(4, s.data(), 3, c.off.data(), c.str.data(), c.out.data(), x.data(), y.data()), EDGERT_OK);
    for (int64_t o = 0; o < numel(c.out); ++o) {
      auto oi = unflatten(o, c.out);
      std::vector<int32_t> ii(3);
      for (int d = 0; d < 3; ++d) ii[d] = c.off[d] + oi[d] * c.str[d];
      EXPECT_EQ(y[o], x[flat(ii, s)]);
    }
  }
  int32_t off[3] = {0, 0, 0}, str[3] = {1, 1, -1}, out[3] = {1, 1, 2};
  float y[2];
  EXPECT_EQ(edgert_slice(4, s.data(), 3, off, str, out, x.data(), y), EDGERT_ERR_INVALID);
}

TEST(RuntimeData, PadAllModes) {
  std::vector<int32_t> s = {3, 4}, before = {2, 1}, after = {1, 3};
  auto x = iota(12);
  std::vector<int32_t> os = {6, 8};
  float value = -7.0f;
  for (int mode = 0; mode < 4; ++mode) {
    std::vector<float> y(48);
    ASSERT_EQ(edgert_pad(4, (edgert_pad_mode)mode, s.data(), 2, before.data(), after.data(), &value, x.data(), y.data()), EDGERT_OK);
    for (int64_t o = 0; o < 48; ++o) {
      auto oi = unflatten(o, os);
      std::vector<int32_t> ii(2);
      bool fill = false;
      for (int d = 0; d < 2; ++d) {
        int i = oi[d] - before[d], n = s[d];
        if (i >= 0 && i < n) { ii[d] = i; continue; }
        if (mode == 0) fill = true;
        else if (mode == 1) ii[d] = i < 0 ? -i : 2 * (n - 1) - i;
        else if (mode == 2) ii[d] = i < 0 ? 0 : n - 1;
        else ii[d] = ((i % n) + n) % n;
      }
      EXPECT_EQ(y[o], fill ? value : x[flat(ii, s)]) << "mode " << mode << " at " << o;
    }
  }
}

TEST(RuntimeData, TileAndBroadcastTo) {
  int32_t s[3] = {2, 1, 3}, m[3] = {2, 3, 1};
  auto x = iota(6);
  std::vector<float> y(36);
  ASSERT_EQ(edgert_tile(4, s, 3, m, x.data(), y.data()), EDGERT_OK);
  std::vector<int32_t> os = {4, 3, 3};
  for (int64_t o = 0; o < 36; ++o) {
    auto i = unflatten(o, os);
    EXPECT_EQ(y[o], x[(i[0] % 2) * 3 + i[2]]);
  }
  int32_t bs[4] = {2, 2, 4, 3};
  std::vector<float> z(48);
  ASSERT_EQ(edgert_broadcast_to(4, s, 3, x.data(), bs, 4, z.data()), EDGERT_OK);
  for (int64_t o = 0; o < 48; ++o) {
    auto i = unflatten(o, {2, 2, 4, 3});
    EXPECT_EQ(z[o], x[i[1] * 3 + i[3]]);
  }
}

TEST(RuntimeData, GatherNegativeIndices) {
  int32_t s[3] = {2, 4, 3};
  auto x = iota(24);
  int64_t idx64[5] = {3, -1, 0, -4, 2};
  int32_t idx32[5] = {3, -1, 0, -4, 2};
  std::vector<float> y(30), y2(30);
  ASSERT_EQ(edgert_gather_i64(4, s, 3, 1, x.data(), 5, idx64, y.data()), EDGERT_OK);
  ASSERT_EQ(edgert_gather_i32(4, s, 3, 1, x.data(), 5, idx32, y2.data()), EDGERT_OK);
  for (int o = 0; o < 2; ++o)
    for (int j = 0; j < 5; ++j)
      for (int k = 0; k < 3; ++k) {
        int i = idx64[j] < 0 ? idx64[j] + 4 : (int)idx64[j];
        EXPECT_EQ(y[(o * 5 + j) * 3 + k], x[(o * 4 + i) * 3 + k]);
      }
  EXPECT_EQ(y, y2);
  int64_t bad = 4;
  EXPECT_EQ(edgert_gather_i64(4, s, 3, 1, x.data(), 1, &bad, y.data()), EDGERT_ERR_INVALID);
}

TEST(RuntimeData, DepthToSpaceModesAndInverse) {
  const int N = 2, H = 2, W = 3, C = 2, b = 2;
  int32_t s[4] = {N, H, W, C * b * b};
  auto x = iota(N * H * W * C * b * b);
  for (int mode = 0; mode < 2; ++mode) {
    std::vector<float> y(x.size());
    ASSERT_EQ(edgert_depth_to_space(4, (edgert_d2s_mode)mode, s, b, x.data(), y.data()), EDGERT_OK);
    for (int n = 0; n < N; ++n)
      for (int oh = 0; oh < H * b; ++oh)
        for (int ow = 0; ow < W * b; ++ow)
          for (int c = 0; c < C; ++c) {
            int by = oh % b, bx = ow % b;
            int ic = mode == 0 ? (by * b + bx) * C + c : c * b * b + by * b + bx;
            EXPECT_EQ(y[((n * H * b + oh) * W * b + ow) * C + c],
                      x[((n * H + oh / b) * W + ow / b) * C * b * b + ic]);
          }
    if (mode == 0) { // space_to_depth inverts DCR
      int32_t s2[4] = {N, H * b, W * b, C};
      std::vector<float> z(x.size());
      ASSERT_EQ(edgert_space_to_depth(4, s2, b, y.data(), z.data()), EDGERT_OK);
      EXPECT_EQ(z, x);
    }
  }
}

namespace {
double srcCoord(int mode, int x, int in, int out) {
  double scale = (double)out / in;
  switch (mode) {
  case 0: return x / scale;
  case 1: return out == 1 ? 0 : x * (in - 1.0) / (out - 1.0);
  case 2: return (x + 0.5) / scale - 0.5;
  default: return out > 1 ? (x + 0.5) / scale - 0.5 : 0;
  }
}
int nearestIdx(int mode, double x, int in) {
  double r;
  if (mode == 0) r = (x - std::floor(x) == 0.5) ? std::floor(x) : std::round(x);
  else if (mode == 1) r = (x - std::floor(x) == 0.5) ? std::ceil(x) : std::round(x);
  else if (mode == 2) r = std::floor(x);
  else r = std::ceil(x);
  return (int)std::min(std::max(r, 0.0), in - 1.0);
}
} // namespace

TEST(RuntimeData, ResizeNearestAllModes) {
  const std::pair<int, int> sizes[] = {{3, 7}, {5, 2}, {4, 8}, {3, 1}};
  for (auto sz : sizes) {
    const int in = sz.first, out = sz.second;
    int32_t is[4] = {1, in, in + 1, 2}, os[4] = {1, out, out + 1, 2};
    auto x = iota(in * (in + 1) * 2);
    for (int cm = 0; cm < 4; ++cm)
      for (int nm = 0; nm < 4; ++nm) {
        std::vector<float> y(out * (out + 1) * 2);
        ASSERT_EQ(edgert_resize_nearest(4, (edgert_coord_mode)cm, (edgert_nearest_mode)nm, is, x.data(), os, y.data()), EDGERT_OK);
        for (int oh = 0; oh < out; ++oh)
          for (int ow = 0; ow < out + 1; ++ow)
            for (int c = 0; c < 2; ++c) {
              int ih = nearestIdx(nm, srcCoord(cm, oh, in, out), in);
              int iw = nearestIdx(nm, srcCoord(cm, ow, in + 1, out + 1), in + 1);
              EXPECT_EQ(y[(oh * (out + 1) + ow) * 2 + c], x[(ih * (in + 1) + iw) * 2 + c]);
            }
      }
  }
}

TEST(RuntimeData, ResizeBilinear) {
  const std::pair<int, int> sizes[] = {{3, 7}, {5, 2}, {2, 1}};
  Rng r(20);
  for (auto sz : sizes) {
    const int in = sz.first, out = sz.second;
    int32_t is[4] = {2, in, in + 2, 3}, os[4] = {2, out, out + 1, 3};
    auto x = randomVec(r, 2 * in * (in + 2) * 3);
    for (int cm = 0; cm < 4; ++cm) {
      std::vector<float> y(2 * out * (out + 1) * 3), want(y.size());
      auto lin = [&](int mode, int o, int n, int on, int &i0, int &i1, double &t) {
        double v = std::min(std::max(srcCoord(mode, o, n, on), 0.0), n - 1.0);
        i0 = (int)std::floor(v); i1 = std::min(i0 + 1, n - 1); t = v - i0;
      };
      for (int n = 0; n < 2; ++n)
        for (int oh = 0; oh < out; ++oh)
          for (int ow = 0; ow < out + 1; ++ow)
            for (int c = 0; c < 3; ++c) {
              int h0, h1, w0, w1; double ty, tx;
              lin(cm, oh, in, out, h0, h1, ty);
              lin(cm, ow, in + 2, out + 1, w0, w1, tx);
              auto at = [&](int h, int w) { return (double)x[((n * in + h) * (in + 2) + w) * 3 + c]; };
              want[((n * out + oh) * (out + 1) + ow) * 3 + c] = (float)(
                  (1 - ty) * ((1 - tx) * at(h0, w0) + tx * at(h0, w1)) +
                  ty * ((1 - tx) * at(h1, w0) + tx * at(h1, w1)));
            }
      ASSERT_EQ(edgert_resize_bilinear_f32((edgert_coord_mode)cm, is, x.data(), os, y.data()), EDGERT_OK);
      expectNear(y, want);
    }
  }
}

namespace {
// ONNX's reference Resize, one axis at a time (onnx/backend/test/case/node/
// resize.py): source coordinate from the given scale and the real-valued
// output size in * scale; the n taps are the n positions of the
// edge-padded input closest to it (ties to the lower index); linear weights
// [1 - r, r], cubic the cubic convolution weights of A, where r in (0, 1]
// is the distance to the left neighbour.
double onnxCoord(int mode, int x, int in, double scale) {
  double outf = scale * in;
  switch (mode) {
  case 0: return x / scale;
  case 1: return outf == 1 ? 0 : x * (in - 1.0) / (outf - 1.0);
  case 2: return (x + 0.5) / scale - 0.5;
  default: return outf == 1 ? -0.5 : (x + 0.5) / scale - 0.5;
  }
}
std::vector<double> cubicCoeffs(double r, double a) {
  return {((a * (r + 1) - 5 * a) * (r + 1) + 8 * a) * (r + 1) - 4 * a,
          ((a + 2) * r - (a + 3)) * r * r + 1,
          ((a + 2) * (1 - r) - (a + 3)) * (1 - r) * (1 - r) + 1,
          ((a * ((1 - r) + 1) - 5 * a) * ((1 - r) + 1) + 8 * a) *
                  ((1 - r) + 1) - 4 * a};
}
// Weights over input positions [0, in) for source coordinate x.
std::vector<double> onnxWeights(bool cubic, double x, int in, double a,
                                bool exclude) {
  double xi = std::floor(x);
  double r = x == xi ? 1.0 : x - xi;
  std::vector<double> c =
      cubic ? cubicCoeffs(r, a) : std::vector<double>{1 - r, r};
  int n = (int)c.size(), pad = (n + 1) / 2, limit = in + 2 * pad;
  std::vector<int> order(limit);
  for (int i = 0; i < limit; ++i) order[i] = i;
  double xp = x + pad;
  std::stable_sort(order.begin(), order.end(), [&](int p, int q) {
    return std::fabs(xp - p) < std::fabs(xp - q);
  });
  std::vector<int> taps(order.begin(), order.begin() + n);
  std::sort(taps.begin(), taps.end());
  std::vector<double> w(in, 0.0);
  double sum = 0;
  for (int k = 0; k < n; ++k) {
    int idx = taps[k] - pad;
    if (exclude && (idx < 0 || idx >= in)) c[k] = 0;
    sum += c[k];
  }
  for (int k = 0; k < n; ++k) {
    int idx = std::min(std::max(taps[k] - pad, 0), in - 1);
    w[idx] += exclude ? c[k] / sum : c[k];
  }
  return w;
}
} // namespace

TEST(RuntimeData, ResizeGeneralAgainstOnnxReference) {
  struct Case { int in, out; double scale; }; // scale 0: out / in
  const Case cases[] = {{4, 8, 0}, {4, 3, 0.8}, {4, 2, 0.6}, {3, 7, 0},
                        {5, 2, 0}, {2, 1, 0.6}, {4, 1, 0}};
  Rng rng(7);
  for (const Case &cs : cases)
    for (int mode = 1; mode <= 2; ++mode)
      for (int cm = 0; cm < 4; ++cm)
        for (int variant = 0; variant < (mode == 2 ? 3 : 1); ++variant) {
          const double a = variant == 1 ? -0.5 : -0.75;
          const bool exclude = variant == 2;
          const int H = cs.in, W = cs.in + 1, OH = cs.out, OW = cs.out;
          const int C = 2;
          double sh = cs.scale ? cs.scale : (double)OH / H;
          double sw = cs.scale ? cs.scale : (double)OW / W;
          int32_t is[4] = {1, H, W, C}, os[4] = {1, OH, OW, C};
          auto x = randomVec(rng, H * W * C);
          std::vector<float> y(OH * OW * C), want(y.size());
          for (int oh = 0; oh < OH; ++oh) {
            auto wh = onnxWeights(mode == 2, onnxCoord(cm, oh, H, sh), H, a, exclude);
            for (int ow = 0; ow < OW; ++ow) {
              auto ww = onnxWeights(mode == 2, onnxCoord(cm, ow, W, sw), W, a, exclude);
              for (int c = 0; c < C; ++c) {
                double acc = 0;
                for (int h = 0; h < H; ++h)
                  for (int w = 0; w < W; ++w)
                    acc += wh[h] * ww[w] * x[(h * W + w) * C + c];
                want[(oh * OW + ow) * C + c] = (float)acc;
              }
            }
          }
          edgert_resize_params p;
          p.mode = (edgert_resize_mode)mode;
          p.coord = (edgert_coord_mode)cm;
          p.nearest = EDGERT_NEAREST_ROUND_PREFER_FLOOR;
          p.scale_h = cs.scale ? (float)cs.scale : 0.0f;
          p.scale_w = cs.scale ? (float)cs.scale : 0.0f;
          p.cubic_a = (float)a;
          p.exclude_outside = exclude;
          ASSERT_EQ(edgert_resize(4, &p, is, x.data(), os, y.data()), EDGERT_OK);
          SCOPED_TRACE("in " + std::to_string(cs.in) + " out " +
                       std::to_string(cs.out) + " mode " + std::to_string(mode) +
                       " coord " + std::to_string(cm) + " variant " +
                       std::to_string(variant));
          expectNear(y, want, 1e-4f);
        }
}

TEST(RuntimeData, ResizeGeneralNearestMatchesNearestKernel) {
  // Without explicit scales the general kernel's nearest mode is the
  // type-agnostic nearest kernel; with a scale it maps through the scale.
  int32_t is[4] = {1, 4, 5, 3}, os[4] = {1, 2, 3, 3};
  std::vector<int16_t> x(4 * 5 * 3);
  for (size_t i = 0; i < x.size(); ++i) x[i] = (int16_t)(i * 7 - 50);
  for (int cm = 0; cm < 4; ++cm)
    for (int nm = 0; nm < 4; ++nm) {
      edgert_resize_params p = {EDGERT_RESIZE_NEAREST, (edgert_coord_mode)cm,
                                (edgert_nearest_mode)nm, 0.0f, 0.0f, -0.75f, 0};
      std::vector<int16_t> y(2 * 3 * 3), z(y.size());
      ASSERT_EQ(edgert_resize(2, &p, is, x.data(), os, y.data()), EDGERT_OK);
      ASSERT_EQ(edgert_resize_nearest(2, (edgert_coord_mode)cm, (edgert_nearest_mode)nm, is, x.data(), os, z.data()), EDGERT_OK);
      EXPECT_EQ(y, z);
      p.scale_h = p.scale_w = 0.6f;
      ASSERT_EQ(edgert_resize(2, &p, is, x.data(), os, y.data()), EDGERT_OK);
      for (int oh = 0; oh < 2; ++oh)
        for (int ow = 0; ow < 3; ++ow) {
          int ih = nearestIdx(nm, onnxCoord(cm, oh, 4, 0.6f), 4);
          int iw = nearestIdx(nm, onnxCoord(cm, ow, 5, 0.6f), 5);
          for (int c = 0; c < 3; ++c)
            EXPECT_EQ(y[(oh * 3 + ow) * 3 + c], x[(ih * 5 + iw) * 3 + c]);
        }
    }
}

TEST(RuntimeData, ResizeGeneralRejectsBadArgs) {
  int32_t is[4] = {1, 2, 2, 1}, os[4] = {1, 4, 4, 1};
  float x[4] = {0, 1, 2, 3}, y[16];
  edgert_resize_params p = {EDGERT_RESIZE_BICUBIC, EDGERT_COORD_HALF_PIXEL,
                            EDGERT_NEAREST_FLOOR, 0.0f, 0.0f, -0.75f, 0};
  EXPECT_EQ(edgert_resize(2, &p, is, x, os, y), EDGERT_ERR_INVALID); // f32 only
  EXPECT_EQ(edgert_resize(4, nullptr, is, x, os, y), EDGERT_ERR_INVALID);
  p.mode = (edgert_resize_mode)7;
  EXPECT_EQ(edgert_resize(4, &p, is, x, os, y), EDGERT_ERR_INVALID);
}
