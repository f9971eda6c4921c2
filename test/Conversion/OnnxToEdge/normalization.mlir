// RUN: edgec-opt %s --convert-onnx-to-edge --split-input-file | FileCheck %s

// Only Y used: one edge.layer_norm.
// CHECK-LABEL: func.func @layer_norm_y_only
// CHECK-NOT: edge.reduce
// CHECK: edge.layer_norm %arg0, %arg1, %arg2 axis 1
// CHECK-NOT: edge.reduce
func.func @layer_norm_y_only(%x: tensor<2x3x4xf32>, %s: tensor<3x4xf32>, %b: tensor<3x4xf32>) -> tensor<2x3x4xf32> {
  %y, %m, %i = "onnx.LayerNormalization"(%x, %s, %b) <{axis = 1 : i64, epsilon = 1.0e-05 : f32, stash_type = 1 : i64}> : (tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) -> (tensor<2x3x4xf32>, none, none)
  return %y : tensor<2x3x4xf32>
}

// -----

// Mean and InvStdDev used: decomposed into reductions over the normalized
// axes (kept as 1), rsqrt and elementwise ops.
// CHECK-LABEL: func.func @layer_norm_stats
// CHECK-NOT: edge.layer_norm
// CHECK: %[[EPS:.*]] = edge.constant dense<9.99999974E-6> : tensor<f32>
// CHECK: %[[MEAN:.*]] = edge.reduce <mean> %arg0 axes [1, 2] {keep_dims} : tensor<2x3x4xf32> -> tensor<2x1x1xf32>
// CHECK: %[[D:.*]] = edge.sub %arg0, %[[MEAN]] : (tensor<2x3x4xf32>, tensor<2x1x1xf32>) -> tensor<2x3x4xf32>
// CHECK: %[[SQ:.*]] = edge.mul %[[D]], %[[D]]
// CHECK: %[[VAR:.*]] = edge.reduce <mean> %[[SQ]] axes [1, 2] {keep_dims}
// CHECK: %[[VE:.*]] = edge.add %[[VAR]], %[[EPS]]
// CHECK: %[[INV:.*]] = edge.unary <rsqrt> %[[VE]] : tensor<2x1x1xf32> -> tensor<2x1x1xf32>
// CHECK: %[[N:.*]] = edge.mul %[[D]], %[[INV]]
// CHECK: %[[S:.*]] = edge.mul %[[N]], %arg1 : (tensor<2x3x4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
// CHECK: %[[Y:.*]] = edge.add %[[S]], %arg2
// CHECK: return %[[Y]], %[[MEAN]], %[[INV]]
func.func @layer_norm_stats(%x: tensor<2x3x4xf32>, %s: tensor<3x4xf32>, %b: tensor<3x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x1x1xf32>, tensor<2x1x1xf32>) {
  %y, %m, %i = "onnx.LayerNormalization"(%x, %s, %b) <{axis = -2 : i64, epsilon = 1.0e-05 : f32, stash_type = 1 : i64}> : (tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x1x1xf32>, tensor<2x1x1xf32>)
  return %y, %m, %i : tensor<2x3x4xf32>, tensor<2x1x1xf32>, tensor<2x1x1xf32>
}

// -----

// Without B, only Mean used.
// CHECK-LABEL: func.func @layer_norm_mean_no_bias
// CHECK: %[[MEAN:.*]] = edge.reduce <mean> %arg0 axes [0, 1] {keep_dims} : tensor<3x4xf32> -> tensor<1x1xf32>
// CHECK: %[[Y:.*]] = edge.mul %{{.*}}, %arg1 : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
// CHECK-NEXT: return %[[Y]], %[[MEAN]]
func.func @layer_norm_mean_no_bias(%x: tensor<3x4xf32>, %s: tensor<3x4xf32>) -> (tensor<3x4xf32>, tensor<1x1xf32>) {
  %none = onnx.NoValue
  %y, %m, %i = "onnx.LayerNormalization"(%x, %s, %none) <{axis = 0 : i64, epsilon = 1.0e-05 : f32, stash_type = 1 : i64}> : (tensor<3x4xf32>, tensor<3x4xf32>, none) -> (tensor<3x4xf32>, tensor<1x1xf32>, none)
  return %y, %m : tensor<3x4xf32>, tensor<1x1xf32>
}

// -----

// BatchNormalization with parameters that are graph inputs: the same
// per-channel affine map, computed by edge ops on [C, 1, 1] parameters.
// CHECK-LABEL: func.func @batchnorm_inputs
// CHECK-DAG: %[[M:.*]] = edge.reshape %arg3 : tensor<2xf32> -> tensor<2x1x1xf32>
// CHECK-DAG: %[[V:.*]] = edge.reshape %arg4 : tensor<2xf32> -> tensor<2x1x1xf32>
// CHECK: %[[VE:.*]] = edge.add %[[V]], %{{.*}} : (tensor<2x1x1xf32>, tensor<f32>) -> tensor<2x1x1xf32>
// CHECK: %[[INV:.*]] = edge.unary <rsqrt> %[[VE]]
// CHECK: %[[S:.*]] = edge.reshape %arg1 : tensor<2xf32> -> tensor<2x1x1xf32>
// CHECK: %[[MUL:.*]] = edge.mul %[[S]], %[[INV]]
// CHECK: %[[B:.*]] = edge.reshape %arg2 : tensor<2xf32> -> tensor<2x1x1xf32>
// CHECK: %[[MM:.*]] = edge.mul %[[M]], %[[MUL]]
// CHECK: %[[ADD:.*]] = edge.sub %[[B]], %[[MM]]
// CHECK: %[[XM:.*]] = edge.mul %arg0, %[[MUL]] : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
// CHECK: edge.add %[[XM]], %[[ADD]]
func.func @batchnorm_inputs(%x: tensor<1x2x3x3xf32>, %s: tensor<2xf32>, %b: tensor<2xf32>, %m: tensor<2xf32>, %v: tensor<2xf32>) -> tensor<1x2x3x3xf32> {
  %y, %rm, %rv = "onnx.BatchNormalization"(%x, %s, %b, %m, %v) <{epsilon = 1.0e-5 : f32, momentum = 0.9 : f32, training_mode = 0 : i64}> : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x3x3xf32>, none, none)
  return %y : tensor<1x2x3x3xf32>
}

// -----

// Training mode: batch mean and population variance over N, H, W; the
// running statistics updated with momentum 0.9.
// CHECK-LABEL: func.func @batchnorm_training
// CHECK-DAG: %[[MOM:.*]] = edge.constant dense<0.899999976> : tensor<f32>
// CHECK-DAG: %[[ONE_MINUS:.*]] = edge.constant dense<0.100000024> : tensor<f32>
// CHECK: %[[BM:.*]] = edge.reduce <mean> %arg0 axes [0, 2, 3] {keep_dims} : tensor<2x3x4x5xf32> -> tensor<1x3x1x1xf32>
// CHECK: %[[D:.*]] = edge.sub %arg0, %[[BM]]
// CHECK: %[[SQ:.*]] = edge.mul %[[D]], %[[D]]
// CHECK: %[[BV:.*]] = edge.reduce <mean> %[[SQ]] axes [0, 2, 3] {keep_dims}
// CHECK: %[[BM3:.*]] = edge.reshape %[[BM]] : tensor<1x3x1x1xf32> -> tensor<3x1x1xf32>
// CHECK: %[[BV3:.*]] = edge.reshape %[[BV]] : tensor<1x3x1x1xf32> -> tensor<3x1x1xf32>
// CHECK: edge.mul %{{.*}}, %[[MOM]]
// CHECK: edge.mul %[[BM3]], %[[ONE_MINUS]]
// CHECK: %[[RM:.*]] = edge.reshape %{{.*}} : tensor<3x1x1xf32> -> tensor<3xf32>
// CHECK: %[[RV:.*]] = edge.reshape %{{.*}} : tensor<3x1x1xf32> -> tensor<3xf32>
// CHECK: edge.unary <rsqrt>
// CHECK: return %{{.*}}, %[[RM]], %[[RV]]
func.func @batchnorm_training(%x: tensor<2x3x4x5xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>) {
  %y, %rm, %rv = "onnx.BatchNormalization"(%x, %s, %b, %m, %v) <{epsilon = 1.0e-2 : f32, momentum = 0.9 : f32, training_mode = 1 : i64}> : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>)
  return %y, %rm, %rv : tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>
}
