// RUN: edgec-opt %s --edge-to-emitc --split-input-file --verify-diagnostics

// Unplanned IR.
// expected-error @+1 {{no edge.arena_size: run edge-plan-memory before the C target}}
func.func @unplanned(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = edge.unary <abs> %x : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
