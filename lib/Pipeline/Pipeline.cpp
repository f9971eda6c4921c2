//===- Pipeline.cpp - edgec's shared compilation pipelines -----------------===//
#include "edgec/Pipeline/Pipeline.h"

#include "edgec/Conversion/Passes.h"
#include "edgec/Passes/Graph/Passes.h"
#include "edgec/Passes/Quantize/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
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

std::string getOnnxNodeName(Location loc) {
  std::string name;
  loc->walk([&](Location l) {
    if (auto nameLoc = dyn_cast<NameLoc>(l)) {
      name = nameLoc.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return name;
}

LogicalResult lowerToEdge(ModuleOp module, const PipelineOptions &options,
                          std::string &error) {
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

  return runPassesReportingFirstError(pm, module,
                                      "lowering to the edge dialect failed",
                                      error);
}

LogicalResult runPassesReportingFirstError(PassManager &pm, ModuleOp module,
                                           llvm::StringRef fallback,
                                           std::string &error) {
  std::string first;
  ScopedDiagnosticHandler handler(module.getContext(), [&](Diagnostic &diag) {
    if (diag.getSeverity() != DiagnosticSeverity::Error || !first.empty())
      return success();
    std::string message = diag.str();
    std::string node = getOnnxNodeName(diag.getLocation());
    if (!node.empty() && llvm::StringRef(message).find("node '") ==
                             llvm::StringRef::npos)
      message = "node '" + node + "': " + message;
    first = message;
    return success();
  });
  if (succeeded(pm.run(module)))
    return success();
  error = first.empty() ? fallback.str() : first;
  return failure();
}

} // namespace edgec
