//===- Observers.cpp - range statistics and threshold search --------------===//
#include "edgec/Quant/Observers.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace edgec {

const char *getCalibrationMethodName(CalibrationMethod method) {
  switch (method) {
  case CalibrationMethod::MinMax:
    return "minmax";
  case CalibrationMethod::Percentile:
    return "percentile";
  case CalibrationMethod::Entropy:
    return "entropy";
  case CalibrationMethod::MSE:
    return "mse";
  }
  return "?";
}

bool parseCalibrationMethod(llvm::StringRef name, CalibrationMethod &method,
                            std::string &error) {
  std::string lower = name.trim().lower();
  for (CalibrationMethod m :
       {CalibrationMethod::MinMax, CalibrationMethod::Percentile,
        CalibrationMethod::Entropy, CalibrationMethod::MSE})
    if (lower == getCalibrationMethodName(m)) {
      method = m;
      return true;
    }
  if (lower == "kl" || lower == "kl-divergence")
    return method = CalibrationMethod::Entropy, true;
  error = "unknown calibration method '" + name.str() +
          "' (expected minmax, percentile, entropy or mse)";
  return false;
}

//===----------------------------------------------------------------------===//
// Histogram
//===----------------------------------------------------------------------===//

Histogram::Histogram(unsigned numBins, bool absolute)
    : counts(std::max(numBins, 1u), 0.0), absolute(absolute) {}

double Histogram::getTotal() const {
  double total = pendingCount;
  for (double c : counts)
    total += c;
  return total;
}

size_t Histogram::binOf(double v) const {
  double b = std::floor((v - low) / width);
  if (!(b >= 0.0))
    return 0;
  return std::min(static_cast<size_t>(std::min(b, 1e18)), counts.size() - 1);
}

void Histogram::start(double lo, double hi) {
  low = lo;
  width = (hi - lo) / counts.size();
  if (!(width > 0.0) || !std::isfinite(width)) // denormal or huge ranges
    width = std::max(std::abs(hi - lo) / counts.size(),
                     std::numeric_limits<double>::min());
}

void Histogram::grow(double lo, double hi) {
  size_t n = counts.size();
  // Extend to the left by whole old bins, then merge k old bins into one.
  double m = lo < low ? std::ceil((low - lo) / width) : 0.0;
  double newLow = low - m * width;
  double k = std::max(1.0, std::ceil((hi - newLow) / (n * width)));
  // (n + m) old bins must fit into n new ones.
  k = std::max(k, std::ceil((n + m) / static_cast<double>(n)));
  std::vector<double> merged(n, 0.0);
  for (size_t i = 0; i < n; ++i) {
    double j = std::floor((i + m) / k);
    merged[std::min(static_cast<size_t>(j), n - 1)] += counts[i];
  }
  counts = std::move(merged);
  low = newLow;
  width *= k;
}

void Histogram::add(llvm::ArrayRef<float> values) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  double n = 0, zeros = 0;
  for (float f : values) {
    if (!std::isfinite(f))
      continue;
    double v = absolute ? std::fabs(f) : f;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    ++n;
    zeros += v == 0.0;
  }
  if (n == 0)
    return;
  zeroCount += zeros;
  if (absolute)
    lo = 0.0;
  if (isDegenerate()) {
    if (pendingCount > 0) {
      lo = std::min(lo, pendingValue);
      hi = std::max(hi, pendingValue);
    }
    if (lo == hi) {
      // Only one distinct value so far (or |x| all zero): just count it.
      pendingValue = low = lo;
      pendingCount += n;
      return;
    }
    start(lo, hi);
    if (pendingCount > 0) {
      counts[binOf(pendingValue)] += pendingCount;
      pendingCount = 0;
    }
  } else if (lo < low || hi > getHigh()) {
    grow(std::min(lo, low), std::max(hi, getHigh()));
  }
  // The hot loop: truncation is floor for the non-negative offsets kept.
  double inv = 1.0 / width, last = static_cast<double>(counts.size() - 1);
  double *bins = counts.data();
  for (float f : values) {
    if (!std::isfinite(f))
      continue;
    double b = ((absolute ? std::fabs(f) : f) - low) * inv;
    bins[static_cast<size_t>(std::clamp(b, 0.0, last))] += 1.0;
  }
}

//===----------------------------------------------------------------------===//
// Thresholds
//===----------------------------------------------------------------------===//

double histogramQuantile(const Histogram &h, double q) {
  if (h.isDegenerate())
    return h.getLow();
  llvm::ArrayRef<double> c = h.getCounts();
  double total = h.getTotal();
  double target = std::clamp(q, 0.0, 1.0) * total;
  double cum = 0;
  for (size_t i = 0; i < c.size(); ++i) {
    if (c[i] > 0 && cum + c[i] >= target) {
      double frac = std::clamp((target - cum) / c[i], 0.0, 1.0);
      return h.getLow() + (i + frac) * h.getBinWidth();
    }
    cum += c[i];
  }
  return h.getHigh();
}

double entropyThreshold(const Histogram &h, unsigned levels) {
  if (h.isDegenerate())
    return h.getLow();
  std::vector<double> bins(h.getCounts().begin(), h.getCounts().end());
  size_t n = bins.size();
  double width = h.getBinWidth();
  // Exact zeros (the ReLU zeros, often half the values) quantize to 0 with
  // no error whatever the threshold, so they are no part of the
  // distribution to match. Left in bin 0 they are a spike that Q, which
  // spreads each group's count evenly over its bins, cannot represent once
  // bin 0 shares a group: every i > levels would then look worse than
  // i = levels and T would collapse to a small fraction of the range.
  if (h.getZeroCount() > 0 && h.getLow() <= 0.0 && 0.0 < h.getHigh()) {
    size_t z = std::min(
        static_cast<size_t>(std::floor((0.0 - h.getLow()) / width)), n - 1);
    bins[z] = std::max(0.0, bins[z] - h.getZeroCount());
  }
  // Trim empty bins at the top: the threshold never needs to exceed the
  // largest value.
  while (n > 1 && bins[n - 1] == 0)
    --n;
  if (levels == 0 || levels >= n)
    return n * width;

  double bestKL = std::numeric_limits<double>::infinity();
  size_t bestI = n;
  double outliers = 0;
  for (size_t k = n; k-- > levels;)
    outliers += bins[k];
  std::vector<double> p, q;
  for (size_t i = levels; i <= n; ++i) {
    if (i > levels)
      outliers -= bins[i - 1];
    // Reference P: bins [0, i) with everything above folded into the last.
    p.assign(bins.begin(), bins.begin() + i);
    p[i - 1] += outliers;
    // Candidate Q: bins [0, i) merged into `levels` groups, each group's
    // count spread evenly over its non-empty bins (empty bins stay empty:
    // quantization cannot create values where there were none).
    q.assign(i, 0.0);
    for (unsigned g = 0; g < levels; ++g) {
      size_t b0 = g * i / levels, b1 = (g + 1) * i / levels;
      double sum = 0;
      size_t nonEmpty = 0;
      for (size_t b = b0; b < b1; ++b) {
        sum += bins[b];
        nonEmpty += bins[b] > 0;
      }
      if (nonEmpty)
        for (size_t b = b0; b < b1; ++b)
          if (bins[b] > 0)
            q[b] = sum / nonEmpty;
    }
    double sumP = 0, sumQ = 0;
    for (size_t b = 0; b < i; ++b) {
      sumP += p[b];
      sumQ += q[b];
    }
    if (sumP <= 0 || sumQ <= 0)
      continue;
    // KL(P || Q). Where P has mass that Q lacks (the folded outliers on an
    // empty last bin), Q is smoothed with a small epsilon instead of making
    // the divergence infinite.
    const double eps = 1e-4 / i;
    double kl = 0;
    for (size_t b = 0; b < i; ++b) {
      if (p[b] <= 0)
        continue;
      double pb = p[b] / sumP;
      double qb = std::max(q[b] / sumQ, eps);
      kl += pb * std::log(pb / qb);
    }
    if (kl < bestKL) {
      bestKL = kl;
      bestI = i;
    }
  }
  return bestI * width;
}

FloatRange mseRange(const Histogram &h, unsigned bits) {
  if (h.isDegenerate())
    return {std::min(h.getLow(), 0.0), std::max(h.getLow(), 0.0)};
  llvm::ArrayRef<double> c = h.getCounts();
  size_t n = c.size();
  double low = h.getLow(), w = h.getBinWidth(), high = h.getHigh();
  // Prefix sums of count, count*center, count*center^2.
  std::vector<double> s0(n + 1, 0), s1(n + 1, 0), s2(n + 1, 0);
  for (size_t b = 0; b < n; ++b) {
    double center = low + (b + 0.5) * w;
    s0[b + 1] = s0[b] + c[b];
    s1[b + 1] = s1[b] + c[b] * center;
    s2[b + 1] = s2[b] + c[b] * center * center;
  }
  // Candidates: bin edges on each side of zero, and zero itself.
  std::vector<double> los{0.0}, his{0.0};
  for (size_t e = 0; e <= n; ++e) {
    double edge = low + e * w;
    if (edge < 0)
      los.push_back(edge);
    if (edge > 0)
      his.push_back(edge);
  }
  // Bins whose center is below x.
  auto below = [&](double x) {
    double j = std::ceil((x - low) / w - 0.5);
    return static_cast<size_t>(std::clamp(j, 0.0, static_cast<double>(n)));
  };
  double steps = std::ldexp(1.0, static_cast<int>(bits)) - 1;
  double bestErr = std::numeric_limits<double>::infinity();
  FloatRange best{std::min(low, 0.0), std::max(high, 0.0)};
  for (double lo : los) {
    size_t jl = below(lo);
    // Clipping below: sum n * (lo - c)^2 over bins [0, jl).
    double errLo = lo * lo * s0[jl] - 2 * lo * s1[jl] + s2[jl];
    if (errLo >= bestErr)
      continue;
    for (double hi : his) {
      if (hi <= lo)
        continue;
      size_t jh = std::max(below(hi), jl);
      // Bins whose center is above hi: [jh', n) where jh' counts centers
      // <= hi; centers exactly on hi do not matter (zero error).
      double a0 = s0[n] - s0[jh], a1 = s1[n] - s1[jh], a2 = s2[n] - s2[jh];
      double errHi = a2 - 2 * hi * a1 + hi * hi * a0;
      double step = (hi - lo) / steps;
      double inside = s0[jh] - s0[jl];
      double err = errLo + std::max(errHi, 0.0) + inside * step * step / 12;
      if (err < bestErr) {
        bestErr = err;
        best = {lo, hi};
      }
    }
  }
  return best;
}

//===----------------------------------------------------------------------===//
// TensorObserver
//===----------------------------------------------------------------------===//

static bool needsHistogram(CalibrationMethod method) {
  return method != CalibrationMethod::MinMax;
}

TensorObserver::TensorObserver(const ObserverOptions &options)
    : options(options),
      histogram(needsHistogram(options.method) ? options.numBins : 1,
                options.method == CalibrationMethod::Entropy) {}

void TensorObserver::observe(llvm::ArrayRef<float> values) {
  for (float f : values) {
    if (!std::isfinite(f))
      continue;
    if (count == 0) {
      min = max = f;
    } else {
      min = std::min(min, static_cast<double>(f));
      max = std::max(max, static_cast<double>(f));
    }
    ++count;
  }
  if (needsHistogram(options.method))
    histogram.add(values);
}

FloatRange TensorObserver::computeRange() const {
  if (count == 0)
    return {0.0, 0.0};
  FloatRange r{min, max};
  if (min < max) {
    switch (options.method) {
    case CalibrationMethod::MinMax:
      break;
    case CalibrationMethod::Percentile: {
      double p = std::clamp(options.percentile, 0.0, 100.0) / 100.0;
      r = {histogramQuantile(histogram, 1.0 - p),
           histogramQuantile(histogram, p)};
      break;
    }
    case CalibrationMethod::Entropy: {
      // Fewer non-zero values than bins: too sparse for a divergence
      // estimate, keep the observed range. (Exact zeros do not count: the
      // search leaves them out.)
      if (count - histogram.getZeroCount() < histogram.getNumBins())
        break;
      // Non-negative tensors (after ReLU) use all 2^bits levels on [0, T];
      // signed ones 2^(bits-1) per side, as TensorRT's 128 for int8.
      unsigned levels = 1u << (min >= 0 ? options.bits : options.bits - 1);
      double t = entropyThreshold(histogram, levels);
      r = {-t, t};
      break;
    }
    case CalibrationMethod::MSE:
      r = mseRange(histogram, options.bits);
      break;
    }
    // Never beyond what was observed (histogram edges overshoot).
    r.min = std::clamp(r.min, min, max);
    r.max = std::clamp(r.max, min, max);
  }
  r.min = std::min(r.min, 0.0);
  r.max = std::max(r.max, 0.0);
  return r;
}

} // namespace edgec
