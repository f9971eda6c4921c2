// RUN: edgec-opt %s | edgec-opt | FileCheck %s
// RUN: edgec-opt %s -mlir-print-op-generic | edgec-opt | FileCheck %s

// Round trip of a representative set of onnx ops, with attributes, absent
// optional operands/results (`none`), variadic operands/results and both
// kinds of constants, in the generic form the importer produces.

// CHECK-LABEL: func.func @constants
func.func @constants() -> (tensor<2xi64>, tensor<2x2xf32>, none) {
  // CHECK: onnx.Constant dense<[1, -1]> : tensor<2xi64>
  %0 = onnx.Constant dense<[1, -1]> : tensor<2xi64>
  // CHECK: onnx.Constant dense_resource<w> : tensor<2x2xf32>
  %1 = onnx.Constant dense_resource<w> : tensor<2x2xf32>
  // CHECK: onnx.NoValue
  %2 = onnx.NoValue
  return %0, %1, %2 : tensor<2xi64>, tensor<2x2xf32>, none
}

// CHECK-LABEL: func.func @conv
func.func @conv(%x: tensor<1x4x8x8xf32>, %w: tensor<8x2x3x3xf32>, %b: tensor<8xf32>) -> (tensor<1x8x4x4xf32>, tensor<1x8x6x6xf32>) {
  // CHECK: "onnx.Conv"(%{{.*}}, %{{.*}}, %{{.*}}) <{auto_pad = "NOTSET", dilations = array<i64: 1, 1>, group = 2 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>, tensor<8xf32>) -> tensor<1x8x4x4xf32>
  %y = "onnx.Conv"(%x, %w, %b) {dilations = array<i64: 1, 1>, group = 2 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>, tensor<8xf32>) -> tensor<1x8x4x4xf32>
  // CHECK: %[[NONE:.*]] = onnx.NoValue
  // CHECK: "onnx.Conv"(%{{.*}}, %{{.*}}, %[[NONE]]) <{auto_pad = "VALID", group = 2 : i64}> : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>, none) -> tensor<1x8x6x6xf32>
  %none = onnx.NoValue
  %z = "onnx.Conv"(%x, %w, %none) {auto_pad = "VALID", group = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<8x2x3x3xf32>, none) -> tensor<1x8x6x6xf32>
  return %y, %z : tensor<1x8x4x4xf32>, tensor<1x8x6x6xf32>
}

// CHECK-LABEL: func.func @conv_transpose
func.func @conv_transpose(%x: tensor<1x4x5x5xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x3x10x10xf32> {
  %none = onnx.NoValue
  // CHECK: "onnx.ConvTranspose"({{.*}}) <{auto_pad = "NOTSET", group = 1 : i64, output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, none) -> tensor<1x3x10x10xf32>
  %y = "onnx.ConvTranspose"(%x, %w, %none) {output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, none) -> tensor<1x3x10x10xf32>
  return %y : tensor<1x3x10x10xf32>
}

// CHECK-LABEL: func.func @matrix
func.func @matrix(%a: tensor<4x3xf32>, %b: tensor<5x4xf32>, %c: tensor<5xf32>, %d: tensor<2x1x3x4xf32>, %e: tensor<7x4x6xf32>) -> (tensor<3x5xf32>, tensor<2x7x3x6xf32>) {
  // CHECK: "onnx.Gemm"({{.*}}) <{alpha = 5.000000e-01 : f32, beta = 1.000000e+00 : f32, transA = 1 : i64, transB = 1 : i64}> : (tensor<4x3xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  %y = "onnx.Gemm"(%a, %b, %c) {alpha = 0.5 : f32, transA = 1 : i64, transB = 1 : i64} : (tensor<4x3xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  // CHECK: "onnx.MatMul"({{.*}}) : (tensor<2x1x3x4xf32>, tensor<7x4x6xf32>) -> tensor<2x7x3x6xf32>
  %z = "onnx.MatMul"(%d, %e) : (tensor<2x1x3x4xf32>, tensor<7x4x6xf32>) -> tensor<2x7x3x6xf32>
  return %y, %z : tensor<3x5xf32>, tensor<2x7x3x6xf32>
}

// CHECK-LABEL: func.func @pool_norm
func.func @pool_norm(%x: tensor<1x3x8x8xf32>, %s: tensor<3xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>, tensor<1x3x1x1xf32>, tensor<1x3x8x8xf32>) {
  // CHECK: "onnx.MaxPool"(%{{.*}}) <{auto_pad = "SAME_UPPER", ceil_mode = 0 : i64, kernel_shape = array<i64: 2, 2>, storage_order = 0 : i64, strides = array<i64: 2, 2>}> : (tensor<1x3x8x8xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>)
  %y, %i = "onnx.MaxPool"(%x) {auto_pad = "SAME_UPPER", kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>)
  // CHECK: "onnx.GlobalAveragePool"
  %g = "onnx.GlobalAveragePool"(%x) : (tensor<1x3x8x8xf32>) -> tensor<1x3x1x1xf32>
  // CHECK: "onnx.BatchNormalization"({{.*}}) <{epsilon = 1.000000e-03 : f32, momentum = {{.*}} : f32, training_mode = 0 : i64}> : (tensor<1x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<1x3x8x8xf32>, none, none)
  %n, %m, %v = "onnx.BatchNormalization"(%x, %s, %s, %s, %s) {epsilon = 1.0e-3 : f32} : (tensor<1x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<1x3x8x8xf32>, none, none)
  return %y, %i, %g, %n : tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>, tensor<1x3x1x1xf32>, tensor<1x3x8x8xf32>
}

// CHECK-LABEL: func.func @shapes
func.func @shapes(%x: tensor<2x3x4xf32>, %y: tensor<2x5x4xf32>) -> (tensor<4x3x2xf32>, tensor<2x8x4xf32>, tensor<2x1x4xf32>, tensor<2x2x4xf32>, tensor<6x4xf32>, tensor<3xi64>) {
  // CHECK: "onnx.Transpose"(%{{.*}}) <{perm = array<i64: 2, 1, 0>}>
  %t = "onnx.Transpose"(%x) {perm = array<i64: 2, 1, 0>} : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  // CHECK: "onnx.Concat"(%{{.*}}, %{{.*}}) <{axis = -2 : i64}> : (tensor<2x3x4xf32>, tensor<2x5x4xf32>) -> tensor<2x8x4xf32>
  %c = "onnx.Concat"(%x, %y) {axis = -2 : i64} : (tensor<2x3x4xf32>, tensor<2x5x4xf32>) -> tensor<2x8x4xf32>
  %split = onnx.Constant dense<[1, 2]> : tensor<2xi64>
  // CHECK: "onnx.Split"(%{{.*}}, %{{.*}}) <{axis = 1 : i64}> : (tensor<2x3x4xf32>, tensor<2xi64>) -> (tensor<2x1x4xf32>, tensor<2x2x4xf32>)
  %s0, %s1 = "onnx.Split"(%x, %split) {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<2xi64>) -> (tensor<2x1x4xf32>, tensor<2x2x4xf32>)
  %shape = onnx.Constant dense<[-1, 4]> : tensor<2xi64>
  // CHECK: "onnx.Reshape"(%{{.*}}, %{{.*}}) <{allowzero = 0 : i64}> : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<6x4xf32>
  %r = "onnx.Reshape"(%x, %shape) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<6x4xf32>
  // CHECK: "onnx.Shape"(%{{.*}}) <{start = 0 : i64}> : (tensor<2x3x4xf32>) -> tensor<3xi64>
  %sh = "onnx.Shape"(%x) : (tensor<2x3x4xf32>) -> tensor<3xi64>
  return %t, %c, %s0, %s1, %r, %sh : tensor<4x3x2xf32>, tensor<2x8x4xf32>, tensor<2x1x4xf32>, tensor<2x2x4xf32>, tensor<6x4xf32>, tensor<3xi64>
}

// CHECK-LABEL: func.func @misc
func.func @misc(%x: tensor<1x3x4x4xf32>, %idx: tensor<2xi64>, %k: tensor<1xi64>) -> (tensor<1x3x2x4xf32>, tensor<1x3x4x4xi8>, tensor<1x3x8x8xf32>, tensor<1x3x4x2xf32>, tensor<1x3x4x2xi64>, tensor<1x1x4x4xf32>, tensor<1x3x4x4xf32>) {
  // CHECK: "onnx.Gather"(%{{.*}}, %{{.*}}) <{axis = 2 : i64}>
  %g = "onnx.Gather"(%x, %idx) {axis = 2 : i64} : (tensor<1x3x4x4xf32>, tensor<2xi64>) -> tensor<1x3x2x4xf32>
  // CHECK: "onnx.Cast"(%{{.*}}) <{to = 3 : i64}> : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xi8>
  %c = "onnx.Cast"(%x) {to = 3 : i64} : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xi8>
  %none = onnx.NoValue
  %scales = onnx.Constant dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>
  // CHECK: "onnx.Resize"({{.*}}) <{coordinate_transformation_mode = "asymmetric", cubic_coeff_a = -7.500000e-01 : f32, exclude_outside = 0 : i64, extrapolation_value = 0.000000e+00 : f32, mode = "nearest", nearest_mode = "floor"}> : (tensor<1x3x4x4xf32>, none, tensor<4xf32>, none) -> tensor<1x3x8x8xf32>
  %r = "onnx.Resize"(%x, %none, %scales, %none) {coordinate_transformation_mode = "asymmetric", nearest_mode = "floor"} : (tensor<1x3x4x4xf32>, none, tensor<4xf32>, none) -> tensor<1x3x8x8xf32>
  // CHECK: "onnx.TopK"({{.*}}) <{axis = -1 : i64, largest = 1 : i64, sorted = 1 : i64}> : (tensor<1x3x4x4xf32>, tensor<1xi64>) -> (tensor<1x3x4x2xf32>, tensor<1x3x4x2xi64>)
  %v, %i = "onnx.TopK"(%x, %k) : (tensor<1x3x4x4xf32>, tensor<1xi64>) -> (tensor<1x3x4x2xf32>, tensor<1x3x4x2xi64>)
  // CHECK: "onnx.ReduceMean"(%{{.*}}) <{axes = array<i64: 1>, keepdims = 1 : i64}>
  %m = "onnx.ReduceMean"(%x) {axes = array<i64: 1>} : (tensor<1x3x4x4xf32>) -> tensor<1x1x4x4xf32>
  // CHECK: "onnx.Dropout"({{.*}}) <{seed = 7 : i64}> : (tensor<1x3x4x4xf32>, none, none) -> (tensor<1x3x4x4xf32>, none)
  %d, %mask = "onnx.Dropout"(%x, %none, %none) {seed = 7 : i64} : (tensor<1x3x4x4xf32>, none, none) -> (tensor<1x3x4x4xf32>, none)
  return %g, %c, %r, %v, %i, %m, %d : tensor<1x3x2x4xf32>, tensor<1x3x4x4xi8>, tensor<1x3x8x8xf32>, tensor<1x3x4x2xf32>, tensor<1x3x4x2xi64>, tensor<1x1x4x4xf32>, tensor<1x3x4x4xf32>
}

// CHECK-LABEL: func.func @quantized
func.func @quantized(%x: tensor<1x4x6x6xf32>, %w: tensor<8x4x3x3xi8>, %ws: tensor<8xf32>, %wz: tensor<8xi8>) -> tensor<1x8x4x4xi8> {
  %s = onnx.Constant dense<0.05> : tensor<f32>
  %z = onnx.Constant dense<-3> : tensor<i8>
  // CHECK: "onnx.QuantizeLinear"({{.*}}) <{axis = 1 : i64}> : (tensor<1x4x6x6xf32>, tensor<f32>, tensor<i8>) -> tensor<1x4x6x6xi8>
  %q = "onnx.QuantizeLinear"(%x, %s, %z) : (tensor<1x4x6x6xf32>, tensor<f32>, tensor<i8>) -> tensor<1x4x6x6xi8>
  %none = onnx.NoValue
  // CHECK: "onnx.QLinearConv"({{.*}}) <{auto_pad = "NOTSET", group = 1 : i64}> : (tensor<1x4x6x6xi8>, tensor<f32>, tensor<i8>, tensor<8x4x3x3xi8>, tensor<8xf32>, tensor<8xi8>, tensor<f32>, tensor<i8>, none) -> tensor<1x8x4x4xi8>
  %y = "onnx.QLinearConv"(%q, %s, %z, %w, %ws, %wz, %s, %z, %none) : (tensor<1x4x6x6xi8>, tensor<f32>, tensor<i8>, tensor<8x4x3x3xi8>, tensor<8xf32>, tensor<8xi8>, tensor<f32>, tensor<i8>, none) -> tensor<1x8x4x4xi8>
  // CHECK: "onnx.DequantizeLinear"({{.*}}) <{axis = 0 : i64}> : (tensor<8x4x3x3xi8>, tensor<8xf32>, tensor<8xi8>) -> tensor<8x4x3x3xf32>
  %dq = "onnx.DequantizeLinear"(%w, %ws, %wz) {axis = 0 : i64} : (tensor<8x4x3x3xi8>, tensor<8xf32>, tensor<8xi8>) -> tensor<8x4x3x3xf32>
  return %y : tensor<1x8x4x4xi8>
}

// Unknown ranks and dynamic dimensions verify.
// CHECK-LABEL: func.func @dynamic
func.func @dynamic(%x: tensor<*xf32>, %w: tensor<?x?x3x3xf32>, %y: tensor<?x?xf32>) -> (tensor<*xf32>, tensor<?x?xf32>, tensor<*xf32>) {
  %none = onnx.NoValue
  // CHECK: "onnx.Conv"
  %c = "onnx.Conv"(%x, %w, %none) {group = 3 : i64} : (tensor<*xf32>, tensor<?x?x3x3xf32>, none) -> tensor<*xf32>
  // CHECK: "onnx.MatMul"
  %m = "onnx.MatMul"(%y, %y) : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  // CHECK: "onnx.Softmax"(%{{.*}}) <{axis = 5 : i64}>
  %s = "onnx.Softmax"(%x) {axis = 5 : i64} : (tensor<*xf32>) -> tensor<*xf32>
  return %c, %m, %s : tensor<*xf32>, tensor<?x?xf32>, tensor<*xf32>
}

{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000803F0000004000004040000080C0"
    }
  }
#-}
