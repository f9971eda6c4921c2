//===- QDQExport.h - edgec's quantization as a QDQ ONNX model ---*- C++ -*-===//
//
// Writes a model quantized by edgec as a standard QDQ ONNX model: the
// cleaned ONNX graph (constants folded, BatchNormalization folded into the
// weights, decompositions done) with QuantizeLinear/DequantizeLinear pairs
// carrying edgec's own scales and zero points, int8 weights and int32
// biases. `edgec export --format onnx-qdq` is this library call. See
// docs/quantization.md, "Exporting QDQ ONNX".
//
// A plain library built with exceptions (libonnx's checker throws); the
// interface has no ONNX types: the model is returned serialized.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_EXPORT_QDQEXPORT_H
#define EDGEC_EXPORT_QDQEXPORT_H

#include "edgec/Quant/QuantizeModel.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <string>

namespace edgec {

struct QDQExportOptions {
  /// How edgec quantizes the model; `quantize.activations` must be "int8"
  /// (ONNX opset 17 has no int16 QuantizeLinear).
  QuantizeOptions quantize;
  /// Calibration samples for the graph inputs (what CalibrationData::load
  /// reads: .npy/.pb/.npz files, directories).
  std::string calibration;
  /// The model file, naming the model in messages.
  std::string modelPath;
};

/// Quantizes `module` (the imported `onnx`-dialect model; it is cleaned,
/// lowered and quantized in place) as edgec does and builds the QDQ ONNX
/// model of it, checked with ONNX's checker, serialized into `bytes`. On
/// failure returns failure() with `error` set to one line naming the model
/// and the node or tensor.
mlir::LogicalResult buildQDQModel(mlir::ModuleOp module,
                                  const QDQExportOptions &options,
                                  std::string &bytes, std::string &error);

/// buildQDQModel, written to `outputPath`: checked to be writable before any
/// work, written to a temporary sibling and renamed, so that nothing is left
/// on failure.
mlir::LogicalResult exportQDQModel(mlir::ModuleOp module,
                                   const QDQExportOptions &options,
                                   const std::string &outputPath,
                                   std::string &error);

} // namespace edgec

#endif // EDGEC_EXPORT_QDQEXPORT_H
