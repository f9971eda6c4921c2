// RUN: edgec-opt %s --convert-onnx-to-edge -split-input-file -verify-diagnostics

func.func @scale_not_constant(%x: tensor<4xf32>, %s: tensor<f32>) -> tensor<4xi8> {
  %z = onnx.Constant dense<0> : tensor<i8>
  // expected-error @unknown {{node 'q' (onnx.QuantizeLinear): y scale is not a constant (edgec needs the quantization parameters at compile time)}}
  %q = "onnx.QuantizeLinear"(%x, %s, %z) <{axis = 1 : i64}> : (tensor<4xf32>, tensor<f32>, tensor<i8>) -> tensor<4xi8> loc("q")
  return %q : tensor<4xi8>
}

// -----

func.func @qlinear_conv_3d(%x: tensor<1x1x2x2x2xi8>, %w: tensor<1x1x1x1x1xi8>) -> tensor<1x1x2x2x2xi8> {
  %s = onnx.Constant dense<0.5> : tensor<f32>
  %z = onnx.Constant dense<0> : tensor<i8>
  %none = onnx.NoValue
  // expected-error @unknown {{node 'qc' (onnx.QLinearConv): only 2-D integer convolutions are supported}}
  %y = "onnx.QLinearConv"(%x, %s, %z, %w, %s, %z, %s, %z, %none) <{auto_pad = "NOTSET", group = 1 : i64}> : (tensor<1x1x2x2x2xi8>, tensor<f32>, tensor<i8>, tensor<1x1x1x1x1xi8>, tensor<f32>, tensor<i8>, tensor<f32>, tensor<i8>, none) -> tensor<1x1x2x2x2xi8> loc("qc")
  return %y : tensor<1x1x2x2x2xi8>
}

// -----

func.func @matmul_per_row_a(%a: tensor<2x3xi8>, %b: tensor<3x2xi8>) -> tensor<2x2xi32> {
  %az = onnx.Constant dense<[1, 2]> : tensor<2xi8>
  %none = onnx.NoValue
  // expected-error @unknown {{node 'mi' (onnx.MatMulInteger): per-row a zero points are not supported}}
  %y = "onnx.MatMulInteger"(%a, %b, %az, %none) : (tensor<2x3xi8>, tensor<3x2xi8>, tensor<2xi8>, none) -> tensor<2x2xi32> loc("mi")
  return %y : tensor<2x2xi32>
}
