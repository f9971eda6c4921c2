//===- Passes.td - edgec's conversion passes ----------------*- tablegen -*-===//
//
// The onnx -> edge conversion. The edge-level clean-ups it runs after lowering
// (edge-fold-transposes, edge-fuse-activations) are passes of their own in
// include/edgec/Passes/Edge/Passes.td.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_CONVERSION_PASSES_TD
#define EDGEC_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertOnnxToEdge : Pass<"convert-onnx-to-edge", "mlir::ModuleOp"> {
  let summary = "lowers the onnx dialect (NCHW) to the edge dialect (NHWC)";
  let description = [{
    Lowers every onnx op of every function to edge ops (f32). Window ops
    (Conv, ConvTranspose, MaxPool, AveragePool, global pooling, Resize,
    DepthToSpace, SpaceToDepth) are wrapped in edge.transpose NCHW->NHWC
    / NHWC->NCHW; constant weights are transposed at compile time (OIHW ->
    OHWI, 1HW(C*M) for depthwise, [N, K] for fully_connected). An onnx.Pad
    of zeros on spatial axes feeding a Conv or a count_include_pad
    AveragePool is folded into the window's pads.

    After lowering the pass runs the patterns of `edge-fold-transposes`
    (cancels inverse transpose pairs and sinks transposes through
    elementwise ops) and `edge-fuse-activations`, then removes dead ops.

    `io-layout=nhwc` makes every rank-4 function argument and result NHWC:
    the caller then passes and receives channels-last data, and a model of
    convolutions and elementwise ops keeps no transposes at all. With the
    default `nchw` the signature is unchanged (ONNX's layout) and at most one
    transpose remains per rank-4 input and output.

    Anything that has no edge form is reported as
    `node '<name>' (<OnnxOp>): <reason>` and the pass fails.
  }];
  let dependentDialects = ["::edgec::edge::EdgeDialect",
                           "::mlir::quant::QuantDialect"];
  let options = [
    Option<"ioLayout", "io-layout", "std::string", /*default=*/"\"nchw\"",
           "layout of rank-4 function arguments and results: nchw (ONNX's, "
           "the default) or nhwc (the caller passes channels-last data)">
  ];
}

#endif // EDGEC_CONVERSION_PASSES_TD
