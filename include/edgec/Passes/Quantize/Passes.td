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
      Data-movement ops follow their input's domain (on a float input
      they stay float without being a fallback).
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

def EdgeFoldQDQ : Pass<"edge-fold-qdq", "::mlir::func::FuncOp"> {
  let summary = "folds dequantize -> f32 op -> quantize into integer ops";
  let description = [{
    A pre-quantized ONNX QDQ model (QuantizeLinear / DequantizeLinear
    around float ops, as ONNX Runtime's quantize_static or PyTorch export
    them) lowers to f32 edge ops whose operands are `edge.dequantize` of
    quantized values (weights: quantized `edge.constant`) and whose results
    are only used by `edge.quantize`. This pass rewrites such an op into its
    integer form with the model's own scales and zero points -- no
    calibration -- when the rule table edge-quantize uses (QuantRules.h)
    gives it one:

    * conv2d / depthwise_conv2d / fully_connected: int8 input, int8
      weights with zero point 0 (per tensor or per output channel; a
      transposed weight constant is permuted at compile time), int32 bias
      (the model's when its scale is input_scale * weight_scale, else its
      real values requantized to that scale);
    * add / mul / matmul and lookup-table activations: any parameters;
    * data movement and pooling: input and output parameters identical;
    * concat: inputs requantized to the output's parameters;
    * softmax / sigmoid / tanh: the TFLite fixed output parameters, then
      edge.requantize to the model's.

    The result must verify (edge's integer rules); otherwise the op stays
    f32 between its dequantize / quantize and gets
    `edge.float_fallback = "<reason>"` (e.g. a non-zero weight zero point,
    which edge's kernels cannot take: the float op then computes with the
    exactly dequantized weights). Ops outside QDQ pairs are left alone.
  }];
  let dependentDialects = ["::mlir::quant::QuantDialect",
                           "::edgec::edge::EdgeDialect"];
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
