// reduce, arg, cumsum, softmax, normalization, topk, cast.
#include "TestUtil.h"

using namespace edgert_test;

TEST(RuntimeReduce, AllKindsOverAxisSets) {
  std::vector<int32_t> s = {2, 3, 4, 2};
  Rng r(30);
  auto x = randomVec(r, numel(s), 0.5f, 1.5f);
  const std::vector<std::vector<int32_t>> axesSets = {{}, {0}, {3}, {1, 2}, {0, 3}, {0, 1, 2, 3}};
  for (const auto &axes : axesSets)
    for (int k = 0; k <= 4; ++k) {
      std::vector<int32_t> os = s;
      for (int a : axes) os[a] = 1;
      std::vector<double> acc(numel(os), k == 2 ? -1e30 : k == 3 ? 1e30 : k == 4 ? 1 : 0);
      for (int64_t i = 0; i < numel(s); ++i) {
        auto idx = unflatten(i, s);
        for (int a : axes) idx[a] = 0;
        int64_t o = 0;
        for (size_t d = 0; d < s.size(); ++d) o = o * os[d] + idx[d];
        double v = x[i];
        acc[o] = k <= 1 ? acc[o] + v : k == 2 ? std::max(acc[o], v) : k == 3 ? std::min(acc[o], v) : acc[o] * v;
      }
      int64_t cnt = numel(s) / numel(os);
      std::vector<float> want(acc.size()), y(acc.size());
      for (size_t i = 0; i < acc.size(); ++i) want[i] = (float)(k == 1 ? acc[i] / cnt : acc[i]);
      ASSERT_EQ(edgert_reduce_f32((edgert_reduce_kind)k, s.data(), 4, x.data(), axes.data(), (int32_t)axes.size(), y.data()), EDGERT_OK);
      expectNear(y, want);
      // Integer versions on rounded data.
      std::vector<int32_t> xi(x.size());
      for (size_t i = 0; i < x.size(); ++i) xi[i] = (int32_t)(x[i] * 4) - 3;
      std::vector<int32_t> yi(acc.size());
      ASSERT_EQ(edgert_reduce_i32((edgert_reduce_kind)k, s.data(), 4, xi.data(), axes.data(), (int32_t)axes.size(), yi.data()), EDGERT_OK);
      for (size_t o = 0; o < yi.size(); ++o) {
        int64_t a = k == 2 ? INT64_MIN : k == 3 ? INT64_MAX : k == 4 ? 1 : 0;
        for (int64_t i = 0; i < numel(s); ++i) {
          auto idx = unflatten(i, s);
          for (int ax : axes) idx[ax] = 0;
          int64_t oo = 0;
          for (size_t d = 0; d < s.size(); ++d) oo = oo * os[d] + idx[d];
          if (oo != (int64_t)o) continue;
          a = k <= 1 ? a + xi[i] : k == 2 ? std::max(a, (int64_t)xi[i]) : k == 3 ? std::min(a, (int64_t)xi[i]) : (int64_t)(int32_t)(uint32_t)((uint64_t)a * (uint64_t)(int64_t)xi[i]);
        }
        if (k == 1) a /= cnt;
        EXPECT_EQ(yi[o], (int32_t)a) << "kind " << k << " out " << o;
      }
    }
  int32_t ax[2] = {1, 1};
  float d[48];
  EXPECT_EQ(edgert_reduce_f32(EDGERT_REDUCE_SUM, s.data(), 4, x.data(), ax, 2, d), EDGERT_ERR_INVALID);
}

TEST(RuntimeReduce, ArgMaxMinTiesAndIndexTypes) {
  int32_t s[3] = {2, 4, 3};
  float x[24] = {1, 5, 2, 3, 5, 2, 3, 1, 9, 0, 0, 9,
                 7, 7, 7, 7, 7, 7, -1, -2, -3, -1, -2, -3};
  for (int kind = 0; kind < 2; ++kind)
    for (int last = 0; last < 2; ++last) {
      int32_t y32[6];
      int64_t y64[6];
      ASSERT_EQ(edgert_arg_f32_i32((edgert_arg_kind)kind, s, 3, x, 1, last, y32), EDGERT_OK);
      ASSERT_EQ(edgert_arg_f32_i64((edgert_arg_kind)kind, s, 3, x, 1, last, y64), EDGERT_OK);
      for (int o = 0; o < 2; ++o)
        for (int i = 0; i < 3; ++i) {
          int best = 0;
          for (int j = 1; j < 4; ++j) {
            float v = x[(o * 4 + j) * 3 + i], b = x[(o * 4 + best) * 3 + i];
            if (kind == 0 ? v > b : v < b) best = j;
            else if (last && v == b) best = j;
          }
          EXPECT_EQ(y32[o * 3 + i], best);
          EXPECT_EQ(y64[o * 3 + i], best);
        }
    }
  int8_t xi[4] = {3, -1, 3, 0};
  int32_t s1[1] = {4};
  int64_t out;
  ASSERT_EQ(edgert_arg_i8_i64(EDGERT_ARG_MAX, s1, 1, xi, 0, true, &out), EDGERT_OK);
  EXPECT_EQ(out, 2);
  ASSERT_EQ(edgert_arg_i8_i64(EDGERT_ARG_MIN, s1, 1, xi, 0, false, &out), EDGERT_OK);
  EXPECT_EQ(out, 1);
}

// Naive CumSum: every output element sums its own range of the axis again
// (in double / int64), independent of the kernel's running sum.
template <typename T, typename Acc>
static std::vector<T> refCumSum(const std::vector<T> &x,
                                const std::vector<int32_t> &s, int axis,
                                bool exclusive, bool reverse,
                                T (*narrow)(Acc)) {
  std::vector<T> y(x.size());
  auto st = rowStrides(s);
  for (int64_t o = 0; o < numel(s); ++o) {
    auto idx = unflatten(o, s);
    int32_t j = idx[axis];
    Acc acc = 0;
    for (int32_t k = 0; k < s[axis]; ++k) {
      bool in = reverse ? (exclusive ? k > j : k >= j)
                        : (exclusive ? k < j : k <= j);
      if (in)
        acc += static_cast<Acc>(x[o + (int64_t)(k - j) * st[axis]]);
    }
    y[o] = narrow(acc);
  }
  return y;
}

TEST(RuntimeCumSum, AxesExclusiveReverseRanks1To4) {
  const std::vector<std::vector<int32_t>> shapes = {
      {7}, {3, 5}, {2, 3, 4}, {2, 3, 1, 4}, {2, 0, 3}};
  Rng r(41);
  for (const auto &s : shapes)
    for (int axis = 0; axis < (int)s.size(); ++axis)
      for (int exclusive = 0; exclusive < 2; ++exclusive)
        for (int reverse = 0; reverse < 2; ++reverse) {
          const int32_t rank = (int32_t)s.size();
          auto x = randomVec(r, numel(s));
          std::vector<float> y(x.size() + 1, 99.0f);
          ASSERT_EQ(edgert_cumsum_f32(s.data(), rank, axis, exclusive, reverse,
                                      x.data(), y.data()),
                    EDGERT_OK);
          EXPECT_EQ(y.back(), 99.0f) << "wrote past the end";
          y.pop_back();
          expectNear(y, refCumSum<float, double>(
                            x, s, axis, exclusive, reverse,
                            [](double a) { return (float)a; }));

          std::vector<int32_t> xi(x.size());
          std::vector<int64_t> xl(x.size());
          for (size_t i = 0; i < x.size(); ++i) {
            xi[i] = r.range(-1000, 1000);
            xl[i] = (int64_t)r.range(-1000, 1000) * 3000000000LL;
          }
          std::vector<int32_t> yi(xi.size());
          std::vector<int64_t> yl(xl.size());
          ASSERT_EQ(edgert_cumsum_i32(s.data(), rank, axis, exclusive, reverse,
                                      xi.data(), yi.data()),
                    EDGERT_OK);
          ASSERT_EQ(edgert_cumsum_i64(s.data(), rank, axis, exclusive, reverse,
                                      xl.data(), yl.data()),
                    EDGERT_OK);
          EXPECT_EQ(yi, (refCumSum<int32_t, int64_t>(
                            xi, s, axis, exclusive, reverse,
                            [](int64_t a) { return (int32_t)a; })))
              << "axis " << axis << " exclusive " << exclusive << " reverse "
              << reverse;
          EXPECT_EQ(yl, (refCumSum<int64_t, int64_t>(
                            xl, s, axis, exclusive, reverse,
                            [](int64_t a) { return a; })));
        }
}

TEST(RuntimeCumSum, IntegerSumsWrap) {
  int32_t s[1] = {4};
  int32_t xi[4] = {INT32_MAX, 1, INT32_MIN, -1};
  int32_t yi[4];
  ASSERT_EQ(edgert_cumsum_i32(s, 1, 0, false, false, xi, yi), EDGERT_OK);
  // INT32_MAX + 1 wraps to INT32_MIN; + INT32_MIN wraps to 0; then -1.
  EXPECT_EQ(yi[0], INT32_MAX);
  EXPECT_EQ(yi[1], INT32_MIN);
  EXPECT_EQ(yi[2], 0);
  EXPECT_EQ(yi[3], -1);
  ASSERT_EQ(edgert_cumsum_i32(s, 1, 0, true, true, xi, yi), EDGERT_OK);
  // Exclusive from the end: 0, -1, INT32_MIN - 1 = INT32_MAX, INT32_MAX + 1.
  EXPECT_EQ(yi[3], 0);
  EXPECT_EQ(yi[2], -1);
  EXPECT_EQ(yi[1], INT32_MAX);
  EXPECT_EQ(yi[0], INT32_MIN);
  int64_t xl[3] = {INT64_MAX, 2, INT64_MIN};
  int64_t yl[3];
  int32_t s3[1] = {3};
  ASSERT_EQ(edgert_cumsum_i64(s3, 1, 0, false, false, xl, yl), EDGERT_OK);
  EXPECT_EQ(yl[0], INT64_MAX);
  EXPECT_EQ(yl[1], INT64_MIN + 1);
  EXPECT_EQ(yl[2], 1);
}

TEST(RuntimeCumSum, RejectsBadAxisAndShape) {
  int32_t s[2] = {2, 3}, bad[2] = {2, -1};
  float x[6] = {0}, y[6];
  EXPECT_EQ(edgert_cumsum_f32(s, 2, 2, false, false, x, y), EDGERT_ERR_INVALID);
  EXPECT_EQ(edgert_cumsum_f32(s, 2, -1, false, false, x, y), EDGERT_ERR_INVALID);
  EXPECT_EQ(edgert_cumsum_f32(bad, 2, 0, false, false, x, y), EDGERT_ERR_INVALID);
  EXPECT_EQ(edgert_cumsum_f32(s, 0, 0, false, false, x, y), EDGERT_ERR_INVALID);
}

TEST(RuntimeSoftmax, StableAlongEveryAxis) {
  std::vector<int32_t> s = {2, 3, 4};
  Rng r(31);
  auto x = randomVec(r, 24, -5, 5);
  x[0] = 1000.0f; // must not overflow
  for (int axis = 0; axis < 3; ++axis)
    for (float beta : {1.0f, 0.5f})
      for (int lg = 0; lg < 2; ++lg) {
        std::vector<float> y(24), want(24);
        auto st = rowStrides(s);
        for (int64_t i = 0; i < 24; ++i) {
          auto idx = unflatten(i, s);
          double mx = -1e30, sum = 0;
          for (int j = 0; j < s[axis]; ++j) { idx[axis] = j; mx = std::max(mx, (double)beta * x[idx[0] * st[0] + idx[1] * st[1] + idx[2]]); }
          for (int j = 0; j < s[axis]; ++j) { idx[axis] = j; sum += std::exp(beta * x[idx[0] * st[0] + idx[1] * st[1] + idx[2]] - mx); }
          want[i] = (float)(lg ? beta * x[i] - mx - std::log(sum) : std::exp(beta * x[i] - mx) / sum);
        }
        ASSERT_EQ((lg ? edgert_log_softmax_f32 : edgert_softmax_f32)(s.data(), 3, axis, beta, x.data(), y.data()), EDGERT_OK);
        expectNear(y, want, 1e-4f);
      }
}

TEST(RuntimeNormalization, LayerInstanceLrn) {
  Rng r(32);
  std::vector<int32_t> s = {2, 3, 5, 4};
  auto x = randomVec(r, numel(s), -3, 3);
  for (int axis = 1; axis < 4; ++axis) {
    int64_t len = 1;
    for (int d = axis; d < 4; ++d) len *= s[d];
    auto sc = randomVec(r, len), bi = randomVec(r, len);
    std::vector<float> y(x.size()), want(x.size());
    for (int64_t o = 0; o < numel(s) / len; ++o) {
      double m = 0, v = 0;
      for (int64_t j = 0; j < len; ++j) m += x[o * len + j];
      m /= len;
      for (int64_t j = 0; j < len; ++j) v += (x[o * len + j] - m) * (x[o * len + j] - m);
      v /= len;
      for (int64_t j = 0; j < len; ++j) want[o * len + j] = (float)((x[o * len + j] - m) / std::sqrt(v + 1e-5) * sc[j] + bi[j]);
    }
    ASSERT_EQ(edgert_layer_norm_f32(s.data(), 4, axis, 1e-5f, x.data(), sc.data(), bi.data(), y.data()), EDGERT_OK);
    expectNear(y, want, 1e-4f);
  }
  auto sc = randomVec(r, 4), bi = randomVec(r, 4);
  std::vector<float> y(x.size()), want(x.size());
  for (int n = 0; n < 2; ++n)
    for (int c = 0; c < 4; ++c) {
      double m = 0, v = 0;
      for (int p = 0; p < 15; ++p) m += x[(n * 15 + p) * 4 + c];
      m /= 15;
      for (int p = 0; p < 15; ++p) v += std::pow(x[(n * 15 + p) * 4 + c] - m, 2);
      v /= 15;
      for (int p = 0; p < 15; ++p) want[(n * 15 + p) * 4 + c] = (float)((x[(n * 15 + p) * 4 + c] - m) / std::sqrt(v + 1e-3) * sc[c] + bi[c]);
    }
  ASSERT_EQ(edgert_instance_norm_f32(s.data(), 4, 1e-3f, x.data(), sc.data(), bi.data(), y.data()), EDGERT_OK);
  expectNear(y, want, 1e-4f);
  for (int size : {1, 2, 3, 5}) {
    const float alpha = 0.3f, beta = 0.75f, bias = 2.0f;
    for (int64_t i = 0; i < numel(s); ++i) {
      int c = (int)(i % 4);
      double sq = 0;
      for (int j = c - (size - 1) / 2; j <= c + size / 2; ++j)
        if (j >= 0 && j < 4) sq += x[i - c + j] * x[i - c + j];
      want[i] = (float)(x[i] / std::pow(bias + alpha / size * sq, beta));
    }
    ASSERT_EQ(edgert_lrn_f32(s.data(), 4, size, alpha, beta, bias, x.data(), y.data()), EDGERT_OK);
    expectNear(y, want, 1e-4f);
  }
}

TEST(RuntimeTopK, SortedStableAlongAxis) {
  Rng r(33);
  std::vector<int32_t> s = {3, 7, 2};
  std::vector<float> x(42);
  for (auto &v : x) v = (float)r.range(-3, 3); // many ties
  for (int axis = 0; axis < 3; ++axis)
    for (int largest = 0; largest < 2; ++largest)
      for (int k = 1; k <= s[axis]; k += 2) {
        std::vector<int32_t> os = s;
        os[axis] = k;
        std::vector<float> vals(numel(os));
        std::vector<int64_t> idx(numel(os));
        ASSERT_EQ(edgert_topk_f32_i64(s.data(), 3, axis, k, largest, x.data(), vals.data(), idx.data()), EDGERT_OK);
        auto st = rowStrides(s);
        for (int64_t o = 0; o < numel(os); ++o) {
          auto oi = unflatten(o, os);
          if (oi[axis] != 0) continue;
          std::vector<std::pair<float, int>> lane;
          for (int j = 0; j < s[axis]; ++j) {
            auto ii = oi; ii[axis] = j;
            lane.push_back({x[ii[0] * st[0] + ii[1] * st[1] + ii[2]], j});
          }
          std::stable_sort(lane.begin(), lane.end(), [&](auto &a, auto &b) { return largest ? a.first > b.first : a.first < b.first; });
          auto ost = rowStrides(os);
          for (int j = 0; j < k; ++j) {
            int64_t p = o + j * ost[axis];
            EXPECT_EQ(vals[p], lane[j].first);
            EXPECT_EQ(idx[p], lane[j].second);
          }
        }
      }
  int32_t s1[1] = {4}, xi[4] = {5, 9, 9, 1}, v[2], ix[2];
  ASSERT_EQ(edgert_topk_i32_i32(s1, 1, 0, 2, true, xi, v, ix), EDGERT_OK);
  EXPECT_EQ(ix[0], 1);
  EXPECT_EQ(ix[1], 2);
}

TEST(RuntimeCast, OnnxSemantics) {
  float f[9] = {1.9f, -1.9f, 300.0f, -300.0f, NAN, 0.0f, 3e9f, -3e9f, 1e20f};
  int8_t i8[9];
  ASSERT_EQ(edgert_cast(EDGERT_DTYPE_F32, EDGERT_DTYPE_I8, 9, f, i8), EDGERT_OK);
  EXPECT_EQ(std::vector<int>(i8, i8 + 9), (std::vector<int>{1, -1, 127, -128, 0, 0, 127, -128, 127}));
  int32_t i32[9];
  ASSERT_EQ(edgert_cast(EDGERT_DTYPE_F32, EDGERT_DTYPE_I32, 9, f, i32), EDGERT_OK);
  EXPECT_EQ(i32[6], INT32_MAX);
  EXPECT_EQ(i32[7], INT32_MIN);
  EXPECT_EQ(i32[2], 300);
  int64_t i64[9];
  ASSERT_EQ(edgert_cast(EDGERT_DTYPE_F32, EDGERT_DTYPE_I64, 9, f, i64), EDGERT_OK);
  EXPECT_EQ(i64[8], INT64_MAX);
  EXPECT_EQ(i64[6], 3000000000LL);
  uint8_t u8[9];
  ASSERT_EQ(edgert_cast(EDGERT_DTYPE_F32, EDGERT_DTYPE_U8, 9, f, u8), EDGERT_OK);
  EXPECT_EQ(u8[1], 0);
  EXPECT_EQ(u8[2], 255);
  bool b[9];
  ASSERT_EQ(edgert_cast(EDGERT_DTYPE_F32, EDGERT_DTYPE_BOOL, 9, f, b), EDGERT_OK);
  EXPECT_TRUE(b[4]);
  EXPECT_FALSE(b[5]);
  // Integer narrowing wraps.
  int32_t w[4] = {300, -129, 65535, INT32_MIN};
  int8_t w8[4];
  ASSERT_EQ(edgert_cast(EDGERT_DTYPE_I32, EDGERT_DTYPE_I8, 4, w, w8), EDGERT_OK);
  EXPECT_EQ(std::vector<int>(w8, w8 + 4), (std::vector<int>{44, 127, -1, 0}));
  int16_t w16[4];
  ASSERT_EQ(edgert_cast(EDGERT_DTYPE_I32, EDGERT_DTYPE_I16, 4, w, w16), EDGERT_OK);
  EXPECT_EQ(w16[2], -1);
  int64_t big[2] = {INT64_MAX, -5};
  int32_t b32[2];
  float bf[2];
  ASSERT_EQ(edgert_cast(EDGERT_DTYPE_I64, EDGERT_DTYPE_I32, 2, big, b32), EDGERT_OK);
  EXPECT_EQ(b32[0], -1);
  EXPECT_EQ(b32[1], -5);
  ASSERT_EQ(edgert_cast(EDGERT_DTYPE_I64, EDGERT_DTYPE_F32, 2, big, bf), EDGERT_OK);
  EXPECT_EQ(bf[1], -5.0f);
  bool bb[2] = {true, false};
  ASSERT_EQ(edgert_cast(EDGERT_DTYPE_BOOL, EDGERT_DTYPE_F32, 2, bb, bf), EDGERT_OK);
  EXPECT_EQ(bf[0], 1.0f);
  EXPECT_EQ(bf[1], 0.0f);
  EXPECT_EQ(edgert_cast((edgert_dtype)42, EDGERT_DTYPE_F32, 1, bb, bf), EDGERT_ERR_INVALID);
}
