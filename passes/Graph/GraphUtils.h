//===- GraphUtils.h - helpers shared by the Graph passes ----------*- C++ -*-===//
//
// Not a pass: the result-type inference onnx-fold-constants refines types
// with, and building onnx.Constant ops from the constant evaluator's Literals
// (edgec/Dialect/Onnx/ConstantEval.h, which also has the index walkers).
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_PASSES_GRAPH_GRAPHUTILS_H
#define EDGEC_PASSES_GRAPH_GRAPHUTILS_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"
#include "llvm/ADT/SmallVector.h"

#include "edgec/Dialect/Onnx/ConstantEval.h"

#include <optional>
#include <vector>

namespace edgec::graph {

using onnx::Literal;

/// `declared` with its unknown parts filled in from `inferred` (same
/// element type); null when nothing changes or they conflict.
mlir::RankedTensorType refineType(mlir::Type declared,
                                  llvm::ArrayRef<int64_t> inferred);

/// The result shape of `op`'s result `index` inferred from its operands'
/// types and constant operands, for the op set documented in Passes.td;
/// nullopt when unknown. Dimensions may be kDynamic.
std::optional<llvm::SmallVector<int64_t>> inferResultShape(mlir::Operation *op,
                                                           unsigned index);

/// Whether every user of `v` tolerates a change of v's type (onnx ops and
/// func.return, whose function type is then updated).
bool usersAcceptRetype(mlir::Value v);

/// A constant holding `lit`: a splat when all elements are equal, a
/// dense_resource blob when `lit` is a resource and larger than
/// kInlineElementLimit (or `forceResource`), else an inline
/// DenseElementsAttr.
mlir::Value buildConstant(mlir::OpBuilder &b, mlir::Location loc,
                          const Literal &lit, bool forceResource = false);

/// Updates each func.func whose func.return operand types differ from its
/// declared result types (after onnx values were refined).
void updateFunctionResultTypes(mlir::Operation *root);

/// The constant (tensor of rank 0 when shape is empty) of one float value.
mlir::Value buildFloatConstant(mlir::OpBuilder &b, mlir::Location loc,
                               mlir::FloatType type,
                               llvm::ArrayRef<int64_t> shape, double value);

/// A 1-D i64 constant.
mlir::Value buildI64Constant(mlir::OpBuilder &b, mlir::Location loc,
                             llvm::ArrayRef<int64_t> values);

} // namespace edgec::graph

#endif // EDGEC_PASSES_GRAPH_GRAPHUTILS_H
