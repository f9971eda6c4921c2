//===- EdgeBuilders.h - building edge constants and layouts -----*- C++ -*-===//
//
// Helpers that build `edge` IR, shared by the edge -> edge passes
// (passes/Edge) and the onnx -> edge conversion, which runs their patterns:
// constants from packed elements, permuted constants and types, and
// edge.transpose / names for derived weights.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_PASSES_EDGE_EDGEBUILDERS_H
#define EDGEC_PASSES_EDGE_EDGEBUILDERS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/SmallVector.h"

#include <string>
#include <vector>

namespace edgec {
class ConstantTensor;

/// The ONNX node name an op's location carries (getOnnxNodeName), else
/// its op type.
std::string getNodeName(mlir::Operation *op);

/// A name for a derived weight: the source resource's key (or the node
/// name) with `suffix`.
std::string deriveName(mlir::Value source, mlir::Operation *node,
                       llvm::StringRef suffix);

/// Packed elements of `c` permuted: result dimension i is input dimension
/// perm[i]. `shape` (same element count) overrides the constant's shape.
std::vector<char> permuteElements(const ConstantTensor &c,
                                  llvm::ArrayRef<int64_t> perm,
                                  llvm::ArrayRef<int64_t> shape = {});
/// An edge.constant holding `c` permuted by `perm`.
mlir::Value createPermutedConstant(mlir::OpBuilder &b, mlir::Location loc,
                                   const ConstantTensor &c,
                                   llvm::ArrayRef<int64_t> perm,
                                   llvm::StringRef name);

/// `type` with dimensions permuted (result dim i = input dim perm[i]).
mlir::RankedTensorType permuteType(mlir::RankedTensorType type,
                                   llvm::ArrayRef<int64_t> perm);
llvm::SmallVector<int64_t> invertPermutation(llvm::ArrayRef<int64_t> perm);
/// edge.transpose of `v` by `perm`.
mlir::Value createTranspose(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value v, llvm::ArrayRef<int64_t> perm);

} // namespace edgec

#endif // EDGEC_PASSES_EDGE_EDGEBUILDERS_H
