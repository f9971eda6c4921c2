// RUN: edgec-opt %s --convert-onnx-to-edge --split-input-file | FileCheck %s

// OIHW filter -> OHWI constant, SAME_UPPER pads resolved, stride 2.
// CHECK-LABEL: func.func @conv_same_upper
// CHECK: %[[W:.*]] = edge.constant dense<{{.*}}> : tensor<2x3x3x1xf32>
// CHECK: %[[X:.*]] = edge.reshape %arg0 : tensor<1x1x5x6xf32> -> tensor<1x5x6x1xf32>
// CHECK: %[[Y:.*]] = edge.conv2d %[[X]], %[[W]] stride [2, 2] dilation [1, 1] pad [1, 0, 1, 1] : (tensor<1x5x6x1xf32>, tensor<2x3x3x1xf32>) -> tensor<1x3x3x2xf32>
// CHECK: edge.transpose %[[Y]] perm [0, 3, 1, 2] : tensor<1x3x3x2xf32> -> tensor<1x2x3x3xf32>
func.func @conv_same_upper(%x: tensor<1x1x5x6xf32>) -> tensor<1x2x3x3xf32> {
  %w = onnx.Constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]], [[[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]]]> : tensor<2x1x3x3xf32>
  %none = onnx.NoValue
  %y = "onnx.Conv"(%x, %w, %none) <{auto_pad = "SAME_UPPER", group = 1 : i64, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>}> : (tensor<1x1x5x6xf32>, tensor<2x1x3x3xf32>, none) -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// -----

// The filter data really moves: OIHW [1, 2, 1, 2] -> OHWI [1, 1, 2, 2].
// CHECK-LABEL: func.func @conv_filter_transposed
// CHECK: edge.constant dense<{{\[\[\[\[}}1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]]]> : tensor<1x1x2x2xf32>
func.func @conv_filter_transposed(%x: tensor<1x2x3x3xf32>) -> tensor<1x1x3x2xf32> {
  %w = onnx.Constant dense<[[[[1.0, 2.0]], [[3.0, 4.0]]]]> : tensor<1x2x1x2xf32>
  %none = onnx.NoValue
  %y = "onnx.Conv"(%x, %w, %none) <{auto_pad = "NOTSET", group = 1 : i64, kernel_shape = array<i64: 1, 2>}> : (tensor<1x2x3x3xf32>, tensor<1x2x1x2xf32>, none) -> tensor<1x1x3x2xf32>
  return %y : tensor<1x1x3x2xf32>
}

// -----

// group == C_in: depthwise with a 1HW(C*M) filter (C = 2, M = 2).
// CHECK-LABEL: func.func @depthwise
// CHECK: edge.constant dense<{{.*}}> : tensor<1x3x3x4xf32>
// CHECK: edge.depthwise_conv2d %{{.*}}, %{{.*}}, %{{.*}} stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] {depth_multiplier = 2 : i64} : (tensor<1x8x8x2xf32>, tensor<1x3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x8x4xf32>
func.func @depthwise(%x: tensor<1x2x8x8xf32>, %b: tensor<4xf32>) -> tensor<1x4x8x8xf32> {
  %w = onnx.Constant dense<1.0> : tensor<4x1x3x3xf32>
  %y = "onnx.Conv"(%x, %w, %b) <{auto_pad = "NOTSET", group = 2 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x2x8x8xf32>, tensor<4x1x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// -----

// Grouped (not depthwise) convolution keeps conv2d with groups.
// CHECK-LABEL: func.func @grouped
// CHECK: edge.conv2d %{{.*}}, %{{.*}} stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] {groups = 2 : i64} : (tensor<1x4x4x4xf32>, tensor<6x1x1x2xf32>) -> tensor<1x4x4x6xf32>
func.func @grouped(%x: tensor<1x4x4x4xf32>) -> tensor<1x6x4x4xf32> {
  %w = onnx.Constant dense<1.0> : tensor<6x2x1x1xf32>
  %none = onnx.NoValue
  %y = "onnx.Conv"(%x, %w, %none) <{auto_pad = "NOTSET", group = 2 : i64, kernel_shape = array<i64: 1, 1>}> : (tensor<1x4x4x4xf32>, tensor<6x2x1x1xf32>, none) -> tensor<1x6x4x4xf32>
  return %y : tensor<1x6x4x4xf32>
}

// -----

// 1-D convolution: H = 1 through reshapes.
// CHECK-LABEL: func.func @conv1d
// CHECK: edge.reshape %arg0 : tensor<1x2x10xf32> -> tensor<1x2x1x10xf32>
// CHECK: edge.conv2d %{{.*}}, %{{.*}} stride [1, 2] dilation [1, 1] pad [0, 1, 0, 1] : (tensor<1x1x10x2xf32>, tensor<3x1x3x2xf32>) -> tensor<1x1x5x3xf32>
// CHECK: edge.reshape %{{.*}} : tensor<1x3x1x5xf32> -> tensor<1x3x5xf32>
func.func @conv1d(%x: tensor<1x2x10xf32>) -> tensor<1x3x5xf32> {
  %w = onnx.Constant dense<1.0> : tensor<3x2x3xf32>
  %none = onnx.NoValue
  %y = "onnx.Conv"(%x, %w, %none) <{auto_pad = "NOTSET", group = 1 : i64, kernel_shape = array<i64: 3>, pads = array<i64: 1, 1>, strides = array<i64: 2>}> : (tensor<1x2x10xf32>, tensor<3x2x3xf32>, none) -> tensor<1x3x5xf32>
  return %y : tensor<1x3x5xf32>
}

// -----

// A zero constant Pad on H/W folds into the convolution's pads.
// CHECK-LABEL: func.func @pad_folded
// CHECK-NOT: edge.pad
// CHECK: edge.conv2d %{{.*}}, %{{.*}} stride [1, 1] dilation [1, 1] pad [2, 1, 2, 1]
func.func @pad_folded(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x6x4xf32> {
  %none = onnx.NoValue
  %p = onnx.Constant dense<[0, 0, 1, 0, 0, 0, 1, 0]> : tensor<8xi64>
  %xp = "onnx.Pad"(%x, %p, %none) <{mode = "constant"}> : (tensor<1x1x4x4xf32>, tensor<8xi64>, none) -> tensor<1x1x6x4xf32>
  %w = onnx.Constant dense<1.0> : tensor<1x1x3x3xf32>
  %y = "onnx.Conv"(%xp, %w, %none) <{auto_pad = "NOTSET", group = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x1x6x4xf32>, tensor<1x1x3x3xf32>, none) -> tensor<1x1x6x4xf32>
  return %y : tensor<1x1x6x4xf32>
}

// -----

// ConvTranspose: [C, O, KH, KW] -> OHWI, output_padding implied by the result.
// CHECK-LABEL: func.func @conv_transpose
// CHECK: edge.transpose_conv2d %{{.*}}, %{{.*}} stride [2, 2] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x3x3x2xf32>, tensor<4x3x3x2xf32>) -> tensor<1x6x6x4xf32>
func.func @conv_transpose(%x: tensor<1x2x3x3xf32>) -> tensor<1x4x6x6xf32> {
  %w = onnx.Constant dense<1.0> : tensor<2x4x3x3xf32>
  %none = onnx.NoValue
  %y = "onnx.ConvTranspose"(%x, %w, %none) <{auto_pad = "NOTSET", group = 1 : i64, kernel_shape = array<i64: 3, 3>, output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x2x3x3xf32>, tensor<2x4x3x3xf32>, none) -> tensor<1x4x6x6xf32>
  return %y : tensor<1x4x6x6xf32>
}

// -----

// A filter that is a graph input: an edge.transpose OIHW -> OHWI at run time
// (no constant), the bias input used as it is.
// CHECK-LABEL: func.func @conv_filter_input
// CHECK-NOT: edge.constant
// CHECK: %[[W:.*]] = edge.transpose %arg1 perm [0, 2, 3, 1] : tensor<2x3x3x3xf32> -> tensor<2x3x3x3xf32>
// CHECK: edge.conv2d %{{.*}}, %[[W]], %arg2 stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x5x5x3xf32>, tensor<2x3x3x3xf32>, tensor<2xf32>) -> tensor<1x5x5x2xf32>
func.func @conv_filter_input(%x: tensor<1x3x5x5xf32>, %w: tensor<2x3x3x3xf32>, %b: tensor<2xf32>) -> tensor<1x2x5x5xf32> {
  %y = "onnx.Conv"(%x, %w, %b) <{auto_pad = "NOTSET", group = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x3x5x5xf32>, tensor<2x3x3x3xf32>, tensor<2xf32>) -> tensor<1x2x5x5xf32>
  return %y : tensor<1x2x5x5xf32>
}

// -----

// Depthwise and 1-D filters from graph inputs: transpose, then reshape to
// the 4-D kernel layout.
// CHECK-LABEL: func.func @depthwise_filter_input
// CHECK: %[[T:.*]] = edge.transpose %arg1 perm [1, 2, 3, 0] : tensor<4x1x3x3xf32> -> tensor<1x3x3x4xf32>
// CHECK: edge.depthwise_conv2d %{{.*}}, %[[T]] stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] {depth_multiplier = 2 : i64}
func.func @depthwise_filter_input(%x: tensor<1x2x8x8xf32>, %w: tensor<4x1x3x3xf32>) -> tensor<1x4x8x8xf32> {
  %none = onnx.NoValue
  %y = "onnx.Conv"(%x, %w, %none) <{auto_pad = "NOTSET", group = 2 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x2x8x8xf32>, tensor<4x1x3x3xf32>, none) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @conv1d_filter_input
// CHECK: %[[T:.*]] = edge.transpose %arg1 perm [0, 2, 1] : tensor<3x2x3xf32> -> tensor<3x3x2xf32>
// CHECK: %[[W:.*]] = edge.reshape %[[T]] : tensor<3x3x2xf32> -> tensor<3x1x3x2xf32>
// CHECK: edge.conv2d %{{.*}}, %[[W]] stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x1x10x2xf32>, tensor<3x1x3x2xf32>) -> tensor<1x1x8x3xf32>
func.func @conv1d_filter_input(%x: tensor<1x2x10xf32>, %w: tensor<3x2x3xf32>) -> tensor<1x3x8xf32> {
  %none = onnx.NoValue
  %y = "onnx.Conv"(%x, %w, %none) <{auto_pad = "NOTSET", group = 1 : i64, kernel_shape = array<i64: 3>}> : (tensor<1x2x10xf32>, tensor<3x2x3xf32>, none) -> tensor<1x3x8xf32>
  return %y : tensor<1x3x8xf32>
}

// -----

// ConvTranspose with a filter input: [C, O, KH, KW] -> [O, KH, KW, C].
// CHECK-LABEL: func.func @convtranspose_filter_input
// CHECK: %[[W:.*]] = edge.transpose %arg1 perm [1, 2, 3, 0] : tensor<2x3x3x3xf32> -> tensor<3x3x3x2xf32>
// CHECK: edge.transpose_conv2d %{{.*}}, %[[W]] stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x3x3x2xf32>, tensor<3x3x3x2xf32>) -> tensor<1x5x5x3xf32>
func.func @convtranspose_filter_input(%x: tensor<1x2x3x3xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x3x5x5xf32> {
  %none = onnx.NoValue
  %y = "onnx.ConvTranspose"(%x, %w, %none) <{auto_pad = "NOTSET", group = 1 : i64}> : (tensor<1x2x3x3xf32>, tensor<2x3x3x3xf32>, none) -> tensor<1x3x5x5xf32>
  return %y : tensor<1x3x5x5xf32>
}

// -----

// ConvTranspose SAME_UPPER (stride 2, 3 -> 6): total padding 1 goes at the
// end (bottom/right), as ONNX's reference and test data have it.
// CHECK-LABEL: func.func @convtranspose_same_upper
// CHECK: edge.transpose_conv2d %{{.*}}, %{{.*}} stride [2, 2] dilation [1, 1] pad [0, 0, 1, 1] : (tensor<1x3x3x2xf32>, tensor<3x3x3x2xf32>) -> tensor<1x6x6x3xf32>
func.func @convtranspose_same_upper(%x: tensor<1x2x3x3xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x3x6x6xf32> {
  %none = onnx.NoValue
  %y = "onnx.ConvTranspose"(%x, %w, %none) <{auto_pad = "SAME_UPPER", group = 1 : i64, strides = array<i64: 2, 2>}> : (tensor<1x2x3x3xf32>, tensor<2x3x3x3xf32>, none) -> tensor<1x3x6x6xf32>
  return %y : tensor<1x3x6x6xf32>
}
