//===- DataMovement.cpp - data movement onnx ops to edge ------------------===//
//
// Constants, Identity/Dropout (removed; a Dropout mask is all true), Reshape/Flatten/Squeeze/Unsqueeze
// (edge.reshape to the static result type), Transpose, Concat, Split, Slice
// (constant starts/ends/axes/steps), Pad, Gather, Tile, Expand, and the NHWC
// window ops Resize, DepthToSpace and SpaceToDepth.
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "edgec/Conversion/OnnxToEdge/OnnxToEdge.h"

using namespace mlir;
using namespace edgec;
using namespace edgec::conv;

namespace {

struct ConstantLowering : OpRewritePattern<onnx::ConstantOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::ConstantOp op,
                                PatternRewriter &rewriter) const override {
    if (op->use_empty()) {
      rewriter.eraseOp(op);
      return success();
    }
    Type t = getElementTypeOrSelf(op.getType());
    if (!isEdgeDataType(t) || !getStaticType(op.getOutput()))
      return requireArithType(op, op.getOutput());
    rewriter.replaceOpWithNewOp<edge::ConstantOp>(op, op.getValue());
    return success();
  }
};

/// Identity: the result is the input.
template <typename OnnxOp>
struct ForwardLowering : OpRewritePattern<OnnxOp> {
  using OpRewritePattern<OnnxOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(OnnxOp op,
                                PatternRewriter &rewriter) const override {
    for (Value r : op->getResults().drop_front())
      if (!r.use_empty())
        return nodeError(op, "the mask result has no edge kernel");
    SmallVector<Value> repl{op->getOperand(0)};
    for (Value r : op->getResults().drop_front())
      repl.push_back(r);
    rewriter.replaceOp(op, repl);
    return success();
  }
};

/// Dropout at inference (training_mode absent or constant false) and with a
/// constant zero ratio is the identity, its mask all true. Training-mode
/// Dropout with another ratio is random: no edge kernel.
struct DropoutLowering : OpRewritePattern<onnx::DropoutOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::DropoutOp op,
                                PatternRewriter &rewriter) const override {
    if (!isNone(op.getTrainingMode())) {
      auto mode = getConstInts(op.getTrainingMode());
      if (!mode || mode->size() != 1 || (*mode)[0] != 0) {
        auto ratio = getConstFloats(op.getRatio());
        if (!ratio || ratio->size() != 1 || (*ratio)[0] != 0.0f)
          return nodeError(op, "training-mode Dropout (training_mode not a "
                               "constant false, ratio not a constant 0) is "
                               "random: it has no edge kernel");
      }
    }
    if (op.getData().getType() != op.getOutput().getType())
      return nodeError(op, "output type differs from the data type");
    Value mask = op.getMask();
    if (!isNone(mask) && !mask.use_empty()) {
      auto maskT = getStaticType(mask);
      if (!maskT)
        return requireStaticShapes(op);
      mask = edge::ConstantOp::create(
          rewriter, op.getLoc(),
          DenseElementsAttr::get(maskT, rewriter.getBoolAttr(true)));
    }
    rewriter.replaceOp(op, {op.getData(), mask});
    return success();
  }
};

/// Reshape, Flatten, Squeeze, Unsqueeze: the static result type says it all.
template <typename OnnxOp>
struct ReshapeLowering : OpRewritePattern<OnnxOp> {
  using OpRewritePattern<OnnxOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(OnnxOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    Value x = op->getOperand(0);
    if (!isEdgeDataType(getElementTypeOrSelf(x.getType())))
      return requireArithType(op, x);
    Type t = op->getResult(0).getType();
    if (x.getType() == t)
      rewriter.replaceOp(op, x);
    else
      rewriter.replaceOpWithNewOp<edge::ReshapeOp>(op, t, x);
    return success();
  }
};

struct TransposeLowering : OpRewritePattern<onnx::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    int64_t rank = getStaticType(op.getData()).getRank();
    SmallVector<int64_t> perm = onnx::getTransposePerm(op, rank);
    rewriter.replaceOpWithNewOp<edge::TransposeOp>(op, op.getType(),
                                                   op.getData(), perm);
    return success();
  }
};

struct ConcatLowering : OpRewritePattern<onnx::ConcatOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::ConcatOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    auto axis = normalizeAxis(op.getAxis(), getStaticType(op.getConcatResult()).getRank());
    if (!axis)
      return nodeError(op, "axis out of range");
    rewriter.replaceOpWithNewOp<edge::ConcatOp>(op, op.getType(),
                                                op.getInputs(), *axis);
    return success();
  }
};

struct SplitLowering : OpRewritePattern<onnx::SplitOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::SplitOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    auto axis = normalizeAxis(op.getAxis(),
                              getStaticType(op.getInput()).getRank());
    if (!axis)
      return nodeError(op, "axis out of range");
    SmallVector<int64_t> sizes;
    for (Value r : op.getOutputs())
      sizes.push_back(getStaticType(r).getDimSize(*axis));
    rewriter.replaceOpWithNewOp<edge::SplitOp>(
        op, op.getOutputs().getTypes(), op.getInput(), *axis, sizes);
    return success();
  }
};

struct SliceLowering : OpRewritePattern<onnx::SliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::SliceOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    auto inT = getStaticType(op.getData());
    int64_t rank = inT.getRank();
    auto starts = getConstInts(op.getStarts()), ends = getConstInts(op.getEnds());
    if (!starts || !ends)
      return nodeError(op, "starts and ends must be constants");
    SmallVector<int64_t> axes, steps(starts->size(), 1);
    if (isNone(op.getAxes())) {
      for (size_t i = 0; i < starts->size(); ++i)
        axes.push_back(i);
    } else if (auto a = getConstInts(op.getAxes())) {
      axes = *a;
    } else {
      return nodeError(op, "axes must be a constant");
    }
    if (!isNone(op.getSteps())) {
      auto s = getConstInts(op.getSteps());
      if (!s)
        return nodeError(op, "steps must be a constant");
      steps = *s;
    }
    SmallVector<int64_t> offsets(rank, 0), strides(rank, 1);
    for (size_t i = 0; i < axes.size(); ++i) {
      auto axis = normalizeAxis(axes[i], rank);
      if (!axis || steps[i] == 0)
        return nodeError(op, "bad axis or zero step");
      int64_t dim = inT.getDimSize(*axis), start = (*starts)[i];
      if (start < 0)
        start += dim;
      start = steps[i] > 0 ? std::clamp<int64_t>(start, 0, dim)
                           : std::clamp<int64_t>(start, 0, dim - 1);
      offsets[*axis] = start;
      strides[*axis] = steps[i];
    }
    auto outT = getStaticType(op.getOutput());
    rewriter.replaceOpWithNewOp<edge::SliceOp>(op, outT, op.getData(), offsets,
                                               outT.getShape(), strides);
    return success();
  }
};

struct PadLowering : OpRewritePattern<onnx::PadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::PadOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    int64_t rank = getStaticType(op.getData()).getRank();
    auto pads = getConstInts(op.getPads());
    if (!pads || int64_t(pads->size()) != 2 * rank)
      return nodeError(op, "pads must be a constant with 2 * rank entries");
    if (llvm::any_of(*pads, [](int64_t p) { return p < 0; }))
      return nodeError(op, "negative pads are not supported");
    std::optional<edge::PadMode> mode;
    StringRef m = op.getMode();
    if (m == "constant")
      mode = edge::PadMode::constant;
    else if (m == "reflect")
      mode = edge::PadMode::reflect;
    else if (m == "edge")
      mode = edge::PadMode::edge;
    else if (m == "wrap")
      mode = edge::PadMode::wrap;
    else
      return nodeError(op, "unknown mode '" + m + "'");
    double value = 0.0;
    if (!isNone(op.getConstantValue())) {
      auto v = getConstFloats(op.getConstantValue());
      if (!v || v->size() != 1)
        return nodeError(op, "constant_value must be a constant scalar");
      value = (*v)[0];
    }
    SmallVector<int64_t> before(pads->begin(), pads->begin() + rank);
    SmallVector<int64_t> after(pads->begin() + rank, pads->end());
    rewriter.replaceOpWithNewOp<edge::PadOp>(
        op, op.getType(), op.getData(),
        edge::PadModeAttr::get(op.getContext(), *mode),
        rewriter.getDenseI64ArrayAttr(before),
        rewriter.getDenseI64ArrayAttr(after), rewriter.getF64FloatAttr(value));
    return success();
  }
};

struct GatherLowering : OpRewritePattern<onnx::GatherOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::GatherOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    auto axis = normalizeAxis(op.getAxis(),
                              getStaticType(op.getData()).getRank());
    if (!axis)
      return nodeError(op, "axis out of range");
    rewriter.replaceOpWithNewOp<edge::GatherOp>(op, op.getType(), op.getData(),
                                                op.getIndices(), *axis);
    return success();
  }
};

struct TileLowering : OpRewritePattern<onnx::TileOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::TileOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    auto reps = getConstInts(op.getRepeats());
    if (!reps)
      return nodeError(op, "repeats must be a constant");
    rewriter.replaceOpWithNewOp<edge::TileOp>(op, op.getType(), op.getInput(),
                                              *reps);
    return success();
  }
};

struct ExpandLowering : OpRewritePattern<onnx::ExpandOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::ExpandOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    if (op.getInput().getType() == op.getType())
      rewriter.replaceOp(op, op.getInput());
    else
      rewriter.replaceOpWithNewOp<edge::BroadcastToOp>(op, op.getType(),
                                                       op.getInput());
    return success();
  }
};

struct ResizeLowering : OpRewritePattern<onnx::ResizeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::ResizeOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) ||
        failed(requireArithType(op, op.getX())))
      return failure();
    auto xT = getStaticType(op.getX()), yT = getStaticType(op.getY());
    if (xT.getRank() != 4)
      return nodeError(op, "only 4-D (NCHW) resize has an edge kernel");
    if (xT.getDimSize(0) != yT.getDimSize(0) ||
        xT.getDimSize(1) != yT.getDimSize(1))
      return nodeError(op, "resizing N or C has no edge kernel");
    MLIRContext *ctx = op.getContext();
    edge::ResizeMode mode;
    if (op.getMode() == "nearest")
      mode = edge::ResizeMode::nearest;
    else if (op.getMode() == "linear")
      mode = edge::ResizeMode::bilinear;
    else if (op.getMode() == "cubic")
      mode = edge::ResizeMode::bicubic;
    else
      return nodeError(op, op.getMode() + " mode has no edge kernel");
    if (mode == edge::ResizeMode::bicubic &&
        failed(requireF32(op, op.getX())))
      return failure();
    std::optional<edge::CoordinateMode> coord =
        llvm::StringSwitch<std::optional<edge::CoordinateMode>>(
            op.getCoordinateTransformationMode())
            .Case("asymmetric", edge::CoordinateMode::asymmetric)
            .Case("align_corners", edge::CoordinateMode::align_corners)
            .Case("half_pixel", edge::CoordinateMode::half_pixel)
            .Case("pytorch_half_pixel", edge::CoordinateMode::pytorch_half_pixel)
            .Default(std::nullopt);
    if (!coord)
      return nodeError(op, "coordinate_transformation_mode '" +
                               op.getCoordinateTransformationMode() +
                               "' has no edge kernel");
    edge::NearestModeAttr nearest;
    if (mode == edge::ResizeMode::nearest) {
      auto nm = edge::symbolizeNearestMode(op.getNearestMode());
      if (!nm)
        return nodeError(op, "nearest_mode '" + op.getNearestMode() +
                                 "' has no edge kernel");
      nearest = edge::NearestModeAttr::get(ctx, *nm);
    }
    // Given scales map coordinates even when floor(in * scale) made the
    // output size's ratio differ (a fractional downsample).
    DenseF32ArrayAttr scaleAttr;
    if (auto sc = getConstFloats(op.getScales()); sc && sc->size() == 4) {
      float sh = (*sc)[2], sw = (*sc)[3];
      if (!(sh > 0.0f) || !(sw > 0.0f))
        return nodeError(op, "scales must be positive");
      auto ratio = [&](int64_t d) {
        return float(double(yT.getDimSize(d)) / double(xT.getDimSize(d)));
      };
      if (sh != ratio(2) || sw != ratio(3))
        scaleAttr = rewriter.getDenseF32ArrayAttr({sh, sw});
    }
    FloatAttr cubicA;
    UnitAttr exclude;
    if (mode == edge::ResizeMode::bicubic) {
      cubicA = rewriter.getF32FloatAttr(op.getCubicCoeffA().convertToFloat());
      if (op.getExcludeOutside())
        exclude = rewriter.getUnitAttr();
    }
    Location loc = op.getLoc();
    Value x = toNHWC(rewriter, loc, op.getX());
    Value y = edge::ResizeOp::create(
        rewriter, loc, nhwcType(yT), x, edge::ResizeModeAttr::get(ctx, mode),
        edge::CoordinateModeAttr::get(ctx, *coord), nearest, scaleAttr, cubicA,
        exclude);
    rewriter.replaceOp(op, fromNHWC(rewriter, loc, y, yT));
    return success();
  }
};

struct DepthToSpaceLowering : OpRewritePattern<onnx::DepthToSpaceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::DepthToSpaceOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    auto yT = getStaticType(op.getOutput());
    if (yT.getRank() != 4)
      return nodeError(op, "only 4-D input has an edge kernel");
    auto mode = op.getMode() == "CRD" ? edge::DepthToSpaceMode::crd
                                      : edge::DepthToSpaceMode::dcr;
    Location loc = op.getLoc();
    Value x = toNHWC(rewriter, loc, op.getInput());
    Value y = edge::DepthToSpaceOp::create(
        rewriter, loc, nhwcType(yT), x,
        rewriter.getI64IntegerAttr(op.getBlocksize()),
        edge::DepthToSpaceModeAttr::get(op.getContext(), mode));
    rewriter.replaceOp(op, fromNHWC(rewriter, loc, y, yT));
    return success();
  }
};

struct SpaceToDepthLowering : OpRewritePattern<onnx::SpaceToDepthOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::SpaceToDepthOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)))
      return failure();
    auto yT = getStaticType(op.getOutput());
    if (yT.getRank() != 4)
      return nodeError(op, "only 4-D input has an edge kernel");
    Location loc = op.getLoc();
    Value x = toNHWC(rewriter, loc, op.getInput());
    Value y = edge::SpaceToDepthOp::create(rewriter, loc, nhwcType(yT), x,
                                           op.getBlocksize());
    rewriter.replaceOp(op, fromNHWC(rewriter, loc, y, yT));
    return success();
  }
};

} // namespace

void edgec::populateOnnxDataMovementToEdgePatterns(
    RewritePatternSet &patterns) {
  patterns.add<ConstantLowering, ForwardLowering<onnx::IdentityOp>,
               DropoutLowering,
               ReshapeLowering<onnx::ReshapeOp>, ReshapeLowering<onnx::FlattenOp>,
               ReshapeLowering<onnx::SqueezeOp>,
               ReshapeLowering<onnx::UnsqueezeOp>, TransposeLowering,
               ConcatLowering, SplitLowering, SliceLowering, PadLowering,
               GatherLowering, TileLowering, ExpandLowering, ResizeLowering,
               DepthToSpaceLowering, SpaceToDepthLowering>(
      patterns.getContext());
}
