//===- Passes.td - edgec's conversion passes ----------------*- tablegen -*-===//
//
// The onnx -> edge conversion and the two edge-level clean-ups it runs (and
// that are also passes of their own, so each is testable alone).
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

def EdgeFoldTransposes : Pass<"edge-fold-transposes"> {
  let summary = "cancels and sinks edge.transpose ops";
  let description = [{
    * transpose(transpose(x, p), q) becomes one transpose (or x when the
      composition is the identity);
    * a transpose that only moves unit dimensions becomes an edge.reshape,
      and reshape(reshape(x)) one reshape;
    * transposes of constants are folded into new constants;
    * elementwise ops whose operands are all transposes with the same
      permutation, or constants, compute in the untransposed layout and
      are followed by one transpose (constant operands are permuted at
      compile time: a per-channel [C, 1, 1] constant becomes [1, 1, C]);
      this covers edge.add/sub/mul/div/maximum/minimum/pow, edge.activation,
      edge.unary, edge.prelu (constant slope) and edge.cast;
    * a fully_connected whose input is reshape(transpose(x)) to [N, K]
      with constant weights permutes the weight columns instead.
  }];
  let dependentDialects = ["::edgec::edge::EdgeDialect"];
}

def EdgeFuseActivations : Pass<"edge-fuse-activations"> {
  let summary = "folds edge.activation into its producer";
  let description = [{
    An edge.activation whose operand is produced by an op implementing
    FusedActivationOpInterface (conv2d, depthwise_conv2d, transpose_conv2d,
    fully_connected, matmul, add, sub, mul, div, max/avg_pool2d) that has no
    activation yet and no other use is removed and its activation set on the
    producer.
  }];
  let dependentDialects = ["::edgec::edge::EdgeDialect"];
}

#endif // EDGEC_CONVERSION_PASSES_TD
