// RUN: edgec-opt %s -split-input-file -verify-diagnostics

// One case per verifier rule of the onnx dialect.

//===--- Conv ---===//

func.func @conv_rank(%x: tensor<1x4xf32>, %w: tensor<8x4xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Conv' op X must have rank >= 3, got 'tensor<1x4xf32>'}}
  %0 = "onnx.Conv"(%x, %w, %none) : (tensor<1x4xf32>, tensor<8x4xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @conv_w_rank(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Conv' op W has rank 3 but X has rank 4}}
  %0 = "onnx.Conv"(%x, %w, %none) : (tensor<1x4x8x8xf32>, tensor<8x4x3xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @conv_channels(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Conv' op input channels 4 of X must equal W dim 1 (4) x group (2)}}
  %0 = "onnx.Conv"(%x, %w, %none) {group = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @conv_output_channels(%x: tensor<1x4x8x8xf32>, %w: tensor<7x2x3x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Conv' op output channels 7 of W are not divisible by group 2}}
  %0 = "onnx.Conv"(%x, %w, %none) {group = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<7x2x3x3xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @conv_group(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Conv' op group 0 must be positive}}
  %0 = "onnx.Conv"(%x, %w, %none) {group = 0 : i64} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @conv_bias(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'onnx.Conv' op bias has 4 elements but the output channel count is 8}}
  %0 = "onnx.Conv"(%x, %w, %b) : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, tensor<4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_bias_rank(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %b: tensor<1x8xf32>) {
  // expected-error @+1 {{'onnx.Conv' op bias must be 1-D, got 'tensor<1x8xf32>'}}
  %0 = "onnx.Conv"(%x, %w, %b) : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, tensor<1x8xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_kernel_shape_length(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Conv' op kernel_shape [3] has 1 entries, expected 2 (2 spatial dimensions)}}
  %0 = "onnx.Conv"(%x, %w, %none) {kernel_shape = array<i64: 3>} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @conv_kernel_shape_w(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Conv' op kernel_shape [3, 5] does not match W 'tensor<8x4x3x3xf32>'}}
  %0 = "onnx.Conv"(%x, %w, %none) {kernel_shape = array<i64: 3, 5>} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @conv_strides_length(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Conv' op strides [1, 1, 1] has 3 entries, expected 2 (2 spatial dimensions)}}
  %0 = "onnx.Conv"(%x, %w, %none) {strides = array<i64: 1, 1, 1>} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @conv_strides_positive(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Conv' op strides [1, 0] must be positive}}
  %0 = "onnx.Conv"(%x, %w, %none) {strides = array<i64: 1, 0>} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @conv_dilations_positive(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Conv' op dilations [-1, 1] must be positive}}
  %0 = "onnx.Conv"(%x, %w, %none) {dilations = array<i64: -1, 1>} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @conv_dilations_length(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Conv' op dilations [1] has 1 entries, expected 2 (2 spatial dimensions)}}
  %0 = "onnx.Conv"(%x, %w, %none) {dilations = array<i64: 1>} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @conv_pads_length(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Conv' op pads [1, 1] has 2 entries, expected 4 (2 x 2 spatial dimensions)}}
  %0 = "onnx.Conv"(%x, %w, %none) {pads = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @conv_pads_negative(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Conv' op pads [0, -1, 0, 0] must be non-negative}}
  %0 = "onnx.Conv"(%x, %w, %none) {pads = array<i64: 0, -1, 0, 0>} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @conv_pads_odd(%x: tensor<*xf32>, %w: tensor<*xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Conv' op pads [1, 1, 1] must have an even number of entries}}
  %0 = "onnx.Conv"(%x, %w, %none) {pads = array<i64: 1, 1, 1>} : (tensor<*xf32>, tensor<*xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @conv_auto_pad(%x: tensor<1x4x8x8xf32>, %w: tensor<8x4x3x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Conv' op auto_pad "SAME" is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID}}
  %0 = "onnx.Conv"(%x, %w, %none) {auto_pad = "SAME"} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, none) -> tensor<*xf32>
  return
}

// -----

//===--- ConvTranspose ---===//

func.func @conv_transpose_channels(%x: tensor<1x4x5x5xf32>, %w: tensor<3x3x3x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.ConvTranspose' op input channels 4 of X must equal W dim 0 (3)}}
  %0 = "onnx.ConvTranspose"(%x, %w, %none) : (tensor<1x4x5x5xf32>, tensor<3x3x3x3xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_group(%x: tensor<1x3x5x5xf32>, %w: tensor<3x3x3x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.ConvTranspose' op input channels 3 are not divisible by group 2}}
  %0 = "onnx.ConvTranspose"(%x, %w, %none) {group = 2 : i64} : (tensor<1x3x5x5xf32>, tensor<3x3x3x3xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_bias(%x: tensor<1x4x5x5xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'onnx.ConvTranspose' op bias has 3 elements but the output channel count is 6}}
  %0 = "onnx.ConvTranspose"(%x, %w, %b) {group = 2 : i64} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_output_padding(%x: tensor<1x4x5x5xf32>, %w: tensor<4x3x3x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.ConvTranspose' op output_padding [1] has 1 entries, expected 2}}
  %0 = "onnx.ConvTranspose"(%x, %w, %none) {output_padding = array<i64: 1>} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_output_shape(%x: tensor<1x4x5x5xf32>, %w: tensor<4x3x3x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.ConvTranspose' op output_shape [10, 10, 10] has 3 entries, expected 2}}
  %0 = "onnx.ConvTranspose"(%x, %w, %none) {output_shape = array<i64: 10, 10, 10>} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, none) -> tensor<*xf32>
  return
}

// -----

//===--- QLinearConv ---===//

func.func @qlinearconv_rank(%x: tensor<1x4x6x6xi8>, %w: tensor<8x4x3xi8>, %s: tensor<f32>, %z: tensor<i8>, %none: none) {
  // expected-error @+1 {{'onnx.QLinearConv' op w has rank 3 but x has rank 4}}
  %0 = "onnx.QLinearConv"(%x, %s, %z, %w, %s, %z, %s, %z, %none) : (tensor<1x4x6x6xi8>, tensor<f32>, tensor<i8>, tensor<8x4x3xi8>, tensor<f32>, tensor<i8>, tensor<f32>, tensor<i8>, none) -> tensor<*xi8>
  return
}

// -----

func.func @qlinearconv_x_scale(%x: tensor<1x4x6x6xi8>, %w: tensor<8x4x3x3xi8>, %xs: tensor<4xf32>, %s: tensor<f32>, %z: tensor<i8>, %none: none) {
  // expected-error @+1 {{'onnx.QLinearConv' op x_scale must be a scalar, got 'tensor<4xf32>'}}
  %0 = "onnx.QLinearConv"(%x, %xs, %z, %w, %s, %z, %s, %z, %none) : (tensor<1x4x6x6xi8>, tensor<4xf32>, tensor<i8>, tensor<8x4x3x3xi8>, tensor<f32>, tensor<i8>, tensor<f32>, tensor<i8>, none) -> tensor<*xi8>
  return
}

// -----

func.func @qlinearconv_w_scale(%x: tensor<1x4x6x6xi8>, %w: tensor<8x4x3x3xi8>, %ws: tensor<4xf32>, %s: tensor<f32>, %z: tensor<i8>, %none: none) {
  // expected-error @+1 {{'onnx.QLinearConv' op w_scale has 4 elements but the output channel count of w is 8}}
  %0 = "onnx.QLinearConv"(%x, %s, %z, %w, %ws, %z, %s, %z, %none) : (tensor<1x4x6x6xi8>, tensor<f32>, tensor<i8>, tensor<8x4x3x3xi8>, tensor<4xf32>, tensor<i8>, tensor<f32>, tensor<i8>, none) -> tensor<*xi8>
  return
}

// -----

//===--- Gemm, MatMul ---===//

func.func @gemm_rank(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Gemm' op A must have rank 2, got 'tensor<2x3x4xf32>'}}
  %0 = "onnx.Gemm"(%a, %b, %none) : (tensor<2x3x4xf32>, tensor<4x5xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @gemm_inner(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Gemm' op inner dimensions differ: 3 (A 'tensor<3x4xf32>', transA = 1) vs 4 (B 'tensor<4x5xf32>', transB = 0)}}
  %0 = "onnx.Gemm"(%a, %b, %none) {transA = 1 : i64} : (tensor<3x4xf32>, tensor<4x5xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @gemm_c(%a: tensor<3x4xf32>, %b: tensor<5x4xf32>, %c: tensor<3x4xf32>) {
  // expected-error @+1 {{'onnx.Gemm' op C 'tensor<3x4xf32>' is not broadcastable to the result (3 x 5)}}
  %0 = "onnx.Gemm"(%a, %b, %c) {transB = 1 : i64} : (tensor<3x4xf32>, tensor<5x4xf32>, tensor<3x4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @matmul_inner(%a: tensor<2x3x4xf32>, %b: tensor<5x6xf32>) {
  // expected-error @+1 {{'onnx.MatMul' op inner dimensions differ: 4 (A 'tensor<2x3x4xf32>') vs 5 (B 'tensor<5x6xf32>')}}
  %0 = "onnx.MatMul"(%a, %b) : (tensor<2x3x4xf32>, tensor<5x6xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @matmul_vector(%a: tensor<4xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'onnx.MatMul' op inner dimensions differ: 4 (A 'tensor<4xf32>') vs 3 (B 'tensor<3xf32>')}}
  %0 = "onnx.MatMul"(%a, %b) : (tensor<4xf32>, tensor<3xf32>) -> tensor<f32>
  return
}

// -----

func.func @matmul_batch(%a: tensor<2x3x4xf32>, %b: tensor<3x4x6xf32>) {
  // expected-error @+1 {{'onnx.MatMul' op batch dimensions of A 'tensor<2x3x4xf32>' and B 'tensor<3x4x6xf32>' are not broadcastable}}
  %0 = "onnx.MatMul"(%a, %b) : (tensor<2x3x4xf32>, tensor<3x4x6xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @matmul_scalar(%a: tensor<f32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'onnx.MatMul' op A must have rank >= 1, got 'tensor<f32>'}}
  %0 = "onnx.MatMul"(%a, %b) : (tensor<f32>, tensor<3xf32>) -> tensor<*xf32>
  return
}

// -----

//===--- Transpose, Concat, Split, Gather, Flatten, Reshape ---===//

func.func @transpose_perm(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'onnx.Transpose' op perm [0, 0, 1] is not a permutation of 0..2}}
  %0 = "onnx.Transpose"(%x) {perm = array<i64: 0, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @transpose_perm_range(%x: tensor<*xf32>) {
  // expected-error @+1 {{'onnx.Transpose' op perm [0, 2] is not a permutation of 0..1}}
  %0 = "onnx.Transpose"(%x) {perm = array<i64: 0, 2>} : (tensor<*xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @transpose_perm_length(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'onnx.Transpose' op perm [1, 0] has 2 entries but the input has rank 3}}
  %0 = "onnx.Transpose"(%x) {perm = array<i64: 1, 0>} : (tensor<2x3x4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @concat_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'onnx.Concat' op axis 2 is out of range [-2, 2) for rank 2}}
  %0 = "onnx.Concat"(%x, %x) {axis = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @concat_dims(%x: tensor<2x3xf32>, %y: tensor<3x3xf32>) {
  // expected-error @+1 {{'onnx.Concat' op input 1 'tensor<3x3xf32>' differs in dim 0 (3 vs 2) outside axis 1}}
  %0 = "onnx.Concat"(%x, %y) {axis = -1 : i64} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @concat_rank(%x: tensor<2x3xf32>, %y: tensor<2x3x1xf32>) {
  // expected-error @+1 {{'onnx.Concat' op input 1 'tensor<2x3x1xf32>' has rank 3, expected 2}}
  %0 = "onnx.Concat"(%x, %y) {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x3x1xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @split_axis(%x: tensor<2x6xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Split' op axis -3 is out of range [-2, 2) for rank 2}}
  %0:2 = "onnx.Split"(%x, %none) {axis = -3 : i64} : (tensor<2x6xf32>, none) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @split_sum(%x: tensor<2x6xf32>) {
  %split = onnx.Constant dense<[2, 3]> : tensor<2xi64>
  // expected-error @+1 {{'onnx.Split' op split [2, 3] sums to 5 but dim 1 has size 6}}
  %0:2 = "onnx.Split"(%x, %split) {axis = 1 : i64} : (tensor<2x6xf32>, tensor<2xi64>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @split_count(%x: tensor<2x6xf32>) {
  %split = onnx.Constant dense<[2, 2, 2]> : tensor<3xi64>
  // expected-error @+1 {{'onnx.Split' op split has 3 elements but the number of outputs is 2}}
  %0:2 = "onnx.Split"(%x, %split) {axis = 1 : i64} : (tensor<2x6xf32>, tensor<3xi64>) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @split_even(%x: tensor<2x7xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Split' op dim 1 of size 7 does not split evenly into 2 outputs}}
  %0:2 = "onnx.Split"(%x, %none) {axis = 1 : i64} : (tensor<2x7xf32>, none) -> (tensor<*xf32>, tensor<*xf32>)
  return
}

// -----

func.func @gather_axis(%x: tensor<2x3xf32>, %i: tensor<2xi64>) {
  // expected-error @+1 {{'onnx.Gather' op axis 2 is out of range [-2, 2) for rank 2}}
  %0 = "onnx.Gather"(%x, %i) {axis = 2 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @flatten_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'onnx.Flatten' op axis 3 is out of range [-2, 2] for rank 2}}
  %0 = "onnx.Flatten"(%x) {axis = 3 : i64} : (tensor<2x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @reshape_two_minus_one(%x: tensor<2x3x4xf32>) {
  %shape = onnx.Constant dense<[-1, -1]> : tensor<2xi64>
  // expected-error @+1 {{'onnx.Reshape' op shape [-1, -1] has more than one -1}}
  %0 = "onnx.Reshape"(%x, %shape) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return
}

// -----

func.func @reshape_negative(%x: tensor<2x3x4xf32>) {
  %shape = onnx.Constant dense<[-2, 12]> : tensor<2xi64>
  // expected-error @+1 {{'onnx.Reshape' op shape [-2, 12] has a negative entry other than -1}}
  %0 = "onnx.Reshape"(%x, %shape) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<?x12xf32>
  return
}

// -----

func.func @reshape_allowzero(%x: tensor<2x3x4xf32>) {
  %shape = onnx.Constant dense<[0, -1]> : tensor<2xi64>
  // expected-error @+1 {{'onnx.Reshape' op shape [0, -1] has both 0 and -1 with allowzero = 1}}
  %0 = "onnx.Reshape"(%x, %shape) {allowzero = 1 : i64} : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @reshape_count(%x: tensor<2x3x4xf32>, %shape: tensor<2xi64>) {
  // expected-error @+1 {{'onnx.Reshape' op result 'tensor<5x5xf32>' has 25 elements but input 'tensor<2x3x4xf32>' has 24}}
  %0 = "onnx.Reshape"(%x, %shape) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<5x5xf32>
  return
}

// -----

func.func @reshape_result_vs_shape(%x: tensor<2x3x4xf32>) {
  %shape = onnx.Constant dense<[4, -1]> : tensor<2xi64>
  // expected-error @+1 {{'onnx.Reshape' op result 'tensor<6x4xf32>' does not match shape [4, -1]}}
  %0 = "onnx.Reshape"(%x, %shape) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<6x4xf32>
  return
}

// -----

func.func @reshape_shape_rank(%x: tensor<2x3x4xf32>, %shape: tensor<1x2xi64>) {
  // expected-error @+1 {{'onnx.Reshape' op shape must be 1-D, got 'tensor<1x2xi64>'}}
  %0 = "onnx.Reshape"(%x, %shape) : (tensor<2x3x4xf32>, tensor<1x2xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @reshape_shape_length(%x: tensor<2x3x4xf32>, %shape: tensor<3xi64>) {
  // expected-error @+1 {{'onnx.Reshape' op shape has 3 entries but the result 'tensor<6x4xf32>' has rank 2}}
  %0 = "onnx.Reshape"(%x, %shape) : (tensor<2x3x4xf32>, tensor<3xi64>) -> tensor<6x4xf32>
  return
}

// -----

//===--- Softmax, LogSoftmax, normalization, activations ---===//

func.func @softmax_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'onnx.Softmax' op axis 2 is out of range [-2, 2) for rank 2}}
  %0 = "onnx.Softmax"(%x) {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @logsoftmax_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'onnx.LogSoftmax' op axis -3 is out of range [-2, 2) for rank 2}}
  %0 = "onnx.LogSoftmax"(%x) {axis = -3 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @batchnorm_scale(%x: tensor<1x3x4x4xf32>, %s: tensor<4xf32>, %p: tensor<3xf32>) {
  // expected-error @+1 {{'onnx.BatchNormalization' op scale has 4 elements but the channel count of X is 3}}
  %0:3 = "onnx.BatchNormalization"(%x, %s, %p, %p, %p) : (tensor<1x3x4x4xf32>, tensor<4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<1x3x4x4xf32>, none, none)
  return
}

// -----

func.func @batchnorm_var_rank(%x: tensor<1x3x4x4xf32>, %p: tensor<3xf32>, %v: tensor<1x3xf32>) {
  // expected-error @+1 {{'onnx.BatchNormalization' op input_var must be 1-D, got 'tensor<1x3xf32>'}}
  %0:3 = "onnx.BatchNormalization"(%x, %p, %p, %p, %v) : (tensor<1x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<1x3xf32>) -> (tensor<1x3x4x4xf32>, none, none)
  return
}

// -----

func.func @instancenorm_b(%x: tensor<1x3x4x4xf32>, %s: tensor<3xf32>, %b: tensor<2xf32>) {
  // expected-error @+1 {{'onnx.InstanceNormalization' op B has 2 elements but the channel count of input is 3}}
  %0 = "onnx.InstanceNormalization"(%x, %s, %b) : (tensor<1x3x4x4xf32>, tensor<3xf32>, tensor<2xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @layernorm_axis(%x: tensor<2x3xf32>, %s: tensor<3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.LayerNormalization' op axis 2 is out of range [-2, 2) for rank 2}}
  %0:3 = "onnx.LayerNormalization"(%x, %s, %none) {axis = 2 : i64} : (tensor<2x3xf32>, tensor<3xf32>, none) -> (tensor<2x3xf32>, none, none)
  return
}

// -----

func.func @lrn_size(%x: tensor<1x3x4x4xf32>) {
  // expected-error @+1 {{'onnx.LRN' op size 0 must be positive}}
  %0 = "onnx.LRN"(%x) {size = 0 : i64} : (tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @clip_min(%x: tensor<4xf32>, %min: tensor<2xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Clip' op min must be a scalar, got 'tensor<2xf32>'}}
  %0 = "onnx.Clip"(%x, %min, %none) : (tensor<4xf32>, tensor<2xf32>, none) -> tensor<4xf32>
  return
}

// -----

func.func @clip_max(%x: tensor<4xf32>, %max: tensor<1x1xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Clip' op max must be a scalar, got 'tensor<1x1xf32>'}}
  %0 = "onnx.Clip"(%x, %none, %max) : (tensor<4xf32>, none, tensor<1x1xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @cast_to(%x: tensor<4xf32>) {
  // expected-error @+1 {{'onnx.Cast' op to 0 is not a TensorProto data type (1..16)}}
  %0 = "onnx.Cast"(%x) {to = 0 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @cast_to_range(%x: tensor<4xf32>) {
  // expected-error @+1 {{'onnx.Cast' op to 17 is not a TensorProto data type (1..16)}}
  %0 = "onnx.Cast"(%x) {to = 17 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @cast_result(%x: tensor<4xf32>) {
  // expected-error @+1 {{'onnx.Cast' op result element type 'i32' does not match to = 7}}
  %0 = "onnx.Cast"(%x) {to = 7 : i64} : (tensor<4xf32>) -> tensor<4xi32>
  return
}

// -----

//===--- Pooling ---===//

func.func @maxpool_kernel(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'onnx.MaxPool' op kernel_shape [2, 2, 2] has 3 entries, expected 2 (2 spatial dimensions)}}
  %0:2 = "onnx.MaxPool"(%x) {kernel_shape = array<i64: 2, 2, 2>} : (tensor<1x3x8x8xf32>) -> (tensor<*xf32>, none)
  return
}

// -----

func.func @maxpool_strides(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'onnx.MaxPool' op strides [2] has 1 entries, expected 2 (2 spatial dimensions)}}
  %0:2 = "onnx.MaxPool"(%x) {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2>} : (tensor<1x3x8x8xf32>) -> (tensor<*xf32>, none)
  return
}

// -----

func.func @maxpool_kernel_positive(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'onnx.MaxPool' op kernel_shape [0, 2] must be positive}}
  %0:2 = "onnx.MaxPool"(%x) {kernel_shape = array<i64: 0, 2>} : (tensor<1x3x8x8xf32>) -> (tensor<*xf32>, none)
  return
}

// -----

func.func @averagepool_pads(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'onnx.AveragePool' op pads [1, 1, 1] has 3 entries, expected 4 (2 x 2 spatial dimensions)}}
  %0 = "onnx.AveragePool"(%x) {kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @averagepool_rank(%x: tensor<3x8xf32>) {
  // expected-error @+1 {{'onnx.AveragePool' op X must have rank >= 3, got 'tensor<3x8xf32>'}}
  %0 = "onnx.AveragePool"(%x) {kernel_shape = array<i64: 2>} : (tensor<3x8xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @averagepool_auto_pad(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'onnx.AveragePool' op auto_pad "same_upper" is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID}}
  %0 = "onnx.AveragePool"(%x) {auto_pad = "same_upper", kernel_shape = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @globalaveragepool_rank(%x: tensor<3x8xf32>) {
  // expected-error @+1 {{'onnx.GlobalAveragePool' op X must have rank >= 3, got 'tensor<3x8xf32>'}}
  %0 = "onnx.GlobalAveragePool"(%x) : (tensor<3x8xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @globalmaxpool_rank(%x: tensor<8xf32>) {
  // expected-error @+1 {{'onnx.GlobalMaxPool' op X must have rank >= 3, got 'tensor<8xf32>'}}
  %0 = "onnx.GlobalMaxPool"(%x) : (tensor<8xf32>) -> tensor<*xf32>
  return
}

// -----

//===--- Pad, Resize, DepthToSpace, SpaceToDepth ---===//

func.func @pad_mode(%x: tensor<2x3xf32>, %pads: tensor<4xi64>, %none: none) {
  // expected-error @+1 {{'onnx.Pad' op mode "wrap" is not one of constant, reflect, edge}}
  %0 = "onnx.Pad"(%x, %pads, %none) {mode = "wrap"} : (tensor<2x3xf32>, tensor<4xi64>, none) -> tensor<*xf32>
  return
}

// -----

func.func @pad_pads(%x: tensor<2x3xf32>, %pads: tensor<2xi64>, %none: none) {
  // expected-error @+1 {{'onnx.Pad' op pads has 2 elements but 2 x the input rank is 4}}
  %0 = "onnx.Pad"(%x, %pads, %none) : (tensor<2x3xf32>, tensor<2xi64>, none) -> tensor<*xf32>
  return
}

// -----

func.func @resize_mode(%x: tensor<1x3x4x4xf32>, %scales: tensor<4xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Resize' op mode "bilinear" is not one of nearest, linear, cubic}}
  %0 = "onnx.Resize"(%x, %none, %scales, %none) {mode = "bilinear"} : (tensor<1x3x4x4xf32>, none, tensor<4xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @resize_ctm(%x: tensor<1x3x4x4xf32>, %scales: tensor<4xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Resize' op coordinate_transformation_mode "half_pixels" is not one of half_pixel, pytorch_half_pixel, align_corners, asymmetric, tf_crop_and_resize}}
  %0 = "onnx.Resize"(%x, %none, %scales, %none) {coordinate_transformation_mode = "half_pixels"} : (tensor<1x3x4x4xf32>, none, tensor<4xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @resize_nearest_mode(%x: tensor<1x3x4x4xf32>, %scales: tensor<4xf32>, %none: none) {
  // expected-error @+1 {{'onnx.Resize' op nearest_mode "round" is not one of round_prefer_floor, round_prefer_ceil, floor, ceil}}
  %0 = "onnx.Resize"(%x, %none, %scales, %none) {nearest_mode = "round"} : (tensor<1x3x4x4xf32>, none, tensor<4xf32>, none) -> tensor<*xf32>
  return
}

// -----

func.func @resize_scales_and_sizes(%x: tensor<1x3x4x4xf32>, %scales: tensor<4xf32>, %sizes: tensor<4xi64>, %none: none) {
  // expected-error @+1 {{'onnx.Resize' op only one of scales and sizes may be given}}
  %0 = "onnx.Resize"(%x, %none, %scales, %sizes) : (tensor<1x3x4x4xf32>, none, tensor<4xf32>, tensor<4xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @depthtospace_blocksize(%x: tensor<1x8x2x2xf32>) {
  // expected-error @+1 {{'onnx.DepthToSpace' op blocksize 0 must be positive}}
  %0 = "onnx.DepthToSpace"(%x) {blocksize = 0 : i64} : (tensor<1x8x2x2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @depthtospace_mode(%x: tensor<1x8x2x2xf32>) {
  // expected-error @+1 {{'onnx.DepthToSpace' op mode "RDC" is not one of DCR, CRD}}
  %0 = "onnx.DepthToSpace"(%x) {blocksize = 2 : i64, mode = "RDC"} : (tensor<1x8x2x2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @depthtospace_rank(%x: tensor<8x2x2xf32>) {
  // expected-error @+1 {{'onnx.DepthToSpace' op input must have rank 4, got 'tensor<8x2x2xf32>'}}
  %0 = "onnx.DepthToSpace"(%x) {blocksize = 2 : i64} : (tensor<8x2x2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @depthtospace_channels(%x: tensor<1x6x2x2xf32>) {
  // expected-error @+1 {{'onnx.DepthToSpace' op channels 6 are not divisible by blocksize^2 = 4}}
  %0 = "onnx.DepthToSpace"(%x) {blocksize = 2 : i64} : (tensor<1x6x2x2xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @spacetodepth_blocksize(%x: tensor<1x2x4x4xf32>) {
  // expected-error @+1 {{'onnx.SpaceToDepth' op blocksize -2 must be positive}}
  %0 = "onnx.SpaceToDepth"(%x) {blocksize = -2 : i64} : (tensor<1x2x4x4xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @spacetodepth_divisible(%x: tensor<1x2x4x6xf32>) {
  // expected-error @+1 {{'onnx.SpaceToDepth' op dim 3 of size 6 is not divisible by blocksize 4}}
  %0 = "onnx.SpaceToDepth"(%x) {blocksize = 4 : i64} : (tensor<1x2x4x6xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @spacetodepth_rank(%x: tensor<2x4x4xf32>) {
  // expected-error @+1 {{'onnx.SpaceToDepth' op input must have rank 4, got 'tensor<2x4x4xf32>'}}
  %0 = "onnx.SpaceToDepth"(%x) {blocksize = 2 : i64} : (tensor<2x4x4xf32>) -> tensor<*xf32>
  return
}

// -----

//===--- Reductions, ArgMax/ArgMin, TopK, CumSum ---===//

func.func @reducemean_range(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'onnx.ReduceMean' op axes 2 is out of range [-2, 2) for rank 2}}
  %0 = "onnx.ReduceMean"(%x) {axes = array<i64: 0, 2>} : (tensor<2x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @reducemax_repeated(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'onnx.ReduceMax' op axes [1, -1] contains a repeated axis}}
  %0 = "onnx.ReduceMax"(%x) {axes = array<i64: 1, -1>} : (tensor<2x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @reducemin_range(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'onnx.ReduceMin' op axes -3 is out of range [-2, 2) for rank 2}}
  %0 = "onnx.ReduceMin"(%x) {axes = array<i64: -3>} : (tensor<2x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @reduceprod_repeated(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'onnx.ReduceProd' op axes [0, 0] contains a repeated axis}}
  %0 = "onnx.ReduceProd"(%x) {axes = array<i64: 0, 0>} : (tensor<2x3xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @argmax_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'onnx.ArgMax' op axis 2 is out of range [-2, 2) for rank 2}}
  %0 = "onnx.ArgMax"(%x) {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<*xi64>
  return
}

// -----

func.func @argmin_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'onnx.ArgMin' op axis -3 is out of range [-2, 2) for rank 2}}
  %0 = "onnx.ArgMin"(%x) {axis = -3 : i64} : (tensor<2x3xf32>) -> tensor<*xi64>
  return
}

// -----

func.func @topk_axis(%x: tensor<2x3xf32>, %k: tensor<1xi64>) {
  // expected-error @+1 {{'onnx.TopK' op axis 2 is out of range [-2, 2) for rank 2}}
  %0:2 = "onnx.TopK"(%x, %k) {axis = 2 : i64} : (tensor<2x3xf32>, tensor<1xi64>) -> (tensor<*xf32>, tensor<*xi64>)
  return
}

// -----

func.func @topk_k_shape(%x: tensor<2x3xf32>, %k: tensor<2xi64>) {
  // expected-error @+1 {{'onnx.TopK' op K has 2 elements but K's required size is 1}}
  %0:2 = "onnx.TopK"(%x, %k) : (tensor<2x3xf32>, tensor<2xi64>) -> (tensor<*xf32>, tensor<*xi64>)
  return
}

// -----

func.func @topk_k_value(%x: tensor<2x3xf32>) {
  %k = onnx.Constant dense<4> : tensor<1xi64>
  // expected-error @+1 {{'onnx.TopK' op K = 4 exceeds the size 3 of dim -1}}
  %0:2 = "onnx.TopK"(%x, %k) : (tensor<2x3xf32>, tensor<1xi64>) -> (tensor<*xf32>, tensor<*xi64>)
  return
}

// -----

func.func @cumsum_axis_shape(%x: tensor<2x3xf32>, %axis: tensor<2xi64>) {
  // expected-error @+1 {{'onnx.CumSum' op axis must be a scalar, got 'tensor<2xi64>'}}
  %0 = "onnx.CumSum"(%x, %axis) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  return
}

// -----

func.func @cumsum_axis_range(%x: tensor<2x3xf32>) {
  %axis = onnx.Constant dense<-3> : tensor<i32>
  // expected-error @+1 {{'onnx.CumSum' op axis -3 is out of range [-2, 2) for rank 2}}
  %0 = "onnx.CumSum"(%x, %axis) : (tensor<2x3xf32>, tensor<i32>) -> tensor<2x3xf32>
  return
}

// -----

//===--- QuantizeLinear, DequantizeLinear ---===//

func.func @quantize_zero_point_shape(%x: tensor<2x3xf32>, %s: tensor<3xf32>, %z: tensor<2xi8>) {
  // expected-error @+1 {{'onnx.QuantizeLinear' op y_zero_point 'tensor<2xi8>' must have the shape of y_scale 'tensor<3xf32>'}}
  %0 = "onnx.QuantizeLinear"(%x, %s, %z) : (tensor<2x3xf32>, tensor<3xf32>, tensor<2xi8>) -> tensor<2x3xi8>
  return
}

// -----

func.func @quantize_axis_size(%x: tensor<2x3xf32>, %s: tensor<2xf32>, %z: tensor<2xi8>) {
  // expected-error @+1 {{'onnx.QuantizeLinear' op y_scale has 2 elements but dim 1 of 'tensor<2x3xf32>' is 3}}
  %0 = "onnx.QuantizeLinear"(%x, %s, %z) : (tensor<2x3xf32>, tensor<2xf32>, tensor<2xi8>) -> tensor<2x3xi8>
  return
}

// -----

func.func @dequantize_axis(%x: tensor<2x3xi8>, %s: tensor<3xf32>, %z: tensor<3xi8>) {
  // expected-error @+1 {{'onnx.DequantizeLinear' op axis 2 is out of range [-2, 2) for rank 2}}
  %0 = "onnx.DequantizeLinear"(%x, %s, %z) {axis = 2 : i64} : (tensor<2x3xi8>, tensor<3xf32>, tensor<3xi8>) -> tensor<2x3xf32>
  return
}

// -----

func.func @dequantize_scale_rank(%x: tensor<2x3xi8>, %s: tensor<2x3xf32>, %none: none) {
  // expected-error @+1 {{'onnx.DequantizeLinear' op x_scale must be a scalar or 1-D, got 'tensor<2x3xf32>'}}
  %0 = "onnx.DequantizeLinear"(%x, %s, %none) : (tensor<2x3xi8>, tensor<2x3xf32>, none) -> tensor<2x3xf32>
  return
}
