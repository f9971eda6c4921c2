// RUN: edgec-opt %s -split-input-file -verify-diagnostics | edgec-opt | FileCheck %s
//
// The #edge.act fused-activation attribute and the kind enums: round trip and
// parameter errors.

// The printer sorts attribute names.
// CHECK-LABEL: func.func @activations
// CHECK-SAME: clip = #edge.act<clip, min = -2.500000e-01, max = 6.000000e+00>
// CHECK-SAME: clip_point = #edge.act<clip, min = 3.000000e+00, max = 3.000000e+00>
// CHECK-SAME: clip_rev = #edge.act<clip, min = 0.000000e+00, max = 1.000000e+00>
// CHECK-SAME: hard_swish = #edge.act<hard_swish>
// CHECK-SAME: leaky = #edge.act<leaky_relu, alpha = 1.000000e-01>
// CHECK-SAME: none = #edge.act<none>
// CHECK-SAME: relu = #edge.act<relu>
// CHECK-SAME: relu6 = #edge.act<relu6>
// CHECK-SAME: relu_n1_to_1 = #edge.act<relu_n1_to_1>
// CHECK-SAME: sigmoid = #edge.act<sigmoid>
// CHECK-SAME: tanh = #edge.act<tanh>
func.func @activations() attributes {
  none = #edge.act<none>,
  relu = #edge.act<relu>,
  relu6 = #edge.act<relu6>,
  relu_n1_to_1 = #edge.act<relu_n1_to_1>,
  clip = #edge.act<clip, min = -0.25, max = 6.0>,
  // Parameters may come in any order.
  clip_rev = #edge.act<clip, max = 1.0, min = 0.0>,
  clip_point = #edge.act<clip, min = 3.0, max = 3.0>,
  leaky = #edge.act<leaky_relu, alpha = 0.1>,
  hard_swish = #edge.act<hard_swish>,
  sigmoid = #edge.act<sigmoid>,
  tanh = #edge.act<tanh>
} {
  return
}

// CHECK-LABEL: func.func @enums
// CHECK-SAME: arg = #edge.arg_kind<argmin>
// CHECK-SAME: cmp = #edge.compare_kind<ge>
// CHECK-SAME: coord = #edge.coordinate_mode<align_corners>
// CHECK-SAME: d2s = #edge.depth_to_space_mode<crd>
// CHECK-SAME: logical = #edge.logical_kind<xor>
// CHECK-SAME: nearest = #edge.nearest_mode<round_prefer_ceil>
// CHECK-SAME: pad = #edge.pad_mode<wrap>
// CHECK-SAME: reduce = #edge.reduce_kind<prod>
// CHECK-SAME: resize = #edge.resize_mode<bilinear>
// CHECK-SAME: unary = #edge.unary_kind<gelu_tanh>
func.func @enums() attributes {
  arg = #edge.arg_kind<argmin>,
  cmp = #edge.compare_kind<ge>,
  coord = #edge.coordinate_mode<align_corners>,
  d2s = #edge.depth_to_space_mode<crd>,
  logical = #edge.logical_kind<xor>,
  nearest = #edge.nearest_mode<round_prefer_ceil>,
  pad = #edge.pad_mode<wrap>,
  reduce = #edge.reduce_kind<prod>,
  resize = #edge.resize_mode<bilinear>,
  unary = #edge.unary_kind<gelu_tanh>
} {
  return
}

// -----

// expected-error @+1 {{'clip' activation needs 'min' and 'max'}}
func.func @clip_without_bounds() attributes {a = #edge.act<clip>} { return }

// -----

// expected-error @+1 {{'clip' activation needs 'min' and 'max'}}
func.func @clip_without_max() attributes {a = #edge.act<clip, min = 0.0>} { return }

// -----

// expected-error @+1 {{'clip' activation has min 2.000000e+00 > max 1.000000e+00}}
func.func @clip_inverted() attributes {a = #edge.act<clip, min = 2.0, max = 1.0>} { return }

// -----

// expected-error @+1 {{'leaky_relu' activation needs 'alpha'}}
func.func @leaky_without_alpha() attributes {a = #edge.act<leaky_relu>} { return }

// -----

// expected-error @+1 {{'relu' activation takes no 'alpha'}}
func.func @relu_with_alpha() attributes {a = #edge.act<relu, alpha = 0.1>} { return }

// -----

// expected-error @+1 {{'relu6' activation takes no 'min'/'max'}}
func.func @relu6_with_bounds() attributes {a = #edge.act<relu6, min = 0.0, max = 6.0>} { return }

// -----

// expected-error @+1 {{'clip' activation takes no 'alpha'}}
func.func @clip_with_alpha() attributes {a = #edge.act<clip, min = 0.0, max = 6.0, alpha = 0.1>} { return }

// -----

// expected-error @+1 {{unknown activation 'swish'}}
func.func @unknown_kind() attributes {a = #edge.act<swish>} { return }

// -----

// expected-error @+1 {{unknown activation parameter 'beta'}}
func.func @unknown_param() attributes {a = #edge.act<leaky_relu, beta = 0.1>} { return }

// -----

// expected-error @+1 {{duplicate activation parameter 'alpha'}}
func.func @duplicate_param() attributes {a = #edge.act<leaky_relu, alpha = 0.1, alpha = 0.2>} { return }

// -----

// expected-error @+1 {{expected floating point literal}}
func.func @non_numeric_param() attributes {a = #edge.act<leaky_relu, alpha = "x">} { return }

// -----

// expected-error @+2 {{to be one of: sum, mean, max, min, prod}}
// expected-error @+1 {{failed to parse Edge_ReduceKindAttr parameter 'value'}}
func.func @unknown_enum_case() attributes {a = #edge.reduce_kind<median>} { return }
