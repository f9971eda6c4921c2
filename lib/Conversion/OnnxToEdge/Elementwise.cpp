//===- Elementwise.cpp - elementwise onnx ops to edge ---------------------===//
//
// Binary arithmetic (variadic Sum/Mean/Max/Min as chains), edge.unary
// functions, activations (edge.activation, fused later by
// edge-fuse-activations), decomposed activations (Elu, Selu, HardSigmoid),
// PRelu, comparisons, logic, Where, Cast, and BatchNormalization as a
// per-channel edge.mul + edge.add. Elementwise ops are layout-agnostic, so
// they lower in ONNX's layout; edge-fold-transposes moves layout changes
// through them afterwards.
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "edgec/Conversion/OnnxToEdge/OnnxToEdge.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace edgec;
using namespace edgec::conv;

namespace {

/// numpy broadcast of two static shapes.
SmallVector<int64_t> broadcastShape(ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
  size_t r = std::max(a.size(), b.size());
  SmallVector<int64_t> out(r);
  for (size_t i = 0; i < r; ++i) {
    int64_t da = i < r - a.size() ? 1 : a[i - (r - a.size())];
    int64_t db = i < r - b.size() ? 1 : b[i - (r - b.size())];
    out[i] = da == 1 ? db : da;
  }
  return out;
}

template <typename EdgeOp>
Value createBinary(OpBuilder &b, Location loc, Value lhs, Value rhs,
                   Type resultType = {}) {
  if (!resultType) {
    auto lt = cast<RankedTensorType>(lhs.getType());
    auto rt = cast<RankedTensorType>(rhs.getType());
    resultType = RankedTensorType::get(
        broadcastShape(lt.getShape(), rt.getShape()), lt.getElementType());
  }
  return EdgeOp::create(b, loc, TypeRange{resultType}, ValueRange{lhs, rhs})
      .getResult();
}

template <typename OnnxOp, typename EdgeOp, bool floatOnly = false>
struct BinaryLowering : OpRewritePattern<OnnxOp> {
  using OpRewritePattern<OnnxOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(OnnxOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    Value a = op->getOperand(0);
    if (failed(floatOnly ? requireF32(op, a) : requireArithType(op, a)))
      return failure();
    rewriter.replaceOp(op, createBinary<EdgeOp>(rewriter, op.getLoc(), a,
                                                op->getOperand(1),
                                                op->getResult(0).getType()));
    return success();
  }
};

/// Pow(T base, T1 exponent) -> T. f32 base: an integer exponent is cast to
/// f32. Integer base and the same integer exponent type (i8/i16/i32): the
/// integer kernel (wrapping). Integer base (i8..i64) with an f32 exponent:
/// computed in f32 and truncated back, as ONNX's reference truncates its
/// float result (exact while |result| < 2^24).
struct PowLowering : OpRewritePattern<onnx::PowOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::PowOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    Location loc = op.getLoc();
    Value x = op.getX(), y = op.getY();
    Type xe = getElementTypeOrSelf(x.getType());
    Type ye = getElementTypeOrSelf(y.getType());
    auto castTo = [&](Value v, Type e) -> Value {
      auto t = cast<RankedTensorType>(v.getType());
      if (t.getElementType() == e)
        return v;
      return edge::CastOp::create(rewriter, loc, t.clone(e), v);
    };
    Type f32 = rewriter.getF32Type();
    if (xe.isF32()) {
      if (!isEdgeDataType(ye) || ye.isInteger(1))
        return requireArithType(op, y);
      rewriter.replaceOp(op, createBinary<edge::PowOp>(
                                 rewriter, loc, x, castTo(y, f32),
                                 op.getType()));
      return success();
    }
    if (!isEdgeDataType(xe) || xe.isInteger(1))
      return requireArithType(op, x);
    if (xe == ye) {
      if (failed(requireArithType(op, x)))
        return failure();
      rewriter.replaceOp(op, createBinary<edge::PowOp>(rewriter, loc, x, y,
                                                       op.getType()));
      return success();
    }
    if (!ye.isF32())
      return nodeError(op, "an integer base with a different exponent type "
                           "has no edge kernel");
    auto outT = cast<RankedTensorType>(op.getType());
    Value p = createBinary<edge::PowOp>(rewriter, loc, castTo(x, f32), y,
                                        outT.clone(f32));
    rewriter.replaceOp(op, castTo(p, xe));
    return success();
  }
};

/// Sum / Max / Min / Mean over any number of inputs.
template <typename OnnxOp, typename EdgeOp, bool mean = false>
struct VariadicLowering : OpRewritePattern<OnnxOp> {
  using OpRewritePattern<OnnxOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(OnnxOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) ||
        failed(requireArithType(op, op->getOperand(0))))
      return failure();
    if (mean && failed(requireF32(op, op->getOperand(0))))
      return failure();
    Location loc = op.getLoc();
    Value acc = op->getOperand(0);
    for (Value v : op->getOperands().drop_front())
      acc = createBinary<EdgeOp>(rewriter, loc, acc, v);
    if (mean && op->getNumOperands() > 1)
      acc = createBinary<edge::MulOp>(
          rewriter, loc, acc,
          createScalar(rewriter, loc, 1.0f / op->getNumOperands()));
    Type t = op->getResult(0).getType();
    if (acc.getType() != t) // a single input of smaller shape never happens
      return nodeError(op, "result type does not match the broadcast shape");
    rewriter.replaceOp(op, acc);
    return success();
  }
};

template <typename OnnxOp, edge::UnaryKind kind>
struct UnaryLowering : OpRewritePattern<OnnxOp> {
  using OpRewritePattern<OnnxOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(OnnxOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    Value x = op->getOperand(0);
    bool intOk = kind == edge::UnaryKind::abs || kind == edge::UnaryKind::neg;
    if (failed(intOk ? requireArithType(op, x) : requireF32(op, x)))
      return failure();
    rewriter.replaceOpWithNewOp<edge::UnaryOp>(
        op, op->getResult(0).getType(),
        edge::UnaryKindAttr::get(op.getContext(), kind), x);
    return success();
  }
};

Value createActivation(OpBuilder &b, Location loc, Value x,
                       edge::ActivationAttr act) {
  return edge::ActivationOp::create(b, loc, x.getType(), x, act);
}

template <typename OnnxOp, edge::ActivationKind kind>
struct ActivationLowering : OpRewritePattern<OnnxOp> {
  using OpRewritePattern<OnnxOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(OnnxOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) ||
        failed(requireF32(op, op->getOperand(0))))
      return failure();
    rewriter.replaceOp(op, createActivation(
                               rewriter, op.getLoc(), op->getOperand(0),
                               edge::ActivationAttr::get(op.getContext(), kind)));
    return success();
  }
};

struct LeakyReluLowering : OpRewritePattern<onnx::LeakyReluOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::LeakyReluOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) || failed(requireF32(op, op.getX())))
      return failure();
    rewriter.replaceOp(
        op, createActivation(rewriter, op.getLoc(), op.getX(),
                             edge::ActivationAttr::getLeakyRelu(
                                 op.getContext(),
                                 op.getAlpha().convertToFloat())));
    return success();
  }
};

/// Clip with constant bounds -> relu / relu6 / relu_n1_to_1 / clip;
/// non-constant bounds -> edge.maximum / edge.minimum.
struct ClipLowering : OpRewritePattern<onnx::ClipOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::ClipOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) ||
        failed(requireArithType(op, op.getInput())))
      return failure();
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    constexpr float inf = std::numeric_limits<float>::infinity();
    auto lo = getConstFloats(op.getMin()), hi = getConstFloats(op.getMax());
    bool constLo = isNone(op.getMin()) || (lo && lo->size() == 1);
    bool constHi = isNone(op.getMax()) || (hi && hi->size() == 1);
    if (constLo && constHi && op.getInput().getType() == op.getType() &&
        getElementTypeOrSelf(op.getType()).isF32()) {
      float l = lo ? (*lo)[0] : -inf, h = hi ? (*hi)[0] : inf;
      edge::ActivationAttr act;
      if (l == 0.0f && h == inf)
        act = edge::ActivationAttr::get(ctx, edge::ActivationKind::relu);
      else if (l == 0.0f && h == 6.0f)
        act = edge::ActivationAttr::get(ctx, edge::ActivationKind::relu6);
      else if (l == -1.0f && h == 1.0f)
        act = edge::ActivationAttr::get(ctx, edge::ActivationKind::relu_n1_to_1);
      else if (l > h)
        return nodeError(op, "min > max");
      else
        act = edge::ActivationAttr::getClip(ctx, l, h);
      rewriter.replaceOp(op, createActivation(rewriter, loc, op.getInput(), act));
      return success();
    }
    Value y = op.getInput();
    if (!isNone(op.getMin()))
      y = createBinary<edge::MaximumOp>(rewriter, loc, y, op.getMin(),
                                        op.getType());
    if (!isNone(op.getMax()))
      y = createBinary<edge::MinimumOp>(rewriter, loc, y, op.getMax(),
                                        op.getType());
    rewriter.replaceOp(op, y);
    return success();
  }
};

/// x > 0 ? x : alpha * (exp(x) - 1), times gamma (Selu).
Value buildElu(OpBuilder &b, Location loc, Value x, float alpha, float gamma) {
  Type t = x.getType();
  auto boolT = RankedTensorType::get(cast<RankedTensorType>(t).getShape(),
                                     b.getI1Type());
  Value zero = createScalar(b, loc, 0.0f);
  Value pos = edge::CompareOp::create(
      b, loc, boolT,
      edge::CompareKindAttr::get(b.getContext(), edge::CompareKind::gt), x,
      zero);
  Value e = edge::UnaryOp::create(
      b, loc, t, edge::UnaryKindAttr::get(b.getContext(), edge::UnaryKind::exp),
      x);
  Value em1 = createBinary<edge::SubOp>(b, loc, e, createScalar(b, loc, 1.0f), t);
  Value neg = createBinary<edge::MulOp>(b, loc, em1,
                                        createScalar(b, loc, alpha), t);
  Value y = edge::SelectOp::create(b, loc, t, pos, x, neg);
  if (gamma != 1.0f)
    y = createBinary<edge::MulOp>(b, loc, y, createScalar(b, loc, gamma), t);
  return y;
}

struct EluLowering : OpRewritePattern<onnx::EluOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::EluOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) || failed(requireF32(op, op.getX())))
      return failure();
    rewriter.replaceOp(op, buildElu(rewriter, op.getLoc(), op.getX(),
                                    op.getAlpha().convertToFloat(), 1.0f));
    return success();
  }
};

struct SeluLowering : OpRewritePattern<onnx::SeluOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::SeluOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) || failed(requireF32(op, op.getX())))
      return failure();
    rewriter.replaceOp(op, buildElu(rewriter, op.getLoc(), op.getX(),
                                    op.getAlpha().convertToFloat(),
                                    op.getGamma().convertToFloat()));
    return success();
  }
};

/// clip(alpha * x + beta, 0, 1).
struct HardSigmoidLowering : OpRewritePattern<onnx::HardSigmoidOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::HardSigmoidOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) || failed(requireF32(op, op.getX())))
      return failure();
    Location loc = op.getLoc();
    Type t = op.getType();
    Value y = edge::MulOp::create(
        rewriter, loc, t, op.getX(),
        createScalar(rewriter, loc, op.getAlpha().convertToFloat()),
        edge::ActivationAttr());
    y = edge::AddOp::create(
        rewriter, loc, t, y,
        createScalar(rewriter, loc, op.getBeta().convertToFloat()),
        edge::ActivationAttr::getClip(op.getContext(), 0.0f, 1.0f));
    rewriter.replaceOp(op, y);
    return success();
  }
};

struct PReluLowering : OpRewritePattern<onnx::PReluOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::PReluOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) || failed(requireF32(op, op.getX())))
      return failure();
    // Models converted from opset < 7 keep a per-channel [C] slope that
    // numpy broadcasting would align with the last axis: make it [C, 1, ...].
    Value slope = op.getSlope();
    auto xT = getStaticType(op.getX()), sT = getStaticType(slope);
    if (sT.getRank() == 1 && xT.getRank() > 2 &&
        sT.getDimSize(0) == xT.getDimSize(1) &&
        sT.getDimSize(0) != xT.getShape().back() && sT.getDimSize(0) != 1) {
      SmallVector<int64_t> shape(xT.getRank() - 1, 1);
      shape[0] = sT.getDimSize(0);
      slope = createReshape(rewriter, op.getLoc(), slope, shape);
    }
    rewriter.replaceOpWithNewOp<edge::PReluOp>(op, op.getType(), op.getX(),
                                               slope);
    return success();
  }
};

template <typename OnnxOp, edge::CompareKind kind>
struct CompareLowering : OpRewritePattern<OnnxOp> {
  using OpRewritePattern<OnnxOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(OnnxOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    if (!isEdgeDataType(getElementTypeOrSelf(op->getOperand(0).getType())))
      return requireArithType(op, op->getOperand(0));
    rewriter.replaceOpWithNewOp<edge::CompareOp>(
        op, op->getResult(0).getType(),
        edge::CompareKindAttr::get(op.getContext(), kind), op->getOperand(0),
        op->getOperand(1));
    return success();
  }
};

template <typename OnnxOp, edge::LogicalKind kind>
struct LogicalLowering : OpRewritePattern<OnnxOp> {
  using OpRewritePattern<OnnxOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(OnnxOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    rewriter.replaceOpWithNewOp<edge::LogicalOp>(
        op, op->getResult(0).getType(),
        edge::LogicalKindAttr::get(op.getContext(), kind), op->getOperand(0),
        op->getOperand(1));
    return success();
  }
};

struct NotLowering : OpRewritePattern<onnx::NotOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::NotOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    rewriter.replaceOpWithNewOp<edge::LogicalNotOp>(op, op.getType(), op.getX());
    return success();
  }
};

struct WhereLowering : OpRewritePattern<onnx::WhereOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::WhereOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    if (!isEdgeDataType(getElementTypeOrSelf(op.getX().getType())))
      return requireArithType(op, op.getX());
    rewriter.replaceOpWithNewOp<edge::SelectOp>(op, op.getType(),
                                                op.getCondition(), op.getX(),
                                                op.getY());
    return success();
  }
};

struct CastLowering : OpRewritePattern<onnx::CastOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::CastOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    if (op.getInput().getType() == op.getType()) {
      rewriter.replaceOp(op, op.getInput());
      return success();
    }
    for (Value v : {op.getInput(), op.getOutput()})
      if (!isEdgeDataType(getElementTypeOrSelf(v.getType())))
        return requireArithType(op, v);
    rewriter.replaceOpWithNewOp<edge::CastOp>(op, op.getType(), op.getInput());
    return success();
  }
};

/// y = x * scale / sqrt(var + eps) + (B - mean * scale / sqrt(var + eps)),
/// with per-channel constants shaped [C, 1, ..., 1] when the parameters are
/// constants, the same computed by edge ops otherwise. Training mode
/// normalizes with the batch statistics (mean and population variance over
/// every axis but 1) and updates the running ones with `momentum`.
struct BatchNormLowering : OpRewritePattern<onnx::BatchNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;
  static LogicalResult decompose(onnx::BatchNormalizationOp op,
                                 PatternRewriter &rewriter, bool training) {
    auto xT = getStaticType(op.getX());
    int64_t rank = xT.getRank(), c = rank > 1 ? xT.getDimSize(1) : 1;
    Location loc = op.getLoc();
    SmallVector<int64_t> chShape(std::max<int64_t>(rank - 1, 1), 1);
    chShape[0] = c;
    auto chT = RankedTensorType::get(chShape, rewriter.getF32Type());
    auto perChannel = [&](Value v) { return createReshape(rewriter, loc, v, chShape); };
    Value mean = perChannel(op.getInputMean());
    Value var = perChannel(op.getInputVar());
    Value runMean = op.getRunningMean(), runVar = op.getRunningVar();
    if (training) {
      if (rank < 2)
        return nodeError(op, "training mode needs a channel axis");
      SmallVector<int64_t> axes, keepShape(xT.getShape());
      for (int64_t i = 0; i < rank; ++i)
        if (i != 1) {
          axes.push_back(i);
          keepShape[i] = 1;
        }
      auto keepT = RankedTensorType::get(keepShape, rewriter.getF32Type());
      Value bMean = edge::ReduceOp::create(rewriter, loc, keepT,
                                           edge::ReduceKind::mean, op.getX(),
                                           axes, /*keep_dims=*/true);
      Value d = createBinary<edge::SubOp>(rewriter, loc, op.getX(), bMean, xT);
      Value bVar = edge::ReduceOp::create(
          rewriter, loc, keepT, edge::ReduceKind::mean,
          createBinary<edge::MulOp>(rewriter, loc, d, d, xT), axes,
          /*keep_dims=*/true);
      bMean = createReshape(rewriter, loc, bMean, chShape);
      bVar = createReshape(rewriter, loc, bVar, chShape);
      // running = input * momentum + batch * (1 - momentum).
      float m = op.getMomentum().convertToFloat();
      auto update = [&](Value input, Value batch, Value result) -> Value {
        if (isNone(result) || result.use_empty())
          return result;
        // Ops are created one statement at a time: the order of argument
        // evaluation (and so of the created ops) differs between compilers.
        Value momentum = createScalar(rewriter, loc, m);
        Value kept = createBinary<edge::MulOp>(rewriter, loc, input, momentum,
                                               chT);
        Value rest = createScalar(rewriter, loc, 1.0f - m);
        Value added = createBinary<edge::MulOp>(rewriter, loc, batch, rest,
                                                chT);
        Value u = createBinary<edge::AddOp>(rewriter, loc, kept, added, chT);
        return createReshape(rewriter, loc, u,
                             getStaticType(result).getShape());
      };
      runMean = update(mean, bMean, runMean);
      runVar = update(var, bVar, runVar);
      mean = bMean;
      var = bVar;
    }
    // mul = scale * rsqrt(var + eps); add = B - mean * mul.
    Value eps = createScalar(rewriter, loc, op.getEpsilon().convertToFloat());
    Value varEps = createBinary<edge::AddOp>(rewriter, loc, var, eps, chT);
    Value inv = edge::UnaryOp::create(
        rewriter, loc, chT,
        edge::UnaryKindAttr::get(op.getContext(), edge::UnaryKind::rsqrt),
        varEps);
    Value scale = perChannel(op.getScale());
    Value mul = createBinary<edge::MulOp>(rewriter, loc, scale, inv, chT);
    Value bias = perChannel(op.getB());
    Value meanMul = createBinary<edge::MulOp>(rewriter, loc, mean, mul, chT);
    Value add = createBinary<edge::SubOp>(rewriter, loc, bias, meanMul, chT);
    Value y = createBinary<edge::MulOp>(rewriter, loc, op.getX(), mul, xT);
    y = createBinary<edge::AddOp>(rewriter, loc, y, add, xT);
    rewriter.replaceOp(op, {y, runMean, runVar});
    return success();
  }
  LogicalResult matchAndRewrite(onnx::BatchNormalizationOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) || failed(requireF32(op, op.getX())))
      return failure();
    auto xT = getStaticType(op.getX());
    int64_t c = xT.getRank() > 1 ? xT.getDimSize(1) : 1;
    for (Value v : {op.getScale(), op.getB(), op.getInputMean(),
                    op.getInputVar()}) {
      if (failed(requireF32(op, v)))
        return failure();
      if (getStaticType(v).getNumElements() != c)
        return nodeError(op, "parameters do not have C elements");
    }
    if (op.getTrainingMode() != 0 || !op.getRunningMean().use_empty() ||
        !op.getRunningVar().use_empty())
      return decompose(op, rewriter, /*training=*/true);
    auto scale = getConstFloats(op.getScale()), bias = getConstFloats(op.getB());
    auto mean = getConstFloats(op.getInputMean());
    auto var = getConstFloats(op.getInputVar());
    if (!scale || !bias || !mean || !var)
      return decompose(op, rewriter, /*training=*/false);
    float eps = op.getEpsilon().convertToFloat();
    SmallVector<float> mul(c), add(c);
    for (int64_t i = 0; i < c; ++i) {
      mul[i] = (*scale)[i] / std::sqrt((*var)[i] + eps);
      add[i] = (*bias)[i] - (*mean)[i] * mul[i];
    }
    SmallVector<int64_t> shape{c};
    for (int64_t i = 2; i < xT.getRank(); ++i)
      shape.push_back(1);
    Location loc = op.getLoc();
    Value m = createF32Constant(rewriter, loc, shape, mul,
                                deriveName(op.getScale(), op, "bn_mul"));
    Value a = createF32Constant(rewriter, loc, shape, add,
                                deriveName(op.getB(), op, "bn_add"));
    Value y = createBinary<edge::MulOp>(rewriter, loc, op.getX(), m, xT);
    y = createBinary<edge::AddOp>(rewriter, loc, y, a, xT);
    rewriter.replaceOp(op, {y, op.getRunningMean(), op.getRunningVar()});
    return success();
  }
};

} // namespace

void edgec::populateOnnxElementwiseToEdgePatterns(RewritePatternSet &patterns) {
  using AK = edge::ActivationKind;
  using UK = edge::UnaryKind;
  using CK = edge::CompareKind;
  patterns.add<
      BinaryLowering<onnx::AddOp, edge::AddOp>,
      BinaryLowering<onnx::SubOp, edge::SubOp>,
      BinaryLowering<onnx::MulOp, edge::MulOp>,
      BinaryLowering<onnx::DivOp, edge::DivOp>,
      PowLowering,
      VariadicLowering<onnx::SumOp, edge::AddOp>,
      VariadicLowering<onnx::MaxOp, edge::MaximumOp>,
      VariadicLowering<onnx::MinOp, edge::MinimumOp>,
      VariadicLowering<onnx::MeanOp, edge::AddOp, /*mean=*/true>,
      UnaryLowering<onnx::AbsOp, UK::abs>, UnaryLowering<onnx::NegOp, UK::neg>,
      UnaryLowering<onnx::SqrtOp, UK::sqrt>, UnaryLowering<onnx::ExpOp, UK::exp>,
      UnaryLowering<onnx::LogOp, UK::log>,
      UnaryLowering<onnx::FloorOp, UK::floor>,
      UnaryLowering<onnx::CeilOp, UK::ceil>, UnaryLowering<onnx::ErfOp, UK::erf>,
      UnaryLowering<onnx::SoftplusOp, UK::softplus>,
      UnaryLowering<onnx::SoftsignOp, UK::softsign>,
      ActivationLowering<onnx::ReluOp, AK::relu>,
      ActivationLowering<onnx::SigmoidOp, AK::sigmoid>,
      ActivationLowering<onnx::TanhOp, AK::tanh>,
      ActivationLowering<onnx::HardSwishOp, AK::hard_swish>,
      LeakyReluLowering, ClipLowering, EluLowering, SeluLowering,
      HardSigmoidLowering, PReluLowering,
      CompareLowering<onnx::EqualOp, CK::eq>,
      CompareLowering<onnx::LessOp, CK::lt>,
      CompareLowering<onnx::GreaterOp, CK::gt>,
      LogicalLowering<onnx::AndOp, edge::LogicalKind::And>,
      LogicalLowering<onnx::OrOp, edge::LogicalKind::Or>, NotLowering,
      WhereLowering, CastLowering, BatchNormLowering>(patterns.getContext());
}
