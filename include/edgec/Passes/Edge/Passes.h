//===- Passes.h - edge -> edge clean-ups --------------------------*- C++ -*-===//
//
// passes/Edge: edge-fold-transposes and edge-fuse-activations, and their
// pattern sets, which convert-onnx-to-edge runs after lowering.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_PASSES_EDGE_PASSES_H
#define EDGEC_PASSES_EDGE_PASSES_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"

#include <memory>

namespace edgec {

#define GEN_PASS_DECL
#include "edgec/Passes/Edge/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "edgec/Passes/Edge/Passes.h.inc"

/// The patterns of edge-fold-transposes.
void populateEdgeFoldTransposesPatterns(mlir::RewritePatternSet &patterns);
/// The patterns of edge-fuse-activations.
void populateEdgeFuseActivationsPatterns(mlir::RewritePatternSet &patterns);

} // namespace edgec

#endif // EDGEC_PASSES_EDGE_PASSES_H
