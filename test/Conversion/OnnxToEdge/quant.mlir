// RUN: edgec-opt %s --convert-onnx-to-edge --split-input-file | FileCheck %s
// RUN: edgec-opt %s --convert-onnx-to-edge --split-input-file 2>&1 | FileCheck %s --check-prefix=NOUI8
// RUN: edgec-opt %s --convert-onnx-to-edge="io-layout=nhwc" --split-input-file | FileCheck %s --check-prefix=NHWC

// No uint8 constant survives as an edge op.
// NOUI8-NOT: onnx.

// A QuantizeLinear only dequantized again (same parameters) is an
// edge.quantize / edge.dequantize pair; uint8 zero point 130 is int8 2.
// CHECK-LABEL: func.func @qdq_pair
// CHECK: %[[Q:.*]] = edge.quantize %arg0 : tensor<1x4xf32> -> tensor<1x4x!quant.uniform<i8:f32, 5.000000e-01:2>>
// CHECK: %[[D:.*]] = edge.dequantize %[[Q]] : tensor<1x4x!quant.uniform<i8:f32, 5.000000e-01:2>> -> tensor<1x4xf32>
// CHECK: return %[[D]]
func.func @qdq_pair(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %s = onnx.Constant dense<0.5> : tensor<f32>
  %z = onnx.Constant dense<130> : tensor<ui8>
  %q = "onnx.QuantizeLinear"(%x, %s, %z) <{axis = 1 : i64}> : (tensor<1x4xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x4xui8>
  %d = "onnx.DequantizeLinear"(%q, %s, %z) <{axis = 1 : i64}> : (tensor<1x4xui8>, tensor<f32>, tensor<ui8>) -> tensor<1x4xf32>
  return %d : tensor<1x4xf32>
}

// -----

// Constant uint8 weights dequantized per axis: a quantized constant of the
// stored integers minus 128 (zero points 128, 0 -> 0, -128).
// CHECK-LABEL: func.func @dq_weights
// CHECK: %[[W:.*]] = edge.constant dense<{{\[\[}}-128, 0, 127], [-127, -126, -125]]> : tensor<2x3xi8> -> tensor<2x3x!quant.uniform<i8:f32:0, {5.000000e-01,2.500000e-01:-128}>>
// CHECK: %[[D:.*]] = edge.dequantize %[[W]]
// CHECK: edge.add %arg0, %[[D]]
func.func @dq_weights(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %w = onnx.Constant dense<[[0, 128, 255], [1, 2, 3]]> : tensor<2x3xui8>
  %s = onnx.Constant dense<[0.5, 0.25]> : tensor<2xf32>
  %z = onnx.Constant dense<[128, 0]> : tensor<2xui8>
  %d = "onnx.DequantizeLinear"(%w, %s, %z) <{axis = 0 : i64}> : (tensor<2x3xui8>, tensor<2xf32>, tensor<2xui8>) -> tensor<2x3xf32>
  %y = "onnx.Add"(%x, %d) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// QuantizeLinear into a uint8 graph output: ONNX's formula in f32,
// per axis: saturate(round(x / scale) + zero_point), then edge.cast to ui8.
// CHECK-LABEL: func.func @q_output
// CHECK-DAG: %[[Z:.*]] = edge.constant dense<{{\[\[}}8.400000e+01], [2.400000e+01], [1.960000e+02]]> : tensor<3x1xf32>
// CHECK-DAG: %[[S:.*]] = edge.constant dense<{{\[\[}}2.000000e+00], [4.000000e+00], [5.000000e+00]]> : tensor<3x1xf32>
// CHECK: %[[X:.*]] = edge.div %arg0, %[[S]]
// CHECK: %[[R:.*]] = edge.unary <round> %[[X]]
// CHECK: %[[A:.*]] = edge.add %[[R]], %[[Z]] {fused_activation = #edge.act<clip, min = 0.000000e+00, max = 2.550000e+02>}
// CHECK: %[[C:.*]] = edge.cast %[[A]] : tensor<1x3x2xf32> -> tensor<1x3x2xui8>
// CHECK: return %[[C]]
func.func @q_output(%x: tensor<1x3x2xf32>) -> tensor<1x3x2xui8> {
  %s = onnx.Constant dense<[2.0, 4.0, 5.0]> : tensor<3xf32>
  %z = onnx.Constant dense<[84, 24, 196]> : tensor<3xui8>
  %q = "onnx.QuantizeLinear"(%x, %s, %z) <{axis = 1 : i64}> : (tensor<1x3x2xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<1x3x2xui8>
  return %q : tensor<1x3x2xui8>
}

// -----

// DequantizeLinear of a graph input: (float(x) - zero_point) * scale.
// CHECK-LABEL: func.func @dq_input
// CHECK-DAG: %[[Z:.*]] = edge.constant dense<-3.000000e+00> : tensor<f32>
// CHECK-DAG: %[[S:.*]] = edge.constant dense<2.000000e+00> : tensor<f32>
// CHECK: %[[F:.*]] = edge.cast %arg0 : tensor<4xi8> -> tensor<4xf32>
// CHECK: %[[M:.*]] = edge.sub %[[F]], %[[Z]]
// CHECK: edge.mul %[[M]], %[[S]]
func.func @dq_input(%x: tensor<4xi8>) -> tensor<4xf32> {
  %s = onnx.Constant dense<2.0> : tensor<f32>
  %z = onnx.Constant dense<-3> : tensor<i8>
  %d = "onnx.DequantizeLinear"(%x, %s, %z) <{axis = 1 : i64}> : (tensor<4xi8>, tensor<f32>, tensor<i8>) -> tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

// ConvInteger with uint8 weights that are a graph input and a per-channel
// weight zero point: zero points subtracted in i16, integer conv2d to i32.
// CHECK-LABEL: func.func @conv_integer
// CHECK-DAG: %[[WZ:.*]] = edge.constant dense<{{\[\[\[\[}}0]]], {{\[\[\[}}5]]]]> : tensor<2x1x1x1xi16>
// CHECK-DAG: %[[XZ:.*]] = edge.constant dense<1> : tensor<i16>
// CHECK: %[[X16:.*]] = edge.cast %arg0 : tensor<1x1x3x3xui8> -> tensor<1x1x3x3xi16>
// CHECK: %[[X:.*]] = edge.sub %[[X16]], %[[XZ]]
// CHECK: %[[W16:.*]] = edge.cast %arg1 : tensor<2x1x2x2xui8> -> tensor<2x1x2x2xi16>
// CHECK: %[[W:.*]] = edge.sub %[[W16]], %[[WZ]]
// CHECK: %[[Y:.*]] = edge.conv2d %{{.*}}, %{{.*}} stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x3x3x1xi16>, tensor<2x2x2x1xi16>) -> tensor<1x4x4x2xi32>
// CHECK: edge.transpose %[[Y]] perm [0, 3, 1, 2] : tensor<1x4x4x2xi32> -> tensor<1x2x4x4xi32>
func.func @conv_integer(%x: tensor<1x1x3x3xui8>, %w: tensor<2x1x2x2xui8>) -> tensor<1x2x4x4xi32> {
  %xz = onnx.Constant dense<1> : tensor<ui8>
  %wz = onnx.Constant dense<[0, 5]> : tensor<2xui8>
  %y = "onnx.ConvInteger"(%x, %w, %xz, %wz) <{auto_pad = "NOTSET", group = 1 : i64, pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x1x3x3xui8>, tensor<2x1x2x2xui8>, tensor<ui8>, tensor<2xui8>) -> tensor<1x2x4x4xi32>
  return %y : tensor<1x2x4x4xi32>
}

// -----

// QLinearConv, int8, constant weights with per-channel zero points {0, 1}
// subtracted at compile time, int32 bias; then ONNX Runtime's f32
// requantization with M = 0.5 * {0.25, 0.125} / 0.75.
// CHECK-LABEL: func.func @qlinear_conv
// CHECK-DAG: %[[W:.*]] = edge.constant dense<{{\[\[\[\[}}1]]], {{\[\[\[}}-4]]]]> : tensor<2x1x1x1xi16>
// CHECK-DAG: %[[M:.*]] = edge.constant dense<[0.166666672, 0.0833333358]> : tensor<2xf32>
// CHECK-DAG: %[[B:.*]] = edge.constant dense<[10, -20]> : tensor<2xi32>
// CHECK: %[[ACC:.*]] = edge.conv2d %{{.*}}, %[[W]], %[[B]] {{.*}} -> tensor<1x3x3x2xi32>
// CHECK: %[[F:.*]] = edge.cast %[[ACC]] : tensor<1x3x3x2xi32> -> tensor<1x3x3x2xf32>
// CHECK: %[[P:.*]] = edge.mul %[[F]], %[[M]]
// CHECK: %[[R:.*]] = edge.unary <round> %[[P]]
// CHECK: %[[A:.*]] = edge.add %[[R]], %{{.*}} {fused_activation = #edge.act<clip, min = -1.280000e+02, max = 1.270000e+02>}
// CHECK: edge.cast %[[A]] : tensor<1x3x3x2xf32> -> tensor<1x3x3x2xi8>
func.func @qlinear_conv(%x: tensor<1x1x3x3xi8>) -> tensor<1x2x3x3xi8> {
  %xs = onnx.Constant dense<0.5> : tensor<f32>
  %xz = onnx.Constant dense<-2> : tensor<i8>
  %w = onnx.Constant dense<[[[[1]]], [[[-3]]]]> : tensor<2x1x1x1xi8>
  %ws = onnx.Constant dense<[0.25, 0.125]> : tensor<2xf32>
  %wz = onnx.Constant dense<[0, 1]> : tensor<2xi8>
  %ys = onnx.Constant dense<0.75> : tensor<f32>
  %yz = onnx.Constant dense<5> : tensor<i8>
  %b = onnx.Constant dense<[10, -20]> : tensor<2xi32>
  %y = "onnx.QLinearConv"(%x, %xs, %xz, %w, %ws, %wz, %ys, %yz, %b) <{auto_pad = "NOTSET", group = 1 : i64}> : (tensor<1x1x3x3xi8>, tensor<f32>, tensor<i8>, tensor<2x1x1x1xi8>, tensor<2xf32>, tensor<2xi8>, tensor<f32>, tensor<i8>, tensor<2xi32>) -> tensor<1x2x3x3xi8>
  return %y : tensor<1x2x3x3xi8>
}

// -----

// QLinearMatMul (test_qlinearmatmul_2D's parameters).
// CHECK-LABEL: func.func @qlinear_matmul
// CHECK: %[[MM:.*]] = edge.matmul %{{.*}}, %{{.*}} : (tensor<2x4xi16>, tensor<4x3xi16>) -> tensor<2x3xi32>
// CHECK: edge.cast %[[MM]] : tensor<2x3xi32> -> tensor<2x3xf32>
// CHECK: edge.cast %{{.*}} : tensor<2x3xf32> -> tensor<2x3xui8>
func.func @qlinear_matmul(%a: tensor<2x4xui8>, %b: tensor<4x3xui8>) -> tensor<2x3xui8> {
  %as = onnx.Constant dense<0.0066> : tensor<1xf32>
  %az = onnx.Constant dense<113> : tensor<1xui8>
  %bs = onnx.Constant dense<0.00705> : tensor<1xf32>
  %bz = onnx.Constant dense<114> : tensor<1xui8>
  %ys = onnx.Constant dense<0.0107> : tensor<1xf32>
  %yz = onnx.Constant dense<118> : tensor<1xui8>
  %y = "onnx.QLinearMatMul"(%a, %as, %az, %b, %bs, %bz, %ys, %yz) : (tensor<2x4xui8>, tensor<1xf32>, tensor<1xui8>, tensor<4x3xui8>, tensor<1xf32>, tensor<1xui8>, tensor<1xf32>, tensor<1xui8>) -> tensor<2x3xui8>
  return %y : tensor<2x3xui8>
}

// -----

// MatMulInteger without b zero point: b is only widened.
// CHECK-LABEL: func.func @matmul_integer
// CHECK: %[[B:.*]] = edge.cast %arg1 : tensor<3x2xui8> -> tensor<3x2xi16>
// CHECK: edge.matmul %{{.*}}, %[[B]] : (tensor<4x3xi16>, tensor<3x2xi16>) -> tensor<4x2xi32>
func.func @matmul_integer(%a: tensor<4x3xui8>, %b: tensor<3x2xui8>) -> tensor<4x2xi32> {
  %az = onnx.Constant dense<12> : tensor<1xui8>
  %none = onnx.NoValue
  %y = "onnx.MatMulInteger"(%a, %b, %az, %none) : (tensor<4x3xui8>, tensor<3x2xui8>, tensor<1xui8>, none) -> tensor<4x2xi32>
  return %y : tensor<4x2xi32>
}

// -----

// With io-layout=nhwc the uint8 result's layout transpose moves before the
// cast to ui8 (edge.cast is the only op taking ui8).
// NHWC-LABEL: func.func @qlinear_conv_nhwc
// NHWC-SAME: -> tensor<1x3x3x2xui8>
// NHWC: %[[C:.*]] = edge.cast %{{.*}} : tensor<1x3x3x2xf32> -> tensor<1x3x3x2xui8>
// NHWC-NEXT: return %[[C]]
func.func @qlinear_conv_nhwc(%x: tensor<1x1x3x3xui8>) -> tensor<1x2x3x3xui8> {
  %xs = onnx.Constant dense<0.5> : tensor<f32>
  %xz = onnx.Constant dense<2> : tensor<ui8>
  %w = onnx.Constant dense<[[[[1]]], [[[3]]]]> : tensor<2x1x1x1xui8>
  %ws = onnx.Constant dense<0.25> : tensor<f32>
  %wz = onnx.Constant dense<1> : tensor<ui8>
  %ys = onnx.Constant dense<0.75> : tensor<f32>
  %yz = onnx.Constant dense<5> : tensor<ui8>
  %none = onnx.NoValue
  %y = "onnx.QLinearConv"(%x, %xs, %xz, %w, %ws, %wz, %ys, %yz, %none) <{auto_pad = "NOTSET", group = 1 : i64}> : (tensor<1x1x3x3xui8>, tensor<f32>, tensor<ui8>, tensor<2x1x1x1xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>, none) -> tensor<1x2x3x3xui8>
  return %y : tensor<1x2x3x3xui8>
}

// -----

// QDQ Gemm / MatMul: dequantized constant weights still make a
// fully_connected ([K, N] through an edge.transpose), for edge-fold-qdq.
// CHECK-LABEL: func.func @qdq_gemm
// CHECK-DAG: %[[W:.*]] = edge.dequantize %{{.*}} : tensor<3x4x!quant.uniform<i8:f32, 0.10000000149011612>> -> tensor<3x4xf32>
// CHECK-DAG: %[[V:.*]] = edge.dequantize %{{.*}} : tensor<4x3x!quant.uniform<i8:f32, 0.10000000149011612>> -> tensor<4x3xf32>
// CHECK-DAG: %[[B:.*]] = edge.dequantize %{{.*}} : tensor<3x!quant.uniform<i32:f32, 0.0020000000949949026>> -> tensor<3xf32>
// CHECK: edge.fully_connected %arg0, %[[W]], %[[B]] : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: %[[T:.*]] = edge.transpose %[[V]] perm [1, 0] : tensor<4x3xf32> -> tensor<3x4xf32>
// CHECK: edge.fully_connected %{{.*}}, %[[T]] : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
func.func @qdq_gemm(%x: tensor<2x4xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %w = onnx.Constant dense<1> : tensor<3x4xi8>
  %v = onnx.Constant dense<2> : tensor<4x3xi8>
  %ws = onnx.Constant dense<0.1> : tensor<f32>
  %wz = onnx.Constant dense<0> : tensor<i8>
  %b = onnx.Constant dense<[1, 2, 3]> : tensor<3xi32>
  %bs = onnx.Constant dense<0.002> : tensor<f32>
  %dw = "onnx.DequantizeLinear"(%w, %ws, %wz) <{axis = 1 : i64}> : (tensor<3x4xi8>, tensor<f32>, tensor<i8>) -> tensor<3x4xf32>
  %dv = "onnx.DequantizeLinear"(%v, %ws, %wz) <{axis = 1 : i64}> : (tensor<4x3xi8>, tensor<f32>, tensor<i8>) -> tensor<4x3xf32>
  %none = onnx.NoValue
  %db = "onnx.DequantizeLinear"(%b, %bs, %none) <{axis = 1 : i64}> : (tensor<3xi32>, tensor<f32>, none) -> tensor<3xf32>
  %y = "onnx.Gemm"(%x, %dw, %db) <{alpha = 1.0 : f32, beta = 1.0 : f32, transA = 0 : i64, transB = 1 : i64}> : (tensor<2x4xf32>, tensor<3x4xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %z = "onnx.MatMul"(%x, %dv) : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return %y, %z : tensor<2x3xf32>, tensor<2x3xf32>
}
