//===- GraphCleanup.cpp - onnx-graph-cleanup ------------------------------===//
//
// The pipeline of the Graph passes every front end runs before lowering, and
// the declared pass (Passes.td) that runs it on the op it is scheduled on.
//
//===----------------------------------------------------------------------===//
#include "edgec/Passes/Graph/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

namespace edgec {
#define GEN_PASS_DEF_ONNXGRAPHCLEANUP
#include "edgec/Passes/Graph/Passes.h.inc"
} // namespace edgec

void edgec::buildGraphCleanupPipeline(mlir::OpPassManager &pm) {
  pm.addPass(createOnnxFoldConstants());
  pm.addPass(mlir::createCanonicalizerPass());
  pm.addPass(createOnnxFoldBatchNorm());
  pm.addPass(createOnnxDecompose());
  pm.addPass(mlir::createCanonicalizerPass());
  pm.addPass(mlir::createCSEPass());
}

namespace {

struct OnnxGraphCleanupPass
    : edgec::impl::OnnxGraphCleanupBase<OnnxGraphCleanupPass> {
  void getDependentDialects(mlir::DialectRegistry &registry) const override {
    OnnxGraphCleanupBase::getDependentDialects(registry);
    mlir::OpPassManager pm;
    edgec::buildGraphCleanupPipeline(pm);
    pm.getDependentDialects(registry);
  }

  void runOnOperation() override {
    // Every pass of the pipeline is op-agnostic: an op-agnostic pass manager
    // runs them on whatever op this pass is scheduled on.
    mlir::OpPassManager pm;
    edgec::buildGraphCleanupPipeline(pm);
    if (mlir::failed(runPipeline(pm, getOperation())))
      signalPassFailure();
  }
};

} // namespace
