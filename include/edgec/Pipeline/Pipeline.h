//===- Pipeline.h - edgec's shared compilation pipelines --------*- C++ -*-===//
//
// The pass pipelines every edgec front end runs (the driver's subcommands, the
// node-test suites, the targets), so that they all compile a model the same
// way.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_PIPELINE_PIPELINE_H
#define EDGEC_PIPELINE_PIPELINE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/LLVM.h"

#include <string>

namespace edgec {

struct PipelineOptions {
  /// Layout of rank-4 function arguments and results: "nchw" (ONNX's) or
  /// "nhwc" (convert-onnx-to-edge's io-layout option).
  std::string ioLayout = "nchw";
  /// Verify the IR after every pass (debugging aid; slower).
  bool verifyEachPass = false;
};

/// Adds the onnx -> edge pipeline to `pm` (anchored on builtin.module):
/// onnx-graph-cleanup, convert-onnx-to-edge{io-layout}, edge-fold-transposes,
/// edge-fuse-activations, canonicalize.
void buildLowerToEdgePipeline(mlir::OpPassManager &pm,
                              const PipelineOptions &options);

/// Lowers an imported module (onnx dialect) to the edge dialect in place and
/// verifies the result (also when `verifyEachPass` is off). On failure
/// returns failure() and sets `error` to one message naming the ONNX node the
/// first error was reported at (`node 'conv_3' (onnx.Conv): ...`, or
/// `node 'split_1': lowered IR does not verify: ...` when the passes produced
/// IR the verifier rejects; `*invalidIR` then becomes true: a bug in edgec
/// rather than a model edgec does not support).
mlir::LogicalResult lowerToEdge(mlir::ModuleOp module,
                                const PipelineOptions &options,
                                std::string &error,
                                bool *invalidIR = nullptr);

/// Runs `pm` on `module`. On failure returns failure() and sets `error` to
/// the first error reported, prefixed with `node 'name': ` when its location
/// names an ONNX node (getOnnxNodeName, edgec/Support/NodeName.h) and the
/// message does not already, else to `fallback`.
mlir::LogicalResult runPassesReportingFirstError(mlir::PassManager &pm,
                                                 mlir::ModuleOp module,
                                                 llvm::StringRef fallback,
                                                 std::string &error);

/// Verifies `module`. On failure returns failure() and sets `error` to
/// `what: <first verifier error>`, prefixed with `node 'name': ` when the
/// failing op's location names an ONNX node.
mlir::LogicalResult verifyReportingFirstError(mlir::ModuleOp module,
                                              llvm::StringRef what,
                                              std::string &error);

} // namespace edgec

#endif // EDGEC_PIPELINE_PIPELINE_H
