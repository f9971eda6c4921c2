// RUN: edgec-opt %s --edge-split-activations | FileCheck %s

// Sigmoid, tanh, hard_swish and leaky_relu come out of their producer; the
// producer's other users see the activated value, as before.
// CHECK-LABEL: func.func @split(
// The operand patterns stop at the operand, so an attribute left on the
// producers fails the match; CHECK-NOTs cover the lines in between.
// CHECK-NOT: fused_activation
// CHECK: %[[C:.*]] = edge.fully_connected %{{[^ ,]+}}, %{{[^ ]+}} : (tensor<1x4xf32>, tensor<4x4xf32>) -> tensor<1x4xf32>
// CHECK-NOT: fused_activation
// CHECK: %[[S:.*]] = edge.activation %[[C]] {act = #edge.act<leaky_relu, alpha = 1.000000e-01>}
// CHECK-NOT: fused_activation
// CHECK: %[[A:.*]] = edge.add %[[S]], %[[S]] : {{.*}}
// CHECK-NOT: fused_activation
// CHECK: %[[T:.*]] = edge.activation %[[A]] {act = #edge.act<sigmoid>}
// CHECK-NOT: fused_activation
// CHECK: return %[[T]], %[[S]]
func.func @split(%x: tensor<1x4xf32>) -> (tensor<1x4xf32>, tensor<1x4xf32>) {
  %w = edge.constant dense<0.5> : tensor<4x4xf32>
  %f = edge.fully_connected %x, %w {fused_activation = #edge.act<leaky_relu, alpha = 0.1>} : (tensor<1x4xf32>, tensor<4x4xf32>) -> tensor<1x4xf32>
  %a = edge.add %f, %f {fused_activation = #edge.act<sigmoid>} : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  return %a, %f : tensor<1x4xf32>, tensor<1x4xf32>
}

// Clamps stay fused.
// CHECK-LABEL: func.func @clamps(
// CHECK-NOT: edge.activation
// CHECK: edge.fully_connected {{.*}} {fused_activation = #edge.act<relu6>}
// CHECK-NOT: edge.activation
// CHECK: edge.add {{.*}} {fused_activation = #edge.act<clip, min = -1.000000e+00, max = 2.000000e+00>}
// CHECK-NOT: edge.activation
func.func @clamps(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %w = edge.constant dense<0.5> : tensor<4x4xf32>
  %f = edge.fully_connected %x, %w {fused_activation = #edge.act<relu6>} : (tensor<1x4xf32>, tensor<4x4xf32>) -> tensor<1x4xf32>
  %a = edge.add %f, %f {fused_activation = #edge.act<clip, min = -1.0, max = 2.0>} : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  return %a : tensor<1x4xf32>
}
