// RUN: edgec-opt %s --convert-onnx-to-edge --split-input-file | FileCheck %s

// transB = 0: constant B [K, N] transposed to [N, K], alpha folded into the
// weights, beta * C into the bias.
// CHECK-LABEL: func.func @gemm_fold
// CHECK-DAG: edge.constant dense<{{\[\[}}2.000000e+00, 6.000000e+00], [4.000000e+00, 8.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG: edge.constant dense<[5.000000e-01, 1.000000e+00]> : tensor<2xf32>
// CHECK: edge.fully_connected %arg0, %{{.*}}, %{{.*}} : (tensor<3x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
func.func @gemm_fold(%a: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %b = onnx.Constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %c = onnx.Constant dense<[1.0, 2.0]> : tensor<2xf32>
  %y = "onnx.Gemm"(%a, %b, %c) <{alpha = 2.0 : f32, beta = 0.5 : f32, transA = 0 : i64, transB = 0 : i64}> : (tensor<3x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

// Non-constant B: edge.matmul, then the bias as an edge.add.
// CHECK-LABEL: func.func @gemm_matmul
// CHECK: %[[T:.*]] = edge.transpose %arg1 perm [1, 0]
// CHECK: %[[M:.*]] = edge.matmul %arg0, %[[T]]
// CHECK: edge.add %[[M]], %arg2
func.func @gemm_matmul(%a: tensor<3x4xf32>, %b: tensor<5x4xf32>, %c: tensor<5xf32>) -> tensor<3x5xf32> {
  %y = "onnx.Gemm"(%a, %b, %c) <{alpha = 1.0 : f32, beta = 1.0 : f32, transA = 0 : i64, transB = 1 : i64}> : (tensor<3x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// -----

// MatMul with a constant [K, N] matrix: fully_connected keeps leading dims.
// CHECK-LABEL: func.func @matmul_const
// CHECK: edge.fully_connected %arg0, %{{.*}} : (tensor<2x3x4xf32>, tensor<5x4xf32>) -> tensor<2x3x5xf32>
func.func @matmul_const(%a: tensor<2x3x4xf32>) -> tensor<2x3x5xf32> {
  %b = onnx.Constant dense<1.0> : tensor<4x5xf32>
  %y = "onnx.MatMul"(%a, %b) : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  return %y : tensor<2x3x5xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_act
// CHECK: edge.matmul %arg0, %arg1 : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
func.func @matmul_act(%a: tensor<2x3x4xf32>, %b: tensor<2x4x5xf32>) -> tensor<2x3x5xf32> {
  %y = "onnx.MatMul"(%a, %b) : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  return %y : tensor<2x3x5xf32>
}
