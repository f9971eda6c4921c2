// RUN: edgec-opt %s --edge-quantize -split-input-file | FileCheck %s
// RUN: edgec-opt %s --edge-quantize="per-channel=false" -split-input-file | FileCheck %s --check-prefix=TENSOR
// RUN: edgec-opt %s --edge-quantize="activations=int16" -split-input-file | FileCheck %s --check-prefix=I16
// RUN: not edgec-opt %s --edge-quantize="activations=int4" 2>&1 | FileCheck %s --check-prefix=BADOPT

// BADOPT: edge-quantize: activations must be int8 or int16, got 'int4'

// Per-channel symmetric filter (0.5 / 127 and 0.25 / 127), asymmetric input
// [0, 1] -> scale 1/255, zero point -128 (int16: symmetric 1/32767, zero
// point 0, int64 bias); bias = round(b / (s_in * s_w[c])):
// 0.1 * 255 * 127 / 0.5 = 6477 and -0.2 * 255 * 127 / 0.25 = -25908. The
// result range [0, 0.6] gives 0.6/255. The signature stays f32.
// CHECK-LABEL: func.func @conv(
// CHECK-SAME: %[[X:.*]]: tensor<1x2x2x1xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NOT: edge.calibration
// CHECK-DAG: %[[W:.*]] = edge.constant dense<{{\[\[\[\[}}127]]], {{\[\[\[}}-127]]]]> : tensor<2x1x1x1xi8> -> tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32:0, {0.0039370078593492508,0.0019685039296746254}>>
// CHECK-DAG: %[[B:.*]] = edge.constant dense<[6477, -25908]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32:0, {1.5439247420313308E-5,7.7196237101566541E-6}>>
// CHECK-DAG: %[[Q:.*]] = edge.quantize %[[X]] : tensor<1x2x2x1xf32> -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.0039215688593685627:-128>>
// CHECK: %[[Y:.*]] = edge.conv2d %[[Q]], %[[W]], %[[B]] {{.*}} {fused_activation = #edge.act<relu>} : {{.*}} -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.002352941082790494:-128>>
// CHECK: %[[D:.*]] = edge.dequantize %[[Y]]
// CHECK: return %[[D]] : tensor<1x2x2x2xf32>
// TENSOR-LABEL: func.func @conv(
// TENSOR-DAG: edge.constant dense<{{\[\[\[\[}}127]]], {{\[\[\[}}-64]]]]> : tensor<2x1x1x1xi8> -> tensor<2x1x1x1x!quant.uniform<i8<-127:127>:f32, 0.0039370078593492508>>
// TENSOR-DAG: edge.constant dense<[6477, -12954]> : tensor<2xi32> -> tensor<2x!quant.uniform<i32:f32, 1.5439247420313308E-5>>
// I16-LABEL: func.func @conv(
// I16-DAG: edge.constant dense<[832282, -3329127]> : tensor<2xi64>
// I16-DAG: edge.quantize %{{.*}} : tensor<1x2x2x1xf32> -> tensor<1x2x2x1x!quant.uniform<i16:f32, 3.0518509447574615E-5>>
// I16: edge.conv2d {{.*}} -> tensor<1x2x2x2x!quant.uniform<i16:f32, 1.831110603234265E-5>>
func.func @conv(%x: tensor<1x2x2x1xf32> {edge.calibration = array<f64: 0.0, 1.0>}) -> tensor<1x2x2x2xf32> {
  %w = edge.constant dense<[[[[0.5]]], [[[-0.25]]]]> : tensor<2x1x1x1xf32>
  %b = edge.constant dense<[0.1, -0.2]> : tensor<2xf32>
  %y = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] {fused_activation = #edge.act<relu>, edge.calibration = [array<f64: 0.0, 0.6>]} : (tensor<1x2x2x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %y : tensor<1x2x2x2xf32>
}

// -----

// Pooling and reshapes keep their input's parameters; softmax produces the
// specification's 1/256 with zero point -128.
// CHECK-LABEL: func.func @chain(
// CHECK: %[[C:.*]] = edge.conv2d {{.*}} -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.0039215688593685627:-1>>
// CHECK: %[[P:.*]] = edge.max_pool2d %[[C]] {{.*}} -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.0039215688593685627:-1>>
// CHECK: %[[R:.*]] = edge.reshape %[[P]] {{.*}} -> tensor<1x8x!quant.uniform<i8:f32, 0.0039215688593685627:-1>>
// CHECK: %[[F:.*]] = edge.fully_connected %[[R]], {{.*}} -> tensor<1x3x!quant.uniform<i8:f32, 0.015686275437474251:-1>>
// CHECK: %[[S:.*]] = edge.softmax %[[F]] {{.*}} -> tensor<1x3x!quant.uniform<i8:f32, 3.906250e-03:-128>>
// CHECK: edge.dequantize %[[S]]
// I16-LABEL: func.func @chain(
// I16: edge.conv2d {{.*}} -> tensor<1x4x4x2x!quant.uniform<i16:f32, 1.5259254723787308E-5>>
// I16: edge.max_pool2d {{.*}} -> tensor<1x2x2x2x!quant.uniform<i16:f32, 1.5259254723787308E-5>>
// I16: edge.reshape {{.*}} -> tensor<1x8x!quant.uniform<i16:f32, 1.5259254723787308E-5>>
// I16: edge.fully_connected {{.*}} -> tensor<1x3x!quant.uniform<i16:
// I16: %[[D:.*]] = edge.dequantize
// I16: edge.softmax %[[D]] {{.*}}edge.float_fallback = "no int16 kernel"
func.func @chain(%x: tensor<1x4x4x1xf32> {edge.calibration = array<f64: -1.0, 1.0>}) -> tensor<1x3xf32> {
  %w = edge.constant dense<0.5> : tensor<2x1x1x1xf32>
  %y = edge.conv2d %x, %w stride [1, 1] dilation [1, 1] pad [0, 0, 0, 0] {edge.calibration = [array<f64: -0.5, 0.5>]} : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x4x4x2xf32>
  %p = edge.max_pool2d %y kernel [2, 2] stride [2, 2] pad [0, 0, 0, 0] {edge.calibration = [array<f64: -0.5, 0.5>]} : tensor<1x4x4x2xf32> -> tensor<1x2x2x2xf32>
  %r = edge.reshape %p {edge.calibration = [array<f64: -0.5, 0.5>]} : tensor<1x2x2x2xf32> -> tensor<1x8xf32>
  %fw = edge.constant dense<0.25> : tensor<3x8xf32>
  %f = edge.fully_connected %r, %fw {edge.calibration = [array<f64: -2.0, 2.0>]} : (tensor<1x8xf32>, tensor<3x8xf32>) -> tensor<1x3xf32>
  %s = edge.softmax %f axis 1 {edge.calibration = [array<f64: 0.0, 1.0>]} : tensor<1x3xf32> -> tensor<1x3xf32>
  return %s : tensor<1x3xf32>
}

// -----

// Ops without an integer kernel stay f32 between dequantize and quantize and
// say why; a fused non-clamp activation keeps its op in float.
// CHECK-LABEL: func.func @fallback(
// CHECK: %[[F:.*]] = edge.fully_connected {{.*}} -> tensor<1x4x!quant.uniform<i8:f32, 0.015686275437474251:-1>>
// CHECK: %[[D:.*]] = edge.dequantize %[[F]]
// CHECK: %[[N:.*]] = edge.layer_norm %[[D]], {{.*}} {edge.float_fallback = "no int8 kernel"} : (tensor<1x4xf32>, tensor<4xf32>) -> tensor<1x4xf32>
// CHECK: %[[Q:.*]] = edge.quantize %[[N]] : tensor<1x4xf32> -> tensor<1x4x!quant.uniform<i8:f32, 0.023529412224888802:-1>>
// CHECK: %[[A:.*]] = edge.add %[[Q]], %[[F]] : {{.*}} -> tensor<1x4x!quant.uniform<i8:f32, 0.031372550874948502:-1>>
// CHECK: %[[AD:.*]] = edge.dequantize %[[A]]
// CHECK: edge.fully_connected %[[AD]], %{{.*}} {edge.float_fallback = "fused sigmoid activation (integer kernels fuse clamps only)", fused_activation = #edge.act<sigmoid>} : (tensor<1x4xf32>, tensor<4x4xf32>) -> tensor<1x4xf32>
func.func @fallback(%x: tensor<1x4xf32> {edge.calibration = array<f64: -1.0, 1.0>}) -> tensor<1x4xf32> {
  %w = edge.constant dense<0.5> : tensor<4x4xf32>
  %f = edge.fully_connected %x, %w {edge.calibration = [array<f64: -2.0, 2.0>]} : (tensor<1x4xf32>, tensor<4x4xf32>) -> tensor<1x4xf32>
  %g = edge.constant dense<1.0> : tensor<4xf32>
  %n = edge.layer_norm %f, %g axis 1 {edge.calibration = [array<f64: -3.0, 3.0>]} : (tensor<1x4xf32>, tensor<4xf32>) -> tensor<1x4xf32>
  %a = edge.add %n, %f {edge.calibration = [array<f64: -4.0, 4.0>]} : (tensor<1x4xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %s = edge.fully_connected %a, %w {fused_activation = #edge.act<sigmoid>, edge.calibration = [array<f64: 0.0, 1.0>]} : (tensor<1x4xf32>, tensor<4x4xf32>) -> tensor<1x4xf32>
  return %s : tensor<1x4xf32>
}

// -----

// Constant operands are quantized at compile time from their own range
// ([-2, 1]: scale 3/255, zero point 42); tanh produces 1/128 with zero point
// 0; concat requantizes inputs whose parameters differ from its own.
// CHECK-LABEL: func.func @concat(
// CHECK-DAG: %[[C:.*]] = edge.constant dense<{{\[\[}}127, -128]]> : tensor<1x2xi8> -> tensor<1x2x!quant.uniform<i8:f32, 0.011764706112444401:42>>
// CHECK: %[[M:.*]] = edge.mul %{{.*}}, %[[C]] : {{.*}} -> tensor<1x2x!quant.uniform<i8:f32, 0.015686275437474251:-1>>
// CHECK: %[[T:.*]] = edge.activation {{.*}} -> tensor<1x2x!quant.uniform<i8:f32, 7.812500e-03>>
// CHECK: %[[R:.*]] = edge.requantize %[[T]] : {{.*}} -> tensor<1x2x!quant.uniform<i8:f32, 0.015686275437474251:-1>>
// CHECK: %[[K:.*]] = edge.concat %[[M]], %[[R]] axis 1 : {{.*}} -> tensor<1x4x!quant.uniform<i8:f32, 0.015686275437474251:-1>>
func.func @concat(%x: tensor<1x2xf32> {edge.calibration = array<f64: -1.0, 1.0>}, %y: tensor<1x2xf32> {edge.calibration = array<f64: 0.0, 4.0>}) -> tensor<1x4xf32> {
  %c = edge.constant dense<[[1.0, -2.0]]> : tensor<1x2xf32>
  %m = edge.mul %x, %c {edge.calibration = [array<f64: -2.0, 2.0>]} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x2xf32>
  %t = edge.activation %y {act = #edge.act<tanh>, edge.calibration = [array<f64: 0.0, 1.0>]} : tensor<1x2xf32> -> tensor<1x2xf32>
  %k = edge.concat %m, %t axis 1 {edge.calibration = [array<f64: -2.0, 2.0>]} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x4xf32>
  return %k : tensor<1x4xf32>
}

// -----

// Without a calibration range an op stays f32 and says so.
// CHECK-LABEL: func.func @uncalibrated(
// CHECK: edge.fully_connected {{.*}}edge.float_fallback = "no calibration range for the input"
func.func @uncalibrated(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %w = edge.constant dense<0.5> : tensor<4x4xf32>
  %f = edge.fully_connected %x, %w {edge.calibration = [array<f64: -2.0, 2.0>]} : (tensor<1x4xf32>, tensor<4x4xf32>) -> tensor<1x4xf32>
  return %f : tensor<1x4xf32>
}
