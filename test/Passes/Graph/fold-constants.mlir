// RUN: edgec-opt %s --onnx-fold-constants -split-input-file | FileCheck %s

//===--- PyTorch's flatten chain: Shape -> Gather -> Unsqueeze -> Concat -> Reshape ---===//

// The importer may leave the Reshape's result dynamic; once the shape is a
// constant the Reshape gets its static type, and so do its users and the
// function's result.
// The folded chain leaves no Shape/Gather/Unsqueeze/Concat anywhere in the
// function (the CHECK-NOTs sit before and after the constant and between the
// remaining ops).
// CHECK-LABEL: func.func @flatten_chain
// CHECK-SAME: -> tensor<1x48xf32>
// CHECK-NOT: onnx.{{Shape|Gather|Unsqueeze|Concat}}
// CHECK-DAG: %[[S:.*]] = onnx.Constant dense<[1, -1]> : tensor<2xi64>
// CHECK-NOT: onnx.{{Shape|Gather|Unsqueeze|Concat}}
// CHECK: %[[R:.*]] = "onnx.Reshape"(%{{.*}}, %[[S]]) {{.*}} -> tensor<1x48xf32>
// CHECK-NEXT: %[[Y:.*]] = "onnx.Relu"(%[[R]]) : (tensor<1x48xf32>) -> tensor<1x48xf32>
// CHECK-NEXT: return %[[Y]] : tensor<1x48xf32>
func.func @flatten_chain(%x: tensor<1x3x4x4xf32>) -> tensor<?x?xf32> {
  %shape = "onnx.Shape"(%x) {start = 0 : i64} : (tensor<1x3x4x4xf32>) -> tensor<?xi64>
  %i0 = onnx.Constant dense<0> : tensor<i64>
  %n = "onnx.Gather"(%shape, %i0) {axis = 0 : i64} : (tensor<?xi64>, tensor<i64>) -> tensor<i64>
  %axes = onnx.Constant dense<0> : tensor<1xi64>
  %n1 = "onnx.Unsqueeze"(%n, %axes) : (tensor<i64>, tensor<1xi64>) -> tensor<?xi64>
  %m1 = onnx.Constant dense<-1> : tensor<1xi64>
  %s = "onnx.Concat"(%n1, %m1) {axis = 0 : i64} : (tensor<?xi64>, tensor<1xi64>) -> tensor<?xi64>
  %r = "onnx.Reshape"(%x, %s) {allowzero = 0 : i64} : (tensor<1x3x4x4xf32>, tensor<?xi64>) -> tensor<?x?xf32>
  %y = "onnx.Relu"(%r) : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// Shape with start/end, negative end.
// CHECK-LABEL: func.func @shape_slice
// CHECK: onnx.Constant dense<[3, 4]> : tensor<2xi64>
func.func @shape_slice(%x: tensor<1x3x4x5xf32>) -> tensor<?xi64> {
  %0 = "onnx.Shape"(%x) {start = 1 : i64, end = -1 : i64} : (tensor<1x3x4x5xf32>) -> tensor<?xi64>
  return %0 : tensor<?xi64>
}

// -----

// A dynamic dimension in the range keeps the Shape.
// CHECK-LABEL: func.func @shape_dynamic
// CHECK: onnx.Shape
func.func @shape_dynamic(%x: tensor<?x3xf32>) -> tensor<2xi64> {
  %0 = "onnx.Shape"(%x) {start = 0 : i64} : (tensor<?x3xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

//===--- Slice ---===//

// -----

// Negative step: from the last element down, clamped end.
// CHECK-LABEL: func.func @slice_negative_step
// CHECK: onnx.Constant dense<[5, 3, 1]> : tensor<3xi64>
func.func @slice_negative_step() -> tensor<?xi64> {
  %d = onnx.Constant dense<[0, 1, 2, 3, 4, 5]> : tensor<6xi64>
  %st = onnx.Constant dense<-1> : tensor<1xi64>
  %en = onnx.Constant dense<-100> : tensor<1xi64>
  %ax = onnx.Constant dense<0> : tensor<1xi64>
  %sp = onnx.Constant dense<-2> : tensor<1xi64>
  %0 = "onnx.Slice"(%d, %st, %en, %ax, %sp) : (tensor<6xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<?xi64>
  return %0 : tensor<?xi64>
}

// -----

// INT64_MAX end, absent axes and steps, on a 2-D tensor's first axis.
// CHECK-LABEL: func.func @slice_clamp
// CHECK: onnx.Constant dense<{{\[}}[3, 4, 5]]> : tensor<1x3xi64>
func.func @slice_clamp() -> tensor<?x3xi64> {
  %d = onnx.Constant dense<[[0, 1, 2], [3, 4, 5]]> : tensor<2x3xi64>
  %st = onnx.Constant dense<1> : tensor<1xi64>
  %en = onnx.Constant dense<9223372036854775807> : tensor<1xi64>
  %none = onnx.NoValue
  %0 = "onnx.Slice"(%d, %st, %en, %none, %none) : (tensor<2x3xi64>, tensor<1xi64>, tensor<1xi64>, none, none) -> tensor<?x3xi64>
  return %0 : tensor<?x3xi64>
}

// -----

// Negative axis, step 2, an empty result on the other axis.
// CHECK-LABEL: func.func @slice_axes
// CHECK: onnx.Constant dense<{{\[}}[0, 2], [3, 5]]> : tensor<2x2xi64>
// CHECK: onnx.Constant dense<> : tensor<0x3xi64>
func.func @slice_axes() -> (tensor<?x?xi64>, tensor<?x3xi64>) {
  %d = onnx.Constant dense<[[0, 1, 2], [3, 4, 5]]> : tensor<2x3xi64>
  %st = onnx.Constant dense<0> : tensor<1xi64>
  %en = onnx.Constant dense<3> : tensor<1xi64>
  %ax = onnx.Constant dense<-1> : tensor<1xi64>
  %sp = onnx.Constant dense<2> : tensor<1xi64>
  %0 = "onnx.Slice"(%d, %st, %en, %ax, %sp) : (tensor<2x3xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<?x?xi64>
  %st1 = onnx.Constant dense<5> : tensor<1xi64>
  %ax0 = onnx.Constant dense<0> : tensor<1xi64>
  %none = onnx.NoValue
  %1 = "onnx.Slice"(%d, %st1, %en, %ax0, %none) : (tensor<2x3xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, none) -> tensor<?x3xi64>
  return %0, %1 : tensor<?x?xi64>, tensor<?x3xi64>
}

//===--- Range, ConstantOfShape ---===//

// -----

// count = max(ceil((limit - start) / delta), 0)
// CHECK-LABEL: func.func @range
// CHECK-DAG: onnx.Constant dense<[1, 4, 7]> : tensor<3xi64>
// CHECK-DAG: onnx.Constant dense<[10, 7, 4]> : tensor<3xi32>
// CHECK-DAG: onnx.Constant dense<> : tensor<0xi64>
// CHECK-DAG: onnx.Constant dense<[0.000000e+00, 5.000000e-01, 1.000000e+00]> : tensor<3xf32>
func.func @range() -> (tensor<?xi64>, tensor<?xi32>, tensor<?xi64>, tensor<?xf32>) {
  %s = onnx.Constant dense<1> : tensor<i64>
  %l = onnx.Constant dense<10> : tensor<i64>
  %d = onnx.Constant dense<3> : tensor<i64>
  %0 = "onnx.Range"(%s, %l, %d) : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
  %s1 = onnx.Constant dense<10> : tensor<i32>
  %l1 = onnx.Constant dense<1> : tensor<i32>
  %d1 = onnx.Constant dense<-3> : tensor<i32>
  %1 = "onnx.Range"(%s1, %l1, %d1) : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<?xi32>
  %2 = "onnx.Range"(%l, %s, %d) : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
  %s3 = onnx.Constant dense<0.0> : tensor<f32>
  %l3 = onnx.Constant dense<1.2> : tensor<f32>
  %d3 = onnx.Constant dense<0.5> : tensor<f32>
  %3 = "onnx.Range"(%s3, %l3, %d3) : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<?xf32>
  return %0, %1, %2, %3 : tensor<?xi64>, tensor<?xi32>, tensor<?xi64>, tensor<?xf32>
}

// -----

// Default value 0.0f; an explicit value; a large result stays a splat.
// CHECK-LABEL: func.func @constant_of_shape
// CHECK-DAG: onnx.Constant dense<0.000000e+00> : tensor<2x3xf32>
// CHECK-DAG: onnx.Constant dense<7> : tensor<2x3xi64>
// CHECK-DAG: onnx.Constant dense<1.000000e+00> : tensor<1000x1000xf32>
func.func @constant_of_shape() -> (tensor<?x?xf32>, tensor<?x?xi64>, tensor<?x?xf32>) {
  %s = onnx.Constant dense<[2, 3]> : tensor<2xi64>
  %0 = "onnx.ConstantOfShape"(%s) : (tensor<2xi64>) -> tensor<?x?xf32>
  %1 = "onnx.ConstantOfShape"(%s) {value = dense<7> : tensor<1xi64>} : (tensor<2xi64>) -> tensor<?x?xi64>
  %big = onnx.Constant dense<[1000, 1000]> : tensor<2xi64>
  %2 = "onnx.ConstantOfShape"(%big) {value = dense<1.0> : tensor<1xf32>} : (tensor<2xi64>) -> tensor<?x?xf32>
  return %0, %1, %2 : tensor<?x?xf32>, tensor<?x?xi64>, tensor<?x?xf32>
}

//===--- Gather, Concat, Unsqueeze, Squeeze, Cast ---===//

// -----

// CHECK-LABEL: func.func @gather_negative
// CHECK: onnx.Constant dense<{{\[}}[20, 10], [40, 30]]> : tensor<2x2xi64>
func.func @gather_negative() -> tensor<?x?xi64> {
  %d = onnx.Constant dense<[[10, 20], [30, 40]]> : tensor<2x2xi64>
  %i = onnx.Constant dense<[-1, 0]> : tensor<2xi64>
  %0 = "onnx.Gather"(%d, %i) {axis = 1 : i64} : (tensor<2x2xi64>, tensor<2xi64>) -> tensor<?x?xi64>
  return %0 : tensor<?x?xi64>
}

// -----

// Out-of-range indices are an error in ONNX, not a fold.
// CHECK-LABEL: func.func @gather_out_of_range
// CHECK: onnx.Gather
func.func @gather_out_of_range() -> tensor<1xi64> {
  %d = onnx.Constant dense<[10, 20]> : tensor<2xi64>
  %i = onnx.Constant dense<[2]> : tensor<1xi64>
  %0 = "onnx.Gather"(%d, %i) {axis = 0 : i64} : (tensor<2xi64>, tensor<1xi64>) -> tensor<1xi64>
  return %0 : tensor<1xi64>
}

// -----

// CHECK-LABEL: func.func @squeeze_unsqueeze_cast
// CHECK-DAG: onnx.Constant dense<5> : tensor<i64>
// CHECK-DAG: onnx.Constant dense<5> : tensor<1x1xi64>
// CHECK-DAG: onnx.Constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: onnx.Constant dense<[true, false]> : tensor<2xi1>
func.func @squeeze_unsqueeze_cast() -> (tensor<*xi64>, tensor<?x?xi64>, tensor<?xf32>, tensor<?xi1>) {
  %c = onnx.Constant dense<[5]> : tensor<1xi64>
  %none = onnx.NoValue
  %0 = "onnx.Squeeze"(%c, %none) : (tensor<1xi64>, none) -> tensor<*xi64>
  %ax = onnx.Constant dense<[-1]> : tensor<1xi64>
  %1 = "onnx.Unsqueeze"(%c, %ax) : (tensor<1xi64>, tensor<1xi64>) -> tensor<?x?xi64>
  %i = onnx.Constant dense<[1, 2]> : tensor<2xi64>
  %2 = "onnx.Cast"(%i) {to = 1 : i64} : (tensor<2xi64>) -> tensor<?xf32>
  %f = onnx.Constant dense<[-0.5, 0.0]> : tensor<2xf32>
  %3 = "onnx.Cast"(%f) {to = 9 : i64} : (tensor<2xf32>) -> tensor<?xi1>
  return %0, %1, %2, %3 : tensor<*xi64>, tensor<?x?xi64>, tensor<?xf32>, tensor<?xi1>
}

//===--- Arithmetic, comparisons, logic, Where ---===//

// -----

// CHECK-LABEL: func.func @arith
// CHECK-DAG: onnx.Constant dense<[4, 6]> : tensor<2xi64>
// CHECK-DAG: onnx.Constant dense<[-2, 2]> : tensor<2xi64>
// CHECK-DAG: onnx.Constant dense<[3, 8]> : tensor<2xi64>
// CHECK-DAG: onnx.Constant dense<[1, -2]> : tensor<2xi64>
func.func @arith() -> (tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>) {
  %a = onnx.Constant dense<[-7, 7]> : tensor<2xi64>
  %b = onnx.Constant dense<3> : tensor<i64>
  %c = onnx.Constant dense<[1, 2]> : tensor<2xi64>
  %d = onnx.Constant dense<[3, 4]> : tensor<2xi64>
  %0 = "onnx.Add"(%c, %d) : (tensor<2xi64>, tensor<2xi64>) -> tensor<?xi64>
  // Integer Div truncates toward zero.
  %1 = "onnx.Div"(%a, %b) : (tensor<2xi64>, tensor<i64>) -> tensor<?xi64>
  %2 = "onnx.Mul"(%d, %c) : (tensor<2xi64>, tensor<2xi64>) -> tensor<?xi64>
  %3 = "onnx.Sub"(%0, %2) : (tensor<?xi64>, tensor<?xi64>) -> tensor<?xi64>
  %m = "onnx.Mul"(%1, %1) : (tensor<?xi64>, tensor<?xi64>) -> tensor<?xi64>
  %four = "onnx.Sub"(%m, %b) : (tensor<?xi64>, tensor<i64>) -> tensor<?xi64>
  %r3 = "onnx.Div"(%2, %four) : (tensor<?xi64>, tensor<?xi64>) -> tensor<?xi64>
  return %0, %1, %r3, %3 : tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>
}

// -----

// Integer division by zero is undefined: no fold.
// CHECK-LABEL: func.func @div_by_zero
// CHECK: onnx.Div
func.func @div_by_zero() -> tensor<?xi64> {
  %a = onnx.Constant dense<[1, 2]> : tensor<2xi64>
  %z = onnx.Constant dense<[1, 0]> : tensor<2xi64>
  %0 = "onnx.Div"(%a, %z) : (tensor<2xi64>, tensor<2xi64>) -> tensor<?xi64>
  return %0 : tensor<?xi64>
}

// -----

// Where broadcasts its three operands; Equal/Not/And/Or on small tensors.
// CHECK-LABEL: func.func @where_logic
// CHECK-DAG: onnx.Constant dense<{{\[}}[1, -1], [2, -1]]> : tensor<2x2xi64>
// CHECK-DAG: onnx.Constant dense<[true, false, true]> : tensor<3xi1>
// CHECK-DAG: onnx.Constant dense<[false, false, true]> : tensor<3xi1>
func.func @where_logic() -> (tensor<?x?xi64>, tensor<?xi1>, tensor<?xi1>) {
  %cond = onnx.Constant dense<[true, false]> : tensor<2xi1>
  %x = onnx.Constant dense<[[1], [2]]> : tensor<2x1xi64>
  %y = onnx.Constant dense<-1> : tensor<i64>
  %0 = "onnx.Where"(%cond, %x, %y) : (tensor<2xi1>, tensor<2x1xi64>, tensor<i64>) -> tensor<?x?xi64>
  %a = onnx.Constant dense<[1, 2, 3]> : tensor<3xi64>
  %b = onnx.Constant dense<[1, 5, 3]> : tensor<3xi64>
  %eq = "onnx.Equal"(%a, %b) : (tensor<3xi64>, tensor<3xi64>) -> tensor<?xi1>
  %ne = "onnx.Not"(%eq) : (tensor<?xi1>) -> tensor<?xi1>
  %or = "onnx.Or"(%eq, %ne) : (tensor<?xi1>, tensor<?xi1>) -> tensor<?xi1>
  %gt = onnx.Constant dense<[false, false, true]> : tensor<3xi1>
  %and = "onnx.And"(%or, %gt) : (tensor<?xi1>, tensor<3xi1>) -> tensor<?xi1>
  return %0, %eq, %and : tensor<?x?xi64>, tensor<?xi1>, tensor<?xi1>
}

//===--- Expand, Tile, Transpose ---===//

// -----

// CHECK-LABEL: func.func @expand_tile
// CHECK-DAG: onnx.Constant dense<{{\[}}[1, 2], [1, 2], [1, 2]]> : tensor<3x2xi64>
// CHECK-DAG: onnx.Constant dense<{{\[}}[1, 2, 1, 2]]> : tensor<1x4xi64>
func.func @expand_tile() -> (tensor<?x?xi64>, tensor<?x?xi64>) {
  %x = onnx.Constant dense<[[1, 2]]> : tensor<1x2xi64>
  %s = onnx.Constant dense<[3, 1]> : tensor<2xi64>
  %0 = "onnx.Expand"(%x, %s) : (tensor<1x2xi64>, tensor<2xi64>) -> tensor<?x?xi64>
  %r = onnx.Constant dense<[1, 2]> : tensor<2xi64>
  %1 = "onnx.Tile"(%x, %r) : (tensor<1x2xi64>, tensor<2xi64>) -> tensor<?x?xi64>
  return %0, %1 : tensor<?x?xi64>, tensor<?x?xi64>
}

// -----

// Results larger than 1 << 16 elements and than the operands are not made.
// CHECK-LABEL: func.func @expand_too_large
// CHECK: onnx.Expand
func.func @expand_too_large() -> tensor<?x2xi64> {
  %x = onnx.Constant dense<[[1, 2]]> : tensor<1x2xi64>
  %s = onnx.Constant dense<[70000, 2]> : tensor<2xi64>
  %0 = "onnx.Expand"(%x, %s) : (tensor<1x2xi64>, tensor<2xi64>) -> tensor<?x2xi64>
  return %0 : tensor<?x2xi64>
}

// -----

// A splat result has no element budget (it is stored once): Expand of a splat
// to 70000 x 2, and Transpose / Tile of it, stay splats.
// CHECK-LABEL: func.func @splat_results
// CHECK-DAG: onnx.Constant dense<7> : tensor<70000x2xi64>
// CHECK-DAG: onnx.Constant dense<7> : tensor<2x70000xi64>
// CHECK-DAG: onnx.Constant dense<7> : tensor<140000x2xi64>
// CHECK-NOT: onnx.Expand
// CHECK-NOT: onnx.Transpose
// CHECK-NOT: onnx.Tile
func.func @splat_results() -> (tensor<?x2xi64>, tensor<2x70000xi64>, tensor<?x?xi64>) {
  %x = onnx.Constant dense<7> : tensor<1x2xi64>
  %s = onnx.Constant dense<[70000, 2]> : tensor<2xi64>
  %0 = "onnx.Expand"(%x, %s) : (tensor<1x2xi64>, tensor<2xi64>) -> tensor<?x2xi64>
  %1 = "onnx.Transpose"(%0) {perm = array<i64: 1, 0>} : (tensor<?x2xi64>) -> tensor<2x70000xi64>
  %r = onnx.Constant dense<[2, 1]> : tensor<2xi64>
  %2 = "onnx.Tile"(%0, %r) : (tensor<?x2xi64>, tensor<2xi64>) -> tensor<?x?xi64>
  return %0, %1, %2 : tensor<?x2xi64>, tensor<2x70000xi64>, tensor<?x?xi64>
}

// -----

// A weight's Transpose folds and stays a resource blob (more than 64
// elements). Its values: the blob below holds 0, 1, ..., 71 as f32 in a
// 8x9 matrix; the transpose starts 0, 9, 18, ...
// CHECK-LABEL: func.func @transpose_weight
// CHECK: %[[C:.*]] = onnx.Constant dense_resource<onnx_folded> : tensor<9x8xf32>
// CHECK: return %[[C]]
// CHECK: onnx_folded: "0x04000000000000000000104100009041
func.func @transpose_weight() -> tensor<9x8xf32> {
  %w = onnx.Constant dense_resource<w72> : tensor<8x9xf32>
  %0 = "onnx.Transpose"(%w) {perm = array<i64: 1, 0>} : (tensor<8x9xf32>) -> tensor<9x8xf32>
  return %0 : tensor<9x8xf32>
}

{-#
  dialect_resources: {
    builtin: {
      w72: "0x04000000000000000000803F0000004000004040000080400000A0400000C0400000E0400000004100001041000020410000304100004041000050410000604100007041000080410000884100009041000098410000A0410000A8410000B0410000B8410000C0410000C8410000D0410000D8410000E0410000E8410000F0410000F84100000042000004420000084200000C4200001042000014420000184200001C4200002042000024420000284200002C4200003042000034420000384200003C4200004042000044420000484200004C4200005042000054420000584200005C4200006042000064420000684200006C4200007042000074420000784200007C42000080420000824200008442000086420000884200008A4200008C4200008E42"
    }
  }
#-}

//===--- Type refinement without constants ---===//

// -----

// CHECK-LABEL: func.func @refine_conv_chain
// CHECK-SAME: -> tensor<1x16xf32>
// CHECK: "onnx.Conv"{{.*}} -> tensor<1x4x8x8xf32>
// CHECK: "onnx.MaxPool"{{.*}} -> (tensor<1x4x4x4xf32>, none)
// CHECK: "onnx.Transpose"{{.*}} -> tensor<4x1x4x4xf32>
// CHECK: "onnx.Flatten"{{.*}} -> tensor<4x16xf32>
// CHECK: "onnx.Gemm"{{.*}} -> tensor<1x16xf32>
func.func @refine_conv_chain(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %m: tensor<1x4xf32>) -> tensor<?x?xf32> {
  %none = onnx.NoValue
  %0 = "onnx.Conv"(%x, %w, %none) {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, none) -> tensor<?x?x?x?xf32>
  %1:2 = "onnx.MaxPool"(%0) {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<?x?x?x?xf32>) -> (tensor<?x?x?x?xf32>, none)
  %2 = "onnx.Transpose"(%1#0) {perm = array<i64: 1, 0, 2, 3>} : (tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  %3 = "onnx.Flatten"(%2) {axis = 1 : i64} : (tensor<?x?x?x?xf32>) -> tensor<?x?xf32>
  %4 = "onnx.Gemm"(%m, %3, %none) : (tensor<1x4xf32>, tensor<?x?xf32>, none) -> tensor<?x?xf32>
  return %4 : tensor<?x?xf32>
}

// -----

// Broadcasting ops and MatMul refine; a dynamic input dimension stays dynamic.
// CHECK-LABEL: func.func @refine_broadcast
// CHECK: "onnx.Add"{{.*}} -> tensor<?x4xf32>
// CHECK: "onnx.MatMul"{{.*}} -> tensor<?x2xf32>
func.func @refine_broadcast(%x: tensor<?x4xf32>, %b: tensor<4xf32>, %w: tensor<4x2xf32>) -> tensor<*xf32> {
  %0 = "onnx.Add"(%x, %b) : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<*xf32>
  %1 = "onnx.MatMul"(%0, %w) : (tensor<*xf32>, tensor<4x2xf32>) -> tensor<*xf32>
  return %1 : tensor<*xf32>
}

//===--- No-op Expand, Tile, Slice, Pad ---===//

// -----

// CHECK-LABEL: func.func @no_ops
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT: onnx.Expand
// CHECK-NOT: onnx.Tile
// CHECK-NOT: onnx.Slice
// CHECK-NOT: onnx.Pad
// CHECK: return %[[X]]
func.func @no_ops(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %s = onnx.Constant dense<[1, 3]> : tensor<2xi64>
  %0 = "onnx.Expand"(%x, %s) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  %ones = onnx.Constant dense<1> : tensor<2xi64>
  %1 = "onnx.Tile"(%0, %ones) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  %st = onnx.Constant dense<0> : tensor<1xi64>
  %en = onnx.Constant dense<9223372036854775807> : tensor<1xi64>
  %ax = onnx.Constant dense<1> : tensor<1xi64>
  %none = onnx.NoValue
  %2 = "onnx.Slice"(%1, %st, %en, %ax, %none) : (tensor<2x3xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, none) -> tensor<2x3xf32>
  %p = onnx.Constant dense<0> : tensor<4xi64>
  %3 = "onnx.Pad"(%2, %p, %none) {mode = "reflect"} : (tensor<2x3xf32>, tensor<4xi64>, none) -> tensor<2x3xf32>
  return %3 : tensor<2x3xf32>
}

// -----

// A reversing Slice and a real Pad stay.
// CHECK-LABEL: func.func @not_no_ops
// CHECK: onnx.Slice
// CHECK: onnx.Pad
func.func @not_no_ops(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x5xf32>) {
  %st = onnx.Constant dense<-1> : tensor<1xi64>
  %en = onnx.Constant dense<-9223372036854775807> : tensor<1xi64>
  %ax = onnx.Constant dense<1> : tensor<1xi64>
  %sp = onnx.Constant dense<-1> : tensor<1xi64>
  %0 = "onnx.Slice"(%x, %st, %en, %ax, %sp) : (tensor<2x3xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<2x3xf32>
  %p = onnx.Constant dense<[0, 1, 0, 1]> : tensor<4xi64>
  %none = onnx.NoValue
  %1 = "onnx.Pad"(%x, %p, %none) : (tensor<2x3xf32>, tensor<4xi64>, none) -> tensor<2x5xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x5xf32>
}

//===--- Functions with callers keep their signature ---===//

// -----

// @callee is called: its result type stays and an onnx.Identity casts the
// refined value back to it.
// CHECK-LABEL: func.func private @callee
// CHECK-SAME: -> tensor<?xi64>
// CHECK: %[[C:.*]] = onnx.Constant dense<[2, 3]> : tensor<2xi64>
// CHECK: %[[I:.*]] = "onnx.Identity"(%[[C]]) : (tensor<2xi64>) -> tensor<?xi64>
// CHECK: return %[[I]] : tensor<?xi64>
func.func private @callee(%x: tensor<2x3xf32>) -> tensor<?xi64> {
  %0 = "onnx.Shape"(%x) {start = 0 : i64} : (tensor<2x3xf32>) -> tensor<?xi64>
  return %0 : tensor<?xi64>
}
// CHECK-LABEL: func.func @caller
// CHECK: call @callee
func.func @caller(%x: tensor<2x3xf32>) -> tensor<?xi64> {
  %0 = func.call @callee(%x) : (tensor<2x3xf32>) -> tensor<?xi64>
  return %0 : tensor<?xi64>
}
