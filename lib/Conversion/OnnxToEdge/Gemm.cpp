//===- Gemm.cpp - Gemm and MatMul to edge ---------------------------------===//
//
// Gemm / MatMul with a constant B become edge.fully_connected with [N, K]
// weights (transposed at compile time when ONNX has them [K, N]); Gemm's
// alpha is folded into the weights and beta * C into the bias when they are
// constants. Dequantized constant weights (QDQ models) also make a
// fully_connected (an edge.transpose for [K, N]), left to edge-fold-qdq.
// Products of two activations become edge.matmul.
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "edgec/Conversion/OnnxToEdge/OnnxToEdge.h"

using namespace mlir;
using namespace edgec;
using namespace edgec::conv;

namespace {

/// [K, N] (or [N, K] when `isNK`) constant -> [N, K] f32 weights scaled by
/// `alpha`.
Value buildWeights(OpBuilder &b, Location loc, Operation *node, Value src,
                   const ConstantTensor &c, bool isNK, float alpha) {
  if (isNK && alpha == 1.0f && src.getDefiningOp() &&
      isa<edge::ConstantOp>(src.getDefiningOp()))
    return src;
  ArrayRef<int64_t> shape = c.getShape();
  int64_t n = isNK ? shape[0] : shape[1], k = isNK ? shape[1] : shape[0];
  SmallVector<float> data(n * k);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < k; ++j)
      data[i * k + j] =
          alpha * getFloatAt(c, isNK ? i * k + j : j * n + i);
  return createF32Constant(b, loc, {n, k}, data, deriveName(src, node, "nk"));
}

/// Whether `v` is a dequantized 2-D constant (the weights of a pre-quantized
/// QDQ model, lowered by Quant.cpp): such weights still make a
/// fully_connected, which edge-fold-qdq can then turn into the int8 kernel.
bool isDequantizedWeight(Value v) {
  auto dq = v.getDefiningOp<edge::DequantizeOp>();
  auto t = getStaticType(v);
  return dq && t && t.getRank() == 2 &&
         dq.getInput().getDefiningOp<edge::ConstantOp>();
}

struct GemmLowering : OpRewritePattern<onnx::GemmOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::GemmOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) || failed(requireF32(op, op.getA())))
      return failure();
    Location loc = op.getLoc();
    auto yT = getStaticType(op.getY());
    int64_t n = yT.getDimSize(1);
    float alpha = op.getAlpha().convertToFloat();
    float beta = op.getBeta().convertToFloat();
    Value a = op.getA();
    if (op.getTransA())
      a = createTranspose(rewriter, loc, a, {1, 0});
    Value y;
    Value bias;
    bool cDone = isNone(op.getC()) || beta == 0.0f;
    if (auto b = ConstantTensor::get(op.getB())) {
      Value w = buildWeights(rewriter, loc, op, op.getB(), *b,
                             op.getTransB() != 0, alpha);
      // A constant C that broadcasts along M becomes the bias.
      if (!cDone) {
        auto c = ConstantTensor::get(op.getC());
        auto cT = getStaticType(op.getC());
        if (c && (c->size() == 1 || (c->size() == n && cT.getShape().back() == n))) {
          SmallVector<float> data(n);
          for (int64_t i = 0; i < n; ++i)
            data[i] = beta * getFloatAt(*c, c->size() == 1 ? 0 : i);
          bias = createF32Constant(rewriter, loc, {n}, data,
                                   deriveName(op.getC(), op, "bias"));
          cDone = true;
        }
      }
      y = edge::FullyConnectedOp::create(rewriter, loc, yT, a, w, bias,
                                         edge::ActivationAttr());
    } else if (isDequantizedWeight(op.getB()) && alpha == 1.0f) {
      Value w = op.getB();
      if (!op.getTransB())
        w = createTranspose(rewriter, loc, w, {1, 0}); // [K, N] -> [N, K]
      auto cT = cDone ? RankedTensorType() : getStaticType(op.getC());
      if (!cDone && beta == 1.0f && cT && cT.getRank() == 1 &&
          cT.getDimSize(0) == n) {
        bias = op.getC();
        cDone = true;
      }
      y = edge::FullyConnectedOp::create(rewriter, loc, yT, a, w, bias,
                                         edge::ActivationAttr());
    } else {
      Value rhs = op.getB();
      if (op.getTransB())
        rhs = createTranspose(rewriter, loc, rhs, {1, 0});
      y = edge::MatMulOp::create(rewriter, loc, yT, a, rhs,
                                 edge::ActivationAttr());
      if (alpha != 1.0f)
        y = edge::MulOp::create(rewriter, loc, yT, y,
                                createScalar(rewriter, loc, alpha),
                                edge::ActivationAttr());
    }
    if (!cDone) {
      Value c = op.getC();
      if (beta != 1.0f)
        c = edge::MulOp::create(rewriter, loc, c.getType(), c,
                                createScalar(rewriter, loc, beta),
                                edge::ActivationAttr());
      y = edge::AddOp::create(rewriter, loc, yT, y, c, edge::ActivationAttr());
    }
    rewriter.replaceOp(op, y);
    return success();
  }
};

struct MatMulLowering : OpRewritePattern<onnx::MatMulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::MatMulOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) ||
        failed(requireArithType(op, op.getA())))
      return failure();
    Location loc = op.getLoc();
    auto aT = getStaticType(op.getA()), bT = getStaticType(op.getB());
    auto yT = getStaticType(op.getY());
    Value a = op.getA(), b = op.getB();
    // Rank-1 operands: [K] -> [1, K] and [K] -> [K, 1].
    SmallVector<int64_t> yShape(yT.getShape());
    if (aT.getRank() == 1) {
      a = createReshape(rewriter, loc, a, {1, aT.getDimSize(0)});
      yShape.insert(yShape.end() - (bT.getRank() == 1 ? 0 : 1), 1);
    }
    if (bT.getRank() == 1) {
      b = createReshape(rewriter, loc, b, {bT.getDimSize(0), 1});
      yShape.push_back(1);
    }
    auto innerT = RankedTensorType::get(yShape, yT.getElementType());
    auto c = ConstantTensor::get(b);
    Value y;
    if (c && c->getShape().size() == 2 && aT.getElementType().isF32()) {
      Value w = buildWeights(rewriter, loc, op, b, *c, /*isNK=*/false, 1.0f);
      y = edge::FullyConnectedOp::create(rewriter, loc, innerT, a, w, Value(),
                                         edge::ActivationAttr());
    } else if (isDequantizedWeight(b) && aT.getElementType().isF32()) {
      Value w = createTranspose(rewriter, loc, b, {1, 0}); // [K, N] -> [N, K]
      y = edge::FullyConnectedOp::create(rewriter, loc, innerT, a, w, Value(),
                                         edge::ActivationAttr());
    } else {
      y = edge::MatMulOp::create(rewriter, loc, innerT, a, b,
                                 edge::ActivationAttr());
    }
    rewriter.replaceOp(op, createReshape(rewriter, loc, y, yT.getShape()));
    return success();
  }
};

} // namespace

void edgec::populateOnnxGemmToEdgePatterns(RewritePatternSet &patterns) {
  patterns.add<GemmLowering, MatMulLowering>(patterns.getContext());
}
