//===- OnnxOps.cpp - verifiers of the onnx dialect's ops ------------------===//
//
// Verifiers check what the ONNX specification (at opset 17) guarantees about
// an op's operands and attributes, and nothing more: whatever a conforming
// model may contain must verify. Unknown ranks and dynamic dimensions are
// accepted; a check only fires when every size it compares is known.
//
//===----------------------------------------------------------------------===//
#include "edgec/Dialect/Onnx/OnnxOps.h"

#include "edgec/Support/ConstantTensor.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace edgec;
using namespace edgec::onnx;

#define GET_OP_CLASSES
#include "edgec/Dialect/Onnx/OnnxOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {

/// The ranked tensor type of `v`, or null (unranked tensor, `none`).
RankedTensorType ranked(Value v) {
  return v ? dyn_cast<RankedTensorType>(v.getType()) : RankedTensorType();
}

bool isNone(Value v) { return !v || isa<NoneType>(v.getType()); }

/// Prints `[1, 2, 3]`.
std::string list(ArrayRef<int64_t> values) {
  std::string s = "[";
  llvm::raw_string_ostream os(s);
  llvm::interleaveComma(values, os);
  os << "]";
  return s;
}

bool known(int64_t dim) { return !ShapedType::isDynamic(dim); }

/// Checks `axis` against [-rank, rank) (or [-rank, rank] when
/// `inclusiveEnd`). Nothing to check when the rank is unknown.
LogicalResult checkAxis(Operation *op, StringRef name, int64_t axis,
                        RankedTensorType type, bool inclusiveEnd = false) {
  if (!type)
    return success();
  int64_t rank = type.getRank();
  int64_t hi = inclusiveEnd ? rank + 1 : rank;
  if (axis < -rank || axis >= hi)
    return op->emitOpError()
           << name << " " << axis << " is out of range [" << -rank << ", "
           << rank << (inclusiveEnd ? "]" : ")") << " for rank " << rank;
  return success();
}

LogicalResult checkRankAtLeast(Operation *op, StringRef operand,
                               RankedTensorType type, int64_t minRank) {
  if (type && type.getRank() < minRank)
    return op->emitOpError() << operand << " must have rank >= " << minRank
                             << ", got " << type;
  return success();
}

LogicalResult checkRank(Operation *op, StringRef operand,
                        RankedTensorType type, int64_t rank) {
  if (type && type.getRank() != rank)
    return op->emitOpError()
           << operand << " must have rank " << rank << ", got " << type;
  return success();
}

/// A 1-D operand whose (static) length must be `expected`, if both known.
LogicalResult checkVector(Operation *op, StringRef operand, Value v,
                          int64_t expected, StringRef what) {
  RankedTensorType type = ranked(v);
  if (!type)
    return success();
  if (type.getRank() != 1)
    return op->emitOpError() << operand << " must be 1-D, got " << type;
  if (known(expected) && known(type.getDimSize(0)) &&
      type.getDimSize(0) != expected)
    return op->emitOpError()
           << operand << " has " << type.getDimSize(0) << " elements but "
           << what << " is " << expected;
  return success();
}

/// A scalar, or a 1-D tensor of one element (which runtimes accept too).
bool isScalarLike(RankedTensorType type) {
  return type.getRank() == 0 ||
         (type.getRank() == 1 && !(known(type.getDimSize(0)) &&
                                   type.getDimSize(0) != 1));
}

LogicalResult checkAutoPad(Operation *op, StringRef autoPad) {
  if (autoPad != "NOTSET" && autoPad != "SAME_UPPER" &&
      autoPad != "SAME_LOWER" && autoPad != "VALID")
    return op->emitOpError()
           << "auto_pad \"" << autoPad
           << "\" is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID";
  return success();
}

/// kernel_shape/strides/dilations/pads of a convolution or pooling window
/// over `spatial` dimensions (unknown: -1, then lengths must agree with each
/// other).
LogicalResult checkWindow(Operation *op, int64_t spatial,
                          std::optional<ArrayRef<int64_t>> kernelShape,
                          std::optional<ArrayRef<int64_t>> strides,
                          std::optional<ArrayRef<int64_t>> dilations,
                          std::optional<ArrayRef<int64_t>> pads,
                          StringRef autoPad) {
  if (failed(checkAutoPad(op, autoPad)))
    return failure();
  if (spatial < 0 && kernelShape)
    spatial = kernelShape->size();
  auto checkLength = [&](StringRef name, ArrayRef<int64_t> values,
                         int64_t factor) -> LogicalResult {
    if (spatial >= 0 &&
        static_cast<int64_t>(values.size()) != factor * spatial)
      return op->emitOpError()
             << name << " " << list(values) << " has " << values.size()
             << " entries, expected " << factor * spatial << " ("
             << (factor == 2 ? "2 x " : "") << spatial
             << " spatial dimensions)";
    if (spatial < 0 && factor == 2 && values.size() % 2 != 0)
      return op->emitOpError() << name << " " << list(values)
                               << " must have an even number of entries";
    return success();
  };
  auto checkPositive = [&](StringRef name,
                           ArrayRef<int64_t> values) -> LogicalResult {
    if (llvm::any_of(values, [](int64_t v) { return v <= 0; }))
      return op->emitOpError()
             << name << " " << list(values) << " must be positive";
    return success();
  };
  if (kernelShape && (failed(checkLength("kernel_shape", *kernelShape, 1)) ||
                      failed(checkPositive("kernel_shape", *kernelShape))))
    return failure();
  if (strides && (failed(checkLength("strides", *strides, 1)) ||
                  failed(checkPositive("strides", *strides))))
    return failure();
  if (dilations && (failed(checkLength("dilations", *dilations, 1)) ||
                    failed(checkPositive("dilations", *dilations))))
    return failure();
  if (pads) {
    if (failed(checkLength("pads", *pads, 2)))
      return failure();
    if (llvm::any_of(*pads, [](int64_t v) { return v < 0; }))
      return op->emitOpError()
             << "pads " << list(*pads) << " must be non-negative";
  }
  return success();
}

/// Conv, ConvTranspose and QLinearConv: X (N x C x D1...), W
/// (M x C/group x k1...) for Conv, (C x M/group x k1...) for ConvTranspose.
LogicalResult verifyConvLike(Operation *op, Value x, Value w, Value b,
                             StringRef autoPad, int64_t group,
                             std::optional<ArrayRef<int64_t>> kernelShape,
                             std::optional<ArrayRef<int64_t>> strides,
                             std::optional<ArrayRef<int64_t>> dilations,
                             std::optional<ArrayRef<int64_t>> pads,
                             bool transposed, StringRef xName = "X",
                             StringRef wName = "W") {
  RankedTensorType xType = ranked(x), wType = ranked(w);
  if (failed(checkRankAtLeast(op, xName, xType, 3)) ||
      failed(checkRankAtLeast(op, wName, wType, 3)))
    return failure();
  if (xType && wType && xType.getRank() != wType.getRank())
    return op->emitOpError()
           << wName << " has rank " << wType.getRank() << " but " << xName
           << " has rank " << xType.getRank();
  if (group <= 0)
    return op->emitOpError() << "group " << group << " must be positive";

  int64_t spatial = xType   ? xType.getRank() - 2
                    : wType ? wType.getRank() - 2
                            : -1;
  if (failed(checkWindow(op, spatial, kernelShape, strides, dilations, pads,
                         autoPad)))
    return failure();

  // kernel_shape, when given, must be W's spatial shape.
  if (kernelShape && wType) {
    for (auto [i, k] : llvm::enumerate(*kernelShape)) {
      int64_t dim = wType.getDimSize(i + 2);
      if (known(dim) && dim != k)
        return op->emitOpError()
               << "kernel_shape " << list(*kernelShape) << " does not match "
               << wName << " " << wType;
    }
  }

  int64_t c = xType ? xType.getDimSize(1) : ShapedType::kDynamic;
  int64_t w0 = wType ? wType.getDimSize(0) : ShapedType::kDynamic;
  int64_t w1 = wType ? wType.getDimSize(1) : ShapedType::kDynamic;
  int64_t outChannels = ShapedType::kDynamic;
  if (!transposed) {
    if (known(c) && known(w1) && c != w1 * group)
      return op->emitOpError()
             << "input channels " << c << " of " << xName << " must equal "
             << wName << " dim 1 (" << w1 << ") x group (" << group << ")";
    if (known(w0) && w0 % group != 0)
      return op->emitOpError() << "output channels " << w0 << " of " << wName
                               << " are not divisible by group " << group;
    outChannels = w0;
  } else {
    if (known(c) && known(w0) && c != w0)
      return op->emitOpError()
             << "input channels " << c << " of " << xName << " must equal "
             << wName << " dim 0 (" << w0 << ")";
    if (known(c) && c % group != 0)
      return op->emitOpError() << "input channels " << c
                               << " are not divisible by group " << group;
    if (known(w1))
      outChannels = w1 * group;
  }
  if (!isNone(b) &&
      failed(checkVector(op, "bias", b, outChannels, "the output channel count")))
    return failure();
  return success();
}

/// Pooling: X (N x C x D1...), kernel_shape over the spatial dims.
LogicalResult verifyPool(Operation *op, Value x, ArrayRef<int64_t> kernelShape,
                         std::optional<ArrayRef<int64_t>> strides,
                         std::optional<ArrayRef<int64_t>> dilations,
                         std::optional<ArrayRef<int64_t>> pads,
                         StringRef autoPad) {
  RankedTensorType xType = ranked(x);
  if (failed(checkRankAtLeast(op, "X", xType, 3)))
    return failure();
  return checkWindow(op, xType ? xType.getRank() - 2 : -1, kernelShape,
                     strides, dilations, pads, autoPad);
}

/// Axes of a reduction: unique and in range.
LogicalResult checkAxes(Operation *op, StringRef name, ArrayRef<int64_t> axes,
                        RankedTensorType type) {
  llvm::SmallSet<int64_t, 8> seen;
  for (int64_t axis : axes) {
    if (failed(checkAxis(op, name, axis, type)))
      return failure();
    int64_t normalized = axis;
    if (type && axis < 0)
      normalized += type.getRank();
    if (!seen.insert(normalized).second)
      return op->emitOpError()
             << name << " " << list(axes) << " contains a repeated axis";
  }
  return success();
}

/// QuantizeLinear / DequantizeLinear: per-tensor (scalar) or per-axis (1-D
/// along `axis`) scale, and a zero point of the same shape.
LogicalResult verifyQuantParams(Operation *op, Value x, Value scale,
                                Value zeroPoint, int64_t axis,
                                StringRef scaleName, StringRef zpName) {
  RankedTensorType xType = ranked(x), sType = ranked(scale),
                   zType = ranked(zeroPoint);
  if (sType && zType && !(isScalarLike(sType) && isScalarLike(zType))) {
    bool compatible =
        sType.getRank() == zType.getRank() &&
        llvm::all_of(llvm::zip(sType.getShape(), zType.getShape()),
                     [](auto p) {
                       auto [a, b] = p;
                       return !known(a) || !known(b) || a == b;
                     });
    if (!compatible)
      return op->emitOpError() << zpName << " " << zType
                               << " must have the shape of " << scaleName
                               << " " << sType;
  }
  if (!sType)
    return success();
  if (sType.getRank() > 1)
    return op->emitOpError() << scaleName << " must be a scalar or 1-D, got "
                             << sType;
  if (sType.getRank() == 1 && !isScalarLike(sType)) {
    // Per-axis: the axis must exist and the sizes agree.
    if (failed(checkAxis(op, "axis", axis, xType)))
      return failure();
    if (xType) {
      int64_t dim = xType.getDimSize(axis < 0 ? axis + xType.getRank() : axis);
      int64_t n = sType.getDimSize(0);
      if (known(dim) && known(n) && dim != n)
        return op->emitOpError()
               << scaleName << " has " << n << " elements but dim " << axis
               << " of " << xType << " is " << dim;
    }
  }
  return success();
}

} // namespace

//===----------------------------------------------------------------------===//
// Convolutions, matrix products
//===----------------------------------------------------------------------===//

LogicalResult ConvOp::verify() {
  return verifyConvLike(*this, getX(), getW(), getB(), getAutoPad(),
                        static_cast<int64_t>(getGroup()), getKernelShape(),
                        getStrides(), getDilations(), getPads(),
                        /*transposed=*/false);
}

LogicalResult ConvTransposeOp::verify() {
  if (failed(verifyConvLike(*this, getX(), getW(), getB(), getAutoPad(),
                            static_cast<int64_t>(getGroup()),
                            getKernelShape(), getStrides(), getDilations(),
                            getPads(), /*transposed=*/true)))
    return failure();
  RankedTensorType xType = ranked(getX());
  if (!xType)
    return success();
  int64_t spatial = xType.getRank() - 2;
  if (auto outputPadding = getOutputPadding()) {
    if (static_cast<int64_t>(outputPadding->size()) != spatial)
      return emitOpError() << "output_padding " << list(*outputPadding)
                           << " has " << outputPadding->size()
                           << " entries, expected " << spatial;
  }
  if (auto outputShape = getOutputShape()) {
    // Spatial dims only per the spec; runtimes also accept N and C first.
    int64_t n = outputShape->size();
    if (n != spatial && n != spatial + 2)
      return emitOpError() << "output_shape " << list(*outputShape) << " has "
                           << n << " entries, expected " << spatial;
  }
  return success();
}

LogicalResult QLinearConvOp::verify() {
  if (failed(verifyConvLike(*this, getX(), getW(), getB(), getAutoPad(),
                            static_cast<int64_t>(getGroup()),
                            getKernelShape(), getStrides(), getDilations(),
                            getPads(), /*transposed=*/false, "x", "w")))
    return failure();
  // x and y quantization is per tensor; w's may be per output channel.
  std::pair<StringRef, Value> perTensor[] = {
      {"x_scale", getXScale()}, {"x_zero_point", getXZeroPoint()},
      {"y_scale", getYScale()}, {"y_zero_point", getYZeroPoint()}};
  for (auto [name, value] : perTensor)
    if (RankedTensorType type = ranked(value); type && !isScalarLike(type))
      return emitOpError() << name << " must be a scalar, got " << type;
  RankedTensorType wType = ranked(getW());
  int64_t m = wType ? wType.getDimSize(0) : ShapedType::kDynamic;
  std::pair<StringRef, Value> perChannel[] = {
      {"w_scale", getWScale()}, {"w_zero_point", getWZeroPoint()}};
  for (auto [name, value] : perChannel) {
    RankedTensorType type = ranked(value);
    if (!type || isScalarLike(type))
      continue;
    if (failed(checkVector(*this, name, value, m,
                           "the output channel count of w")))
      return failure();
  }
  return success();
}

LogicalResult GemmOp::verify() {
  RankedTensorType a = ranked(getA()), b = ranked(getB());
  if (failed(checkRank(*this, "A", a, 2)) ||
      failed(checkRank(*this, "B", b, 2)))
    return failure();
  int64_t m = ShapedType::kDynamic, n = ShapedType::kDynamic;
  if (a && b) {
    int64_t ka = a.getDimSize(getTransA() ? 0 : 1);
    int64_t kb = b.getDimSize(getTransB() ? 1 : 0);
    if (known(ka) && known(kb) && ka != kb)
      return emitOpError() << "inner dimensions differ: " << ka << " (A "
                           << a << ", transA = " << getTransA() << ") vs "
                           << kb << " (B " << b << ", transB = "
                           << getTransB() << ")";
  }
  if (a)
    m = a.getDimSize(getTransA() ? 1 : 0);
  if (b)
    n = b.getDimSize(getTransB() ? 0 : 1);
  // C is unidirectionally broadcastable to (M, N).
  if (RankedTensorType c = ranked(getC())) {
    if (c.getRank() > 2)
      return emitOpError() << "C must have rank <= 2, got " << c;
    int64_t mn[2] = {m, n};
    for (int64_t i = 0; i < c.getRank(); ++i) {
      int64_t dim = c.getDimSize(i);
      int64_t target = mn[2 - c.getRank() + i];
      if (known(dim) && dim != 1 && known(target) && dim != target)
        return emitOpError() << "C " << c
                             << " is not broadcastable to the result ("
                             << m << " x " << n << ")";
    }
  }
  return success();
}

LogicalResult MatMulOp::verify() {
  RankedTensorType a = ranked(getA()), b = ranked(getB());
  if (failed(checkRankAtLeast(*this, "A", a, 1)) ||
      failed(checkRankAtLeast(*this, "B", b, 1)))
    return failure();
  if (!a || !b)
    return success();
  // numpy.matmul: a 1-D A is a row vector, a 1-D B a column vector.
  int64_t ka = a.getDimSize(a.getRank() - 1);
  int64_t kb = b.getDimSize(b.getRank() == 1 ? 0 : b.getRank() - 2);
  if (known(ka) && known(kb) && ka != kb)
    return emitOpError() << "inner dimensions differ: " << ka << " (A " << a
                         << ") vs " << kb << " (B " << b << ")";
  // Batch dimensions broadcast.
  ArrayRef<int64_t> batchA = a.getShape().drop_back(std::min<int64_t>(2, a.getRank()));
  ArrayRef<int64_t> batchB = b.getShape().drop_back(std::min<int64_t>(2, b.getRank()));
  for (auto [da, db] : llvm::zip(llvm::reverse(batchA), llvm::reverse(batchB)))
    if (known(da) && known(db) && da != db && da != 1 && db != 1)
      return emitOpError() << "batch dimensions of A " << a << " and B " << b
                           << " are not broadcastable";
  return success();
}

//===----------------------------------------------------------------------===//
// Elementwise, normalization, activation
//===----------------------------------------------------------------------===//

LogicalResult ClipOp::verify() {
  std::pair<StringRef, Value> bounds[] = {{"min", getMin()},
                                          {"max", getMax()}};
  for (auto [name, value] : bounds)
    if (RankedTensorType type = ranked(value); type && !isScalarLike(type))
      return emitOpError() << name << " must be a scalar, got " << type;
  return success();
}

LogicalResult SoftmaxOp::verify() {
  return checkAxis(*this, "axis", getAxis(), ranked(getInput()));
}

LogicalResult LogSoftmaxOp::verify() {
  return checkAxis(*this, "axis", getAxis(), ranked(getInput()));
}

LogicalResult BatchNormalizationOp::verify() {
  RankedTensorType x = ranked(getX());
  if (failed(checkRankAtLeast(*this, "X", x, 2)))
    return failure();
  int64_t c = x ? x.getDimSize(1) : ShapedType::kDynamic;
  std::pair<StringRef, Value> params[] = {{"scale", getScale()},
                                          {"B", getB()},
                                          {"input_mean", getInputMean()},
                                          {"input_var", getInputVar()}};
  for (auto [name, value] : params)
    if (failed(checkVector(*this, name, value, c, "the channel count of X")))
      return failure();
  return success();
}

LogicalResult InstanceNormalizationOp::verify() {
  RankedTensorType x = ranked(getInput());
  if (failed(checkRankAtLeast(*this, "input", x, 2)))
    return failure();
  int64_t c = x ? x.getDimSize(1) : ShapedType::kDynamic;
  if (failed(checkVector(*this, "scale", getScale(), c,
                         "the channel count of input")) ||
      failed(checkVector(*this, "B", getB(), c, "the channel count of input")))
    return failure();
  return success();
}

LogicalResult LayerNormalizationOp::verify() {
  return checkAxis(*this, "axis", getAxis(), ranked(getX()));
}

LogicalResult LRNOp::verify() {
  int64_t size = static_cast<int64_t>(getSize());
  if (size <= 0)
    return emitOpError() << "size " << size << " must be positive";
  return success();
}

LogicalResult CastOp::verify() {
  int64_t to = static_cast<int64_t>(getTo());
  // TensorProto.DataType at opset 17: FLOAT (1) ... BFLOAT16 (16).
  if (to < 1 || to > 16)
    return emitOpError() << "to " << to
                         << " is not a TensorProto data type (1..16)";
  // Where the result's element type tells, it must be the one `to` names
  // (signedness aside: importers may use signless integers).
  auto result = dyn_cast<ShapedType>(getOutput().getType());
  if (!result)
    return success();
  Type elementType = result.getElementType();
  auto isInt = [&](unsigned width) {
    return elementType.isInteger(width);
  };
  bool matches = true;
  switch (to) {
  case 1: matches = elementType.isF32(); break;
  case 2: case 3: matches = isInt(8); break;
  case 4: case 5: matches = isInt(16); break;
  case 6: case 12: matches = isInt(32); break;
  case 7: case 13: matches = isInt(64); break;
  case 9: matches = isInt(1); break;
  case 10: matches = elementType.isF16(); break;
  case 11: matches = elementType.isF64(); break;
  case 16: matches = elementType.isBF16(); break;
  default: break; // STRING, COMPLEX64/128: no builtin mapping to check
  }
  if (!matches)
    return emitOpError() << "result element type " << elementType
                         << " does not match to = " << to;
  return success();
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

LogicalResult MaxPoolOp::verify() {
  return verifyPool(*this, getX(), getKernelShape(), getStrides(),
                    getDilations(), getPads(), getAutoPad());
}

LogicalResult AveragePoolOp::verify() {
  return verifyPool(*this, getX(), getKernelShape(), getStrides(),
                    std::nullopt, getPads(), getAutoPad());
}

LogicalResult GlobalAveragePoolOp::verify() {
  return checkRankAtLeast(*this, "X", ranked(getX()), 3);
}

LogicalResult GlobalMaxPoolOp::verify() {
  return checkRankAtLeast(*this, "X", ranked(getX()), 3);
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  RankedTensorType shapeType = ranked(getShape());
  if (shapeType && shapeType.getRank() != 1)
    return emitOpError() << "shape must be 1-D, got " << shapeType;
  RankedTensorType result = ranked(getReshaped());
  if (result && shapeType && known(shapeType.getDimSize(0)) &&
      shapeType.getDimSize(0) != result.getRank())
    return emitOpError() << "shape has " << shapeType.getDimSize(0)
                         << " entries but the result " << result
                         << " has rank " << result.getRank();

  std::optional<ConstantTensor> shape = ConstantTensor::get(getShape());
  if (shape && !shape->isFloat()) {
    SmallVector<int64_t> dims = shape->getInt64s();
    if (llvm::count(dims, -1) > 1)
      return emitOpError() << "shape " << list(dims)
                           << " has more than one -1";
    if (llvm::any_of(dims, [](int64_t d) { return d < -1; }))
      return emitOpError() << "shape " << list(dims)
                           << " has a negative entry other than -1";
    if (getAllowzero() != 0 && llvm::is_contained(dims, 0) &&
        llvm::is_contained(dims, -1))
      return emitOpError() << "shape " << list(dims)
                           << " has both 0 and -1 with allowzero = 1";
    if (result && static_cast<int64_t>(dims.size()) == result.getRank()) {
      for (auto [i, d] : llvm::enumerate(dims)) {
        int64_t r = result.getDimSize(i);
        if (d > 0 && known(r) && r != d)
          return emitOpError() << "result " << result
                               << " does not match shape " << list(dims);
      }
    }
  }
  RankedTensorType input = ranked(getData());
  if (input && result && input.hasStaticShape() && result.hasStaticShape() &&
      input.getNumElements() != result.getNumElements())
    return emitOpError() << "result " << result << " has "
                         << result.getNumElements() << " elements but input "
                         << input << " has " << input.getNumElements();
  return success();
}

LogicalResult FlattenOp::verify() {
  return checkAxis(*this, "axis", getAxis(), ranked(getInput()),
                   /*inclusiveEnd=*/true);
}

SmallVector<int64_t> edgec::onnx::getTransposePerm(TransposeOp op,
                                                   int64_t rank) {
  if (std::optional<ArrayRef<int64_t>> p = op.getPerm())
    return SmallVector<int64_t>(p->begin(), p->end());
  SmallVector<int64_t> perm;
  for (int64_t i = rank - 1; i >= 0; --i)
    perm.push_back(i);
  return perm;
}

LogicalResult TransposeOp::verify() {
  std::optional<ArrayRef<int64_t>> perm = getPerm();
  if (!perm)
    return success();
  RankedTensorType input = ranked(getData());
  int64_t n = perm->size();
  if (input && input.getRank() != n)
    return emitOpError() << "perm " << list(*perm) << " has " << n
                         << " entries but the input has rank "
                         << input.getRank();
  SmallVector<bool> seen(n, false);
  for (int64_t p : *perm) {
    if (p < 0 || p >= n || seen[p])
      return emitOpError() << "perm " << list(*perm)
                           << " is not a permutation of 0.." << n - 1;
    seen[p] = true;
  }
  return success();
}

LogicalResult ConcatOp::verify() {
  if (getInputs().empty())
    return emitOpError() << "needs at least one input";
  RankedTensorType first;
  for (Value input : getInputs())
    if ((first = ranked(input)))
      break;
  if (!first)
    return success();
  int64_t axis = getAxis();
  if (failed(checkAxis(*this, "axis", axis, first)))
    return failure();
  int64_t rank = first.getRank();
  if (axis < 0)
    axis += rank;
  SmallVector<int64_t> dims(first.getShape());
  for (auto [i, input] : llvm::enumerate(getInputs())) {
    RankedTensorType type = ranked(input);
    if (!type)
      continue;
    if (type.getRank() != rank)
      return emitOpError() << "input " << i << " " << type << " has rank "
                           << type.getRank() << ", expected " << rank;
    for (int64_t d = 0; d < rank; ++d) {
      if (d == axis)
        continue;
      int64_t dim = type.getDimSize(d);
      if (!known(dim))
        continue;
      if (known(dims[d]) && dims[d] != dim)
        return emitOpError() << "input " << i << " " << type
                             << " differs in dim " << d << " (" << dim
                             << " vs " << dims[d] << ") outside axis "
                             << axis;
      dims[d] = dim;
    }
  }
  return success();
}

LogicalResult SplitOp::verify() {
  RankedTensorType input = ranked(getInput());
  int64_t axis = getAxis();
  if (failed(checkAxis(*this, "axis", axis, input)))
    return failure();
  int64_t numOutputs = getOutputs().size();
  if (numOutputs == 0)
    return emitOpError() << "needs at least one output";
  int64_t dim = ShapedType::kDynamic;
  if (input)
    dim = input.getDimSize(axis < 0 ? axis + input.getRank() : axis);
  if (isNone(getSplit())) {
    if (known(dim) && dim % numOutputs != 0)
      return emitOpError() << "dim " << axis << " of size " << dim
                           << " does not split evenly into " << numOutputs
                           << " outputs";
    return success();
  }
  if (failed(checkVector(*this, "split", getSplit(), numOutputs,
                         "the number of outputs")))
    return failure();
  std::optional<ConstantTensor> split = ConstantTensor::get(getSplit());
  if (!split || split->isFloat())
    return success();
  SmallVector<int64_t> sizes = split->getInt64s();
  if (llvm::any_of(sizes, [](int64_t s) { return s < 0; }))
    return emitOpError() << "split " << list(sizes) << " has negative sizes";
  int64_t sum = 0;
  for (int64_t s : sizes)
    sum += s;
  if (known(dim) && sum != dim)
    return emitOpError() << "split " << list(sizes) << " sums to " << sum
                         << " but dim " << axis << " has size " << dim;
  return success();
}

LogicalResult GatherOp::verify() {
  return checkAxis(*this, "axis", getAxis(), ranked(getData()));
}

LogicalResult PadOp::verify() {
  StringRef mode = getMode();
  if (mode != "constant" && mode != "reflect" && mode != "edge")
    return emitOpError() << "mode \"" << mode
                         << "\" is not one of constant, reflect, edge";
  RankedTensorType data = ranked(getData());
  if (failed(checkVector(*this, "pads", getPads(),
                         data ? 2 * data.getRank() : ShapedType::kDynamic,
                         "2 x the input rank")))
    return failure();
  if (RankedTensorType value = ranked(getConstantValue());
      value && !isScalarLike(value))
    return emitOpError() << "constant_value must be a scalar, got " << value;
  return success();
}

LogicalResult ResizeOp::verify() {
  StringRef mode = getMode();
  if (mode != "nearest" && mode != "linear" && mode != "cubic")
    return emitOpError() << "mode \"" << mode
                         << "\" is not one of nearest, linear, cubic";
  StringRef ctm = getCoordinateTransformationMode();
  // tf_half_pixel_for_nearest left the spec at opset 13 but models converted
  // from opset 11 still carry it, and runtimes accept it.
  if (!llvm::is_contained({"half_pixel", "pytorch_half_pixel", "align_corners",
                           "asymmetric", "tf_crop_and_resize",
                           "tf_half_pixel_for_nearest"},
                          ctm))
    return emitOpError() << "coordinate_transformation_mode \"" << ctm
                         << "\" is not one of half_pixel, pytorch_half_pixel, "
                            "align_corners, asymmetric, tf_crop_and_resize";
  StringRef nearest = getNearestMode();
  if (!llvm::is_contained(
          {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"},
          nearest))
    return emitOpError() << "nearest_mode \"" << nearest
                         << "\" is not one of round_prefer_floor, "
                            "round_prefer_ceil, floor, ceil";
  if (!isNone(getScales()) && !isNone(getSizes())) {
    // Both may be given only if one of them is empty.
    RankedTensorType scales = ranked(getScales()), sizes = ranked(getSizes());
    auto nonEmpty = [](RankedTensorType t) {
      return t && t.hasStaticShape() && t.getNumElements() > 0;
    };
    if (nonEmpty(scales) && nonEmpty(sizes))
      return emitOpError() << "only one of scales and sizes may be given";
  }
  return success();
}

LogicalResult DepthToSpaceOp::verify() {
  int64_t blocksize = static_cast<int64_t>(getBlocksize());
  if (blocksize <= 0)
    return emitOpError() << "blocksize " << blocksize << " must be positive";
  StringRef mode = getMode();
  if (mode != "DCR" && mode != "CRD")
    return emitOpError() << "mode \"" << mode << "\" is not one of DCR, CRD";
  RankedTensorType input = ranked(getInput());
  if (failed(checkRank(*this, "input", input, 4)))
    return failure();
  if (input && known(input.getDimSize(1)) &&
      input.getDimSize(1) % (blocksize * blocksize) != 0)
    return emitOpError() << "channels " << input.getDimSize(1)
                         << " are not divisible by blocksize^2 = "
                         << blocksize * blocksize;
  return success();
}

LogicalResult SpaceToDepthOp::verify() {
  int64_t blocksize = static_cast<int64_t>(getBlocksize());
  if (blocksize <= 0)
    return emitOpError() << "blocksize " << blocksize << " must be positive";
  RankedTensorType input = ranked(getInput());
  if (failed(checkRank(*this, "input", input, 4)))
    return failure();
  if (!input)
    return success();
  for (int64_t d : {2, 3})
    if (known(input.getDimSize(d)) && input.getDimSize(d) % blocksize != 0)
      return emitOpError() << "dim " << d << " of size " << input.getDimSize(d)
                           << " is not divisible by blocksize " << blocksize;
  return success();
}

//===----------------------------------------------------------------------===//
// Reductions, selection
//===----------------------------------------------------------------------===//

#define EDGEC_VERIFY_REDUCE(OP)                                                \
  LogicalResult OP::verify() {                                                 \
    if (std::optional<ArrayRef<int64_t>> axes = getAxes())                     \
      return checkAxes(*this, "axes", *axes, ranked(getData()));               \
    return success();                                                          \
  }
EDGEC_VERIFY_REDUCE(ReduceMeanOp)
EDGEC_VERIFY_REDUCE(ReduceMaxOp)
EDGEC_VERIFY_REDUCE(ReduceMinOp)
EDGEC_VERIFY_REDUCE(ReduceProdOp)
#undef EDGEC_VERIFY_REDUCE

LogicalResult ArgMaxOp::verify() {
  return checkAxis(*this, "axis", getAxis(), ranked(getData()));
}

LogicalResult ArgMinOp::verify() {
  return checkAxis(*this, "axis", getAxis(), ranked(getData()));
}

LogicalResult CumSumOp::verify() {
  RankedTensorType axisType = ranked(getAxis());
  if (axisType && !isScalarLike(axisType))
    return emitOpError() << "axis must be a scalar, got " << axisType;
  if (std::optional<ConstantTensor> axis = ConstantTensor::get(getAxis());
      axis && !axis->isFloat() && axis->size() == 1)
    return checkAxis(*this, "axis", axis->getInt64(0), ranked(getX()));
  return success();
}

LogicalResult TopKOp::verify() {
  RankedTensorType x = ranked(getX());
  if (failed(checkAxis(*this, "axis", getAxis(), x)))
    return failure();
  if (failed(checkVector(*this, "K", getK(), 1, "K's required size")))
    return failure();
  if (std::optional<ConstantTensor> k = ConstantTensor::get(getK());
      k && !k->isFloat() && k->size() == 1 && x) {
    int64_t axis = static_cast<int64_t>(getAxis());
    if (axis < 0)
      axis += x.getRank();
    int64_t dim = x.getDimSize(axis);
    int64_t kv = k->getInt64(0);
    if (kv < 0)
      return emitOpError() << "K = " << kv << " must be non-negative";
    if (known(dim) && kv > dim)
      return emitOpError() << "K = " << kv << " exceeds the size " << dim
                           << " of dim " << static_cast<int64_t>(getAxis());
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Quantization
//===----------------------------------------------------------------------===//

LogicalResult QuantizeLinearOp::verify() {
  return verifyQuantParams(*this, getX(), getYScale(), getYZeroPoint(),
                           getAxis(), "y_scale", "y_zero_point");
}

LogicalResult DequantizeLinearOp::verify() {
  return verifyQuantParams(*this, getX(), getXScale(), getXZeroPoint(),
                           getAxis(), "x_scale", "x_zero_point");
}
