// RUN: edgec-opt %s | edgec-opt | FileCheck %s
// RUN: edgec-opt %s --mlir-print-op-generic | edgec-opt | FileCheck %s
//
// Round trip of every edge op (f32, plain integer and !quant.uniform forms),
// through the custom and the generic syntax.

!qi8 = !quant.uniform<i8:f32, 0.1:-3>
!qo8 = !quant.uniform<i8:f32, 0.2:5>
!qw = !quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>
!qwd = !quant.uniform<i8<-127:127>:f32:3, {0.5, 0.25}>
!qb = !quant.uniform<i32:f32:0, {0.05, 0.025}>
!q16 = !quant.uniform<i16:f32, 0.001>

// CHECK-LABEL: func.func @constants
// CHECK: %{{.*}} = edge.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK: %{{.*}} = edge.constant dense<{{\[\[}}{{\[\[}}1]]], {{\[\[}}[-2]]]]> : tensor<2x1x1x1xi8> -> tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {5.000000e-01,2.500000e-01}>>
// CHECK: %{{.*}} = edge.constant dense_resource<blob_w> : tensor<4xi8>
// CHECK: %{{.*}} = edge.constant dense<[0, 2, 1]> : tensor<3xi64>
// CHECK: %{{.*}} = edge.constant dense<[true, false]> : tensor<2xi1>
func.func @constants() -> (tensor<2xf32>, tensor<2x1x1x1x!qw>, tensor<4xi8>, tensor<3xi64>, tensor<2xi1>) {
  %0 = edge.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %1 = edge.constant dense<[[[[1]]], [[[-2]]]]> : tensor<2x1x1x1xi8> -> tensor<2x1x1x1x!qw>
  %2 = edge.constant dense_resource<blob_w> : tensor<4xi8>
  %3 = edge.constant dense<[0, 2, 1]> : tensor<3xi64>
  %4 = edge.constant dense<[true, false]> : tensor<2xi1>
  return %0, %1, %2, %3, %4 : tensor<2xf32>, tensor<2x1x1x1x!qw>, tensor<4xi8>, tensor<3xi64>, tensor<2xi1>
}

// CHECK-LABEL: func.func @conv2d_f32
// CHECK: %{{.*}} = edge.conv2d %arg0, %arg1, %arg2 stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] {fused_activation = #edge.act<relu>} : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
func.func @conv2d_f32(%x: tensor<1x8x8x3xf32>, %w: tensor<16x3x3x3xf32>, %b: tensor<16xf32>) -> tensor<1x8x8x16xf32> {
  %0 = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] {fused_activation = #edge.act<relu>} : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
  return %0 : tensor<1x8x8x16xf32>
}

// CHECK-LABEL: func.func @conv2d_strided_dilated_nobias
// CHECK: %{{.*}} = edge.conv2d %arg0, %arg1 stride [2, 2] dilation [2, 2] pad [0, 1, 1, 0] : (tensor<1x9x10x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x3x4x4xf32>
func.func @conv2d_strided_dilated_nobias(%x: tensor<1x9x10x3xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x3x4x4xf32> {
  %0 = edge.conv2d %x, %w stride [2, 2] dilation [2, 2] pad [0, 1, 1, 0] : (tensor<1x9x10x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// CHECK-LABEL: func.func @conv2d_groups
// CHECK: %{{.*}} = edge.conv2d %arg0, %arg1 stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] {groups = 2 : i64} : (tensor<?x8x8x4xf32>, tensor<6x1x1x2xf32>) -> tensor<?x8x8x6xf32>
func.func @conv2d_groups(%x: tensor<?x8x8x4xf32>, %w: tensor<6x1x1x2xf32>) -> tensor<?x8x8x6xf32> {
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] {groups = 2 : i64} : (tensor<?x8x8x4xf32>, tensor<6x1x1x2xf32>) -> tensor<?x8x8x6xf32>
  return %0 : tensor<?x8x8x6xf32>
}

// Plain integer form (ONNX ConvInteger / QLinearConv after zero-point
// subtraction) and the ui8 boundary conversions of edge.cast.
// CHECK-LABEL: func.func @conv2d_integer
// CHECK: %{{.*}} = edge.cast %arg0 : tensor<1x4x4x2xui8> -> tensor<1x4x4x2xi16>
// CHECK: %{{.*}} = edge.conv2d %{{.*}}, %arg1, %arg2 stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x4x4x2xi16>, tensor<3x3x3x2xi16>, tensor<3xi32>) -> tensor<1x4x4x3xi32>
// CHECK: %{{.*}} = edge.cast %{{.*}} : tensor<1x4x4x3xf32> -> tensor<1x4x4x3xui8>
func.func @conv2d_integer(%x: tensor<1x4x4x2xui8>, %w: tensor<3x3x3x2xi16>, %b: tensor<3xi32>) -> tensor<1x4x4x3xui8> {
  %0 = edge.cast %x : tensor<1x4x4x2xui8> -> tensor<1x4x4x2xi16>
  %1 = edge.conv2d %0, %w, %b stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x4x4x2xi16>, tensor<3x3x3x2xi16>, tensor<3xi32>) -> tensor<1x4x4x3xi32>
  %2 = edge.cast %1 : tensor<1x4x4x3xi32> -> tensor<1x4x4x3xf32>
  %3 = edge.cast %2 : tensor<1x4x4x3xf32> -> tensor<1x4x4x3xui8>
  return %3 : tensor<1x4x4x3xui8>
}

// CHECK-LABEL: func.func @conv2d_i8
// CHECK: %{{.*}} = edge.conv2d %arg0, %arg1, %arg2 stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] {fused_activation = #edge.act<relu6>} : (tensor<1x4x4x1x!quant.uniform<i8:f32, 1.000000e-01:-3>>, tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {5.000000e-01,2.500000e-01}>>, tensor<2x!quant.uniform<i32:f32:0, {5.000000e-02,2.500000e-02}>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 2.000000e-01:5>>
func.func @conv2d_i8(%x: tensor<1x4x4x1x!qi8>, %w: tensor<2x1x1x1x!qw>, %b: tensor<2x!qb>) -> tensor<1x4x4x2x!qo8> {
  %0 = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] {fused_activation = #edge.act<relu6>} : (tensor<1x4x4x1x!qi8>, tensor<2x1x1x1x!qw>, tensor<2x!qb>) -> tensor<1x4x4x2x!qo8>
  return %0 : tensor<1x4x4x2x!qo8>
}

// CHECK-LABEL: func.func @conv2d_i8_i32_bias
// CHECK: %{{.*}} = edge.conv2d %arg0, %arg1, %arg2 stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!quant.uniform<i8:f32, 1.000000e-01:-3>>, tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {5.000000e-01,2.500000e-01}>>, tensor<2xi32>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 2.000000e-01:5>>
func.func @conv2d_i8_i32_bias(%x: tensor<1x4x4x1x!qi8>, %w: tensor<2x1x1x1x!qw>, %b: tensor<2xi32>) -> tensor<1x4x4x2x!qo8> {
  %0 = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!qi8>, tensor<2x1x1x1x!qw>, tensor<2xi32>) -> tensor<1x4x4x2x!qo8>
  return %0 : tensor<1x4x4x2x!qo8>
}

// CHECK-LABEL: func.func @conv2d_16x8
// CHECK: %{{.*}} = edge.conv2d %arg0, %arg1, %arg2 stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!quant.uniform<i16:f32, 1.000000e-03>>, tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {5.000000e-01,2.500000e-01}>>, tensor<2xi64>) -> tensor<1x4x4x2x!quant.uniform<i16:f32, 1.000000e-03>>
func.func @conv2d_16x8(%x: tensor<1x4x4x1x!q16>, %w: tensor<2x1x1x1x!qw>, %b: tensor<2xi64>) -> tensor<1x4x4x2x!q16> {
  %0 = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!q16>, tensor<2x1x1x1x!qw>, tensor<2xi64>) -> tensor<1x4x4x2x!q16>
  return %0 : tensor<1x4x4x2x!q16>
}

// CHECK-LABEL: func.func @depthwise_f32
// CHECK: %{{.*}} = edge.depthwise_conv2d %arg0, %arg1, %arg2 stride [2, 2] dilation [1, 1] pad [0, 0, 1, 1] {depth_multiplier = 2 : i64, fused_activation = #edge.act<hard_swish>} : (tensor<1x8x8x4xf32>, tensor<1x3x3x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
func.func @depthwise_f32(%x: tensor<1x8x8x4xf32>, %w: tensor<1x3x3x8xf32>, %b: tensor<8xf32>) -> tensor<1x4x4x8xf32> {
  %0 = edge.depthwise_conv2d %x, %w, %b stride [2, 2] dilation [1, 1] pad [0, 0, 1, 1] {depth_multiplier = 2 : i64, fused_activation = #edge.act<hard_swish>} : (tensor<1x8x8x4xf32>, tensor<1x3x3x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
  return %0 : tensor<1x4x4x8xf32>
}

// CHECK-LABEL: func.func @depthwise_i8
// CHECK: %{{.*}} = edge.depthwise_conv2d %arg0, %arg1, %arg2 stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x4x4x2x!quant.uniform<i8:f32, 1.000000e-01:-3>>, tensor<1x3x3x2x!quant.uniform<i8<-127:127>:f32:3, {5.000000e-01,2.500000e-01}>>, tensor<2x!quant.uniform<i32:f32:0, {5.000000e-02,2.500000e-02}>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 2.000000e-01:5>>
func.func @depthwise_i8(%x: tensor<1x4x4x2x!qi8>, %w: tensor<1x3x3x2x!qwd>, %b: tensor<2x!qb>) -> tensor<1x4x4x2x!qo8> {
  %0 = edge.depthwise_conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x4x4x2x!qi8>, tensor<1x3x3x2x!qwd>, tensor<2x!qb>) -> tensor<1x4x4x2x!qo8>
  return %0 : tensor<1x4x4x2x!qo8>
}

// CHECK-LABEL: func.func @transpose_conv2d
// CHECK: %{{.*}} = edge.transpose_conv2d %arg0, %arg1, %arg2 stride [2, 2] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x4x4x8xf32>, tensor<3x3x3x8xf32>, tensor<3xf32>) -> tensor<1x8x8x3xf32>
func.func @transpose_conv2d(%x: tensor<1x4x4x8xf32>, %w: tensor<3x3x3x8xf32>, %b: tensor<3xf32>) -> tensor<1x8x8x3xf32> {
  %0 = edge.transpose_conv2d %x, %w, %b stride [2, 2] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x4x4x8xf32>, tensor<3x3x3x8xf32>, tensor<3xf32>) -> tensor<1x8x8x3xf32>
  return %0 : tensor<1x8x8x3xf32>
}

// CHECK-LABEL: func.func @fully_connected
// CHECK: %{{.*}} = edge.fully_connected %arg0, %arg1, %arg2 {fused_activation = #edge.act<clip, min = -1.500000e+00, max = 2.500000e+00>} : (tensor<2x5x16xf32>, tensor<10x16xf32>, tensor<10xf32>) -> tensor<2x5x10xf32>
func.func @fully_connected(%x: tensor<2x5x16xf32>, %w: tensor<10x16xf32>, %b: tensor<10xf32>) -> tensor<2x5x10xf32> {
  %0 = edge.fully_connected %x, %w, %b {fused_activation = #edge.act<clip, min = -1.5, max = 2.5>} : (tensor<2x5x16xf32>, tensor<10x16xf32>, tensor<10xf32>) -> tensor<2x5x10xf32>
  return %0 : tensor<2x5x10xf32>
}

// CHECK-LABEL: func.func @fully_connected_i8
// CHECK: %{{.*}} = edge.fully_connected %arg0, %arg1, %arg2 : (tensor<1x3x!quant.uniform<i8:f32, 1.000000e-01:-3>>, tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {5.000000e-01,2.500000e-01}>>, tensor<2xi32>) -> tensor<1x2x!quant.uniform<i8:f32, 2.000000e-01:5>>
func.func @fully_connected_i8(%x: tensor<1x3x!qi8>, %w: tensor<2x3x!qw>, %b: tensor<2xi32>) -> tensor<1x2x!qo8> {
  %0 = edge.fully_connected %x, %w, %b : (tensor<1x3x!qi8>, tensor<2x3x!qw>, tensor<2xi32>) -> tensor<1x2x!qo8>
  return %0 : tensor<1x2x!qo8>
}

// CHECK-LABEL: func.func @matmul
// CHECK: %{{.*}} = edge.matmul %arg0, %arg1 : (tensor<4x1x3x5xf32>, tensor<2x5x7xf32>) -> tensor<4x2x3x7xf32>
// CHECK: %{{.*}} = edge.matmul %arg2, %arg3 : (tensor<3x5x!quant.uniform<i8:f32, 1.000000e-01:-3>>, tensor<5x7x!quant.uniform<i8:f32, 1.000000e-01:-3>>) -> tensor<3x7x!quant.uniform<i8:f32, 2.000000e-01:5>>
// CHECK: %{{.*}} = edge.matmul %arg4, %arg5 : (tensor<3x5xi8>, tensor<5x7xi8>) -> tensor<3x7xi32>
func.func @matmul(%a: tensor<4x1x3x5xf32>, %b: tensor<2x5x7xf32>, %qa: tensor<3x5x!qi8>, %qb: tensor<5x7x!qi8>, %ia: tensor<3x5xi8>, %ib: tensor<5x7xi8>) -> (tensor<4x2x3x7xf32>, tensor<3x7x!qo8>, tensor<3x7xi32>) {
  %0 = edge.matmul %a, %b : (tensor<4x1x3x5xf32>, tensor<2x5x7xf32>) -> tensor<4x2x3x7xf32>
  %1 = edge.matmul %qa, %qb : (tensor<3x5x!qi8>, tensor<5x7x!qi8>) -> tensor<3x7x!qo8>
  %2 = edge.matmul %ia, %ib : (tensor<3x5xi8>, tensor<5x7xi8>) -> tensor<3x7xi32>
  return %0, %1, %2 : tensor<4x2x3x7xf32>, tensor<3x7x!qo8>, tensor<3x7xi32>
}

// CHECK-LABEL: func.func @binary
// CHECK: %{{.*}} = edge.add %arg0, %arg1 {fused_activation = #edge.act<relu>} : (tensor<1x4x4x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
// CHECK: %{{.*}} = edge.sub %{{.*}}, %arg1 : (tensor<1x4x4x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
// CHECK: %{{.*}} = edge.mul %{{.*}}, %arg1 {fused_activation = #edge.act<relu_n1_to_1>} : (tensor<1x4x4x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
// CHECK: %{{.*}} = edge.div %{{.*}}, %arg1 : (tensor<1x4x4x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
// CHECK: %{{.*}} = edge.maximum %{{.*}}, %arg1 : (tensor<1x4x4x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
// CHECK: %{{.*}} = edge.minimum %{{.*}}, %arg1 : (tensor<1x4x4x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
// CHECK: %{{.*}} = edge.pow %{{.*}}, %arg1 : (tensor<1x4x4x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
// CHECK: %{{.*}} = edge.add %arg2, %arg3 {fused_activation = #edge.act<relu>} : (tensor<2x3x!quant.uniform<i8:f32, 1.000000e-01:-3>>, tensor<2x1x!quant.uniform<i8:f32, 2.000000e-01:5>>) -> tensor<2x3x!quant.uniform<i8:f32, 2.000000e-01:5>>
// CHECK: %{{.*}} = edge.mul %arg2, %arg2 : (tensor<2x3x!quant.uniform<i8:f32, 1.000000e-01:-3>>, tensor<2x3x!quant.uniform<i8:f32, 1.000000e-01:-3>>) -> tensor<2x3x!quant.uniform<i8:f32, 1.000000e-01:-3>>
// CHECK: %{{.*}} = edge.mod %arg4, %arg4 : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
// CHECK: %{{.*}} = edge.add %arg4, %arg4 : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
func.func @binary(%a: tensor<1x4x4x8xf32>, %b: tensor<8xf32>, %qa: tensor<2x3x!qi8>, %qb: tensor<2x1x!qo8>, %ia: tensor<4xi32>) -> tensor<1x4x4x8xf32> {
  %0 = edge.add %a, %b {fused_activation = #edge.act<relu>} : (tensor<1x4x4x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
  %1 = edge.sub %0, %b : (tensor<1x4x4x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
  %2 = edge.mul %1, %b {fused_activation = #edge.act<relu_n1_to_1>} : (tensor<1x4x4x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
  %3 = edge.div %2, %b : (tensor<1x4x4x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
  %4 = edge.maximum %3, %b : (tensor<1x4x4x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
  %5 = edge.minimum %4, %b : (tensor<1x4x4x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
  %6 = edge.pow %5, %b : (tensor<1x4x4x8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
  %7 = edge.add %qa, %qb {fused_activation = #edge.act<relu>} : (tensor<2x3x!qi8>, tensor<2x1x!qo8>) -> tensor<2x3x!qo8>
  %8 = edge.mul %qa, %qa : (tensor<2x3x!qi8>, tensor<2x3x!qi8>) -> tensor<2x3x!qi8>
  %10 = edge.mod %ia, %ia : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %11 = edge.add %ia, %ia : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %6 : tensor<1x4x4x8xf32>
}

// CHECK-LABEL: func.func @unary
// CHECK: %{{.*}} = edge.unary <abs> %arg0 : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <neg> %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <sqrt> %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <rsqrt> %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <exp> %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <log> %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <floor> %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <ceil> %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <round> %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <erf> %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <sin> %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <cos> %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <reciprocal> %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <sign> %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <softplus> %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <softsign> %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <gelu> %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <gelu_tanh> %{{.*}} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.unary <exp> %arg1 : tensor<2x3x!quant.uniform<i8:f32, 1.000000e-01:-3>> -> tensor<2x3x!quant.uniform<i8:f32, 2.000000e-01:5>>
// CHECK: %{{.*}} = edge.unary <abs> %arg2 : tensor<4xi32> -> tensor<4xi32>
func.func @unary(%x: tensor<2x3xf32>, %q: tensor<2x3x!qi8>, %i: tensor<4xi32>) -> tensor<2x3xf32> {
  %0 = edge.unary <abs> %x : tensor<2x3xf32> -> tensor<2x3xf32>
  %1 = edge.unary <neg> %0 : tensor<2x3xf32> -> tensor<2x3xf32>
  %2 = edge.unary <sqrt> %1 : tensor<2x3xf32> -> tensor<2x3xf32>
  %3 = edge.unary <rsqrt> %2 : tensor<2x3xf32> -> tensor<2x3xf32>
  %4 = edge.unary <exp> %3 : tensor<2x3xf32> -> tensor<2x3xf32>
  %5 = edge.unary <log> %4 : tensor<2x3xf32> -> tensor<2x3xf32>
  %6 = edge.unary <floor> %5 : tensor<2x3xf32> -> tensor<2x3xf32>
  %7 = edge.unary <ceil> %6 : tensor<2x3xf32> -> tensor<2x3xf32>
  %8 = edge.unary <round> %7 : tensor<2x3xf32> -> tensor<2x3xf32>
  %9 = edge.unary <erf> %8 : tensor<2x3xf32> -> tensor<2x3xf32>
  %10 = edge.unary <sin> %9 : tensor<2x3xf32> -> tensor<2x3xf32>
  %11 = edge.unary <cos> %10 : tensor<2x3xf32> -> tensor<2x3xf32>
  %12 = edge.unary <reciprocal> %11 : tensor<2x3xf32> -> tensor<2x3xf32>
  %13 = edge.unary <sign> %12 : tensor<2x3xf32> -> tensor<2x3xf32>
  %14 = edge.unary <softplus> %13 : tensor<2x3xf32> -> tensor<2x3xf32>
  %15 = edge.unary <softsign> %14 : tensor<2x3xf32> -> tensor<2x3xf32>
  %16 = edge.unary <gelu> %15 : tensor<2x3xf32> -> tensor<2x3xf32>
  %17 = edge.unary <gelu_tanh> %16 : tensor<2x3xf32> -> tensor<2x3xf32>
  %18 = edge.unary <exp> %q : tensor<2x3x!qi8> -> tensor<2x3x!qo8>
  %19 = edge.unary <abs> %i : tensor<4xi32> -> tensor<4xi32>
  return %17 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @activations
// CHECK: %{{.*}} = edge.activation %arg0 {act = #edge.act<relu>} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.activation %arg0 {act = #edge.act<leaky_relu, alpha = 1.000000e-01>} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.activation %arg0 {act = #edge.act<sigmoid>} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.activation %arg0 {act = #edge.act<tanh>} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK: %{{.*}} = edge.activation %arg1 {act = #edge.act<sigmoid>} : tensor<2x3x!quant.uniform<i8:f32, 1.000000e-01:-3>> -> tensor<2x3x!quant.uniform<i8:f32, 2.000000e-01:5>>
// CHECK: %{{.*}} = edge.prelu %arg3, %arg2 : (tensor<1x2x2x3xf32>, tensor<3xf32>) -> tensor<1x2x2x3xf32>
func.func @activations(%x: tensor<2x3xf32>, %q: tensor<2x3x!qi8>, %s: tensor<3xf32>, %x4: tensor<1x2x2x3xf32>) {
  %0 = edge.activation %x {act = #edge.act<relu>} : tensor<2x3xf32> -> tensor<2x3xf32>
  %1 = edge.activation %x {act = #edge.act<leaky_relu, alpha = 0.1>} : tensor<2x3xf32> -> tensor<2x3xf32>
  %2 = edge.activation %x {act = #edge.act<sigmoid>} : tensor<2x3xf32> -> tensor<2x3xf32>
  %3 = edge.activation %x {act = #edge.act<tanh>} : tensor<2x3xf32> -> tensor<2x3xf32>
  %4 = edge.activation %q {act = #edge.act<sigmoid>} : tensor<2x3x!qi8> -> tensor<2x3x!qo8>
  %5 = edge.prelu %x4, %s : (tensor<1x2x2x3xf32>, tensor<3xf32>) -> tensor<1x2x2x3xf32>
  return
}

// CHECK-LABEL: func.func @logic
// CHECK: %{{.*}} = edge.compare <eq> %arg0, %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
// CHECK: %{{.*}} = edge.compare <ne> %arg0, %arg1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
// CHECK: %{{.*}} = edge.compare <le> %arg3, %arg3 : (tensor<2x1xi64>, tensor<2x1xi64>) -> tensor<2x1xi1>
// CHECK: %{{.*}} = edge.compare <gt> %arg0, %arg0 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
// CHECK: %{{.*}} = edge.compare <ge> %arg0, %arg0 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
// CHECK: %{{.*}} = edge.logical <and> %{{.*}}, %{{.*}} : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
// CHECK: %{{.*}} = edge.logical <or> %{{.*}}, %{{.*}} : (tensor<2x3xi1>, tensor<2x1xi1>) -> tensor<2x3xi1>
// CHECK: %{{.*}} = edge.logical <xor> %{{.*}}, %{{.*}} : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
// CHECK: %{{.*}} = edge.logical_not %{{.*}} : tensor<2x3xi1>
// CHECK: %{{.*}} = edge.select %{{.*}}, %arg0, %arg1 : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
func.func @logic(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %qa: tensor<4x!qi8>, %i: tensor<2x1xi64>) -> tensor<2x3xf32> {
  %0 = edge.compare <eq> %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %1 = edge.compare <ne> %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %3 = edge.compare <le> %i, %i : (tensor<2x1xi64>, tensor<2x1xi64>) -> tensor<2x1xi1>
  %4 = edge.compare <gt> %a, %a : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  %5 = edge.compare <ge> %a, %a : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  %6 = edge.logical <and> %0, %1 : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  %7 = edge.logical <or> %6, %3 : (tensor<2x3xi1>, tensor<2x1xi1>) -> tensor<2x3xi1>
  %8 = edge.logical <xor> %7, %4 : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  %9 = edge.logical_not %8 : tensor<2x3xi1>
  %10 = edge.select %9, %a, %b : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %10 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @pooling
// CHECK: %{{.*}} = edge.max_pool2d %arg0 kernel [2, 2] stride [2, 2] pad [0, 0, 0, 0] : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
// CHECK: %{{.*}} = edge.avg_pool2d %arg0 kernel [3, 3] stride [1, 1] pad [1, 1, 1, 1] {count_include_pad, fused_activation = #edge.act<relu6>} : tensor<1x8x8x4xf32> -> tensor<1x8x8x4xf32>
// CHECK: %{{.*}} = edge.max_pool2d %arg1 kernel [3, 3] stride [2, 2] pad [1, 1, 1, 1] : tensor<1x7x7x4x!quant.uniform<i8:f32, 1.000000e-01:-3>> -> tensor<1x4x4x4x!quant.uniform<i8:f32, 1.000000e-01:-3>>
// CHECK: %{{.*}} = edge.avg_pool2d %arg1 kernel [7, 7] stride [1, 1] pad [0, 0, 0, 0] : tensor<1x7x7x4x!quant.uniform<i8:f32, 1.000000e-01:-3>> -> tensor<1x1x1x4x!quant.uniform<i8:f32, 1.000000e-01:-3>>
func.func @pooling(%x: tensor<1x8x8x4xf32>, %q: tensor<1x7x7x4x!qi8>) {
  %0 = edge.max_pool2d %x kernel [2, 2] stride [2, 2] pad [0, 0, 0, 0] : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
  %1 = edge.avg_pool2d %x kernel [3, 3] stride [1, 1] pad [1, 1, 1, 1] {count_include_pad, fused_activation = #edge.act<relu6>} : tensor<1x8x8x4xf32> -> tensor<1x8x8x4xf32>
  %2 = edge.max_pool2d %q kernel [3, 3] stride [2, 2] pad [1, 1, 1, 1] : tensor<1x7x7x4x!qi8> -> tensor<1x4x4x4x!qi8>
  %3 = edge.avg_pool2d %q kernel [7, 7] stride [1, 1] pad [0, 0, 0, 0] : tensor<1x7x7x4x!qi8> -> tensor<1x1x1x4x!qi8>
  return
}

// CHECK-LABEL: func.func @reductions
// CHECK: %{{.*}} = edge.reduce <mean> %arg0 axes [1, 2] {keep_dims} : tensor<1x8x8x4xf32> -> tensor<1x1x1x4xf32>
// CHECK: %{{.*}} = edge.reduce <sum> %arg0 axes [3] : tensor<1x8x8x4xf32> -> tensor<1x8x8xf32>
// CHECK: %{{.*}} = edge.reduce <min> %arg0 axes [0, 1, 2, 3] : tensor<1x8x8x4xf32> -> tensor<f32>
// CHECK: %{{.*}} = edge.reduce <prod> %arg0 axes [2] {keep_dims} : tensor<1x8x8x4xf32> -> tensor<1x8x1x4xf32>
// CHECK: %{{.*}} = edge.arg <argmax> %arg0 axis 3 : tensor<1x8x8x4xf32> -> tensor<1x8x8xi32>
func.func @reductions(%x: tensor<1x8x8x4xf32>, %q: tensor<1x8x8x4x!qi8>) {
  %0 = edge.reduce <mean> %x axes [1, 2] {keep_dims} : tensor<1x8x8x4xf32> -> tensor<1x1x1x4xf32>
  %1 = edge.reduce <sum> %x axes [3] : tensor<1x8x8x4xf32> -> tensor<1x8x8xf32>
  %3 = edge.reduce <min> %x axes [0, 1, 2, 3] : tensor<1x8x8x4xf32> -> tensor<f32>
  %4 = edge.reduce <prod> %x axes [2] {keep_dims} : tensor<1x8x8x4xf32> -> tensor<1x8x1x4xf32>
  %6 = edge.arg <argmax> %x axis 3 : tensor<1x8x8x4xf32> -> tensor<1x8x8xi32>
  return
}

// CHECK-LABEL: func.func @cumsum
// CHECK: %{{.*}} = edge.cumsum %arg0 axis 1 : tensor<2x3x4xf32>
// CHECK: %{{.*}} = edge.cumsum %arg0 axis 0 {exclusive} : tensor<2x3x4xf32>
// CHECK: %{{.*}} = edge.cumsum %arg1 axis 0 {reverse} : tensor<5xi32>
// CHECK: %{{.*}} = edge.cumsum %arg2 axis 2 {exclusive, reverse} : tensor<2x1x3xi64>
func.func @cumsum(%x: tensor<2x3x4xf32>, %i: tensor<5xi32>, %l: tensor<2x1x3xi64>) {
  %0 = edge.cumsum %x axis 1 : tensor<2x3x4xf32>
  %1 = edge.cumsum %x axis 0 {exclusive} : tensor<2x3x4xf32>
  %2 = edge.cumsum %i axis 0 {reverse} : tensor<5xi32>
  %3 = edge.cumsum %l axis 2 {exclusive, reverse} : tensor<2x1x3xi64>
  return
}

// CHECK-LABEL: func.func @softmax
// CHECK: %{{.*}} = edge.softmax %arg0 axis 1 : tensor<2x10xf32> -> tensor<2x10xf32>
// CHECK: %{{.*}} = edge.softmax %arg0 axis 0 {beta = 2.000000e+00 : f32} : tensor<2x10xf32> -> tensor<2x10xf32>
// CHECK: %{{.*}} = edge.softmax %arg1 axis 1 : tensor<2x10x!quant.uniform<i8:f32, 1.000000e-01:-3>> -> tensor<2x10x!quant.uniform<i8:f32, 3.906250e-03:-128>>
// CHECK: %{{.*}} = edge.log_softmax %arg0 axis 1 : tensor<2x10xf32> -> tensor<2x10xf32>
func.func @softmax(%x: tensor<2x10xf32>, %q: tensor<2x10x!qi8>) {
  %0 = edge.softmax %x axis 1 : tensor<2x10xf32> -> tensor<2x10xf32>
  %1 = edge.softmax %x axis 0 {beta = 2.0 : f32} : tensor<2x10xf32> -> tensor<2x10xf32>
  %2 = edge.softmax %q axis 1 : tensor<2x10x!qi8> -> tensor<2x10x!quant.uniform<i8:f32, 0.00390625:-128>>
  %3 = edge.log_softmax %x axis 1 : tensor<2x10xf32> -> tensor<2x10xf32>
  return
}

// CHECK-LABEL: func.func @normalization
// CHECK: %{{.*}} = edge.layer_norm %arg0, %arg1, %arg2 axis 2 : (tensor<2x5x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
// CHECK: %{{.*}} = edge.layer_norm %arg0, %arg3 axis 1 {epsilon = 9.99999997E-7 : f32} : (tensor<2x5x8xf32>, tensor<5x8xf32>) -> tensor<2x5x8xf32>
// CHECK: %{{.*}} = edge.instance_norm %arg4, %arg1, %arg2 : (tensor<1x4x4x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
// CHECK: %{{.*}} = edge.lrn %arg4 {alpha = 2.000000e-04 : f32, size = 5 : i64} : tensor<1x4x4x8xf32>
func.func @normalization(%x: tensor<2x5x8xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>, %s2: tensor<5x8xf32>, %img: tensor<1x4x4x8xf32>) {
  %0 = edge.layer_norm %x, %s, %b axis 2 : (tensor<2x5x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
  %1 = edge.layer_norm %x, %s2 axis 1 {epsilon = 1.0e-6 : f32} : (tensor<2x5x8xf32>, tensor<5x8xf32>) -> tensor<2x5x8xf32>
  %2 = edge.instance_norm %img, %s, %b : (tensor<1x4x4x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<1x4x4x8xf32>
  %3 = edge.lrn %img {size = 5 : i64, alpha = 2.0e-4 : f32} : tensor<1x4x4x8xf32>
  return
}

// CHECK-LABEL: func.func @data_movement
// CHECK: %{{.*}} = edge.reshape %arg0 : tensor<1x4x4x8xf32> -> tensor<16x8xf32>
// CHECK: %{{.*}} = edge.reshape %arg1 : tensor<2x6x!quant.uniform<i8:f32, 1.000000e-01:-3>> -> tensor<12x!quant.uniform<i8:f32, 1.000000e-01:-3>>
// CHECK: %{{.*}} = edge.transpose %arg0 perm [0, 3, 1, 2] : tensor<1x4x4x8xf32> -> tensor<1x8x4x4xf32>
// CHECK: %{{.*}} = edge.concat %arg0, %arg0 axis 3 : (tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>) -> tensor<1x4x4x16xf32>
// CHECK: %{{.*}} = edge.split %arg1 axis 1 sizes [2, 4] : tensor<2x6x!quant.uniform<i8:f32, 1.000000e-01:-3>> -> tensor<2x2x!quant.uniform<i8:f32, 1.000000e-01:-3>>, tensor<2x4x!quant.uniform<i8:f32, 1.000000e-01:-3>>
// CHECK: %{{.*}} = edge.slice %arg0 offsets [0, 3, 0, 1] sizes [1, 4, 2, 3] strides [1, -1, 2, 2] : tensor<1x4x4x8xf32> -> tensor<1x4x2x3xf32>
// CHECK: %{{.*}} = edge.pad <constant> %arg0 before [0, 1, 1, 0] after [0, 2, 2, 0] {value = -1.000000e+00 : f64} : tensor<1x4x4x8xf32> -> tensor<1x7x7x8xf32>
// CHECK: %{{.*}} = edge.pad <reflect> %arg0 before [0, 3, 3, 0] after [0, 1, 1, 0] : tensor<1x4x4x8xf32> -> tensor<1x8x8x8xf32>
// CHECK: %{{.*}} = edge.pad <edge> %arg1 before [1, 0] after [0, 9] : tensor<2x6x!quant.uniform<i8:f32, 1.000000e-01:-3>> -> tensor<3x15x!quant.uniform<i8:f32, 1.000000e-01:-3>>
// CHECK: %{{.*}} = edge.pad <wrap> %arg3 before [4] after [0] : tensor<4xi1> -> tensor<8xi1>
// CHECK: %{{.*}} = edge.tile %arg1 multiples [2, 1] : tensor<2x6x!quant.uniform<i8:f32, 1.000000e-01:-3>> -> tensor<4x6x!quant.uniform<i8:f32, 1.000000e-01:-3>>
// CHECK: %{{.*}} = edge.broadcast_to %arg2 : tensor<3xi32> -> tensor<2x3xi32>
// CHECK: %{{.*}} = edge.gather %arg0, %arg2 axis 3 : (tensor<1x4x4x8xf32>, tensor<3xi32>) -> tensor<1x4x4x3xf32>
// CHECK: %{{.*}} = edge.gather %arg1, %{{.*}} axis 0 : (tensor<2x6x!quant.uniform<i8:f32, 1.000000e-01:-3>>, tensor<2x3xi32>) -> tensor<2x3x6x!quant.uniform<i8:f32, 1.000000e-01:-3>>
// CHECK: %{{.*}} = edge.resize <bilinear> %arg0 coordinates <half_pixel> : tensor<1x4x4x8xf32> -> tensor<1x8x8x8xf32>
// CHECK: %{{.*}} = edge.resize <nearest> %arg0 coordinates <asymmetric> rounding <floor> : tensor<1x4x4x8xf32> -> tensor<1x8x12x8xf32>
// CHECK: %{{.*}} = edge.resize <bilinear> %arg0 coordinates <align_corners> : tensor<1x4x4x8xf32> -> tensor<1x7x7x8xf32>
// CHECK: %{{.*}} = edge.resize <nearest> %arg0 coordinates <pytorch_half_pixel> : tensor<1x4x4x8xf32> -> tensor<1x2x2x8xf32>
// CHECK: %{{.*}} = edge.depth_to_space %arg0 block 2 : tensor<1x4x4x8xf32> -> tensor<1x8x8x2xf32>
// CHECK: %{{.*}} = edge.depth_to_space %arg0 block 2 {mode = #edge.depth_to_space_mode<crd>} : tensor<1x4x4x8xf32> -> tensor<1x8x8x2xf32>
// CHECK: %{{.*}} = edge.space_to_depth %arg0 block 2 : tensor<1x4x4x8xf32> -> tensor<1x2x2x32xf32>
// CHECK: %values, %indices = edge.topk %arg0 k 2 axis 3 {largest = false} : tensor<1x4x4x8xf32> -> tensor<1x4x4x2xf32>, tensor<1x4x4x2xi32>
func.func @data_movement(%x: tensor<1x4x4x8xf32>, %q: tensor<2x6x!qi8>, %idx: tensor<3xi32>, %b: tensor<4xi1>) {
  %0 = edge.reshape %x : tensor<1x4x4x8xf32> -> tensor<16x8xf32>
  %1 = edge.reshape %q : tensor<2x6x!qi8> -> tensor<12x!qi8>
  %2 = edge.transpose %x perm [0, 3, 1, 2] : tensor<1x4x4x8xf32> -> tensor<1x8x4x4xf32>
  %3 = edge.concat %x, %x axis 3 : (tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>) -> tensor<1x4x4x16xf32>
  %4:2 = edge.split %q axis 1 sizes [2, 4] : tensor<2x6x!qi8> -> tensor<2x2x!qi8>, tensor<2x4x!qi8>
  %5 = edge.slice %x offsets [0, 3, 0, 1] sizes [1, 4, 2, 3] strides [1, -1, 2, 2] : tensor<1x4x4x8xf32> -> tensor<1x4x2x3xf32>
  %6 = edge.pad <constant> %x before [0, 1, 1, 0] after [0, 2, 2, 0] {value = -1.0 : f64} : tensor<1x4x4x8xf32> -> tensor<1x7x7x8xf32>
  %7 = edge.pad <reflect> %x before [0, 3, 3, 0] after [0, 1, 1, 0] : tensor<1x4x4x8xf32> -> tensor<1x8x8x8xf32>
  %8 = edge.pad <edge> %q before [1, 0] after [0, 9] : tensor<2x6x!qi8> -> tensor<3x15x!qi8>
  %9 = edge.pad <wrap> %b before [4] after [0] : tensor<4xi1> -> tensor<8xi1>
  %10 = edge.tile %q multiples [2, 1] : tensor<2x6x!qi8> -> tensor<4x6x!qi8>
  %11 = edge.broadcast_to %idx : tensor<3xi32> -> tensor<2x3xi32>
  %12 = edge.gather %x, %idx axis 3 : (tensor<1x4x4x8xf32>, tensor<3xi32>) -> tensor<1x4x4x3xf32>
  %13 = edge.gather %q, %11 axis 0 : (tensor<2x6x!qi8>, tensor<2x3xi32>) -> tensor<2x3x6x!qi8>
  %14 = edge.resize <bilinear> %x coordinates <half_pixel> : tensor<1x4x4x8xf32> -> tensor<1x8x8x8xf32>
  %15 = edge.resize <nearest> %x coordinates <asymmetric> rounding <floor> : tensor<1x4x4x8xf32> -> tensor<1x8x12x8xf32>
  %16 = edge.resize <bilinear> %x coordinates <align_corners> : tensor<1x4x4x8xf32> -> tensor<1x7x7x8xf32>
  %17 = edge.resize <nearest> %x coordinates <pytorch_half_pixel> : tensor<1x4x4x8xf32> -> tensor<1x2x2x8xf32>
  %18 = edge.depth_to_space %x block 2 : tensor<1x4x4x8xf32> -> tensor<1x8x8x2xf32>
  %19 = edge.depth_to_space %x block 2 {mode = #edge.depth_to_space_mode<crd>} : tensor<1x4x4x8xf32> -> tensor<1x8x8x2xf32>
  %20 = edge.space_to_depth %x block 2 : tensor<1x4x4x8xf32> -> tensor<1x2x2x32xf32>
  %22:2 = edge.topk %x k 2 axis 3 {largest = false} : tensor<1x4x4x8xf32> -> tensor<1x4x4x2xf32>, tensor<1x4x4x2xi32>
  return
}

// CHECK-LABEL: func.func @conversions
// CHECK: %{{.*}} = edge.cast %arg0 : tensor<4xf32> -> tensor<4xi32>
// CHECK: %{{.*}} = edge.cast %arg1 : tensor<4xi64> -> tensor<4xi8>
// CHECK: %{{.*}} = edge.cast %arg2 : tensor<4xi1> -> tensor<4xf32>
// CHECK: %{{.*}} = edge.quantize %arg0 : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 1.000000e-01:-3>>
// CHECK: %{{.*}} = edge.quantize %arg3 : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {5.000000e-01,2.500000e-01}>>
// CHECK: %{{.*}} = edge.dequantize %{{.*}} : tensor<4x!quant.uniform<i8:f32, 1.000000e-01:-3>> -> tensor<4xf32>
// CHECK: %{{.*}} = edge.requantize %{{.*}} : tensor<4x!quant.uniform<i8:f32, 1.000000e-01:-3>> -> tensor<4x!quant.uniform<i8:f32, 2.000000e-01:5>>
// CHECK: %{{.*}} = edge.requantize %{{.*}} : tensor<4x!quant.uniform<i8:f32, 1.000000e-01:-3>> -> tensor<4x!quant.uniform<i16:f32, 1.000000e-03>>
// CHECK: %{{.*}} = edge.dequantize %{{.*}} : tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {5.000000e-01,2.500000e-01}>> -> tensor<2x3xf32>
func.func @conversions(%x: tensor<4xf32>, %i: tensor<4xi64>, %b: tensor<4xi1>, %w: tensor<2x3xf32>) {
  %0 = edge.cast %x : tensor<4xf32> -> tensor<4xi32>
  %1 = edge.cast %i : tensor<4xi64> -> tensor<4xi8>
  %2 = edge.cast %b : tensor<4xi1> -> tensor<4xf32>
  %3 = edge.quantize %x : tensor<4xf32> -> tensor<4x!qi8>
  %4 = edge.quantize %w : tensor<2x3xf32> -> tensor<2x3x!qw>
  %5 = edge.dequantize %3 : tensor<4x!qi8> -> tensor<4xf32>
  %6 = edge.requantize %3 : tensor<4x!qi8> -> tensor<4x!qo8>
  %7 = edge.requantize %3 : tensor<4x!qi8> -> tensor<4x!q16>
  %8 = edge.dequantize %4 : tensor<2x3x!qw> -> tensor<2x3xf32>
  return
}

{-#
  dialect_resources: {
    builtin: {
      blob_w: "0x0400000001020304"
    }
  }
#-}

