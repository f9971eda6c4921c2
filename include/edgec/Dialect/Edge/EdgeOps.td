//===- EdgeOps.td - ops of the edge dialect ----------------*- tablegen -*-===//
//
// The kernel level: every op here maps to one runtime kernel family (or to
// pure data movement). Conventions, shared by all ops:
//   * activations are NHWC; filters are OHWI (depthwise: 1HW(C*M));
//   * padding is explicit, [top, left, bottom, right] for 2-D windows and
//     per-dimension before/after for edge.pad;
//   * activation functions are fused into producers (`fused_activation`);
//   * element types are f32, i8, i16, i32 and !quant.uniform (f32 expressed,
//     signed storage); i1 and i64 appear only where an op says so.
//
//===----------------------------------------------------------------------===//
#ifndef EDGEC_DIALECT_EDGE_EDGEOPS_TD
#define EDGEC_DIALECT_EDGE_EDGEOPS_TD

include "edgec/Dialect/Edge/EdgeDialect.td"
include "edgec/Dialect/Edge/EdgeAttrs.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Edge_QuantType : Type<
    CPred<"::edgec::edge::isEdgeQuantType($_self)">,
    "uniform quantized type (per-tensor or per-axis, signed storage of at "
    "most 32 bits, f32 expressed)",
    "::mlir::quant::QuantizedType">;

def Edge_ElementType : AnyTypeOf<[F32, I8, I16, I32, Edge_QuantType],
    "edge element type (f32, i8, i16, i32 or uniform quantized)">;

// Arithmetic tensors: what kernels compute on.
def Edge_Tensor : RankedTensorOf<[Edge_ElementType]>;
// Float or quantized: ops whose integer semantics only exist with a scale.
def Edge_FloatOrQuantTensor : RankedTensorOf<[F32, Edge_QuantType]>;
def Edge_FloatTensor : RankedTensorOf<[F32]>;
// Data movement additionally carries booleans and 64-bit indices.
def Edge_AnyTensor : RankedTensorOf<[Edge_ElementType, I1, I64]>;
// Bias of conv/fully_connected: f32, or the int32 accumulator type (i32 or
// quantized with i32 storage); i64 for 16-bit activations.
def Edge_BiasTensor : RankedTensorOf<[F32, I32, I64, Edge_QuantType]>;
def Edge_IndexTensor : RankedTensorOf<[I32, I64]>;
def Edge_BoolTensor : RankedTensorOf<[I1]>;
def Edge_QuantTensor : RankedTensorOf<[Edge_QuantType]>;
// Plain numbers (no quantization parameters), the domain of edge.cast.
def Edge_NumericTensor : RankedTensorOf<[F32, I1, I8, I16, I32, I64]>;
// edge.cast also converts ONNX uint8 values at function boundaries.
def Edge_CastTensor : RankedTensorOf<[F32, I1, I8, UI8, I16, I32, I64]>;
// conv2d: f32, TFLite-quantized, or plain integer (i16 x i16 -> i32).
def Edge_ConvTensor : RankedTensorOf<[F32, I16, I32, Edge_QuantType]>;
def Edge_ConvBiasTensor : RankedTensorOf<[F32, I32, I64, Edge_QuantType]>;

//===----------------------------------------------------------------------===//
// Attribute constraints
//===----------------------------------------------------------------------===//

def Edge_StrideAttr : ConfinedAttr<DenseI64ArrayAttr,
    [DenseArrayCount<2>, DenseArrayStrictlyPositive<DenseI64ArrayAttr>]>;
def Edge_WindowAttr : ConfinedAttr<DenseI64ArrayAttr,
    [DenseArrayCount<2>, DenseArrayStrictlyPositive<DenseI64ArrayAttr>]>;
// [top, left, bottom, right]
def Edge_Pad4Attr : ConfinedAttr<DenseI64ArrayAttr,
    [DenseArrayCount<4>, DenseArrayNonNegative<DenseI64ArrayAttr>]>;
def Edge_NonNegArrayAttr : ConfinedAttr<DenseI64ArrayAttr,
    [DenseArrayNonNegative<DenseI64ArrayAttr>]>;
def Edge_PosArrayAttr : ConfinedAttr<DenseI64ArrayAttr,
    [DenseArrayStrictlyPositive<DenseI64ArrayAttr>]>;
def Edge_PosI64Attr : ConfinedAttr<I64Attr, [IntPositive]>;

//===----------------------------------------------------------------------===//
// The op->kernel description
//===----------------------------------------------------------------------===//

def Edge_KernelOpInterface : OpInterface<"KernelOpInterface"> {
  let cppNamespace = "::edgec::edge";
  let description = [{
    How an op executes on the runtime: the edgert kernel for its element
    types and the ordered arguments (tensors, shapes, scalars, tables,
    parameter structs built from its attributes and quantization
    parameters), or that it needs no code (a constant, a reshape). Every
    edge op has it (the Edge_Op base class declares it, so an op without a
    description does not link); the implementations, one per op, are in
    lib/Dialect/Edge/EdgeKernels.cpp. Back ends (interpreter, C target,
    later LLVM/NPU) only decide how to call. The verifier runs the
    description: element types without a kernel make the op invalid.
    See include/edgec/Dialect/Edge/KernelCall.h.
  }];
  let methods = [
    InterfaceMethod<[{
        Fills `call` with the kernel call of this op; fails with `why` (a
        reason completing "'edge.op' op ...") when its types have no kernel.
      }],
      "::mlir::LogicalResult", "describeKernel",
      (ins "::edgec::edge::KernelCall &":$call, "std::string &":$why)>
  ];
  // After the op's own verifier: the description may rely on it.
  let verify = [{ return ::edgec::edge::verifyKernelDescription($_op); }];
  let verifyWithRegions = 1;
}

class Edge_Op<string mnemonic, list<Trait> traits = []>
    : Op<Edge_Dialect, mnemonic, !listconcat(traits,
          [DeclareOpInterfaceMethods<Edge_KernelOpInterface>])>;


//===----------------------------------------------------------------------===//
// Interfaces
//===----------------------------------------------------------------------===//

def Edge_FusedActivationOpInterface
    : OpInterface<"FusedActivationOpInterface"> {
  let cppNamespace = "::edgec::edge";
  let description = [{
    Ops that apply an activation function to their result before storing it.
    Fusion passes use this interface to fold a following edge.activation
    into its producer without knowing the producer.
  }];
  let methods = [
    InterfaceMethod<"the fused activation (kind none when absent)",
      "::edgec::edge::ActivationAttr", "getActivation", (ins), [{}], [{
        auto attr = $_op->template getAttrOfType<::edgec::edge::ActivationAttr>(
            "fused_activation");
        return attr ? attr : ::edgec::edge::ActivationAttr::get(
            $_op->getContext(), ::edgec::edge::ActivationKind::none);
      }]>,
    InterfaceMethod<"replaces the fused activation (none removes it)",
      "void", "setActivation", (ins "::edgec::edge::ActivationAttr":$act),
      [{}], [{
        if (!act || act.isIdentity())
          $_op->removeAttr("fused_activation");
        else
          $_op->setAttr("fused_activation", act);
      }]>
  ];
}

//===----------------------------------------------------------------------===//
// Base classes
//===----------------------------------------------------------------------===//

class Edge_FusedOp<string mnemonic, list<Trait> traits = []>
    : Edge_Op<mnemonic, !listconcat(traits,
          [DeclareOpInterfaceMethods<Edge_FusedActivationOpInterface>])>;

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

def Edge_ConstantOp : Edge_Op<"constant", [ConstantLike, Pure,
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>]> {
  let summary = "a constant tensor (weights, biases, tables)";
  let description = [{
    Holds its value as an `ElementsAttr`; weights normally use
    `dense_resource<...>` blobs so they never print inline. The attribute's
    type equals the result type, except for a quantized result: then the
    attribute holds the raw storage values (same shape, integer element type
    of the storage width) and the result carries the quantization
    parameters.

    ```mlir
    %b = edge.constant dense<[1.0, 2.0]> : tensor<2xf32>
    %w = edge.constant dense<[[1, -2]]> : tensor<1x2xi8>
        -> tensor<1x2x!quant.uniform<i8<-127:127>:f32:0, {0.5}>>
    %r = edge.constant dense_resource<conv1_w> : tensor<8x3x3x3xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Edge_AnyTensor:$output);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasFolder = 1;
  let builders = [
    OpBuilder<(ins "::mlir::ElementsAttr":$value), [{
      build($_builder, $_state, ::llvm::cast<::mlir::TensorType>(value.getType()), value);
    }]>
  ];
}

//===----------------------------------------------------------------------===//
// Convolutions and matrix products
//===----------------------------------------------------------------------===//

def Edge_Conv2DOp : Edge_FusedOp<"conv2d", [Pure]> {
  let summary = "2-D convolution, NHWC input, OHWI filter";
  let description = [{
    `input` is [N, H, W, C], `filter` [O, KH, KW, C / groups], the optional
    `bias` [O], the result [N, OH, OW, O] with
    `OH = floor((H + pad_top + pad_bottom - dilation_h * (KH - 1) - 1) / stride_h) + 1`
    (the same for W). `pad` is [top, left, bottom, right]; padding is
    explicit, SAME/VALID and ONNX auto_pad are resolved during lowering.
    `groups` splits the channels into independent groups (O and C divisible
    by `groups`); a convolution with one input channel per group and
    group == C is better expressed as edge.depthwise_conv2d, which kernels
    treat specially. 1-D convolutions are lowered as 2-D with H = 1.

    Quantized (TFLite int8/16x8 rules): the input and result are per-tensor
    quantized; the filter is quantized with zero point 0 (symmetric),
    per-tensor or per-axis on axis 0 (output channel) with O scales; the
    bias is i32 (i64 allowed for 16-bit activations) or quantized with i32
    storage, zero point 0 and scale input_scale * filter_scale[o].
    Float: all operands f32.
    Plain integer (ONNX ConvInteger / QLinearConv with any zero points, after
    zero-point subtraction): i16 input and filter, optional i32 bias, i32
    result accumulated modulo 2^32, no fused activation.

    ```mlir
    %y = edge.conv2d %x, %w, %b stride [1, 1] dilation [1, 1] pad [1, 1, 1, 1]
        {fused_activation = #edge.act<relu>}
        : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>) -> tensor<1x8x8x16xf32>
    ```
  }];
  let arguments = (ins
    Edge_ConvTensor:$input,
    Edge_ConvTensor:$filter,
    Optional<Edge_ConvBiasTensor>:$bias,
    Edge_StrideAttr:$stride,
    Edge_StrideAttr:$dilation,
    Edge_Pad4Attr:$pad,
    DefaultValuedAttr<Edge_PosI64Attr, "1">:$groups,
    OptionalAttr<Edge_ActivationAttr>:$fused_activation
  );
  let results = (outs Edge_ConvTensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? `stride` $stride `dilation` $dilation
    `pad` $pad attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Edge_DepthwiseConv2DOp : Edge_FusedOp<"depthwise_conv2d", [Pure]> {
  let summary = "depthwise 2-D convolution, filter 1 x KH x KW x (C * M)";
  let description = [{
    Each input channel c is convolved with its own `depth_multiplier` (M)
    filters, giving result channels c * M .. c * M + M - 1 (TFLite layout).
    `input` is [N, H, W, C], `filter` [1, KH, KW, C * M], `bias` [C * M],
    result [N, OH, OW, C * M], with the output size arithmetic of
    edge.conv2d. Its own op (not conv2d with groups) because every MCU/NPU
    library has a separate kernel for it. ONNX Conv with group == C lowers
    here (filter [C*M, 1, KH, KW] transposed to [1, KH, KW, C*M]).

    Quantization rules are those of edge.conv2d, with per-axis filter
    quantization on axis 3 (C * M scales).
  }];
  let arguments = (ins
    Edge_FloatOrQuantTensor:$input,
    Edge_FloatOrQuantTensor:$filter,
    Optional<Edge_BiasTensor>:$bias,
    Edge_StrideAttr:$stride,
    Edge_StrideAttr:$dilation,
    Edge_Pad4Attr:$pad,
    DefaultValuedAttr<Edge_PosI64Attr, "1">:$depth_multiplier,
    OptionalAttr<Edge_ActivationAttr>:$fused_activation
  );
  let results = (outs Edge_FloatOrQuantTensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? `stride` $stride `dilation` $dilation
    `pad` $pad attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Edge_TransposeConv2DOp : Edge_FusedOp<"transpose_conv2d", [Pure]> {
  let summary = "2-D transposed convolution (ONNX ConvTranspose), NHWC / OHWI";
  let description = [{
    The gradient of edge.conv2d with respect to its input. `input` is
    [N, H, W, C], `filter` [O, KH, KW, C] (ONNX's [C, O, KH, KW] is
    transposed during lowering), `bias` [O], result [N, OH, OW, O].
    `pad` [top, left, bottom, right] is cropped from the full result:
    `OH = (H - 1) * stride_h + dilation_h * (KH - 1) + 1 - pad_top - pad_bottom + extra`
    where `0 <= extra < stride_h` is ONNX's output_padding, implied by the
    result type (as TFLite's output_shape operand does). Grouped transposed
    convolution is not supported (lowering splits it).

    Quantization rules are those of edge.conv2d (per-axis on axis 0).
  }];
  let arguments = (ins
    Edge_FloatOrQuantTensor:$input,
    Edge_FloatOrQuantTensor:$filter,
    Optional<Edge_BiasTensor>:$bias,
    Edge_StrideAttr:$stride,
    Edge_StrideAttr:$dilation,
    Edge_Pad4Attr:$pad,
    OptionalAttr<Edge_ActivationAttr>:$fused_activation
  );
  let results = (outs Edge_FloatOrQuantTensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? `stride` $stride `dilation` $dilation
    `pad` $pad attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Edge_FullyConnectedOp : Edge_FusedOp<"fully_connected", [Pure]> {
  let summary = "input [..., K] times transposed weights [N, K] plus bias";
  let description = [{
    `output[..., n] = sum_k input[..., k] * weights[n, k] + bias[n]`; the
    result keeps the leading dimensions of the input: [..., N]. Weights are
    stored [N, K] (output-channel major, as CMSIS-NN and TFLite want), so
    ONNX Gemm with transB = 0 transposes its constant B during lowering;
    alpha/beta scaling is folded into the weights and bias.

    Quantization rules are those of edge.conv2d with per-axis weights on
    axis 0 (N scales).
  }];
  let arguments = (ins
    Edge_FloatOrQuantTensor:$input,
    Edge_FloatOrQuantTensor:$weights,
    Optional<Edge_BiasTensor>:$bias,
    OptionalAttr<Edge_ActivationAttr>:$fused_activation
  );
  let results = (outs Edge_FloatOrQuantTensor:$output);
  let assemblyFormat = [{
    $input `,` $weights (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Edge_MatMulOp : Edge_FusedOp<"matmul", [Pure]> {
  let summary = "batched matrix product with broadcasting batch dimensions";
  let description = [{
    `lhs` [..., M, K] times `rhs` [..., K, N] gives [..., M, N]; the batch
    dimensions broadcast (numpy rules). Both operands have rank >= 2 (ONNX
    MatMul's 1-D operands are reshaped during lowering). Use this op for
    products of two activations; products with constant weights should be
    edge.fully_connected.

    Element types: all f32; or all per-tensor quantized (rhs may be per-axis
    on its last axis, with zero point 0); or i8 x i8 -> i32 / i16 x i16 -> i32
    / i32 x i32 -> i32 for plain integer products (ONNX MatMulInteger after
    zero-point subtraction).
  }];
  let arguments = (ins Edge_Tensor:$lhs, Edge_Tensor:$rhs,
                       OptionalAttr<Edge_ActivationAttr>:$fused_activation);
  let results = (outs Edge_Tensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

class Edge_BinaryOp<string mnemonic, string what, list<Trait> traits = []>
    : Edge_Op<mnemonic, !listconcat(traits, [Pure])> {
  let summary = "elementwise " # what # " with broadcasting";
  let arguments = (ins Edge_Tensor:$lhs, Edge_Tensor:$rhs);
  let results = (outs Edge_Tensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  string commonDescription = [{
    Operands broadcast with numpy rules; the result has the broadcast shape.
    Element types: all f32; all the same integer type; or all per-tensor
    quantized with the same storage type (scales and zero points may differ
    between operands and result: the kernel rescales).
  }];
}

class Edge_FusedBinaryOp<string mnemonic, string what, list<Trait> traits = []>
    : Edge_BinaryOp<mnemonic, what, !listconcat(traits,
          [DeclareOpInterfaceMethods<Edge_FusedActivationOpInterface>])> {
  let arguments = (ins Edge_Tensor:$lhs, Edge_Tensor:$rhs,
                       OptionalAttr<Edge_ActivationAttr>:$fused_activation);
}

def Edge_AddOp : Edge_FusedBinaryOp<"add", "addition", [Commutative]> {
  let description = commonDescription;
}
def Edge_SubOp : Edge_FusedBinaryOp<"sub", "subtraction"> {
  let description = commonDescription;
}
def Edge_MulOp : Edge_FusedBinaryOp<"mul", "multiplication", [Commutative]> {
  let description = commonDescription;
}
def Edge_DivOp : Edge_FusedBinaryOp<"div", "division"> {
  let description = commonDescription # [{
    Integer division truncates toward zero (ONNX Div).
  }];
}
def Edge_MaximumOp : Edge_BinaryOp<"maximum", "maximum", [Commutative]> {
  let description = commonDescription # [{
    Quantized operands and result must share scale and zero point (the
    kernel compares stored integers).
  }];
}
def Edge_MinimumOp : Edge_BinaryOp<"minimum", "minimum", [Commutative]> {
  let description = commonDescription # [{
    Quantized operands and result must share scale and zero point (the
    kernel compares stored integers).
  }];
}
def Edge_PowOp : Edge_BinaryOp<"pow", "power lhs ^ rhs"> {
  let description = commonDescription # [{
    Quantized pow is evaluated through a lookup table and needs a constant
    exponent; lowering chooses f32 otherwise.
  }];
}
def Edge_ModOp : Edge_BinaryOp<"mod", "remainder"> {
  let description = [{
    Integer or f32 remainder; the sign follows the divisor (ONNX Mod with
    fmod = 0, TFLite FLOOR_MOD). Operands broadcast; no quantized form.
  }];
}

def Edge_UnaryOp : Edge_Op<"unary", [Pure, SameOperandsAndResultShape]> {
  let summary = "elementwise function selected by `kind`";
  let description = [{
    One op for the parameter-free elementwise functions: they share one
    kernel shape (a loop, or a 256/65536-entry lookup table for quantized
    operands), one typing rule and one lowering. Activation functions that
    can be fused into a producer are not here: see edge.activation.

    Element types: f32 -> f32 for every kind; quantized -> quantized
    (per-tensor, same storage type, parameters may differ) for every kind;
    integer -> same integer for `abs`, `neg` and `sign` only.

    ```mlir
    %y = edge.unary exp %x : tensor<4xf32> -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Edge_UnaryKindAttr:$kind, Edge_Tensor:$input);
  let results = (outs Edge_Tensor:$output);
  let assemblyFormat = [{
    $kind $input attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def Edge_ActivationOp : Edge_Op<"activation",
    [Pure, SameOperandsAndResultShape]> {
  let summary = "a stand-alone activation function";
  let description = [{
    Applies `act` (an `#edge.act<...>`) to every element. Used where the
    activation cannot be fused into a producer (the producer has other uses,
    is a graph input, or has no fused form); fusion passes move it into
    producers that implement FusedActivationOpInterface. ONNX Relu, Clip
    (constant bounds), LeakyRelu, HardSwish, Sigmoid and Tanh lower here.

    Element types: f32 -> f32, or quantized -> quantized (per-tensor, same
    storage type).
  }];
  let arguments = (ins Edge_FloatOrQuantTensor:$input, Edge_ActivationAttr:$act);
  let results = (outs Edge_FloatOrQuantTensor:$output);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def Edge_PReluOp : Edge_Op<"prelu", [Pure]> {
  let summary = "leaky relu with a per-element (usually per-channel) slope tensor";
  let description = [{
    `output = input < 0 ? alpha * input : input`, `alpha` broadcasting to
    the input (for NHWC per-channel slopes: shape [C]). The result has the
    input's shape. Element types: f32, or quantized input/result with a
    quantized alpha (all per-tensor).
  }];
  let arguments = (ins Edge_FloatOrQuantTensor:$input,
                       Edge_FloatOrQuantTensor:$alpha);
  let results = (outs Edge_FloatOrQuantTensor:$output);
  let assemblyFormat = [{
    $input `,` $alpha attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Edge_CompareOp : Edge_Op<"compare", [Pure]> {
  let summary = "elementwise comparison with broadcasting, boolean result";
  let description = [{
    Operands have the same element type (quantized: identical parameters, so
    the kernel compares stored integers) and broadcast; the result is i1 with
    the broadcast shape.
  }];
  let arguments = (ins Edge_CompareKindAttr:$kind, Edge_AnyTensor:$lhs,
                       Edge_AnyTensor:$rhs);
  let results = (outs Edge_BoolTensor:$output);
  let assemblyFormat = [{
    $kind $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Edge_LogicalOp : Edge_Op<"logical", [Pure]> {
  let summary = "elementwise boolean and / or / xor with broadcasting";
  let arguments = (ins Edge_LogicalKindAttr:$kind, Edge_BoolTensor:$lhs,
                       Edge_BoolTensor:$rhs);
  let results = (outs Edge_BoolTensor:$output);
  let assemblyFormat = [{
    $kind $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Edge_LogicalNotOp : Edge_Op<"logical_not",
    [Pure, SameOperandsAndResultType]> {
  let summary = "elementwise boolean negation";
  let description = [{
    Kept apart from edge.logical, whose kinds are binary.
  }];
  let arguments = (ins Edge_BoolTensor:$input);
  let results = (outs Edge_BoolTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def Edge_SelectOp : Edge_Op<"select", [Pure]> {
  let summary = "elementwise choice between two tensors (ONNX Where)";
  let description = [{
    `output = condition ? on_true : on_false`; all three broadcast. The value
    operands and the result have the same element type (quantized:
    identical parameters).
  }];
  let arguments = (ins Edge_BoolTensor:$condition, Edge_AnyTensor:$on_true,
                       Edge_AnyTensor:$on_false);
  let results = (outs Edge_AnyTensor:$output);
  let assemblyFormat = [{
    $condition `,` $on_true `,` $on_false attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Pooling, reductions, normalization
//===----------------------------------------------------------------------===//

class Edge_Pool2DOp<string mnemonic> : Edge_FusedOp<mnemonic, [Pure]> {
  let results = (outs Edge_Tensor:$output);
  let hasVerifier = 1;
  let assemblyFormat = [{
    $input `kernel` $kernel `stride` $stride `pad` $pad attr-dict `:`
    type($input) `->` type($output)
  }];
}

def Edge_MaxPool2DOp : Edge_Pool2DOp<"max_pool2d"> {
  let summary = "2-D max pooling, NHWC";
  let description = [{
    `input` [N, H, W, C] -> [N, OH, OW, C] with
    `OH = floor((H + pad_top + pad_bottom - KH) / stride_h) + 1`. Padded
    positions never win. ONNX ceil_mode is lowered by adding bottom/right
    padding. Quantized input and result must have identical parameters.
    Global max pooling is edge.reduce max over axes [1, 2].
  }];
  let arguments = (ins Edge_Tensor:$input, Edge_WindowAttr:$kernel,
                       Edge_StrideAttr:$stride, Edge_Pad4Attr:$pad,
                       OptionalAttr<Edge_ActivationAttr>:$fused_activation);
}

def Edge_AvgPool2DOp : Edge_Pool2DOp<"avg_pool2d"> {
  let summary = "2-D average pooling, NHWC";
  let description = [{
    As edge.max_pool2d, averaging. With `count_include_pad` padded
    positions count in the divisor (as zeros), otherwise the divisor is the
    number of in-bounds positions. Quantized input and result must have
    identical parameters (TFLite). Global average pooling is edge.reduce
    mean over axes [1, 2].
  }];
  let arguments = (ins Edge_Tensor:$input, Edge_WindowAttr:$kernel,
                       Edge_StrideAttr:$stride, Edge_Pad4Attr:$pad,
                       UnitAttr:$count_include_pad,
                       OptionalAttr<Edge_ActivationAttr>:$fused_activation);
}

def Edge_ReduceOp : Edge_Op<"reduce", [Pure]> {
  let summary = "reduction over a set of axes";
  let description = [{
    Reduces `input` over `axes` (distinct, in [0, rank)), with `kind` one of
    sum, mean, max, min, prod. With `keep_dims` the reduced dimensions stay
    as 1, otherwise they are dropped. ONNX ReduceL1/L2/SumSquare/LogSum/
    LogSumExp lower to edge.unary/edge.mul followed by this op.

    Element types: input and result both f32, both the same integer type,
    or both per-tensor quantized with the same storage type (max/min
    require identical parameters).
  }];
  let arguments = (ins Edge_ReduceKindAttr:$kind, Edge_Tensor:$input,
                       DenseI64ArrayAttr:$axes, UnitAttr:$keep_dims);
  let results = (outs Edge_Tensor:$output);
  let assemblyFormat = [{
    $kind $input `axes` $axes attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def Edge_ArgOp : Edge_Op<"arg", [Pure]> {
  let summary = "index of the largest / smallest element along an axis";
  let description = [{
    The result has the input's shape with `axis` removed (or kept as 1 with
    `keep_dims`) and holds i32 or i64 indices. Ties pick the first index,
    or the last with `select_last_index`.
  }];
  let arguments = (ins Edge_ArgKindAttr:$kind, Edge_Tensor:$input,
                       I64Attr:$axis, UnitAttr:$keep_dims,
                       UnitAttr:$select_last_index);
  let results = (outs Edge_IndexTensor:$output);
  let assemblyFormat = [{
    $kind $input `axis` $axis attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def Edge_CumSumOp : Edge_Op<"cumsum", [Pure, SameOperandsAndResultType]> {
  let summary = "cumulative sum along one axis";
  let description = [{
    ONNX CumSum: each element of the result is the sum of the input
    elements at or before it along `axis` (in [0, rank)); with `exclusive`
    the element itself is left out (the first sum is 0), with `reverse` the
    sums run from the end of the axis. Result and input have the same type.

    Element types: f32 (added in order, in float, as numpy's cumsum), i32
    and i64 (sums wrap). Other plain number types are rejected by the
    verifier: they have no kernel.
  }];
  let arguments = (ins Edge_NumericTensor:$input, I64Attr:$axis,
                       UnitAttr:$exclusive, UnitAttr:$reverse);
  let results = (outs Edge_NumericTensor:$output);
  let assemblyFormat = "$input `axis` $axis attr-dict `:` type($input)";
  let hasVerifier = 1;
}

class Edge_SoftmaxBase<string mnemonic> : Edge_Op<mnemonic,
    [Pure, SameOperandsAndResultShape]> {
  let arguments = (ins Edge_FloatOrQuantTensor:$input, I64Attr:$axis,
                       DefaultValuedAttr<F32Attr, "1.0">:$beta);
  let results = (outs Edge_FloatOrQuantTensor:$output);
  let assemblyFormat = [{
    $input `axis` $axis attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def Edge_SoftmaxOp : Edge_SoftmaxBase<"softmax"> {
  let summary = "softmax along one axis";
  let description = [{
    `output = exp(beta * x) / sum_axis exp(beta * x)` along `axis` (ONNX
    opset >= 13 semantics; older coerced-2-D softmax is reshaped during
    lowering). Quantized: input and result per-tensor quantized; TFLite
    kernels expect the result scale 1/256 with zero point -128 (int8),
    which the quantizer picks.
  }];
}

def Edge_LogSoftmaxOp : Edge_SoftmaxBase<"log_softmax"> {
  let summary = "log of softmax along one axis";
  let description = [{
    `output = beta * x - log(sum_axis exp(beta * x))`, numerically stable.
  }];
}

def Edge_LayerNormOp : Edge_Op<"layer_norm", [Pure]> {
  let summary = "layer normalization over the trailing axes";
  let description = [{
    Normalizes over dimensions [axis, rank): `(x - mean) / sqrt(var + epsilon)
    * scale + bias`, `scale` and the optional `bias` having the normalized
    shape input.shape[axis:]. f32 only: quantization keeps normalizations in
    float with quantize/dequantize around them.

    Batch normalization is not an op: at inference it is a per-channel
    affine map and is folded into the preceding convolution (passes/Graph)
    or lowered to edge.mul + edge.add with constant [C] operands.
  }];
  let arguments = (ins Edge_FloatTensor:$input, Edge_FloatTensor:$scale,
                       Optional<Edge_FloatTensor>:$bias, I64Attr:$axis,
                       DefaultValuedAttr<F32Attr, "1.0e-5">:$epsilon);
  let results = (outs Edge_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $scale (`,` $bias^)? `axis` $axis attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Edge_InstanceNormOp : Edge_Op<"instance_norm", [Pure]> {
  let summary = "instance normalization, channels last";
  let description = [{
    For `input` [N, D1, ..., Dk, C] normalizes each (n, c) over the spatial
    dimensions D1..Dk, then applies per-channel `scale` and `bias` (both
    [C]). f32 only. ONNX GroupNormalization lowers to reshape +
    instance_norm-like reductions (edge.reduce/mul/add).
  }];
  let arguments = (ins Edge_FloatTensor:$input, Edge_FloatTensor:$scale,
                       Edge_FloatTensor:$bias,
                       DefaultValuedAttr<F32Attr, "1.0e-5">:$epsilon);
  let results = (outs Edge_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $scale `,` $bias attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Edge_LRNOp : Edge_Op<"lrn", [Pure, SameOperandsAndResultType]> {
  let summary = "local response normalization across channels (NHWC)";
  let description = [{
    `output = x / (bias + alpha / size * sum_{c' in window(c)} x[c']^2) ^ beta`,
    the window of `size` channels centred on c along the last (channel)
    axis, as ONNX LRN. f32 only.
  }];
  let arguments = (ins Edge_FloatTensor:$input, Edge_PosI64Attr:$size,
                       DefaultValuedAttr<F32Attr, "1.0e-4">:$alpha,
                       DefaultValuedAttr<F32Attr, "0.75">:$beta,
                       DefaultValuedAttr<F32Attr, "1.0">:$bias);
  let results = (outs Edge_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def Edge_ReshapeOp : Edge_Op<"reshape", [Pure]> {
  let summary = "reinterprets a tensor with a new static shape";
  let description = [{
    Changes the shape without moving data; element count and element type are
    preserved. ONNX Reshape, Flatten, Squeeze and Unsqueeze lower here.
  }];
  let arguments = (ins Edge_AnyTensor:$input);
  let results = (outs Edge_AnyTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def Edge_TransposeOp : Edge_Op<"transpose", [Pure]> {
  let summary = "permutes dimensions";
  let description = [{
    `output.shape[i] = input.shape[perm[i]]`; `perm` is a permutation of
    [0, rank). Element type is preserved.
  }];
  let arguments = (ins Edge_AnyTensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs Edge_AnyTensor:$output);
  let assemblyFormat = [{
    $input `perm` $perm attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def Edge_ConcatOp : Edge_Op<"concat", [Pure]> {
  let summary = "joins tensors along one axis";
  let description = [{
    All inputs and the result have the same rank and element type
    (quantized: identical parameters, so concatenation is a copy); sizes
    agree except along `axis`, where the result size is the sum.
  }];
  let arguments = (ins Variadic<Edge_AnyTensor>:$inputs, I64Attr:$axis);
  let results = (outs Edge_AnyTensor:$output);
  let assemblyFormat = [{
    $inputs `axis` $axis attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Edge_SplitOp : Edge_Op<"split", [Pure]> {
  let summary = "cuts a tensor into consecutive pieces along one axis";
  let description = [{
    Result i has size `sizes[i]` along `axis` (all sizes positive, summing to
    the input size) and the input's size elsewhere; element types are
    preserved.
  }];
  let arguments = (ins Edge_AnyTensor:$input, I64Attr:$axis,
                       Edge_PosArrayAttr:$sizes);
  let results = (outs Variadic<Edge_AnyTensor>:$outputs);
  let assemblyFormat = [{
    $input `axis` $axis `sizes` $sizes attr-dict `:` type($input) `->`
    type($outputs)
  }];
  let hasVerifier = 1;
}

def Edge_SliceOp : Edge_Op<"slice", [Pure]> {
  let summary = "strided static slice";
  let description = [{
    `output[i...] = input[offsets + i * strides]` for i < sizes (= the
    result shape). Strides are non-zero; negative strides walk backwards
    (ONNX Slice with negative steps). Every touched index is in bounds.
  }];
  let arguments = (ins Edge_AnyTensor:$input, DenseI64ArrayAttr:$offsets,
                       DenseI64ArrayAttr:$sizes, DenseI64ArrayAttr:$strides);
  let results = (outs Edge_AnyTensor:$output);
  let assemblyFormat = [{
    $input `offsets` $offsets `sizes` $sizes `strides` $strides attr-dict `:`
    type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def Edge_PadOp : Edge_Op<"pad", [Pure]> {
  let summary = "pads each dimension before and after";
  let description = [{
    `before[d]` and `after[d]` (non-negative; ONNX negative pads become
    edge.slice) elements are added to dimension d. `mode` selects the fill:
    `constant` uses `value`, a real number (for quantized tensors it is
    quantized with the result's parameters, so 0.0 pads with the zero
    point); `reflect` needs pads < size, `edge`/`wrap` a non-empty
    dimension. Input and result have the same element type.
  }];
  let arguments = (ins Edge_AnyTensor:$input, Edge_PadModeAttr:$mode,
                       Edge_NonNegArrayAttr:$before, Edge_NonNegArrayAttr:$after,
                       DefaultValuedAttr<F64Attr, "0.0">:$value);
  let results = (outs Edge_AnyTensor:$output);
  let assemblyFormat = [{
    $mode $input `before` $before `after` $after attr-dict `:`
    type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def Edge_TileOp : Edge_Op<"tile", [Pure]> {
  let summary = "repeats a tensor along each dimension (ONNX Tile)";
  let description = [{
    `output.shape[d] = input.shape[d] * multiples[d]`.
  }];
  let arguments = (ins Edge_AnyTensor:$input, Edge_PosArrayAttr:$multiples);
  let results = (outs Edge_AnyTensor:$output);
  let assemblyFormat = [{
    $input `multiples` $multiples attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def Edge_BroadcastToOp : Edge_Op<"broadcast_to", [Pure]> {
  let summary = "materializes a numpy broadcast (ONNX Expand)";
  let description = [{
    The input broadcasts to the result shape (result rank >= input rank,
    each input dimension 1 or equal to the matching result dimension).
  }];
  let arguments = (ins Edge_AnyTensor:$input);
  let results = (outs Edge_AnyTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def Edge_GatherOp : Edge_Op<"gather", [Pure]> {
  let summary = "takes slices along an axis at given indices (ONNX Gather)";
  let description = [{
    `output.shape = data.shape[:axis] + indices.shape + data.shape[axis+1:]`.
    Indices are i32 or i64; negative indices count from the end.
  }];
  let arguments = (ins Edge_AnyTensor:$data, Edge_IndexTensor:$indices,
                       I64Attr:$axis);
  let results = (outs Edge_AnyTensor:$output);
  let assemblyFormat = [{
    $data `,` $indices `axis` $axis attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Edge_ResizeOp : Edge_Op<"resize", [Pure]> {
  let summary = "spatial resize of an NHWC tensor";
  let description = [{
    Resizes H and W of [N, H, W, C] to the result's [N, OH, OW, C] (the
    target size is static; ONNX scales are turned into sizes during
    lowering). `mode` is nearest, bilinear or bicubic, `coordinate_mode`
    the coordinate transformation, `nearest_mode` (nearest only; default
    round_prefer_floor) the rounding of source coordinates. `scale`
    ([scale_h, scale_w], output / input, positive) is the coordinate scale
    when it is not OH / H, OW / W (ONNX scales whose output size was
    rounded down). Bicubic (f32 only) uses the cubic convolution kernel
    with `cubic_coeff_a` (default -0.75) and, with `exclude_outside`,
    zero weights for taps outside the input (the rest renormalized).
    Quantized input and result must have identical parameters.
  }];
  let arguments = (ins Edge_Tensor:$input, Edge_ResizeModeAttr:$mode,
                       Edge_CoordinateModeAttr:$coordinate_mode,
                       OptionalAttr<Edge_NearestModeAttr>:$nearest_mode,
                       OptionalAttr<DenseF32ArrayAttr>:$scale,
                       OptionalAttr<F32Attr>:$cubic_coeff_a,
                       UnitAttr:$exclude_outside);
  let results = (outs Edge_Tensor:$output);
  let assemblyFormat = [{
    $mode $input `coordinates` $coordinate_mode (`rounding` $nearest_mode^)?
    attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def Edge_DepthToSpaceOp : Edge_Op<"depth_to_space", [Pure]> {
  let summary = "moves channel blocks into spatial blocks (NHWC)";
  let description = [{
    [N, H, W, C * b * b] -> [N, H * b, W * b, C] with block size b; `mode`
    selects the channel order (see DepthToSpaceMode).
  }];
  let arguments = (ins Edge_AnyTensor:$input, Edge_PosI64Attr:$block_size,
                       DefaultValuedAttr<Edge_DepthToSpaceModeAttr,
                           "::edgec::edge::DepthToSpaceMode::dcr">:$mode);
  let results = (outs Edge_AnyTensor:$output);
  let assemblyFormat = [{
    $input `block` $block_size attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def Edge_SpaceToDepthOp : Edge_Op<"space_to_depth", [Pure]> {
  let summary = "moves spatial blocks into channels (NHWC)";
  let description = [{
    [N, H * b, W * b, C] -> [N, H, W, C * b * b]; output channel
    (by * b + bx) * C + c holds input (h * b + by, w * b + bx, c).
  }];
  let arguments = (ins Edge_AnyTensor:$input, Edge_PosI64Attr:$block_size);
  let results = (outs Edge_AnyTensor:$output);
  let assemblyFormat = [{
    $input `block` $block_size attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def Edge_TopKOp : Edge_Op<"topk", [Pure]> {
  let summary = "the k largest (or smallest) elements along an axis";
  let description = [{
    `values` and `indices` have the input's shape with dimension `axis`
    replaced by `k`; `values` keeps the input's element type, `indices` is
    i32 or i64. Results are sorted (largest first, or smallest first when
    `largest` is false); ties prefer the lower index.
  }];
  let arguments = (ins Edge_Tensor:$input, Edge_PosI64Attr:$k, I64Attr:$axis,
                       DefaultValuedAttr<BoolAttr, "true">:$largest);
  let results = (outs Edge_Tensor:$values, Edge_IndexTensor:$indices);
  let assemblyFormat = [{
    $input `k` $k `axis` $axis attr-dict `:` type($input) `->` type($values)
    `,` type($indices)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Type conversion and quantization
//===----------------------------------------------------------------------===//

def Edge_CastOp : Edge_Op<"cast", [Pure, SameOperandsAndResultShape]> {
  let summary = "numeric conversion between plain element types";
  let description = [{
    Converts f32, i1, i8, i16, i32 and i64 values: float to integer rounds
    toward zero (ONNX Cast) and saturates, integer narrowing wraps, i1 is
    0/1. Quantized types are converted with edge.quantize / dequantize /
    requantize instead. `ui8` (unsigned 8-bit, ONNX uint8) is accepted
    only here, for values crossing the function boundary (an ONNX model's
    uint8 inputs and outputs); no other edge op takes it.
  }];
  let arguments = (ins Edge_CastTensor:$input);
  let results = (outs Edge_CastTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def Edge_QuantizeOp : Edge_Op<"quantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "f32 to a uniform quantized type";
  let description = [{
    `q = clamp(round_half_even(x / scale) + zero_point, qmin, qmax)` with the
    result type's parameters (per-tensor or per-axis; the per-axis dimension
    must exist in the shape).
  }];
  let arguments = (ins Edge_FloatTensor:$input);
  let results = (outs Edge_QuantTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def Edge_DequantizeOp : Edge_Op<"dequantize",
    [Pure, SameOperandsAndResultShape]> {
  let summary = "a uniform quantized type to f32";
  let description = [{
    `x = (q - zero_point) * scale` with the input type's parameters.
  }];
  let arguments = (ins Edge_QuantTensor:$input);
  let results = (outs Edge_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def Edge_RequantizeOp : Edge_Op<"requantize",
    [Pure, SameOperandsAndResultShape]> {
  let summary = "changes quantization parameters or storage width";
  let description = [{
    Maps per-tensor quantized values to another per-tensor quantized type
    (different scale, zero point and/or storage type) through the TFLite
    fixed-point multiplier and shift, without going through float.
  }];
  let arguments = (ins Edge_QuantTensor:$input);
  let results = (outs Edge_QuantTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

#endif // EDGEC_DIALECT_EDGE_EDGEOPS_TD
