//===- Pooling.cpp - pooling to edge --------------------------------------===//
//
// MaxPool / AveragePool (1-D, 2-D) become edge.max_pool2d / edge.avg_pool2d
// between NCHW<->NHWC transposes; ceil_mode is lowered to extra bottom/right
// padding. Global pooling is edge.reduce over the spatial axes (keep_dims),
// computed in whatever layout the input has.
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "edgec/Conversion/OnnxToEdge/OnnxToEdge.h"

using namespace mlir;
using namespace edgec;
using namespace edgec::conv;

namespace {

template <typename PoolOp>
LogicalResult lowerPool(PoolOp op, PatternRewriter &rewriter) {
  constexpr bool isMax = std::is_same_v<PoolOp, onnx::MaxPoolOp>;
  if (failed(requireStaticShapes(op)) || failed(requireArithType(op, op.getX())))
    return failure();
  auto xT = getStaticType(op.getX());
  auto yT = getStaticType(op.getY());
  int64_t rank = xT.getRank();
  if (rank != 3 && rank != 4)
    return nodeError(op, Twine(rank - 2) +
                             "-D pooling has no edge kernel (1-D and 2-D only)");
  int64_t n = rank - 2;
  ArrayRef<int64_t> k = op.getKernelShape();
  SmallVector<int64_t> s(n, 1);
  if (auto a = op.getStrides())
    s.assign(a->begin(), a->end());
  SmallVector<int64_t> d(n, 1);
  if constexpr (isMax) {
    if (!op.getIndices().use_empty())
      return nodeError(op, "the Indices result has no edge kernel");
    if (auto a = op.getDilations())
      if (llvm::any_of(*a, [](int64_t v) { return v != 1; }))
        return nodeError(op, "dilated max pooling has no edge kernel");
  }
  if (k.size() != size_t(n) || s.size() != size_t(n))
    return nodeError(op, "kernel_shape/strides do not match the rank");
  SmallVector<int64_t> in(xT.getShape().begin() + 2, xT.getShape().end());
  auto pads = resolvePads(op, op.getAutoPad(), op.getPads(), in, k, s, d);
  if (failed(pads))
    return failure();
  // ceil_mode (or any result larger than floor arithmetic gives): extend the
  // bottom/right padding so the last window exists.
  bool countPad = false;
  if constexpr (!isMax)
    countPad = op.getCountIncludePad() != 0;
  for (int64_t i = 0; i < n; ++i) {
    int64_t out = yT.getDimSize(2 + i);
    int64_t need = (out - 1) * s[i] + k[i] - (in[i] + (*pads)[i] + (*pads)[n + i]);
    if (need > 0) {
      if (countPad)
        return nodeError(op, "ceil_mode with count_include_pad has no edge "
                             "kernel (the divisor would count the extra "
                             "padding)");
      (*pads)[n + i] += need;
    }
  }
  bool oneD = n == 1;
  Location loc = op.getLoc();
  Value x = toNHWC(rewriter, loc, op.getX());
  Value y;
  if constexpr (isMax)
    y = edge::MaxPool2DOp::create(rewriter, loc, nhwcType(yT), x,
                                  to2D(k, oneD, 1), to2D(s, oneD, 1),
                                  toEdgePads(*pads), edge::ActivationAttr());
  else
    y = edge::AvgPool2DOp::create(rewriter, loc, nhwcType(yT), x,
                                  to2D(k, oneD, 1), to2D(s, oneD, 1),
                                  toEdgePads(*pads), countPad,
                                  edge::ActivationAttr());
  rewriter.replaceOp(op, fromNHWC(rewriter, loc, y, yT));
  return success();
}

struct MaxPoolLowering : OpRewritePattern<onnx::MaxPoolOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::MaxPoolOp op,
                                PatternRewriter &rewriter) const override {
    return lowerPool(op, rewriter);
  }
};

struct AveragePoolLowering : OpRewritePattern<onnx::AveragePoolOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::AveragePoolOp op,
                                PatternRewriter &rewriter) const override {
    return lowerPool(op, rewriter);
  }
};

template <typename GlobalOp, edge::ReduceKind kind>
struct GlobalPoolLowering : OpRewritePattern<GlobalOp> {
  using OpRewritePattern<GlobalOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(GlobalOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) ||
        failed(requireArithType(op, op.getX())))
      return failure();
    auto yT = getStaticType(op.getY());
    SmallVector<int64_t> axes;
    for (int64_t i = 2; i < yT.getRank(); ++i)
      axes.push_back(i);
    if (axes.empty())
      return nodeError(op, "input has no spatial axes");
    rewriter.replaceOpWithNewOp<edge::ReduceOp>(op, yT, kind, op.getX(), axes,
                                                /*keep_dims=*/true);
    return success();
  }
};

} // namespace

void edgec::populateOnnxPoolingToEdgePatterns(RewritePatternSet &patterns) {
  patterns.add<MaxPoolLowering, AveragePoolLowering,
               GlobalPoolLowering<onnx::GlobalAveragePoolOp,
                                  edge::ReduceKind::mean>,
               GlobalPoolLowering<onnx::GlobalMaxPoolOp, edge::ReduceKind::max>>(
      patterns.getContext());
}
