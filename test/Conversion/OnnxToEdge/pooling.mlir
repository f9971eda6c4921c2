// RUN: edgec-opt %s --convert-onnx-to-edge --split-input-file | FileCheck %s

// ceil_mode: one more output row/column through extra bottom/right padding.
// CHECK-LABEL: func.func @maxpool_ceil
// CHECK: edge.max_pool2d %{{.*}} kernel [2, 2] stride [2, 2] pad [0, 0, 1, 1] : tensor<1x5x5x2xf32> -> tensor<1x3x3x2xf32>
func.func @maxpool_ceil(%x: tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32> {
  %y, %i = "onnx.MaxPool"(%x) <{auto_pad = "NOTSET", ceil_mode = 1 : i64, kernel_shape = array<i64: 2, 2>, storage_order = 0 : i64, strides = array<i64: 2, 2>}> : (tensor<1x2x5x5xf32>) -> (tensor<1x2x3x3xf32>, none)
  return %y : tensor<1x2x3x3xf32>
}

// -----

// CHECK-LABEL: func.func @avgpool_include_pad
// CHECK: edge.avg_pool2d %{{.*}} kernel [3, 3] stride [1, 1] pad [1, 1, 1, 1] {count_include_pad} : tensor<1x4x4x2xf32> -> tensor<1x4x4x2xf32>
func.func @avgpool_include_pad(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %y = "onnx.AveragePool"(%x) <{auto_pad = "NOTSET", ceil_mode = 0 : i64, count_include_pad = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %y : tensor<1x2x4x4xf32>
}

// -----

// Global pooling is a reduction over the spatial axes (layout-agnostic).
// CHECK-LABEL: func.func @global_max
// CHECK: edge.reduce <max> %arg0 axes [2, 3] {keep_dims} : tensor<1x2x4x4xf32> -> tensor<1x2x1x1xf32>
func.func @global_max(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32> {
  %y = "onnx.GlobalMaxPool"(%x) : (tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32>
  return %y : tensor<1x2x1x1xf32>
}
