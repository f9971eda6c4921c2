//===- SplitActivations.cpp - edge-split-activations ----------------------===//
//
// Undoes activation fusion where integer kernels cannot follow it: only
// clamps can be fused into a quantized producer (see Passes.td).
//
//===----------------------------------------------------------------------===//
#include "edgec/Dialect/Edge/EdgeOps.h"
#include "edgec/Passes/Quantize/Passes.h"

#include "mlir/IR/Builders.h"

namespace edgec {
#define GEN_PASS_DEF_EDGESPLITACTIVATIONS
#include "edgec/Passes/Quantize/Passes.h.inc"
} // namespace edgec

using namespace mlir;
using namespace edgec;

namespace {

struct EdgeSplitActivationsPass
    : public edgec::impl::EdgeSplitActivationsBase<EdgeSplitActivationsPass> {
  void runOnOperation() override {
    SmallVector<edge::FusedActivationOpInterface> toSplit;
    getOperation().walk([&](edge::FusedActivationOpInterface op) {
      if (!op.getActivation().getClampRange())
        toSplit.push_back(op);
    });
    for (edge::FusedActivationOpInterface op : toSplit) {
      Operation *producer = op.getOperation();
      edge::ActivationAttr act = op.getActivation();
      op.setActivation(edge::ActivationAttr::get(producer->getContext(),
                                                 edge::ActivationKind::none));
      Value result = producer->getResult(0);
      OpBuilder builder(producer->getContext());
      builder.setInsertionPointAfter(producer);
      auto split = edge::ActivationOp::create(builder, producer->getLoc(),
                                              result.getType(), result, act);
      result.replaceAllUsesExcept(split.getResult(), split);
    }
  }
};

} // namespace
