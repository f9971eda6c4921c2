// RUN: edgec-opt %s --onnx-fold-batchnorm -split-input-file | FileCheck %s

// Numbers: s = scale / sqrt(var + eps) = [4 / sqrt(3 + 1), 0.5 / sqrt(0 + 1)]
// = [2, 0.5]; W' = W * s per output channel; b' = (b - mean) * s + B
// = [(1 - 0.5) * 2 + 0.5, (-1 - 0) * 0.5 + 1] = [1.5, 0.5].

// CHECK-LABEL: func.func @conv
// CHECK-DAG: %[[W:.*]] = onnx.Constant dense<{{\[\[\[\[}}2.000000e+00, 4.000000e+00], [6.000000e+00, 8.000000e+00]]], {{\[\[\[}}2.500000e+00, 3.000000e+00], [3.500000e+00, 4.000000e+00]]]]> : tensor<2x1x2x2xf32>
// CHECK-DAG: %[[B:.*]] = onnx.Constant dense<[1.500000e+00, 5.000000e-01]> : tensor<2xf32>
// CHECK: %[[Y:.*]] = "onnx.Conv"(%{{.*}}, %[[W]], %[[B]]) {{.*}} -> tensor<1x2x2x2xf32>
// CHECK-NOT: onnx.BatchNormalization
// CHECK: return %[[Y]]
func.func @conv(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x2x2xf32> {
  %w = onnx.Constant dense<[[[[1.0, 2.0], [3.0, 4.0]]], [[[5.0, 6.0], [7.0, 8.0]]]]> : tensor<2x1x2x2xf32>
  %b = onnx.Constant dense<[1.0, -1.0]> : tensor<2xf32>
  %c = "onnx.Conv"(%x, %w, %b) : (tensor<1x1x3x3xf32>, tensor<2x1x2x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %scale = onnx.Constant dense<[4.0, 0.5]> : tensor<2xf32>
  %beta = onnx.Constant dense<[0.5, 1.0]> : tensor<2xf32>
  %mean = onnx.Constant dense<[0.5, 0.0]> : tensor<2xf32>
  %var = onnx.Constant dense<[3.0, 0.0]> : tensor<2xf32>
  %y, %rm, %rv = "onnx.BatchNormalization"(%c, %scale, %beta, %mean, %var) {epsilon = 1.0 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x2x2xf32>, none, none)
  return %y : tensor<1x2x2x2xf32>
}

// -----

// Weights given as a resource (as the importer makes them) stay a resource:
// the new blob holds 2, 4, 6, 8, 2.5, 3, 3.5, 4 (f32, little-endian). No
// bias: b' = -mean * s + B = [-0.5, 1], a resource too.
// CHECK-LABEL: func.func @conv_resource
// CHECK-DAG: %[[W:.*]] = onnx.Constant dense_resource<onnx_folded{{.*}}> : tensor<2x1x2x2xf32>
// CHECK-DAG: %[[B:.*]] = onnx.Constant dense_resource<onnx_folded{{.*}}> : tensor<2xf32>
// CHECK: "onnx.Conv"(%{{.*}}, %[[W]], %[[B]])
// CHECK-DAG: onnx_folded{{.*}}: "0x04000000000000BF0000803F"
// CHECK-DAG: onnx_folded{{.*}}: "0x0400000000000040000080400000C0400000004100002040000040400000604000008040"
func.func @conv_resource(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x2x2xf32> {
  %w = onnx.Constant dense_resource<w8> : tensor<2x1x2x2xf32>
  %none = onnx.NoValue
  %c = "onnx.Conv"(%x, %w, %none) : (tensor<1x1x3x3xf32>, tensor<2x1x2x2xf32>, none) -> tensor<1x2x2x2xf32>
  %scale = onnx.Constant dense<[4.0, 0.5]> : tensor<2xf32>
  %beta = onnx.Constant dense<[0.5, 1.0]> : tensor<2xf32>
  %mean = onnx.Constant dense<[0.5, 0.0]> : tensor<2xf32>
  %var = onnx.Constant dense<[3.0, 0.0]> : tensor<2xf32>
  %y, %rm, %rv = "onnx.BatchNormalization"(%c, %scale, %beta, %mean, %var) {epsilon = 1.0 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x2x2xf32>, none, none)
  return %y : tensor<1x2x2x2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      w8: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041"
    }
  }
#-}

// -----

// ConvTranspose: W is [Cin, Cout, kH, kW], channels along its second axis.
// CHECK-LABEL: func.func @conv_transpose
// CHECK-DAG: %[[W:.*]] = onnx.Constant dense<{{\[\[\[\[}}2.000000e+00, 4.000000e+00], [6.000000e+00, 8.000000e+00]], {{\[\[}}2.500000e+00, 3.000000e+00], [3.500000e+00, 4.000000e+00]]]]> : tensor<1x2x2x2xf32>
// CHECK: "onnx.ConvTranspose"(%{{.*}}, %[[W]], %{{.*}})
// CHECK-NOT: onnx.BatchNormalization
func.func @conv_transpose(%x: tensor<1x1x2x2xf32>) -> tensor<1x2x3x3xf32> {
  %w = onnx.Constant dense<[[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]]> : tensor<1x2x2x2xf32>
  %none = onnx.NoValue
  %c = "onnx.ConvTranspose"(%x, %w, %none) : (tensor<1x1x2x2xf32>, tensor<1x2x2x2xf32>, none) -> tensor<1x2x3x3xf32>
  %scale = onnx.Constant dense<[4.0, 0.5]> : tensor<2xf32>
  %beta = onnx.Constant dense<[0.5, 1.0]> : tensor<2xf32>
  %mean = onnx.Constant dense<[0.5, 0.0]> : tensor<2xf32>
  %var = onnx.Constant dense<[3.0, 0.0]> : tensor<2xf32>
  %y, %rm, %rv = "onnx.BatchNormalization"(%c, %scale, %beta, %mean, %var) {epsilon = 1.0 : f32} : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x3x3xf32>, none, none)
  return %y : tensor<1x2x3x3xf32>
}

// -----

// Gemm, both transB: B' scales the N columns; with beta = 2 and C = [1, 1],
// C' = (2 * C - mean) * s + B = [3.5, 2] and beta becomes 1.
// CHECK-LABEL: func.func @gemm
// CHECK-DAG: %[[B0:.*]] = onnx.Constant dense<{{\[\[}}2.000000e+00, 1.000000e+00], [6.000000e+00, 2.000000e+00], [1.000000e+01, 3.000000e+00]]> : tensor<3x2xf32>
// CHECK-DAG: %[[C0:.*]] = onnx.Constant dense<[-5.000000e-01, 1.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[B1:.*]] = onnx.Constant dense<{{\[\[}}2.000000e+00, 6.000000e+00, 1.000000e+01], [1.000000e+00, 2.000000e+00, 3.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG: %[[C1:.*]] = onnx.Constant dense<[3.500000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK: "onnx.Gemm"(%{{.*}}, %[[B0]], %[[C0]])
// CHECK: "onnx.Gemm"(%{{.*}}, %[[B1]], %[[C1]]) <{{{.*}}beta = 1.000000e+00 : f32{{.*}}transB = 1 : i64}>
// CHECK-NOT: onnx.BatchNormalization
func.func @gemm(%a: tensor<4x3xf32>) -> (tensor<4x2xf32>, tensor<4x2xf32>) {
  %scale = onnx.Constant dense<[4.0, 0.5]> : tensor<2xf32>
  %beta = onnx.Constant dense<[0.5, 1.0]> : tensor<2xf32>
  %mean = onnx.Constant dense<[0.5, 0.0]> : tensor<2xf32>
  %var = onnx.Constant dense<[3.0, 0.0]> : tensor<2xf32>
  %none = onnx.NoValue
  %b0 = onnx.Constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %g0 = "onnx.Gemm"(%a, %b0, %none) : (tensor<4x3xf32>, tensor<3x2xf32>, none) -> tensor<4x2xf32>
  %y0, %rm0, %rv0 = "onnx.BatchNormalization"(%g0, %scale, %beta, %mean, %var) {epsilon = 1.0 : f32} : (tensor<4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<4x2xf32>, none, none)
  %b1 = onnx.Constant dense<[[1.0, 3.0, 5.0], [2.0, 4.0, 6.0]]> : tensor<2x3xf32>
  %c1 = onnx.Constant dense<[1.0, 1.0]> : tensor<2xf32>
  %g1 = "onnx.Gemm"(%a, %b1, %c1) {beta = 2.0 : f32, transB = 1 : i64} : (tensor<4x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  %y1, %rm1, %rv1 = "onnx.BatchNormalization"(%g1, %scale, %beta, %mean, %var) {epsilon = 1.0 : f32} : (tensor<4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<4x2xf32>, none, none)
  return %y0, %y1 : tensor<4x2xf32>, tensor<4x2xf32>
}

// -----

// The Conv has a second user: folding would duplicate it. Stays.
// CHECK-LABEL: func.func @conv_two_users
// CHECK: onnx.Conv
// CHECK: onnx.BatchNormalization
func.func @conv_two_users(%x: tensor<1x1x3x3xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) {
  %w = onnx.Constant dense<1.0> : tensor<2x1x2x2xf32>
  %none = onnx.NoValue
  %c = "onnx.Conv"(%x, %w, %none) : (tensor<1x1x3x3xf32>, tensor<2x1x2x2xf32>, none) -> tensor<1x2x2x2xf32>
  %p = onnx.Constant dense<1.0> : tensor<2xf32>
  %y, %rm, %rv = "onnx.BatchNormalization"(%c, %p, %p, %p, %p) : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x2x2xf32>, none, none)
  return %y, %c : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>
}

// -----

// Weights that are not constants, and BN parameters that are not: stays.
// CHECK-LABEL: func.func @not_constant
// CHECK-COUNT-2: onnx.BatchNormalization
func.func @not_constant(%x: tensor<1x1x3x3xf32>, %w: tensor<2x1x2x2xf32>, %mean: tensor<2xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) {
  %none = onnx.NoValue
  %p = onnx.Constant dense<1.0> : tensor<2xf32>
  %c = "onnx.Conv"(%x, %w, %none) : (tensor<1x1x3x3xf32>, tensor<2x1x2x2xf32>, none) -> tensor<1x2x2x2xf32>
  %y, %rm, %rv = "onnx.BatchNormalization"(%c, %p, %p, %p, %p) : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x2x2xf32>, none, none)
  %wc = onnx.Constant dense<1.0> : tensor<2x1x2x2xf32>
  %c2 = "onnx.Conv"(%x, %wc, %none) : (tensor<1x1x3x3xf32>, tensor<2x1x2x2xf32>, none) -> tensor<1x2x2x2xf32>
  %y2, %rm2, %rv2 = "onnx.BatchNormalization"(%c2, %p, %p, %mean, %p) : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x2x2xf32>, none, none)
  return %y, %y2 : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>
}

// -----

// A BN that follows no Conv/Gemm is left for onnx-decompose.
// CHECK-LABEL: func.func @after_relu
// CHECK: onnx.Relu
// CHECK: onnx.BatchNormalization
func.func @after_relu(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %r = "onnx.Relu"(%x) : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %p = onnx.Constant dense<1.0> : tensor<2xf32>
  %y, %rm, %rv = "onnx.BatchNormalization"(%r, %p, %p, %p, %p) : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x2x2xf32>, none, none)
  return %y : tensor<1x2x2x2xf32>
}
