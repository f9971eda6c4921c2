//===- ObserversTest.cpp - calibration range observers ---------------------===//
//
// Known distributions through edgec::TensorObserver: uniform, gaussian with
// outliers (percentile, entropy and mse clip them, minmax keeps them), all
// zero, constant, non-negative, a ReLU activation (exact zeros + a long
// tail) under entropy, one sample; histogram re-binning as the range grows,
// bounded memory, method name parsing.
//
//===----------------------------------------------------------------------===//
#include "edgec/Quant/Observers.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace edgec;

namespace {

ObserverOptions opts(CalibrationMethod method, unsigned bits = 8) {
  ObserverOptions o;
  o.method = method;
  o.bits = bits;
  return o;
}

const CalibrationMethod kAll[] = {
    CalibrationMethod::MinMax, CalibrationMethod::Percentile,
    CalibrationMethod::Entropy, CalibrationMethod::MSE};

/// `samples` samples of `n` values each from `gen`, observed by `method`.
template <typename Gen>
FloatRange observe(CalibrationMethod method, int samples, int n, Gen gen,
                   unsigned bits = 8) {
  TensorObserver obs(opts(method, bits));
  std::vector<float> v(n);
  for (int s = 0; s < samples; ++s) {
    for (float &x : v)
      x = gen();
    obs.observe(v);
  }
  return obs.computeRange();
}

/// Gaussian N(0, 1) values with one outlier at +100 and one at -100 in
/// the first sample.
struct GaussianWithOutliers {
  std::mt19937 rng{42};
  std::normal_distribution<float> normal{0.0f, 1.0f};
  int produced = 0;
  float operator()() {
    ++produced;
    if (produced == 1000)
      return 100.0f;
    if (produced == 2000)
      return -100.0f;
    return normal(rng);
  }
};

TEST(ObserversTest, MinMaxKeepsOutliers) {
  FloatRange r = observe(CalibrationMethod::MinMax, 10, 50000,
                         GaussianWithOutliers());
  EXPECT_EQ(r.min, -100.0);
  EXPECT_EQ(r.max, 100.0);
}

TEST(ObserversTest, PercentileClipsOutliers) {
  FloatRange r = observe(CalibrationMethod::Percentile, 10, 50000,
                         GaussianWithOutliers());
  // The 99.99th percentile of N(0, 1) is 3.72.
  EXPECT_NEAR(r.max, 3.72, 0.25);
  EXPECT_NEAR(r.min, -3.72, 0.25);
}

TEST(ObserversTest, EntropyClipsOutliers) {
  FloatRange r = observe(CalibrationMethod::Entropy, 10, 50000,
                         GaussianWithOutliers());
  // The threshold lands within a few sigma, far from the outliers, and
  // symmetric for symmetric data.
  EXPECT_GT(r.max, 2.5);
  EXPECT_LT(r.max, 15.0);
  EXPECT_EQ(r.min, -r.max);
}

TEST(ObserversTest, MseClipsOutliers) {
  // The optimum balances the rounding noise of 500000 values against the
  // clipping error of the two outliers: 2 (100 - T)^2 vs.
  // 500000 (2T / 255)^2 / 12 is smallest near T = 44.
  FloatRange r = observe(CalibrationMethod::MSE, 10, 50000,
                         GaussianWithOutliers());
  EXPECT_NEAR(r.max, 44.0, 2.0);
  EXPECT_NEAR(r.min, -44.0, 2.0);
  // Twenty times the data: clipping harder pays.
  r = observe(CalibrationMethod::MSE, 50, 200000, GaussianWithOutliers());
  EXPECT_GT(r.max, 3.0);
  EXPECT_LT(r.max, 12.0);
}

TEST(ObserversTest, MseKeepsTheRangeAt16Bits) {
  // At 16 bits rounding noise is tiny: clipping the outliers costs more.
  FloatRange r = observe(CalibrationMethod::MSE, 10, 50000,
                         GaussianWithOutliers(), 16);
  EXPECT_GT(r.max, 95.0);
  EXPECT_LT(r.min, -95.0);
}

TEST(ObserversTest, UniformKeepsNearlyTheFullRange) {
  for (CalibrationMethod m : kAll) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> u(-2.0f, 6.0f);
    FloatRange r = observe(m, 20, 10000, [&] { return u(rng); });
    SCOPED_TRACE(getCalibrationMethodName(m));
    EXPECT_LE(r.max, 6.0);
    EXPECT_GE(r.min, -2.0);
    // Entropy works on |x| and may clip the long side a little.
    EXPECT_GT(r.max, m == CalibrationMethod::Entropy ? 4.5 : 5.9);
    EXPECT_LT(r.min, -1.9);
  }
}

TEST(ObserversTest, NonNegativeTensorStartsAtZero) {
  for (CalibrationMethod m : kAll) {
    std::mt19937 rng(3);
    std::exponential_distribution<float> e(1.0f);
    FloatRange r = observe(m, 5, 20000, [&] { return e(rng); });
    SCOPED_TRACE(getCalibrationMethodName(m));
    EXPECT_EQ(r.min, 0.0);
    EXPECT_GT(r.max, 3.0);
  }
}

TEST(ObserversTest, AllZeroTensor) {
  for (CalibrationMethod m : kAll) {
    FloatRange r = observe(m, 3, 100, [] { return 0.0f; });
    SCOPED_TRACE(getCalibrationMethodName(m));
    EXPECT_EQ(r.min, 0.0);
    EXPECT_EQ(r.max, 0.0);
  }
}

TEST(ObserversTest, ConstantTensorRangeIncludesZero) {
  for (CalibrationMethod m : kAll) {
    SCOPED_TRACE(getCalibrationMethodName(m));
    FloatRange r = observe(m, 4, 100, [] { return 2.5f; });
    EXPECT_EQ(r.min, 0.0);
    EXPECT_EQ(r.max, 2.5);
    r = observe(m, 4, 100, [] { return -1.5f; });
    EXPECT_EQ(r.min, -1.5);
    EXPECT_EQ(r.max, 0.0);
  }
}

TEST(ObserversTest, SingleSample) {
  for (CalibrationMethod m : kAll) {
    SCOPED_TRACE(getCalibrationMethodName(m));
    TensorObserver obs(opts(m));
    std::vector<float> v{-1.0f, 0.5f, 2.0f, 3.0f};
    obs.observe(v);
    FloatRange r = obs.computeRange();
    EXPECT_GE(r.min, -1.0);
    EXPECT_LE(r.max, 3.0);
    EXPECT_LE(r.min, 0.0);
    EXPECT_GT(r.max, 1.0);
    if (m == CalibrationMethod::MinMax) {
      EXPECT_EQ(r.min, -1.0);
      EXPECT_EQ(r.max, 3.0);
    }
  }
}

TEST(ObserversTest, NothingObservedAndNonFinite) {
  TensorObserver obs(opts(CalibrationMethod::Percentile));
  EXPECT_EQ(obs.computeRange().max, 0.0);
  std::vector<float> v{NAN, INFINITY, -INFINITY, 1.0f, 2.0f};
  obs.observe(v);
  EXPECT_EQ(obs.getCount(), 2);
  EXPECT_EQ(obs.getMax(), 2.0);
  EXPECT_EQ(obs.computeRange().min, 0.0);
}

TEST(ObserversTest, HistogramRebinsAsTheRangeGrows) {
  Histogram h(64);
  std::vector<float> first{1.0f, 1.0f, 1.0f}; // one value: only counted
  h.add(first);
  EXPECT_TRUE(h.isDegenerate());
  std::vector<float> second{1.0f, 2.0f};
  h.add(second);
  ASSERT_FALSE(h.isDegenerate());
  EXPECT_EQ(h.getLow(), 1.0);
  EXPECT_EQ(h.getTotal(), 5.0);
  double width = h.getBinWidth();
  // Grow to the left and right: width becomes an integer multiple, edges
  // stay old edges, no count is lost.
  std::vector<float> third{-10.0f, 30.0f, 1.5f};
  h.add(third);
  EXPECT_EQ(h.getTotal(), 8.0);
  EXPECT_LE(h.getLow(), -10.0);
  EXPECT_GE(h.getHigh(), 30.0);
  double k = h.getBinWidth() / width;
  EXPECT_NEAR(k, std::round(k), 1e-9);
  double shift = (1.0 - h.getLow()) / width;
  EXPECT_NEAR(shift, std::round(shift), 1e-6);
  EXPECT_EQ(h.getNumBins(), 64u);
  // The five values at 1 and 2 are still below the 1.5 one's bin or in it.
  double cum = 0;
  for (unsigned b = 0; b < h.getNumBins(); ++b) {
    double lo = h.getLow() + b * h.getBinWidth();
    if (lo + h.getBinWidth() <= -10.0 || lo > 30.0)
      EXPECT_EQ(h.getCounts()[b], 0.0);
    cum += h.getCounts()[b];
  }
  EXPECT_EQ(cum, 8.0);
}

TEST(ObserversTest, GrowingRangeStillFindsTheThresholds) {
  // Samples with a slowly widening spread: the histogram starts narrow and
  // re-bins many times; the result matches the final distribution.
  TensorObserver obs(opts(CalibrationMethod::Percentile));
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> v(10000);
  for (int s = 1; s <= 50; ++s) {
    for (float &x : v)
      x = u(rng) * s * 0.1f;
    obs.observe(v);
  }
  EXPECT_EQ(obs.getHistogram().getNumBins(), 2048u); // bounded memory
  FloatRange r = obs.computeRange();
  EXPECT_NEAR(r.max, 5.0, 0.05);
  EXPECT_NEAR(r.min, -5.0, 0.05);
}

TEST(ObserversTest, EntropyThresholdOnAKnownHistogram) {
  // |x| of a dense block near zero and sparse far values: the threshold
  // stays with the dense block.
  Histogram h(2048, /*absolute=*/true);
  std::vector<float> v;
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  for (int i = 0; i < 200000; ++i)
    v.push_back(u(rng));
  v.push_back(20.0f);
  h.add(v);
  double t = entropyThreshold(h, 128);
  EXPECT_GT(t, 0.9);
  EXPECT_LT(t, 2.0);
  // Fewer bins than levels: the whole range.
  EXPECT_NEAR(entropyThreshold(h, 4096), 20.0, 0.02);
}

TEST(ObserversTest, EntropyIgnoresTheZerosOfAReluActivation) {
  // A ReLU output: 60% exact zeros, the rest a long tail (exponential).
  // The zeros are a spike in bin 0 that the search used to fit at the
  // expense of everything else: any merge of bin 0 with its neighbours
  // looked costly, so T collapsed to the first bins where bin 0 is its own
  // group (about 2 x 256 of ~2000 bins: 40% of the max, below the 99.9th
  // percentile).
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  std::exponential_distribution<float> tail(1.0f);
  TensorObserver relu(opts(CalibrationMethod::Entropy));
  Histogram withZeros(2048, /*absolute=*/true), tailOnly(2048, true);
  std::vector<float> all, sample(10000), nonZero;
  for (int s = 0; s < 20; ++s) {
    nonZero.clear();
    for (float &x : sample) {
      x = u(rng) < 0.6f ? 0.0f : tail(rng);
      if (x != 0.0f)
        nonZero.push_back(x);
    }
    relu.observe(sample);
    withZeros.add(sample);
    tailOnly.add(nonZero);
    all.insert(all.end(), sample.begin(), sample.end());
  }
  std::sort(all.begin(), all.end());
  double p999 = all[all.size() * 999 / 1000], max = all.back();
  EXPECT_EQ(withZeros.getZeroCount(), all.size() - tailOnly.getTotal());
  EXPECT_EQ(tailOnly.getZeroCount(), 0.0);

  FloatRange r = relu.computeRange();
  EXPECT_EQ(r.min, 0.0);
  EXPECT_GT(r.max, p999);
  EXPECT_GT(r.max, 0.5 * max);
  EXPECT_LE(r.max, max);
  // Exact zeros quantize exactly whatever T: the same threshold as for the
  // non-zero values alone (both histograms have the same bins).
  ASSERT_EQ(withZeros.getBinWidth(), tailOnly.getBinWidth());
  EXPECT_EQ(entropyThreshold(withZeros, 256), entropyThreshold(tailOnly, 256));
  EXPECT_NEAR(r.max, std::min(entropyThreshold(tailOnly, 256), max), 1e-9);

  // Mostly zeros and fewer non-zero values than bins: too sparse for the
  // search, the observed range.
  TensorObserver sparse(opts(CalibrationMethod::Entropy));
  std::vector<float> v(5000, 0.0f);
  for (int i = 0; i < 500; ++i)
    v[i * 10] = tail(rng);
  sparse.observe(v);
  EXPECT_EQ(sparse.computeRange().max, sparse.getMax());
}

TEST(ObserversTest, HistogramQuantile) {
  Histogram h(100);
  std::vector<float> v;
  for (int i = 0; i <= 1000; ++i)
    v.push_back(static_cast<float>(i));
  h.add(v);
  EXPECT_NEAR(histogramQuantile(h, 0.5), 500.0, 10.0);
  EXPECT_NEAR(histogramQuantile(h, 0.0), 0.0, 1e-9);
  EXPECT_NEAR(histogramQuantile(h, 1.0), 1000.0, 1e-6);
}

TEST(ObserversTest, MethodNames) {
  CalibrationMethod m;
  std::string error;
  for (CalibrationMethod expected : kAll) {
    ASSERT_TRUE(
        parseCalibrationMethod(getCalibrationMethodName(expected), m, error));
    EXPECT_EQ(m, expected);
  }
  ASSERT_TRUE(parseCalibrationMethod("Entropy", m, error));
  EXPECT_EQ(m, CalibrationMethod::Entropy);
  EXPECT_FALSE(parseCalibrationMethod("avg", m, error));
  EXPECT_EQ(error, "unknown calibration method 'avg' (expected minmax, "
                   "percentile, entropy or mse)");
}

} // namespace
