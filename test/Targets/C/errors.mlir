// RUN: edgec-opt %s --edge-to-emitc --split-input-file --verify-diagnostics

// An op whose element types have no kernel (as in the interpreter: reduce
// has f32, i32 and i64 kernels only) names the ONNX node.
func.func @reduce_i8(%x: tensor<4x2xi8>) -> tensor<2xi8>
    attributes {edge.arena_size = 0 : i64} {
  // expected-error @unknown {{node 'ReduceSum_7': the C target has no kernel for 'edge.reduce' on element type 'i8'}}
  %0 = edge.reduce <sum> %x axes [0] : tensor<4x2xi8> -> tensor<2xi8> loc("ReduceSum_7")
  return %0 : tensor<2xi8>
}

// -----

// Unplanned IR.
// expected-error @+1 {{no edge.arena_size: run edge-plan-memory before the C target}}
func.func @unplanned(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = edge.unary <abs> %x : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
