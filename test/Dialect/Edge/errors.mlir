// RUN: edgec-opt %s -split-input-file -verify-diagnostics
//
// One case per verifier rule of the edge ops (ODS constraints included).
// Keep one rule per split.

//===--- constraints ---===//

func.func @f16_operand(%a: tensor<4xf16>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of edge element type}}
  %0 = edge.add %a, %a : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  return
}

// -----

func.func @unsigned_quant_storage(%a: tensor<4x!quant.uniform<u8:f32, 0.1:128>>) {
  // expected-error @+1 {{must be ranked tensor of edge element type}}
  %0 = edge.add %a, %a : (tensor<4x!quant.uniform<u8:f32, 0.1:128>>, tensor<4x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<4x!quant.uniform<u8:f32, 0.1:128>>
  return
}

// -----

func.func @f16_expressed_quant(%a: tensor<4x!quant.uniform<i8:f16, 0.1>>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of uniform quantized type}}
  %0 = edge.dequantize %a : tensor<4x!quant.uniform<i8:f16, 0.1>> -> tensor<4xf32>
  return
}

// -----

func.func @unranked(%a: tensor<*xf32>) {
  // expected-error @+1 {{invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'}}
  %0 = edge.unary <exp> %a : tensor<*xf32> -> tensor<*xf32>
  return
}

// -----

func.func @stride_count(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{attribute 'stride' failed to satisfy constraint: i64 dense array attribute with exactly 2 elements}}
  %0 = edge.conv2d %x, %w stride [1] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @zero_stride(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{whose value is positive}}
  %0 = edge.conv2d %x, %w stride [1, 0] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @zero_dilation(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{attribute 'dilation' failed to satisfy constraint}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [0, 1] pad [1, 1, 1, 1] : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @negative_pad(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{attribute 'pad' failed to satisfy constraint: i64 dense array attribute with exactly 4 elements whose value is non-negative}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [1, -1, 1, 1] : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @pad_count(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{with exactly 4 elements}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [1, 1] : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @zero_groups(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{attribute 'groups' failed to satisfy constraint: 64-bit signless integer attribute whose value is positive}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] {groups = 0 : i64} : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

//===--- edge.constant ---===//

func.func @constant_shape() {
  // expected-error @+1 {{value type 'tensor<4xf32>' does not match the result shape 'tensor<2xf32>'}}
  %0 = edge.constant dense<1.0> : tensor<4xf32> -> tensor<2xf32>
  return
}

// -----

func.func @constant_element() {
  // expected-error @+1 {{value element type 'i32' differs from the result element type 'f32'}}
  %0 = edge.constant dense<1> : tensor<4xi32> -> tensor<4xf32>
  return
}

// -----

func.func @constant_storage() {
  // expected-error @+1 {{quantized constant must hold its storage values (integers of 8 bits), got 'i32'}}
  %0 = edge.constant dense<1> : tensor<4xi32> -> tensor<4x!quant.uniform<i8:f32, 0.1:-3>>
  return
}

// -----

func.func @constant_per_axis_scales() {
  // expected-error @+1 {{result has 2 quantization scales for dimension 0 of size 3}}
  %0 = edge.constant dense<1> : tensor<3x1xi8> -> tensor<3x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>
  return
}

// -----

func.func @constant_not_elements() {
  // expected-error @+1 {{expects an elements attribute}}
  %0 = edge.constant 1.0 -> tensor<f32>
  return
}

// -----

//===--- edge.conv2d ---===//

func.func @conv_rank(%x: tensor<8x8x3xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{expects input of rank 4 (NHWC), got rank 3}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<8x8x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @conv_channels(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x2xf32>) {
  // expected-error @+1 {{input has 3 channels, expected filter input channels (2) * groups (1)}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x8x8x3xf32>, tensor<4x3x3x2xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @conv_groups_out(%x: tensor<1x8x8x4xf32>, %w: tensor<3x1x1x2xf32>) {
  // expected-error @+1 {{output channels 3 are not divisible by groups 2}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] {groups = 2 : i64} : (tensor<1x8x8x4xf32>, tensor<3x1x1x2xf32>) -> tensor<1x8x8x3xf32>
  return
}

// -----

func.func @conv_out_channels(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{result dimension 3 is 5, expected 4}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x8x8x5xf32>
  return
}

// -----

func.func @conv_out_batch(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{result dimension 0 is 2, expected 1}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>) -> tensor<2x8x8x4xf32>
  return
}

// -----

func.func @conv_out_height(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{result dimension 1 is 5, expected 4}}
  %0 = edge.conv2d %x, %w stride [2, 2] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x5x4x4xf32>
  return
}

// -----

func.func @conv_out_width_dilated(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{result dimension 2 is 8, expected 6}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 2] pad [1, 1, 1, 1] : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @conv_window_too_big(%x: tensor<1x2x2x3xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{window of extent 3 does not fit the padded input of size 2 (dimension 1)}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x2x2x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x1x1x4xf32>
  return
}

// -----

func.func @conv_bias_size(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<5xf32>) {
  // expected-error @+1 {{bias has 5 elements, expected 4 (output channels)}}
  %0 = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<5xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @conv_bias_rank(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<1x4xf32>) {
  // expected-error @+1 {{expects a bias of rank 1, got rank 2}}
  %0 = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<1x4xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @conv_f32_quant_filter(%x: tensor<1x4x4x1xf32>, %w: tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) {
  // expected-error @+1 {{with f32 input expects f32 filter and result (dequantize quantized filter first)}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1xf32>, tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) -> tensor<1x4x4x2xf32>
  return
}

// -----

func.func @conv_f32_int_bias(%x: tensor<1x4x4x1xf32>, %w: tensor<2x1x1x1xf32>, %b: tensor<2xi32>) {
  // expected-error @+1 {{with f32 input expects an f32 bias}}
  %0 = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>, tensor<2xi32>) -> tensor<1x4x4x2xf32>
  return
}

// -----

func.func @conv_per_axis_input(%x: tensor<1x4x4x1x!quant.uniform<i8:f32:3, {0.1}>>, %w: tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) {
  // expected-error @+1 {{expects a per-tensor quantized input, got}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!quant.uniform<i8:f32:3, {0.1}>>, tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @conv_quant_float_result(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, %w: tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) {
  // expected-error @+1 {{with quantized input expects a per-tensor quantized result, got 'f32'}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) -> tensor<1x4x4x2xf32>
  return
}

// -----

func.func @conv_storage_mismatch(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, %w: tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) {
  // expected-error @+1 {{input and result storage types differ ('i8' vs 'i16')}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) -> tensor<1x4x4x2x!quant.uniform<i16:f32, 0.01>>
  return
}

// -----

func.func @conv_quant_float_filter(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, %w: tensor<2x1x1x1xf32>) {
  // expected-error @+1 {{with quantized input expects quantized filter, got 'f32'}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x1x1x1xf32>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @conv_wide_filter(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, %w: tensor<2x1x1x1x!quant.uniform<i16:f32, 0.5>>) {
  // expected-error @+1 {{filter storage must be at most 8 bits, got 'i16'}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x1x1x1x!quant.uniform<i16:f32, 0.5>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @conv_per_axis_dim(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, %w: tensor<2x1x1x1x!quant.uniform<i8:f32:3, {0.5}>>) {
  // expected-error @+1 {{per-axis filter quantization must be along the output-channel dimension 0, got 3}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x1x1x1x!quant.uniform<i8:f32:3, {0.5}>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @conv_per_axis_count(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, %w: tensor<2x1x1x1x!quant.uniform<i8:f32:0, {0.5, 0.5, 0.5}>>) {
  // expected-error @+1 {{filter has 3 quantization scales for 2 output channels}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x1x1x1x!quant.uniform<i8:f32:0, {0.5, 0.5, 0.5}>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @conv_asymmetric_filter(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, %w: tensor<2x1x1x1x!quant.uniform<i8:f32, 0.5:1>>) {
  // expected-error @+1 {{filter must be symmetrically quantized (zero point 0)}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x1x1x1x!quant.uniform<i8:f32, 0.5:1>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @conv_bias_i16(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, %w: tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>, %b: tensor<2xi16>) {
  // expected-error @+1 {{operand #2 must be ranked tensor of 32-bit float or 32-bit signless integer or 64-bit signless integer or uniform quantized type}}
  %0 = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>, tensor<2xi16>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @conv_bias_i64_with_i8(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, %w: tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>, %b: tensor<2xi64>) {
  // expected-error @+1 {{bias must be i32 (or i64 with 16-bit activations), got 'i64'}}
  %0 = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>, tensor<2xi64>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @conv_bias_f32_quant(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, %w: tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>, %b: tensor<2xf32>) {
  // expected-error @+1 {{with quantized input expects an integer or quantized bias, got 'f32'}}
  %0 = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>, tensor<2xf32>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @conv_bias_storage(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, %w: tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>, %b: tensor<2x!quant.uniform<i16:f32, 0.05>>) {
  // expected-error @+1 {{quantized bias must have i32 storage, got 'i16'}}
  %0 = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>, tensor<2x!quant.uniform<i16:f32, 0.05>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @conv_bias_zero_point(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, %w: tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>, %b: tensor<2x!quant.uniform<i32:f32:0, {0.05:1, 0.025}>>) {
  // expected-error @+1 {{quantized bias must have zero point 0}}
  %0 = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>, tensor<2x!quant.uniform<i32:f32:0, {0.05:1, 0.025}>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @conv_bias_axis(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, %w: tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>, %b: tensor<2x!quant.uniform<i32:f32:1, {0.05, 0.025}>>) {
  // expected-error @+1 {{per-axis bias quantization must be along dimension 0}}
  %0 = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>, tensor<2x!quant.uniform<i32:f32:1, {0.05, 0.025}>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @conv_bias_scale(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, %w: tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>, %b: tensor<2x!quant.uniform<i32:f32:0, {0.05, 0.05}>>) {
  // expected-error @+1 {{bias scale 5.000000e-02 (channel 1) must equal input scale * filter scale = 2.500000e-02}}
  %0 = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>, tensor<2x!quant.uniform<i32:f32:0, {0.05, 0.05}>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @conv_quant_sigmoid(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, %w: tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) {
  // expected-error @+1 {{fused activation 'sigmoid' needs a float result; quantized and integer kernels fuse only clamping activations}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] {fused_activation = #edge.act<sigmoid>} : (tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

//===--- edge.depthwise_conv2d ---===//

func.func @dw_filter_dim0(%x: tensor<1x8x8x4xf32>, %w: tensor<2x3x3x4xf32>) {
  // expected-error @+1 {{expects filter dimension 0 to be 1, got 2}}
  %0 = edge.depthwise_conv2d %x, %w stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x8x8x4xf32>, tensor<2x3x3x4xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @dw_multiplier(%x: tensor<1x8x8x4xf32>, %w: tensor<1x3x3x4xf32>) {
  // expected-error @+1 {{filter has 4 channels, expected input channels (4) * depth_multiplier (2)}}
  %0 = edge.depthwise_conv2d %x, %w stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1] {depth_multiplier = 2 : i64} : (tensor<1x8x8x4xf32>, tensor<1x3x3x4xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @dw_out_spatial(%x: tensor<1x8x8x4xf32>, %w: tensor<1x3x3x4xf32>) {
  // expected-error @+1 {{result dimension 1 is 8, expected 6}}
  %0 = edge.depthwise_conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x8x8x4xf32>, tensor<1x3x3x4xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @dw_per_axis_dim(%x: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.1:-3>>, %w: tensor<1x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) {
  // expected-error @+1 {{per-axis filter quantization must be along the output-channel dimension 3, got 0}}
  %0 = edge.depthwise_conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.1:-3>>, tensor<1x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

//===--- edge.transpose_conv2d ---===//

func.func @tconv_channels(%x: tensor<1x4x4x8xf32>, %w: tensor<3x3x3x4xf32>) {
  // expected-error @+1 {{input has 8 channels, filter expects 4}}
  %0 = edge.transpose_conv2d %x, %w stride [2, 2] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x4x4x8xf32>, tensor<3x3x3x4xf32>) -> tensor<1x8x8x3xf32>
  return
}

// -----

func.func @tconv_out_size(%x: tensor<1x4x4x8xf32>, %w: tensor<3x3x3x8xf32>) {
  // expected-error @+1 {{result dimension 1 is 9, expected 7 plus an output padding below the stride 2}}
  %0 = edge.transpose_conv2d %x, %w stride [2, 2] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x4x4x8xf32>, tensor<3x3x3x8xf32>) -> tensor<1x9x8x3xf32>
  return
}

// -----

func.func @tconv_out_channels(%x: tensor<1x4x4x8xf32>, %w: tensor<3x3x3x8xf32>) {
  // expected-error @+1 {{result dimension 3 is 8, expected 3}}
  %0 = edge.transpose_conv2d %x, %w stride [2, 2] dilation [1, 1] pad [1, 1, 1, 1] : (tensor<1x4x4x8xf32>, tensor<3x3x3x8xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

//===--- edge.fully_connected ---===//

func.func @fc_weights_rank(%x: tensor<2x16xf32>, %w: tensor<10x16x1xf32>) {
  // expected-error @+1 {{expects weights of rank 2 ([N, K]), got rank 3}}
  %0 = edge.fully_connected %x, %w : (tensor<2x16xf32>, tensor<10x16x1xf32>) -> tensor<2x10xf32>
  return
}

// -----

func.func @fc_k(%x: tensor<2x16xf32>, %w: tensor<10x15xf32>) {
  // expected-error @+1 {{input has K = 16 but weights have K = 15}}
  %0 = edge.fully_connected %x, %w : (tensor<2x16xf32>, tensor<10x15xf32>) -> tensor<2x10xf32>
  return
}

// -----

func.func @fc_n(%x: tensor<2x16xf32>, %w: tensor<10x16xf32>) {
  // expected-error @+1 {{result dimension 1 is 16, expected 10}}
  %0 = edge.fully_connected %x, %w : (tensor<2x16xf32>, tensor<10x16xf32>) -> tensor<2x16xf32>
  return
}

// -----

func.func @fc_rank(%x: tensor<2x3x16xf32>, %w: tensor<10x16xf32>) {
  // expected-error @+1 {{result rank 2 differs from input rank 3}}
  %0 = edge.fully_connected %x, %w : (tensor<2x3x16xf32>, tensor<10x16xf32>) -> tensor<6x10xf32>
  return
}

// -----

func.func @fc_per_axis_dim(%x: tensor<1x2x!quant.uniform<i8:f32, 0.1:-3>>, %w: tensor<2x2x!quant.uniform<i8:f32:1, {0.5, 0.25}>>) {
  // expected-error @+1 {{per-axis weights quantization must be along the output-channel dimension 0, got 1}}
  %0 = edge.fully_connected %x, %w : (tensor<1x2x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x2x!quant.uniform<i8:f32:1, {0.5, 0.25}>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

//===--- edge.matmul ---===//

func.func @mm_rank(%a: tensor<5xf32>, %b: tensor<5x7xf32>) {
  // expected-error @+1 {{expects operands of rank >= 2}}
  %0 = edge.matmul %a, %b : (tensor<5xf32>, tensor<5x7xf32>) -> tensor<7xf32>
  return
}

// -----

func.func @mm_k(%a: tensor<3x5xf32>, %b: tensor<4x7xf32>) {
  // expected-error @+1 {{contraction sizes differ: lhs K = 5, rhs K = 4}}
  %0 = edge.matmul %a, %b : (tensor<3x5xf32>, tensor<4x7xf32>) -> tensor<3x7xf32>
  return
}

// -----

func.func @mm_batch(%a: tensor<2x3x5xf32>, %b: tensor<3x5x7xf32>) {
  // expected-error @+1 {{batch dimensions 2 and 3 do not broadcast}}
  %0 = edge.matmul %a, %b : (tensor<2x3x5xf32>, tensor<3x5x7xf32>) -> tensor<3x3x7xf32>
  return
}

// -----

func.func @mm_out(%a: tensor<3x5xf32>, %b: tensor<5x7xf32>) {
  // expected-error @+1 {{result dimension 1 is 8, expected 7}}
  %0 = edge.matmul %a, %b : (tensor<3x5xf32>, tensor<5x7xf32>) -> tensor<3x8xf32>
  return
}

// -----

func.func @mm_mixed(%a: tensor<3x5xf32>, %b: tensor<5x7xi8>) {
  // expected-error @+1 {{with f32 lhs expects f32 rhs and result}}
  %0 = edge.matmul %a, %b : (tensor<3x5xf32>, tensor<5x7xi8>) -> tensor<3x7xf32>
  return
}

// -----

func.func @mm_int_types(%a: tensor<3x5xi8>, %b: tensor<5x7xi16>) {
  // expected-error @+1 {{integer operands must have the same type, got 'i8' and 'i16'}}
  %0 = edge.matmul %a, %b : (tensor<3x5xi8>, tensor<5x7xi16>) -> tensor<3x7xi32>
  return
}

// -----

func.func @mm_int_acc(%a: tensor<3x5xi8>, %b: tensor<5x7xi8>) {
  // expected-error @+1 {{integer matmul accumulates into i32, got 'i8'}}
  %0 = edge.matmul %a, %b : (tensor<3x5xi8>, tensor<5x7xi8>) -> tensor<3x7xi8>
  return
}

// -----

func.func @mm_quant_float_rhs(%a: tensor<3x5x!quant.uniform<i8:f32, 0.1:-3>>, %b: tensor<5x7xf32>) {
  // expected-error @+1 {{with quantized lhs expects quantized rhs, got 'f32'}}
  %0 = edge.matmul %a, %b : (tensor<3x5x!quant.uniform<i8:f32, 0.1:-3>>, tensor<5x7xf32>) -> tensor<3x7x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @mm_quant_axis(%a: tensor<3x2x!quant.uniform<i8:f32, 0.1:-3>>, %b: tensor<2x7x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) {
  // expected-error @+1 {{per-axis rhs quantization must be along its last (N) dimension}}
  %0 = edge.matmul %a, %b : (tensor<3x2x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x7x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) -> tensor<3x7x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

//===--- elementwise ---===//

func.func @bin_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{operand shapes are not broadcast-compatible (3 vs 4 in dimension 1)}}
  %0 = edge.add %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @bin_result_dim(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{result dimension 1 is 1, expected 3 from broadcasting}}
  %0 = edge.sub %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x1xf32>
  return
}

// -----

func.func @bin_result_rank(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{result rank 3 differs from the broadcast rank 2}}
  %0 = edge.mul %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<1x2x3xf32>
  return
}

// -----

func.func @bin_mixed(%a: tensor<3xf32>, %b: tensor<3xi32>) {
  // expected-error @+1 {{mixes element types 'f32' and 'i32' (use edge.cast, edge.quantize or edge.dequantize)}}
  %0 = edge.div %a, %b : (tensor<3xf32>, tensor<3xi32>) -> tensor<3xf32>
  return
}

// -----

func.func @bin_int_widths(%a: tensor<3xi8>, %b: tensor<3xi32>) {
  // expected-error @+1 {{mixes element types 'i8' and 'i32'}}
  %0 = edge.add %a, %b : (tensor<3xi8>, tensor<3xi32>) -> tensor<3xi32>
  return
}

// -----

func.func @bin_per_axis(%a: tensor<2x3x!quant.uniform<i8:f32, 0.1:-3>>, %b: tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) {
  // expected-error @+1 {{expects per-tensor quantized operands, got}}
  %0 = edge.add %a, %b : (tensor<2x3x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.1:-3>>
  return
}

// -----

func.func @bin_quant_storage(%a: tensor<3x!quant.uniform<i8:f32, 0.1:-3>>, %b: tensor<3x!quant.uniform<i16:f32, 0.1>>) {
  // expected-error @+1 {{mixes quantized storage types of}}
  %0 = edge.add %a, %b : (tensor<3x!quant.uniform<i8:f32, 0.1:-3>>, tensor<3x!quant.uniform<i16:f32, 0.1>>) -> tensor<3x!quant.uniform<i8:f32, 0.1:-3>>
  return
}

// -----

func.func @max_params(%a: tensor<3x!quant.uniform<i8:f32, 0.1:-3>>, %b: tensor<3x!quant.uniform<i8:f32, 0.2:5>>) {
  // expected-error @+1 {{expects identical quantization parameters, got}}
  %0 = edge.maximum %a, %b : (tensor<3x!quant.uniform<i8:f32, 0.1:-3>>, tensor<3x!quant.uniform<i8:f32, 0.2:5>>) -> tensor<3x!quant.uniform<i8:f32, 0.1:-3>>
  return
}

// -----

func.func @min_params(%a: tensor<3x!quant.uniform<i8:f32, 0.1:-3>>) {
  // expected-error @+1 {{expects identical quantization parameters, got}}
  %0 = edge.minimum %a, %a : (tensor<3x!quant.uniform<i8:f32, 0.1:-3>>, tensor<3x!quant.uniform<i8:f32, 0.1:-3>>) -> tensor<3x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @mod_quant(%a: tensor<3x!quant.uniform<i8:f32, 0.1:-3>>) {
  // expected-error @+1 {{has no quantized form}}
  %0 = edge.mod %a, %a : (tensor<3x!quant.uniform<i8:f32, 0.1:-3>>, tensor<3x!quant.uniform<i8:f32, 0.1:-3>>) -> tensor<3x!quant.uniform<i8:f32, 0.1:-3>>
  return
}

// -----

func.func @add_int_tanh(%a: tensor<3xi32>) {
  // expected-error @+1 {{fused activation 'tanh' needs a float result}}
  %0 = edge.add %a, %a {fused_activation = #edge.act<tanh>} : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return
}

// -----

func.func @unary_int_kind(%a: tensor<3xi32>) {
  // expected-error @+1 {{'exp' has no integer form (only abs, neg, sign)}}
  %0 = edge.unary <exp> %a : tensor<3xi32> -> tensor<3xi32>
  return
}

// -----

func.func @unary_domain(%a: tensor<3xf32>) {
  // expected-error @+1 {{mixes element types 'f32' and}}
  %0 = edge.unary <exp> %a : tensor<3xf32> -> tensor<3x!quant.uniform<i8:f32, 0.1:-3>>
  return
}

// -----

func.func @unary_shape(%a: tensor<3xf32>) {
  // expected-error @+1 {{requires the same shape for all operands and results}}
  %0 = edge.unary <exp> %a : tensor<3xf32> -> tensor<4xf32>
  return
}

// -----

func.func @activation_domain(%a: tensor<3x!quant.uniform<i8:f32, 0.1:-3>>) {
  // expected-error @+1 {{mixes element types}}
  %0 = edge.activation %a {act = #edge.act<relu>} : tensor<3x!quant.uniform<i8:f32, 0.1:-3>> -> tensor<3xf32>
  return
}

// -----

func.func @activation_int(%a: tensor<3xi8>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 32-bit float or uniform quantized type}}
  %0 = edge.activation %a {act = #edge.act<relu>} : tensor<3xi8> -> tensor<3xi8>
  return
}

// -----

func.func @prelu_alpha(%a: tensor<1x2x2x3xf32>, %s: tensor<2xf32>) {
  // expected-error @+1 {{operand shapes are not broadcast-compatible}}
  %0 = edge.prelu %a, %s : (tensor<1x2x2x3xf32>, tensor<2xf32>) -> tensor<1x2x2x3xf32>
  return
}

// -----

func.func @prelu_shape(%a: tensor<1x2x2x3xf32>, %s: tensor<1x2x2x3xf32>) {
  // expected-error @+1 {{result dimension 3 is 1, expected 3}}
  %0 = edge.prelu %a, %s : (tensor<1x2x2x3xf32>, tensor<1x2x2x3xf32>) -> tensor<1x2x2x1xf32>
  return
}

// -----

func.func @compare_types(%a: tensor<3xf32>, %b: tensor<3xi32>) {
  // expected-error @+1 {{compares different element types 'f32' and 'i32'}}
  %0 = edge.compare <eq> %a, %b : (tensor<3xf32>, tensor<3xi32>) -> tensor<3xi1>
  return
}

// -----

func.func @compare_result_type(%a: tensor<3xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of 1-bit signless integer values}}
  %0 = edge.compare <eq> %a, %a : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi8>
  return
}

// -----

func.func @logical_broadcast(%a: tensor<3xi1>, %b: tensor<2xi1>) {
  // expected-error @+1 {{operand shapes are not broadcast-compatible}}
  %0 = edge.logical <or> %a, %b : (tensor<3xi1>, tensor<2xi1>) -> tensor<3xi1>
  return
}

// -----

func.func @select_types(%c: tensor<3xi1>, %a: tensor<3xf32>, %b: tensor<3xi32>) {
  // expected-error @+1 {{expects the same element type for both values and the result}}
  %0 = edge.select %c, %a, %b : (tensor<3xi1>, tensor<3xf32>, tensor<3xi32>) -> tensor<3xf32>
  return
}

// -----

func.func @select_broadcast(%c: tensor<2x1xi1>, %a: tensor<3xf32>) {
  // expected-error @+1 {{result rank 1 differs from the broadcast rank 2}}
  %0 = edge.select %c, %a, %a : (tensor<2x1xi1>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

//===--- pooling ---===//

func.func @pool_rank(%x: tensor<8x8x4xf32>) {
  // expected-error @+1 {{expects input of rank 4 (NHWC), got rank 3}}
  %0 = edge.max_pool2d %x kernel [2, 2] stride [2, 2] pad [0, 0, 0, 0] : tensor<8x8x4xf32> -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @pool_channels(%x: tensor<1x8x8x4xf32>) {
  // expected-error @+1 {{result dimension 3 is 8, expected 4}}
  %0 = edge.max_pool2d %x kernel [2, 2] stride [2, 2] pad [0, 0, 0, 0] : tensor<1x8x8x4xf32> -> tensor<1x4x4x8xf32>
  return
}

// -----

func.func @pool_spatial(%x: tensor<1x8x8x4xf32>) {
  // expected-error @+1 {{result dimension 1 is 4, expected 3}}
  %0 = edge.avg_pool2d %x kernel [3, 3] stride [2, 2] pad [0, 0, 0, 0] : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @pool_kernel_count(%x: tensor<1x8x8x4xf32>) {
  // expected-error @+1 {{attribute 'kernel' failed to satisfy constraint}}
  %0 = edge.avg_pool2d %x kernel [3] stride [2, 2] pad [0, 0, 0, 0] : tensor<1x8x8x4xf32> -> tensor<1x3x3x4xf32>
  return
}

// -----

func.func @pool_window(%x: tensor<1x2x2x4xf32>) {
  // expected-error @+1 {{window of extent 3 does not fit the padded input of size 2}}
  %0 = edge.max_pool2d %x kernel [3, 3] stride [1, 1] pad [0, 0, 0, 0] : tensor<1x2x2x4xf32> -> tensor<1x1x1x4xf32>
  return
}

// -----

func.func @pool_quant_params(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.1:-3>>) {
  // expected-error @+1 {{expects identical quantization parameters}}
  %0 = edge.avg_pool2d %x kernel [2, 2] stride [2, 2] pad [0, 0, 0, 0] : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.1:-3>> -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @pool_type_change(%x: tensor<1x8x8x4xf32>) {
  // expected-error @+1 {{mixes element types 'f32' and 'i32'}}
  %0 = edge.max_pool2d %x kernel [2, 2] stride [2, 2] pad [0, 0, 0, 0] : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xi32>
  return
}

// -----

//===--- reductions ---===//

func.func @reduce_axis_range(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{axis 2 is out of range [0, 2)}}
  %0 = edge.reduce <sum> %x axes [2] : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_axis_twice(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{reduces axis 1 twice}}
  %0 = edge.reduce <sum> %x axes [1, 1] : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_no_axes(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{expects at least one axis}}
  %0 = edge.reduce <sum> %x axes [] : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @reduce_keep_dims(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result rank 1, expected 2}}
  %0 = edge.reduce <mean> %x axes [1] {keep_dims} : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_shape(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result dimension 0 is 2, expected 3}}
  %0 = edge.reduce <mean> %x axes [0] : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_max_params(%x: tensor<2x3x!quant.uniform<i8:f32, 0.1:-3>>) {
  // expected-error @+1 {{expects identical quantization parameters}}
  %0 = edge.reduce <max> %x axes [1] : tensor<2x3x!quant.uniform<i8:f32, 0.1:-3>> -> tensor<2x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @arg_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{axis -1 is out of range [0, 2)}}
  %0 = edge.arg <argmax> %x axis -1 : tensor<2x3xf32> -> tensor<2xi32>
  return
}

// -----

func.func @arg_shape(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result dimension 0 is 3, expected 2}}
  %0 = edge.arg <argmax> %x axis 1 : tensor<2x3xf32> -> tensor<3xi32>
  return
}

// -----

func.func @arg_result_type(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of 32-bit signless integer or 64-bit signless integer values}}
  %0 = edge.arg <argmin> %x axis 1 : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @cumsum_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{axis 2 is out of range [0, 2)}}
  %0 = edge.cumsum %x axis 2 : tensor<2x3xf32>
  return
}

// -----

func.func @cumsum_negative_axis(%x: tensor<2x3xi32>) {
  // expected-error @+1 {{axis -1 is out of range [0, 2)}}
  %0 = edge.cumsum %x axis -1 : tensor<2x3xi32>
  return
}

// -----

func.func @cumsum_result_type(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "edge.cumsum"(%x) {axis = 0 : i64} : (tensor<2x3xf32>) -> tensor<2x3xi32>
  return
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:-3>
func.func @cumsum_quantized(%x: tensor<4x!qi8>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of}}
  %0 = edge.cumsum %x axis 0 : tensor<4x!qi8>
  return
}

// -----

func.func @softmax_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{axis 2 is out of range [0, 2)}}
  %0 = edge.softmax %x axis 2 : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @softmax_beta(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{beta must be non-zero}}
  %0 = edge.log_softmax %x axis 1 {beta = 0.0 : f32} : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @softmax_domain(%x: tensor<2x3x!quant.uniform<i8:f32, 0.1:-3>>) {
  // expected-error @+1 {{mixes element types}}
  %0 = edge.softmax %x axis 1 : tensor<2x3x!quant.uniform<i8:f32, 0.1:-3>> -> tensor<2x3xf32>
  return
}

// -----

func.func @layer_norm_scale(%x: tensor<2x5x8xf32>, %s: tensor<8xf32>) {
  // expected-error @+1 {{scale shape must equal the normalized shape input.shape[1:]}}
  %0 = edge.layer_norm %x, %s axis 1 : (tensor<2x5x8xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
  return
}

// -----

func.func @layer_norm_bias(%x: tensor<2x5x8xf32>, %s: tensor<8xf32>, %b: tensor<5xf32>) {
  // expected-error @+1 {{bias shape must equal the normalized shape input.shape[2:]}}
  %0 = edge.layer_norm %x, %s, %b axis 2 : (tensor<2x5x8xf32>, tensor<8xf32>, tensor<5xf32>) -> tensor<2x5x8xf32>
  return
}

// -----

func.func @layer_norm_epsilon(%x: tensor<2x5x8xf32>, %s: tensor<8xf32>) {
  // expected-error @+1 {{epsilon must be non-negative}}
  %0 = edge.layer_norm %x, %s axis 2 {epsilon = -1.0 : f32} : (tensor<2x5x8xf32>, tensor<8xf32>) -> tensor<2x5x8xf32>
  return
}

// -----

func.func @layer_norm_quant(%x: tensor<2x8x!quant.uniform<i8:f32, 0.1:-3>>, %s: tensor<8xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 32-bit float values}}
  %0 = edge.layer_norm %x, %s axis 1 : (tensor<2x8x!quant.uniform<i8:f32, 0.1:-3>>, tensor<8xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @instance_norm_rank(%x: tensor<2x8xf32>, %s: tensor<8xf32>) {
  // expected-error @+1 {{expects an input of rank >= 3 (N, spatial..., C)}}
  %0 = edge.instance_norm %x, %s, %s : (tensor<2x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @instance_norm_scale(%x: tensor<1x4x4x8xf32>, %s: tensor<4xf32>) {
  // expected-error @+1 {{scale must have shape [C] = [8]}}
  %0 = edge.instance_norm %x, %s, %s : (tensor<1x4x4x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x4x8xf32>
  return
}

// -----

func.func @lrn_rank(%x: tensor<8xf32>) {
  // expected-error @+1 {{expects an input of rank >= 2 (channels last)}}
  %0 = edge.lrn %x {size = 3 : i64} : tensor<8xf32>
  return
}

// -----

func.func @lrn_size(%x: tensor<1x8xf32>) {
  // expected-error @+1 {{attribute 'size' failed to satisfy constraint}}
  %0 = edge.lrn %x {size = 0 : i64} : tensor<1x8xf32>
  return
}

// -----

//===--- data movement ---===//

func.func @reshape_count(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{element count changes from 6 to 5}}
  %0 = edge.reshape %x : tensor<2x3xf32> -> tensor<5xf32>
  return
}

// -----

func.func @reshape_type(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{element type changes from 'f32' to 'i32'}}
  %0 = edge.reshape %x : tensor<2x3xf32> -> tensor<6xi32>
  return
}

// -----

func.func @reshape_per_axis(%x: tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) {
  // expected-error @+1 {{result has 2 quantization scales for dimension 0 of size 6}}
  %0 = edge.reshape %x : tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>> -> tensor<6x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>
  return
}

// -----

func.func @transpose_perm_size(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{perm has 1 entries for an input of rank 2}}
  %0 = edge.transpose %x perm [1] : tensor<2x3xf32> -> tensor<3x2xf32>
  return
}

// -----

func.func @transpose_perm_repeat(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{perm is not a permutation of [0, 2)}}
  %0 = edge.transpose %x perm [1, 1] : tensor<2x3xf32> -> tensor<3x3xf32>
  return
}

// -----

func.func @transpose_shape(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result dimension 0 is 2, expected 3}}
  %0 = edge.transpose %x perm [1, 0] : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @transpose_per_axis(%x: tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) {
  // expected-error @+1 {{cannot transpose a per-axis quantized tensor without changing its quantized dimension}}
  %0 = edge.transpose %x perm [1, 0] : tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>> -> tensor<3x2x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>
  return
}

// -----

func.func @concat_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{axis 2 is out of range [0, 2)}}
  %0 = edge.concat %x, %x axis 2 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @concat_rank(%x: tensor<2x3xf32>, %y: tensor<3xf32>) {
  // expected-error @+1 {{input 1 has rank 1, expected 2}}
  %0 = edge.concat %x, %y axis 1 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @concat_other_dim(%x: tensor<2x3xf32>, %y: tensor<4x3xf32>) {
  // expected-error @+1 {{input 1 has size 4 in dimension 0, expected 2}}
  %0 = edge.concat %x, %y axis 1 : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x6xf32>
  return
}

// -----

func.func @concat_sum(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result dimension 1 is 5, expected 6}}
  %0 = edge.concat %x, %x axis 1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @concat_quant_params(%x: tensor<2x3x!quant.uniform<i8:f32, 0.1:-3>>, %y: tensor<2x3x!quant.uniform<i8:f32, 0.2:5>>) {
  // expected-error @+1 {{element type changes from}}
  %0 = edge.concat %x, %y axis 1 : (tensor<2x3x!quant.uniform<i8:f32, 0.1:-3>>, tensor<2x3x!quant.uniform<i8:f32, 0.2:5>>) -> tensor<2x6x!quant.uniform<i8:f32, 0.1:-3>>
  return
}

// -----

func.func @split_count(%x: tensor<2x6xf32>) {
  // expected-error @+1 {{has 3 sizes for 2 results}}
  %0:2 = edge.split %x axis 1 sizes [2, 2, 2] : tensor<2x6xf32> -> tensor<2x2xf32>, tensor<2x4xf32>
  return
}

// -----

func.func @split_sum(%x: tensor<2x6xf32>) {
  // expected-error @+1 {{sizes sum to 5, expected 6 (input size along axis 1)}}
  %0:2 = edge.split %x axis 1 sizes [2, 3] : tensor<2x6xf32> -> tensor<2x2xf32>, tensor<2x3xf32>
  return
}

// -----

func.func @split_result(%x: tensor<2x6xf32>) {
  // expected-error @+1 {{result 1 dimension 1 is 3, expected 4}}
  %0:2 = edge.split %x axis 1 sizes [2, 4] : tensor<2x6xf32> -> tensor<2x2xf32>, tensor<2x3xf32>
  return
}

// -----

func.func @split_zero_size(%x: tensor<2x6xf32>) {
  // expected-error @+1 {{attribute 'sizes' failed to satisfy constraint: i64 dense array attribute whose value is positive}}
  %0:2 = edge.split %x axis 1 sizes [0, 6] : tensor<2x6xf32> -> tensor<2x0xf32>, tensor<2x6xf32>
  return
}

// -----

func.func @slice_entries(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{offsets, sizes and strides need 2 entries each}}
  %0 = edge.slice %x offsets [0] sizes [2, 2] strides [1, 1] : tensor<4x4xf32> -> tensor<2x2xf32>
  return
}

// -----

func.func @slice_zero_stride(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{stride of dimension 1 is 0}}
  %0 = edge.slice %x offsets [0, 0] sizes [2, 2] strides [1, 0] : tensor<4x4xf32> -> tensor<2x2xf32>
  return
}

// -----

func.func @slice_bounds(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{dimension 1 reads indices 1..4 outside [0, 4)}}
  %0 = edge.slice %x offsets [0, 1] sizes [2, 2] strides [1, 3] : tensor<4x4xf32> -> tensor<2x2xf32>
  return
}

// -----

func.func @slice_backward_bounds(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{dimension 0 reads indices 1..-1 outside [0, 4)}}
  %0 = edge.slice %x offsets [1, 0] sizes [3, 2] strides [-1, 1] : tensor<4x4xf32> -> tensor<3x2xf32>
  return
}

// -----

func.func @slice_sizes(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{result dimension 1 is 3, expected 2}}
  %0 = edge.slice %x offsets [0, 0] sizes [2, 2] strides [1, 1] : tensor<4x4xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @pad_entries(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{before and after need 2 entries each}}
  %0 = edge.pad <constant> %x before [1] after [1, 1] : tensor<4x4xf32> -> tensor<6x6xf32>
  return
}

// -----

func.func @pad_negative(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{attribute 'before' failed to satisfy constraint: i64 dense array attribute whose value is non-negative}}
  %0 = edge.pad <constant> %x before [1, -1] after [1, 1] : tensor<4x4xf32> -> tensor<6x4xf32>
  return
}

// -----

func.func @pad_shape(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{result dimension 1 is 5, expected 6}}
  %0 = edge.pad <constant> %x before [1, 1] after [1, 1] : tensor<4x4xf32> -> tensor<6x5xf32>
  return
}

// -----

func.func @pad_reflect(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{reflect padding of dimension 1 must be smaller than its size 4}}
  %0 = edge.pad <reflect> %x before [0, 4] after [0, 0] : tensor<4x4xf32> -> tensor<4x8xf32>
  return
}

// -----

func.func @pad_wrap(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{wrap padding of dimension 0 must not exceed its size 4}}
  %0 = edge.pad <wrap> %x before [5, 0] after [0, 0] : tensor<4x4xf32> -> tensor<9x4xf32>
  return
}

// -----

func.func @pad_edge_empty(%x: tensor<0x4xf32>) {
  // expected-error @+1 {{edge padding of empty dimension 0}}
  %0 = edge.pad <edge> %x before [1, 0] after [0, 0] : tensor<0x4xf32> -> tensor<1x4xf32>
  return
}

// -----

func.func @pad_value_mode(%x: tensor<4xf32>) {
  // expected-error @+1 {{a pad value only applies to constant mode}}
  %0 = edge.pad <edge> %x before [1] after [1] {value = 1.0 : f64} : tensor<4xf32> -> tensor<6xf32>
  return
}

// -----

func.func @pad_value_int(%x: tensor<4xi32>) {
  // expected-error @+1 {{pad value 5.000000e-01 is not an integer ('i32' tensor)}}
  %0 = edge.pad <constant> %x before [1] after [1] {value = 0.5 : f64} : tensor<4xi32> -> tensor<6xi32>
  return
}

// -----

func.func @pad_value_bool(%x: tensor<4xi1>) {
  // expected-error @+1 {{pad value of an i1 tensor must be 0 or 1}}
  %0 = edge.pad <constant> %x before [1] after [1] {value = 2.0 : f64} : tensor<4xi1> -> tensor<6xi1>
  return
}

// -----

func.func @tile_entries(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{multiples has 1 entries for an input of rank 2}}
  %0 = edge.tile %x multiples [2] : tensor<2x3xf32> -> tensor<4x3xf32>
  return
}

// -----

func.func @tile_shape(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{result dimension 1 is 3, expected 6}}
  %0 = edge.tile %x multiples [2, 2] : tensor<2x3xf32> -> tensor<4x3xf32>
  return
}

// -----

func.func @broadcast_rank(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{cannot broadcast rank 2 to rank 1}}
  %0 = edge.broadcast_to %x : tensor<2x3xf32> -> tensor<3xf32>
  return
}

// -----

func.func @broadcast_dim(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{input dimension 1 (3) does not broadcast to 4}}
  %0 = edge.broadcast_to %x : tensor<2x3xf32> -> tensor<4x2x4xf32>
  return
}

// -----

func.func @gather_axis(%x: tensor<2x3xf32>, %i: tensor<4xi32>) {
  // expected-error @+1 {{axis 2 is out of range [0, 2)}}
  %0 = edge.gather %x, %i axis 2 : (tensor<2x3xf32>, tensor<4xi32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @gather_shape(%x: tensor<2x3xf32>, %i: tensor<4xi32>) {
  // expected-error @+1 {{result dimension 1 is 3, expected 4}}
  %0 = edge.gather %x, %i axis 1 : (tensor<2x3xf32>, tensor<4xi32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @gather_index_type(%x: tensor<2x3xf32>, %i: tensor<4xi8>) {
  // expected-error @+1 {{operand #1 must be ranked tensor of 32-bit signless integer or 64-bit signless integer values}}
  %0 = edge.gather %x, %i axis 1 : (tensor<2x3xf32>, tensor<4xi8>) -> tensor<2x4xf32>
  return
}

// -----

func.func @resize_nearest_mode(%x: tensor<1x4x4x8xf32>) {
  // expected-error @+1 {{nearest_mode only applies to nearest resize}}
  %0 = edge.resize <bilinear> %x coordinates <half_pixel> rounding <floor> : tensor<1x4x4x8xf32> -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @resize_channels(%x: tensor<1x4x4x8xf32>) {
  // expected-error @+1 {{result dimension 3 is 4, expected 8}}
  %0 = edge.resize <bilinear> %x coordinates <half_pixel> : tensor<1x4x4x8xf32> -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @resize_quant_params(%x: tensor<1x4x4x8x!quant.uniform<i8:f32, 0.1:-3>>) {
  // expected-error @+1 {{expects identical quantization parameters}}
  %0 = edge.resize <nearest> %x coordinates <asymmetric> : tensor<1x4x4x8x!quant.uniform<i8:f32, 0.1:-3>> -> tensor<1x8x8x8x!quant.uniform<i8:f32, 0.2:5>>
  return
}

// -----

func.func @d2s_channels(%x: tensor<1x4x4x6xf32>) {
  // expected-error @+1 {{input channels 6 are not divisible by block_size^2 = 4}}
  %0 = edge.depth_to_space %x block 2 : tensor<1x4x4x6xf32> -> tensor<1x8x8x1xf32>
  return
}

// -----

func.func @d2s_shape(%x: tensor<1x4x4x8xf32>) {
  // expected-error @+1 {{result dimension 2 is 4, expected 8}}
  %0 = edge.depth_to_space %x block 2 : tensor<1x4x4x8xf32> -> tensor<1x8x4x2xf32>
  return
}

// -----

func.func @s2d_divisible(%x: tensor<1x5x4x8xf32>) {
  // expected-error @+1 {{input dimension 1 (5) is not divisible by block_size 2}}
  %0 = edge.space_to_depth %x block 2 : tensor<1x5x4x8xf32> -> tensor<1x2x2x32xf32>
  return
}

// -----

func.func @s2d_shape(%x: tensor<1x4x4x8xf32>) {
  // expected-error @+1 {{result dimension 3 is 8, expected 32}}
  %0 = edge.space_to_depth %x block 2 : tensor<1x4x4x8xf32> -> tensor<1x2x2x8xf32>
  return
}

// -----

func.func @topk_k(%x: tensor<2x6xf32>) {
  // expected-error @+1 {{k = 7 exceeds the axis size 6}}
  %0:2 = edge.topk %x k 7 axis 1 : tensor<2x6xf32> -> tensor<2x7xf32>, tensor<2x7xi64>
  return
}

// -----

func.func @topk_shape(%x: tensor<2x6xf32>) {
  // expected-error @+1 {{result dimension 1 is 6, expected 3}}
  %0:2 = edge.topk %x k 3 axis 1 : tensor<2x6xf32> -> tensor<2x3xf32>, tensor<2x6xi64>
  return
}

// -----

func.func @topk_values_type(%x: tensor<2x6xf32>) {
  // expected-error @+1 {{element type changes from 'f32' to 'i32'}}
  %0:2 = edge.topk %x k 3 axis 1 : tensor<2x6xf32> -> tensor<2x3xi32>, tensor<2x3xi64>
  return
}

// -----

//===--- conversions ---===//

func.func @cast_quant(%x: tensor<4xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of 32-bit float or 1-bit signless integer}}
  %0 = edge.cast %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.1:-3>>
  return
}

// -----

func.func @cast_shape(%x: tensor<4xf32>) {
  // expected-error @+1 {{requires the same shape for all operands and results}}
  %0 = edge.cast %x : tensor<4xf32> -> tensor<2xi32>
  return
}

// -----

func.func @quantize_axis(%x: tensor<4xf32>) {
  // expected-error @+1 {{result is quantized along dimension 1, beyond its rank 1}}
  %0 = edge.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32:1, {0.5, 0.25}>>
  return
}

// -----

func.func @quantize_scales(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{result has 2 quantization scales for dimension 0 of size 3}}
  %0 = edge.quantize %x : tensor<3x2xf32> -> tensor<3x2x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>
  return
}

// -----

func.func @quantize_to_int(%x: tensor<4xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor of uniform quantized type}}
  %0 = edge.quantize %x : tensor<4xf32> -> tensor<4xi8>
  return
}

// -----

func.func @dequantize_scales(%x: tensor<3x2x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) {
  // expected-error @+1 {{input has 2 quantization scales for dimension 0 of size 3}}
  %0 = edge.dequantize %x : tensor<3x2x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>> -> tensor<3x2xf32>
  return
}

// -----

func.func @dequantize_float(%x: tensor<4xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of uniform quantized type}}
  %0 = edge.dequantize %x : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @requantize_per_axis(%x: tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>>) {
  // expected-error @+1 {{expects per-tensor quantized input and result}}
  %0 = edge.requantize %x : tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {0.5, 0.25}>> -> tensor<2x3x!quant.uniform<i8:f32, 0.1:-3>>
  return
}

// -----

func.func @conv2d_integer_result(%x: tensor<1x4x4x2xi16>, %w: tensor<3x1x1x2xi16>) {
  // expected-error @+1 {{with i16 input expects an i16 filter and an i32 result}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x2xi16>, tensor<3x1x1x2xi16>) -> tensor<1x4x4x3xi16>
  return
}

// -----

func.func @conv2d_integer_bias(%x: tensor<1x4x4x2xi16>, %w: tensor<3x1x1x2xi16>, %b: tensor<3xf32>) {
  // expected-error @+1 {{with i16 input expects an i32 bias of 3 elements}}
  %0 = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] : (tensor<1x4x4x2xi16>, tensor<3x1x1x2xi16>, tensor<3xf32>) -> tensor<1x4x4x3xi32>
  return
}

// -----

func.func @conv2d_integer_activation(%x: tensor<1x4x4x2xi16>, %w: tensor<3x1x1x2xi16>) {
  // expected-error @+1 {{integer convolution takes no fused activation}}
  %0 = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] {fused_activation = #edge.act<relu>} : (tensor<1x4x4x2xi16>, tensor<3x1x1x2xi16>) -> tensor<1x4x4x3xi32>
  return
}

// -----

func.func @ui8_outside_cast(%x: tensor<4xui8>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of}}
  %0 = edge.reshape %x : tensor<4xui8> -> tensor<2x2xui8>
  return
}

// -----

// Element types without a runtime kernel are invalid (the op->kernel
// description, lib/Dialect/Edge/EdgeKernels.cpp, is part of verification).
func.func @no_kernel_reduce_i8(%x: tensor<4x2xi8>) -> tensor<2xi8> {
  // expected-error @+1 {{'edge.reduce' op has no runtime kernel for element types (i8) -> (i8)}}
  %0 = edge.reduce <sum> %x axes [0] : tensor<4x2xi8> -> tensor<2xi8>
  return %0 : tensor<2xi8>
}

// -----

func.func @no_kernel_cumsum_i8(%x: tensor<4x2xi8>) -> tensor<4x2xi8> {
  // expected-error @+1 {{'edge.cumsum' op has no runtime kernel for element types (i8) -> (i8)}}
  %0 = edge.cumsum %x axis 0 : tensor<4x2xi8>
  return %0 : tensor<4x2xi8>
}

// -----

func.func @no_kernel_cumsum_i1(%x: tensor<4xi1>) -> tensor<4xi1> {
  // expected-error @+1 {{'edge.cumsum' op has no runtime kernel for element types (i1) -> (i1)}}
  %0 = edge.cumsum %x axis 0 : tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:-3>
func.func @no_kernel_quantized_maximum(%a: tensor<2x3x!qi8>) -> tensor<2x3x!qi8> {
  // expected-error @+1 {{'edge.maximum' op no quantized kernel for this op}}
  %0 = edge.maximum %a, %a : (tensor<2x3x!qi8>, tensor<2x3x!qi8>) -> tensor<2x3x!qi8>
  return %0 : tensor<2x3x!qi8>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:-3>
func.func @no_kernel_quantized_compare(%a: tensor<4x!qi8>) -> tensor<4xi1> {
  // expected-error @+1 {{'edge.compare' op has no runtime kernel for element types (!quant.uniform<i8:f32, 1.000000e-01:-3>, !quant.uniform<i8:f32, 1.000000e-01:-3>) -> (i1)}}
  %0 = edge.compare <lt> %a, %a : (tensor<4x!qi8>, tensor<4x!qi8>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

!qi8 = !quant.uniform<i8:f32, 0.1:-3>
!qo8 = !quant.uniform<i8:f32, 0.2:5>
func.func @no_kernel_quantized_reduce(%q: tensor<1x8x8x4x!qi8>) -> tensor<1x4x!qo8> {
  // expected-error @+1 {{'edge.reduce' op has no runtime kernel for element types}}
  %0 = edge.reduce <mean> %q axes [1, 2] : tensor<1x8x8x4x!qi8> -> tensor<1x4x!qo8>
  return %0 : tensor<1x4x!qo8>
}

// -----

func.func @no_kernel_mixed_binary(%a: tensor<4xf32>, %b: tensor<4xi32>) -> tensor<4xf32> {
  // expected-error @+1 {{'edge.pow' op}}
  %0 = edge.pow %a, %b : (tensor<4xf32>, tensor<4xi32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Counts and sizes the runtime's int32_t cannot hold are invalid (a 2^31
// element tensor would otherwise reach the kernel as a count of 0).
func.func @no_kernel_count_beyond_int32(%x: tensor<65536x32768xf32>) -> tensor<65536x32768xf32> {
  // expected-error @+1 {{'edge.unary' op has a size, count or parameter beyond the 32-bit integers of the runtime's edgert_unary_f32}}
  %0 = edge.unary <abs> %x : tensor<65536x32768xf32> -> tensor<65536x32768xf32>
  return %0 : tensor<65536x32768xf32>
}

// -----

func.func @no_kernel_dim_beyond_int32(%x: tensor<1x2147483648xf32>) -> tensor<1x2147483648xf32> {
  // expected-error @+1 {{beyond the 32-bit integers of the runtime's edgert_transpose}}
  %0 = edge.transpose %x perm [0, 1] : tensor<1x2147483648xf32> -> tensor<1x2147483648xf32>
  return %0 : tensor<1x2147483648xf32>
}
