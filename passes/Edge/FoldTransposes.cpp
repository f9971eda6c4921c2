//===- FoldTransposes.cpp - edge-fold-transposes --------------------------===//
//
// The lowering wraps every NHWC window op in NCHW->NHWC / NHWC->NCHW
// transposes. These patterns remove the pairs that meet, sink transposes
// through layout-agnostic ops until they meet, and fold what is left over
// constants, so a graph of convolutions and elementwise ops keeps at most one
// transpose per input and output.
//
//===----------------------------------------------------------------------===//
#include "edgec/Passes/Edge/Passes.h"

#include "edgec/Support/ConstantTensor.h"
#include "edgec/Dialect/Edge/EdgeOps.h"
#include "edgec/Passes/Edge/EdgeBuilders.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace edgec {
#define GEN_PASS_DEF_EDGEFOLDTRANSPOSES
#include "edgec/Passes/Edge/Passes.h.inc"
} // namespace edgec

using namespace mlir;
using namespace edgec;

namespace {

bool isIdentity(ArrayRef<int64_t> perm) {
  for (auto [i, p] : llvm::enumerate(perm))
    if (int64_t(i) != p)
      return false;
  return true;
}

/// transpose(transpose(x, p), q) -> transpose(x, p o q), or x.
struct ComposeTransposes : OpRewritePattern<edge::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(edge::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    if (isIdentity(op.getPerm())) {
      rewriter.replaceOp(op, op.getInput());
      return success();
    }
    auto inner = op.getInput().getDefiningOp<edge::TransposeOp>();
    if (!inner)
      return failure();
    SmallVector<int64_t> perm;
    for (int64_t q : op.getPerm())
      perm.push_back(inner.getPerm()[q]);
    if (isIdentity(perm))
      rewriter.replaceOp(op, inner.getInput());
    else
      rewriter.replaceOpWithNewOp<edge::TransposeOp>(op, op.getType(),
                                                     inner.getInput(), perm);
    return success();
  }
};

/// transpose(constant) -> constant.
struct FoldConstantTranspose : OpRewritePattern<edge::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(edge::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto def = op.getInput().getDefiningOp<edge::ConstantOp>();
    if (!def || def.getValue().getType() != def.getType())
      return failure();
    auto c = ConstantTensor::get(op.getInput());
    if (!c)
      return failure();
    rewriter.replaceOp(op, createPermutedConstant(
                               rewriter, op.getLoc(), *c, op.getPerm(),
                               deriveName(op.getInput(), op, "t")));
    return success();
  }
};

/// A transpose that keeps the order of all non-unit dimensions is a reshape.
struct UnitTransposeToReshape : OpRewritePattern<edge::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(edge::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto inT = dyn_cast<RankedTensorType>(op.getInput().getType());
    if (!inT || !inT.hasStaticShape())
      return failure();
    int64_t last = -1;
    for (int64_t p : op.getPerm()) {
      if (inT.getDimSize(p) == 1)
        continue;
      if (p < last)
        return failure();
      last = p;
    }
    rewriter.replaceOpWithNewOp<edge::ReshapeOp>(op, op.getType(),
                                                 op.getInput());
    return success();
  }
};

/// reshape(reshape(x)) -> reshape(x); reshape to the same type -> x.
struct ComposeReshapes : OpRewritePattern<edge::ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(edge::ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getInput().getType() == op.getType()) {
      rewriter.replaceOp(op, op.getInput());
      return success();
    }
    auto inner = op.getInput().getDefiningOp<edge::ReshapeOp>();
    if (!inner)
      return failure();
    rewriter.replaceOpWithNewOp<edge::ReshapeOp>(op, op.getType(),
                                                 inner.getInput());
    return success();
  }
};

/// op(transpose(x, p), constant, ...) -> transpose(op(x, constant'), p) for
/// elementwise ops. Constants are brought to the operand rank and permuted
/// by the inverse of p; leading unit dimensions beyond their own rank are
/// dropped again ([C, 1, 1] becomes [1, 1, C]).
struct SinkTransposeThroughElementwise : RewritePattern {
  SinkTransposeThroughElementwise(MLIRContext *ctx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}

  static bool isElementwise(Operation *op) {
    // A cast to ui8 stays last (MoveLayoutBeforeU8Cast).
    if (isa<edge::CastOp>(op) &&
        getElementTypeOrSelf(op->getResult(0).getType()).isUnsignedInteger(8))
      return false;
    return isa<edge::AddOp, edge::SubOp, edge::MulOp, edge::DivOp,
               edge::MaximumOp, edge::MinimumOp, edge::PowOp, edge::ModOp,
               edge::ActivationOp, edge::UnaryOp, edge::PReluOp, edge::CastOp,
               edge::CompareOp, edge::LogicalOp, edge::LogicalNotOp,
               edge::SelectOp>(op) ||
           isPerTensorConversion(op);
  }

  /// quantize / dequantize / requantize with per-tensor parameters (a
  /// per-axis one would have to move its quantized dimension).
  static bool isPerTensorConversion(Operation *op) {
    if (!isa<edge::QuantizeOp, edge::DequantizeOp, edge::RequantizeOp>(op))
      return false;
    auto perAxis = [](Type t) {
      return isa<quant::UniformQuantizedPerAxisType>(getElementTypeOrSelf(t));
    };
    return !perAxis(op->getOperand(0).getType()) &&
           !perAxis(op->getResult(0).getType());
  }

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isElementwise(op) || op->getNumResults() != 1)
      return failure();
    auto resT = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    if (!resT || !resT.hasStaticShape())
      return failure();
    std::optional<SmallVector<int64_t>> perm;
    for (Value v : op->getOperands()) {
      auto t = v.getDefiningOp<edge::TransposeOp>();
      if (!t)
        continue;
      if (perm && ArrayRef<int64_t>(*perm) != t.getPerm())
        return failure();
      perm = SmallVector<int64_t>(t.getPerm());
    }
    if (!perm || int64_t(perm->size()) != resT.getRank())
      return failure();
    // Every other operand must be a constant (or a scalar).
    for (Value v : op->getOperands())
      if (!v.getDefiningOp<edge::TransposeOp>()) {
        auto t = cast<RankedTensorType>(v.getType());
        if (t.getRank() != 0 && !ConstantTensor::get(v))
          return failure();
        if (t.getRank() > resT.getRank())
          return failure();
      }
    // A transposed operand must have the result's shape (no broadcasting
    // through the transposed one).
    for (Value v : op->getOperands())
      if (auto t = v.getDefiningOp<edge::TransposeOp>())
        if (cast<ShapedType>(t.getType()).getShape() != resT.getShape())
          return failure();
    SmallVector<int64_t> inv = invertPermutation(*perm);
    Location loc = op->getLoc();
    SmallVector<Value> operands;
    for (Value v : op->getOperands()) {
      if (auto t = v.getDefiningOp<edge::TransposeOp>()) {
        operands.push_back(t.getInput());
        continue;
      }
      auto t = cast<RankedTensorType>(v.getType());
      if (t.getRank() == 0) {
        operands.push_back(v);
        continue;
      }
      auto c = ConstantTensor::get(v);
      SmallVector<int64_t> ext(resT.getRank() - t.getRank(), 1);
      ext.append(t.getShape().begin(), t.getShape().end());
      std::vector<char> data = permuteElements(*c, inv, ext);
      SmallVector<int64_t> shape;
      for (int64_t p : inv)
        shape.push_back(ext[p]);
      // Drop leading unit dimensions down to the constant's own rank.
      size_t drop = 0;
      while (shape.size() - drop > size_t(t.getRank()) && shape[drop] == 1)
        ++drop;
      shape.erase(shape.begin(), shape.begin() + drop);
      auto type = RankedTensorType::get(shape, t.getElementType());
      operands.push_back(edge::ConstantOp::create(
          rewriter, loc,
          buildElementsAttr(type, data, deriveName(v, op, "t"),
                            ConstantForm::InlineIfSmall)));
    }
    OperationState state(loc, op->getName());
    state.addOperands(operands);
    state.addTypes(permuteType(resT, inv));
    state.addAttributes(op->getAttrs());
    Operation *inner = rewriter.create(state);
    rewriter.replaceOp(op, createTranspose(rewriter, loc, inner->getResult(0),
                                           *perm));
    return success();
  }
};

/// reduce(transpose(x, p), axes, keep_dims) -> transpose(reduce(x, p[axes]), p).
struct SinkTransposeThroughReduce : OpRewritePattern<edge::ReduceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(edge::ReduceOp op,
                                PatternRewriter &rewriter) const override {
    auto t = op.getInput().getDefiningOp<edge::TransposeOp>();
    if (!t || !op.getKeepDims())
      return failure();
    SmallVector<int64_t> axes;
    for (int64_t a : op.getAxes())
      axes.push_back(t.getPerm()[a]);
    llvm::sort(axes);
    auto resT = cast<RankedTensorType>(op.getType());
    SmallVector<int64_t> inv = invertPermutation(t.getPerm());
    Value r = edge::ReduceOp::create(rewriter, op.getLoc(),
                                     permuteType(resT, inv), op.getKind(),
                                     t.getInput(), axes, true);
    rewriter.replaceOp(op, createTranspose(rewriter, op.getLoc(), r,
                                           t.getPerm()));
    return success();
  }
};

/// fully_connected(reshape(transpose(x, p)) to [B, K], constant W) with
/// p[0] = 0: permute W's columns instead, so the flattening reads x as is.
struct PermuteFullyConnectedWeights
    : OpRewritePattern<edge::FullyConnectedOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(edge::FullyConnectedOp op,
                                PatternRewriter &rewriter) const override {
    auto reshape = op.getInput().getDefiningOp<edge::ReshapeOp>();
    if (!reshape || !reshape->hasOneUse())
      return failure();
    auto t = reshape.getInput().getDefiningOp<edge::TransposeOp>();
    if (!t || t.getPerm()[0] != 0)
      return failure();
    auto tT = cast<RankedTensorType>(t.getType());
    auto rT = cast<RankedTensorType>(reshape.getType());
    if (!tT.hasStaticShape() || rT.getRank() != 2 ||
        rT.getDimSize(0) != tT.getDimSize(0))
      return failure();
    auto w = ConstantTensor::get(op.getWeights());
    if (!w || w->getShape().size() != 2)
      return failure();
    SmallVector<int64_t> ext{w->getShape()[0]};
    ext.append(tT.getShape().begin() + 1, tT.getShape().end());
    SmallVector<int64_t> inv = invertPermutation(t.getPerm());
    std::vector<char> data = permuteElements(*w, inv, ext);
    Location loc = op.getLoc();
    Value nw = edge::ConstantOp::create(
        rewriter, loc,
        buildElementsAttr(cast<ShapedType>(w->getType()), data,
                          deriveName(op.getWeights(), op, "perm"),
                          ConstantForm::InlineIfSmall));
    Value flat = edge::ReshapeOp::create(rewriter, loc, rT, t.getInput());
    rewriter.modifyOpInPlace(op, [&] {
      op.getInputMutable().assign(flat);
      op.getWeightsMutable().assign(nw);
    });
    return success();
  }
};

struct EdgeFoldTransposesPass
    : edgec::impl::EdgeFoldTransposesBase<EdgeFoldTransposesPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateEdgeFoldTransposesPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

/// transpose / reshape (cast x -> ui8) -> cast (transpose / reshape x) -> ui8:
/// ui8 exists only on edge.cast (an ONNX uint8 graph output), so layout
/// changes at the boundary (io-layout, NCHW results) move before the cast.
template <typename OpT>
struct MoveLayoutBeforeU8Cast : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    auto c = op->getOperand(0).template getDefiningOp<edge::CastOp>();
    if (!c || !getElementTypeOrSelf(c.getType()).isUnsignedInteger(8) ||
        !c->hasOneUse())
      return failure();
    auto t = cast<RankedTensorType>(op.getType());
    Type inElem = getElementTypeOrSelf(c.getInput().getType());
    Operation *moved = rewriter.clone(*op);
    moved->setOperand(0, c.getInput());
    moved->getResult(0).setType(t.clone(inElem));
    rewriter.replaceOpWithNewOp<edge::CastOp>(op, t, moved->getResult(0));
    return success();
  }
};

void edgec::populateEdgeFoldTransposesPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ComposeTransposes, UnitTransposeToReshape, ComposeReshapes,
               SinkTransposeThroughElementwise, SinkTransposeThroughReduce,
               PermuteFullyConnectedWeights>(ctx);
  patterns.add<FoldConstantTranspose>(ctx, /*benefit=*/2);
  patterns.add<MoveLayoutBeforeU8Cast<edge::TransposeOp>,
               MoveLayoutBeforeU8Cast<edge::ReshapeOp>>(ctx, /*benefit=*/3);
}
