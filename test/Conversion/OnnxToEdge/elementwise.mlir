// RUN: edgec-opt %s --convert-onnx-to-edge --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @clip_kinds
// CHECK: edge.activation %arg0 {act = #edge.act<relu6>}
// CHECK: edge.activation %{{.*}} {act = #edge.act<clip, min = -2.000000e+00, max = 3.000000e+00>}
func.func @clip_kinds(%x: tensor<4xf32>) -> tensor<4xf32> {
  %lo = onnx.Constant dense<0.0> : tensor<f32>
  %hi = onnx.Constant dense<6.0> : tensor<f32>
  %lo2 = onnx.Constant dense<-2.0> : tensor<f32>
  %hi2 = onnx.Constant dense<3.0> : tensor<f32>
  %a = "onnx.Clip"(%x, %lo, %hi) : (tensor<4xf32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  %b = "onnx.Clip"(%a, %lo2, %hi2) : (tensor<4xf32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  return %b : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @binary_unary
// CHECK: %[[A:.*]] = edge.add %arg0, %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: %[[M:.*]] = edge.maximum %[[A]], %arg1
// CHECK: %[[E:.*]] = edge.unary <exp> %[[M]]
// CHECK: edge.activation %[[E]] {act = #edge.act<leaky_relu, alpha = 2.000000e-01>}
func.func @binary_unary(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<2x3xf32> {
  %a = "onnx.Add"(%x, %y) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %m = "onnx.Max"(%a, %y) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %e = "onnx.Exp"(%m) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %l = "onnx.LeakyRelu"(%e) <{alpha = 0.2 : f32}> : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %l : tensor<2x3xf32>
}

// -----

// BatchNormalization: per-channel mul + add, computed at compile time.
// CHECK-LABEL: func.func @batchnorm
// CHECK-DAG: edge.constant dense<{{\[\[\[}}2.000000e+00]], {{\[\[}}1.000000e+00]]]> : tensor<2x1x1xf32>
// CHECK-DAG: edge.constant dense<{{\[\[\[}}-1.000000e+00]], {{\[\[}}1.000000e+00]]]> : tensor<2x1x1xf32>
// CHECK: edge.mul %arg0
// CHECK: edge.add
func.func @batchnorm(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %s = onnx.Constant dense<[2.0, 1.0]> : tensor<2xf32>
  %b = onnx.Constant dense<[1.0, 1.0]> : tensor<2xf32>
  %m = onnx.Constant dense<[1.0, 0.0]> : tensor<2xf32>
  %v = onnx.Constant dense<[1.0, 1.0]> : tensor<2xf32>
  %y, %rm, %rv = "onnx.BatchNormalization"(%x, %s, %b, %m, %v) <{epsilon = 0.0 : f32, momentum = 0.9 : f32, training_mode = 0 : i64}> : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x3x3xf32>, none, none)
  return %y : tensor<1x2x3x3xf32>
}

// -----

// CHECK-LABEL: func.func @data_movement
// CHECK: edge.reshape %arg0 : tensor<2x3x4xf32> -> tensor<6x4xf32>
// CHECK: edge.slice %{{.*}} offsets [1, 0] sizes [2, 4] strides [2, 1]
// CHECK: edge.concat
// CHECK: edge.softmax %{{.*}} axis 1
func.func @data_movement(%x: tensor<2x3x4xf32>) -> tensor<4x4xf32> {
  %sh = onnx.Constant dense<[6, 4]> : tensor<2xi64>
  %r = "onnx.Reshape"(%x, %sh) <{allowzero = 0 : i64}> : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<6x4xf32>
  %st = onnx.Constant dense<[1]> : tensor<1xi64>
  %en = onnx.Constant dense<[5]> : tensor<1xi64>
  %ax = onnx.Constant dense<[0]> : tensor<1xi64>
  %sp = onnx.Constant dense<[2]> : tensor<1xi64>
  %s = "onnx.Slice"(%r, %st, %en, %ax, %sp) : (tensor<6x4xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<2x4xf32>
  %c = "onnx.Concat"(%s, %s) <{axis = 0 : i64}> : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<4x4xf32>
  %y = "onnx.Softmax"(%c) <{axis = -1 : i64}> : (tensor<4x4xf32>) -> tensor<4x4xf32>
  return %y : tensor<4x4xf32>
}

// -----

// Pow: an integer exponent of an f32 base is cast to f32; an i32 base with
// an i32 exponent uses the integer kernel; an integer base with an f32
// exponent is computed in f32 and cast back (truncating).
// CHECK-LABEL: func.func @pow_types
// CHECK: %[[YF:.*]] = edge.cast %arg1 : tensor<3xi32> -> tensor<3xf32>
// CHECK: edge.pow %arg0, %[[YF]] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK: edge.pow %arg2, %arg1 : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
// CHECK: %[[XF:.*]] = edge.cast %arg3 : tensor<3xi64> -> tensor<3xf32>
// CHECK: %[[P:.*]] = edge.pow %[[XF]], %arg0 : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
// CHECK: edge.cast %[[P]] : tensor<3xf32> -> tensor<3xi64>
func.func @pow_types(%f: tensor<3xf32>, %i: tensor<3xi32>, %j: tensor<3xi32>, %l: tensor<3xi64>) -> (tensor<3xf32>, tensor<3xi32>, tensor<3xi64>) {
  %a = "onnx.Pow"(%f, %i) : (tensor<3xf32>, tensor<3xi32>) -> tensor<3xf32>
  %b = "onnx.Pow"(%j, %i) : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  %c = "onnx.Pow"(%l, %f) : (tensor<3xi64>, tensor<3xf32>) -> tensor<3xi64>
  return %a, %b, %c : tensor<3xf32>, tensor<3xi32>, tensor<3xi64>
}
