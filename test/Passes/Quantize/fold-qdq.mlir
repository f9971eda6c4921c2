// RUN: edgec-opt %s --edge-fold-qdq -split-input-file | FileCheck %s

// Per-channel symmetric weights and the model's int32 bias (scale
// 0.5 * {0.1, 0.2}): the conv becomes int8 with the given parameters, the
// fused relu stays, the quantize after it disappears.
// CHECK-LABEL: func.func @conv(
// CHECK: %[[Q:.*]] = edge.quantize %arg0 : tensor<1x2x2x1xf32> -> tensor<1x2x2x1x!quant.uniform<i8:f32, 5.000000e-01:-3>>
// CHECK-DAG: %[[W:.*]] = edge.constant dense<{{\[\[\[\[}}5]]], {{\[\[\[}}-7]]]]> : tensor<2x1x1x1xi8> -> tensor<2x1x1x1x!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01}>>
// CHECK-DAG: %[[B:.*]] = edge.constant dense<[100, -50]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {5.000000e-02,1.000000e-01}>>
// CHECK: %[[Y:.*]] = edge.conv2d %[[Q]], %[[W]], %[[B]] {{.*}} {fused_activation = #edge.act<relu>} : {{.*}} -> tensor<1x2x2x2x!quant.uniform<i8:f32, 2.500000e-01:10>>
// CHECK-NOT: edge.quantize
// CHECK: %[[D:.*]] = edge.dequantize %[[Y]]
// CHECK: return %[[D]]
!qx = !quant.uniform<i8:f32, 0.5:-3>
!qy = !quant.uniform<i8:f32, 0.25:10>
func.func @conv(%x: tensor<1x2x2x1xf32>) -> tensor<1x2x2x2xf32> {
  %q = edge.quantize %x : tensor<1x2x2x1xf32> -> tensor<1x2x2x1x!qx>
  %dx = edge.dequantize %q : tensor<1x2x2x1x!qx> -> tensor<1x2x2x1xf32>
  %w = edge.constant dense<[[[[5]]], [[[-7]]]]> : tensor<2x1x1x1xi8> -> tensor<2x1x1x1x!quant.uniform<i8:f32:0, {0.1, 0.2}>>
  %dw = edge.dequantize %w : tensor<2x1x1x1x!quant.uniform<i8:f32:0, {0.1, 0.2}>> -> tensor<2x1x1x1xf32>
  %b = edge.constant dense<[100, -50]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {0.05, 0.1}>>
  %db = edge.dequantize %b : tensor<2x!quant.uniform<i32:f32:0, {0.05, 0.1}>> -> tensor<2xf32>
  %y = edge.conv2d %dx, %dw, %db stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] {fused_activation = #edge.act<relu>} : (tensor<1x2x2x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %qy = edge.quantize %y : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!qy>
  %d = edge.dequantize %qy : tensor<1x2x2x2x!qy> -> tensor<1x2x2x2xf32>
  return %d : tensor<1x2x2x2xf32>
}

// -----

// A filter the lowering transposed (OIHW -> OHWI) is permuted at compile
// time; an f32 bias is quantized to scale 0.5 * 0.1: 1.0 -> 20.
// CHECK-LABEL: func.func @conv_transposed_filter_float_bias(
// CHECK-NOT: edge.transpose
// CHECK-DAG: %[[W:.*]] = edge.constant dense<{{\[\[\[\[}}1], [2]]], {{\[\[\[}}3], [4]]]]> : tensor<2x1x2x1xi8> -> tensor<2x1x2x1x!quant.uniform<i8:f32, 1.000000e-01>>
// CHECK-DAG: %[[B:.*]] = edge.constant dense<[20, -20]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32, 0.05000000074505806>>
// CHECK-NOT: edge.transpose
// CHECK: edge.conv2d %{{.*}}, %[[W]], %[[B]] {{.*}} -> tensor<1x2x1x2x!quant.uniform<i8:f32, 2.500000e-01:10>>
// CHECK-NOT: edge.transpose
!qx = !quant.uniform<i8:f32, 0.5:-3>
!qy = !quant.uniform<i8:f32, 0.25:10>
func.func @conv_transposed_filter_float_bias(%x: tensor<1x2x2x1xf32>) -> tensor<1x2x1x2xf32> {
  %q = edge.quantize %x : tensor<1x2x2x1xf32> -> tensor<1x2x2x1x!qx>
  %dx = edge.dequantize %q : tensor<1x2x2x1x!qx> -> tensor<1x2x2x1xf32>
  %w = edge.constant dense<[[[[1, 2]]], [[[3, 4]]]]> : tensor<2x1x1x2xi8> -> tensor<2x1x1x2x!quant.uniform<i8:f32, 0.1>>
  %dw = edge.dequantize %w : tensor<2x1x1x2x!quant.uniform<i8:f32, 0.1>> -> tensor<2x1x1x2xf32>
  %t = edge.transpose %dw perm [0, 2, 3, 1] : tensor<2x1x1x2xf32> -> tensor<2x1x2x1xf32>
  %b = edge.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %y = edge.conv2d %dx, %t, %b stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x2x2x1xf32>, tensor<2x1x2x1xf32>, tensor<2xf32>) -> tensor<1x2x1x2xf32>
  %qy = edge.quantize %y : tensor<1x2x1x2xf32> -> tensor<1x2x1x2x!qy>
  %d = edge.dequantize %qy : tensor<1x2x1x2x!qy> -> tensor<1x2x1x2xf32>
  return %d : tensor<1x2x1x2xf32>
}

// -----

// A non-zero weight zero point has no integer kernel: the conv stays f32 on
// the exactly dequantized weights, with the reason.
// CHECK-LABEL: func.func @conv_weight_zero_point(
// CHECK: %[[W:.*]] = edge.dequantize %{{.*}} : tensor<2x1x1x1x!quant.uniform<i8:f32, 1.000000e-01:3>> -> tensor<2x1x1x1xf32>
// CHECK: edge.conv2d %{{.*}}, %[[W]] {{.*}} {edge.float_fallback = "the weight zero point is not 0 (edge's integer kernels need symmetric weights)"} : (tensor<1x2x2x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
// CHECK: edge.quantize
!qx = !quant.uniform<i8:f32, 0.5:-3>
!qy = !quant.uniform<i8:f32, 0.25:10>
func.func @conv_weight_zero_point(%x: tensor<1x2x2x1xf32>) -> tensor<1x2x2x2xf32> {
  %q = edge.quantize %x : tensor<1x2x2x1xf32> -> tensor<1x2x2x1x!qx>
  %dx = edge.dequantize %q : tensor<1x2x2x1x!qx> -> tensor<1x2x2x1xf32>
  %w = edge.constant dense<[[[[5]]], [[[-7]]]]> : tensor<2x1x1x1xi8> -> tensor<2x1x1x1x!quant.uniform<i8:f32, 0.1:3>>
  %dw = edge.dequantize %w : tensor<2x1x1x1x!quant.uniform<i8:f32, 0.1:3>> -> tensor<2x1x1x1xf32>
  %y = edge.conv2d %dx, %dw stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x2x2x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %qy = edge.quantize %y : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!qy>
  %d = edge.dequantize %qy : tensor<1x2x2x2x!qy> -> tensor<1x2x2x2xf32>
  return %d : tensor<1x2x2x2xf32>
}

// -----

// add rescales any parameters; softmax produces TFLite's 1/256, -128 and is
// requantized to the model's 1/255.
// CHECK-LABEL: func.func @add_softmax(
// CHECK: %[[S:.*]] = edge.add %{{.*}}, %{{.*}} : (tensor<1x4x!quant.uniform<i8:f32, 5.000000e-01:-3>>, tensor<1x4x!quant.uniform<i8:f32, 1.250000e-01:7>>) -> tensor<1x4x!quant.uniform<i8:f32, 2.500000e-01:10>>
// CHECK: %[[P:.*]] = edge.softmax %[[S]] axis 1 : tensor<1x4x!quant.uniform<i8:f32, 2.500000e-01:10>> -> tensor<1x4x!quant.uniform<i8:f32, 3.906250e-03:-128>>
// CHECK: %[[R:.*]] = edge.requantize %[[P]] : {{.*}} -> tensor<1x4x!quant.uniform<i8:f32, 0.0039215688593685627:-128>>
// CHECK: edge.dequantize %[[R]]
!qa = !quant.uniform<i8:f32, 0.5:-3>
!qb = !quant.uniform<i8:f32, 0.125:7>
!qy = !quant.uniform<i8:f32, 0.25:10>
func.func @add_softmax(%a: tensor<1x4xf32>, %b: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %qa = edge.quantize %a : tensor<1x4xf32> -> tensor<1x4x!qa>
  %da = edge.dequantize %qa : tensor<1x4x!qa> -> tensor<1x4xf32>
  %qb = edge.quantize %b : tensor<1x4xf32> -> tensor<1x4x!qb>
  %db = edge.dequantize %qb : tensor<1x4x!qb> -> tensor<1x4xf32>
  %s = edge.add %da, %db : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %qs = edge.quantize %s : tensor<1x4xf32> -> tensor<1x4x!qy>
  %ds = edge.dequantize %qs : tensor<1x4x!qy> -> tensor<1x4xf32>
  %p = edge.softmax %ds axis 1 : tensor<1x4xf32> -> tensor<1x4xf32>
  %qp = edge.quantize %p : tensor<1x4xf32> -> tensor<1x4x!quant.uniform<i8:f32, 0.003921568859368563:-128>>
  %dp = edge.dequantize %qp : tensor<1x4x!quant.uniform<i8:f32, 0.003921568859368563:-128>> -> tensor<1x4xf32>
  return %dp : tensor<1x4xf32>
}

// -----

// max_pool2d keeps its input's parameters: folded. avg_pool2d with other
// output parameters would have to requantize: it stays f32.
// CHECK-LABEL: func.func @pool(
// CHECK: edge.max_pool2d %{{.*}} : tensor<1x4x4x2x!quant.uniform<i8:f32, 5.000000e-01:-3>> -> tensor<1x2x2x2x!quant.uniform<i8:f32, 5.000000e-01:-3>>
// CHECK: edge.avg_pool2d %{{.*}} {edge.float_fallback = "input and output quantization parameters differ (the op copies stored integers)"} : tensor<1x4x4x2xf32> -> tensor<1x2x2x2xf32>
!qx = !quant.uniform<i8:f32, 0.5:-3>
!qy = !quant.uniform<i8:f32, 0.25:10>
func.func @pool(%x: tensor<1x4x4x2xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) {
  %q = edge.quantize %x : tensor<1x4x4x2xf32> -> tensor<1x4x4x2x!qx>
  %dx = edge.dequantize %q : tensor<1x4x4x2x!qx> -> tensor<1x4x4x2xf32>
  %p = edge.max_pool2d %dx kernel [2, 2] stride [2, 2] pad [0, 0, 0, 0] : tensor<1x4x4x2xf32> -> tensor<1x2x2x2xf32>
  %qp = edge.quantize %p : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!qx>
  %dp = edge.dequantize %qp : tensor<1x2x2x2x!qx> -> tensor<1x2x2x2xf32>
  %a = edge.avg_pool2d %dx kernel [2, 2] stride [2, 2] pad [0, 0, 0, 0] : tensor<1x4x4x2xf32> -> tensor<1x2x2x2xf32>
  %qa = edge.quantize %a : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!qy>
  %da = edge.dequantize %qa : tensor<1x2x2x2x!qy> -> tensor<1x2x2x2xf32>
  return %dp, %da : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>
}

// -----

// CHECK-LABEL: func.func @plain_float(
// CHECK-NOT: edge.float_fallback
// CHECK: edge.add %arg0, %arg0 : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
func.func @plain_float(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = edge.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// MatMul weights [K, N] quantized per column (axis 1), transposed by the
// lowering: the permuted constant is per-axis on axis 0 (N).
// CHECK-LABEL: func.func @fully_connected(
// CHECK: %[[W:.*]] = edge.constant dense<{{\[\[}}1, 3], [2, 4]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01}>>
// CHECK: edge.fully_connected %{{.*}}, %[[W]] : {{.*}} -> tensor<1x2x!quant.uniform<i8:f32, 2.500000e-01:10>>
!qx = !quant.uniform<i8:f32, 0.5:-3>
!qy = !quant.uniform<i8:f32, 0.25:10>
func.func @fully_connected(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %q = edge.quantize %x : tensor<1x2xf32> -> tensor<1x2x!qx>
  %dx = edge.dequantize %q : tensor<1x2x!qx> -> tensor<1x2xf32>
  %w = edge.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi8> -> tensor<2x2x!quant.uniform<i8:f32:1, {0.1, 0.2}>>
  %dw = edge.dequantize %w : tensor<2x2x!quant.uniform<i8:f32:1, {0.1, 0.2}>> -> tensor<2x2xf32>
  %t = edge.transpose %dw perm [1, 0] : tensor<2x2xf32> -> tensor<2x2xf32>
  %y = edge.fully_connected %dx, %t : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %qy = edge.quantize %y : tensor<1x2xf32> -> tensor<1x2x!qy>
  %d = edge.dequantize %qy : tensor<1x2x!qy> -> tensor<1x2xf32>
  return %d : tensor<1x2xf32>
}
