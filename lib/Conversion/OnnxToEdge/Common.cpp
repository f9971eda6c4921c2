//===- Common.cpp - helpers shared by the onnx -> edge patterns -----------===//
#include "Common.h"

#include "edgec/Support/NodeName.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/APFloat.h"

using namespace mlir;
using namespace edgec;
using namespace edgec::conv;

LogicalResult conv::nodeError(Operation *op, const Twine &reason) {
  op->emitError() << describeOp(op) << ": " << reason;
  return failure();
}

RankedTensorType conv::getStaticType(Value v) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t && t.hasStaticShape() ? t : RankedTensorType();
}

LogicalResult conv::requireStaticShapes(Operation *op) {
  auto check = [&](Value v, StringRef what, unsigned i) -> LogicalResult {
    if (isa<NoneType>(v.getType()) || getStaticType(v))
      return success();
    return nodeError(op, Twine(what) + " " + Twine(i) + " has type " +
                             [&] {
                               std::string s;
                               llvm::raw_string_ostream os(s);
                               os << v.getType();
                               return s;
                             }() +
                             ": edge needs static shapes (give "
                             "--input-shape on import)");
  };
  for (auto [i, v] : llvm::enumerate(op->getOperands()))
    if (failed(check(v, "operand", i)))
      return failure();
  for (auto [i, v] : llvm::enumerate(op->getResults()))
    if (failed(check(v, "result", i)))
      return failure();
  return success();
}

static std::string typeString(Type t) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << t;
  return s;
}

LogicalResult conv::requireF32(Operation *op, Value v) {
  Type t = getElementTypeOrSelf(v.getType());
  if (t.isF32())
    return success();
  return nodeError(op, "element type " + typeString(t) +
                           " is not supported (float lowering handles f32)");
}

LogicalResult conv::requireArithType(Operation *op, Value v) {
  Type t = getElementTypeOrSelf(v.getType());
  if (t.isF32() || t.isSignlessInteger(8) || t.isSignlessInteger(16) ||
      t.isSignlessInteger(32))
    return success();
  return nodeError(op, "element type " + typeString(t) +
                           " has no edge kernel (f32, i8, i16, i32)");
}

bool conv::isEdgeDataType(Type t) {
  return t.isF32() || t.isSignlessInteger(1) || t.isSignlessInteger(8) ||
         t.isSignlessInteger(16) || t.isSignlessInteger(32) ||
         t.isSignlessInteger(64);
}

std::optional<SmallVector<int64_t>> conv::getConstInts(Value v) {
  if (isNone(v))
    return std::nullopt;
  auto c = ConstantTensor::get(v);
  if (!c || c->isFloat())
    return std::nullopt;
  return c->getInt64s();
}

float conv::getFloatAt(const ConstantTensor &c, int64_t i) {
  APFloat f = c.getFloat(i);
  bool lost;
  f.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven, &lost);
  return f.convertToFloat();
}

std::optional<SmallVector<float>> conv::getConstFloats(Value v) {
  if (isNone(v))
    return std::nullopt;
  auto c = ConstantTensor::get(v);
  if (!c)
    return std::nullopt;
  SmallVector<float> out;
  for (int64_t i = 0; i < c->size(); ++i)
    out.push_back(c->isFloat() ? getFloatAt(*c, i)
                               : static_cast<float>(c->getInt64(i)));
  return out;
}

Value conv::createF32Constant(OpBuilder &b, Location loc,
                              ArrayRef<int64_t> shape, ArrayRef<float> values,
                              StringRef name) {
  auto type = RankedTensorType::get(shape, b.getF32Type());
  ArrayRef<char> data(reinterpret_cast<const char *>(values.data()),
                      values.size() * sizeof(float));
  return edge::ConstantOp::create(
      b, loc, buildElementsAttr(type, data, name, ConstantForm::InlineIfSmall));
}

Value conv::createScalar(OpBuilder &b, Location loc, float value) {
  return createF32Constant(b, loc, {}, {value});
}

Value conv::createReshape(OpBuilder &b, Location loc, Value v,
                          ArrayRef<int64_t> shape) {
  auto type = RankedTensorType::get(
      shape, cast<RankedTensorType>(v.getType()).getElementType());
  if (type == v.getType())
    return v;
  return edge::ReshapeOp::create(b, loc, type, v);
}

SmallVector<int64_t> conv::toChannelsLastPerm(int64_t rank) {
  SmallVector<int64_t> perm{0};
  for (int64_t i = 2; i < rank; ++i)
    perm.push_back(i);
  perm.push_back(1);
  return perm;
}

SmallVector<int64_t> conv::toChannelsFirstPerm(int64_t rank) {
  return invertPermutation(toChannelsLastPerm(rank));
}

std::optional<int64_t> conv::normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

FailureOr<SmallVector<int64_t>>
conv::resolvePads(Operation *op, StringRef autoPad,
                  std::optional<ArrayRef<int64_t>> pads, ArrayRef<int64_t> in,
                  ArrayRef<int64_t> k, ArrayRef<int64_t> s,
                  ArrayRef<int64_t> d) {
  size_t n = in.size();
  SmallVector<int64_t> result(2 * n, 0);
  if (autoPad == "NOTSET") {
    if (pads) {
      if (pads->size() != 2 * n)
        return nodeError(op, "pads has " + Twine(pads->size()) +
                                 " entries, expected " + Twine(2 * n));
      for (int64_t p : *pads)
        if (p < 0)
          return nodeError(op, "negative pads are not supported");
      result.assign(pads->begin(), pads->end());
    }
    return result;
  }
  if (autoPad == "VALID")
    return result;
  if (autoPad != "SAME_UPPER" && autoPad != "SAME_LOWER")
    return nodeError(op, "unknown auto_pad '" + autoPad + "'");
  for (size_t i = 0; i < n; ++i) {
    int64_t out = (in[i] + s[i] - 1) / s[i];
    int64_t total =
        std::max<int64_t>(0, (out - 1) * s[i] + (k[i] - 1) * d[i] + 1 - in[i]);
    int64_t small = total / 2, big = total - small;
    result[i] = autoPad == "SAME_UPPER" ? small : big;
    result[i + n] = autoPad == "SAME_UPPER" ? big : small;
  }
  return result;
}

SmallVector<int64_t> conv::toEdgePads(ArrayRef<int64_t> p) {
  if (p.size() == 2)
    return {0, p[0], 0, p[1]};
  return {p[0], p[1], p[2], p[3]};
}

/// Makes `x` ([N, C, L] or [N, C, H, W]) a 4-D NHWC value.
Value conv::toNHWC(OpBuilder &b, Location loc, Value x) {
  auto t = cast<RankedTensorType>(x.getType());
  if (t.getRank() == 3)
    x = createReshape(b, loc, x, {t.getDimSize(0), t.getDimSize(1), 1,
                                  t.getDimSize(2)});
  return createTranspose(b, loc, x, {0, 2, 3, 1});
}

/// Brings an NHWC result back to the ONNX result type (NCHW, or NCL).
Value conv::fromNHWC(OpBuilder &b, Location loc, Value y, RankedTensorType onnxType) {
  Value r = createTranspose(b, loc, y, {0, 3, 1, 2});
  return createReshape(b, loc, r, onnxType.getShape());
}

/// The NHWC result type for an ONNX NCHW / NCL result type.
RankedTensorType conv::nhwcType(RankedTensorType t) {
  ArrayRef<int64_t> s = t.getShape();
  SmallVector<int64_t> shape =
      s.size() == 3 ? SmallVector<int64_t>{s[0], 1, s[2], s[1]}
                    : SmallVector<int64_t>{s[0], s[2], s[3], s[1]};
  return RankedTensorType::get(shape, t.getElementType());
}

SmallVector<int64_t> conv::to2D(ArrayRef<int64_t> v, bool oneD, int64_t fill) {
  if (oneD)
    return {fill, v[0]};
  return {v[0], v[1]};
}
