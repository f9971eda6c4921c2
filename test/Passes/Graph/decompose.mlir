// RUN: edgec-opt %s --onnx-decompose -split-input-file | FileCheck %s

// Standalone BN -> Mul + Add with [C, 1, 1] constants:
// s = scale / sqrt(var + eps) = [2, 0.5], t = B - mean * s = [-0.5, 1].
// CHECK-LABEL: func.func @batchnorm
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x3x3xf32>)
// CHECK-DAG: %[[S:.*]] = onnx.Constant dense<{{\[\[\[}}2.000000e+00]], {{\[\[}}5.000000e-01]]]> : tensor<2x1x1xf32>
// CHECK-DAG: %[[T:.*]] = onnx.Constant dense<{{\[\[\[}}-5.000000e-01]], {{\[\[}}1.000000e+00]]]> : tensor<2x1x1xf32>
// CHECK: %[[M:.*]] = "onnx.Mul"(%[[X]], %[[S]]) : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
// CHECK: %[[A:.*]] = "onnx.Add"(%[[M]], %[[T]])
// CHECK: return %[[A]]
func.func @batchnorm(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %scale = onnx.Constant dense<[4.0, 0.5]> : tensor<2xf32>
  %beta = onnx.Constant dense<[0.5, 1.0]> : tensor<2xf32>
  %mean = onnx.Constant dense<[0.5, 0.0]> : tensor<2xf32>
  %var = onnx.Constant dense<[3.0, 0.0]> : tensor<2xf32>
  %y, %rm, %rv = "onnx.BatchNormalization"(%x, %scale, %beta, %mean, %var) {epsilon = 1.0 : f32} : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x3x3xf32>, none, none)
  return %y : tensor<1x2x3x3xf32>
}

// -----

// Parameters that are not constants: BN stays.
// CHECK-LABEL: func.func @batchnorm_dynamic_params
// CHECK: onnx.BatchNormalization
func.func @batchnorm_dynamic_params(%x: tensor<1x2x3x3xf32>, %p: tensor<2xf32>) -> tensor<1x2x3x3xf32> {
  %y, %rm, %rv = "onnx.BatchNormalization"(%x, %p, %p, %p, %p) : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x3x3xf32>, none, none)
  return %y : tensor<1x2x3x3xf32>
}

// -----

// CHECK-LABEL: func.func @variadic
// CHECK-SAME: (%[[A:.*]]: tensor<2xf32>, %[[B:.*]]: tensor<1xf32>, %[[C:.*]]: tensor<2xf32>)
// CHECK: %[[N:.*]] = onnx.Constant dense<3.000000e+00> : tensor<f32>
// CHECK: %[[S1:.*]] = "onnx.Add"(%[[A]], %[[B]]) : (tensor<2xf32>, tensor<1xf32>) -> tensor<2xf32>
// CHECK: %[[S2:.*]] = "onnx.Add"(%[[S1]], %[[C]])
// CHECK: %[[M1:.*]] = "onnx.Add"(%[[A]], %[[B]])
// CHECK: %[[M2:.*]] = "onnx.Add"(%[[M1]], %[[C]])
// CHECK: %[[MEAN:.*]] = "onnx.Div"(%[[M2]], %[[N]])
// CHECK: %[[X1:.*]] = "onnx.Max"(%[[A]], %[[B]])
// CHECK: %[[X2:.*]] = "onnx.Max"(%[[X1]], %[[C]])
// CHECK: %[[N1:.*]] = "onnx.Min"(%[[A]], %[[C]])
// CHECK: return %[[S2]], %[[MEAN]], %[[X2]], %[[N1]], %[[A]]
func.func @variadic(%a: tensor<2xf32>, %b: tensor<1xf32>, %c: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %0 = "onnx.Sum"(%a, %b, %c) : (tensor<2xf32>, tensor<1xf32>, tensor<2xf32>) -> tensor<2xf32>
  %1 = "onnx.Mean"(%a, %b, %c) : (tensor<2xf32>, tensor<1xf32>, tensor<2xf32>) -> tensor<2xf32>
  %2 = "onnx.Max"(%a, %b, %c) : (tensor<2xf32>, tensor<1xf32>, tensor<2xf32>) -> tensor<2xf32>
  // Two-input Min is already binary: stays.
  %3 = "onnx.Min"(%a, %c) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %4 = "onnx.Mean"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  return %0, %1, %2, %3, %4 : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @softsign
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-DAG: %[[ONE:.*]] = onnx.Constant dense<1.000000e+00> : tensor<f32>
// CHECK-DAG: %[[ABS:.*]] = "onnx.Abs"(%[[X]])
// CHECK: %[[DEN:.*]] = "onnx.Add"(%[[ABS]], %[[ONE]])
// CHECK: %[[Y:.*]] = "onnx.Div"(%[[X]], %[[DEN]])
// CHECK: return %[[Y]]
func.func @softsign(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "onnx.Softsign"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @upsample
// CHECK-NOT: onnx.Upsample
// CHECK: %[[NONE:.*]] = onnx.NoValue
// CHECK-NOT: onnx.Upsample
// CHECK: "onnx.Resize"(%{{.*}}, %[[NONE]], %{{.*}}, %[[NONE]]) <{coordinate_transformation_mode = "asymmetric", {{.*}}mode = "nearest", nearest_mode = "floor"}>
// CHECK-NOT: onnx.Upsample
func.func @upsample(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32> {
  %s = onnx.Constant dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>
  %0 = "onnx.Upsample"(%x, %s) {mode = "nearest"} : (tensor<1x1x2x2xf32>, tensor<4xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @to_reshape
// CHECK-NOT: onnx.{{Flatten|Squeeze|Unsqueeze}}
// CHECK-DAG: %[[S0:.*]] = onnx.Constant dense<[2, 12]> : tensor<2xi64>
// CHECK-DAG: %[[S1:.*]] = onnx.Constant dense<[2, 3, 4]> : tensor<3xi64>
// CHECK-DAG: %[[S2:.*]] = onnx.Constant dense<[1, 2, 3, 4]> : tensor<4xi64>
// CHECK-NOT: onnx.{{Flatten|Squeeze|Unsqueeze}}
// CHECK: "onnx.Reshape"(%{{.*}}, %[[S0]]) <{allowzero = 0 : i64}> : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<2x12xf32>
// CHECK-NOT: onnx.{{Flatten|Squeeze|Unsqueeze}}
// CHECK: "onnx.Reshape"(%{{.*}}, %[[S1]]) {{.*}} -> tensor<2x3x4xf32>
// CHECK-NOT: onnx.{{Flatten|Squeeze|Unsqueeze}}
// CHECK: "onnx.Reshape"(%{{.*}}, %[[S2]]) {{.*}} -> tensor<1x2x3x4xf32>
// CHECK-NOT: onnx.{{Flatten|Squeeze|Unsqueeze}}
func.func @to_reshape(%x: tensor<2x3x4xf32>, %y: tensor<2x1x3x4xf32>) -> (tensor<2x12xf32>, tensor<2x3x4xf32>, tensor<1x2x3x4xf32>) {
  %0 = "onnx.Flatten"(%x) {axis = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
  %ax = onnx.Constant dense<[1]> : tensor<1xi64>
  %1 = "onnx.Squeeze"(%y, %ax) : (tensor<2x1x3x4xf32>, tensor<1xi64>) -> tensor<2x3x4xf32>
  %ax0 = onnx.Constant dense<[0]> : tensor<1xi64>
  %2 = "onnx.Unsqueeze"(%x, %ax0) : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<1x2x3x4xf32>
  return %0, %1, %2 : tensor<2x12xf32>, tensor<2x3x4xf32>, tensor<1x2x3x4xf32>
}

// -----

// A dynamic Flatten stays.
// CHECK-LABEL: func.func @flatten_dynamic
// CHECK: onnx.Flatten
func.func @flatten_dynamic(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = "onnx.Flatten"(%x) {axis = 1 : i64} : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// beta folds into a constant C; alpha = 2 (a power of two) into B; alpha =
// 0.3 would round, so it stays.
// CHECK-LABEL: func.func @gemm_scales
// CHECK-DAG: %[[B:.*]] = onnx.Constant dense<{{\[\[}}2.000000e+00, 4.000000e+00], [6.000000e+00, 8.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG: %[[C:.*]] = onnx.Constant dense<[1.500000e+00, 3.000000e+00]> : tensor<2xf32>
// CHECK: "onnx.Gemm"(%{{.*}}, %[[B]], %[[C]]) <{alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32
// CHECK: "onnx.Gemm"{{.*}}alpha = 3.000000e-01 : f32, beta = 1.000000e+00 : f32
func.func @gemm_scales(%a: tensor<3x2xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>) {
  %b = onnx.Constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %c = onnx.Constant dense<[1.0, 2.0]> : tensor<2xf32>
  %0 = "onnx.Gemm"(%a, %b, %c) {alpha = 2.0 : f32, beta = 1.5 : f32} : (tensor<3x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  %1 = "onnx.Gemm"(%a, %b, %c) {alpha = 0.3 : f32} : (tensor<3x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  return %0, %1 : tensor<3x2xf32>, tensor<3x2xf32>
}

// -----

// Kept as they are.
// CHECK-LABEL: func.func @kept
// CHECK: onnx.HardSigmoid
// CHECK: onnx.Softplus
// CHECK: onnx.Elu
// CHECK: onnx.GlobalAveragePool
func.func @kept(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32> {
  %0 = "onnx.HardSigmoid"(%x) : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %1 = "onnx.Softplus"(%0) : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %2 = "onnx.Elu"(%1) : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %3 = "onnx.GlobalAveragePool"(%2) : (tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32>
  return %3 : tensor<1x2x1x1xf32>
}
