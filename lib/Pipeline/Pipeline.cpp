//===- Pipeline.cpp - edgec's shared compilation pipelines -----------------===//
#include "edgec/Pipeline/Pipeline.h"

#include "edgec/Conversion/Passes.h"
#include "edgec/Passes/Edge/Passes.h"
#include "edgec/Passes/Graph/Passes.h"
#include "edgec/Passes/Quantize/Passes.h"
#include "edgec/Support/NodeName.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/StringRef.h"

using namespace mlir;

namespace edgec {

void buildLowerToEdgePipeline(OpPassManager &pm,
                              const PipelineOptions &options) {
  buildGraphCleanupPipeline(pm);
  ConvertOnnxToEdgeOptions convertOptions;
  convertOptions.ioLayout = options.ioLayout;
  pm.addPass(createConvertOnnxToEdge(convertOptions));
  pm.addNestedPass<func::FuncOp>(createEdgeFoldTransposes());
  pm.addNestedPass<func::FuncOp>(createEdgeFuseActivations());
  // Pre-quantized (QDQ) models: integer ops with the model's parameters.
  pm.addNestedPass<func::FuncOp>(createEdgeFoldQDQ());
  pm.addPass(createCanonicalizerPass());
}

LogicalResult lowerToEdge(ModuleOp module, const PipelineOptions &options,
                          std::string &error, bool *invalidIR) {
  if (invalidIR)
    *invalidIR = false;
  if (options.ioLayout != "nchw" && options.ioLayout != "nhwc") {
    error = "unknown io layout '" + options.ioLayout +
            "' (expected nchw or nhwc)";
    return failure();
  }
  MLIRContext *ctx = module.getContext();
  // See docs: an op-agnostic PassManager would silently nest the pipeline.
  PassManager pm(ctx, ModuleOp::getOperationName());
  pm.enableVerifier(options.verifyEachPass);
  buildLowerToEdgePipeline(pm, options);

  if (failed(runPassesReportingFirstError(
          pm, module, "lowering to the edge dialect failed", error)))
    return failure();
  // Verify the result even when the passes ran without the verifier: no
  // back end may see IR that the edge dialect rejects.
  if (succeeded(verifyReportingFirstError(
          module, "lowered IR does not verify", error)))
    return success();
  if (invalidIR)
    *invalidIR = true;
  return failure();
}

/// Runs `body` with a diagnostic handler that keeps the first error,
/// prefixed with `node 'name': ` when its location names an ONNX node and the
/// message does not already; on failure sets `error` to it (or `fallback`),
/// with `prefix: ` in front when `prefix` is not empty.
static LogicalResult
reportingFirstError(ModuleOp module, llvm::StringRef fallback,
                    llvm::StringRef prefix,
                    llvm::function_ref<LogicalResult()> body,
                    std::string &error) {
  std::string first;
  ScopedDiagnosticHandler handler(module.getContext(), [&](Diagnostic &diag) {
    if (diag.getSeverity() != DiagnosticSeverity::Error || !first.empty())
      return success();
    std::string message = diag.str();
    if (!prefix.empty())
      message = prefix.str() + ": " + message;
    std::string node = getOnnxNodeName(diag.getLocation());
    if (!node.empty() && llvm::StringRef(message).find("node '") ==
                             llvm::StringRef::npos)
      message = "node '" + node + "': " + message;
    // One line: notes and multi-line messages are folded.
    for (char &c : message)
      if (c == '\n')
        c = ' ';
    first = message;
    return success();
  });
  if (succeeded(body()))
    return success();
  error = first.empty() ? fallback.str() : first;
  return failure();
}

LogicalResult runPassesReportingFirstError(PassManager &pm, ModuleOp module,
                                           llvm::StringRef fallback,
                                           std::string &error) {
  return reportingFirstError(
      module, fallback, /*prefix=*/"", [&] { return pm.run(module); }, error);
}

LogicalResult verifyReportingFirstError(ModuleOp module,
                                        llvm::StringRef what,
                                        std::string &error) {
  return reportingFirstError(
      module, what, what, [&] { return verify(module); }, error);
}

} // namespace edgec
