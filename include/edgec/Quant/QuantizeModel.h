//===- QuantizeModel.h - post-training quantization of a model --*- C++ -*-===//
//
// The whole post-training quantization flow on a float edge module, as
// `edgec compile --quantize` and `edgec verify` run it:
//
//   edge-split-activations   non-clamp activations out of their producers
//   calibrate                samples through the interpreter, ranges in the IR
//   edge-quantize            integer types, weights, fallbacks
//   canonicalize
//
// and the comparison of a quantized function with its float original tensor
// by tensor (`edgec verify`; the driver prints the report). See
// docs/quantization.md.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_QUANT_QUANTIZEMODEL_H
#define EDGEC_QUANT_QUANTIZEMODEL_H

#include "edgec/Quant/Calibrate.h"
#include "edgec/Quant/CalibrationData.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <string>
#include <vector>

namespace edgec {

struct QuantizeOptions {
  /// "int8" (asymmetric int8 activations) or "int16" (TFLite 16x8).
  std::string activations = "int8";
  /// Per-output-channel weight scales (else one per tensor).
  bool perChannel = true;
  /// Calibration method and its parameters; `bits` follows `activations`.
  CalibrationOptions calibration;
};

/// The attribute verify uses to match ops of the float and quantized
/// functions (set by tagTensors on the float function before quantizing a
/// copy).
inline constexpr llvm::StringLiteral kTensorIdAttrName = "edge.tensor_id";

/// Runs edge-split-activations: the float module in the form calibration
/// and quantization see (quantizeModule does it too; verify runs it on the
/// float reference so that both have the same tensors).
mlir::LogicalResult prepareForQuantization(mlir::ModuleOp module,
                                           std::string &error);

/// Quantizes the edge module `module` (one function) in place, calibrating
/// on `data`. On failure returns failure() with one message in `error`.
mlir::LogicalResult quantizeModule(mlir::ModuleOp module,
                                   const CalibrationData &data,
                                   const QuantizeOptions &options,
                                   std::string &error);

/// Reads `path` (what CalibrationData::load reads: .npy/.pb/.npz files,
/// directories) as samples of the graph inputs of `module`'s function. On
/// failure returns false with `error` naming the file.
bool loadSamples(mlir::ModuleOp module, const std::string &path,
                 CalibrationData &data, std::string &error);

/// An op edge-quantize left in float (`edge.float_fallback`).
struct FallbackInfo {
  /// The ONNX node the op came from (or the op name if none).
  std::string node;
  /// The edge op, e.g. `edge.layer_norm`.
  std::string op;
  std::string reason;
};
std::vector<FallbackInfo> collectFallbacks(mlir::ModuleOp module);

/// Gives every op result of the function in `module` an id
/// (kTensorIdAttrName), so that a quantized copy can be matched with it.
void tagTensors(mlir::ModuleOp module);

/// How far a quantized tensor is from its float original.
struct TensorError {
  std::string node;  // ONNX node name
  std::string op;    // edge op of the float function
  unsigned result = 0;
  std::string type;  // element type in the quantized function
  int64_t elements = 0;
  /// 10 log10(sum f^2 / sum (f - q)^2), accumulated over all inputs;
  /// +inf when identical.
  double sqnrDb = 0;
  /// Cosine similarity of the concatenated values (1 when both are zero).
  double cosine = 1;
  double maxAbsError = 0;
};

/// Runs `floatModule` and `quantModule` (a quantized copy of a module
/// tagged with tagTensors) on every input set of `inputs` and compares each
/// tagged tensor; quantized tensors are dequantized first. Results are
/// sorted worst first (lowest SQNR). Fails with `error` when a function
/// cannot run.
mlir::LogicalResult
compareTensors(mlir::ModuleOp floatModule, mlir::ModuleOp quantModule,
               const std::vector<std::vector<HostTensor>> &inputs,
               std::vector<TensorError> &out, std::string &error);

/// What verifyQuantization found.
struct QuantizationReport {
  /// Number of input sets compared.
  int64_t inputSets = 0;
  /// Every tagged tensor, worst first (compareTensors).
  std::vector<TensorError> tensors;
  /// The ops the quantized copy keeps in float.
  std::vector<FallbackInfo> fallbacks;
};

/// `edgec verify`: brings the float edge module `floatModule` into the form
/// quantization sees (prepareForQuantization, tagTensors), quantizes a copy
/// calibrating on `calibration`, runs both on every sample of `inputs` and
/// compares them tensor by tensor. On failure returns failure() with one
/// message in `error`.
mlir::LogicalResult verifyQuantization(mlir::ModuleOp floatModule,
                                       const CalibrationData &calibration,
                                       const CalibrationData &inputs,
                                       const QuantizeOptions &options,
                                       QuantizationReport &report,
                                       std::string &error);

} // namespace edgec

#endif // EDGEC_QUANT_QUANTIZEMODEL_H
