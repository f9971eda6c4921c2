//===- Common.h - helpers shared by the onnx -> edge patterns ---*- C++ -*-===//
//
// The edge-level builders (constants, permutations, edge.transpose, derived
// weight names) are shared with passes/Edge: edgec/Passes/Edge/EdgeBuilders.h.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_LIB_CONVERSION_ONNXTOEDGE_COMMON_H
#define EDGEC_LIB_CONVERSION_ONNXTOEDGE_COMMON_H

#include "edgec/Dialect/Edge/EdgeOps.h"
#include "edgec/Dialect/Onnx/OnnxOps.h"
#include "edgec/Passes/Edge/EdgeBuilders.h"
#include "edgec/Support/ConstantTensor.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/Twine.h"

#include <optional>
#include <string>

namespace edgec::conv {

/// Emits `<describeOp(op)>: <reason>` (`node '<name>' (onnx.<Op>): ...`) at
/// the op and returns failure.
mlir::LogicalResult nodeError(mlir::Operation *op, const llvm::Twine &reason);

/// Whether `v` is an absent optional input.
inline bool isNone(mlir::Value v) {
  return !v || llvm::isa<mlir::NoneType>(v.getType());
}
/// The ranked, statically shaped tensor type of `v`, else null.
mlir::RankedTensorType getStaticType(mlir::Value v);
/// Checks that every tensor operand and result of `op` is statically shaped;
/// reports it otherwise.
mlir::LogicalResult requireStaticShapes(mlir::Operation *op);
/// Checks that `v` is f32; reports it otherwise.
mlir::LogicalResult requireF32(mlir::Operation *op, mlir::Value v);
/// Checks that `t` is an element type edge computes on (f32, i8, i16, i32).
mlir::LogicalResult requireArithType(mlir::Operation *op, mlir::Value v);
/// Whether `t` may appear in edge data movement (arith types, i1, i64).
bool isEdgeDataType(mlir::Type t);

/// Integer elements of a constant operand.
std::optional<llvm::SmallVector<int64_t>> getConstInts(mlir::Value v);
/// Float elements of a constant operand, converted to float.
std::optional<llvm::SmallVector<float>> getConstFloats(mlir::Value v);
/// A float element of a ConstantTensor as float.
float getFloatAt(const ConstantTensor &c, int64_t i);

/// An edge.constant of f32 values.
mlir::Value createF32Constant(mlir::OpBuilder &b, mlir::Location loc,
                              llvm::ArrayRef<int64_t> shape,
                              llvm::ArrayRef<float> values,
                              llvm::StringRef name = "edge_weight");
/// A rank-0 f32 edge.constant.
mlir::Value createScalar(mlir::OpBuilder &b, mlir::Location loc, float value);
/// edge.reshape of `v` to `shape`.
mlir::Value createReshape(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value v, llvm::ArrayRef<int64_t> shape);
/// NC(spatial...) -> N(spatial...)C and back, for any rank >= 3.
llvm::SmallVector<int64_t> toChannelsLastPerm(int64_t rank);
llvm::SmallVector<int64_t> toChannelsFirstPerm(int64_t rank);

/// Normalizes a possibly negative axis; nullopt when out of range.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank);

/// Resolves ONNX window padding (auto_pad / pads) to explicit ONNX-order
/// pads [begin..., end...] for spatial sizes `in`, kernel `k`, strides `s`
/// and dilations `d`; reports unknown auto_pad values.
mlir::FailureOr<llvm::SmallVector<int64_t>>
resolvePads(mlir::Operation *op, llvm::StringRef autoPad,
            std::optional<llvm::ArrayRef<int64_t>> pads,
            llvm::ArrayRef<int64_t> in, llvm::ArrayRef<int64_t> k,
            llvm::ArrayRef<int64_t> s, llvm::ArrayRef<int64_t> d);

/// ONNX's [b0, b1, e0, e1] for 2-D (or [b, e] for 1-D, as H = 1) to edge's
/// [top, left, bottom, right].
llvm::SmallVector<int64_t> toEdgePads(llvm::ArrayRef<int64_t> onnxPads);

/// [N, C, L] or [N, C, H, W] to 4-D NHWC (1-D gets H = 1).
mlir::Value toNHWC(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x);
/// An NHWC value back to the ONNX (NCHW or NCL) result type.
mlir::Value fromNHWC(mlir::OpBuilder &b, mlir::Location loc, mlir::Value y,
                     mlir::RankedTensorType onnxType);
/// The NHWC type of an ONNX NCHW / NCL type.
mlir::RankedTensorType nhwcType(mlir::RankedTensorType t);
/// A 1-D or 2-D window parameter as 2-D (1-D gets `fill` for H).
llvm::SmallVector<int64_t> to2D(llvm::ArrayRef<int64_t> v, bool oneD,
                                int64_t fill);

} // namespace edgec::conv

#endif // EDGEC_LIB_CONVERSION_ONNXTOEDGE_COMMON_H
