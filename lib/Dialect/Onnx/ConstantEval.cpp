//===- ConstantEval.cpp - evaluating onnx ops on constants ----------------===//
#include "edgec/Dialect/Onnx/ConstantEval.h"

#include "edgec/Support/ConstantTensor.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/APSInt.h"

#include <algorithm>
#include <cstring>

using namespace mlir;
using namespace edgec::onnx;
using edgec::ConstantForm;
using edgec::ConstantTensor;

//===----------------------------------------------------------------------===//
// Literal
//===----------------------------------------------------------------------===//

Literal::Literal(ArrayRef<int64_t> shape, Type elementType, bool splat)
    : shape(shape), elementType(elementType),
      bytes(getPackedElementBytes(elementType)),
      splat(splat && numElements(shape) > 1),
      data((this->splat ? 1 : numElements(shape)) * bytes) {}

/// Copies what ConstantTensor read (one element of a splat, else all).
static std::optional<Literal> fromConstant(std::optional<ConstantTensor> c) {
  if (!c)
    return std::nullopt;
  Literal lit(c->getShape(), c->getElementType(), c->isSplat());
  lit.setResource(c->isResource());
  for (int64_t i = 0, e = lit.getNumStored(); i < e; ++i) {
    ArrayRef<char> element = c->getElementData(i);
    std::memcpy(lit.element(i), element.data(), lit.getElementBytes());
  }
  return lit;
}

std::optional<Literal> Literal::get(Attribute attr) {
  return fromConstant(ConstantTensor::get(attr));
}

std::optional<Literal> Literal::get(Value value) {
  if (!value || isa<NoneType>(value.getType()))
    return std::nullopt;
  return fromConstant(ConstantTensor::get(value));
}

void Literal::setShape(ArrayRef<int64_t> newShape) {
  assert(numElements(newShape) == size() && "reshape changes the size");
  shape.assign(newShape.begin(), newShape.end());
}

RankedTensorType Literal::getType() const {
  return RankedTensorType::get(shape, elementType);
}

int64_t Literal::size() const { return numElements(shape); }

bool Literal::isUnsigned() const {
  auto t = dyn_cast<IntegerType>(elementType);
  return t && (t.isUnsigned() || t.getWidth() == 1);
}

APInt Literal::getBits(int64_t i) const {
  APInt wide(bytes * 8, 0);
  llvm::LoadIntFromMemory(wide, reinterpret_cast<const uint8_t *>(element(i)),
                          bytes);
  return wide.trunc(elementType.getIntOrFloatBitWidth());
}

void Literal::setBits(int64_t i, const APInt &bits) {
  llvm::StoreIntToMemory(bits.zextOrTrunc(bytes * 8),
                         reinterpret_cast<uint8_t *>(element(i)), bytes);
}

APFloat Literal::getFloat(int64_t i) const {
  return APFloat(cast<FloatType>(elementType).getFloatSemantics(), getBits(i));
}

int64_t Literal::getInt64(int64_t i) const {
  APInt bits = getBits(i);
  return isUnsigned() ? static_cast<int64_t>(bits.getZExtValue())
                      : bits.getSExtValue();
}

SmallVector<int64_t> Literal::getInt64s() const {
  SmallVector<int64_t> values;
  for (int64_t i = 0, e = size(); i < e; ++i)
    values.push_back(getInt64(i));
  return values;
}

bool Literal::allElementsEqual() const {
  for (int64_t i = 1, e = getNumStored(); i < e; ++i)
    if (std::memcmp(element(i), element(0), bytes) != 0)
      return false;
  return true;
}

ElementsAttr Literal::toElementsAttr() const {
  return buildElementsAttr(getType(), data, "onnx_folded",
                           resource ? ConstantForm::InlineIfSmall
                                    : ConstantForm::Inline);
}

//===----------------------------------------------------------------------===//
// Index walkers
//===----------------------------------------------------------------------===//

int64_t edgec::onnx::numElements(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

SmallVector<int64_t> edgec::onnx::stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

std::optional<SmallVector<int64_t>>
edgec::onnx::broadcastShapes(ArrayRef<SmallVector<int64_t>> shapes) {
  size_t rank = 0;
  for (const auto &s : shapes)
    rank = std::max(rank, s.size());
  SmallVector<int64_t> out(rank, 1);
  SmallVector<bool> dynamic(rank, false);
  for (const auto &s : shapes) {
    size_t lead = rank - s.size();
    for (size_t i = 0; i < s.size(); ++i) {
      int64_t d = s[i];
      int64_t &o = out[lead + i];
      if (ShapedType::isDynamic(d)) {
        dynamic[lead + i] = true;
        continue;
      }
      if (d == 1)
        continue;
      if (o != 1 && o != d)
        return std::nullopt;
      o = d;
    }
  }
  for (size_t i = 0; i < rank; ++i)
    if (dynamic[i] && out[i] == 1)
      out[i] = ShapedType::kDynamic;
  return out;
}

std::optional<SmallVector<int64_t>>
edgec::onnx::broadcastStrides(ArrayRef<int64_t> in, ArrayRef<int64_t> out) {
  if (in.size() > out.size())
    return std::nullopt;
  SmallVector<int64_t> inStrides = stridesOf(in);
  SmallVector<int64_t> strides(out.size(), 0);
  size_t lead = out.size() - in.size();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == out[lead + i])
      strides[lead + i] = in[i] == 1 ? 0 : inStrides[i];
    else if (in[i] != 1)
      return std::nullopt;
  }
  return strides;
}

void edgec::onnx::forEachIndex(
    ArrayRef<int64_t> shape, ArrayRef<SmallVector<int64_t>> strides,
    llvm::function_ref<void(int64_t, ArrayRef<int64_t>)> fn) {
  int64_t total = numElements(shape);
  int64_t rank = shape.size();
  SmallVector<int64_t> index(rank, 0);
  SmallVector<int64_t> offsets(strides.size(), 0);
  for (int64_t n = 0; n < total; ++n) {
    fn(n, offsets);
    for (int64_t d = rank - 1; d >= 0; --d) {
      for (auto [k, s] : llvm::enumerate(strides))
        offsets[k] += s[d];
      if (++index[d] < shape[d])
        break;
      for (auto [k, s] : llvm::enumerate(strides))
        offsets[k] -= s[d] * shape[d];
      index[d] = 0;
    }
  }
}

SliceAxis edgec::onnx::normalizeSliceAxis(int64_t dim, int64_t start,
                                          int64_t end, int64_t step) {
  if (start < 0)
    start += dim;
  if (end < 0)
    end += dim;
  if (step > 0) {
    start = std::clamp<int64_t>(start, 0, dim);
    end = std::clamp<int64_t>(end, 0, dim);
    return {start, end > start ? (end - start + step - 1) / step : 0};
  }
  start = std::clamp<int64_t>(start, 0, dim - 1);
  end = std::clamp<int64_t>(end, -1, dim - 1);
  return {start, start > end ? (start - end - step - 1) / (-step) : 0};
}

double edgec::onnx::toDouble(const APFloat &f) {
  APFloat d = f;
  bool losesInfo;
  d.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &losesInfo);
  return d.convertToDouble();
}

APFloat edgec::onnx::fromDouble(double v, FloatType type) {
  APFloat f(v);
  bool losesInfo;
  f.convert(type.getFloatSemantics(), APFloat::rmNearestTiesToEven,
            &losesInfo);
  return f;
}

bool edgec::onnx::isUnsignedOnnxDataType(int64_t dataType) {
  // UINT8, UINT16, UINT32, UINT64.
  return dataType == 2 || dataType == 4 || dataType == 12 || dataType == 13;
}

//===----------------------------------------------------------------------===//
// Evaluation
//===----------------------------------------------------------------------===//

namespace {

/// A result of `shape`: a splat when `splat`, else every element (nullopt
/// beyond `maxElements` or for a negative dimension). Resource-ness is
/// inherited from `inputs`.
std::optional<Literal> makeResult(ArrayRef<int64_t> shape, Type elementType,
                                  bool splat,
                                  ArrayRef<const Literal *> inputs,
                                  int64_t maxElements) {
  for (int64_t d : shape)
    if (d < 0)
      return std::nullopt;
  Literal out(shape, elementType, splat);
  if (!out.isSplat() && out.size() > maxElements)
    return std::nullopt;
  for (const Literal *in : inputs)
    out.setResource(out.isResource() || in->isResource());
  return out;
}

bool allSplat(ArrayRef<const Literal *> inputs) {
  return llvm::all_of(inputs, [](const Literal *l) { return l->isSplat(); });
}

/// Elementwise evaluation over broadcast operands: fn(offsets) computes the
/// element whose operand k is at linear offset offsets[k]. A splat when
/// every operand is one.
std::optional<Literal>
evaluateElementwise(ArrayRef<const Literal *> ins, Type elementType,
                    int64_t maxElements,
                    llvm::function_ref<std::optional<APInt>(ArrayRef<int64_t>)>
                        fn) {
  SmallVector<SmallVector<int64_t>> shapes;
  for (const Literal *l : ins)
    shapes.push_back(SmallVector<int64_t>(l->getShape()));
  std::optional<SmallVector<int64_t>> shape = broadcastShapes(shapes);
  if (!shape)
    return std::nullopt;
  std::optional<Literal> out =
      makeResult(*shape, elementType, allSplat(ins), ins, maxElements);
  if (!out)
    return std::nullopt;
  if (out->isSplat() || out->size() == 1) {
    SmallVector<int64_t> zeros(ins.size(), 0);
    std::optional<APInt> v = fn(zeros);
    if (!v)
      return std::nullopt;
    out->setBits(0, *v);
    return out;
  }
  SmallVector<SmallVector<int64_t>> strides;
  for (const Literal *l : ins)
    strides.push_back(*broadcastStrides(l->getShape(), *shape));
  bool ok = true;
  forEachIndex(*shape, strides, [&](int64_t n, ArrayRef<int64_t> offsets) {
    if (!ok)
      return;
    std::optional<APInt> v = fn(offsets);
    if (!v) {
      ok = false;
      return;
    }
    out->setBits(n, *v);
  });
  if (!ok)
    return std::nullopt;
  return out;
}

std::optional<APInt> applyBinary(BinaryKind kind, const Literal &lhs,
                                 int64_t i, const Literal &rhs, int64_t j) {
  if (lhs.isFloat()) {
    APFloat x = lhs.getFloat(i), y = rhs.getFloat(j);
    auto rm = APFloat::rmNearestTiesToEven;
    switch (kind) {
    case BinaryKind::Add: x.add(y, rm); return x.bitcastToAPInt();
    case BinaryKind::Sub: x.subtract(y, rm); return x.bitcastToAPInt();
    case BinaryKind::Mul: x.multiply(y, rm); return x.bitcastToAPInt();
    case BinaryKind::Div: x.divide(y, rm); return x.bitcastToAPInt();
    case BinaryKind::Max:
    case BinaryKind::Min:
      if (x.isNaN() || y.isNaN())
        return std::nullopt;
      if (kind == BinaryKind::Max)
        return (x.compare(y) == APFloat::cmpLessThan ? y : x).bitcastToAPInt();
      return (y.compare(x) == APFloat::cmpLessThan ? y : x).bitcastToAPInt();
    case BinaryKind::Equal: return APInt(1, x.compare(y) == APFloat::cmpEqual);
    case BinaryKind::Less:
      return APInt(1, x.compare(y) == APFloat::cmpLessThan);
    case BinaryKind::Greater:
      return APInt(1, x.compare(y) == APFloat::cmpGreaterThan);
    case BinaryKind::And:
    case BinaryKind::Or: return std::nullopt;
    }
    return std::nullopt;
  }
  APInt a = lhs.getBits(i), b = rhs.getBits(j);
  bool u = lhs.isUnsigned();
  switch (kind) {
  case BinaryKind::Add: return a + b;
  case BinaryKind::Sub: return a - b;
  case BinaryKind::Mul: return a * b;
  case BinaryKind::Div:
    // ONNX integer Div truncates toward zero (numpy true division, then a
    // cast back), like C; division by zero and INT_MIN / -1 are undefined.
    if (b.isZero() || (!u && a.isMinSignedValue() && b.isAllOnes()))
      return std::nullopt;
    return u ? a.udiv(b) : a.sdiv(b);
  case BinaryKind::Max: return (u ? a.ult(b) : a.slt(b)) ? b : a;
  case BinaryKind::Min: return (u ? b.ult(a) : b.slt(a)) ? b : a;
  case BinaryKind::Equal: return APInt(1, a == b);
  case BinaryKind::Less: return APInt(1, u ? a.ult(b) : a.slt(b));
  case BinaryKind::Greater: return APInt(1, u ? a.ugt(b) : a.sgt(b));
  case BinaryKind::And: return APInt(1, !a.isZero() && !b.isZero());
  case BinaryKind::Or: return APInt(1, !a.isZero() || !b.isZero());
  }
  return std::nullopt;
}

std::optional<APInt> castElement(const Literal &in, int64_t i, Type to,
                                 bool toUnsigned) {
  Type from = in.getElementType();
  if (auto toFloat = dyn_cast<FloatType>(to)) {
    APFloat value(toFloat.getFloatSemantics());
    if (isa<FloatType>(from)) {
      value = in.getFloat(i);
      bool losesInfo;
      value.convert(toFloat.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                    &losesInfo);
    } else {
      value.convertFromAPInt(in.getBits(i), /*IsSigned=*/!in.isUnsigned(),
                             APFloat::rmNearestTiesToEven);
    }
    return value.bitcastToAPInt();
  }
  auto toInt = dyn_cast<IntegerType>(to);
  if (!toInt)
    return std::nullopt;
  unsigned width = toInt.getWidth();
  if (width == 1) {
    bool nonzero = isa<FloatType>(from) ? !in.getFloat(i).isZero()
                                        : !in.getBits(i).isZero();
    return APInt(1, nonzero);
  }
  if (isa<FloatType>(from)) {
    llvm::APSInt value(width, toUnsigned || toInt.isUnsigned());
    bool isExact;
    APFloat::opStatus status = in.getFloat(i).convertToInteger(
        value, APFloat::rmTowardZero, &isExact);
    if (status & APFloat::opInvalidOp)
      return std::nullopt;
    return APInt(value);
  }
  APInt bits = in.getBits(i);
  return in.isUnsigned() ? bits.zextOrTrunc(width) : bits.sextOrTrunc(width);
}

/// Copies element offsets[0] + base of `x` to element n of `out` for every
/// index of out's shape (a strided read of `x`); a splat `x` gives a splat.
std::optional<Literal> gatherStrided(const Literal &x,
                                     ArrayRef<int64_t> shape,
                                     SmallVector<int64_t> strides,
                                     int64_t base, int64_t maxElements) {
  std::optional<Literal> out = makeResult(shape, x.getElementType(),
                                          x.isSplat(), {&x}, maxElements);
  if (!out)
    return std::nullopt;
  if (out->isSplat()) {
    std::memcpy(out->element(0), x.element(0), x.getElementBytes());
    return out;
  }
  unsigned bytes = x.getElementBytes();
  forEachIndex(shape, {strides}, [&](int64_t n, ArrayRef<int64_t> o) {
    std::memcpy(out->element(n), x.element(base + o[0]), bytes);
  });
  return out;
}

} // namespace

std::optional<Literal> edgec::onnx::evaluateBinary(BinaryKind kind,
                                                   const Literal &lhs,
                                                   const Literal &rhs,
                                                   int64_t maxElements) {
  Type t = lhs.getElementType();
  if (rhs.getElementType() != t)
    return std::nullopt;
  bool logical = kind == BinaryKind::And || kind == BinaryKind::Or;
  bool compare = kind == BinaryKind::Equal || kind == BinaryKind::Less ||
                 kind == BinaryKind::Greater;
  if (logical ? !t.isInteger(1) : (!compare && t.isInteger(1)))
    return std::nullopt;
  Type resultType =
      logical || compare ? IntegerType::get(t.getContext(), 1) : t;
  return evaluateElementwise(
      {&lhs, &rhs}, resultType, maxElements, [&](ArrayRef<int64_t> o) {
        return applyBinary(kind, lhs, o[0], rhs, o[1]);
      });
}

std::optional<Literal> edgec::onnx::evaluateWhere(const Literal &condition,
                                                  const Literal &x,
                                                  const Literal &y,
                                                  int64_t maxElements) {
  if (!condition.getElementType().isInteger(1) ||
      x.getElementType() != y.getElementType())
    return std::nullopt;
  return evaluateElementwise(
      {&condition, &x, &y}, x.getElementType(), maxElements,
      [&](ArrayRef<int64_t> o) -> std::optional<APInt> {
        return condition.getBits(o[0]).isZero() ? y.getBits(o[2])
                                                : x.getBits(o[1]);
      });
}

std::optional<Literal> edgec::onnx::evaluateNeg(const Literal &x) {
  if (x.getElementType().isInteger(1))
    return std::nullopt;
  return evaluateElementwise(
      {&x}, x.getElementType(), kNoElementLimit,
      [&](ArrayRef<int64_t> o) -> std::optional<APInt> {
        if (!x.isFloat())
          return -x.getBits(o[0]);
        APFloat f = x.getFloat(o[0]);
        f.changeSign();
        return f.bitcastToAPInt();
      });
}

std::optional<Literal> edgec::onnx::evaluateNot(const Literal &x) {
  if (!x.getElementType().isInteger(1))
    return std::nullopt;
  return evaluateElementwise({&x}, x.getElementType(), kNoElementLimit,
                             [&](ArrayRef<int64_t> o) -> std::optional<APInt> {
                               return APInt(1, x.getBits(o[0]).isZero());
                             });
}

std::optional<Literal> edgec::onnx::evaluateCast(const Literal &x, Type to,
                                                 bool toUnsigned) {
  if (!isa<IntegerType, FloatType>(to))
    return std::nullopt;
  return evaluateElementwise({&x}, to, kNoElementLimit,
                             [&](ArrayRef<int64_t> o) {
                               return castElement(x, o[0], to, toUnsigned);
                             });
}

std::optional<Literal> edgec::onnx::evaluateShape(Type input, int64_t start,
                                                  std::optional<int64_t> end,
                                                  MLIRContext *context) {
  auto in = dyn_cast<RankedTensorType>(input);
  if (!in)
    return std::nullopt;
  int64_t rank = in.getRank();
  auto clampIndex = [&](int64_t i) {
    return std::clamp<int64_t>(i < 0 ? i + rank : i, 0, rank);
  };
  int64_t first = clampIndex(start);
  int64_t last = end ? clampIndex(*end) : rank;
  SmallVector<int64_t> dims;
  for (int64_t i = first; i < last; ++i) {
    if (in.isDynamicDim(i))
      return std::nullopt;
    dims.push_back(in.getDimSize(i));
  }
  Literal out({static_cast<int64_t>(dims.size())},
              IntegerType::get(context, 64));
  for (auto [i, d] : llvm::enumerate(dims))
    out.setBits(i, APInt(64, d, /*isSigned=*/true));
  return out;
}

std::optional<Literal>
edgec::onnx::evaluateTranspose(const Literal &x, ArrayRef<int64_t> perm,
                               int64_t maxElements) {
  int64_t rank = x.getShape().size();
  if (static_cast<int64_t>(perm.size()) != rank)
    return std::nullopt;
  SmallVector<bool> seen(rank, false);
  SmallVector<int64_t> inStrides = stridesOf(x.getShape()), strides, shape;
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen[p])
      return std::nullopt;
    seen[p] = true;
    shape.push_back(x.getShape()[p]);
    strides.push_back(inStrides[p]);
  }
  return gatherStrided(x, shape, strides, /*base=*/0, maxElements);
}

std::optional<Literal> edgec::onnx::evaluateGather(const Literal &data,
                                                   const Literal &indices,
                                                   int64_t axis,
                                                   int64_t maxElements) {
  if (indices.isFloat())
    return std::nullopt;
  ArrayRef<int64_t> dataShape = data.getShape();
  int64_t rank = dataShape.size();
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return std::nullopt;
  int64_t dim = dataShape[axis];
  SmallVector<int64_t> idx = indices.getInt64s();
  for (int64_t &i : idx) {
    if (i < -dim || i >= dim) // out of bounds: an error in ONNX, not a fold
      return std::nullopt;
    if (i < 0)
      i += dim;
  }
  // data[:axis] + indices.shape + data[axis+1:].
  SmallVector<int64_t> shape(dataShape.take_front(axis));
  llvm::append_range(shape, indices.getShape());
  llvm::append_range(shape, dataShape.drop_front(axis + 1));
  std::optional<Literal> out = makeResult(shape, data.getElementType(),
                                          data.isSplat(), {&data},
                                          maxElements);
  if (!out)
    return std::nullopt;
  unsigned bytes = data.getElementBytes();
  if (out->isSplat()) {
    std::memcpy(out->element(0), data.element(0), bytes);
    return out;
  }
  int64_t outer = numElements(dataShape.take_front(axis));
  int64_t inner = numElements(dataShape.drop_front(axis + 1));
  int64_t n = 0;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i : idx)
      for (int64_t k = 0; k < inner; ++k, ++n)
        std::memcpy(out->element(n), data.element((o * dim + i) * inner + k),
                    bytes);
  return out;
}

std::optional<Literal>
edgec::onnx::evaluateConcat(ArrayRef<const Literal *> inputs, int64_t axis,
                            int64_t maxElements) {
  if (inputs.empty())
    return std::nullopt;
  const Literal &first = *inputs.front();
  int64_t rank = first.getShape().size();
  for (const Literal *l : inputs)
    if (l->getElementType() != first.getElementType() ||
        static_cast<int64_t>(l->getShape().size()) != rank)
      return std::nullopt;
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return std::nullopt;
  // Equal outside `axis`, summing along it.
  SmallVector<int64_t> shape(first.getShape());
  shape[axis] = 0;
  for (const Literal *l : inputs) {
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis && l->getShape()[d] != shape[d])
        return std::nullopt;
    shape[axis] += l->getShape()[axis];
  }
  std::optional<Literal> out = makeResult(shape, first.getElementType(),
                                          /*splat=*/false, inputs,
                                          maxElements);
  if (!out)
    return std::nullopt;
  unsigned bytes = first.getElementBytes();
  int64_t outer = numElements(ArrayRef<int64_t>(shape).take_front(axis));
  int64_t n = 0;
  for (int64_t o = 0; o < outer; ++o)
    for (const Literal *l : inputs) {
      int64_t block = numElements(l->getShape().drop_front(axis));
      for (int64_t k = 0; k < block; ++k, ++n)
        std::memcpy(out->element(n), l->element(o * block + k), bytes);
    }
  return out;
}

std::optional<Literal>
edgec::onnx::evaluateSlice(const Literal &x, ArrayRef<int64_t> starts,
                           ArrayRef<int64_t> ends,
                           std::optional<ArrayRef<int64_t>> axes,
                           std::optional<ArrayRef<int64_t>> steps,
                           int64_t maxElements) {
  size_t n = starts.size();
  SmallVector<int64_t> defaultAxes, defaultSteps(n, 1);
  for (size_t i = 0; i < n; ++i)
    defaultAxes.push_back(i);
  ArrayRef<int64_t> axisList = axes ? *axes : ArrayRef<int64_t>(defaultAxes);
  ArrayRef<int64_t> stepList = steps ? *steps : ArrayRef<int64_t>(defaultSteps);
  if (ends.size() != n || axisList.size() != n || stepList.size() != n)
    return std::nullopt;
  ArrayRef<int64_t> inShape = x.getShape();
  int64_t rank = inShape.size();
  SmallVector<int64_t> first(rank, 0), step(rank, 1);
  SmallVector<int64_t> shape(inShape);
  SmallVector<bool> seen(rank, false);
  for (size_t k = 0; k < n; ++k) {
    int64_t axis = axisList[k] < 0 ? axisList[k] + rank : axisList[k];
    if (axis < 0 || axis >= rank || seen[axis] || stepList[k] == 0)
      return std::nullopt;
    seen[axis] = true;
    SliceAxis range =
        normalizeSliceAxis(inShape[axis], starts[k], ends[k], stepList[k]);
    first[axis] = range.first;
    step[axis] = stepList[k];
    shape[axis] = range.count;
  }
  SmallVector<int64_t> inStrides = stridesOf(inShape), strides;
  int64_t base = 0;
  for (int64_t d = 0; d < rank; ++d) {
    base += first[d] * inStrides[d];
    strides.push_back(step[d] * inStrides[d]);
  }
  return gatherStrided(x, shape, strides, base, maxElements);
}

std::optional<Literal> edgec::onnx::evaluateExpand(const Literal &x,
                                                   ArrayRef<int64_t> shape,
                                                   int64_t maxElements) {
  if (llvm::any_of(shape, [](int64_t d) { return d < 0; }))
    return std::nullopt;
  std::optional<SmallVector<int64_t>> out = broadcastShapes(
      {SmallVector<int64_t>(x.getShape()), SmallVector<int64_t>(shape)});
  if (!out)
    return std::nullopt;
  return gatherStrided(x, *out, *broadcastStrides(x.getShape(), *out),
                       /*base=*/0, maxElements);
}

std::optional<Literal> edgec::onnx::evaluateTile(const Literal &x,
                                                 ArrayRef<int64_t> repeats,
                                                 int64_t maxElements) {
  ArrayRef<int64_t> in = x.getShape();
  if (repeats.size() != in.size())
    return std::nullopt;
  // Output dimension d of size r * n, index a * n + b, is walked as the two
  // dimensions [r, n] with strides [0, stride of d]: row-major order over
  // [r0, n0, r1, n1, ...] is row-major order over the tiled shape.
  SmallVector<int64_t> inStrides = stridesOf(in), split, splitStrides, shape;
  for (auto [d, r] : llvm::enumerate(repeats)) {
    if (r < 0)
      return std::nullopt;
    split.append({r, in[d]});
    splitStrides.append({0, inStrides[d]});
    shape.push_back(in[d] * r);
  }
  std::optional<Literal> out =
      gatherStrided(x, split, splitStrides, /*base=*/0, maxElements);
  if (out)
    out->setShape(shape);
  return out;
}

std::optional<Literal> edgec::onnx::evaluateRange(const Literal &start,
                                                  const Literal &limit,
                                                  const Literal &delta,
                                                  int64_t maxElements) {
  Type elementType = start.getElementType();
  for (const Literal *l : {&start, &limit, &delta})
    if (l->size() != 1 || l->getElementType() != elementType)
      return std::nullopt;
  if (start.isFloat()) {
    auto rm = APFloat::rmNearestTiesToEven;
    APFloat count = limit.getFloat(0);
    count.subtract(start.getFloat(0), rm);
    count.divide(delta.getFloat(0), rm);
    count.roundToIntegral(APFloat::rmTowardPositive);
    if (!count.isFinite())
      return std::nullopt;
    double c = std::max(toDouble(count), 0.0);
    if (c > static_cast<double>(maxElements))
      return std::nullopt;
    std::optional<Literal> out =
        makeResult({static_cast<int64_t>(c)}, elementType, /*splat=*/false,
                   {&start, &limit, &delta}, maxElements);
    if (!out)
      return std::nullopt;
    auto type = cast<FloatType>(elementType);
    for (int64_t i = 0, n = out->size(); i < n; ++i) {
      APFloat v(type.getFloatSemantics());
      v.convertFromAPInt(APInt(64, i), /*IsSigned=*/true, rm);
      v.multiply(delta.getFloat(0), rm);
      v.add(start.getFloat(0), rm);
      out->setBits(i, v.bitcastToAPInt());
    }
    return out;
  }
  int64_t s = start.getInt64(0), l = limit.getInt64(0), d = delta.getInt64(0);
  if (d == 0)
    return std::nullopt;
  // max(ceil((limit - start) / delta), 0) in exact integer arithmetic.
  __int128 span = static_cast<__int128>(l) - s;
  __int128 count = span / d;
  if (count * d != span && ((span > 0) == (d > 0)))
    ++count;
  if (count < 0)
    count = 0;
  if (count > maxElements)
    return std::nullopt;
  std::optional<Literal> out =
      makeResult({static_cast<int64_t>(count)}, elementType, /*splat=*/false,
                 {&start, &limit, &delta}, maxElements);
  if (!out)
    return std::nullopt;
  unsigned width = elementType.getIntOrFloatBitWidth();
  // start + i * delta, wrapping like the element type (no signed overflow
  // in C++).
  APInt value(64, s, /*isSigned=*/true), step(64, d, /*isSigned=*/true);
  for (int64_t i = 0; i < static_cast<int64_t>(count); ++i, value += step)
    out->setBits(i, value.trunc(width));
  return out;
}
