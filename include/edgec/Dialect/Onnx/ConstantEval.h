//===- ConstantEval.h - evaluating onnx ops on constants --------*- C++ -*-===//
//
// The onnx dialect's one constant evaluator: a tensor representation
// (Literal), the index walkers (row-major strides, numpy broadcasting,
// strided iteration, ONNX Slice ranges) and the evaluation of the ops whose
// constant results edgec computes at compile time, following ONNX semantics
// exactly. The ops' folders (lib/Dialect/Onnx/OnnxFolds.cpp) and the
// onnx-fold-constants pass (passes/Graph/FoldConstants.cpp) both evaluate
// through it; they differ only in which result types they accept.
//
// Every evaluator returns nullopt when ONNX leaves the result undefined
// (integer division by zero, out-of-range Gather indices, float to integer
// casts out of range, NaN in Max/Min), when operand types do not match the
// op's definition, or when a result that is not a splat would have more than
// `maxElements` elements.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_DIALECT_ONNX_CONSTANTEVAL_H
#define EDGEC_DIALECT_ONNX_CONSTANTEVAL_H

#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace edgec::onnx {

//===----------------------------------------------------------------------===//
// Literal
//===----------------------------------------------------------------------===//

/// A constant tensor under evaluation: a static shape, an integer or float
/// element type, and the elements packed little-endian at a byte-rounded
/// width (i1 takes a byte), as ConstantTensor reads them. A splat stores one
/// element, which every index then names; only tensors of two or more
/// elements are splats.
class Literal {
public:
  /// A tensor of `shape` whose elements are all zero bits: every element
  /// stored, or one when `splat`.
  Literal(llvm::ArrayRef<int64_t> shape, mlir::Type elementType,
          bool splat = false);

  /// Reads a statically shaped integer or float constant (DenseElementsAttr
  /// or DenseResourceElementsAttr); a splat attribute stays a splat.
  static std::optional<Literal> get(mlir::Attribute attr);
  /// The same for the constant a value is defined by (any ConstantLike op);
  /// nullopt for `none` and non-constant values.
  static std::optional<Literal> get(mlir::Value value);

  llvm::ArrayRef<int64_t> getShape() const { return shape; }
  /// Gives the elements, in order, another shape of the same element count.
  void setShape(llvm::ArrayRef<int64_t> newShape);
  mlir::Type getElementType() const { return elementType; }
  mlir::RankedTensorType getType() const;
  unsigned getElementBytes() const { return bytes; }
  int64_t size() const;
  bool isSplat() const { return splat; }
  /// Elements actually stored: 1 for a splat, else size().
  int64_t getNumStored() const { return splat ? 1 : size(); }
  bool isFloat() const { return llvm::isa<mlir::FloatType>(elementType); }
  /// Whether integer elements read as unsigned (ui* and i1).
  bool isUnsigned() const;
  /// Whether the constant came from (or was computed from) a
  /// dense_resource blob; results built from it may stay blobs.
  bool isResource() const { return resource; }
  void setResource(bool value) { resource = value; }

  /// Element `i` (row-major) as bits of the element type's width.
  llvm::APInt getBits(int64_t i) const;
  /// Sets element `i` (the one element of a splat, whatever `i`).
  void setBits(int64_t i, const llvm::APInt &bits);
  llvm::APFloat getFloat(int64_t i) const;
  /// Element `i` of an integer tensor, sign- or zero-extended.
  int64_t getInt64(int64_t i) const;
  llvm::SmallVector<int64_t> getInt64s() const;
  const char *element(int64_t i) const {
    return data.data() + (splat ? 0 : i * bytes);
  }
  char *element(int64_t i) { return data.data() + (splat ? 0 : i * bytes); }
  /// The stored elements (one for a splat).
  llvm::ArrayRef<char> getRawData() const { return data; }
  /// Whether all elements are bit-identical (a splat, or equal values).
  bool allElementsEqual() const;

  /// The elements as an attribute of getType() (buildElementsAttr: a
  /// dense_resource blob when isResource() and large, else inline).
  mlir::ElementsAttr toElementsAttr() const;

private:
  llvm::SmallVector<int64_t> shape;
  mlir::Type elementType;
  unsigned bytes = 0;
  bool splat = false;
  bool resource = false;
  std::vector<char> data;
};

//===----------------------------------------------------------------------===//
// Index walkers
//===----------------------------------------------------------------------===//

/// Elements of a static shape.
int64_t numElements(llvm::ArrayRef<int64_t> shape);
/// Row-major strides (in elements).
llvm::SmallVector<int64_t> stridesOf(llvm::ArrayRef<int64_t> shape);

/// numpy broadcast of shapes. ShapedType::kDynamic is allowed: a dynamic
/// dimension against d > 1 gives d, otherwise it stays dynamic. nullopt
/// when the shapes are incompatible.
std::optional<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<llvm::SmallVector<int64_t>> shapes);

/// Strides (aligned to out's rank, 0 along broadcast dimensions) that read a
/// tensor of static shape `in` broadcast to `out`; nullopt when `in` does
/// not broadcast to exactly `out`.
std::optional<llvm::SmallVector<int64_t>>
broadcastStrides(llvm::ArrayRef<int64_t> in, llvm::ArrayRef<int64_t> out);

/// Walks the indices of `shape` in row-major order and calls
/// fn(linearIndex, offsets), where offsets[k] is the linear offset of the
/// same index in input k read through its per-dimension `strides[k]`.
void forEachIndex(
    llvm::ArrayRef<int64_t> shape,
    llvm::ArrayRef<llvm::SmallVector<int64_t>> strides,
    llvm::function_ref<void(int64_t, llvm::ArrayRef<int64_t>)> fn);

/// One axis of an ONNX Slice on a dimension of size `dim` (step != 0):
/// negative starts/ends count from the end, then both are clamped as the
/// ONNX spec says. `first` is the first index read, `count` how many.
struct SliceAxis {
  int64_t first;
  int64_t count;
};
SliceAxis normalizeSliceAxis(int64_t dim, int64_t start, int64_t end,
                             int64_t step);

/// Reads a float of any semantics as double / rounds a double to `type`.
double toDouble(const llvm::APFloat &f);
llvm::APFloat fromDouble(double v, mlir::FloatType type);

/// Whether an ONNX TensorProto data type (Cast's `to`) is an unsigned
/// integer type.
bool isUnsignedOnnxDataType(int64_t dataType);

//===----------------------------------------------------------------------===//
// Evaluation
//===----------------------------------------------------------------------===//

constexpr int64_t kNoElementLimit = std::numeric_limits<int64_t>::max();

enum class BinaryKind {
  Add, Sub, Mul, Div, Max, Min, Equal, Less, Greater, And, Or
};

/// A binary op with multidirectional broadcasting. Both operands have one
/// element type; Add/Sub/Mul/Div/Max/Min take int or float (not i1) and
/// keep it, Equal/Less/Greater give i1, And/Or take and give i1. Integer
/// Div truncates toward zero.
std::optional<Literal> evaluateBinary(BinaryKind kind, const Literal &lhs,
                                      const Literal &rhs,
                                      int64_t maxElements = kNoElementLimit);
/// Where(condition, x, y) with broadcasting (condition is i1).
std::optional<Literal> evaluateWhere(const Literal &condition,
                                     const Literal &x, const Literal &y,
                                     int64_t maxElements = kNoElementLimit);
/// Neg (int or float, not i1).
std::optional<Literal> evaluateNeg(const Literal &x);
/// Not (i1).
std::optional<Literal> evaluateNot(const Literal &x);
/// Cast to `to`: float to integer truncates toward zero (nullopt when out
/// of range), to bool is "nonzero" (NaN included). `toUnsigned` reads an
/// integer `to` as unsigned even when signless (Cast's `to` names UINT*).
std::optional<Literal> evaluateCast(const Literal &x, mlir::Type to,
                                    bool toUnsigned);

/// The dimensions [start, end) of a ranked type (ONNX Shape's clamping of
/// negative and out-of-range bounds), as a 1-D i64 tensor; nullopt when
/// one of them is dynamic.
std::optional<Literal> evaluateShape(mlir::Type input, int64_t start,
                                     std::optional<int64_t> end,
                                     mlir::MLIRContext *context);
/// Transpose: result dimension i is input dimension perm[i].
std::optional<Literal> evaluateTranspose(const Literal &x,
                                         llvm::ArrayRef<int64_t> perm,
                                         int64_t maxElements = kNoElementLimit);
/// Gather along `axis` (negative counts from the end) with integer indices
/// in [-dim, dim).
std::optional<Literal> evaluateGather(const Literal &data,
                                      const Literal &indices, int64_t axis,
                                      int64_t maxElements = kNoElementLimit);
/// Concat along `axis` of tensors of one element type and rank.
std::optional<Literal> evaluateConcat(llvm::ArrayRef<const Literal *> inputs,
                                      int64_t axis,
                                      int64_t maxElements = kNoElementLimit);
/// Slice; `axes` defaults to 0..n-1 and `steps` to 1 (n = starts.size()).
std::optional<Literal>
evaluateSlice(const Literal &x, llvm::ArrayRef<int64_t> starts,
              llvm::ArrayRef<int64_t> ends,
              std::optional<llvm::ArrayRef<int64_t>> axes,
              std::optional<llvm::ArrayRef<int64_t>> steps,
              int64_t maxElements = kNoElementLimit);
/// Expand to the numpy broadcast of x's shape and `shape`.
std::optional<Literal> evaluateExpand(const Literal &x,
                                      llvm::ArrayRef<int64_t> shape,
                                      int64_t maxElements = kNoElementLimit);
/// Tile by `repeats` (one per dimension).
std::optional<Literal> evaluateTile(const Literal &x,
                                    llvm::ArrayRef<int64_t> repeats,
                                    int64_t maxElements = kNoElementLimit);
/// Range(start, limit, delta) of one-element tensors of one type:
/// max(ceil((limit - start) / delta), 0) elements start + i * delta.
std::optional<Literal> evaluateRange(const Literal &start,
                                     const Literal &limit,
                                     const Literal &delta,
                                     int64_t maxElements = kNoElementLimit);

} // namespace edgec::onnx

#endif // EDGEC_DIALECT_ONNX_CONSTANTEVAL_H
