//===- Calibrate.h - post-training calibration of edge IR --------*- C++ -*-===//
//
// Runs calibration samples through a float `edge` function in the host
// interpreter, observes every f32 tensor (arguments and op results) and
// records the chosen float ranges in the IR for the quantize pass:
//
//   op attribute        edge.calibration = [array<f64: min, max>, ...]
//                       one DenseF64ArrayAttr per result, empty (array<f64>)
//                       for results that are not f32;
//   argument attribute  edge.calibration = array<f64: min, max>
//                       on f32 function arguments.
//
// Every range contains 0. Degenerate tensors (zero range, inputs identical in
// every sample) are reported through CalibrationOptions::warn. See
// docs/quantization.md.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_QUANT_CALIBRATE_H
#define EDGEC_QUANT_CALIBRATE_H

#include "edgec/Quant/CalibrationData.h"
#include "edgec/Quant/Observers.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <string>

namespace edgec {

/// The attribute name on ops and function arguments.
inline constexpr llvm::StringLiteral kCalibrationAttrName = "edge.calibration";

struct CalibrationOptions {
  CalibrationMethod method = CalibrationMethod::MinMax;
  /// Upper percentile for the percentile method, in (50, 100].
  double percentile = 99.99;
  /// Target integer width: 8 or 16.
  unsigned bits = 8;
  /// Print `calibrating: 120/500 samples` on stderr when it is a terminal.
  bool progress = false;
  /// Where to print progress instead of stderr (then printed whether or not
  /// it is a terminal; for tests).
  llvm::raw_ostream *progressStream = nullptr;
  /// Histogram bins of the histogram methods.
  unsigned numBins = 2048;
  /// Called with one line per degenerate tensor calibration finds (the
  /// driver prints them as `edgec: warning: ...`): a tensor whose observed
  /// values are all equal (zero range: a constant input, a dead ReLU), naming
  /// the graph input or ONNX node and the scale it gets; a graph input that
  /// is the same in every sample. Not called when null.
  std::function<void(const std::string &)> warn;

  ObserverOptions getObserverOptions() const;
  /// Empty if the options are consistent, else what is wrong.
  std::string validate() const;
};

/// Parse helpers for command-line values; each fails with a one-line
/// message naming the flag's value and what is expected.
bool parseCalibrationPercentile(llvm::StringRef text, double &percentile,
                                std::string &error);
bool parseQuantizationBits(llvm::StringRef text, unsigned &bits,
                           std::string &error);

/// Calibrates `edgeFunc` (a float edge function the interpreter can run) on
/// every sample of `data` (loaded for this function's inputs) and sets the
/// edge.calibration attributes. On failure returns failure() with `error`
/// naming the sample and the op; the IR is then left unchanged.
mlir::LogicalResult calibrate(mlir::func::FuncOp edgeFunc,
                              const CalibrationData &data,
                              const CalibrationOptions &options,
                              std::string &error);

} // namespace edgec

#endif // EDGEC_QUANT_CALIBRATE_H
