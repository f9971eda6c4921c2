//===- EdgeAttrs.td - attributes and enums of the edge dialect -*- tablegen -*-===//
//
// Enums that select a kernel variant (activation, reduction, comparison, ...)
// and the `#edge.act<...>` fused-activation attribute.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_DIALECT_EDGE_EDGEATTRS_TD
#define EDGEC_DIALECT_EDGE_EDGEATTRS_TD

include "edgec/Dialect/Edge/EdgeDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

class Edge_I32Enum<string name, string summary, list<I32EnumAttrCase> cases>
    : I32EnumAttr<name, summary, cases> {
  let cppNamespace = "::edgec::edge";
  let genSpecializedAttr = 0;
}

// Printed `<value>` in op formats and `#edge.mnemonic<value>` elsewhere.
class Edge_EnumAttr<Edge_I32Enum enumInfo, string mnemonic>
    : EnumAttr<Edge_Dialect, enumInfo, mnemonic> {
  let assemblyFormat = "`<` $value `>`";
}

//===----------------------------------------------------------------------===//
// Fused activation
//===----------------------------------------------------------------------===//

def Edge_ActivationKind : Edge_I32Enum<"ActivationKind",
    "activation function applied to a kernel's output", [
  I32EnumAttrCase<"none", 0>,
  I32EnumAttrCase<"relu", 1>,
  I32EnumAttrCase<"relu6", 2>,
  I32EnumAttrCase<"relu_n1_to_1", 3>,
  I32EnumAttrCase<"clip", 4>,
  I32EnumAttrCase<"leaky_relu", 5>,
  I32EnumAttrCase<"hard_swish", 6>,
  I32EnumAttrCase<"sigmoid", 7>,
  I32EnumAttrCase<"tanh", 8>
]> {
  let description = [{
    `none` is the identity. `relu` = max(x, 0), `relu6` = min(max(x, 0), 6),
    `relu_n1_to_1` = min(max(x, -1), 1), `clip` = min(max(x, min), max),
    `leaky_relu` = x < 0 ? alpha * x : x, `hard_swish` = x * relu6(x + 3) / 6,
    `sigmoid` = 1 / (1 + exp(-x)), `tanh` = tanh(x).
  }];
}

def Edge_ActivationAttr : AttrDef<Edge_Dialect, "Activation"> {
  let mnemonic = "act";
  let summary = "an activation function with its parameters";
  let description = [{
    Names an activation function that a kernel applies to every output
    element before it is stored (in the quantized domain: to the requantized
    value, so that clamping activations become a clamp of the integer
    range). `clip` carries `min` and `max` (min <= max), `leaky_relu`
    carries `alpha`; no other kind takes parameters. Parameters are f32.

    ```mlir
    #edge.act<relu>
    #edge.act<clip, min = 0.0, max = 6.0>
    #edge.act<leaky_relu, alpha = 0.1>
    ```

    On ops the attribute is optional (named `fused_activation`); absent
    means `none`.
  }];
  let parameters = (ins
    EnumParameter<Edge_ActivationKind>:$kind,
    OptionalParameter<"::mlir::FloatAttr", "lower bound of clip">:$min,
    OptionalParameter<"::mlir::FloatAttr", "upper bound of clip">:$max,
    OptionalParameter<"::mlir::FloatAttr", "negative slope of leaky_relu">:$alpha
  );
  let builders = [
    AttrBuilder<(ins "ActivationKind":$kind), [{
      return $_get($_ctxt, kind, ::mlir::FloatAttr(), ::mlir::FloatAttr(),
                   ::mlir::FloatAttr());
    }]>
  ];
  let extraClassDeclaration = [{
    /// A `clip` activation with bounds [lo, hi].
    static ActivationAttr getClip(::mlir::MLIRContext *ctx, float lo, float hi);
    /// A `leaky_relu` activation with negative slope `slope`.
    static ActivationAttr getLeakyRelu(::mlir::MLIRContext *ctx, float slope);
    /// True for `none`.
    bool isIdentity() const { return getKind() == ActivationKind::none; }
    /// The clamp interval [lo, hi] the activation implies in real values, if
    /// it is a pure clamp (relu, relu6, relu_n1_to_1, clip, none).
    std::optional<std::pair<double, double>> getClampRange() const;
  }];
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

//===----------------------------------------------------------------------===//
// Kind enums of grouped ops
//===----------------------------------------------------------------------===//

def Edge_UnaryKind : Edge_I32Enum<"UnaryKind",
    "elementwise function of edge.unary", [
  I32EnumAttrCase<"abs", 0>,
  I32EnumAttrCase<"neg", 1>,
  I32EnumAttrCase<"sign", 2>,
  I32EnumAttrCase<"sqrt", 3>,
  I32EnumAttrCase<"rsqrt", 4>,
  I32EnumAttrCase<"reciprocal", 5>,
  I32EnumAttrCase<"exp", 6>,
  I32EnumAttrCase<"log", 7>,
  I32EnumAttrCase<"floor", 8>,
  I32EnumAttrCase<"ceil", 9>,
  I32EnumAttrCase<"round", 10>,
  I32EnumAttrCase<"erf", 11>,
  I32EnumAttrCase<"sin", 12>,
  I32EnumAttrCase<"cos", 13>,
  I32EnumAttrCase<"softplus", 14>,
  I32EnumAttrCase<"softsign", 15>,
  I32EnumAttrCase<"gelu", 16>,
  I32EnumAttrCase<"gelu_tanh", 17>
]> {
  let description = [{
    `round` rounds half to even (ONNX Round). `gelu` is the exact
    x * (1 + erf(x / sqrt(2))) / 2, `gelu_tanh` the tanh approximation.
  }];
}
def Edge_UnaryKindAttr : Edge_EnumAttr<Edge_UnaryKind, "unary_kind">;

def Edge_ReduceKind : Edge_I32Enum<"ReduceKind", "reduction of edge.reduce", [
  I32EnumAttrCase<"sum", 0>,
  I32EnumAttrCase<"mean", 1>,
  I32EnumAttrCase<"max", 2>,
  I32EnumAttrCase<"min", 3>,
  I32EnumAttrCase<"prod", 4>
]>;
def Edge_ReduceKindAttr : Edge_EnumAttr<Edge_ReduceKind, "reduce_kind">;

def Edge_ArgKind : Edge_I32Enum<"ArgKind", "selection of edge.arg", [
  I32EnumAttrCase<"argmax", 0>,
  I32EnumAttrCase<"argmin", 1>
]>;
def Edge_ArgKindAttr : Edge_EnumAttr<Edge_ArgKind, "arg_kind">;

def Edge_CompareKind : Edge_I32Enum<"CompareKind", "predicate of edge.compare", [
  I32EnumAttrCase<"eq", 0>,
  I32EnumAttrCase<"ne", 1>,
  I32EnumAttrCase<"lt", 2>,
  I32EnumAttrCase<"le", 3>,
  I32EnumAttrCase<"gt", 4>,
  I32EnumAttrCase<"ge", 5>
]>;
def Edge_CompareKindAttr : Edge_EnumAttr<Edge_CompareKind, "compare_kind">;

def Edge_LogicalKind : Edge_I32Enum<"LogicalKind",
    "binary boolean function of edge.logical", [
  I32EnumAttrCase<"And", 0, "and">,
  I32EnumAttrCase<"Or", 1, "or">,
  I32EnumAttrCase<"Xor", 2, "xor">
]>;
def Edge_LogicalKindAttr : Edge_EnumAttr<Edge_LogicalKind, "logical_kind">;

def Edge_PadMode : Edge_I32Enum<"PadMode", "how edge.pad fills the border", [
  I32EnumAttrCase<"constant", 0>,
  I32EnumAttrCase<"reflect", 1>,
  I32EnumAttrCase<"edge", 2>,
  I32EnumAttrCase<"wrap", 3>
]> {
  let description = [{
    `constant` fills with the op's value, `reflect` mirrors without repeating
    the border element (ONNX/numpy `reflect`), `edge` repeats the border
    element, `wrap` continues periodically.
  }];
}
def Edge_PadModeAttr : Edge_EnumAttr<Edge_PadMode, "pad_mode">;

def Edge_ResizeMode : Edge_I32Enum<"ResizeMode", "interpolation of edge.resize", [
  I32EnumAttrCase<"nearest", 0>,
  I32EnumAttrCase<"bilinear", 1>,
  I32EnumAttrCase<"bicubic", 2>
]>;
def Edge_ResizeModeAttr : Edge_EnumAttr<Edge_ResizeMode, "resize_mode">;

def Edge_CoordinateMode : Edge_I32Enum<"CoordinateMode",
    "how edge.resize maps output to input coordinates", [
  I32EnumAttrCase<"asymmetric", 0>,
  I32EnumAttrCase<"align_corners", 1>,
  I32EnumAttrCase<"half_pixel", 2>,
  I32EnumAttrCase<"pytorch_half_pixel", 3>
]> {
  let description = [{
    With scale = in / out: `asymmetric` x_in = x_out * scale;
    `align_corners` x_in = x_out * (in - 1) / (out - 1);
    `half_pixel` x_in = (x_out + 0.5) * scale - 0.5;
    `pytorch_half_pixel` as half_pixel but 0 when out == 1. edge.resize's
    optional `scale` replaces out / in (and out by in * scale).
  }];
}
def Edge_CoordinateModeAttr
    : Edge_EnumAttr<Edge_CoordinateMode, "coordinate_mode">;

def Edge_NearestMode : Edge_I32Enum<"NearestMode",
    "rounding of the source coordinate for nearest resize", [
  I32EnumAttrCase<"round_prefer_floor", 0>,
  I32EnumAttrCase<"round_prefer_ceil", 1>,
  I32EnumAttrCase<"floor", 2>,
  I32EnumAttrCase<"ceil", 3>
]>;
def Edge_NearestModeAttr : Edge_EnumAttr<Edge_NearestMode, "nearest_mode">;

def Edge_DepthToSpaceMode : Edge_I32Enum<"DepthToSpaceMode",
    "channel order of edge.depth_to_space", [
  I32EnumAttrCase<"dcr", 0>,
  I32EnumAttrCase<"crd", 1>
]> {
  let description = [{
    `dcr` (depth-column-row, TFLite and ONNX default): output channel c of
    block position (by, bx) reads input channel (by * block + bx) * C_out + c.
    `crd` (column-row-depth, ONNX mode="CRD"): it reads input channel
    c * block * block + by * block + bx.
  }];
}
def Edge_DepthToSpaceModeAttr
    : Edge_EnumAttr<Edge_DepthToSpaceMode, "depth_to_space_mode">;

#endif // EDGEC_DIALECT_EDGE_EDGEATTRS_TD
