//===- QuantRules.h - which edge ops have integer kernels -------*- C++ -*-===//
//
// The one table of what an f32 edge op can become under TFLite's integer
// rules (docs/edge-dialect.md, "Quantization rules"), shared by the passes
// that produce quantized IR: edge-quantize (parameters from calibration) and
// edge-fold-qdq (parameters given by a pre-quantized QDQ model).
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_PASSES_QUANTIZE_QUANTRULES_H
#define EDGEC_PASSES_QUANTIZE_QUANTRULES_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"

#include <string>

namespace edgec::quantization {

/// What an op becomes.
enum class Rule {
  /// Stays f32: no integer kernel (or a precondition failed).
  Float,
  /// conv2d / depthwise_conv2d / fully_connected: quantized input, constant
  /// filter quantized symmetric (per channel), integer bias, own result range.
  Weighted,
  /// add / mul / matmul: every operand per-tensor quantized with its own
  /// parameters, result with its own range.
  Rescale,
  /// Results take operand 0's quantized type (pooling, data movement,
  /// nearest resize). Follows the domain of operand 0.
  SameAsInput,
  /// Quantized input, result parameters fixed by the TFLite specification
  /// (softmax and sigmoid: 1/256, -128; tanh: 1/128, 0).
  FixedOutput,
  /// Quantized input, 256-entry lookup table, result with its own range.
  Table,
  /// edge.concat: inputs requantized to the result's parameters.
  Concat,
};

struct Decision {
  Rule rule = Rule::Float;
  /// Why the op stays f32 (empty for ops that are not computations: constants,
  /// quantize / dequantize / requantize, ops without f32 results).
  std::string reason;
};

/// The integer form an f32 edge op can take with `int16` (16x8) or int8
/// activations. Depends only on the op (kind, attributes, fused activation,
/// whether the filter is a constant), not on where quantization parameters
/// come from; callers check their own preconditions (calibration ranges,
/// quantized operands) on top.
Decision decideRule(mlir::Operation *op, bool int16);

/// Whether `op`'s fused activation (if any) is a clamp that integer kernels
/// can apply.
bool hasClampOnlyActivation(mlir::Operation *op);

/// An edge.constant of `resultType` (quantized or plain) holding the storage
/// values `data` (packed, `valueType`'s integer element type): a
/// dense_resource blob named `name` for weights, an inline dense attribute
/// for small constants. Created at the builder's insertion point.
mlir::Value createStorageConstant(mlir::OpBuilder &builder, mlir::Location loc,
                                  mlir::RankedTensorType valueType,
                                  mlir::RankedTensorType resultType,
                                  llvm::ArrayRef<char> data,
                                  llvm::StringRef name);

} // namespace edgec::quantization

#endif // EDGEC_PASSES_QUANTIZE_QUANTRULES_H
