//===- Passes.h - graph passes on the onnx dialect ----------------*- C++ -*-===//
//
// passes/Graph: constant/shape folding, BN folding and decomposition on the
// `onnx` dialect, and the onnx-graph-cleanup pipeline that later stages run.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_PASSES_GRAPH_PASSES_H
#define EDGEC_PASSES_GRAPH_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

#include <memory>

namespace edgec {

#define GEN_PASS_DECL
#include "edgec/Passes/Graph/Passes.h.inc"

/// registerGraphPasses() registers them all, onnx-graph-cleanup included.
#define GEN_PASS_REGISTRATION
#include "edgec/Passes/Graph/Passes.h.inc"

/// Adds the passes of onnx-graph-cleanup to `pm` (any op holding onnx ops,
/// typically builtin.module): onnx-fold-constants, canonicalize,
/// onnx-fold-batchnorm, onnx-decompose, canonicalize, cse. The
/// onnx-graph-cleanup pass (createOnnxGraphCleanup) runs the same pipeline
/// as one pass.
void buildGraphCleanupPipeline(mlir::OpPassManager &pm);

} // namespace edgec

#endif // EDGEC_PASSES_GRAPH_PASSES_H
