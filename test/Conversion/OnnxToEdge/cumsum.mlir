// RUN: edgec-opt %s --convert-onnx-to-edge --split-input-file | FileCheck %s

// CumSum becomes edge.cumsum with the constant axis made non-negative and
// the 0/1 attributes as unit attributes; f32, i32 and i64.
// CHECK-LABEL: func.func @cumsum_f32
// CHECK: %[[Y:.*]] = edge.cumsum %arg0 axis 2 : tensor<2x3x4xf32>
// CHECK: return %[[Y]]
func.func @cumsum_f32(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %axis = onnx.Constant dense<-1> : tensor<i64>
  %y = "onnx.CumSum"(%x, %axis) <{exclusive = 0 : i64, reverse = 0 : i64}> : (tensor<2x3x4xf32>, tensor<i64>) -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @cumsum_i32_exclusive_reverse
// CHECK: edge.cumsum %arg0 axis 0 {exclusive, reverse} : tensor<5x2xi32>
func.func @cumsum_i32_exclusive_reverse(%x: tensor<5x2xi32>) -> tensor<5x2xi32> {
  %axis = onnx.Constant dense<0> : tensor<i32>
  %y = "onnx.CumSum"(%x, %axis) <{exclusive = 1 : i64, reverse = 1 : i64}> : (tensor<5x2xi32>, tensor<i32>) -> tensor<5x2xi32>
  return %y : tensor<5x2xi32>
}

// -----

// A one-element 1-D axis is accepted as a scalar.
// CHECK-LABEL: func.func @cumsum_i64_reverse
// CHECK: edge.cumsum %arg0 axis 1 {reverse} : tensor<3x4xi64>
// CHECK-NOT: exclusive
func.func @cumsum_i64_reverse(%x: tensor<3x4xi64>) -> tensor<3x4xi64> {
  %axis = onnx.Constant dense<[1]> : tensor<1xi64>
  %y = "onnx.CumSum"(%x, %axis) <{exclusive = 0 : i64, reverse = 1 : i64}> : (tensor<3x4xi64>, tensor<1xi64>) -> tensor<3x4xi64>
  return %y : tensor<3x4xi64>
}
