//===- Passes.td - quantization passes ---------------------*- tablegen -*-===//
#ifndef EDGEC_PASSES_QUANTIZE_PASSES_TD
#define EDGEC_PASSES_QUANTIZE_PASSES_TD

include "mlir/Pass/PassBase.td"

def EdgeQuantize : Pass<"edge-quantize", "::mlir::func::FuncOp"> {
  let summary = "post-training quantization of a calibrated float edge function";
  let description = [{
    Rewrites a `func.func` of f32 edge ops into TFLite-style integer ops,
    using the ranges the calibration recorded: the op attribute
    `edge.calibration` (one `array<f64: min, max>` per result, an empty array
    for results that are not f32) and the argument attribute of the same name.

    * Activations: per-tensor asymmetric int8 (`activations=int8`: scale and
      zero point from the range widened to include 0, the zero point nudged
      to an integer), or symmetric int16 with zero point 0
      (`activations=int16`, TFLite's 16x8 scheme).
    * Weights of edge.conv2d, edge.depthwise_conv2d and
      edge.fully_connected (constant filters only): symmetric int8 in
      [-127, 127], per output channel (`per-channel`, the default) or per
      tensor. Bias: int32 (int64 for int16 activations) with scale
      input_scale * filter_scale[channel] and zero point 0.
    * Scales are rounded to f32, as ONNX and TFLite store them.
    * Ops whose results must keep their input's parameters (pooling, data
      movement, nearest resize) take the input's type; edge.concat
      requantizes its inputs to its own range; softmax and sigmoid produce
      scale 1/256 with zero point -128, tanh 1/128 with zero point 0 (the
      TFLite int8 specification); other activations and edge.unary
      functions go through 256-entry lookup tables with their own output
      range.
    * Anything without an integer kernel stays f32, with edge.dequantize /
      edge.quantize inserted at the domain boundaries, and is marked with
      `edge.float_fallback = "<reason>"`, which the compile report lists.
      Data-movement ops follow their input's domain.
    * The function keeps its f32 signature: inputs are quantized where an
      integer consumer needs them, results dequantized.

    The pass removes the `edge.calibration` attributes it has used.
  }];
  let options = [
    Option<"activations", "activations", "std::string", /*default=*/"\"int8\"",
           "activation type: int8 (asymmetric) or int16 (symmetric, 16x8)">,
    Option<"perChannel", "per-channel", "bool", /*default=*/"true",
           "quantize weights per output channel (else per tensor)">,
  ];
  let dependentDialects = ["::mlir::quant::QuantDialect"];
}

def EdgeSplitActivations : Pass<"edge-split-activations", "::mlir::func::FuncOp"> {
  let summary = "moves non-clamp fused activations out into edge.activation";
  let description = [{
    Integer kernels apply a fused activation as a clamp of the requantized
    result; sigmoid, tanh, hard_swish and leaky_relu need a kernel (a lookup
    table) of their own. This pass rewrites `op {fused_activation = f}` with
    such an `f` into `op` followed by `edge.activation f`, so that
    calibration sees the pre-activation range and edge-quantize can give
    both ops integer kernels. Clamp activations (relu, relu6, relu_n1_to_1,
    clip) stay fused. Run it before calibration.
  }];
  let dependentDialects = ["::edgec::edge::EdgeDialect"];
}

#endif // EDGEC_PASSES_QUANTIZE_PASSES_TD
