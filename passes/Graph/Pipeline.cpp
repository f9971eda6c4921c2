//===- Pipeline.cpp - registration and the onnx-graph-cleanup pipeline ----===//
#include "edgec/Passes/Graph/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

namespace edgec {
#define GEN_PASS_REGISTRATION
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

void edgec::registerGraphPasses() {
  registerOnnxGraphPasses();
  mlir::PassPipelineRegistration<>(
      "onnx-graph-cleanup",
      "Graph cleanup on the onnx dialect before lowering: "
      "onnx-fold-constants, canonicalize, onnx-fold-batchnorm, "
      "onnx-decompose, canonicalize, cse",
      buildGraphCleanupPipeline);
}
