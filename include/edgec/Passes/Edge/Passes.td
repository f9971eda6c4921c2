//===- Passes.td - edge -> edge clean-ups ------------------*- tablegen -*-===//
//
// passes/Edge: layout and fusion clean-ups on the `edge` dialect, one pass per
// file. convert-onnx-to-edge runs their patterns after lowering (through the
// populate*Patterns functions of Passes.h); as passes of their own each is
// testable alone. The other edge -> edge passes are grouped by purpose:
// passes/Quantize (edge-quantize, edge-fold-qdq, edge-split-activations) and
// passes/Memory (edge-plan-memory).
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_PASSES_EDGE_PASSES_TD
#define EDGEC_PASSES_EDGE_PASSES_TD

include "mlir/Pass/PassBase.td"

def EdgeFoldTransposes : Pass<"edge-fold-transposes"> {
  let summary = "cancels and sinks edge.transpose ops";
  let description = [{
    * transpose(transpose(x, p), q) becomes one transpose (or x when the
      composition is the identity);
    * a transpose that only moves unit dimensions becomes an edge.reshape,
      and reshape(reshape(x)) one reshape;
    * transposes of constants are folded into new constants;
    * elementwise ops whose operands are all transposes with the same
      permutation, or constants, compute in the untransposed layout and
      are followed by one transpose (constant operands are permuted at
      compile time: a per-channel [C, 1, 1] constant becomes [1, 1, C]);
      this covers edge.add/sub/mul/div/maximum/minimum/pow, edge.activation,
      edge.unary, edge.prelu (constant slope) and edge.cast;
    * a fully_connected whose input is reshape(transpose(x)) to [N, K]
      with constant weights permutes the weight columns instead.
  }];
  let dependentDialects = ["::edgec::edge::EdgeDialect"];
}

def EdgeFuseActivations : Pass<"edge-fuse-activations"> {
  let summary = "folds edge.activation into its producer";
  let description = [{
    An edge.activation whose operand is produced by an op implementing
    FusedActivationOpInterface (conv2d, depthwise_conv2d, transpose_conv2d,
    fully_connected, matmul, add, sub, mul, div, max/avg_pool2d) that has no
    activation yet and no other use is removed and its activation set on the
    producer.
  }];
  let dependentDialects = ["::edgec::edge::EdgeDialect"];
}

#endif // EDGEC_PASSES_EDGE_PASSES_TD
