// Binary ops with broadcasting, unary kinds, activation, prelu, compare,
// logical, select against per-element references.
#include "TestUtil.h"

using namespace edgert_test;

namespace {
struct BShapes { std::vector<int32_t> a, b, o; };
const BShapes kShapes[] = {
    {{2, 3, 4}, {2, 3, 4}, {2, 3, 4}}, {{3, 1, 5}, {4, 1}, {3, 4, 5}},
    {{}, {2, 3}, {2, 3}},              {{1, 2, 1, 3, 1, 2}, {2, 1, 3, 2, 1}, {1, 2, 2, 3, 2, 2}},
    {{4, 1}, {1, 5}, {4, 5}},          {{2, 0, 3}, {3}, {2, 0, 3}},
};
int64_t bIndex(const std::vector<int32_t> &s, const std::vector<int32_t> &oidx) {
  int64_t o = 0;
  size_t lead = oidx.size() - s.size();
  for (size_t d = 0; d < s.size(); ++d)
    o = o * s[d] + (s[d] == 1 ? 0 : oidx[lead + d]);
  return o;
}
float refBinary(int k, float x, float y) {
  switch (k) {
  case 0: return x + y;
  case 1: return x - y;
  case 2: return x * y;
  case 3: return x / y;
  case 4: return std::max(x, y);
  case 5: return std::min(x, y);
  case 6: return std::pow(x, y);
  default: { float r = std::fmod(x, y); if (r != 0 && ((r < 0) != (y < 0))) r += y; return r; }
  }
}
} // namespace

TEST(RuntimeElementwise, BinaryF32Broadcasting) {
  Rng r(10);
  for (const auto &s : kShapes)
    for (int k = 0; k <= 7; ++k)
      for (const auto &act : allActs()) {
        auto a = randomVec(r, numel(s.a), 0.5f, 3.0f);
        auto b = randomVec(r, numel(s.b), -2.0f, 2.0f);
        for (auto &v : b) if (std::fabs(v) < 0.1f) v = 0.5f;
        std::vector<float> y(numel(s.o)), want(y.size());
        for (int64_t o = 0; o < numel(s.o); ++o) {
          auto idx = unflatten(o, s.o);
          want[o] = refAct(act, refBinary(k, a[bIndex(s.a, idx)], b[bIndex(s.b, idx)]));
        }
        ASSERT_EQ(edgert_binary_f32((edgert_binary_kind)k, &act, s.a.data(),
                                    (int32_t)s.a.size(), a.data(), s.b.data(),
                                    (int32_t)s.b.size(), b.data(), s.o.data(),
                                    (int32_t)s.o.size(), y.data()),
                  EDGERT_OK);
        expectNear(y, want);
      }
}

TEST(RuntimeElementwise, BinaryRejectsIncompatibleShapes) {
  int32_t a[2] = {2, 3}, b[1] = {4}, o[2] = {2, 3};
  float d[8] = {};
  EXPECT_EQ(edgert_binary_f32(EDGERT_BINARY_ADD, nullptr, a, 2, d, b, 1, d, o, 2, d),
            EDGERT_ERR_INVALID);
}

TEST(RuntimeElementwise, BinaryIntSemantics) {
  int32_t s1[1] = {6};
  int32_t a[6] = {7, -7, 7, -7, INT32_MIN, 5}, b[6] = {2, 2, -2, -2, -1, 0}, y[6];
  ASSERT_EQ(edgert_binary_i32(EDGERT_BINARY_DIV, nullptr, s1, 1, a, s1, 1, b, s1, 1, y), EDGERT_OK);
  EXPECT_EQ(std::vector<int32_t>(y, y + 6), (std::vector<int32_t>{3, -3, -3, 3, INT32_MIN, 0}));
  ASSERT_EQ(edgert_binary_i32(EDGERT_BINARY_MOD, nullptr, s1, 1, a, s1, 1, b, s1, 1, y), EDGERT_OK);
  EXPECT_EQ(std::vector<int32_t>(y, y + 6), (std::vector<int32_t>{1, 1, -1, -1, 0, 0}));
  ASSERT_EQ(edgert_binary_i32(EDGERT_BINARY_ADD, nullptr, s1, 1, a, s1, 1, b, s1, 1, y), EDGERT_OK);
  EXPECT_EQ(y[4], INT32_MAX); // wraps
  int8_t c[4] = {100, -100, 3, -2}, d[4] = {100, 100, 4, 3}, z[4];
  int32_t s4[1] = {4};
  ASSERT_EQ(edgert_binary_i8(EDGERT_BINARY_MUL, nullptr, s4, 1, c, s4, 1, d, s4, 1, z), EDGERT_OK);
  EXPECT_EQ(z[0], (int8_t)16); // 10000 mod 256 = 16
  // The last two elements only (a shape of 4 here read past c and d: found
  // by the ASan build, docs/testing.md).
  int32_t s2[1] = {2};
  ASSERT_EQ(edgert_binary_i8(EDGERT_BINARY_POW, nullptr, s2, 1, c + 2, s2, 1, d + 2, s2, 1, z), EDGERT_OK);
  EXPECT_EQ(z[0], (int8_t)81); // 3^4
  EXPECT_EQ(z[1], (int8_t)-8); // (-2)^3
  edgert_act relu{EDGERT_ACT_RELU6, 0, 0, 0};
  int64_t e[3] = {-5, 3, 10}, f[1] = {1}, g[3];
  int32_t s3[1] = {3}, sf[1] = {1};
  ASSERT_EQ(edgert_binary_i64(EDGERT_BINARY_ADD, &relu, s3, 1, e, sf, 1, f, s3, 1, g), EDGERT_OK);
  EXPECT_EQ(std::vector<int64_t>(g, g + 3), (std::vector<int64_t>{0, 4, 6}));
  edgert_act sig{EDGERT_ACT_SIGMOID, 0, 0, 0};
  EXPECT_EQ(edgert_binary_i64(EDGERT_BINARY_ADD, &sig, s3, 1, e, sf, 1, f, s3, 1, g),
            EDGERT_ERR_UNSUPPORTED);
}

TEST(RuntimeElementwise, UnaryKinds) {
  std::vector<float> x = {-2.5f, -1.5f, -0.5f, 0.0f, 0.3f, 0.5f, 1.5f, 2.5f, 3.7f};
  for (int k = 0; k <= 17; ++k) {
    std::vector<float> y(x.size()), want(x.size());
    for (size_t i = 0; i < x.size(); ++i) {
      double v = x[i], w;
      switch (k) {
      case 0: w = std::fabs(v); break;
      case 1: w = -v; break;
      case 2: w = v > 0 ? 1 : (v < 0 ? -1 : 0); break;
      case 3: w = std::sqrt(v); break;
      case 4: w = 1 / std::sqrt(v); break;
      case 5: w = 1 / v; break;
      case 6: w = std::exp(v); break;
      case 7: w = std::log(v); break;
      case 8: w = std::floor(v); break;
      case 9: w = std::ceil(v); break;
      case 10: w = std::nearbyint(v); break; // default mode: half to even
      case 11: w = std::erf(v); break;
      case 12: w = std::sin(v); break;
      case 13: w = std::cos(v); break;
      case 14: w = std::log(1 + std::exp(v)); break;
      case 15: w = v / (1 + std::fabs(v)); break;
      case 16: w = 0.5 * v * (1 + std::erf(v / std::sqrt(2.0))); break;
      default: w = 0.5 * v * (1 + std::tanh(std::sqrt(2 / M_PI) * (v + 0.044715 * v * v * v)));
      }
      want[i] = static_cast<float>(w);
    }
    ASSERT_EQ(edgert_unary_f32((edgert_unary_kind)k, (int32_t)x.size(), x.data(), y.data()), EDGERT_OK);
    for (size_t i = 0; i < x.size(); ++i) {
      if (std::isnan(want[i])) EXPECT_TRUE(std::isnan(y[i])) << k;
      else if (std::isinf(want[i])) EXPECT_EQ(y[i], want[i]) << k;
      else EXPECT_NEAR(y[i], want[i], 1e-5 * (1 + std::fabs(want[i]))) << "kind " << k << " x " << x[i];
    }
  }
  float big = 100.0f, sp;
  ASSERT_EQ(edgert_unary_f32(EDGERT_UNARY_SOFTPLUS, 1, &big, &sp), EDGERT_OK);
  EXPECT_FLOAT_EQ(sp, 100.0f); // no overflow
  int8_t xi[3] = {-128, -3, 4}, yi[3];
  ASSERT_EQ(edgert_unary_i8(EDGERT_UNARY_ABS, 3, xi, yi), EDGERT_OK);
  EXPECT_EQ(std::vector<int>(yi, yi + 3), (std::vector<int>{-128, 3, 4}));
  ASSERT_EQ(edgert_unary_i8(EDGERT_UNARY_SIGN, 3, xi, yi), EDGERT_OK);
  EXPECT_EQ(std::vector<int>(yi, yi + 3), (std::vector<int>{-1, -1, 1}));
  EXPECT_EQ(edgert_unary_i8(EDGERT_UNARY_EXP, 3, xi, yi), EDGERT_ERR_UNSUPPORTED);
}

TEST(RuntimeElementwise, ActivationEveryKindInPlace) {
  Rng r(11);
  for (const auto &act : allActs()) {
    auto x = randomVec(r, 50, -8.0f, 8.0f);
    std::vector<float> want(x.size());
    for (size_t i = 0; i < x.size(); ++i) want[i] = refAct(act, x[i]);
    ASSERT_EQ(edgert_activation_f32(&act, (int32_t)x.size(), x.data(), x.data()), EDGERT_OK);
    expectNear(x, want, 1e-5f);
  }
  edgert_act sig{EDGERT_ACT_SIGMOID, 0, 0, 0};
  EXPECT_EQ(edgert_act_apply_f32(&sig, -200.0f), 0.0f);
  EXPECT_EQ(edgert_act_apply_f32(&sig, 200.0f), 1.0f);
}

TEST(RuntimeElementwise, PReluPerChannel) {
  Rng r(12);
  int32_t s[4] = {2, 3, 2, 4}, as[1] = {4};
  auto x = randomVec(r, 48), al = randomVec(r, 4);
  std::vector<float> y(48), want(48);
  for (int i = 0; i < 48; ++i) want[i] = x[i] < 0 ? al[i % 4] * x[i] : x[i];
  ASSERT_EQ(edgert_prelu_f32(s, 4, x.data(), as, 1, al.data(), y.data()), EDGERT_OK);
  expectNear(y, want);
}

TEST(RuntimeCompare, AllKindsAndTypesBroadcast) {
  Rng r(13);
  for (const auto &s : kShapes)
    for (int k = 0; k <= 5; ++k) {
      std::vector<int32_t> a(numel(s.a)), b(numel(s.b));
      for (auto &v : a) v = r.range(-2, 2);
      for (auto &v : b) v = r.range(-2, 2);
      std::vector<float> af(a.begin(), a.end()), bf(b.begin(), b.end());
      std::vector<int64_t> a64(a.begin(), a.end()), b64(b.begin(), b.end());
      size_t n = numel(s.o);
      std::unique_ptr<bool[]> y1(new bool[n + 1]), y2(new bool[n + 1]), y3(new bool[n + 1]);
      int ra = (int)s.a.size(), rb = (int)s.b.size(), ro = (int)s.o.size();
      auto kind = (edgert_compare_kind)k;
      ASSERT_EQ(edgert_compare_f32(kind, s.a.data(), ra, af.data(), s.b.data(), rb, bf.data(), s.o.data(), ro, y1.get()), EDGERT_OK);
      ASSERT_EQ(edgert_compare_i32(kind, s.a.data(), ra, a.data(), s.b.data(), rb, b.data(), s.o.data(), ro, y2.get()), EDGERT_OK);
      ASSERT_EQ(edgert_compare_i64(kind, s.a.data(), ra, a64.data(), s.b.data(), rb, b64.data(), s.o.data(), ro, y3.get()), EDGERT_OK);
      for (size_t o = 0; o < n; ++o) {
        auto idx = unflatten(o, s.o);
        int x = a[bIndex(s.a, idx)], z = b[bIndex(s.b, idx)];
        bool w = k == 0 ? x == z : k == 1 ? x != z : k == 2 ? x < z : k == 3 ? x <= z : k == 4 ? x > z : x >= z;
        EXPECT_EQ(y1[o], w);
        EXPECT_EQ(y2[o], w);
        EXPECT_EQ(y3[o], w);
      }
    }
  float nan = NAN, one = 1.0f;
  bool out;
  ASSERT_EQ(edgert_compare_f32(EDGERT_CMP_NE, nullptr, 0, &nan, nullptr, 0, &one, nullptr, 0, &out), EDGERT_OK);
  EXPECT_TRUE(out);
  ASSERT_EQ(edgert_compare_f32(EDGERT_CMP_EQ, nullptr, 0, &nan, nullptr, 0, &nan, nullptr, 0, &out), EDGERT_OK);
  EXPECT_FALSE(out);
}

TEST(RuntimeLogical, AndOrXorNotSelect) {
  int32_t sa[2] = {2, 3}, sb[1] = {3}, so[2] = {2, 3};
  bool a[6] = {true, false, true, false, true, false}, b[3] = {true, true, false}, y[6];
  for (int k = 0; k < 3; ++k) {
    ASSERT_EQ(edgert_logical((edgert_logical_kind)k, sa, 2, a, sb, 1, b, so, 2, y), EDGERT_OK);
    for (int i = 0; i < 6; ++i) {
      bool x = a[i], z = b[i % 3];
      EXPECT_EQ(y[i], k == 0 ? (x && z) : k == 1 ? (x || z) : (x != z));
    }
  }
  ASSERT_EQ(edgert_logical_not(6, a, y), EDGERT_OK);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(y[i], !a[i]);
  // select: cond [2,3], on_true scalar, on_false [3] (int64 elements).
  int64_t t = 42, f[3] = {1, 2, 3}, out[6];
  ASSERT_EQ(edgert_select(8, sa, 2, a, nullptr, 0, &t, sb, 1, f, so, 2, out), EDGERT_OK);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(out[i], a[i] ? 42 : f[i % 3]);
}
