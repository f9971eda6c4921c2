//===- Observers.h - range statistics for calibration ------------*- C++ -*-===//
//
// A TensorObserver accumulates the values one tensor takes over all
// calibration samples (min, max and, for the histogram methods, a histogram
// of bounded size that re-bins as the range grows) and chooses the float
// range [min, max] to quantize it to, by one of four methods:
//
//   minmax      the observed range;
//   percentile  the (100-p)th and pth percentiles (two-sided);
//   entropy     the KL-divergence threshold search over a histogram of |x|
//               (TensorRT's entropy calibration), clipped to the observed
//               range on each side;
//   mse         the range minimizing the expected squared error (rounding
//               noise inside, clipping outside) for the target bit width.
//
// Every range includes 0 (asymmetric int8/int16 needs an exact zero). See
// docs/quantization.md.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_QUANT_OBSERVERS_H
#define EDGEC_QUANT_OBSERVERS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace edgec {

enum class CalibrationMethod { MinMax, Percentile, Entropy, MSE };

/// "minmax", "percentile", "entropy", "mse".
const char *getCalibrationMethodName(CalibrationMethod method);
/// Parses a method name (case-insensitive); false with `error` listing the
/// valid names otherwise.
bool parseCalibrationMethod(llvm::StringRef name, CalibrationMethod &method,
                            std::string &error);

struct ObserverOptions {
  CalibrationMethod method = CalibrationMethod::MinMax;
  /// percentile: the upper percentile, in (50, 100]; the lower one is
  /// 100 - percentile.
  double percentile = 99.99;
  /// Target integer width: 8 or 16.
  unsigned bits = 8;
  /// Histogram bins (entropy, percentile, mse).
  unsigned numBins = 2048;
};

/// A float range to quantize to.
struct FloatRange {
  double min = 0.0;
  double max = 0.0;
};

/// A histogram of `numBins` equal bins over a range that grows as values
/// arrive: a wider range merges whole bins (the new width is an integer
/// multiple of the old one, the new edges are old edges), so no count is
/// ever split or guessed. Until values differ, they are only counted.
/// With `absolute`, it holds |x| over [0, max|x|].
class Histogram {
public:
  explicit Histogram(unsigned numBins = 2048, bool absolute = false);

  /// Adds the finite values of `values`.
  void add(llvm::ArrayRef<float> values);

  /// True until two distinct values have been seen (the bins are unset).
  bool isDegenerate() const { return width == 0.0; }
  double getLow() const { return low; }
  double getBinWidth() const { return width; }
  double getHigh() const { return low + width * counts.size(); }
  unsigned getNumBins() const { return static_cast<unsigned>(counts.size()); }
  llvm::ArrayRef<double> getCounts() const { return counts; }
  double getTotal() const;
  /// How many of the values counted were exactly 0 (also counted in the
  /// bin holding 0): quantization represents them exactly whatever the
  /// range, e.g. the zeros of a ReLU output.
  double getZeroCount() const { return zeroCount; }

private:
  void start(double lo, double hi);
  void grow(double lo, double hi);
  size_t binOf(double v) const;

  std::vector<double> counts;
  bool absolute;
  double low = 0.0, width = 0.0;
  /// Values counted before the bins exist (all equal to pendingValue).
  double pendingValue = 0.0, pendingCount = 0.0;
  double zeroCount = 0.0;
};

/// The thresholds of the histogram methods, exposed for tests.
/// The entropy (KL-divergence) threshold T on a histogram of |x| for
/// `levels` quantization levels: bins [0, i) are kept, i in [levels, bins].
/// Exact zeros (getZeroCount()) are left out of the search: they quantize
/// exactly, and as a spike in bin 0 they would make every merge of bin 0
/// with its neighbours look costly and pull T down to `levels` bins.
double entropyThreshold(const Histogram &absHistogram, unsigned levels);
/// The q-quantile (0 <= q <= 1) of a signed histogram, interpolated within
/// the bin.
double histogramQuantile(const Histogram &histogram, double q);
/// The range [lo <= 0 <= hi] minimizing the expected squared error of
/// `bits`-bit uniform quantization (step (hi-lo)/(2^bits-1), noise step^2/12
/// inside) plus clipping outside, over a signed histogram.
FloatRange mseRange(const Histogram &histogram, unsigned bits);

/// Statistics of one tensor over all samples; memory is bounded by the
/// number of histogram bins, whatever the number of samples.
class TensorObserver {
public:
  explicit TensorObserver(const ObserverOptions &options);

  /// Adds the values of one sample. NaN and infinities are skipped.
  void observe(llvm::ArrayRef<float> values);

  /// Number of finite values observed.
  int64_t getCount() const { return count; }
  double getMin() const { return min; }
  double getMax() const { return max; }
  const Histogram &getHistogram() const { return histogram; }

  /// The range chosen by the method; always contains 0. [0, 0] when nothing
  /// (or only zeros) was observed.
  FloatRange computeRange() const;

private:
  ObserverOptions options;
  int64_t count = 0;
  double min = 0.0, max = 0.0;
  Histogram histogram;
};

} // namespace edgec

#endif // EDGEC_QUANT_OBSERVERS_H
