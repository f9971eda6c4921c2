//===- OnnxFolds.cpp - folders of the onnx dialect's ops ------------------===//
//
// Folders compute exactly what ONNX defines, and only into the op's own
// result type: a fold never fires when that type is not static (the importer
// runs ONNX shape inference, so real models have static types wherever a fold
// can apply), nor when it would have to change a type.
//
// Constants are read through ConstantTensor, which accepts both the inline
// DenseElementsAttr and the DenseResourceElementsAttr of initializers.
//
//===----------------------------------------------------------------------===//
#include "edgec/Dialect/Onnx/OnnxOps.h"

#include "ConstantTensor.h"

#include "llvm/ADT/APSInt.h"

#include <cstring>

using namespace mlir;
using namespace edgec::onnx;

OpFoldResult NoValueOp::fold(FoldAdaptor) { return UnitAttr::get(getContext()); }

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {

/// The result type when it is a statically shaped tensor, else null.
RankedTensorType staticType(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  return type && type.hasStaticShape() ? type : RankedTensorType();
}

/// Row-major strides of a shape.
SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

/// Walks the indices of `shape` in row-major order, keeping for each of
/// several inputs the linear offset given by per-dimension strides (stride
/// 0 = broadcast). Calls fn(outIndex, offsets).
template <typename Fn>
void forEachIndex(ArrayRef<int64_t> shape, ArrayRef<SmallVector<int64_t>> strides,
          Fn fn) {
  int64_t total = 1;
  for (int64_t d : shape)
    total *= d;
  int64_t rank = shape.size();
  SmallVector<int64_t> index(rank, 0);
  SmallVector<int64_t> offsets(strides.size(), 0);
  for (int64_t n = 0; n < total; ++n) {
    fn(n, ArrayRef<int64_t>(offsets));
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

/// Strides that read `in` broadcast (numpy rules) to `out`, aligned to out's
/// rank; nullopt when `in` does not broadcast to exactly `out`.
std::optional<SmallVector<int64_t>> broadcastStrides(ArrayRef<int64_t> in,
                                                     ArrayRef<int64_t> out) {
  if (in.size() > out.size())
    return std::nullopt;
  SmallVector<int64_t> inStrides = stridesOf(in);
  SmallVector<int64_t> strides(out.size(), 0);
  int64_t lead = out.size() - in.size();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == out[lead + i])
      strides[lead + i] = in[i] == 1 ? 0 : inStrides[i];
    else if (in[i] != 1)
      return std::nullopt;
  }
  return strides;
}

void storeBits(const APInt &bits, char *dst, unsigned numBytes) {
  llvm::StoreIntToMemory(bits.zextOrTrunc(numBytes * 8),
                         reinterpret_cast<uint8_t *>(dst), numBytes);
}

/// A constant of `type` with the elements of `input` in the same order
/// (Reshape, Squeeze, Unsqueeze of a constant).
Attribute retype(const ConstantTensor &input, RankedTensorType type) {
  if (!type || type.getElementType() != input.getElementType() ||
      type.getNumElements() != input.size())
    return {};
  return buildElements(type, input.getRawData(), input.isResource());
}

/// Whether every element of a constant equals `value` (bit-exactly for
/// floats, so -0.0 and +0.0 differ).
bool allEqual(const ConstantTensor &c, const APInt &bits) {
  for (int64_t i = 0, e = c.isSplat() ? 1 : c.size(); i < e; ++i)
    if (c.getBits(i) != bits)
      return false;
  return true;
}

enum class Arith { Add, Sub, Mul, Div };

/// One element of an arithmetic op, or nullopt when ONNX leaves it undefined
/// (integer division by zero, signed overflow of division).
std::optional<APInt> apply(Arith kind, const APInt &a, const APInt &b,
                           Type elementType, bool isUnsigned) {
  if (auto floatType = dyn_cast<FloatType>(elementType)) {
    const llvm::fltSemantics &sem = floatType.getFloatSemantics();
    APFloat x(sem, a), y(sem, b);
    auto rm = llvm::RoundingMode::NearestTiesToEven;
    switch (kind) {
    case Arith::Add: x.add(y, rm); break;
    case Arith::Sub: x.subtract(y, rm); break;
    case Arith::Mul: x.multiply(y, rm); break;
    case Arith::Div: x.divide(y, rm); break;
    }
    return x.bitcastToAPInt();
  }
  switch (kind) {
  case Arith::Add: return a + b;
  case Arith::Sub: return a - b;
  case Arith::Mul: return a * b;
  case Arith::Div:
    // ONNX integer Div truncates toward zero (numpy true division, then a
    // cast back), like C.
    if (b.isZero())
      return std::nullopt;
    if (isUnsigned)
      return a.udiv(b);
    if (a.isMinSignedValue() && b.isAllOnes())
      return std::nullopt;
    return a.sdiv(b);
  }
  llvm_unreachable("unknown arithmetic kind");
}

/// Add/Sub/Mul/Div of two constants with multidirectional broadcasting.
Attribute foldArithmetic(Arith kind, Attribute lhsAttr, Attribute rhsAttr,
                         Value result) {
  RankedTensorType type = staticType(result);
  if (!type || !lhsAttr || !rhsAttr)
    return {};
  std::optional<ConstantTensor> lhs = ConstantTensor::get(lhsAttr);
  std::optional<ConstantTensor> rhs = ConstantTensor::get(rhsAttr);
  Type elementType = type.getElementType();
  if (!lhs || !rhs || lhs->getElementType() != elementType ||
      rhs->getElementType() != elementType || elementType.isInteger(1))
    return {};
  auto lhsStrides = broadcastStrides(lhs->getShape(), type.getShape());
  auto rhsStrides = broadcastStrides(rhs->getShape(), type.getShape());
  if (!lhsStrides || !rhsStrides)
    return {};
  unsigned bytes = getPackedElementBytes(elementType);
  bool isUnsigned = lhs->isUnsigned();
  bool asResource = lhs->isResource() || rhs->isResource();

  if (lhs->isSplat() && rhs->isSplat()) {
    std::optional<APInt> value = apply(kind, lhs->getBits(0), rhs->getBits(0),
                                       elementType, isUnsigned);
    if (!value)
      return {};
    std::vector<char> data(bytes);
    storeBits(*value, data.data(), bytes);
    return buildElements(type, data, asResource);
  }

  std::vector<char> data(type.getNumElements() * bytes);
  bool ok = true;
  SmallVector<SmallVector<int64_t>> strides = {*lhsStrides, *rhsStrides};
  forEachIndex(type.getShape(), strides, [&](int64_t n, ArrayRef<int64_t> offsets) {
    if (!ok)
      return;
    std::optional<APInt> value = apply(kind, lhs->getBits(offsets[0]),
                                       rhs->getBits(offsets[1]), elementType,
                                       isUnsigned);
    if (!value) {
      ok = false;
      return;
    }
    storeBits(*value, data.data() + n * bytes, bytes);
  });
  if (!ok)
    return {};
  return buildElements(type, data, asResource);
}

/// `x op c` is x itself when c is all `neutral` and no broadcasting changes
/// the type.
bool isNeutral(Value x, Attribute c, Value result,
               llvm::function_ref<APInt(Type)> neutral) {
  if (!c || x.getType() != result.getType())
    return false;
  std::optional<ConstantTensor> constant = ConstantTensor::get(c);
  if (!constant)
    return false;
  auto type = dyn_cast<ShapedType>(result.getType());
  if (!type || constant->getElementType() != type.getElementType())
    return false;
  // The constant must not widen the result by broadcasting.
  if (type.hasRank() && constant->getShape().size() > static_cast<size_t>(type.getRank()))
    return false;
  if (type.hasRank()) {
    ArrayRef<int64_t> out = type.getShape();
    ArrayRef<int64_t> in = constant->getShape();
    for (size_t i = 0; i < in.size(); ++i) {
      int64_t o = out[out.size() - in.size() + i];
      if (in[i] != 1 && in[i] != o)
        return false;
    }
  } else if (constant->size() != 1) {
    return false;
  }
  return allEqual(*constant, neutral(constant->getElementType()));
}

APInt zeroOf(Type t) {
  return APInt::getZero(t.getIntOrFloatBitWidth());
}
APInt negZeroOf(Type t) {
  if (auto f = dyn_cast<FloatType>(t))
    return APFloat::getZero(f.getFloatSemantics(), /*Negative=*/true)
        .bitcastToAPInt();
  return zeroOf(t);
}
APInt oneOf(Type t) {
  if (auto f = dyn_cast<FloatType>(t))
    return APFloat::getOne(f.getFloatSemantics()).bitcastToAPInt();
  return APInt(t.getIntOrFloatBitWidth(), 1);
}

/// Whether `to` of Cast names an unsigned integer type.
bool isUnsignedTensorType(int64_t to) {
  return to == 2 || to == 4 || to == 12 || to == 13;
}

/// Cast of one element per ONNX: float to integer truncates toward zero;
/// nullopt when the value does not fit (undefined in ONNX).
std::optional<APInt> castElement(const ConstantTensor &in, int64_t i,
                                 Type toType, bool toUnsigned) {
  Type fromType = in.getElementType();
  if (auto toFloat = dyn_cast<FloatType>(toType)) {
    APFloat value(toFloat.getFloatSemantics());
    if (isa<FloatType>(fromType)) {
      value = in.getFloat(i);
      bool losesInfo;
      value.convert(toFloat.getFloatSemantics(),
                    llvm::RoundingMode::NearestTiesToEven, &losesInfo);
    } else {
      value.convertFromAPInt(in.getBits(i), /*IsSigned=*/!in.isUnsigned(),
                             llvm::RoundingMode::NearestTiesToEven);
    }
    return value.bitcastToAPInt();
  }
  unsigned width = toType.getIntOrFloatBitWidth();
  if (width == 1) {
    // To bool: any nonzero value (NaN included) is true.
    bool nonzero = isa<FloatType>(fromType) ? !in.getFloat(i).isZero()
                                            : !in.getBits(i).isZero();
    return APInt(1, nonzero);
  }
  if (isa<FloatType>(fromType)) {
    llvm::APSInt value(width, toUnsigned);
    bool isExact;
    APFloat::opStatus status = in.getFloat(i).convertToInteger(
        value, llvm::RoundingMode::TowardZero, &isExact);
    if (status & APFloat::opInvalidOp)
      return std::nullopt;
    return APInt(value);
  }
  APInt bits = in.getBits(i);
  return in.isUnsigned() ? bits.zextOrTrunc(width) : bits.sextOrTrunc(width);
}

} // namespace

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

OpFoldResult IdentityOp::fold(FoldAdaptor) {
  if (getInput().getType() == getOutput().getType())
    return getInput();
  return {};
}

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  if (Attribute c = foldArithmetic(Arith::Add, adaptor.getA(), adaptor.getB(),
                                   getC()))
    return c;
  // x + 0 is x for integers; for floats only x + (-0.0) is (-0.0 + 0.0 is
  // +0.0).
  if (isNeutral(getA(), adaptor.getB(), getC(), negZeroOf))
    return getA();
  if (isNeutral(getB(), adaptor.getA(), getC(), negZeroOf))
    return getB();
  return {};
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  if (Attribute c = foldArithmetic(Arith::Sub, adaptor.getA(), adaptor.getB(),
                                   getC()))
    return c;
  // x - (+0.0) is x for every float x, -0.0 included.
  if (isNeutral(getA(), adaptor.getB(), getC(), zeroOf))
    return getA();
  return {};
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  if (Attribute c = foldArithmetic(Arith::Mul, adaptor.getA(), adaptor.getB(),
                                   getC()))
    return c;
  if (isNeutral(getA(), adaptor.getB(), getC(), oneOf))
    return getA();
  if (isNeutral(getB(), adaptor.getA(), getC(), oneOf))
    return getB();
  return {};
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  if (Attribute c = foldArithmetic(Arith::Div, adaptor.getA(), adaptor.getB(),
                                   getC()))
    return c;
  if (isNeutral(getA(), adaptor.getB(), getC(), oneOf))
    return getA();
  return {};
}

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  RankedTensorType type = staticType(getY());
  std::optional<ConstantTensor> x = ConstantTensor::get(adaptor.getX());
  if (!type || !x || x->getElementType() != type.getElementType() ||
      x->getShape() != type.getShape())
    return {};
  unsigned bytes = x->getElementBytes();
  int64_t count = x->isSplat() ? 1 : x->size();
  std::vector<char> data(count * bytes);
  for (int64_t i = 0; i < count; ++i) {
    APInt value;
    if (x->isFloat()) {
      APFloat f = x->getFloat(i);
      f.changeSign();
      value = f.bitcastToAPInt();
    } else {
      value = -x->getBits(i);
    }
    storeBits(value, data.data() + i * bytes, bytes);
  }
  return buildElements(type, data, x->isResource());
}

OpFoldResult SumOp::fold(FoldAdaptor) {
  if (getData_0().size() == 1 && getData_0()[0].getType() == getSum().getType())
    return getData_0()[0];
  return {};
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getOutput().getType())
    return getInput();
  RankedTensorType type = staticType(getOutput());
  std::optional<ConstantTensor> in = ConstantTensor::get(adaptor.getInput());
  if (!type || !in || in->getShape() != type.getShape())
    return {};
  Type toType = type.getElementType();
  if (!isa<IntegerType, FloatType>(toType))
    return {};
  bool toUnsigned = toType.isUnsignedInteger() ||
                    isUnsignedTensorType(static_cast<int64_t>(getTo()));
  unsigned bytes = getPackedElementBytes(toType);
  int64_t count = in->isSplat() ? 1 : in->size();
  std::vector<char> data(count * bytes);
  for (int64_t i = 0; i < count; ++i) {
    std::optional<APInt> value = castElement(*in, i, toType, toUnsigned);
    if (!value)
      return {};
    storeBits(*value, data.data() + i * bytes, bytes);
  }
  return buildElements(type, data, in->isResource());
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

OpFoldResult ShapeOp::fold(FoldAdaptor) {
  auto input = dyn_cast<RankedTensorType>(getData().getType());
  RankedTensorType type = staticType(getShape());
  if (!input || !type || !type.getElementType().isInteger(64))
    return {};
  int64_t rank = input.getRank();
  auto clampIndex = [&](int64_t i) {
    if (i < 0)
      i += rank;
    return std::clamp<int64_t>(i, 0, rank);
  };
  int64_t start = clampIndex(static_cast<int64_t>(getStart()));
  int64_t end = getEnd() ? clampIndex(static_cast<int64_t>(*getEnd())) : rank;
  SmallVector<int64_t> dims;
  for (int64_t i = start; i < end; ++i) {
    if (input.isDynamicDim(i))
      return {};
    dims.push_back(input.getDimSize(i));
  }
  if (type.getShape() != ArrayRef<int64_t>{static_cast<int64_t>(dims.size())})
    return {};
  return DenseElementsAttr::get(type, ArrayRef<int64_t>(dims));
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  RankedTensorType type = staticType(getReshaped());
  if (!type)
    return {};
  if (getData().getType() == type)
    return getData();
  if (std::optional<ConstantTensor> data = ConstantTensor::get(adaptor.getData()))
    return retype(*data, type);
  return {};
}

OpFoldResult SqueezeOp::fold(FoldAdaptor adaptor) {
  if (std::optional<ConstantTensor> data = ConstantTensor::get(adaptor.getData()))
    return retype(*data, staticType(getSqueezed()));
  return {};
}

OpFoldResult UnsqueezeOp::fold(FoldAdaptor adaptor) {
  if (std::optional<ConstantTensor> data = ConstantTensor::get(adaptor.getData()))
    return retype(*data, staticType(getExpanded()));
  return {};
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  auto input = dyn_cast<RankedTensorType>(getData().getType());
  if (!input)
    return {};
  int64_t rank = input.getRank();
  SmallVector<int64_t> perm;
  if (std::optional<ArrayRef<int64_t>> p = getPerm())
    perm.assign(p->begin(), p->end());
  else
    for (int64_t i = rank - 1; i >= 0; --i)
      perm.push_back(i);
  if (static_cast<int64_t>(perm.size()) != rank)
    return {};
  bool identity = llvm::equal(perm, llvm::seq<int64_t>(0, rank));
  if (identity && getData().getType() == getTransposed().getType())
    return getData();

  RankedTensorType type = staticType(getTransposed());
  std::optional<ConstantTensor> data = ConstantTensor::get(adaptor.getData());
  if (!type || !data || data->getElementType() != type.getElementType())
    return {};
  SmallVector<int64_t> inStrides = stridesOf(data->getShape());
  SmallVector<int64_t> strides;
  for (int64_t i = 0; i < rank; ++i) {
    if (type.getDimSize(i) != data->getShape()[perm[i]])
      return {};
    strides.push_back(inStrides[perm[i]]);
  }
  if (data->isSplat())
    return buildElements(type, data->getRawData(), data->isResource());
  unsigned bytes = data->getElementBytes();
  std::vector<char> out(type.getNumElements() * bytes);
  SmallVector<SmallVector<int64_t>> all = {strides};
  forEachIndex(type.getShape(), all, [&](int64_t n, ArrayRef<int64_t> offsets) {
    std::memcpy(out.data() + n * bytes, data->getElementData(offsets[0]).data(),
                bytes);
  });
  return buildElements(type, out, data->isResource());
}

OpFoldResult ConcatOp::fold(FoldAdaptor adaptor) {
  RankedTensorType type = staticType(getConcatResult());
  if (!type)
    return {};
  if (getInputs().size() == 1 && getInputs()[0].getType() == type)
    return getInputs()[0];
  SmallVector<ConstantTensor> inputs;
  bool asResource = false;
  for (Attribute attr : adaptor.getInputs()) {
    std::optional<ConstantTensor> c = ConstantTensor::get(attr);
    if (!c || c->getElementType() != type.getElementType() ||
        c->getShape().size() != type.getShape().size())
      return {};
    asResource |= c->isResource();
    inputs.push_back(std::move(*c));
  }
  int64_t rank = type.getRank();
  int64_t axis = static_cast<int64_t>(getAxis());
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return {};
  // Check the shapes: equal outside axis, summing to the result along it.
  int64_t along = 0;
  for (const ConstantTensor &c : inputs) {
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis && c.getShape()[d] != type.getDimSize(d))
        return {};
    along += c.getShape()[axis];
  }
  if (along != type.getDimSize(axis))
    return {};
  int64_t outer = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= type.getDimSize(d);
  unsigned bytes = getPackedElementBytes(type.getElementType());
  std::vector<char> out;
  out.reserve(type.getNumElements() * bytes);
  for (int64_t o = 0; o < outer; ++o) {
    for (const ConstantTensor &c : inputs) {
      int64_t block = outer ? c.size() / outer : 0;
      for (int64_t i = 0; i < block; ++i) {
        ArrayRef<char> element = c.getElementData(o * block + i);
        out.insert(out.end(), element.begin(), element.end());
      }
    }
  }
  return buildElements(type, out, asResource);
}

OpFoldResult GatherOp::fold(FoldAdaptor adaptor) {
  RankedTensorType type = staticType(getOutput());
  std::optional<ConstantTensor> data = ConstantTensor::get(adaptor.getData());
  std::optional<ConstantTensor> indices =
      ConstantTensor::get(adaptor.getIndices());
  if (!type || !data || !indices || indices->isFloat() ||
      data->getElementType() != type.getElementType())
    return {};
  ArrayRef<int64_t> dataShape = data->getShape();
  int64_t rank = dataShape.size();
  int64_t axis = static_cast<int64_t>(getAxis());
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return {};
  // Output shape: data[:axis] + indices.shape + data[axis+1:].
  SmallVector<int64_t> shape(dataShape.take_front(axis));
  llvm::append_range(shape, indices->getShape());
  llvm::append_range(shape, dataShape.drop_front(axis + 1));
  if (ArrayRef<int64_t>(shape) != type.getShape())
    return {};
  int64_t dim = dataShape[axis];
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= dataShape[d];
  for (int64_t d = axis + 1; d < rank; ++d)
    inner *= dataShape[d];
  SmallVector<int64_t> idx = indices->getInt64s();
  for (int64_t &i : idx) {
    if (i < -dim || i >= dim) // out of bounds: an error in ONNX, not a fold
      return {};
    if (i < 0)
      i += dim;
  }
  unsigned bytes = data->getElementBytes();
  std::vector<char> out;
  out.reserve(type.getNumElements() * bytes);
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i : idx)
      for (int64_t k = 0; k < inner; ++k) {
        ArrayRef<char> element =
            data->getElementData((o * dim + i) * inner + k);
        out.insert(out.end(), element.begin(), element.end());
      }
  return buildElements(type, out, data->isResource());
}
