// RUN: edgec-opt %s --convert-onnx-to-edge --split-input-file | FileCheck %s

// Cubic resize: edge.resize bicubic with ONNX's A and exclude_outside.
// CHECK-LABEL: func.func @resize_cubic
// CHECK: edge.resize <bicubic> %{{.*}} coordinates <half_pixel> {cubic_coeff_a = -5.000000e-01 : f32, exclude_outside} : tensor<1x4x4x1xf32> -> tensor<1x8x8x1xf32>
func.func @resize_cubic(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x8x8xf32> {
  %none = onnx.NoValue
  %s = onnx.Constant dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>
  %y = "onnx.Resize"(%x, %none, %s, %none) <{mode = "cubic", cubic_coeff_a = -0.5 : f32, exclude_outside = 1 : i64}> : (tensor<1x1x4x4xf32>, none, tensor<4xf32>, none) -> tensor<1x1x8x8xf32>
  return %y : tensor<1x1x8x8xf32>
}

// -----

// A constant fractional scale whose output size was rounded down (4 * 0.6
// -> 2) is kept for the coordinate mapping; an exact one is not.
// CHECK-LABEL: func.func @resize_fractional_scale
// CHECK: edge.resize <bilinear> %{{.*}} coordinates <align_corners> {scale = array<f32: 1.000000e+00, 6.000000e-01>} : tensor<1x2x4x1xf32> -> tensor<1x2x2x1xf32>
// CHECK: edge.resize <bilinear> %{{.*}} coordinates <half_pixel> : tensor<1x2x4x1xf32> -> tensor<1x2x2x1xf32>
func.func @resize_fractional_scale(%x: tensor<1x1x2x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) {
  %none = onnx.NoValue
  %s = onnx.Constant dense<[1.0, 1.0, 1.0, 0.6]> : tensor<4xf32>
  %h = onnx.Constant dense<[1.0, 1.0, 1.0, 0.5]> : tensor<4xf32>
  %y = "onnx.Resize"(%x, %none, %s, %none) <{mode = "linear", coordinate_transformation_mode = "align_corners"}> : (tensor<1x1x2x4xf32>, none, tensor<4xf32>, none) -> tensor<1x1x2x2xf32>
  %z = "onnx.Resize"(%x, %none, %h, %none) <{mode = "linear"}> : (tensor<1x1x2x4xf32>, none, tensor<4xf32>, none) -> tensor<1x1x2x2xf32>
  return %y, %z : tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>
}

// -----

// Dropout at inference: the identity, its mask a constant all-true tensor.
// CHECK-LABEL: func.func @dropout_mask
// CHECK: %[[M:.*]] = edge.constant dense<true> : tensor<3x4xi1>
// CHECK: return %arg0, %[[M]]
func.func @dropout_mask(%x: tensor<3x4xf32>, %r: tensor<f32>) -> (tensor<3x4xf32>, tensor<3x4xi1>) {
  %none = onnx.NoValue
  %y, %m = "onnx.Dropout"(%x, %r, %none) <{seed = 0 : i64}> : (tensor<3x4xf32>, tensor<f32>, none) -> (tensor<3x4xf32>, tensor<3x4xi1>)
  return %y, %m : tensor<3x4xf32>, tensor<3x4xi1>
}

// -----

// Training mode with a constant zero ratio drops nothing.
// CHECK-LABEL: func.func @dropout_training_zero_ratio
// CHECK: %[[M:.*]] = edge.constant dense<true> : tensor<3x4xi1>
// CHECK: return %arg0, %[[M]]
func.func @dropout_training_zero_ratio(%x: tensor<3x4xf32>, %t: tensor<i1>) -> (tensor<3x4xf32>, tensor<3x4xi1>) {
  %r = onnx.Constant dense<0.0> : tensor<f32>
  %y, %m = "onnx.Dropout"(%x, %r, %t) <{seed = 0 : i64}> : (tensor<3x4xf32>, tensor<f32>, tensor<i1>) -> (tensor<3x4xf32>, tensor<3x4xi1>)
  return %y, %m : tensor<3x4xf32>, tensor<3x4xi1>
}
