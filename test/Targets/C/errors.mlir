// RUN: edgec-opt %s --edge-to-emitc --split-input-file --verify-diagnostics

// An op without a C kernel yet names the ONNX node.
func.func @gather(%x: tensor<4x2xf32>) -> tensor<2x2xf32>
    attributes {edge.arena_size = 0 : i64} {
  %i = edge.constant dense<[0, 3]> : tensor<2xi32>
  // expected-error @unknown {{node 'Gather_7': the C target has no kernel for 'edge.gather' yet}}
  %0 = edge.gather %x, %i axis 0 : (tensor<4x2xf32>, tensor<2xi32>) -> tensor<2x2xf32> loc("Gather_7")
  return %0 : tensor<2x2xf32>
}

// -----

// Unplanned IR.
// expected-error @+1 {{no edge.arena_size: run edge-plan-memory before the C target}}
func.func @unplanned(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = edge.unary <abs> %x : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
