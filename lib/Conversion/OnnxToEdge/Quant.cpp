//===- Quant.cpp - ONNX quantization ops to edge --------------------------===//
//
// Pre-quantized ONNX models (docs/quantization.md, "Pre-quantized models").
//
// * QDQ form: QuantizeLinear whose users are all DequantizeLinear nodes with
//   the same parameters becomes edge.quantize, each DequantizeLinear
//   edge.dequantize of it; DequantizeLinear of a constant becomes a quantized
//   edge.constant (the given integers and scales, uint8 mapped to int8) and
//   edge.dequantize. edge-fold-qdq then turns dequantize -> float op ->
//   quantize into integer ops.
// * Everything else -- QuantizeLinear / DequantizeLinear at graph inputs and
//   outputs, ConvInteger, MatMulInteger, QLinearConv, QLinearMatMul -- is
//   lowered to exact plain arithmetic: zero points subtracted in i16, an
//   integer conv2d / matmul accumulating in i32, and for QLinear* the ONNX
//   Runtime requantization in float (acc * (s_x * s_w / s_y), rounded half
//   to even, plus the output zero point, saturated). Zero points may be
//   anything and weights may be graph inputs. uint8 values enter and leave
//   through edge.cast (the only edge op taking ui8).
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "edgec/Conversion/OnnxToEdge/OnnxToEdge.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinOps.h"

#include <cmath>
#include <cstring>

using namespace mlir;
using namespace edgec;
using namespace edgec::conv;
namespace qt = mlir::quant;

namespace {

/// Scales and zero points of one quantized tensor (per tensor when `axis`
/// is -1, else along `axis`).
struct QInfo {
  SmallVector<float> scales;
  SmallVector<int64_t> zeroPoints;
  int64_t axis = -1;
  /// The quantized tensor's element type: ui8, i8 or i32.
  Type storage;
};

bool isU8(Type t) { return t.isUnsignedInteger(8); }
bool isS8(Type t) { return t.isSignlessInteger(8) || t.isSignedInteger(8); }
bool isS32(Type t) { return t.isSignlessInteger(32) || t.isSignedInteger(32); }

/// Reads scale / zero point operands (constants; graph inputs must be frozen
/// or be initializers). `storage` is the quantized tensor's element type.
FailureOr<QInfo> readQInfo(Operation *op, Value scale, Value zp,
                           Type storage, int64_t rank, int64_t axisAttr,
                           StringRef what) {
  QInfo q;
  q.storage = storage;
  auto s = getConstFloats(scale);
  if (!s)
    return nodeError(op, Twine(what) +
                             " scale is not a constant (edgec needs the "
                             "quantization parameters at compile time)");
  SmallVector<int64_t> z;
  if (!isNone(zp)) {
    auto zs = getConstInts(zp);
    if (!zs)
      return nodeError(op, Twine(what) + " zero point is not a constant");
    z = *zs;
    if (z.size() != s->size())
      return nodeError(op, Twine(what) +
                               " scale and zero point differ in size");
  } else {
    z.assign(s->size(), 0);
  }
  for (float v : *s)
    if (!(v > 0.0f) || std::isinf(v))
      return nodeError(op, Twine(what) + " scale must be positive and finite");
  auto st = dyn_cast<RankedTensorType>(scale.getType());
  if (st && st.getRank() >= 1 && s->size() > 1) {
    auto a = normalizeAxis(axisAttr, rank);
    if (!a)
      return nodeError(op, "axis " + Twine(axisAttr) + " is out of range");
    q.axis = *a;
  }
  q.scales = *s;
  q.zeroPoints = z;
  return q;
}

/// The edge quantized element type of `q`: signed storage, uint8 values u
/// with zero point z stored as u - 128 with zero point z - 128.
Type edgeQuantType(MLIRContext *ctx, const QInfo &q) {
  unsigned bits = isS32(q.storage) ? 32 : 8;
  bool u8 = isU8(q.storage);
  auto storage = IntegerType::get(ctx, bits);
  auto f32 = Float32Type::get(ctx);
  int64_t lo = bits == 32 ? INT32_MIN : -128, hi = bits == 32 ? INT32_MAX : 127;
  SmallVector<int64_t> zps;
  for (int64_t z : q.zeroPoints)
    zps.push_back(u8 ? z - 128 : z);
  if (q.axis < 0)
    return qt::UniformQuantizedType::get(qt::QuantizationFlags::Signed,
                                         storage, f32, q.scales[0], zps[0], lo,
                                         hi);
  SmallVector<double> scales(q.scales.begin(), q.scales.end());
  return qt::UniformQuantizedPerAxisType::get(qt::QuantizationFlags::Signed,
                                              storage, f32, scales, zps,
                                              q.axis, lo, hi);
}

/// The shape a per-axis parameter vector broadcasts with against a tensor
/// of rank `rank` (numpy rules): [n, 1, ..., 1] with rank - axis dims.
SmallVector<int64_t> paramShape(int64_t n, int64_t axis, int64_t rank) {
  if (axis < 0)
    return {};
  SmallVector<int64_t> shape{n};
  shape.append(rank - axis - 1, 1);
  return shape;
}

template <typename OpT>
Value binary(OpBuilder &b, Location loc, Value x, Value y) {
  return OpT::create(b, loc, x.getType(), x, y, edge::ActivationAttr());
}

Value castTo(OpBuilder &b, Location loc, Value v, Type elem) {
  auto t = cast<RankedTensorType>(v.getType());
  if (t.getElementType() == elem)
    return v;
  return edge::CastOp::create(b, loc, t.clone(elem), v);
}

/// An i16 edge.constant.
Value createI16Constant(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                        ArrayRef<int16_t> values, StringRef name) {
  auto type = RankedTensorType::get(shape, b.getIntegerType(16));
  ArrayRef<char> data(reinterpret_cast<const char *>(values.data()),
                      values.size() * sizeof(int16_t));
  return edge::ConstantOp::create(
      b, loc, buildElementsAttr(type, data, name, ConstantForm::InlineIfSmall));
}

/// (v - zp) as i16: v is an 8-bit (ui8 / i8) tensor, zp scalar or a vector
/// broadcasting along `axis`. Constant v is folded at compile time.
FailureOr<Value> subZeroPointI16(OpBuilder &b, Operation *op, Value v,
                                 ArrayRef<int64_t> zps, int64_t axis,
                                 StringRef name) {
  Location loc = op->getLoc();
  auto t = getStaticType(v);
  if (!t || !(isU8(t.getElementType()) || isS8(t.getElementType())))
    return nodeError(op, Twine(name) + " must be a static uint8 or int8 tensor");
  auto i16 = b.getIntegerType(16);
  if (auto c = ConstantTensor::get(v)) {
    int64_t n = c->size(), inner = 1;
    for (int64_t d = axis + 1; axis >= 0 && d < t.getRank(); ++d)
      inner *= t.getDimSize(d);
    SmallVector<int16_t> vals(n);
    for (int64_t i = 0; i < n; ++i) {
      int64_t z = zps.size() == 1 ? zps[0] : zps[(i / inner) % zps.size()];
      vals[i] = static_cast<int16_t>(c->getInt64(c->isSplat() ? 0 : i) - z);
    }
    return createI16Constant(b, loc, t.getShape(), vals,
                             getNodeName(op) + "." + name.str() + ".i16");
  }
  Value x = castTo(b, loc, v, i16);
  if (llvm::all_of(zps, [](int64_t z) { return z == 0; }))
    return x;
  SmallVector<int16_t> z16(zps.begin(), zps.end());
  Value zc = createI16Constant(
      b, loc, paramShape(zps.size(), zps.size() == 1 ? -1 : axis, t.getRank()),
      z16, getNodeName(op) + "." + name.str() + ".zp");
  return binary<edge::SubOp>(b, loc, x, zc);
}

/// ONNX QuantizeLinear's arithmetic on f32 `x` (already divided or
/// multiplied into the output's scale units): round half to even, add the
/// zero point(s) `zp` (scalar or [n, 1, ...]), saturate to the storage range
/// and cast to `storage` (ui8 / i8).
Value roundAddZeroPointSaturate(OpBuilder &b, Location loc, Value x,
                                ArrayRef<int64_t> zps,
                                ArrayRef<int64_t> zpShape, Type storage,
                                StringRef name) {
  MLIRContext *ctx = b.getContext();
  Value r = edge::UnaryOp::create(
      b, loc, x.getType(),
      edge::UnaryKindAttr::get(ctx, edge::UnaryKind::round), x);
  if (llvm::any_of(zps, [](int64_t z) { return z != 0; })) {
    SmallVector<float> zf(zps.begin(), zps.end());
    r = binary<edge::AddOp>(b, loc, r,
                            createF32Constant(b, loc, zpShape, zf, name));
  }
  float lo = isU8(storage) ? 0.0f : -128.0f, hi = isU8(storage) ? 255.0f : 127.0f;
  r = edge::ActivationOp::create(b, loc, r.getType(), r,
                                 edge::ActivationAttr::getClip(ctx, lo, hi));
  return castTo(b, loc, r, storage);
}

/// Whether two constant operands hold the same values (absent = absent).
bool sameConstant(Value a, Value b) {
  if (isNone(a) || isNone(b))
    return isNone(a) && isNone(b);
  if (a == b)
    return true;
  auto ca = ConstantTensor::get(a), cb = ConstantTensor::get(b);
  if (!ca || !cb || ca->getType() != cb->getType() || ca->size() != cb->size())
    return false;
  for (int64_t i = 0; i < ca->size(); ++i)
    if (ca->getBits(ca->isSplat() ? 0 : i) != cb->getBits(cb->isSplat() ? 0 : i))
      return false;
  return true;
}

//===----------------------------------------------------------------------===//
// QuantizeLinear / DequantizeLinear
//===----------------------------------------------------------------------===//

struct QuantizeLinearLowering : OpRewritePattern<onnx::QuantizeLinearOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(onnx::QuantizeLinearOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) || failed(requireF32(op, op.getX())))
      return failure();
    auto yT = getStaticType(op.getY());
    Type storage = yT.getElementType();
    if (!isU8(storage) && !isS8(storage))
      return nodeError(op, "only uint8 and int8 results are supported");
    auto q = readQInfo(op, op.getYScale(), op.getYZeroPoint(), storage,
                       yT.getRank(), op.getAxis(), "y");
    if (failed(q))
      return failure();
    Location loc = op.getLoc();

    // QDQ: every user dequantizes with the same parameters.
    bool qdq = !op.getY().use_empty() &&
               llvm::all_of(op.getY().getUsers(), [&](Operation *u) {
                 auto dq = dyn_cast<onnx::DequantizeLinearOp>(u);
                 return dq && dq.getX() == op.getY() &&
                        sameConstant(dq.getXScale(), op.getYScale()) &&
                        sameConstant(dq.getXZeroPoint(), op.getYZeroPoint()) &&
                        (q->axis < 0 || dq.getAxis() == op.getAxis());
               });
    if (qdq) {
      Type qType = yT.clone(edgeQuantType(op.getContext(), *q));
      Value v = edge::QuantizeOp::create(rewriter, loc, qType, op.getX());
      rewriter.replaceOpWithNewOp<UnrealizedConversionCastOp>(op, yT, v);
      return success();
    }

    // Exact ONNX arithmetic: saturate(round(x / scale) + zero_point).
    SmallVector<int64_t> shape =
        paramShape(q->scales.size(), q->axis, yT.getRank());
    Value x = binary<edge::DivOp>(
        rewriter, loc, op.getX(),
        createF32Constant(rewriter, loc, shape, q->scales,
                          getNodeName(op) + ".scale"));
    rewriter.replaceOp(op, roundAddZeroPointSaturate(
                               rewriter, loc, x, q->zeroPoints, shape, storage,
                               getNodeName(op) + ".zp"));
    return success();
  }
};

struct DequantizeLinearLowering : OpRewritePattern<onnx::DequantizeLinearOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(onnx::DequantizeLinearOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    auto xT = getStaticType(op.getX());
    auto yT = getStaticType(op.getY());
    Type storage = xT.getElementType();
    if (!isU8(storage) && !isS8(storage) && !isS32(storage))
      return nodeError(op, "only uint8, int8 and int32 inputs are supported");
    auto q = readQInfo(op, op.getXScale(), op.getXZeroPoint(), storage,
                       xT.getRank(), op.getAxis(), "x");
    if (failed(q))
      return failure();
    Location loc = op.getLoc();
    Type qType = xT.clone(edgeQuantType(op.getContext(), *q));

    // QDQ: the QuantizeLinear lowering left its edge.quantize behind a cast.
    if (auto cast = op.getX().getDefiningOp<UnrealizedConversionCastOp>()) {
      if (cast.getNumOperands() == 1 &&
          cast.getOperand(0).getType() == qType) {
        rewriter.replaceOpWithNewOp<edge::DequantizeOp>(op, yT,
                                                        cast.getOperand(0));
        return success();
      }
    }

    // Constant: the stored integers as a quantized edge.constant.
    if (auto c = ConstantTensor::get(op.getX())) {
      bool u8 = isU8(storage);
      unsigned bytes = isS32(storage) ? 4 : 1;
      int64_t n = xT.getNumElements();
      std::vector<char> data(n * bytes);
      for (int64_t i = 0; i < n; ++i) {
        int64_t v = c->getInt64(c->isSplat() ? 0 : i) - (u8 ? 128 : 0);
        if (bytes == 1) {
          data[i] = static_cast<char>(static_cast<int8_t>(v));
        } else {
          int32_t v32 = static_cast<int32_t>(v);
          std::memcpy(&data[i * 4], &v32, 4);
        }
      }
      auto valueType = xT.clone(rewriter.getIntegerType(bytes * 8));
      Value w = edge::ConstantOp::create(
          rewriter, loc, qType,
          buildElementsAttr(valueType, data, deriveName(op.getX(), op, "q"),
                            ConstantForm::InlineIfSmall));
      rewriter.replaceOpWithNewOp<edge::DequantizeOp>(op, yT, w);
      return success();
    }

    // Anything else (a graph input): (float(x) - zero_point) * scale.
    SmallVector<int64_t> shape =
        paramShape(q->scales.size(), q->axis, xT.getRank());
    Value x = castTo(rewriter, loc, op.getX(), rewriter.getF32Type());
    if (llvm::any_of(q->zeroPoints, [](int64_t z) { return z != 0; })) {
      SmallVector<float> zf(q->zeroPoints.begin(), q->zeroPoints.end());
      x = binary<edge::SubOp>(rewriter, loc, x,
                              createF32Constant(rewriter, loc, shape, zf,
                                                getNodeName(op) + ".zp"));
    }
    x = binary<edge::MulOp>(rewriter, loc, x,
                            createF32Constant(rewriter, loc, shape, q->scales,
                                              getNodeName(op) + ".scale"));
    rewriter.replaceOp(op, x);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// ConvInteger / QLinearConv
//===----------------------------------------------------------------------===//

/// Zero points of an operand: constant values, or 0 when absent.
FailureOr<SmallVector<int64_t>> zeroPoints(Operation *op, Value zp,
                                           StringRef what) {
  if (isNone(zp))
    return SmallVector<int64_t>{0};
  auto z = getConstInts(zp);
  if (!z || z->empty())
    return nodeError(op, Twine(what) + " zero point is not a constant");
  return *z;
}

/// The integer convolution of ConvInteger / QLinearConv: (x - x_zp) conv
/// (w - w_zp) (+ bias), NHWC i32 result. `bias` may be null.
template <typename OpT>
FailureOr<Value> integerConv(PatternRewriter &b, OpT op, Value x, Value w,
                             ArrayRef<int64_t> xzp, ArrayRef<int64_t> wzp,
                             Value bias) {
  auto xT = getStaticType(x), wT = getStaticType(w);
  if (!xT || !wT || xT.getRank() != 4 || wT.getRank() != 4)
    return nodeError(op, "only 2-D integer convolutions are supported");
  if (xzp.size() != 1)
    return nodeError(op, "x zero point must be a scalar");
  int64_t o = wT.getDimSize(0);
  if (wzp.size() != 1 && int64_t(wzp.size()) != o)
    return nodeError(op, "w zero point must be a scalar or have one entry "
                         "per output channel");
  SmallVector<int64_t> k(wT.getShape().begin() + 2, wT.getShape().end());
  SmallVector<int64_t> s(2, 1), d(2, 1);
  if (auto a = op.getStrides())
    s.assign(a->begin(), a->end());
  if (auto a = op.getDilations())
    d.assign(a->begin(), a->end());
  SmallVector<int64_t> in(xT.getShape().begin() + 2, xT.getShape().end());
  auto pads = resolvePads(op, op.getAutoPad(), op.getPads(), in, k, s, d);
  if (failed(pads))
    return failure();
  Location loc = op.getLoc();
  auto xi = subZeroPointI16(b, op, x, xzp, -1, "x");
  auto wi = subZeroPointI16(b, op, w, wzp, 0, "w");
  if (failed(xi) || failed(wi))
    return failure();
  Value xn = toNHWC(b, loc, *xi);
  Value f = createTranspose(b, loc, *wi, {0, 2, 3, 1}); // OIHW -> OHWI
  auto yT = getStaticType(op->getResult(0));
  auto outType = nhwcType(yT).clone(b.getIntegerType(32));
  return edge::Conv2DOp::create(b, loc, outType, xn, f, bias,
                                b.getDenseI64ArrayAttr(s),
                                b.getDenseI64ArrayAttr(d),
                                b.getDenseI64ArrayAttr(toEdgePads(*pads)),
                                b.getI64IntegerAttr(op.getGroup()),
                                edge::ActivationAttr())
      .getResult();
}

struct ConvIntegerLowering : OpRewritePattern<onnx::ConvIntegerOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(onnx::ConvIntegerOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    auto xzp = zeroPoints(op, op.getXZeroPoint(), "x");
    auto wzp = zeroPoints(op, op.getWZeroPoint(), "w");
    if (failed(xzp) || failed(wzp))
      return failure();
    auto y = integerConv(rewriter, op, op.getX(), op.getW(), *xzp, *wzp,
                         Value());
    if (failed(y))
      return failure();
    rewriter.replaceOp(op, fromNHWC(rewriter, op.getLoc(), *y,
                                    getStaticType(op.getY())));
    return success();
  }
};

/// acc (i32) * multiplier (f32 scalar or per last-axis channel), then ONNX
/// Runtime's requantization: round half to even, + zero point, saturate.
/// Returns f32 integral values (the cast to the storage type is separate,
/// so that layout transposes can run on f32).
Value requantizeFloat(OpBuilder &b, Location loc, Value acc,
                      ArrayRef<float> multipliers, int64_t zp, Type storage,
                      StringRef name) {
  MLIRContext *ctx = b.getContext();
  Value f = castTo(b, loc, acc, b.getF32Type());
  SmallVector<int64_t> shape;
  if (multipliers.size() > 1)
    shape.push_back(multipliers.size());
  f = binary<edge::MulOp>(
      b, loc, f, createF32Constant(b, loc, shape, multipliers, name));
  f = edge::UnaryOp::create(
      b, loc, f.getType(),
      edge::UnaryKindAttr::get(ctx, edge::UnaryKind::round), f);
  if (zp != 0)
    f = binary<edge::AddOp>(b, loc, f, createScalar(b, loc, float(zp)));
  float lo = isU8(storage) ? 0.0f : -128.0f, hi = isU8(storage) ? 255.0f : 127.0f;
  return edge::ActivationOp::create(b, loc, f.getType(), f,
                                    edge::ActivationAttr::getClip(ctx, lo, hi));
}

/// Scalar scale operand (one element).
std::optional<float> scalarScale(Value v) {
  auto s = getConstFloats(v);
  if (!s || s->size() != 1)
    return std::nullopt;
  return (*s)[0];
}

struct QLinearConvLowering : OpRewritePattern<onnx::QLinearConvOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(onnx::QLinearConvOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    auto yT = getStaticType(op.getY());
    Type storage = yT.getElementType();
    if (!isU8(storage) && !isS8(storage))
      return nodeError(op, "only uint8 and int8 results are supported");
    auto xs = scalarScale(op.getXScale()), ys = scalarScale(op.getYScale());
    auto ws = getConstFloats(op.getWScale());
    if (!xs || !ys || !ws)
      return nodeError(op, "scales must be constants (x and y per tensor)");
    auto xzp = zeroPoints(op, op.getXZeroPoint(), "x");
    auto wzp = zeroPoints(op, op.getWZeroPoint(), "w");
    auto yzp = zeroPoints(op, op.getYZeroPoint(), "y");
    if (failed(xzp) || failed(wzp) || failed(yzp))
      return failure();
    if (yzp->size() != 1)
      return nodeError(op, "y zero point must be a scalar");
    Location loc = op.getLoc();
    Value bias = isNone(op.getB()) ? Value() : op.getB();
    if (bias && !isS32(getElementTypeOrSelf(bias.getType())))
      return nodeError(op, "bias must be int32");
    if (bias && getElementTypeOrSelf(bias.getType()).isSignedInteger())
      bias = castTo(rewriter, loc, bias, rewriter.getIntegerType(32));
    auto acc =
        integerConv(rewriter, op, op.getX(), op.getW(), *xzp, *wzp, bias);
    if (failed(acc))
      return failure();
    // ONNX Runtime's multiplier, computed in float: x_scale * w_scale / y_scale.
    SmallVector<float> m;
    for (float w : *ws)
      m.push_back(*xs * w / *ys);
    int64_t channels = getStaticType(op.getW()).getDimSize(0);
    if (m.size() != 1 && int64_t(m.size()) != channels)
      return nodeError(op, "w scale must be a scalar or have one entry per "
                           "output channel");
    Value r = requantizeFloat(rewriter, loc, *acc, m, (*yzp)[0], storage,
                              getNodeName(op) + ".multiplier");
    r = fromNHWC(rewriter, loc, r, yT.clone(rewriter.getF32Type()));
    rewriter.replaceOp(op, castTo(rewriter, loc, r, storage));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// MatMulInteger / QLinearMatMul
//===----------------------------------------------------------------------===//

/// (a - a_zp) x (b - b_zp) as an i32 edge.matmul. a's zero point is a
/// scalar, b's a scalar or one per column.
template <typename OpT>
FailureOr<Value> integerMatMul(PatternRewriter &b, OpT op, Value a, Value bv,
                               ArrayRef<int64_t> azp, ArrayRef<int64_t> bzp) {
  auto aT = getStaticType(a), bT = getStaticType(bv);
  if (!aT || !bT || aT.getRank() < 2 || bT.getRank() < 2)
    return nodeError(op, "operands must have rank >= 2");
  if (azp.size() != 1)
    return nodeError(op, "per-row a zero points are not supported");
  int64_t n = bT.getDimSize(bT.getRank() - 1);
  if (bzp.size() != 1 && int64_t(bzp.size()) != n)
    return nodeError(op, "b zero point must be a scalar or one per column");
  auto ai = subZeroPointI16(b, op, a, azp, -1, "a");
  auto bi = subZeroPointI16(b, op, bv, bzp, bT.getRank() - 1, "b");
  if (failed(ai) || failed(bi))
    return failure();
  auto yT = getStaticType(op->getResult(0));
  return edge::MatMulOp::create(b, op.getLoc(),
                                yT.clone(b.getIntegerType(32)), *ai, *bi,
                                edge::ActivationAttr())
      .getResult();
}

struct MatMulIntegerLowering : OpRewritePattern<onnx::MatMulIntegerOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(onnx::MatMulIntegerOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    auto azp = zeroPoints(op, op.getAZeroPoint(), "a");
    auto bzp = zeroPoints(op, op.getBZeroPoint(), "b");
    if (failed(azp) || failed(bzp))
      return failure();
    auto y = integerMatMul(rewriter, op, op.getA(), op.getB(), *azp, *bzp);
    if (failed(y))
      return failure();
    rewriter.replaceOp(op, *y);
    return success();
  }
};

struct QLinearMatMulLowering : OpRewritePattern<onnx::QLinearMatMulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(onnx::QLinearMatMulOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    auto yT = getStaticType(op.getY());
    Type storage = yT.getElementType();
    if (!isU8(storage) && !isS8(storage))
      return nodeError(op, "only uint8 and int8 results are supported");
    auto as = scalarScale(op.getAScale()), ys = scalarScale(op.getYScale());
    auto bs = getConstFloats(op.getBScale());
    if (!as || !ys || !bs)
      return nodeError(op, "scales must be constants (a and y per tensor)");
    auto azp = zeroPoints(op, op.getAZeroPoint(), "a");
    auto bzp = zeroPoints(op, op.getBZeroPoint(), "b");
    auto yzp = zeroPoints(op, op.getYZeroPoint(), "y");
    if (failed(azp) || failed(bzp) || failed(yzp))
      return failure();
    if (yzp->size() != 1)
      return nodeError(op, "y zero point must be a scalar");
    auto acc = integerMatMul(rewriter, op, op.getA(), op.getB(), *azp, *bzp);
    if (failed(acc))
      return failure();
    SmallVector<float> m;
    for (float b : *bs)
      m.push_back(*as * b / *ys);
    int64_t n = yT.getDimSize(yT.getRank() - 1);
    if (m.size() != 1 && int64_t(m.size()) != n)
      return nodeError(op, "b scale must be a scalar or one per column");
    Value r = requantizeFloat(rewriter, op.getLoc(), *acc, m, (*yzp)[0],
                              storage, getNodeName(op) + ".multiplier");
    rewriter.replaceOp(op, castTo(rewriter, op.getLoc(), r, storage));
    return success();
  }
};

/// A uint8 constant (zero points, weights of QOperator models) read only by
/// the quantization ops' lowerings at compile time stays an onnx.Constant
/// (edge has no ui8 constants); it is dead once they are lowered. Runs
/// before the generic Constant lowering, which would reject ui8.
struct CompileTimeU8Constant : OpRewritePattern<onnx::ConstantOp> {
  CompileTimeU8Constant(MLIRContext *ctx)
      : OpRewritePattern(ctx, /*benefit=*/2) {}

  LogicalResult matchAndRewrite(onnx::ConstantOp op,
                                PatternRewriter &rewriter) const override {
    if (!isU8(getElementTypeOrSelf(op.getType())) || op->use_empty() ||
        op->hasAttr(kCompileTimeAttr))
      return failure();
    if (!llvm::all_of(op->getUsers(), [](Operation *u) {
          return isa<onnx::QuantizeLinearOp, onnx::DequantizeLinearOp,
                     onnx::ConvIntegerOp, onnx::MatMulIntegerOp,
                     onnx::QLinearConvOp, onnx::QLinearMatMulOp>(u);
        }))
      return failure();
    rewriter.modifyOpInPlace(
        op, [&] { op->setAttr(kCompileTimeAttr, rewriter.getUnitAttr()); });
    return success();
  }

  static constexpr llvm::StringLiteral kCompileTimeAttr =
      "edge.compile_time_only";
};

} // namespace

void edgec::populateOnnxQuantToEdgePatterns(RewritePatternSet &patterns) {
  patterns.add<CompileTimeU8Constant, QuantizeLinearLowering,
               DequantizeLinearLowering,
               ConvIntegerLowering, QLinearConvLowering, MatMulIntegerLowering,
               QLinearMatMulLowering>(patterns.getContext());
}
