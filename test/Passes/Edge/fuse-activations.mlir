// RUN: edgec-opt %s --edge-fuse-activations | FileCheck %s

// CHECK-LABEL: func.func @fuse_into_conv
// CHECK: edge.conv2d {{.*}} {fused_activation = #edge.act<relu6>}
// CHECK-NOT: edge.activation
func.func @fuse_into_conv(%x: tensor<1x4x4x2xf32>, %w: tensor<3x1x1x2xf32>) -> tensor<1x4x4x3xf32> {
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>) -> tensor<1x4x4x3xf32>
  %1 = edge.activation %0 {act = #edge.act<relu6>} : tensor<1x4x4x3xf32> -> tensor<1x4x4x3xf32>
  return %1 : tensor<1x4x4x3xf32>
}

// CHECK-LABEL: func.func @fuse_into_add
// CHECK: edge.add %arg0, %arg1 {fused_activation = #edge.act<leaky_relu, alpha = 1.000000e-01>}
func.func @fuse_into_add(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = edge.add %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = edge.activation %0 {act = #edge.act<leaky_relu, alpha = 0.1>} : tensor<4xf32> -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// Another use of the producer: not fused.
// CHECK-LABEL: func.func @multi_use
// CHECK: %[[A:.*]] = edge.add %arg0, %arg1 :
// CHECK: edge.activation %[[A]]
func.func @multi_use(%a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = edge.add %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = edge.activation %0 {act = #edge.act<relu>} : tensor<4xf32> -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// The producer already has an activation: not fused.
// CHECK-LABEL: func.func @already_fused
// CHECK: edge.add %arg0, %arg1 {fused_activation = #edge.act<relu>}
// CHECK: edge.activation {{.*}}sigmoid
func.func @already_fused(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = edge.add %a, %b {fused_activation = #edge.act<relu>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = edge.activation %0 {act = #edge.act<sigmoid>} : tensor<4xf32> -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// No fused form (edge.unary): stays stand-alone.
// CHECK-LABEL: func.func @no_fused_form
// CHECK: edge.activation
func.func @no_fused_form(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = edge.unary <exp> %a : tensor<4xf32> -> tensor<4xf32>
  %1 = edge.activation %0 {act = #edge.act<tanh>} : tensor<4xf32> -> tensor<4xf32>
  return %1 : tensor<4xf32>
}
