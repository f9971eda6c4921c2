//===- QuantParams.cpp - choosing scales and zero points ------------------===//
#include "edgec/Passes/Quantize/QuantParams.h"

#include <algorithm>
#include <cmath>

using namespace edgec::quantization;

static double roundToF32(double x) { return static_cast<double>(static_cast<float>(x)); }

AffineParams edgec::quantization::chooseAsymmetric(double rmin, double rmax,
                                            int64_t qmin, int64_t qmax) {
  rmin = std::min(rmin, 0.0);
  rmax = std::max(rmax, 0.0);
  AffineParams p;
  double scale = roundToF32((rmax - rmin) / static_cast<double>(qmax - qmin));
  if (!(scale > 0.0) || !std::isfinite(scale)) {
    // An all-zero range: any scale represents it exactly.
    p.scale = 1.0;
    p.zeroPoint = std::clamp<int64_t>(0, qmin, qmax);
    return p;
  }
  p.scale = scale;
  double zp = static_cast<double>(qmin) - rmin / scale;
  p.zeroPoint = std::clamp<int64_t>(static_cast<int64_t>(std::nearbyint(zp)),
                                    qmin, qmax);
  return p;
}

AffineParams edgec::quantization::chooseSymmetric(double absMax, int64_t qmax) {
  AffineParams p;
  double scale = roundToF32(absMax / static_cast<double>(qmax));
  p.scale = (scale > 0.0 && std::isfinite(scale)) ? scale : 1.0;
  p.zeroPoint = 0;
  return p;
}

int64_t edgec::quantization::quantizeValue(double x, const AffineParams &params,
                                    int64_t qmin, int64_t qmax) {
  double q = std::nearbyint(x / params.scale) + static_cast<double>(params.zeroPoint);
  if (std::isnan(q))
    return std::clamp<int64_t>(params.zeroPoint, qmin, qmax);
  q = std::clamp(q, static_cast<double>(qmin), static_cast<double>(qmax));
  return static_cast<int64_t>(q);
}
