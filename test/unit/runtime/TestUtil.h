// Shared helpers of the edgert unit tests: a deterministic RNG, tensor
// filling and tolerant float comparison.
#ifndef EDGERT_TEST_TESTUTIL_H
#define EDGERT_TEST_TESTUTIL_H

#include "edgert/edgert.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <cstdint>
#include <vector>

namespace edgert_test {

struct Rng {
  uint64_t s;
  explicit Rng(uint64_t seed) : s(seed * 2654435761u + 1) {}
  uint32_t next() {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(s >> 33);
  }
  float uniform(float lo, float hi) {
    return lo + (hi - lo) * static_cast<float>(next() % 100000) / 100000.0f;
  }
  int32_t range(int32_t lo, int32_t hi) { // inclusive
    return lo + static_cast<int32_t>(next() % static_cast<uint32_t>(hi - lo + 1));
  }
};

inline std::vector<float> randomVec(Rng &r, size_t n, float lo = -2.0f,
                                    float hi = 2.0f) {
  std::vector<float> v(n);
  for (auto &x : v)
    x = r.uniform(lo, hi);
  return v;
}

inline int64_t numel(const std::vector<int32_t> &s) {
  int64_t n = 1;
  for (int32_t d : s)
    n *= d;
  return n;
}

inline std::vector<int32_t> rowStrides(const std::vector<int32_t> &s) {
  std::vector<int32_t> st(s.size());
  int32_t k = 1;
  for (size_t i = s.size(); i-- > 0;) {
    st[i] = k;
    k *= s[i];
  }
  return st;
}

// Multi-index of flat offset `o` in shape `s`.
inline std::vector<int32_t> unflatten(int64_t o, const std::vector<int32_t> &s) {
  std::vector<int32_t> idx(s.size());
  for (size_t i = s.size(); i-- > 0;) {
    idx[i] = static_cast<int32_t>(o % s[i]);
    o /= s[i];
  }
  return idx;
}

inline float refAct(const edgert_act &a, float x) {
  switch (a.kind) {
  case EDGERT_ACT_NONE: return x;
  case EDGERT_ACT_RELU: return std::max(x, 0.0f);
  case EDGERT_ACT_RELU6: return std::min(std::max(x, 0.0f), 6.0f);
  case EDGERT_ACT_RELU_N1_TO_1: return std::min(std::max(x, -1.0f), 1.0f);
  case EDGERT_ACT_CLIP: return std::min(std::max(x, a.min), a.max);
  case EDGERT_ACT_LEAKY_RELU: return x < 0 ? a.alpha * x : x;
  case EDGERT_ACT_HARD_SWISH:
    return x * std::min(std::max(x + 3.0f, 0.0f), 6.0f) / 6.0f;
  case EDGERT_ACT_SIGMOID: return 1.0f / (1.0f + std::exp(-x));
  case EDGERT_ACT_TANH: return std::tanh(x);
  }
  return x;
}

inline std::vector<edgert_act> allActs() {
  std::vector<edgert_act> v;
  for (int k = 0; k <= 8; ++k)
    v.push_back(edgert_act{static_cast<edgert_act_kind>(k), -0.5f, 0.75f, 0.1f});
  return v;
}

inline void expectNear(const std::vector<float> &got,
                       const std::vector<float> &want, float tol = 1e-4f) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    if (std::isnan(want[i])) {
      EXPECT_TRUE(std::isnan(got[i])) << "at " << i;
      continue;
    }
    EXPECT_NEAR(got[i], want[i], tol * (1.0f + std::fabs(want[i]))) << "at " << i;
  }
}

} // namespace edgert_test
#endif
