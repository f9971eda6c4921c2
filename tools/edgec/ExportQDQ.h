//===- ExportQDQ.h - `edgec export --format onnx-qdq` -----------*- C++ -*-===//
//
// Writes a model quantized by edgec as a standard QDQ ONNX file: the cleaned
// ONNX graph (constants folded, BatchNormalization folded into the weights,
// decompositions done) with QuantizeLinear/DequantizeLinear pairs carrying
// edgec's own scales and zero points. See docs/quantization.md, "Exporting
// QDQ ONNX".
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_TOOLS_EDGEC_EXPORTQDQ_H
#define EDGEC_TOOLS_EDGEC_EXPORTQDQ_H

#include "Quantize.h"

#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace edgec::driver {

/// Exports `module` (the imported `onnx`-dialect model, modified in place)
/// quantized as `args` say to `outputPath` as a QDQ ONNX model. The file is
/// written to a temporary sibling and renamed: nothing is left on failure.
/// Returns false with `error` (one line) on failure.
bool exportQDQModel(const QuantArgs &args, mlir::ModuleOp module,
                    const std::string &modelPath,
                    const std::string &outputPath, std::string &error);

} // namespace edgec::driver

#endif // EDGEC_TOOLS_EDGEC_EXPORTQDQ_H
