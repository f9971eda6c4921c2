//===- FoldBatchNorm.cpp - onnx-fold-batchnorm ----------------------------===//
//
// BatchNormalization (inference) after a Conv, ConvTranspose or Gemm with
// constant weights becomes that op with scaled weights and a new bias. The
// formulas are in Passes.td.
//
//===----------------------------------------------------------------------===//
#include "edgec/Passes/Graph/Passes.h"

#include "GraphUtils.h"

#include "edgec/Dialect/Onnx/OnnxOps.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace edgec {
#define GEN_PASS_DEF_ONNXFOLDBATCHNORM
#include "edgec/Passes/Graph/Passes.h.inc"
} // namespace edgec

using namespace mlir;
using namespace edgec;
using namespace edgec::graph;
namespace onnx = edgec::onnx;
using onnx::fromDouble;
using onnx::toDouble;

namespace {

/// A float constant of `count` elements (any shape) as doubles.
std::optional<SmallVector<double>> readFloats(Value v, Type elementType,
                                              int64_t count) {
  std::optional<Literal> lit = Literal::get(v);
  if (!lit || lit->getElementType() != elementType || lit->size() != count)
    return std::nullopt;
  SmallVector<double> values;
  for (int64_t i = 0; i < count; ++i)
    values.push_back(toDouble(lit->getFloat(i)));
  return values;
}

/// A constant like `like` (shape, resource-ness) holding `values`.
Value buildFloats(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                  FloatType type, ArrayRef<double> values, bool resource) {
  Literal lit(shape, type);
  for (auto [i, v] : llvm::enumerate(values))
    lit.setBits(i, fromDouble(v, type).bitcastToAPInt());
  return buildConstant(b, loc, lit, /*forceResource=*/resource);
}

struct FoldBatchNorm : OpRewritePattern<onnx::BatchNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(onnx::BatchNormalizationOp bn,
                                PatternRewriter &rewriter) const override {
    if (bn.getTrainingMode() != 0)
      return rewriter.notifyMatchFailure(bn, "training mode");
    if (!bn.getRunningMean().use_empty() || !bn.getRunningVar().use_empty())
      return rewriter.notifyMatchFailure(bn, "running statistics are used");
    Value x = bn.getX();
    Operation *producer = x.getDefiningOp();
    if (!producer || !isa<onnx::ConvOp, onnx::ConvTransposeOp, onnx::GemmOp>(
                         producer))
      return rewriter.notifyMatchFailure(bn, "not after Conv/ConvTranspose/Gemm");
    if (!x.hasOneUse())
      return rewriter.notifyMatchFailure(bn, "producer has other users");
    auto xType = dyn_cast<RankedTensorType>(x.getType());
    if (!xType || xType.getRank() < 2 || xType.isDynamicDim(1))
      return rewriter.notifyMatchFailure(bn, "channel count unknown");
    auto elementType = dyn_cast<FloatType>(xType.getElementType());
    if (!elementType)
      return failure();
    int64_t channels = xType.getDimSize(1);

    auto gamma = readFloats(bn.getScale(), elementType, channels);
    auto beta = readFloats(bn.getB(), elementType, channels);
    auto mean = readFloats(bn.getInputMean(), elementType, channels);
    auto var = readFloats(bn.getInputVar(), elementType, channels);
    if (!gamma || !beta || !mean || !var)
      return rewriter.notifyMatchFailure(bn, "parameters not constant");
    double eps = toDouble(bn.getEpsilon());
    SmallVector<double> s(channels);
    for (int64_t c = 0; c < channels; ++c)
      s[c] = (*gamma)[c] / std::sqrt((*var)[c] + eps);

    // The weight operand, and for each of its elements its output channel.
    Value weight = producer->getOperand(1);
    std::optional<Literal> w = Literal::get(weight);
    if (!w || w->getElementType() != elementType)
      return rewriter.notifyMatchFailure(bn, "weights not constant");
    int64_t n = w->size();
    SmallVector<int64_t> channelOf(n);
    if (isa<onnx::ConvOp>(producer)) {
      if (w->getShape().size() < 3 || w->getShape()[0] != channels)
        return failure();
      int64_t inner = n / channels;
      for (int64_t i = 0; i < n; ++i)
        channelOf[i] = i / inner;
    } else if (auto convT = dyn_cast<onnx::ConvTransposeOp>(producer)) {
      // W is [Cin, Cout/group, k...]; output channel = g * Cout/group + m.
      int64_t group = convT.getGroup();
      if (w->getShape().size() < 3 || group <= 0 || w->getShape()[0] % group != 0 ||
          w->getShape()[1] * group != channels)
        return failure();
      int64_t perGroupIn = w->getShape()[0] / group, perGroupOut = w->getShape()[1];
      int64_t inner = n / (w->getShape()[0] * perGroupOut);
      for (int64_t i = 0; i < n; ++i) {
        int64_t ci = i / (perGroupOut * inner);
        int64_t m = (i / inner) % perGroupOut;
        channelOf[i] = (ci / perGroupIn) * perGroupOut + m;
      }
    } else {
      auto gemm = cast<onnx::GemmOp>(producer);
      if (w->getShape().size() != 2 || xType.getRank() != 2)
        return failure();
      bool transB = gemm.getTransB() != 0;
      int64_t rows = w->getShape()[0], cols = w->getShape()[1];
      if ((transB ? rows : cols) != channels)
        return failure();
      for (int64_t i = 0; i < n; ++i)
        channelOf[i] = transB ? i / cols : i % cols;
    }

    // The old bias per output channel (Gemm: beta * C).
    Value bias = producer->getOperand(2);
    SmallVector<double> oldBias(channels, 0.0);
    bool biasResource = w->isResource();
    if (!isa<NoneType>(bias.getType())) {
      std::optional<Literal> b = Literal::get(bias);
      if (!b || b->getElementType() != elementType)
        return rewriter.notifyMatchFailure(bn, "bias not constant");
      biasResource |= b->isResource();
      if (b->size() == channels &&
          (b->getShape().size() == 1 ||
           (b->getShape().size() == 2 && b->getShape()[1] == channels))) {
        for (int64_t c = 0; c < channels; ++c)
          oldBias[c] = toDouble(b->getFloat(c));
      } else if (b->size() == 1) {
        for (int64_t c = 0; c < channels; ++c)
          oldBias[c] = toDouble(b->getFloat(0));
      } else {
        return rewriter.notifyMatchFailure(bn, "bias is not per channel");
      }
      if (auto gemm = dyn_cast<onnx::GemmOp>(producer)) {
        double betaG = toDouble(gemm.getBeta());
        for (double &v : oldBias)
          v *= betaG;
      }
    }

    SmallVector<double> newW(n), newB(channels);
    for (int64_t i = 0; i < n; ++i)
      newW[i] = toDouble(w->getFloat(i)) * s[channelOf[i]];
    for (int64_t c = 0; c < channels; ++c)
      newB[c] = (oldBias[c] - (*mean)[c]) * s[c] + (*beta)[c];

    Location loc = rewriter.getFusedLoc({producer->getLoc(), bn.getLoc()});
    rewriter.setInsertionPoint(producer);
    Value wConst =
        buildFloats(rewriter, weight.getLoc(), w->getShape(), elementType, newW,
                    w->isResource());
    Value bConst = buildFloats(rewriter, bias.getLoc(), {channels},
                               elementType, newB, biasResource);
    Operation *folded = rewriter.clone(*producer);
    folded->setLoc(loc);
    folded->setOperand(1, wConst);
    folded->setOperand(2, bConst);
    folded->getResult(0).setType(bn.getY().getType());
    if (isa<onnx::GemmOp>(folded))
      folded->setAttr("beta", rewriter.getF32FloatAttr(1.0f));
    // The running statistics are unused (checked above).
    rewriter.replaceAllUsesWith(bn.getY(), folded->getResult(0));
    rewriter.eraseOp(bn);
    rewriter.eraseOp(producer);
    return success();
  }
};

struct OnnxFoldBatchNormPass
    : edgec::impl::OnnxFoldBatchNormBase<OnnxFoldBatchNormPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldBatchNorm>(&getContext());
    (void)applyPatternsGreedily(getOperation(), std::move(patterns));
  }
};

} // namespace
