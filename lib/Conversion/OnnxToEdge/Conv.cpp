//===- Conv.cpp - Conv and ConvTranspose to edge --------------------------===//
//
// onnx.Conv (1-D and 2-D) becomes edge.conv2d / edge.depthwise_conv2d between
// an NCHW->NHWC and an NHWC->NCHW edge.transpose; the constant filter is
// transposed once, at compile time (OIHW -> OHWI, depthwise -> 1HW(C*M));
// a filter that is not a constant gets an edge.transpose instead.
// 1-D convolutions are 2-D ones with H = 1 (edge.reshape around them).
// ConvTranspose (group 1) becomes edge.transpose_conv2d the same way. A zero
// constant onnx.Pad on spatial axes before a Conv is folded into its pads.
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "edgec/Conversion/OnnxToEdge/OnnxToEdge.h"

using namespace mlir;
using namespace edgec;
using namespace edgec::conv;

namespace {

/// The filter `w` permuted by `perm` (given for its own rank), typed as the
/// 4-D `shape4` (1-D filters get their unit H inserted). A constant filter
/// is permuted once, at compile time; any other filter (a graph input, a
/// computed tensor) gets an edge.transpose (and edge.reshape for 1-D).
Value permuteFilter(OpBuilder &b, Location loc, Operation *node, Value w,
                    ArrayRef<int64_t> perm, ArrayRef<int64_t> shape4,
                    StringRef suffix) {
  if (auto c = ConstantTensor::get(w)) {
    std::vector<char> data = permuteElements(*c, perm);
    auto type = RankedTensorType::get(shape4, c->getElementType());
    return edge::ConstantOp::create(
        b, loc,
        buildElementsAttr(type, data, deriveName(w, node, suffix),
                          ConstantForm::InlineIfSmall));
  }
  Value t = createTranspose(b, loc, w, perm);
  if (cast<RankedTensorType>(t.getType()).getShape() != shape4)
    t = createReshape(b, loc, t, shape4);
  return t;
}

struct ConvLowering : OpRewritePattern<onnx::ConvOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::ConvOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) || failed(requireF32(op, op.getX())))
      return failure();
    auto xT = getStaticType(op.getX());
    auto yT = getStaticType(op.getY());
    int64_t rank = xT.getRank();
    if (rank != 3 && rank != 4)
      return nodeError(op, Twine(rank - 2) +
                               "-D convolution has no edge kernel (1-D and "
                               "2-D only)");
    if (failed(requireF32(op, op.getW())))
      return failure();
    int64_t n = rank - 2;
    ArrayRef<int64_t> ws = getStaticType(op.getW()).getShape();
    SmallVector<int64_t> k(ws.begin() + 2, ws.end());
    SmallVector<int64_t> s(n, 1), d(n, 1);
    if (auto a = op.getStrides())
      s.assign(a->begin(), a->end());
    if (auto a = op.getDilations())
      d.assign(a->begin(), a->end());
    if (s.size() != size_t(n) || d.size() != size_t(n))
      return nodeError(op, "strides/dilations do not match the rank");
    SmallVector<int64_t> in(xT.getShape().begin() + 2, xT.getShape().end());
    auto pads = resolvePads(op, op.getAutoPad(), op.getPads(), in, k, s, d);
    if (failed(pads))
      return failure();

    bool oneD = n == 1;
    int64_t cin = xT.getDimSize(1), o = ws[0], group = op.getGroup();
    int64_t kh = oneD ? 1 : k[0], kw = oneD ? k[0] : k[1];
    Location loc = op.getLoc();
    Value bias = isNone(op.getB()) ? Value() : op.getB();
    Value x = toNHWC(rewriter, loc, op.getX());
    auto outType = nhwcType(yT);
    Value y;
    if (group > 1 && group == cin && ws[1] == 1) {
      // Depthwise: [C*M, 1, KH, KW] -> [1, KH, KW, C*M].
      SmallVector<int64_t> perm = oneD ? SmallVector<int64_t>{1, 2, 0}
                                       : SmallVector<int64_t>{1, 2, 3, 0};
      Value f = permuteFilter(rewriter, loc, op, op.getW(), perm,
                              {1, kh, kw, o}, "1hwc");
      y = edge::DepthwiseConv2DOp::create(
          rewriter, loc, outType, x, f, bias, to2D(s, oneD, 1),
          to2D(d, oneD, 1), toEdgePads(*pads), o / cin,
          edge::ActivationAttr());
    } else {
      SmallVector<int64_t> perm = oneD ? SmallVector<int64_t>{0, 2, 1}
                                       : SmallVector<int64_t>{0, 2, 3, 1};
      Value f = permuteFilter(rewriter, loc, op, op.getW(), perm,
                              {o, kh, kw, ws[1]}, "ohwi");
      y = edge::Conv2DOp::create(rewriter, loc, outType, x, f, bias,
                                 to2D(s, oneD, 1), to2D(d, oneD, 1),
                                 toEdgePads(*pads), group,
                                 edge::ActivationAttr());
    }
    rewriter.replaceOp(op, fromNHWC(rewriter, loc, y, yT));
    return success();
  }
};

struct ConvTransposeLowering : OpRewritePattern<onnx::ConvTransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::ConvTransposeOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(requireStaticShapes(op)) || failed(requireF32(op, op.getX())))
      return failure();
    auto xT = getStaticType(op.getX());
    auto yT = getStaticType(op.getY());
    int64_t rank = xT.getRank();
    if (rank != 3 && rank != 4)
      return nodeError(op, Twine(rank - 2) +
                               "-D transposed convolution has no edge kernel");
    if (op.getGroup() != 1)
      return nodeError(op, "grouped transposed convolution (group " +
                               Twine(op.getGroup()) + ") has no edge kernel");
    if (failed(requireF32(op, op.getW())))
      return failure();
    int64_t n = rank - 2;
    ArrayRef<int64_t> ws = getStaticType(op.getW()).getShape();
    SmallVector<int64_t> k(ws.begin() + 2, ws.end());
    SmallVector<int64_t> s(n, 1), d(n, 1), outPad(n, 0);
    if (auto a = op.getStrides())
      s.assign(a->begin(), a->end());
    if (auto a = op.getDilations())
      d.assign(a->begin(), a->end());
    if (auto a = op.getOutputPadding())
      outPad.assign(a->begin(), a->end());
    // Pads from the result size: out = full - begin - end + extra.
    SmallVector<int64_t> pads(2 * n, 0);
    StringRef autoPad = op.getAutoPad();
    bool explicitPads = autoPad == "NOTSET" && !op.getOutputShape();
    for (int64_t i = 0; i < n; ++i) {
      int64_t in = xT.getDimSize(2 + i), out = yT.getDimSize(2 + i);
      int64_t full = (in - 1) * s[i] + (k[i] - 1) * d[i] + 1;
      if (explicitPads) {
        if (auto p = op.getPads()) {
          pads[i] = (*p)[i];
          pads[i + n] = (*p)[i + n];
        }
        continue;
      }
      if (autoPad == "VALID")
        continue;
      int64_t total = full + outPad[i] - out;
      if (total < 0)
        return nodeError(op, "output_shape needs negative padding");
      // The extra odd pad goes at the end for SAME_UPPER, at the start for
      // SAME_LOWER, as for Conv: ONNX's reference implementation and its
      // test data (test_convtranspose_autopad_same) and ONNX Runtime do
      // this; the opset <= 17 operator text states it the other way round.
      if (autoPad == "SAME_UPPER") {
        pads[i] = total / 2;
        pads[i + n] = total - total / 2;
      } else {
        pads[i] = total - total / 2;
        pads[i + n] = total / 2;
      }
    }
    for (int64_t p : pads)
      if (p < 0)
        return nodeError(op, "negative pads are not supported");
    bool oneD = n == 1;
    int64_t kh = oneD ? 1 : k[0], kw = oneD ? k[0] : k[1];
    Location loc = op.getLoc();
    // [C, O, KH, KW] -> [O, KH, KW, C].
    SmallVector<int64_t> perm = oneD ? SmallVector<int64_t>{1, 2, 0}
                                     : SmallVector<int64_t>{1, 2, 3, 0};
    Value f = permuteFilter(rewriter, loc, op, op.getW(), perm,
                            {ws[1], kh, kw, ws[0]}, "ohwi");
    Value bias = isNone(op.getB()) ? Value() : op.getB();
    Value x = toNHWC(rewriter, loc, op.getX());
    Value y = edge::TransposeConv2DOp::create(
        rewriter, loc, nhwcType(yT), x, f, bias, to2D(s, oneD, 1),
        to2D(d, oneD, 1), toEdgePads(pads), edge::ActivationAttr());
    rewriter.replaceOp(op, fromNHWC(rewriter, loc, y, yT));
    return success();
  }
};

/// Pad(x, zeros on N and C, constant 0) -> Conv / AveragePool(count_include_pad)
/// becomes the window op with larger pads.
template <typename WindowOp>
struct FoldPadIntoWindow : OpRewritePattern<WindowOp> {
  using OpRewritePattern<WindowOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(WindowOp op,
                                PatternRewriter &rewriter) const override {
    auto pad = op.getX().template getDefiningOp<onnx::PadOp>();
    if (!pad || pad.getMode() != "constant")
      return failure();
    if constexpr (std::is_same_v<WindowOp, onnx::AveragePoolOp>)
      if (op.getCountIncludePad() != 1)
        return failure();
    if (op.getAutoPad() != "NOTSET")
      return failure();
    if (!isNone(pad.getConstantValue())) {
      auto v = getConstFloats(pad.getConstantValue());
      if (!v || v->size() != 1 || (*v)[0] != 0.0f)
        return failure();
    }
    auto p = getConstInts(pad.getPads());
    auto xT = dyn_cast<RankedTensorType>(pad.getData().getType());
    if (!p || !xT)
      return failure();
    int64_t rank = xT.getRank();
    if (int64_t(p->size()) != 2 * rank)
      return failure();
    // No padding on N and C, none negative.
    if ((*p)[0] || (*p)[1] || (*p)[rank] || (*p)[rank + 1])
      return failure();
    int64_t n = rank - 2;
    SmallVector<int64_t> pads(2 * n, 0);
    if (auto a = op.getPads())
      pads.assign(a->begin(), a->end());
    for (int64_t i = 0; i < n; ++i) {
      if ((*p)[2 + i] < 0 || (*p)[rank + 2 + i] < 0)
        return failure();
      pads[i] += (*p)[2 + i];
      pads[n + i] += (*p)[rank + 2 + i];
    }
    rewriter.modifyOpInPlace(op, [&] {
      op.getXMutable().assign(pad.getData());
      op.setPadsAttr(rewriter.getDenseI64ArrayAttr(pads));
    });
    return success();
  }
};

} // namespace

void edgec::populateOnnxConvToEdgePatterns(RewritePatternSet &patterns) {
  patterns.add<ConvLowering, ConvTransposeLowering>(patterns.getContext());
}

void edgec::populateOnnxPadFoldingPatterns(RewritePatternSet &patterns) {
  patterns.add<FoldPadIntoWindow<onnx::ConvOp>,
               FoldPadIntoWindow<onnx::AveragePoolOp>>(patterns.getContext());
}
