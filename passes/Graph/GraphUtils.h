//===- GraphUtils.h - helpers shared by the Graph passes ----------*- C++ -*-===//
//
// Not a pass: constant tensors as plain element buffers (Literal), numpy
// broadcasting, the result-type inference onnx-fold-constants refines types
// with, and building onnx.Constant ops.
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

#include <optional>
#include <vector>

namespace edgec::graph {

/// A constant tensor with every element stored (splats expanded), packed
/// little-endian at a byte-rounded width as ConstantTensor packs them.
struct Literal {
  llvm::SmallVector<int64_t> shape;
  mlir::Type elementType;
  unsigned bytes = 0;
  std::vector<char> data;
  bool resource = false; // read from a dense_resource

  Literal() = default;
  Literal(llvm::ArrayRef<int64_t> shape, mlir::Type elementType);

  int64_t size() const;
  bool isFloat() const { return llvm::isa<mlir::FloatType>(elementType); }
  bool isUnsigned() const;
  llvm::APInt getBits(int64_t i) const;
  void setBits(int64_t i, const llvm::APInt &bits);
  llvm::APFloat getFloat(int64_t i) const;
  int64_t getInt64(int64_t i) const;
  llvm::SmallVector<int64_t> getInt64s() const;
  const char *element(int64_t i) const { return data.data() + i * bytes; }
  char *element(int64_t i) { return data.data() + i * bytes; }
};

/// The constant `v` is defined by (onnx.Constant or any ConstantLike op), as
/// a Literal; nullopt when not constant, not int/float or not static.
std::optional<Literal> getLiteral(mlir::Value v);

/// Elements of a static shape.
int64_t numElements(llvm::ArrayRef<int64_t> shape);
/// Row-major strides.
llvm::SmallVector<int64_t> stridesOf(llvm::ArrayRef<int64_t> shape);

/// numpy broadcast of shapes (kDynamic allowed: a dynamic dim against d > 1
/// gives d, else dynamic); nullopt when incompatible.
std::optional<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<llvm::SmallVector<int64_t>> shapes);

/// Strides reading a tensor of static shape `in` broadcast to `out`.
llvm::SmallVector<int64_t> broadcastStrides(llvm::ArrayRef<int64_t> in,
                                            llvm::ArrayRef<int64_t> out);

/// Calls fn(linearOutIndex, offsets) for every index of `shape`, with the
/// linear offsets of each input given per-dimension strides.
void forEachIndex(llvm::ArrayRef<int64_t> shape,
                  llvm::ArrayRef<llvm::SmallVector<int64_t>> strides,
                  llvm::function_ref<void(int64_t, llvm::ArrayRef<int64_t>)> fn);

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

/// A constant holding `lit` with element type `lit.elementType`: a splat
/// when all elements are equal, a dense_resource blob when `lit.resource`
/// and it is larger than kInlineElementLimit (or `forceResource`), else an
/// inline DenseElementsAttr.
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

/// Reads a float of any semantics as double / converts a double back.
/// One axis of an ONNX Slice on a dimension of size `dim` (step != 0):
/// negative starts/ends count from the end, then both are clamped as the
/// ONNX spec says. `first` is the first index read, `count` how many.
struct SliceAxis {
  int64_t first;
  int64_t count;
};
SliceAxis normalizeSliceAxis(int64_t dim, int64_t start, int64_t end,
                             int64_t step);

double toDouble(const llvm::APFloat &f);
llvm::APFloat fromDouble(double v, mlir::FloatType type);

} // namespace edgec::graph

#endif // EDGEC_PASSES_GRAPH_GRAPHUTILS_H
