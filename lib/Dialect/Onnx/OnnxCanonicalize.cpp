//===- OnnxCanonicalize.cpp - canonicalization patterns of onnx ops -------===//
//
// Rewrites that need more than one op (folders handle single ops). Like the
// folders they keep ONNX semantics exactly and never change a value's type.
//
//===----------------------------------------------------------------------===//
#include "edgec/Dialect/Onnx/OnnxOps.h"

#include "edgec/Support/ConstantTensor.h"

#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace edgec;
using namespace edgec::onnx;

namespace {

/// `perm` of a Transpose, or the reversal ONNX defaults to; empty when the
/// rank is unknown.
SmallVector<int64_t> permOf(TransposeOp op) {
  if (std::optional<ArrayRef<int64_t>> perm = op.getPerm())
    return SmallVector<int64_t>(perm->begin(), perm->end());
  auto type = dyn_cast<RankedTensorType>(op.getData().getType());
  if (!type)
    return {};
  return llvm::to_vector(llvm::reverse(llvm::seq<int64_t>(0, type.getRank())));
}

/// Dropout at inference (training_mode absent or false) is the identity:
/// ONNX defines output = data then, whatever the ratio.
struct DropoutAtInference : OpRewritePattern<DropoutOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DropoutOp op,
                                PatternRewriter &rewriter) const override {
    Value trainingMode = op.getTrainingMode();
    if (!isa<NoneType>(trainingMode.getType())) {
      std::optional<ConstantTensor> mode = ConstantTensor::get(trainingMode);
      if (!mode || mode->isFloat() || mode->size() != 1 ||
          mode->getInt64(0) != 0)
        return rewriter.notifyMatchFailure(op, "training_mode not known false");
    }
    if (op.getData().getType() != op.getOutput().getType())
      return rewriter.notifyMatchFailure(op, "output type differs from data");
    Value mask = op.getMask();
    if (!mask.use_empty() && !isa<NoneType>(mask.getType()))
      return rewriter.notifyMatchFailure(op, "mask is used");
    Value none;
    if (!mask.use_empty())
      none = NoValueOp::create(rewriter, op.getLoc());
    rewriter.replaceOp(op, {op.getData(), none});
    return success();
  }
};

/// Transpose(Transpose(x, p1), p2) = Transpose(x, p1[p2[i]]), or x when
/// that is the identity.
struct ComposeTransposes : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getData().getDefiningOp<TransposeOp>();
    if (!inner)
      return failure();
    SmallVector<int64_t> p1 = permOf(inner), p2 = permOf(op);
    if (p1.empty() || p1.size() != p2.size())
      return rewriter.notifyMatchFailure(op, "unknown or mismatched ranks");
    SmallVector<int64_t> composed;
    for (int64_t i : p2) {
      if (i < 0 || i >= static_cast<int64_t>(p1.size()))
        return failure();
      composed.push_back(p1[i]);
    }
    Value x = inner.getData();
    if (llvm::equal(composed, llvm::seq<int64_t>(0, composed.size()))) {
      if (x.getType() != op.getType())
        return rewriter.notifyMatchFailure(op, "types differ");
      rewriter.replaceOp(op, x);
      return success();
    }
    rewriter.replaceOp(op, TransposeOp::create(
                               rewriter, op.getLoc(), op.getType(), x,
                               rewriter.getDenseI64ArrayAttr(composed))
                               .getResult());
    return success();
  }
};

/// Reshape(Reshape(x, s1), s2) = Reshape(x, s2) unless s2 copies a dimension
/// of the intermediate (a 0 entry without allowzero).
struct ComposeReshapes : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getData().getDefiningOp<ReshapeOp>();
    if (!inner)
      return failure();
    if (op.getAllowzero() == 0) {
      std::optional<ConstantTensor> shape = ConstantTensor::get(op.getShape());
      if (!shape || shape->isFloat() ||
          llvm::is_contained(shape->getInt64s(), 0))
        return rewriter.notifyMatchFailure(
            op, "shape may copy a dimension of the intermediate");
    }
    rewriter.replaceOp(op, ReshapeOp::create(rewriter, op.getLoc(),
                                             op.getType(), inner.getData(),
                                             op.getShape(),
                                             op.getAllowzeroAttr())
                               .getResult());
    return success();
  }
};

/// Squeeze(Unsqueeze(x, axes), axes) = x.
struct SqueezeOfUnsqueeze : OpRewritePattern<SqueezeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SqueezeOp op,
                                PatternRewriter &rewriter) const override {
    auto unsqueeze = op.getData().getDefiningOp<UnsqueezeOp>();
    if (!unsqueeze)
      return failure();
    Value x = unsqueeze.getData();
    auto xType = dyn_cast<RankedTensorType>(x.getType());
    if (!xType || xType != op.getType())
      return rewriter.notifyMatchFailure(op, "types differ");
    std::optional<ConstantTensor> inserted =
        ConstantTensor::get(unsqueeze.getAxes());
    std::optional<ConstantTensor> removed = ConstantTensor::get(op.getAxes());
    if (!inserted || !removed || inserted->isFloat() || removed->isFloat())
      return rewriter.notifyMatchFailure(op, "axes not constant");
    // Both sets of axes index the unsqueezed tensor.
    int64_t rank = xType.getRank() + inserted->size();
    auto normalize = [&](SmallVector<int64_t> axes) {
      for (int64_t &a : axes)
        if (a < 0)
          a += rank;
      llvm::sort(axes);
      return axes;
    };
    if (normalize(inserted->getInt64s()) != normalize(removed->getInt64s()))
      return rewriter.notifyMatchFailure(op, "different axes");
    rewriter.replaceOp(op, x);
    return success();
  }
};

} // namespace

void DropoutOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<DropoutAtInference>(context);
}

void TransposeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<ComposeTransposes>(context);
}

void ReshapeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<ComposeReshapes>(context);
}

void SqueezeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<SqueezeOfUnsqueeze>(context);
}
