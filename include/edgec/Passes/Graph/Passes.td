//===- Passes.td - graph passes on the onnx dialect --------*- tablegen -*-===//
//
// passes/Graph: shape/constant folding, BN folding and decomposition on the
// `onnx` dialect, run between the importer and convert-onnx-to-edge, and
// onnx-graph-cleanup, the pipeline of them that every front end runs. Each
// pass lives in its own file under passes/Graph/. The passes are op-agnostic:
// they rewrite every onnx op nested under the op they run on.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_PASSES_GRAPH_PASSES_TD
#define EDGEC_PASSES_GRAPH_PASSES_TD

include "mlir/Pass/PassBase.td"

def OnnxFoldConstants : Pass<"onnx-fold-constants"> {
  let summary = "Evaluate onnx ops whose operands are constants and refine "
                "dynamic result types";
  let description = [{
    Evaluates, following ONNX semantics exactly, every op whose operands are
    all constants (or `none`), for the ops PyTorch's shape arithmetic
    produces: Shape (needs only the input's static dimensions), Gather
    (negative indices), Concat, Reshape (0 / -1 entries, `allowzero`),
    Unsqueeze, Squeeze, Slice (clamping, negative axes and steps), Cast,
    ConstantOfShape (default value 0.0f), Range (count
    `max(ceil((limit - start) / delta), 0)`), Expand, Tile, Transpose,
    Identity, Equal/Less/Greater, Where, Add/Sub/Mul/Div, Max/Min, Neg,
    Not/And/Or (numpy broadcasting throughout). Unlike the ops' folders,
    the result may have a type more static than the op's (the constant's
    type then replaces it).

    A result that is not a splat is folded only when it has at most
    `max(1 << 16, elements of the operands)` elements, so folding never
    grows the IR beyond what was already there (transposing a weight is
    allowed, expanding a shape to a huge tensor is not). Folded results
    stay `dense_resource` blobs when an operand was one and they are larger
    than 64 elements.

    Result types that are not static are refined when they can be inferred
    from static operand types and constant shape operands: elementwise
    unary ops, broadcasting binary/variadic ops and Where, Cast, Reshape,
    Flatten, Transpose, Squeeze/Unsqueeze, Concat, Expand, Tile, Slice,
    Gather, MatMul, Gemm, Conv, MaxPool/AveragePool (explicit pads or
    auto_pad, ceil_mode), GlobalAveragePool/GlobalMaxPool. A refined value
    returned by `func.return` updates the function's result types. Values
    with users outside the onnx and func dialects are never retyped.

    It also removes ops that are no-ops on their input (same type): Expand
    to a shape that does not broadcast, Tile by all-ones repeats, Slice
    covering every axis entirely with step 1, constant-mode Pad with all
    pads zero. (Identity, Cast to the same type, no-op Reshape/Transpose
    and one-input Concat are folded by the ops' own folders, inference
    Dropout by the dialect's canonicalizer.)
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def OnnxFoldBatchNorm : Pass<"onnx-fold-batchnorm"> {
  let summary = "Fold inference BatchNormalization into the preceding Conv, "
                "ConvTranspose or Gemm";
  let description = [{
    Rewrites `BatchNormalization(Conv(x, W, b))` (training_mode 0, running
    statistics outputs unused) into one Conv with

      s  = scale / sqrt(var + epsilon)          (per output channel)
      W' = W * s                                (along W's output channels)
      b' = (b - mean) * s + B                   (b = 0 when absent)

    when W, b and the four BN parameters are constants and the Conv's only
    user is the BN. ConvTranspose (output channels along W's second axis,
    per group) and Gemm (B scaled along N for both transB; new
    C' = (beta * C - mean) * s + B, beta' = 1, C absent, scalar or of N
    elements) fold the same way. Arithmetic is done in double and rounded
    once to the element type; the result differs from running the two ops
    in float by rounding only (BN folding is never bit-exact).

    New weights are `dense_resource` blobs when the old ones were (as the
    importer makes them); inline constants stay inline. A BN that does not
    follow such an op is left for onnx-decompose.
  }];
}

def OnnxDecompose : Pass<"onnx-decompose"> {
  let summary = "Rewrite onnx ops not worth a kernel of their own into "
                "simpler onnx ops";
  let description = [{
    Rewrites, each exactly as ONNX's reference computes it unless noted:

    - BatchNormalization (training_mode 0, constant parameters, running
      statistics unused) -> `Mul(X, s) + t` with constants `s = scale /
      sqrt(var + eps)`, `t = B - mean * s` of shape [C, 1, ..., 1].
      NOT bit-exact: the reference computes `(X - mean) / sqrt(var + eps) *
      scale + B`; the difference is rounding (at most a few ulp).
    - Sum with two or more inputs -> a left-to-right chain of Add; Mean ->
      that chain, then Div by the input count; Max/Min with more than two
      inputs -> a left-to-right chain of two-input Max/Min; one-input
      Sum/Mean/Max/Min -> its input (when the types agree).
    - Softsign(x) -> x / (1 + Abs(x)).
    - Upsample(X, scales, mode) -> Resize(X, none, scales, none) with
      coordinate_transformation_mode "asymmetric" and nearest_mode "floor"
      (Upsample's definition).
    - Flatten -> Reshape to the constant 2-D shape (static input only).
    - Squeeze/Unsqueeze with a static result -> Reshape to that constant
      shape.
    - Gemm with beta != 1 and a constant C -> C' = beta * C (elementwise in
      the element type, as the reference does), beta = 1; alpha != 1 with a
      constant B -> B' = alpha * B, alpha = 1, only when alpha is a power of
      two and every product is exact (then the two are equal barring
      overflow/underflow of partial sums).

    Kept as they are: HardSigmoid, Softplus, Selu, Elu, Expand with a
    constant shape, GlobalAveragePool, Sub of a constant.
  }];
}

def OnnxGraphCleanup : Pass<"onnx-graph-cleanup"> {
  let summary = "Graph cleanup on the onnx dialect before lowering: "
                "onnx-fold-constants, canonicalize, onnx-fold-batchnorm, "
                "onnx-decompose, canonicalize, cse";
  let description = [{
    Runs, as one pass, the pipeline every front end runs between the
    importer and convert-onnx-to-edge (edgec::buildGraphCleanupPipeline,
    passes/Graph/GraphCleanup.cpp):

      onnx-fold-constants, canonicalize, onnx-fold-batchnorm,
      onnx-decompose, canonicalize, cse

    on the op it is scheduled on (typically builtin.module). Shape
    arithmetic folds first so that BN folding and decomposition see static
    types and constant operands; the second canonicalize and cse clean up
    what the rewrites leave behind. It fails when one of them fails.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

#endif // EDGEC_PASSES_GRAPH_PASSES_TD
