// RUN: edgec-opt %s -canonicalize -split-input-file | FileCheck %s

// Folders and canonicalization patterns of the onnx dialect, one case per
// fold/pattern, with the negative cases where they must not fire.

//===--- Identity, Cast ---===//

// CHECK-LABEL: func.func @identity
// CHECK-SAME: (%[[X:.*]]: tensor<2xf32>)
// CHECK-NEXT: return %[[X]]
func.func @identity(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "onnx.Identity"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// A type-refining Identity stays: a fold cannot change the type.
// CHECK-LABEL: func.func @identity_refines_type
// CHECK: "onnx.Identity"
func.func @identity_refines_type(%x: tensor<?xf32>) -> tensor<2xf32> {
  %0 = "onnx.Identity"(%x) : (tensor<?xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @cast_same_type
// CHECK-SAME: (%[[X:.*]]: tensor<2xf32>)
// CHECK-NEXT: return %[[X]]
func.func @cast_same_type(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "onnx.Cast"(%x) {to = 1 : i64} : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Float to integer truncates toward zero.
// CHECK-LABEL: func.func @cast_float_to_int
// CHECK-NEXT: %[[C:.*]] = onnx.Constant dense<[1, -1, 2, 0, -3]> : tensor<5xi32>
// CHECK-NEXT: return %[[C]]
func.func @cast_float_to_int() -> tensor<5xi32> {
  %c = onnx.Constant dense<[1.7, -1.7, 2.5, -0.0, -3.99]> : tensor<5xf32>
  %0 = "onnx.Cast"(%c) {to = 6 : i64} : (tensor<5xf32>) -> tensor<5xi32>
  return %0 : tensor<5xi32>
}

// -----

// CHECK-LABEL: func.func @cast_int_to_float
// CHECK-NEXT: %[[C:.*]] = onnx.Constant dense<[-1.000000e+00, 1.270000e+02]> : tensor<2xf32>
// CHECK-NEXT: %[[U:.*]] = onnx.Constant dense<[2.550000e+02, 1.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: return %[[C]], %[[U]]
func.func @cast_int_to_float() -> (tensor<2xf32>, tensor<2xf32>) {
  %c = onnx.Constant dense<[-1, 127]> : tensor<2xi8>
  %0 = "onnx.Cast"(%c) {to = 1 : i64} : (tensor<2xi8>) -> tensor<2xf32>
  %u = onnx.Constant dense<[255, 1]> : tensor<2xui8>
  %1 = "onnx.Cast"(%u) {to = 1 : i64} : (tensor<2xui8>) -> tensor<2xf32>
  return %0, %1 : tensor<2xf32>, tensor<2xf32>
}

// -----

// To bool: nonzero (NaN included) is true; int64 to int8 wraps.
// CHECK-LABEL: func.func @cast_bool_and_narrow
// CHECK-DAG: onnx.Constant dense<[false, true, true]> : tensor<3xi1>
// CHECK-DAG: onnx.Constant dense<[1, -1, 0]> : tensor<3xi8>
// CHECK-DAG: onnx.Constant dense<[1.000000e+00, 0.000000e+00]> : tensor<2xf16>
// CHECK-NOT: onnx.Cast
func.func @cast_bool_and_narrow() -> (tensor<3xi1>, tensor<3xi8>, tensor<2xf16>) {
  %f = onnx.Constant dense<[0.0, 2.0, 0x7FC00000]> : tensor<3xf32>
  %0 = "onnx.Cast"(%f) {to = 9 : i64} : (tensor<3xf32>) -> tensor<3xi1>
  %i = onnx.Constant dense<[1, 255, 256]> : tensor<3xi64>
  %1 = "onnx.Cast"(%i) {to = 3 : i64} : (tensor<3xi64>) -> tensor<3xi8>
  %b = onnx.Constant dense<[true, false]> : tensor<2xi1>
  %2 = "onnx.Cast"(%b) {to = 10 : i64} : (tensor<2xi1>) -> tensor<2xf16>
  return %0, %1, %2 : tensor<3xi1>, tensor<3xi8>, tensor<2xf16>
}

// -----

// Float to unsigned 8-bit per `to` = UINT8 (200 is out of range for int8).
// Out-of-range and NaN float-to-int casts are undefined: no fold.
// CHECK-LABEL: func.func @cast_unsigned_and_out_of_range
// CHECK: onnx.Constant dense<[-56, 3]> : tensor<2xi8>
// CHECK: "onnx.Cast"
// CHECK-SAME: -> tensor<1xi8>
func.func @cast_unsigned_and_out_of_range() -> (tensor<2xi8>, tensor<1xi8>) {
  %c = onnx.Constant dense<[200.5, 3.0]> : tensor<2xf32>
  %0 = "onnx.Cast"(%c) {to = 2 : i64} : (tensor<2xf32>) -> tensor<2xi8>
  %d = onnx.Constant dense<[300.0]> : tensor<1xf32>
  %1 = "onnx.Cast"(%d) {to = 3 : i64} : (tensor<1xf32>) -> tensor<1xi8>
  return %0, %1 : tensor<2xi8>, tensor<1xi8>
}

// -----

//===--- Add, Sub, Mul, Div, Neg, Sum ---===//

// CHECK-LABEL: func.func @add_broadcast
// CHECK-NEXT: %[[C:.*]] = onnx.Constant dense<{{\[}}[1.100000e+01, 2.200000e+01, 3.300000e+01], [1.400000e+01, 2.500000e+01, 3.600000e+01]]> : tensor<2x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @add_broadcast() -> tensor<2x3xf32> {
  %a = onnx.Constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %b = onnx.Constant dense<[10.0, 20.0, 30.0]> : tensor<3xf32>
  %0 = "onnx.Add"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Broadcasting both ways: (2x1) - (3) -> 2x3; integers wrap.
// CHECK-LABEL: func.func @sub_int_both_broadcast
// CHECK-NEXT: %[[C:.*]] = onnx.Constant dense<{{\[}}[99, 98, -56], [-101, -102, 0]]> : tensor<2x3xi8>
// CHECK-NEXT: return %[[C]]
func.func @sub_int_both_broadcast() -> tensor<2x3xi8> {
  %a = onnx.Constant dense<[[100], [-100]]> : tensor<2x1xi8>
  %b = onnx.Constant dense<[1, 2, -100]> : tensor<3xi8>
  %0 = "onnx.Sub"(%a, %b) : (tensor<2x1xi8>, tensor<3xi8>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

// CHECK-LABEL: func.func @mul_splat
// CHECK-NEXT: %[[C:.*]] = onnx.Constant dense<6> : tensor<2x2xi64>
// CHECK-NEXT: return %[[C]]
func.func @mul_splat() -> tensor<2x2xi64> {
  %a = onnx.Constant dense<2> : tensor<2x2xi64>
  %b = onnx.Constant dense<3> : tensor<i64>
  %0 = "onnx.Mul"(%a, %b) : (tensor<2x2xi64>, tensor<i64>) -> tensor<2x2xi64>
  return %0 : tensor<2x2xi64>
}

// -----

// Integer Div truncates toward zero; float Div follows IEEE.
// CHECK-LABEL: func.func @div
// CHECK-DAG: onnx.Constant dense<[3, -3, -3, 3]> : tensor<4xi32>
// CHECK-DAG: onnx.Constant dense<[2.500000e-01, 0x7F800000]> : tensor<2xf32>
// CHECK-NOT: onnx.Div
func.func @div() -> (tensor<4xi32>, tensor<2xf32>) {
  %a = onnx.Constant dense<[7, -7, 7, -7]> : tensor<4xi32>
  %b = onnx.Constant dense<[2, 2, -2, -2]> : tensor<4xi32>
  %0 = "onnx.Div"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %x = onnx.Constant dense<[1.0, 1.0]> : tensor<2xf32>
  %y = onnx.Constant dense<[4.0, 0.0]> : tensor<2xf32>
  %1 = "onnx.Div"(%x, %y) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0, %1 : tensor<4xi32>, tensor<2xf32>
}

// -----

// Integer division by zero is undefined: no fold.
// CHECK-LABEL: func.func @div_int_by_zero
// CHECK: "onnx.Div"
func.func @div_int_by_zero() -> tensor<2xi32> {
  %a = onnx.Constant dense<[7, 8]> : tensor<2xi32>
  %b = onnx.Constant dense<[2, 0]> : tensor<2xi32>
  %0 = "onnx.Div"(%a, %b) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// A dynamic result type never folds.
// CHECK-LABEL: func.func @add_dynamic_result
// CHECK: "onnx.Add"
func.func @add_dynamic_result() -> tensor<?xf32> {
  %a = onnx.Constant dense<[1.0, 2.0]> : tensor<2xf32>
  %0 = "onnx.Add"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// CHECK-LABEL: func.func @neutral_elements
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xi32>, %[[F:.*]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]], %[[X]], %[[X]], %[[X]], %[[F]], %[[F]], %[[F]]
func.func @neutral_elements(%x: tensor<2x3xi32>, %f: tensor<2x3xf32>) -> (tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %zero = onnx.Constant dense<0> : tensor<3xi32>
  %one = onnx.Constant dense<1> : tensor<i32>
  %0 = "onnx.Add"(%zero, %x) : (tensor<3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  %1 = "onnx.Sub"(%x, %zero) : (tensor<2x3xi32>, tensor<3xi32>) -> tensor<2x3xi32>
  %2 = "onnx.Mul"(%x, %one) : (tensor<2x3xi32>, tensor<i32>) -> tensor<2x3xi32>
  %3 = "onnx.Div"(%x, %one) : (tensor<2x3xi32>, tensor<i32>) -> tensor<2x3xi32>
  %fone = onnx.Constant dense<1.0> : tensor<1x3xf32>
  %fzero = onnx.Constant dense<0.0> : tensor<f32>
  %fnegzero = onnx.Constant dense<-0.0> : tensor<f32>
  %4 = "onnx.Mul"(%fone, %f) : (tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = "onnx.Sub"(%f, %fzero) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %6 = "onnx.Add"(%f, %fnegzero) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// Not neutral: x + (+0.0) maps -0.0 to +0.0; a broadcasting constant
// changes the type; a non-splat constant that is not all ones.
// CHECK-LABEL: func.func @not_neutral
// CHECK: "onnx.Add"
// CHECK: "onnx.Mul"
// CHECK: "onnx.Mul"
func.func @not_neutral(%f: tensor<3xf32>) -> (tensor<3xf32>, tensor<2x3xf32>, tensor<3xf32>) {
  %fzero = onnx.Constant dense<0.0> : tensor<f32>
  %0 = "onnx.Add"(%f, %fzero) : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  %ones = onnx.Constant dense<1.0> : tensor<2x3xf32>
  %1 = "onnx.Mul"(%f, %ones) : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %c = onnx.Constant dense<[1.0, 1.0, 2.0]> : tensor<3xf32>
  %2 = "onnx.Mul"(%f, %c) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0, %1, %2 : tensor<3xf32>, tensor<2x3xf32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @neg
// CHECK-DAG: onnx.Constant dense<[-1.500000e+00, 2.000000e+00, -0.000000e+00]> : tensor<3xf32>
// CHECK-DAG: onnx.Constant dense<[-3, 0, -128]> : tensor<3xi8>
// CHECK-NOT: onnx.Neg
func.func @neg() -> (tensor<3xf32>, tensor<3xi8>) {
  %c = onnx.Constant dense<[1.5, -2.0, 0.0]> : tensor<3xf32>
  %0 = "onnx.Neg"(%c) : (tensor<3xf32>) -> tensor<3xf32>
  %i = onnx.Constant dense<[3, 0, -128]> : tensor<3xi8>
  %1 = "onnx.Neg"(%i) : (tensor<3xi8>) -> tensor<3xi8>
  return %0, %1 : tensor<3xf32>, tensor<3xi8>
}

// -----

// CHECK-LABEL: func.func @sum_single
// CHECK-SAME: (%[[X:.*]]: tensor<2xf32>)
// CHECK-NEXT: "onnx.Sum"
// CHECK-NEXT: return %[[X]], %{{.*}}
func.func @sum_single(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %0 = "onnx.Sum"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  %1 = "onnx.Sum"(%x, %x) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0, %1 : tensor<2xf32>, tensor<2xf32>
}

// -----

//===--- Shape ---===//

// CHECK-LABEL: func.func @shape
// CHECK-DAG: onnx.Constant dense<[1, 3, 224, 224]> : tensor<4xi64>
// CHECK-DAG: onnx.Constant dense<[3, 224]> : tensor<2xi64>
// CHECK-DAG: onnx.Constant dense<224> : tensor<2xi64>
// CHECK-NOT: onnx.Shape
func.func @shape(%x: tensor<1x3x224x224xf32>, %y: tensor<?x3x224x224xf32>) -> (tensor<4xi64>, tensor<2xi64>, tensor<2xi64>) {
  %0 = "onnx.Shape"(%x) : (tensor<1x3x224x224xf32>) -> tensor<4xi64>
  %1 = "onnx.Shape"(%x) {start = 1 : i64, end = -1 : i64} : (tensor<1x3x224x224xf32>) -> tensor<2xi64>
  // Only the dims in [start, end) need to be static.
  %2 = "onnx.Shape"(%y) {start = -2 : i64, end = 10 : i64} : (tensor<?x3x224x224xf32>) -> tensor<2xi64>
  return %0, %1, %2 : tensor<4xi64>, tensor<2xi64>, tensor<2xi64>
}

// -----

// CHECK-LABEL: func.func @shape_dynamic
// CHECK: "onnx.Shape"
func.func @shape_dynamic(%x: tensor<?x3xf32>) -> tensor<2xi64> {
  %0 = "onnx.Shape"(%x) : (tensor<?x3xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

//===--- Reshape, Squeeze, Unsqueeze ---===//

// CHECK-LABEL: func.func @reshape_constant
// CHECK-NEXT: %[[C:.*]] = onnx.Constant dense<{{\[}}[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi32>
// CHECK-NEXT: return %[[C]]
func.func @reshape_constant() -> tensor<3x2xi32> {
  %c = onnx.Constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %s = onnx.Constant dense<[3, -1]> : tensor<2xi64>
  %0 = "onnx.Reshape"(%c, %s) : (tensor<2x3xi32>, tensor<2xi64>) -> tensor<3x2xi32>
  return %0 : tensor<3x2xi32>
}

// -----

// CHECK-LABEL: func.func @reshape_same_type
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %{{.*}}: tensor<2xi64>)
// CHECK-NEXT: return %[[X]]
func.func @reshape_same_type(%x: tensor<2x3xf32>, %s: tensor<2xi64>) -> tensor<2x3xf32> {
  %0 = "onnx.Reshape"(%x, %s) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Same type but dynamic: the dynamic dims may differ.
// CHECK-LABEL: func.func @reshape_same_dynamic_type
// CHECK: "onnx.Reshape"
func.func @reshape_same_dynamic_type(%x: tensor<?x?xf32>, %s: tensor<2xi64>) -> tensor<?x?xf32> {
  %0 = "onnx.Reshape"(%x, %s) : (tensor<?x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func.func @squeeze_unsqueeze_constant
// CHECK-DAG: onnx.Constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: onnx.Constant dense<{{\[}}{{\[}}[1.000000e+00], [2.000000e+00]]]> : tensor<1x2x1xf32>
// CHECK-NOT: onnx.Squeeze
// CHECK-NOT: onnx.Unsqueeze
func.func @squeeze_unsqueeze_constant() -> (tensor<2xf32>, tensor<1x2x1xf32>) {
  %c = onnx.Constant dense<[[1.0], [2.0]]> : tensor<2x1xf32>
  %axes = onnx.Constant dense<[1]> : tensor<1xi64>
  %0 = "onnx.Squeeze"(%c, %axes) : (tensor<2x1xf32>, tensor<1xi64>) -> tensor<2xf32>
  %a0 = onnx.Constant dense<[0]> : tensor<1xi64>
  %1 = "onnx.Unsqueeze"(%c, %a0) : (tensor<2x1xf32>, tensor<1xi64>) -> tensor<1x2x1xf32>
  return %0, %1 : tensor<2xf32>, tensor<1x2x1xf32>
}

// -----

//===--- Transpose ---===//

// CHECK-LABEL: func.func @transpose_constant
// CHECK-DAG: onnx.Constant dense<{{\[}}[1, 4], [2, 5], [3, 6]]> : tensor<3x2xi16>
// CHECK-DAG: onnx.Constant dense<{{\[}}{{\[}}[1, 3]], {{\[}}[2, 4]]]> : tensor<2x1x2xi16>
// CHECK-NOT: onnx.Transpose
func.func @transpose_constant() -> (tensor<3x2xi16>, tensor<2x1x2xi16>) {
  %c = onnx.Constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi16>
  // The default perm reverses the dimensions.
  %0 = "onnx.Transpose"(%c) : (tensor<2x3xi16>) -> tensor<3x2xi16>
  %d = onnx.Constant dense<[[[1, 2]], [[3, 4]]]> : tensor<2x1x2xi16>
  %1 = "onnx.Transpose"(%d) {perm = array<i64: 2, 1, 0>} : (tensor<2x1x2xi16>) -> tensor<2x1x2xi16>
  return %0, %1 : tensor<3x2xi16>, tensor<2x1x2xi16>
}

// -----

// CHECK-LABEL: func.func @transpose_identity
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[Y:.*]]: tensor<5xf32>)
// CHECK-NEXT: return %[[X]], %[[Y]]
func.func @transpose_identity(%x: tensor<2x3xf32>, %y: tensor<5xf32>) -> (tensor<2x3xf32>, tensor<5xf32>) {
  %0 = "onnx.Transpose"(%x) {perm = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "onnx.Transpose"(%y) : (tensor<5xf32>) -> tensor<5xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<5xf32>
}

// -----

// A non-identity perm of a non-constant stays, even when the type matches.
// CHECK-LABEL: func.func @transpose_square
// CHECK: "onnx.Transpose"
func.func @transpose_square(%x: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %0 = "onnx.Transpose"(%x) : (tensor<3x3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

// Transpose(Transpose(x)): the composed perm, or x when it is the identity.
// CHECK-LABEL: func.func @transpose_transpose
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK-NEXT: %[[T:.*]] = "onnx.Transpose"(%[[X]]) <{perm = array<i64: 1, 2, 0>}> : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
// CHECK-NEXT: return %[[X]], %[[T]]
func.func @transpose_transpose(%x: tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<3x4x2xf32>) {
  %t = "onnx.Transpose"(%x) {perm = array<i64: 0, 2, 1>} : (tensor<2x3x4xf32>) -> tensor<2x4x3xf32>
  %0 = "onnx.Transpose"(%t) {perm = array<i64: 0, 2, 1>} : (tensor<2x4x3xf32>) -> tensor<2x3x4xf32>
  // y[i] = t[p2[i]] = x[p1[p2[i]]]: p1 = [0, 2, 1], p2 = [2, 1, 0] -> [1, 2, 0]
  %1 = "onnx.Transpose"(%t) {perm = array<i64: 2, 1, 0>} : (tensor<2x4x3xf32>) -> tensor<3x4x2xf32>
  return %0, %1 : tensor<2x3x4xf32>, tensor<3x4x2xf32>
}

// -----

//===--- Concat, Gather ---===//

// CHECK-LABEL: func.func @concat_constants
// CHECK-NEXT: %[[C:.*]] = onnx.Constant dense<{{\[}}[1, 2, 5], [3, 4, 6]]> : tensor<2x3xi64>
// CHECK-NEXT: return %[[C]]
func.func @concat_constants() -> tensor<2x3xi64> {
  %a = onnx.Constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi64>
  %b = onnx.Constant dense<[[5], [6]]> : tensor<2x1xi64>
  %0 = "onnx.Concat"(%a, %b) {axis = -1 : i64} : (tensor<2x2xi64>, tensor<2x1xi64>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// -----

// CHECK-LABEL: func.func @concat_not_constant
// CHECK: "onnx.Concat"
func.func @concat_not_constant(%x: tensor<1xi64>) -> tensor<3xi64> {
  %a = onnx.Constant dense<[1, 2]> : tensor<2xi64>
  %0 = "onnx.Concat"(%a, %x) {axis = 0 : i64} : (tensor<2xi64>, tensor<1xi64>) -> tensor<3xi64>
  return %0 : tensor<3xi64>
}

// -----

// CHECK-LABEL: func.func @gather
// CHECK-DAG: onnx.Constant dense<3> : tensor<i64>
// CHECK-DAG: onnx.Constant dense<{{\[}}[4, 1], [8, 5]]> : tensor<2x2xi64>
// CHECK-NOT: onnx.Gather
func.func @gather() -> (tensor<i64>, tensor<2x2xi64>) {
  %shape = onnx.Constant dense<[1, 3, 224, 224]> : tensor<4xi64>
  %i = onnx.Constant dense<1> : tensor<i64>
  %0 = "onnx.Gather"(%shape, %i) : (tensor<4xi64>, tensor<i64>) -> tensor<i64>
  %d = onnx.Constant dense<[[1, 2, 3, 4], [5, 6, 7, 8]]> : tensor<2x4xi64>
  %j = onnx.Constant dense<[-1, 0]> : tensor<2xi64>
  %1 = "onnx.Gather"(%d, %j) {axis = 1 : i64} : (tensor<2x4xi64>, tensor<2xi64>) -> tensor<2x2xi64>
  return %0, %1 : tensor<i64>, tensor<2x2xi64>
}

// -----

// An out-of-range index is an error at run time, not a fold.
// CHECK-LABEL: func.func @gather_out_of_range
// CHECK: "onnx.Gather"
func.func @gather_out_of_range() -> tensor<i64> {
  %shape = onnx.Constant dense<[1, 3]> : tensor<2xi64>
  %i = onnx.Constant dense<2> : tensor<i64>
  %0 = "onnx.Gather"(%shape, %i) : (tensor<2xi64>, tensor<i64>) -> tensor<i64>
  return %0 : tensor<i64>
}

// -----

//===--- dense_resource constants ---===//

// Small results of resource inputs become inline constants.
// CHECK-LABEL: func.func @resource_inputs
// CHECK-DAG: onnx.Constant dense<{{\[}}[1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG: onnx.Constant dense<[1.100000e+01, 2.200000e+01, 3.300000e+01, 4.400000e+01]> : tensor<4xf32>
// CHECK-DAG: onnx.Constant dense<3> : tensor<i64>
// CHECK-DAG: onnx.Constant dense<[1.000000e+01, 2.000000e+01, 3.000000e+01]> : tensor<3xf32>
// CHECK-NOT: "onnx.
func.func @resource_inputs() -> (tensor<2x2xf32>, tensor<4xf32>, tensor<i64>, tensor<3xf32>) {
  %w = onnx.Constant dense_resource<w4> : tensor<2x2xf32>
  %0 = "onnx.Transpose"(%w) : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %v = onnx.Constant dense_resource<w4> : tensor<4xf32>
  %ten = onnx.Constant dense<[10.0, 20.0, 30.0, 40.0]> : tensor<4xf32>
  %1 = "onnx.Add"(%v, %ten) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %s = onnx.Constant dense_resource<shape> : tensor<2xi64>
  %i = onnx.Constant dense<-1> : tensor<i64>
  %2 = "onnx.Gather"(%s, %i) : (tensor<2xi64>, tensor<i64>) -> tensor<i64>
  %n = onnx.Constant dense_resource<ints> : tensor<3xi32>
  %3 = "onnx.Cast"(%n) {to = 1 : i64} : (tensor<3xi32>) -> tensor<3xf32>
  return %0, %1, %2, %3 : tensor<2x2xf32>, tensor<4xf32>, tensor<i64>, tensor<3xf32>
}

{-#
  dialect_resources: {
    builtin: {
      w4: "0x040000000000803F000000400000404000008040",
      shape: "0x0800000002000000000000000300000000000000",
      ints: "0x040000000A000000140000001E000000"
    }
  }
#-}

// -----

// Large results of resource inputs stay resources (weights stay out of the
// printed IR).
// CHECK-LABEL: func.func @resource_weights
// CHECK-NEXT: %[[C:.*]] = onnx.Constant dense_resource<[[NAME:onnx_folded.*]]> : tensor<8x9xf32>
// CHECK-NEXT: return %[[C]]
// CHECK: [[NAME]]: "0x040000000000000000000041000080410000C04100000042000020420000404200006042
func.func @resource_weights() -> tensor<8x9xf32> {
  %w = onnx.Constant dense_resource<w72> : tensor<9x8xf32>
  %0 = "onnx.Transpose"(%w) : (tensor<9x8xf32>) -> tensor<8x9xf32>
  return %0 : tensor<8x9xf32>
}

{-#
  dialect_resources: {
    builtin: {
      w72: "0x04000000000000000000803F0000004000004040000080400000A0400000C0400000E0400000004100001041000020410000304100004041000050410000604100007041000080410000884100009041000098410000A0410000A8410000B0410000B8410000C0410000C8410000D0410000D8410000E0410000E8410000F0410000F84100000042000004420000084200000C4200001042000014420000184200001C4200002042000024420000284200002C4200003042000034420000384200003C4200004042000044420000484200004C4200005042000054420000584200005C4200006042000064420000684200006C4200007042000074420000784200007C42000080420000824200008442000086420000884200008A4200008C4200008E42"
    }
  }
#-}

// -----

//===--- Dropout ---===//

// CHECK-LABEL: func.func @dropout
// CHECK-SAME: (%[[X:.*]]: tensor<2xf32>)
// CHECK-NEXT: return %[[X]], %[[X]], %[[X]]
func.func @dropout(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %none = onnx.NoValue
  %0, %m0 = "onnx.Dropout"(%x, %none, %none) : (tensor<2xf32>, none, none) -> (tensor<2xf32>, none)
  %ratio = onnx.Constant dense<0.5> : tensor<f32>
  %false = onnx.Constant dense<false> : tensor<i1>
  %1, %m1 = "onnx.Dropout"(%x, %ratio, %false) : (tensor<2xf32>, tensor<f32>, tensor<i1>) -> (tensor<2xf32>, none)
  // An unused mask does not matter.
  %2, %m2 = "onnx.Dropout"(%x, %ratio, %none) : (tensor<2xf32>, tensor<f32>, none) -> (tensor<2xf32>, tensor<2xi1>)
  return %0, %1, %2 : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// Training mode, unknown mode, or a used mask: Dropout stays.
// CHECK-LABEL: func.func @dropout_stays
// CHECK-COUNT-3: "onnx.Dropout"
func.func @dropout_stays(%x: tensor<2xf32>, %mode: tensor<i1>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xi1>) {
  %none = onnx.NoValue
  %true = onnx.Constant dense<true> : tensor<i1>
  %0, %m0 = "onnx.Dropout"(%x, %none, %true) : (tensor<2xf32>, none, tensor<i1>) -> (tensor<2xf32>, none)
  %1, %m1 = "onnx.Dropout"(%x, %none, %mode) : (tensor<2xf32>, none, tensor<i1>) -> (tensor<2xf32>, none)
  %2, %m2 = "onnx.Dropout"(%x, %none, %none) : (tensor<2xf32>, none, none) -> (tensor<2xf32>, tensor<2xi1>)
  return %0, %1, %m2 : tensor<2xf32>, tensor<2xf32>, tensor<2xi1>
}

// -----

//===--- Reshape(Reshape), Squeeze(Unsqueeze) ---===//

// CHECK-LABEL: func.func @reshape_reshape
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK-DAG: %[[S:.*]] = onnx.Constant dense<[4, -1]> : tensor<2xi64>
// CHECK: %[[R:.*]] = "onnx.Reshape"(%[[X]], %[[S]]) <{allowzero = 0 : i64}> : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<4x6xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_reshape(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  %s1 = onnx.Constant dense<[6, 4]> : tensor<2xi64>
  %r1 = "onnx.Reshape"(%x, %s1) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<6x4xf32>
  %s2 = onnx.Constant dense<[4, -1]> : tensor<2xi64>
  %r2 = "onnx.Reshape"(%r1, %s2) : (tensor<6x4xf32>, tensor<2xi64>) -> tensor<4x6xf32>
  return %r2 : tensor<4x6xf32>
}

// -----

// A 0 in the outer shape copies a dimension of the intermediate: no rewrite.
// CHECK-LABEL: func.func @reshape_reshape_zero
// CHECK: %[[R1:.*]] = "onnx.Reshape"(%{{.*}}, %{{.*}})
// CHECK: "onnx.Reshape"(%[[R1]], %{{.*}})
func.func @reshape_reshape_zero(%x: tensor<2x3x4xf32>) -> tensor<6x2x2xf32> {
  %s1 = onnx.Constant dense<[6, 4]> : tensor<2xi64>
  %r1 = "onnx.Reshape"(%x, %s1) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<6x4xf32>
  %s2 = onnx.Constant dense<[0, 2, -1]> : tensor<3xi64>
  %r2 = "onnx.Reshape"(%r1, %s2) : (tensor<6x4xf32>, tensor<3xi64>) -> tensor<6x2x2xf32>
  return %r2 : tensor<6x2x2xf32>
}

// -----

// CHECK-LABEL: func.func @squeeze_unsqueeze
// CHECK-SAME: (%[[X:.*]]: tensor<3x4xf32>)
// CHECK-NEXT: return %[[X]]
func.func @squeeze_unsqueeze(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %a = onnx.Constant dense<[0, -1]> : tensor<2xi64>
  %u = "onnx.Unsqueeze"(%x, %a) : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<1x3x4x1xf32>
  %b = onnx.Constant dense<[3, 0]> : tensor<2xi64>
  %s = "onnx.Squeeze"(%u, %b) : (tensor<1x3x4x1xf32>, tensor<2xi64>) -> tensor<3x4xf32>
  return %s : tensor<3x4xf32>
}

// -----

// Other axes, or Squeeze without axes (it would also drop x's own 1s): stays.
// CHECK-LABEL: func.func @squeeze_unsqueeze_other_axes
// CHECK-COUNT-2: "onnx.Squeeze"
func.func @squeeze_unsqueeze_other_axes(%x: tensor<1x4xf32>) -> (tensor<1x4xf32>, tensor<4xf32>) {
  %a = onnx.Constant dense<[0]> : tensor<1xi64>
  %u = "onnx.Unsqueeze"(%x, %a) : (tensor<1x4xf32>, tensor<1xi64>) -> tensor<1x1x4xf32>
  %b = onnx.Constant dense<[1]> : tensor<1xi64>
  %s = "onnx.Squeeze"(%u, %b) : (tensor<1x1x4xf32>, tensor<1xi64>) -> tensor<1x4xf32>
  %none = onnx.NoValue
  %t = "onnx.Squeeze"(%u, %none) : (tensor<1x1x4xf32>, none) -> tensor<4xf32>
  return %s, %t : tensor<1x4xf32>, tensor<4xf32>
}
