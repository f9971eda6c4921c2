// RUN: edgec-opt %s --onnx-graph-cleanup | FileCheck %s --implicit-check-not=onnx.BatchNormalization --implicit-check-not=onnx.Shape --implicit-check-not=onnx.Dropout --implicit-check-not=onnx.Identity

// A PyTorch-style export with dynamic types: the shape arithmetic folds, the
// BN folds into the Conv, the Flatten-like Reshape gets its static type, the
// Dropout and Identity disappear.
// CHECK-LABEL: func.func @model
// CHECK-SAME: -> tensor<1x8xf32>
// CHECK-DAG: onnx.Constant dense<[1, -1]> : tensor<2xi64>
// CHECK: "onnx.Conv"{{.*}} -> tensor<1x2x2x2xf32>
// CHECK-NEXT: "onnx.Relu"{{.*}} -> tensor<1x2x2x2xf32>
// CHECK-NEXT: "onnx.Reshape"{{.*}} -> tensor<1x8xf32>
// CHECK-NEXT: return
func.func @model(%x: tensor<1x1x3x3xf32>) -> tensor<?x?xf32> {
  %w = onnx.Constant dense<[[[[1.0, 2.0], [3.0, 4.0]]], [[[5.0, 6.0], [7.0, 8.0]]]]> : tensor<2x1x2x2xf32>
  %none = onnx.NoValue
  %c = "onnx.Conv"(%x, %w, %none) : (tensor<1x1x3x3xf32>, tensor<2x1x2x2xf32>, none) -> tensor<?x?x?x?xf32>
  %scale = onnx.Constant dense<[4.0, 0.5]> : tensor<2xf32>
  %beta = onnx.Constant dense<[0.5, 1.0]> : tensor<2xf32>
  %mean = onnx.Constant dense<[0.5, 0.0]> : tensor<2xf32>
  %var = onnx.Constant dense<[3.0, 0.0]> : tensor<2xf32>
  %y, %rm, %rv = "onnx.BatchNormalization"(%c, %scale, %beta, %mean, %var) {epsilon = 1.0 : f32} : (tensor<?x?x?x?xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<?x?x?x?xf32>, none, none)
  %r = "onnx.Relu"(%y) : (tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  %d, %mask = "onnx.Dropout"(%r, %none, %none) : (tensor<?x?x?x?xf32>, none, none) -> (tensor<?x?x?x?xf32>, none)
  %shape = "onnx.Shape"(%d) {start = 0 : i64} : (tensor<?x?x?x?xf32>) -> tensor<4xi64>
  %i0 = onnx.Constant dense<0> : tensor<i64>
  %n = "onnx.Gather"(%shape, %i0) {axis = 0 : i64} : (tensor<4xi64>, tensor<i64>) -> tensor<i64>
  %axes = onnx.Constant dense<0> : tensor<1xi64>
  %n1 = "onnx.Unsqueeze"(%n, %axes) : (tensor<i64>, tensor<1xi64>) -> tensor<1xi64>
  %m1 = onnx.Constant dense<-1> : tensor<1xi64>
  %s = "onnx.Concat"(%n1, %m1) {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %f = "onnx.Reshape"(%d, %s) : (tensor<?x?x?x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  %out = "onnx.Identity"(%f) : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %out : tensor<?x?xf32>
}
