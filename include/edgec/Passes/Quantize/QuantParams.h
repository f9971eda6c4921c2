//===- QuantParams.h - choosing scales and zero points ----------*- C++ -*-===//
//
// The arithmetic that turns a real range into affine quantization
// parameters, shared by the quantizer, the QDQ importer and exporter, and the
// tools that report quantization error. Scales are rounded to f32, as ONNX
// and TFLite store them, so every consumer sees the same number.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_PASSES_QUANTIZE_QUANTPARAMS_H
#define EDGEC_PASSES_QUANTIZE_QUANTPARAMS_H

#include <cstdint>

namespace edgec::quantization {

struct AffineParams {
  double scale = 1.0;
  int64_t zeroPoint = 0;
};

/// Asymmetric parameters for real values in [rmin, rmax] stored in
/// [qmin, qmax]: the range is widened to include 0 (so that 0.0 is exact),
/// scale = (rmax - rmin) / (qmax - qmin) rounded to f32, and the zero point
/// the integer in [qmin, qmax] nearest to qmin - rmin / scale. A range of
/// width 0 gets scale 1.
AffineParams chooseAsymmetric(double rmin, double rmax, int64_t qmin,
                              int64_t qmax);

/// Symmetric parameters (zero point 0) for real values in [-absMax, absMax]
/// stored in [-qmax, qmax]: scale = absMax / qmax rounded to f32 (1 when
/// absMax is 0).
AffineParams chooseSymmetric(double absMax, int64_t qmax);

/// round_half_to_even(x / scale) + zeroPoint, clamped to [qmin, qmax].
int64_t quantizeValue(double x, const AffineParams &params, int64_t qmin,
                      int64_t qmax);

} // namespace edgec::quantization

#endif // EDGEC_PASSES_QUANTIZE_QUANTPARAMS_H
