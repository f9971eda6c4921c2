//===- Reductions.cpp - reductions, CumSum, softmax, TopK, normalizations -===//
#include "Common.h"
#include "edgec/Conversion/OnnxToEdge/OnnxToEdge.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

using namespace mlir;
using namespace edgec;
using namespace edgec::conv;

namespace {

LogicalResult lowerReduce(Operation *op, PatternRewriter &rewriter,
                          edge::ReduceKind kind, Value data,
                          std::optional<SmallVector<int64_t>> axes,
                          bool keepDims, bool noopWithEmptyAxes) {
  if (failed(requireStaticShapes(op)) || failed(requireArithType(op, data)))
    return failure();
  int64_t rank = getStaticType(data).getRank();
  SmallVector<int64_t> norm;
  if (!axes || axes->empty()) {
    if (noopWithEmptyAxes) {
      rewriter.replaceOp(op, data);
      return success();
    }
    for (int64_t i = 0; i < rank; ++i)
      norm.push_back(i);
  } else {
    for (int64_t a : *axes) {
      auto n = normalizeAxis(a, rank);
      if (!n)
        return nodeError(op, "axis out of range");
      norm.push_back(*n);
    }
    llvm::sort(norm);
  }
  rewriter.replaceOpWithNewOp<edge::ReduceOp>(op, op->getResult(0).getType(),
                                              kind, data, norm, keepDims);
  return success();
}

template <typename OnnxOp, edge::ReduceKind kind>
struct ReduceLowering : OpRewritePattern<OnnxOp> {
  using OpRewritePattern<OnnxOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(OnnxOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<SmallVector<int64_t>> axes;
    if (auto a = op.getAxes())
      axes = SmallVector<int64_t>(a->begin(), a->end());
    return lowerReduce(op, rewriter, kind, op.getData(), axes,
                       op.getKeepdims() != 0, false);
  }
};

struct ReduceSumLowering : OpRewritePattern<onnx::ReduceSumOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::ReduceSumOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<SmallVector<int64_t>> axes;
    if (!isNone(op.getAxes())) {
      axes = getConstInts(op.getAxes());
      if (!axes)
        return nodeError(op, "axes must be a constant");
    }
    return lowerReduce(op, rewriter, edge::ReduceKind::sum, op.getData(), axes,
                       op.getKeepdims() != 0, op.getNoopWithEmptyAxes() != 0);
  }
};

template <typename OnnxOp, edge::ArgKind kind>
struct ArgLowering : OpRewritePattern<OnnxOp> {
  using OpRewritePattern<OnnxOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(OnnxOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) ||
        failed(requireArithType(op, op.getData())))
      return failure();
    auto axis = normalizeAxis(op.getAxis(), getStaticType(op.getData()).getRank());
    if (!axis)
      return nodeError(op, "axis out of range");
    rewriter.replaceOpWithNewOp<edge::ArgOp>(
        op, op.getType(), edge::ArgKindAttr::get(op.getContext(), kind),
        op.getData(), rewriter.getI64IntegerAttr(*axis),
        op.getKeepdims() ? rewriter.getUnitAttr() : UnitAttr(),
        op.getSelectLastIndex() ? rewriter.getUnitAttr() : UnitAttr());
    return success();
  }
};

/// The ONNX name of `v` when it is a graph input (an argument of the graph
/// function carrying `onnx.name`).
std::optional<std::string> graphInputName(Value v) {
  auto arg = dyn_cast<BlockArgument>(v);
  if (!arg)
    return std::nullopt;
  auto func = dyn_cast<func::FuncOp>(arg.getOwner()->getParentOp());
  if (!func)
    return std::nullopt;
  if (auto name =
          func.getArgAttrOfType<StringAttr>(arg.getArgNumber(), "onnx.name"))
    return name.str();
  return std::nullopt;
}

/// CumSum becomes edge.cumsum; its axis input must be a constant scalar.
struct CumSumLowering : OpRewritePattern<onnx::CumSumOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::CumSumOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    Type t = getElementTypeOrSelf(op.getX().getType());
    if (!t.isF32() && !t.isSignlessInteger(32) && !t.isSignlessInteger(64)) {
      std::string s;
      llvm::raw_string_ostream os(s);
      os << t;
      return nodeError(op, "element type " + s +
                               " has no edge.cumsum kernel (f32, i32, i64)");
    }
    auto axisValue = getConstInts(op.getAxis());
    if (!axisValue) {
      if (auto name = graphInputName(op.getAxis()))
        return nodeError(op, "axis is graph input '" + *name +
                                 "', not a constant (give --freeze-input " +
                                 *name + "=FILE)");
      return nodeError(op, "axis must be a constant");
    }
    if (axisValue->size() != 1)
      return nodeError(op, "axis must be a scalar");
    auto axis =
        normalizeAxis((*axisValue)[0], getStaticType(op.getX()).getRank());
    if (!axis)
      return nodeError(op, "axis out of range");
    rewriter.replaceOpWithNewOp<edge::CumSumOp>(
        op, op.getType(), op.getX(), rewriter.getI64IntegerAttr(*axis),
        op.getExclusive() ? rewriter.getUnitAttr() : UnitAttr(),
        op.getReverse() ? rewriter.getUnitAttr() : UnitAttr());
    return success();
  }
};

template <typename OnnxOp, typename EdgeOp>
struct SoftmaxLowering : OpRewritePattern<OnnxOp> {
  using OpRewritePattern<OnnxOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(OnnxOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) || failed(requireF32(op, op.getInput())))
      return failure();
    auto axis = normalizeAxis(op.getAxis(), getStaticType(op.getInput()).getRank());
    if (!axis)
      return nodeError(op, "axis out of range");
    rewriter.replaceOpWithNewOp<EdgeOp>(op, op.getType(), op.getInput(),
                                        rewriter.getI64IntegerAttr(*axis),
                                        rewriter.getF32FloatAttr(1.0f));
    return success();
  }
};

struct TopKLowering : OpRewritePattern<onnx::TopKOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::TopKOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) ||
        failed(requireArithType(op, op.getX())))
      return failure();
    auto k = getConstInts(op.getK());
    if (!k || k->size() != 1)
      return nodeError(op, "K is not a constant: dynamic TopK has no edge "
                           "kernel");
    auto axis = normalizeAxis(op.getAxis(), getStaticType(op.getX()).getRank());
    if (!axis)
      return nodeError(op, "axis out of range");
    rewriter.replaceOpWithNewOp<edge::TopKOp>(
        op, op->getResultTypes(), op.getX(), (*k)[0], *axis,
        op.getLargest() != 0);
    return success();
  }
};

/// LayerNormalization becomes edge.layer_norm; when its Mean / InvStdDev
/// results are used it is decomposed instead (edge.layer_norm has only Y):
///   mean = reduce_mean(x), d = x - mean, inv = rsqrt(reduce_mean(d * d) + eps),
///   y = d * inv * scale (+ B), the statistics keeping the reduced dims as 1.
struct LayerNormLowering : OpRewritePattern<onnx::LayerNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;
  static LogicalResult decompose(onnx::LayerNormalizationOp op,
                                 PatternRewriter &rewriter, int64_t axis,
                                 Value bias) {
    for (Value v : {Value(op.getScale()), bias, Value(op.getMean()),
                    Value(op.getInvStdDev())})
      if (v && !isNone(v) && failed(requireF32(op, v)))
        return failure();
    auto xT = getStaticType(op.getX());
    int64_t rank = xT.getRank();
    SmallVector<int64_t> axes, statShape(xT.getShape());
    for (int64_t i = axis; i < rank; ++i) {
      axes.push_back(i);
      statShape[i] = 1;
    }
    auto statT = RankedTensorType::get(statShape, xT.getElementType());
    for (Value v : {op.getMean(), op.getInvStdDev()})
      if (!v.use_empty() && v.getType() != statT)
        return nodeError(op, "the Mean/InvStdDev result type is not the "
                             "input shape with the normalized axes as 1");
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto mul = [&](Value a, Value b, Type t) -> Value {
      return edge::MulOp::create(rewriter, loc, t, a, b, edge::ActivationAttr());
    };
    Value mean = edge::ReduceOp::create(rewriter, loc, statT,
                                        edge::ReduceKind::mean, op.getX(),
                                        axes, /*keep_dims=*/true);
    Value d = edge::SubOp::create(rewriter, loc, xT, op.getX(), mean,
                                  edge::ActivationAttr());
    Value var = edge::ReduceOp::create(rewriter, loc, statT,
                                       edge::ReduceKind::mean, mul(d, d, xT),
                                       axes, /*keep_dims=*/true);
    Value eps = createScalar(rewriter, loc, op.getEpsilon().convertToFloat());
    Value inv = edge::UnaryOp::create(
        rewriter, loc, statT,
        edge::UnaryKindAttr::get(ctx, edge::UnaryKind::rsqrt),
        edge::AddOp::create(rewriter, loc, statT, var, eps,
                            edge::ActivationAttr()));
    Type yT = op.getY().getType();
    Value y = mul(mul(d, inv, xT), op.getScale(), yT);
    if (bias)
      y = edge::AddOp::create(rewriter, loc, yT, y, bias,
                              edge::ActivationAttr());
    rewriter.replaceOp(op, {y, mean, inv});
    return success();
  }
  LogicalResult matchAndRewrite(onnx::LayerNormalizationOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) || failed(requireF32(op, op.getX())))
      return failure();
    auto xT = getStaticType(op.getX());
    auto axis = normalizeAxis(op.getAxis(), xT.getRank());
    if (!axis)
      return nodeError(op, "axis out of range");
    Value bias = isNone(op.getB()) ? Value() : op.getB();
    if (!op.getMean().use_empty() || !op.getInvStdDev().use_empty())
      return decompose(op, rewriter, *axis, bias);
    Value y = edge::LayerNormOp::create(rewriter, op.getLoc(), op.getY().getType(),
                                        op.getX(), op.getScale(), bias, *axis,
                                        op.getEpsilon());
    rewriter.replaceOp(op, {y, op.getMean(), op.getInvStdDev()});
    return success();
  }
};

struct InstanceNormLowering : OpRewritePattern<onnx::InstanceNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::InstanceNormalizationOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) ||
        failed(requireF32(op, op.getInput())))
      return failure();
    auto xT = getStaticType(op.getInput());
    Location loc = op.getLoc();
    int64_t rank = xT.getRank();
    Value x = createTranspose(rewriter, loc, op.getInput(),
                              toChannelsLastPerm(rank));
    Value y = edge::InstanceNormOp::create(rewriter, loc, x.getType(), x,
                                           op.getScale(), op.getB(),
                                           op.getEpsilon());
    rewriter.replaceOp(op, createTranspose(rewriter, loc, y,
                                           toChannelsFirstPerm(rank)));
    return success();
  }
};

struct LRNLowering : OpRewritePattern<onnx::LRNOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::LRNOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) || failed(requireF32(op, op.getX())))
      return failure();
    int64_t rank = getStaticType(op.getX()).getRank();
    Location loc = op.getLoc();
    Value x = createTranspose(rewriter, loc, op.getX(), toChannelsLastPerm(rank));
    Value y = edge::LRNOp::create(rewriter, loc, x.getType(), x, op.getSize(),
                                  op.getAlpha(), op.getBeta(), op.getBias());
    rewriter.replaceOp(op, createTranspose(rewriter, loc, y,
                                           toChannelsFirstPerm(rank)));
    return success();
  }
};

} // namespace

void edgec::populateOnnxReductionToEdgePatterns(RewritePatternSet &patterns) {
  using RK = edge::ReduceKind;
  patterns.add<ReduceLowering<onnx::ReduceMeanOp, RK::mean>,
               ReduceLowering<onnx::ReduceMaxOp, RK::max>,
               ReduceLowering<onnx::ReduceMinOp, RK::min>,
               ReduceLowering<onnx::ReduceProdOp, RK::prod>, ReduceSumLowering,
               ArgLowering<onnx::ArgMaxOp, edge::ArgKind::argmax>,
               ArgLowering<onnx::ArgMinOp, edge::ArgKind::argmin>,
               CumSumLowering,
               SoftmaxLowering<onnx::SoftmaxOp, edge::SoftmaxOp>,
               SoftmaxLowering<onnx::LogSoftmaxOp, edge::LogSoftmaxOp>,
               TopKLowering, LayerNormLowering, InstanceNormLowering,
               LRNLowering>(patterns.getContext());
}
