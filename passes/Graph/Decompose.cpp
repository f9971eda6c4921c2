//===- Decompose.cpp - onnx-decompose -------------------------------------===//
//
// Rewrites ops that are not worth a kernel of their own into simpler onnx
// ops. Every rewrite and where it is not bit-exact is listed in Passes.td.
//
//===----------------------------------------------------------------------===//
#include "edgec/Passes/Graph/Passes.h"

#include "GraphUtils.h"

#include "edgec/Dialect/Onnx/OnnxOps.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace edgec {
#define GEN_PASS_DEF_ONNXDECOMPOSE
#include "edgec/Passes/Graph/Passes.h.inc"
} // namespace edgec

using namespace mlir;
using namespace edgec;
using namespace edgec::graph;
namespace onnx = edgec::onnx;
using onnx::broadcastShapes;
using onnx::fromDouble;
using onnx::toDouble;

namespace {

/// The type of a broadcasting op's result on operands of types `a`, `b`.
Type broadcastType(Type a, Type b) {
  auto ra = dyn_cast<RankedTensorType>(a), rb = dyn_cast<RankedTensorType>(b);
  Type element = cast<TensorType>(a).getElementType();
  if (ra && rb)
    if (auto shape = broadcastShapes({SmallVector<int64_t>(ra.getShape()),
                                      SmallVector<int64_t>(rb.getShape())}))
      return RankedTensorType::get(*shape, element);
  return UnrankedTensorType::get(element);
}

/// Builds `name(lhs, rhs)` with result type `type`.
Value buildBinary(PatternRewriter &rewriter, Location loc, StringRef name,
                  Type type, Value lhs, Value rhs) {
  OperationState state(loc, name);
  state.addOperands({lhs, rhs});
  state.addTypes(type);
  return rewriter.create(state)->getResult(0);
}

/// Left-to-right chain of `name` over `inputs`; the last op gets
/// `resultType`.
Value buildChain(PatternRewriter &rewriter, Location loc, StringRef name,
                 ValueRange inputs, Type resultType) {
  Value acc = inputs[0];
  for (size_t i = 1; i < inputs.size(); ++i) {
    Type type = i + 1 == inputs.size()
                    ? resultType
                    : broadcastType(acc.getType(), inputs[i].getType());
    acc = buildBinary(rewriter, loc, name, type, acc, inputs[i]);
  }
  return acc;
}

/// BatchNormalization (inference, constant parameters) -> Mul + Add.
struct DecomposeBatchNorm : OpRewritePattern<onnx::BatchNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::BatchNormalizationOp bn,
                                PatternRewriter &rewriter) const override {
    if (bn.getTrainingMode() != 0 || !bn.getRunningMean().use_empty() ||
        !bn.getRunningVar().use_empty())
      return failure();
    auto xType = dyn_cast<RankedTensorType>(bn.getX().getType());
    if (!xType || xType.getRank() < 2 || xType.isDynamicDim(1))
      return failure();
    auto elementType = dyn_cast<FloatType>(xType.getElementType());
    if (!elementType)
      return failure();
    int64_t channels = xType.getDimSize(1);
    SmallVector<SmallVector<double>> params;
    bool resource = false;
    for (Value v : {bn.getScale(), bn.getB(), bn.getInputMean(),
                    bn.getInputVar()}) {
      std::optional<Literal> lit = Literal::get(v);
      if (!lit || lit->getElementType() != elementType || lit->size() != channels)
        return rewriter.notifyMatchFailure(bn, "parameters not constant");
      resource |= lit->isResource();
      SmallVector<double> values;
      for (int64_t c = 0; c < channels; ++c)
        values.push_back(toDouble(lit->getFloat(c)));
      params.push_back(std::move(values));
    }
    double eps = toDouble(bn.getEpsilon());
    SmallVector<int64_t> shape(xType.getRank() - 1, 1);
    shape[0] = channels;
    Literal scale(shape, elementType), offset(shape, elementType);
    scale.setResource(resource);
    offset.setResource(resource);
    for (int64_t c = 0; c < channels; ++c) {
      double s = params[0][c] / std::sqrt(params[3][c] + eps);
      double t = params[1][c] - params[2][c] * s;
      scale.setBits(c, fromDouble(s, elementType).bitcastToAPInt());
      offset.setBits(c, fromDouble(t, elementType).bitcastToAPInt());
    }
    Location loc = bn.getLoc();
    Value s = buildConstant(rewriter, loc, scale);
    Value t = buildConstant(rewriter, loc, offset);
    Value mul = onnx::MulOp::create(rewriter, loc, bn.getX().getType(),
                                    bn.getX(), s);
    Value add = onnx::AddOp::create(rewriter, loc, bn.getY().getType(), mul, t);
    rewriter.replaceAllUsesWith(bn.getY(), add);
    rewriter.eraseOp(bn);
    return success();
  }
};

/// Sum/Mean (>= 2 inputs) -> Add chain (then Div); Max/Min (> 2 inputs) ->
/// chains of two-input Max/Min; one input -> that input.
struct DecomposeVariadic : RewritePattern {
  DecomposeVariadic(MLIRContext *ctx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}
  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<onnx::SumOp, onnx::MeanOp, onnx::MaxOp, onnx::MinOp>(op))
      return failure();
    ValueRange inputs = op->getOperands();
    Type resultType = op->getResult(0).getType();
    if (inputs.empty())
      return failure();
    if (inputs.size() == 1) {
      if (inputs[0].getType() != resultType)
        return failure();
      rewriter.replaceOp(op, inputs[0]);
      return success();
    }
    Location loc = op->getLoc();
    if (isa<onnx::MaxOp, onnx::MinOp>(op)) {
      if (inputs.size() == 2)
        return failure();
      rewriter.replaceOp(op, buildChain(rewriter, loc,
                                        op->getName().getStringRef(), inputs,
                                        resultType));
      return success();
    }
    if (isa<onnx::SumOp>(op)) {
      rewriter.replaceOp(op, buildChain(rewriter, loc, "onnx.Add", inputs,
                                        resultType));
      return success();
    }
    auto elementType =
        dyn_cast<FloatType>(cast<TensorType>(resultType).getElementType());
    if (!elementType)
      return failure();
    Value sum = inputs[0];
    for (size_t i = 1; i < inputs.size(); ++i)
      sum = buildBinary(rewriter, loc, "onnx.Add",
                        broadcastType(sum.getType(), inputs[i].getType()), sum,
                        inputs[i]);
    Value count = buildFloatConstant(rewriter, loc, elementType, {},
                                     static_cast<double>(inputs.size()));
    rewriter.replaceOp(op, onnx::DivOp::create(rewriter, loc, resultType, sum,
                                               count)
                               .getResult());
    return success();
  }
};

/// Softsign(x) -> x / (1 + Abs(x)).
struct DecomposeSoftsign : OpRewritePattern<onnx::SoftsignOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::SoftsignOp op,
                                PatternRewriter &rewriter) const override {
    Value x = op.getInput();
    auto type = dyn_cast<TensorType>(x.getType());
    auto elementType = type ? dyn_cast<FloatType>(type.getElementType())
                            : FloatType();
    if (!elementType || x.getType() != op.getType())
      return failure();
    Location loc = op.getLoc();
    Value one = buildFloatConstant(rewriter, loc, elementType, {}, 1.0);
    Value abs = onnx::AbsOp::create(rewriter, loc, type, x);
    Value den = onnx::AddOp::create(rewriter, loc, type, abs, one);
    rewriter.replaceOp(op,
                       onnx::DivOp::create(rewriter, loc, type, x, den).getResult());
    return success();
  }
};

/// Upsample -> Resize (asymmetric coordinates, floor for nearest).
struct UpsampleToResize : OpRewritePattern<onnx::UpsampleOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::UpsampleOp op,
                                PatternRewriter &rewriter) const override {
    StringRef mode = op.getMode();
    if (mode != "nearest" && mode != "linear")
      return failure();
    Location loc = op.getLoc();
    Value none = onnx::NoValueOp::create(rewriter, loc);
    OperationState state(loc, onnx::ResizeOp::getOperationName());
    state.addOperands({op.getX(), none, op.getScales(), none});
    state.addTypes(op.getType());
    state.addAttribute("coordinate_transformation_mode",
                       rewriter.getStringAttr("asymmetric"));
    state.addAttribute("mode", rewriter.getStringAttr(mode));
    state.addAttribute("nearest_mode", rewriter.getStringAttr("floor"));
    rewriter.replaceOp(op, rewriter.create(state)->getResults());
    return success();
  }
};

/// Flatten, Squeeze, Unsqueeze with static input and result -> Reshape to
/// the result's constant shape.
struct ShapeOpToReshape : RewritePattern {
  ShapeOpToReshape(MLIRContext *ctx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}
  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<onnx::FlattenOp, onnx::SqueezeOp, onnx::UnsqueezeOp>(op))
      return failure();
    Value input = op->getOperand(0);
    auto in = dyn_cast<RankedTensorType>(input.getType());
    auto out = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    if (!in || !out || !in.hasStaticShape() || !out.hasStaticShape() ||
        in.getNumElements() != out.getNumElements())
      return failure();
    Location loc = op->getLoc();
    Value shape = buildI64Constant(rewriter, loc, out.getShape());
    bool hasZero = llvm::is_contained(out.getShape(), 0);
    rewriter.replaceOp(op, onnx::ReshapeOp::create(
                               rewriter, loc, out, input, shape,
                               rewriter.getI64IntegerAttr(hasZero ? 1 : 0))
                               .getResult());
    return success();
  }
};

/// Gemm: beta into a constant C; a power-of-two alpha into a constant B.
struct FoldGemmScales : OpRewritePattern<onnx::GemmOp> {
  using OpRewritePattern::OpRewritePattern;

  /// `c` times `factor` elementwise in the element type; nullopt when not
  /// a float constant or (`exact`) a product rounds.
  static std::optional<Literal> scaled(Value c, const APFloat &factor,
                                       bool exact) {
    std::optional<Literal> lit = Literal::get(c);
    if (!lit || !lit->isFloat())
      return std::nullopt;
    APFloat f = factor;
    bool losesInfo;
    f.convert(lit->getFloat(0).getSemantics(), APFloat::rmNearestTiesToEven,
              &losesInfo);
    if (losesInfo)
      return std::nullopt;
    for (int64_t i = 0, n = lit->getNumStored(); i < n; ++i) {
      APFloat v = lit->getFloat(i);
      APFloat::opStatus status = v.multiply(f, APFloat::rmNearestTiesToEven);
      if (exact && status != APFloat::opOK)
        return std::nullopt;
      lit->setBits(i, v.bitcastToAPInt());
    }
    return lit;
  }

  LogicalResult matchAndRewrite(onnx::GemmOp op,
                                PatternRewriter &rewriter) const override {
    APFloat one(1.0f);
    bool changed = false;
    Value b = op.getB(), c = op.getC();
    APFloat alpha = op.getAlpha(), beta = op.getBeta();
    if (!isa<NoneType>(c.getType()) && beta.compare(one) != APFloat::cmpEqual)
      if (std::optional<Literal> lit = scaled(c, beta, /*exact=*/false)) {
        c = buildConstant(rewriter, op.getLoc(), *lit);
        beta = one;
        changed = true;
      }
    if (alpha.compare(one) != APFloat::cmpEqual && !alpha.isZero() &&
        alpha.getExactInverse(nullptr))
      if (std::optional<Literal> lit = scaled(b, alpha, /*exact=*/true)) {
        b = buildConstant(rewriter, op.getLoc(), *lit);
        alpha = one;
        changed = true;
      }
    if (!changed)
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      op->setOperand(1, b);
      op->setOperand(2, c);
      op.setAlphaAttr(rewriter.getF32FloatAttr(alpha.convertToFloat()));
      op.setBetaAttr(rewriter.getF32FloatAttr(beta.convertToFloat()));
    });
    return success();
  }
};

struct OnnxDecomposePass : edgec::impl::OnnxDecomposeBase<OnnxDecomposePass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<DecomposeBatchNorm, DecomposeVariadic, DecomposeSoftsign,
                 UpsampleToResize, ShapeOpToReshape, FoldGemmScales>(ctx);
    (void)applyPatternsGreedily(getOperation(), std::move(patterns));
  }
};

} // namespace
