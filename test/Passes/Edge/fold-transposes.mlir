// RUN: edgec-opt %s --edge-fold-transposes | FileCheck %s

// Inverse pair cancels.
// CHECK-LABEL: func.func @cancel
// CHECK-NOT: edge.transpose
// CHECK: return %arg0
func.func @cancel(%x: tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32> {
  %0 = edge.transpose %x perm [0, 2, 3, 1] : tensor<1x2x3x4xf32> -> tensor<1x3x4x2xf32>
  %1 = edge.transpose %0 perm [0, 3, 1, 2] : tensor<1x3x4x2xf32> -> tensor<1x2x3x4xf32>
  return %1 : tensor<1x2x3x4xf32>
}

// Transposes sink through an activation and an add with a per-channel
// constant ([C, 1, 1] becomes [1, 1, C]) and then cancel.
// CHECK-LABEL: func.func @sink
// CHECK: %[[C:.*]] = edge.constant dense<{{\[\[\[}}1.000000e+00, 2.000000e+00]]]> : tensor<1x1x2xf32>
// CHECK-NOT: edge.transpose
// CHECK: %[[A:.*]] = edge.activation %arg0
// CHECK: %[[B:.*]] = edge.add %[[A]], %[[C]] : (tensor<1x3x4x2xf32>, tensor<1x1x2xf32>) -> tensor<1x3x4x2xf32>
// CHECK: return %[[B]]
func.func @sink(%x: tensor<1x3x4x2xf32>) -> tensor<1x3x4x2xf32> {
  %c = edge.constant dense<[[[1.0]], [[2.0]]]> : tensor<2x1x1xf32>
  %0 = edge.transpose %x perm [0, 3, 1, 2] : tensor<1x3x4x2xf32> -> tensor<1x2x3x4xf32>
  %1 = edge.activation %0 {act = #edge.act<relu>} : tensor<1x2x3x4xf32> -> tensor<1x2x3x4xf32>
  %2 = edge.add %1, %c : (tensor<1x2x3x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x4xf32>
  %3 = edge.transpose %2 perm [0, 2, 3, 1] : tensor<1x2x3x4xf32> -> tensor<1x3x4x2xf32>
  return %3 : tensor<1x3x4x2xf32>
}

// A transpose that only moves unit dimensions is a reshape.
// CHECK-LABEL: func.func @unit_dims
// CHECK: edge.reshape %arg0 : tensor<1x1x1x8xf32> -> tensor<1x8xf32>
func.func @unit_dims(%x: tensor<1x1x1x8xf32>) -> tensor<1x8xf32> {
  %0 = edge.transpose %x perm [0, 3, 1, 2] : tensor<1x1x1x8xf32> -> tensor<1x8x1x1xf32>
  %1 = edge.reshape %0 : tensor<1x8x1x1xf32> -> tensor<1x8xf32>
  return %1 : tensor<1x8xf32>
}

// Flattening an NHWC value for a fully connected layer permutes the weight
// columns instead of the activation.
// CHECK-LABEL: func.func @fc_weights
// CHECK-NOT: edge.transpose
// CHECK: edge.constant dense<{{\[\[}}1.000000e+00, 3.000000e+00, 2.000000e+00, 4.000000e+00]]> : tensor<1x4xf32>
// CHECK-NOT: edge.transpose
// CHECK: edge.reshape %arg0 : tensor<1x2x1x2xf32> -> tensor<1x4xf32>
// CHECK-NOT: edge.transpose
func.func @fc_weights(%x: tensor<1x2x1x2xf32>) -> tensor<1x1xf32> {
  %w = edge.constant dense<[[1.0, 2.0, 3.0, 4.0]]> : tensor<1x4xf32>
  %0 = edge.transpose %x perm [0, 3, 1, 2] : tensor<1x2x1x2xf32> -> tensor<1x2x2x1xf32>
  %1 = edge.reshape %0 : tensor<1x2x2x1xf32> -> tensor<1x4xf32>
  %2 = edge.fully_connected %1, %w : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x1xf32>
  return %2 : tensor<1x1xf32>
}
