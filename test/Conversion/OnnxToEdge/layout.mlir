// RUN: edgec-opt %s --convert-onnx-to-edge | FileCheck %s
// RUN: edgec-opt %s --convert-onnx-to-edge=io-layout=nhwc | FileCheck %s --check-prefix=NHWC
//
// conv -> relu -> conv -> add(residual) -> max pool: with ONNX's NCHW
// signature one transpose remains at the input and one at the output; with
// io-layout=nhwc the signature is NHWC and no transpose remains.

// CHECK-LABEL: func.func @residual
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32>
// CHECK: %[[T:.*]] = edge.transpose %[[X]] perm [0, 2, 3, 1]
// CHECK-NOT: edge.transpose
// CHECK: %[[C1:.*]] = edge.conv2d %[[T]], %{{.*}}, %{{.*}} stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] {fused_activation = #edge.act<relu>}
// CHECK-NOT: edge.transpose
// CHECK: %[[C2:.*]] = edge.conv2d %[[C1]], %{{.*}} stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] :
// CHECK-NOT: edge.transpose
// CHECK: %[[A:.*]] = edge.add %[[C2]], %[[C1]] {fused_activation = #edge.act<relu>} : (tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
// CHECK-NOT: edge.transpose
// CHECK: %[[P:.*]] = edge.max_pool2d %[[A]] kernel [2, 2] stride [2, 2] pad [0, 0, 0, 0] : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
// CHECK: %[[R:.*]] = edge.transpose %[[P]] perm [0, 3, 1, 2]
// CHECK-NOT: edge.transpose
// CHECK: return %[[R]]

// NHWC-LABEL: func.func @residual
// NHWC-SAME: (%[[X:.*]]: tensor<1x8x8x4xf32>) -> tensor<1x4x4x4xf32>
// NHWC-NOT: edge.transpose
// NHWC: edge.conv2d %[[X]]
// NHWC-NOT: edge.transpose
// NHWC: %[[P:.*]] = edge.max_pool2d
// NHWC-NOT: edge.transpose
// NHWC: return %[[P]]
func.func @residual(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32> {
  %w1 = onnx.Constant dense<0.5> : tensor<4x4x3x3xf32>
  %b1 = onnx.Constant dense<[0.1, 0.2, 0.3, 0.4]> : tensor<4xf32>
  %w2 = onnx.Constant dense<0.25> : tensor<4x4x3x3xf32>
  %none = onnx.NoValue
  %c1 = "onnx.Conv"(%x, %w1, %b1) <{auto_pad = "NOTSET", group = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %r1 = "onnx.Relu"(%c1) : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %c2 = "onnx.Conv"(%r1, %w2, %none) <{auto_pad = "NOTSET", group = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>, none) -> tensor<1x4x8x8xf32>
  %a = "onnx.Add"(%c2, %r1) : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %r2 = "onnx.Relu"(%a) : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %p, %i = "onnx.MaxPool"(%r2) <{auto_pad = "NOTSET", ceil_mode = 0 : i64, kernel_shape = array<i64: 2, 2>, storage_order = 0 : i64, strides = array<i64: 2, 2>}> : (tensor<1x4x8x8xf32>) -> (tensor<1x4x4x4xf32>, none)
  return %p : tensor<1x4x4x4xf32>
}

// A per-channel constant [C, 1, 1] operand is permuted to [1, 1, C] and the
// global average pool + flatten + Gemm head needs no transpose at all.
// CHECK-LABEL: func.func @scale_pool_head
// CHECK: edge.constant dense<{{\[\[\[}}2.000000e+00, 3.000000e+00]]]> : tensor<1x1x2xf32>
// CHECK: edge.transpose %{{.*}} perm [0, 2, 3, 1]
// CHECK-NOT: edge.transpose
// CHECK: edge.mul %{{.*}} : (tensor<1x4x4x2xf32>, tensor<1x1x2xf32>) -> tensor<1x4x4x2xf32>
// CHECK-NOT: edge.transpose
// CHECK: edge.reduce <mean> %{{.*}} axes [1, 2] {keep_dims} : tensor<1x4x4x2xf32> -> tensor<1x1x1x2xf32>
// CHECK-NOT: edge.transpose
// CHECK: edge.fully_connected
// CHECK-NOT: edge.transpose
// CHECK: return
func.func @scale_pool_head(%x: tensor<1x2x4x4xf32>) -> tensor<1x3xf32> {
  %w = onnx.Constant dense<1.0> : tensor<2x2x1x1xf32>
  %none = onnx.NoValue
  %c = "onnx.Conv"(%x, %w, %none) <{auto_pad = "NOTSET", group = 1 : i64, kernel_shape = array<i64: 1, 1>}> : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %s = onnx.Constant dense<[[[2.0]], [[3.0]]]> : tensor<2x1x1xf32>
  %m = "onnx.Mul"(%c, %s) : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %g = "onnx.GlobalAveragePool"(%m) : (tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32>
  %f = "onnx.Flatten"(%g) <{axis = 1 : i64}> : (tensor<1x2x1x1xf32>) -> tensor<1x2xf32>
  %fw = onnx.Constant dense<1.0> : tensor<3x2xf32>
  %fb = onnx.Constant dense<0.0> : tensor<3xf32>
  %y = "onnx.Gemm"(%f, %fw, %fb) <{alpha = 1.0 : f32, beta = 1.0 : f32, transA = 0 : i64, transB = 1 : i64}> : (tensor<1x2xf32>, tensor<3x2xf32>, tensor<3xf32>) -> tensor<1x3xf32>
  return %y : tensor<1x3xf32>
}
