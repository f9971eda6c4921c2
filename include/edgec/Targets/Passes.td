//===- Passes.td - target lowerings ------------------------*- tablegen -*-===//
#ifndef EDGEC_TARGETS_PASSES_TD
#define EDGEC_TARGETS_PASSES_TD

include "mlir/Pass/PassBase.td"

def EdgeToEmitC : Pass<"edge-to-emitc", "::mlir::ModuleOp"> {
  let summary = "lowers a planned edge function into EmitC (C header + source)";
  let description = [{
    Replaces the module's single func.func of edge ops, planned by
    edge-plan-memory, with two `emitc.file` ops: "header" (include guard,
    size/shape macros, the `<name>_run` prototype) and "source" (weights as
    static const arrays, shapes and kernel parameters as static const
    globals, and `<name>_run` calling the edgert kernels on pointers into the
    caller's arena). Print them with `mlir-translate --mlir-to-cpp
    --file-id=header|source` or `edgec compile --target c`. When the weights
    exceed `weights-threshold` bytes they are referenced in an external blob
    (`<name>_weights`), whose bytes the pass attaches to the module as the
    `edge.c.weights_blob` attribute. See docs/c-target.md.
  }];
  let dependentDialects = ["::mlir::emitc::EmitCDialect"];
  let options = [
    Option<"name", "name", "std::string", /*default=*/"\"\"",
           "model name (C prefix); default: the function's name">,
    Option<"weightsThreshold", "weights-threshold", "int64_t",
           /*default=*/"65536",
           "total weight bytes above which weights go to a binary blob">,
  ];
}

#endif // EDGEC_TARGETS_PASSES_TD
