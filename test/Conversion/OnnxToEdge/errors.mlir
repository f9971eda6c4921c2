// RUN: edgec-opt %s --convert-onnx-to-edge --split-input-file -verify-diagnostics

func.func @resize_cubic_int(%x: tensor<1x1x2x2xi8>) -> tensor<1x1x4x4xi8> {
  %none = onnx.NoValue
  %s = onnx.Constant dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>
  // expected-error @unknown {{node 'Resize_2' (onnx.Resize): element type i8 is not supported (float lowering handles f32)}}
  %y = "onnx.Resize"(%x, %none, %s, %none) <{mode = "cubic"}> : (tensor<1x1x2x2xi8>, none, tensor<4xf32>, none) -> tensor<1x1x4x4xi8> loc("Resize_2")
  return %y : tensor<1x1x4x4xi8>
}

// -----

func.func @resize_tf_crop(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32> {
  %none = onnx.NoValue
  %s = onnx.Constant dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>
  // expected-error @unknown {{node 'Resize_3' (onnx.Resize): coordinate_transformation_mode 'tf_crop_and_resize' has no edge kernel}}
  %y = "onnx.Resize"(%x, %none, %s, %none) <{mode = "linear", coordinate_transformation_mode = "tf_crop_and_resize"}> : (tensor<1x1x2x2xf32>, none, tensor<4xf32>, none) -> tensor<1x1x4x4xf32> loc("Resize_3")
  return %y : tensor<1x1x4x4xf32>
}

// -----

func.func @dropout_training(%x: tensor<3x4xf32>, %r: tensor<f32>, %t: tensor<i1>) -> tensor<3x4xf32> {
  // expected-error @unknown {{node 'drop' (onnx.Dropout): training-mode Dropout (training_mode not a constant false, ratio not a constant 0) is random: it has no edge kernel}}
  %y, %m = "onnx.Dropout"(%x, %r, %t) <{seed = 0 : i64}> : (tensor<3x4xf32>, tensor<f32>, tensor<i1>) -> (tensor<3x4xf32>, none) loc("drop")
  return %y : tensor<3x4xf32>
}

// -----

func.func @layer_norm_stats_not_f32(%x: tensor<3x4xf32>, %s: tensor<4xf32>) -> (tensor<3x4xf32>, tensor<3x1xi32>) {
  %none = onnx.NoValue
  // expected-error @unknown {{node 'ln' (onnx.LayerNormalization): element type i32 is not supported (float lowering handles f32)}}
  %y, %m, %i = "onnx.LayerNormalization"(%x, %s, %none) <{axis = 1 : i64, epsilon = 1.0e-05 : f32, stash_type = 1 : i64}> : (tensor<3x4xf32>, tensor<4xf32>, none) -> (tensor<3x4xf32>, tensor<3x1xi32>, none) loc("ln")
  return %y, %m : tensor<3x4xf32>, tensor<3x1xi32>
}

// -----

func.func @conv3d(%x: tensor<1x1x4x4x4xf32>) -> tensor<1x1x2x2x2xf32> {
  %w = onnx.Constant dense<1.0> : tensor<1x1x3x3x3xf32>
  %none = onnx.NoValue
  // expected-error @unknown {{node 'c3' (onnx.Conv): 3-D convolution has no edge kernel}}
  %y = "onnx.Conv"(%x, %w, %none) <{auto_pad = "NOTSET", group = 1 : i64, kernel_shape = array<i64: 3, 3, 3>}> : (tensor<1x1x4x4x4xf32>, tensor<1x1x3x3x3xf32>, none) -> tensor<1x1x2x2x2xf32> loc("c3")
  return %y : tensor<1x1x2x2x2xf32>
}

// -----

func.func @dynamic(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @unknown {{node 'r' (onnx.Relu): operand 0 has type tensor<?x4xf32>: edge needs static shapes (give --input-shape on import)}}
  %y = "onnx.Relu"(%x) : (tensor<?x4xf32>) -> tensor<?x4xf32> loc("r")
  return %y : tensor<?x4xf32>
}

// -----

func.func @filter_not_f32(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xi8>) -> tensor<1x1x2x2xf32> {
  %none = onnx.NoValue
  // expected-error @unknown {{node 'conv' (onnx.Conv): element type i8 is not supported (float lowering handles f32)}}
  %y = "onnx.Conv"(%x, %w, %none) <{auto_pad = "NOTSET", group = 1 : i64, kernel_shape = array<i64: 3, 3>}> : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xi8>, none) -> tensor<1x1x2x2xf32> loc("conv")
  return %y : tensor<1x1x2x2xf32>
}

// -----

func.func @slice_dynamic(%x: tensor<8xf32>, %s: tensor<1xi64>) -> tensor<4xf32> {
  %e = onnx.Constant dense<[8]> : tensor<1xi64>
  %none = onnx.NoValue
  // expected-error @unknown {{node 'sl' (onnx.Slice): starts and ends must be constants}}
  %y = "onnx.Slice"(%x, %s, %e, %none, %none) : (tensor<8xf32>, tensor<1xi64>, tensor<1xi64>, none, none) -> tensor<4xf32> loc("sl")
  return %y : tensor<4xf32>
}

// -----

func.func @topk_dynamic(%x: tensor<8xf32>, %k: tensor<1xi64>) -> (tensor<3xf32>, tensor<3xi64>) {
  // expected-error @unknown {{node 'tk' (onnx.TopK): K is not a constant: dynamic TopK has no edge kernel}}
  %v, %i = "onnx.TopK"(%x, %k) <{axis = -1 : i64, largest = 1 : i64, sorted = 1 : i64}> : (tensor<8xf32>, tensor<1xi64>) -> (tensor<3xf32>, tensor<3xi64>) loc("tk")
  return %v, %i : tensor<3xf32>, tensor<3xi64>
}

// -----

func.func @no_lowering(%x: tensor<4xf32>) -> tensor<4xi64> {
  // expected-error @unknown {{node 'shape' (onnx.Shape): has no lowering to edge}}
  %y = "onnx.Shape"(%x) <{start = 0 : i64}> : (tensor<4xf32>) -> tensor<1xi64> loc("shape")
  %z = "onnx.Expand"(%x, %y) : (tensor<4xf32>, tensor<1xi64>) -> tensor<4xf32>
  %c = "onnx.Cast"(%z) <{to = 7 : i64}> : (tensor<4xf32>) -> tensor<4xi64>
  return %c : tensor<4xi64>
}

// -----

func.func @pow_i64(%x: tensor<3xi64>) -> tensor<3xi64> {
  // expected-error @unknown {{node 'pw' (onnx.Pow): element type i64 has no edge kernel (f32, i8, i16, i32)}}
  %y = "onnx.Pow"(%x, %x) : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64> loc("pw")
  return %y : tensor<3xi64>
}

// -----

// A CumSum axis given as a graph input: the error names the input and how to
// make it a constant.
func.func @cumsum_axis_input(%x: tensor<2x3xf32> {onnx.name = "x"}, %axis: tensor<i32> {onnx.name = "axis"}) -> tensor<2x3xf32> {
  // expected-error @unknown {{node 'cs' (onnx.CumSum): axis is graph input 'axis', not a constant (give --freeze-input axis=FILE)}}
  %y = "onnx.CumSum"(%x, %axis) <{exclusive = 0 : i64, reverse = 0 : i64}> : (tensor<2x3xf32>, tensor<i32>) -> tensor<2x3xf32> loc("cs")
  return %y : tensor<2x3xf32>
}

// -----

func.func @cumsum_i16(%x: tensor<4xi16>) -> tensor<4xi16> {
  %axis = onnx.Constant dense<0> : tensor<i64>
  // expected-error @unknown {{node 'cs16' (onnx.CumSum): element type i16 has no edge.cumsum kernel (f32, i32, i64)}}
  %y = "onnx.CumSum"(%x, %axis) <{exclusive = 0 : i64, reverse = 0 : i64}> : (tensor<4xi16>, tensor<i64>) -> tensor<4xi16> loc("cs16")
  return %y : tensor<4xi16>
}
