//===- FoldConstants.cpp - onnx-fold-constants ----------------------------===//
//
// Evaluates onnx ops whose operands are all constants into onnx.Constant,
// with the static type the value has (the op's own folders only fold into the
// op's declared type, which PyTorch's shape arithmetic often leaves dynamic),
// refines dynamic result types from operand types, and removes no-op
// Expand/Tile/Slice/Pad. See Passes.td for the op set.
//
//===----------------------------------------------------------------------===//
#include "edgec/Passes/Graph/Passes.h"

#include "ConstantTensor.h"
#include "GraphUtils.h"

#include "edgec/Dialect/Onnx/OnnxDialect.h"
#include "edgec/Dialect/Onnx/OnnxOps.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/APSInt.h"

#include <cstring>

namespace edgec {
#define GEN_PASS_DEF_ONNXFOLDCONSTANTS
#include "edgec/Passes/Graph/Passes.h.inc"
} // namespace edgec

using namespace mlir;
using namespace edgec;
using namespace edgec::graph;
namespace onnx = edgec::onnx;

namespace {

/// Non-splat results larger than this (and than all operands together) are
/// not folded.
constexpr int64_t kFoldElementLimit = int64_t(1) << 16;

using Shape = SmallVector<int64_t>;

bool isNone(Value v) { return isa<NoneType>(v.getType()); }

/// The evaluation context of one op: its constant operands (nullopt for
/// `none`), the declared result element type and the element budget.
struct Eval {
  Operation *op;
  SmallVector<std::optional<Literal>> in;
  Type elementType;
  int64_t limit;

  const Literal &operand(unsigned i) const { return *in[i]; }
  bool has(unsigned i) const { return i < in.size() && in[i].has_value(); }

  std::optional<Literal> make(ArrayRef<int64_t> shape) const {
    for (int64_t d : shape)
      if (d < 0)
        return std::nullopt;
    if (numElements(shape) > limit)
      return std::nullopt;
    Literal out(shape, elementType);
    for (const auto &l : in)
      out.resource |= l && l->resource;
    return out;
  }
};

//===----------------------------------------------------------------------===//
// Element functions
//===----------------------------------------------------------------------===//

enum class Kind { Add, Sub, Mul, Div, Max, Min, Equal, Less, Greater, And, Or };

std::optional<APInt> applyElement(Kind kind, const Literal &lhs, int64_t i,
                                  const Literal &rhs, int64_t j) {
  if (lhs.isFloat()) {
    APFloat x = lhs.getFloat(i), y = rhs.getFloat(j);
    auto rm = APFloat::rmNearestTiesToEven;
    switch (kind) {
    case Kind::Add: x.add(y, rm); return x.bitcastToAPInt();
    case Kind::Sub: x.subtract(y, rm); return x.bitcastToAPInt();
    case Kind::Mul: x.multiply(y, rm); return x.bitcastToAPInt();
    case Kind::Div: x.divide(y, rm); return x.bitcastToAPInt();
    case Kind::Max:
    case Kind::Min:
      if (x.isNaN() || y.isNaN())
        return std::nullopt;
      if (kind == Kind::Max)
        return (x.compare(y) == APFloat::cmpLessThan ? y : x).bitcastToAPInt();
      return (y.compare(x) == APFloat::cmpLessThan ? y : x).bitcastToAPInt();
    case Kind::Equal: return APInt(1, x.compare(y) == APFloat::cmpEqual);
    case Kind::Less: return APInt(1, x.compare(y) == APFloat::cmpLessThan);
    case Kind::Greater:
      return APInt(1, x.compare(y) == APFloat::cmpGreaterThan);
    case Kind::And:
    case Kind::Or: return std::nullopt;
    }
    return std::nullopt;
  }
  APInt a = lhs.getBits(i), b = rhs.getBits(j);
  bool u = lhs.isUnsigned();
  switch (kind) {
  case Kind::Add: return a + b;
  case Kind::Sub: return a - b;
  case Kind::Mul: return a * b;
  case Kind::Div:
    // Integer Div truncates toward zero; division by zero is undefined.
    if (b.isZero() || (!u && a.isMinSignedValue() && b.isAllOnes()))
      return std::nullopt;
    return u ? a.udiv(b) : a.sdiv(b);
  case Kind::Max: return (u ? a.ult(b) : a.slt(b)) ? b : a;
  case Kind::Min: return (u ? b.ult(a) : b.slt(a)) ? b : a;
  case Kind::Equal: return APInt(1, a == b);
  case Kind::Less: return APInt(1, u ? a.ult(b) : a.slt(b));
  case Kind::Greater: return APInt(1, u ? a.ugt(b) : a.sgt(b));
  case Kind::And: return APInt(1, !a.isZero() && !b.isZero());
  case Kind::Or: return APInt(1, !a.isZero() || !b.isZero());
  }
  return std::nullopt;
}

/// Broadcasting evaluation over all operands (numpy rules).
std::optional<Literal>
evalBroadcast(const Eval &e, ArrayRef<const Literal *> ins,
              llvm::function_ref<std::optional<APInt>(ArrayRef<int64_t>)> fn) {
  SmallVector<Shape> shapes;
  for (const Literal *l : ins)
    shapes.push_back(l->shape);
  std::optional<Shape> shape = broadcastShapes(shapes);
  if (!shape)
    return std::nullopt;
  std::optional<Literal> out = e.make(*shape);
  if (!out)
    return std::nullopt;
  SmallVector<SmallVector<int64_t>> strides;
  for (const Literal *l : ins)
    strides.push_back(broadcastStrides(l->shape, *shape));
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

std::optional<Literal> evalBinary(const Eval &e, Kind kind) {
  SmallVector<const Literal *> ins;
  for (unsigned i = 0; i < e.in.size(); ++i) {
    if (!e.has(i))
      return std::nullopt;
    ins.push_back(&e.operand(i));
  }
  if (ins.empty())
    return std::nullopt;
  Type t = ins[0]->elementType;
  for (const Literal *l : ins)
    if (l->elementType != t)
      return std::nullopt;
  bool logical = kind == Kind::And || kind == Kind::Or;
  bool compare = kind == Kind::Equal || kind == Kind::Less ||
                 kind == Kind::Greater;
  if (logical && !t.isInteger(1))
    return std::nullopt;
  if ((logical || compare) ? !e.elementType.isInteger(1)
                           : e.elementType != t || t.isInteger(1))
    return std::nullopt;
  if (ins.size() == 1) { // one-input Max/Min
    if (logical || compare)
      return std::nullopt;
    Literal out = *ins[0];
    return out;
  }
  // Variadic Max/Min fold left to right; the others are binary.
  std::optional<Literal> acc = *ins[0];
  for (size_t k = 1; k < ins.size() && acc; ++k) {
    const Literal &lhs = *acc, &rhs = *ins[k];
    acc = evalBroadcast(e, {&lhs, &rhs}, [&](ArrayRef<int64_t> o) {
      return applyElement(kind, lhs, o[0], rhs, o[1]);
    });
  }
  return acc;
}

std::optional<Literal> evalWhere(const Eval &e) {
  if (!e.has(0) || !e.has(1) || !e.has(2))
    return std::nullopt;
  const Literal &c = e.operand(0), &x = e.operand(1), &y = e.operand(2);
  if (!c.elementType.isInteger(1) || x.elementType != e.elementType ||
      y.elementType != e.elementType)
    return std::nullopt;
  return evalBroadcast(e, {&c, &x, &y}, [&](ArrayRef<int64_t> o) {
    return c.getBits(o[0]).isZero() ? y.getBits(o[2]) : x.getBits(o[1]);
  });
}

std::optional<Literal> evalUnary(const Eval &e, bool isNot) {
  if (!e.has(0))
    return std::nullopt;
  const Literal &x = e.operand(0);
  if (x.elementType != e.elementType || isNot != x.elementType.isInteger(1))
    return std::nullopt;
  std::optional<Literal> out = e.make(x.shape);
  if (!out)
    return std::nullopt;
  for (int64_t i = 0, n = x.size(); i < n; ++i) {
    if (isNot) {
      out->setBits(i, APInt(1, x.getBits(i).isZero()));
    } else if (x.isFloat()) {
      APFloat f = x.getFloat(i);
      f.changeSign();
      out->setBits(i, f.bitcastToAPInt());
    } else {
      out->setBits(i, -x.getBits(i));
    }
  }
  return out;
}

/// Cast of one element per ONNX: float to integer truncates toward zero
/// (nullopt when out of range, which ONNX leaves undefined); to bool is
/// "nonzero".
std::optional<APInt> castElement(const Literal &in, int64_t i, Type to) {
  Type from = in.elementType;
  if (auto toFloat = dyn_cast<FloatType>(to)) {
    APFloat value(toFloat.getFloatSemantics());
    if (isa<FloatType>(from)) {
      value = in.getFloat(i);
      bool losesInfo;
      value.convert(toFloat.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                    &losesInfo);
    } else {
      value.convertFromAPInt(in.getBits(i), !in.isUnsigned(),
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
    llvm::APSInt value(width, toInt.isUnsigned());
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

std::optional<Literal> evalCast(const Eval &e) {
  if (!e.has(0) || !isa<IntegerType, FloatType>(e.elementType))
    return std::nullopt;
  const Literal &x = e.operand(0);
  std::optional<Literal> out = e.make(x.shape);
  if (!out)
    return std::nullopt;
  for (int64_t i = 0, n = x.size(); i < n; ++i) {
    std::optional<APInt> v = castElement(x, i, e.elementType);
    if (!v)
      return std::nullopt;
    out->setBits(i, *v);
  }
  return out;
}

/// Ops that only change the shape (Reshape, Squeeze, Unsqueeze, Flatten,
/// Identity): the data's elements in order, shaped as inferred.
std::optional<Literal> evalRetype(const Eval &e) {
  if (!e.has(0) || e.operand(0).elementType != e.elementType)
    return std::nullopt;
  std::optional<Shape> shape = inferResultShape(e.op, 0);
  if (!shape || llvm::any_of(*shape, ShapedType::isDynamic) ||
      numElements(*shape) != e.operand(0).size())
    return std::nullopt;
  Literal out = e.operand(0);
  out.shape = *shape;
  return out;
}

std::optional<Literal> evalShape(onnx::ShapeOp op, Type elementType) {
  auto in = dyn_cast<RankedTensorType>(op.getData().getType());
  if (!in || !elementType.isInteger(64))
    return std::nullopt;
  int64_t rank = in.getRank();
  auto clampIndex = [&](int64_t i) {
    return std::clamp<int64_t>(i < 0 ? i + rank : i, 0, rank);
  };
  int64_t start = clampIndex(op.getStart());
  int64_t end = op.getEnd() ? clampIndex(*op.getEnd()) : rank;
  Shape dims;
  for (int64_t i = start; i < end; ++i) {
    if (in.isDynamicDim(i))
      return std::nullopt;
    dims.push_back(in.getDimSize(i));
  }
  Literal out({static_cast<int64_t>(dims.size())}, elementType);
  for (auto [i, d] : llvm::enumerate(dims))
    out.setBits(i, APInt(64, d, /*isSigned=*/true));
  return out;
}

std::optional<Literal> evalGather(const Eval &e, int64_t axis) {
  if (!e.has(0) || !e.has(1) || e.operand(1).isFloat() ||
      e.operand(0).elementType != e.elementType)
    return std::nullopt;
  const Literal &data = e.operand(0), &indices = e.operand(1);
  int64_t rank = data.shape.size();
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return std::nullopt;
  int64_t dim = data.shape[axis];
  SmallVector<int64_t> idx = indices.getInt64s();
  for (int64_t &i : idx) {
    if (i < -dim || i >= dim) // out of bounds: an error in ONNX
      return std::nullopt;
    if (i < 0)
      i += dim;
  }
  Shape shape(data.shape.begin(), data.shape.begin() + axis);
  shape.append(indices.shape.begin(), indices.shape.end());
  shape.append(data.shape.begin() + axis + 1, data.shape.end());
  std::optional<Literal> out = e.make(shape);
  if (!out)
    return std::nullopt;
  int64_t outer = numElements(ArrayRef<int64_t>(data.shape).take_front(axis));
  int64_t inner = numElements(ArrayRef<int64_t>(data.shape).drop_front(axis + 1));
  int64_t n = 0;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i : idx)
      for (int64_t k = 0; k < inner; ++k, ++n)
        std::memcpy(out->element(n), data.element((o * dim + i) * inner + k),
                    data.bytes);
  return out;
}

std::optional<Literal> evalConcat(const Eval &e, int64_t axis) {
  if (e.in.empty())
    return std::nullopt;
  for (unsigned i = 0; i < e.in.size(); ++i)
    if (!e.has(i) || e.operand(i).elementType != e.elementType ||
        e.operand(i).shape.size() != e.operand(0).shape.size())
      return std::nullopt;
  int64_t rank = e.operand(0).shape.size();
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return std::nullopt;
  Shape shape = e.operand(0).shape;
  shape[axis] = 0;
  for (const auto &l : e.in) {
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis && l->shape[d] != shape[d])
        return std::nullopt;
    shape[axis] += l->shape[axis];
  }
  std::optional<Literal> out = e.make(shape);
  if (!out)
    return std::nullopt;
  int64_t outer = numElements(ArrayRef<int64_t>(shape).take_front(axis));
  char *dst = out->data.data();
  for (int64_t o = 0; o < outer; ++o)
    for (const auto &l : e.in) {
      int64_t block = numElements(ArrayRef<int64_t>(l->shape).drop_front(axis)) *
                      l->bytes;
      std::memcpy(dst, l->data.data() + o * block, block);
      dst += block;
    }
  return out;
}

std::optional<Literal> evalTranspose(const Eval &e, onnx::TransposeOp op) {
  if (!e.has(0) || e.operand(0).elementType != e.elementType)
    return std::nullopt;
  const Literal &x = e.operand(0);
  int64_t rank = x.shape.size();
  SmallVector<int64_t> perm;
  if (auto p = op.getPerm())
    perm.assign(p->begin(), p->end());
  else
    for (int64_t i = rank - 1; i >= 0; --i)
      perm.push_back(i);
  if (static_cast<int64_t>(perm.size()) != rank)
    return std::nullopt;
  SmallVector<int64_t> inStrides = stridesOf(x.shape), strides;
  Shape shape;
  for (int64_t p : perm) {
    if (p < 0 || p >= rank)
      return std::nullopt;
    shape.push_back(x.shape[p]);
    strides.push_back(inStrides[p]);
  }
  std::optional<Literal> out = e.make(shape);
  if (!out)
    return std::nullopt;
  forEachIndex(shape, {strides}, [&](int64_t n, ArrayRef<int64_t> o) {
    std::memcpy(out->element(n), x.element(o[0]), x.bytes);
  });
  return out;
}

std::optional<Literal> evalSlice(const Eval &e) {
  if (!e.has(0) || !e.has(1) || !e.has(2) ||
      e.operand(0).elementType != e.elementType || e.operand(1).isFloat() ||
      e.operand(2).isFloat())
    return std::nullopt;
  const Literal &x = e.operand(0);
  int64_t rank = x.shape.size();
  SmallVector<int64_t> starts = e.operand(1).getInt64s();
  SmallVector<int64_t> ends = e.operand(2).getInt64s();
  SmallVector<int64_t> axes, steps(starts.size(), 1);
  if (e.has(3)) {
    if (e.operand(3).isFloat())
      return std::nullopt;
    axes = e.operand(3).getInt64s();
  } else if (!isNone(e.op->getOperand(3))) {
    return std::nullopt;
  } else {
    for (int64_t i = 0, n = starts.size(); i < n; ++i)
      axes.push_back(i);
  }
  if (e.has(4)) {
    if (e.operand(4).isFloat())
      return std::nullopt;
    steps = e.operand(4).getInt64s();
  } else if (!isNone(e.op->getOperand(4))) {
    return std::nullopt;
  }
  if (ends.size() != starts.size() || axes.size() != starts.size() ||
      steps.size() != starts.size())
    return std::nullopt;
  SmallVector<int64_t> first(rank, 0), step(rank, 1);
  Shape shape = x.shape;
  SmallVector<bool> seen(rank, false);
  for (size_t k = 0; k < axes.size(); ++k) {
    int64_t axis = axes[k] < 0 ? axes[k] + rank : axes[k];
    if (axis < 0 || axis >= rank || seen[axis] || steps[k] == 0)
      return std::nullopt;
    seen[axis] = true;
    SliceAxis range =
        normalizeSliceAxis(x.shape[axis], starts[k], ends[k], steps[k]);
    first[axis] = range.first;
    step[axis] = steps[k];
    shape[axis] = range.count;
  }
  std::optional<Literal> out = e.make(shape);
  if (!out)
    return std::nullopt;
  if (out->size() == 0)
    return out;
  SmallVector<int64_t> inStrides = stridesOf(x.shape), strides;
  int64_t base = 0;
  for (int64_t d = 0; d < rank; ++d) {
    base += first[d] * inStrides[d];
    strides.push_back(step[d] * inStrides[d]);
  }
  forEachIndex(shape, {strides}, [&](int64_t n, ArrayRef<int64_t> o) {
    std::memcpy(out->element(n), x.element(base + o[0]), x.bytes);
  });
  return out;
}

std::optional<Literal> evalExpand(const Eval &e) {
  if (!e.has(0) || !e.has(1) || e.operand(1).isFloat() ||
      e.operand(0).elementType != e.elementType)
    return std::nullopt;
  const Literal &x = e.operand(0);
  Shape target(e.operand(1).getInt64s());
  std::optional<Shape> shape = broadcastShapes({x.shape, target});
  if (!shape)
    return std::nullopt;
  std::optional<Literal> out = e.make(*shape);
  if (!out)
    return std::nullopt;
  forEachIndex(*shape, {broadcastStrides(x.shape, *shape)},
               [&](int64_t n, ArrayRef<int64_t> o) {
                 std::memcpy(out->element(n), x.element(o[0]), x.bytes);
               });
  return out;
}

std::optional<Literal> evalTile(const Eval &e) {
  if (!e.has(0) || !e.has(1) || e.operand(1).isFloat() ||
      e.operand(0).elementType != e.elementType)
    return std::nullopt;
  const Literal &x = e.operand(0);
  SmallVector<int64_t> repeats = e.operand(1).getInt64s();
  if (repeats.size() != x.shape.size())
    return std::nullopt;
  Shape shape;
  for (auto [d, r] : llvm::zip(x.shape, repeats)) {
    if (r < 0)
      return std::nullopt;
    shape.push_back(d * r);
  }
  std::optional<Literal> out = e.make(shape);
  if (!out)
    return std::nullopt;
  int64_t rank = shape.size();
  SmallVector<int64_t> inStrides = stridesOf(x.shape), index(rank, 0);
  for (int64_t n = 0, total = out->size(); n < total; ++n) {
    int64_t src = 0;
    for (int64_t d = 0; d < rank; ++d)
      src += (index[d] % x.shape[d]) * inStrides[d];
    std::memcpy(out->element(n), x.element(src), x.bytes);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
  return out;
}

std::optional<Literal> evalRange(const Eval &e) {
  for (unsigned i = 0; i < 3; ++i)
    if (!e.has(i) || e.operand(i).size() != 1 ||
        e.operand(i).elementType != e.elementType)
      return std::nullopt;
  const Literal &start = e.operand(0), &limit = e.operand(1),
                &delta = e.operand(2);
  if (start.isFloat()) {
    auto rm = APFloat::rmNearestTiesToEven;
    APFloat count = limit.getFloat(0);
    count.subtract(start.getFloat(0), rm);
    count.divide(delta.getFloat(0), rm);
    count.roundToIntegral(APFloat::rmTowardPositive);
    if (!count.isFinite())
      return std::nullopt;
    double c = std::max(toDouble(count), 0.0);
    if (c > static_cast<double>(e.limit))
      return std::nullopt;
    std::optional<Literal> out = e.make({static_cast<int64_t>(c)});
    if (!out)
      return std::nullopt;
    auto type = cast<FloatType>(e.elementType);
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
  if (count > e.limit)
    return std::nullopt;
  std::optional<Literal> out = e.make({static_cast<int64_t>(count)});
  if (!out)
    return std::nullopt;
  unsigned width = e.elementType.getIntOrFloatBitWidth();
  // start + i * delta, wrapping like the element type (no signed overflow
  // in C++).
  APInt value(64, s, /*isSigned=*/true), step(64, d, /*isSigned=*/true);
  for (int64_t i = 0; i < static_cast<int64_t>(count); ++i, value += step)
    out->setBits(i, value.trunc(width));
  return out;
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

/// Replaces `op`'s single result with `value`'s constant; fails when the
/// constant's type does not refine the declared type or users would not
/// accept the new type.
LogicalResult replaceWithLiteral(Operation *op, const Literal &value,
                                 PatternRewriter &rewriter) {
  Value result = op->getResult(0);
  auto declared = dyn_cast<TensorType>(result.getType());
  if (!declared || declared.getElementType() != value.elementType)
    return failure();
  auto type = RankedTensorType::get(value.shape, value.elementType);
  if (type != declared) {
    if (!refineType(declared, value.shape) || !usersAcceptRetype(result))
      return failure();
  }
  Value constant = buildConstant(rewriter, op->getLoc(), value);
  rewriter.replaceOp(op, constant);
  return success();
}

/// Evaluates an onnx op whose operands are all constants.
struct EvaluateConstantOp : RewritePattern {
  EvaluateConstantOp(MLIRContext *ctx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<onnx::OnnxDialect>(op->getDialect()) ||
        isa<onnx::ConstantOp, onnx::NoValueOp>(op) || op->getNumResults() != 1)
      return failure();
    auto resultType = dyn_cast<TensorType>(op->getResult(0).getType());
    if (!resultType)
      return failure();
    Type elementType = resultType.getElementType();
    if (!isa<IntegerType, FloatType>(elementType))
      return failure();

    if (auto shape = dyn_cast<onnx::ShapeOp>(op)) {
      std::optional<Literal> value = evalShape(shape, elementType);
      return value ? replaceWithLiteral(op, *value, rewriter) : failure();
    }
    if (auto cos = dyn_cast<onnx::ConstantOfShapeOp>(op))
      return foldConstantOfShape(cos, elementType, rewriter);

    Eval e{op, {}, elementType, kFoldElementLimit};
    int64_t operandElements = 0;
    for (Value v : op->getOperands()) {
      if (isNone(v)) {
        e.in.push_back(std::nullopt);
        continue;
      }
      std::optional<Literal> lit = getLiteral(v);
      if (!lit)
        return failure();
      operandElements += lit->size();
      e.in.push_back(std::move(lit));
    }
    e.limit = std::max(kFoldElementLimit, operandElements);

    std::optional<Literal> value;
    if (isa<onnx::ReshapeOp, onnx::SqueezeOp, onnx::UnsqueezeOp,
            onnx::FlattenOp, onnx::IdentityOp>(op))
      value = evalRetype(e);
    else if (auto gather = dyn_cast<onnx::GatherOp>(op))
      value = evalGather(e, gather.getAxis());
    else if (auto concat = dyn_cast<onnx::ConcatOp>(op))
      value = evalConcat(e, concat.getAxis());
    else if (auto transpose = dyn_cast<onnx::TransposeOp>(op))
      value = evalTranspose(e, transpose);
    else if (isa<onnx::SliceOp>(op))
      value = evalSlice(e);
    else if (isa<onnx::CastOp>(op))
      value = evalCast(e);
    else if (isa<onnx::ExpandOp>(op))
      value = evalExpand(e);
    else if (isa<onnx::TileOp>(op))
      value = evalTile(e);
    else if (isa<onnx::RangeOp>(op))
      value = evalRange(e);
    else if (isa<onnx::WhereOp>(op))
      value = evalWhere(e);
    else if (isa<onnx::NegOp>(op))
      value = evalUnary(e, /*isNot=*/false);
    else if (isa<onnx::NotOp>(op))
      value = evalUnary(e, /*isNot=*/true);
    else if (std::optional<Kind> kind = binaryKind(op))
      value = evalBinary(e, *kind);
    if (!value)
      return failure();
    return replaceWithLiteral(op, *value, rewriter);
  }

  static std::optional<Kind> binaryKind(Operation *op) {
    if (isa<onnx::AddOp>(op)) return Kind::Add;
    if (isa<onnx::SubOp>(op)) return Kind::Sub;
    if (isa<onnx::MulOp>(op)) return Kind::Mul;
    if (isa<onnx::DivOp>(op)) return Kind::Div;
    if (isa<onnx::MaxOp>(op)) return Kind::Max;
    if (isa<onnx::MinOp>(op)) return Kind::Min;
    if (isa<onnx::EqualOp>(op)) return Kind::Equal;
    if (isa<onnx::LessOp>(op)) return Kind::Less;
    if (isa<onnx::GreaterOp>(op)) return Kind::Greater;
    if (isa<onnx::AndOp>(op)) return Kind::And;
    if (isa<onnx::OrOp>(op)) return Kind::Or;
    return std::nullopt;
  }

  /// ConstantOfShape is a splat whatever its size: never expanded.
  static LogicalResult foldConstantOfShape(onnx::ConstantOfShapeOp op,
                                           Type elementType,
                                           PatternRewriter &rewriter) {
    std::optional<Literal> shapeLit = getLiteral(op.getInput());
    if (!shapeLit || shapeLit->isFloat())
      return failure();
    Shape shape(shapeLit->getInt64s());
    if (llvm::any_of(shape, [](int64_t d) { return d < 0; }))
      return failure();
    Literal one({}, elementType);
    if (std::optional<Attribute> value = op.getValue()) {
      std::optional<Literal> v;
      if (auto elements = dyn_cast<ElementsAttr>(*value)) {
        std::optional<onnx::ConstantTensor> c =
            onnx::ConstantTensor::get(Attribute(elements));
        if (!c || c->size() != 1 || c->getElementType() != elementType)
          return failure();
        one.setBits(0, c->getBits(0));
      } else {
        return failure();
      }
    } // else the default, float 0.0: all bits zero.
    auto type = RankedTensorType::get(shape, elementType);
    auto declared = cast<TensorType>(op.getType());
    if (type != declared &&
        (!refineType(declared, shape) || !usersAcceptRetype(op.getResult())))
      return failure();
    ElementsAttr attr = onnx::buildElements(type, one.data, false);
    rewriter.replaceOp(
        op, onnx::ConstantOp::create(rewriter, op.getLoc(), type, attr)
                .getResult());
    return success();
  }
};

/// Gives an onnx op's results the more static type inferred from its
/// operands.
struct RefineResultTypes : RewritePattern {
  RefineResultTypes(MLIRContext *ctx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/2, ctx) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<onnx::OnnxDialect>(op->getDialect()) ||
        isa<onnx::ConstantOp, onnx::NoValueOp>(op))
      return failure();
    SmallVector<std::pair<unsigned, RankedTensorType>> updates;
    for (auto [i, result] : llvm::enumerate(op->getResults())) {
      auto type = dyn_cast<TensorType>(result.getType());
      if (!type || type.hasStaticShape())
        continue;
      std::optional<Shape> shape = inferResultShape(op, i);
      if (!shape)
        continue;
      RankedTensorType refined = refineType(type, *shape);
      if (refined && usersAcceptRetype(result))
        updates.push_back({static_cast<unsigned>(i), refined});
    }
    if (updates.empty())
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      for (auto [i, type] : updates)
        op->getResult(i).setType(type);
    });
    return success();
  }
};

/// Whether `v` is `none` or a constant whose elements all equal `value`.
bool allEqualTo(Value v, int64_t value) {
  std::optional<Literal> lit = getLiteral(v);
  if (!lit || lit->isFloat())
    return false;
  return llvm::all_of(lit->getInt64s(),
                      [&](int64_t x) { return x == value; });
}

/// Expand/Tile/Slice/Pad that return their input unchanged.
struct RemoveNoOps : RewritePattern {
  RemoveNoOps(MLIRContext *ctx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<onnx::ExpandOp, onnx::TileOp, onnx::SliceOp, onnx::PadOp>(op))
      return failure();
    Value input = op->getOperand(0), result = op->getResult(0);
    auto type = dyn_cast<RankedTensorType>(input.getType());
    if (!type || !type.hasStaticShape() || type != result.getType())
      return failure();
    bool noOp = false;
    if (auto expand = dyn_cast<onnx::ExpandOp>(op)) {
      // The result type equals the input's, so the shape did not broadcast.
      noOp = getLiteral(expand.getShape()).has_value();
    } else if (auto tile = dyn_cast<onnx::TileOp>(op)) {
      noOp = allEqualTo(tile.getRepeats(), 1);
    } else if (auto slice = dyn_cast<onnx::SliceOp>(op)) {
      // Same static type: every sliced axis kept all its elements; with
      // positive steps that is the whole axis in order.
      noOp = (isNone(slice.getSteps()) || allEqualTo(slice.getSteps(), 1)) &&
             getLiteral(slice.getStarts()) && getLiteral(slice.getEnds());
    } else if (auto pad = dyn_cast<onnx::PadOp>(op)) {
      noOp = allEqualTo(pad.getPads(), 0);
    }
    if (!noOp)
      return failure();
    rewriter.replaceOp(op, input);
    return success();
  }
};

struct OnnxFoldConstantsPass
    : edgec::impl::OnnxFoldConstantsBase<OnnxFoldConstantsPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<EvaluateConstantOp, RefineResultTypes, RemoveNoOps>(ctx);
    GreedyRewriteConfig config;
    config.setMaxIterations(32);
    // Not converging within the bound is no error: every step kept the IR
    // valid.
    (void)applyPatternsGreedily(getOperation(), std::move(patterns), config);
    updateFunctionResultTypes(getOperation());
  }
};

} // namespace
