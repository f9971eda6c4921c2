//===- FuseActivations.cpp - edge-fuse-activations ------------------------===//
#include "edgec/Passes/Edge/Passes.h"

#include "edgec/Dialect/Edge/EdgeOps.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace edgec {
#define GEN_PASS_DEF_EDGEFUSEACTIVATIONS
#include "edgec/Passes/Edge/Passes.h.inc"
} // namespace edgec

using namespace mlir;
using namespace edgec;

namespace {

/// activation(producer) -> producer {fused_activation} when the producer
/// implements FusedActivationOpInterface, has no activation and no other use.
struct FuseActivation : OpRewritePattern<edge::ActivationOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(edge::ActivationOp op,
                                PatternRewriter &rewriter) const override {
    Value in = op.getInput();
    auto producer = in.getDefiningOp<edge::FusedActivationOpInterface>();
    if (!producer || !in.hasOneUse() || in.getType() != op.getType())
      return rewriter.notifyMatchFailure(op, "no single-use fusable producer");
    if (!producer.getActivation().isIdentity())
      return rewriter.notifyMatchFailure(op, "producer has an activation");
    rewriter.modifyOpInPlace(producer,
                             [&] { producer.setActivation(op.getAct()); });
    rewriter.replaceOp(op, in);
    return success();
  }
};

struct EdgeFuseActivationsPass
    : edgec::impl::EdgeFuseActivationsBase<EdgeFuseActivationsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateEdgeFuseActivationsPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void edgec::populateEdgeFuseActivationsPatterns(RewritePatternSet &patterns) {
  patterns.add<FuseActivation>(patterns.getContext());
}
