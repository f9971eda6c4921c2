#!/usr/bin/env python3
"""Generates OnnxOps.gen.td, the ODS definitions of the `onnx` dialect's ops.

The operand, result and attribute lists of every op come from libonnx's operator
schemas at the dialect's canonical opset (ONNX_OPSET below); the importer converts
older models to that opset first, so one definition per op suffices. Summaries and
the per-op C++ hooks (verifier, folder, canonicalizer) are edgec's own and live in
OPS below. Run with Debian's python3-onnx:

    /usr/bin/python3 include/edgec/Dialect/Onnx/gen_onnx_ops.py > include/edgec/Dialect/Onnx/OnnxOps.gen.td

`onnx.Constant` and `onnx.NoValue` are written by hand in OnnxOps.td.
"""
import sys
from onnx import defs

ONNX_OPSET = 17

V, F, C = "verifier", "folder", "canonicalizer"

# name: (summary, hooks)
OPS = {
    "Conv": ("N-d convolution with groups, dilations and padding", {V}),
    "ConvTranspose": ("N-d transposed convolution (gradient of Conv)", {V}),
    "Gemm": ("general matrix multiply: alpha*op(A)*op(B) + beta*C", {V}),
    "MatMul": ("numpy-style batched matrix product", {V}),
    "Add": ("elementwise addition with multidirectional broadcasting", {F}),
    "Sub": ("elementwise subtraction with multidirectional broadcasting", {F}),
    "Mul": ("elementwise multiplication with multidirectional broadcasting", {F}),
    "Div": ("elementwise division with multidirectional broadcasting", {F}),
    "Pow": ("elementwise power with multidirectional broadcasting", set()),
    "Sqrt": ("elementwise square root", set()),
    "Exp": ("elementwise natural exponential", set()),
    "Log": ("elementwise natural logarithm", set()),
    "Abs": ("elementwise absolute value", set()),
    "Neg": ("elementwise negation", {F}),
    "Floor": ("elementwise floor", set()),
    "Ceil": ("elementwise ceiling", set()),
    "Relu": ("rectified linear unit, max(x, 0)", set()),
    "LeakyRelu": ("leaky rectified linear unit, x < 0 ? alpha*x : x", set()),
    "PRelu": ("parametric ReLU with a broadcast slope tensor", set()),
    "Elu": ("exponential linear unit", set()),
    "Selu": ("scaled exponential linear unit", set()),
    "Sigmoid": ("logistic sigmoid, 1 / (1 + exp(-x))", set()),
    "Tanh": ("elementwise hyperbolic tangent", set()),
    "HardSigmoid": ("piecewise-linear sigmoid, max(0, min(1, alpha*x + beta))", set()),
    "HardSwish": ("x * HardSigmoid(x) with alpha 1/6, beta 0.5", set()),
    "Softplus": ("elementwise log(exp(x) + 1)", set()),
    "Softsign": ("elementwise x / (1 + |x|)", set()),
    "Clip": ("clamps values to [min, max] given as optional scalar inputs", {V}),
    "Erf": ("elementwise Gauss error function", set()),
    "Max": ("elementwise maximum of a variadic list of tensors", set()),
    "Min": ("elementwise minimum of a variadic list of tensors", set()),
    "Sum": ("elementwise sum of a variadic list of tensors", {F}),
    "Mean": ("elementwise mean of a variadic list of tensors", set()),
    "Softmax": ("normalized exponential along one axis", {V}),
    "LogSoftmax": ("log of the softmax along one axis", {V}),
    "MaxPool": ("N-d max pooling with optional argmax indices", {V}),
    "AveragePool": ("N-d average pooling", {V}),
    "GlobalAveragePool": ("average over all spatial dimensions", {V}),
    "GlobalMaxPool": ("maximum over all spatial dimensions", {V}),
    "BatchNormalization": ("batch normalization with running statistics (inference)", {V}),
    "InstanceNormalization": ("per-instance, per-channel normalization", {V}),
    "LayerNormalization": ("normalization over the trailing dimensions from `axis`", {V}),
    "LRN": ("local response normalization across channels", {V}),
    "Reshape": ("reshapes to a shape given as a 1-D int64 input", {V, F, C}),
    "Flatten": ("flattens to 2-D around `axis`", {V}),
    "Transpose": ("permutes dimensions by `perm` (reverse order by default)", {V, F, C}),
    "Concat": ("concatenates tensors along `axis`", {V, F}),
    "Split": ("splits a tensor along `axis` into several outputs", {V}),
    "Slice": ("numpy-style slicing with starts/ends/axes/steps inputs", set()),
    "Squeeze": ("removes dimensions of size one", {F, C}),
    "Unsqueeze": ("inserts dimensions of size one", {F}),
    "Pad": ("pads with a constant, by reflection or by edge replication", {V}),
    "Gather": ("gathers slices along `axis` by an index tensor", {V, F}),
    "Shape": ("the shape of a tensor as a 1-D int64 tensor", {F}),
    "Cast": ("converts elements to the type given by `to`", {V, F}),
    "Identity": ("returns its input", {F}),
    "Dropout": ("dropout; the identity at inference", {C}),
    "ConstantOfShape": ("a tensor of the given shape filled with one value", set()),
    "Expand": ("broadcasts the input to a given shape", set()),
    "Tile": ("repeats the input along every axis", set()),
    "Range": ("a 1-D sequence start, start+delta, ... below limit", set()),
    "Resize": ("resizes by nearest, linear or cubic interpolation", {V}),
    "Upsample": ("resizes by scales (deprecated since opset 10; prefer Resize)", set()),
    "DepthToSpace": ("rearranges channel blocks into spatial blocks", {V}),
    "SpaceToDepth": ("rearranges spatial blocks into channels", {V}),
    "ReduceMean": ("mean over `axes`", {V}),
    "ReduceMax": ("maximum over `axes`", {V}),
    "ReduceMin": ("minimum over `axes`", {V}),
    "ReduceSum": ("sum over the axes given as an optional input", set()),
    "ReduceProd": ("product over `axes`", {V}),
    "ArgMax": ("indices of the maxima along `axis`", {V}),
    "ArgMin": ("indices of the minima along `axis`", {V}),
    "CumSum": ("cumulative sum along the axis given as a scalar input", {V}),
    "Equal": ("elementwise equality, a boolean tensor", set()),
    "Greater": ("elementwise a > b, a boolean tensor", set()),
    "Less": ("elementwise a < b, a boolean tensor", set()),
    "Not": ("elementwise logical not", set()),
    "And": ("elementwise logical and", set()),
    "Or": ("elementwise logical or", set()),
    "Where": ("elementwise select: condition ? X : Y", set()),
    "TopK": ("the k largest or smallest elements along an axis, with indices", {V}),
    "QuantizeLinear": ("y = saturate(round(x / scale) + zero_point)", {V}),
    "DequantizeLinear": ("y = (x - zero_point) * scale", {V}),
    "QLinearConv": ("convolution on quantized tensors with quantized output", {V}),
    "QLinearMatMul": ("matrix product on quantized tensors with quantized output", set()),
    "MatMulInteger": ("integer matrix product with zero points, int32 output", set()),
    "ConvInteger": ("integer convolution with zero points, int32 output", set()),
}

A = defs.OpSchema.AttrType


def attr_type(a):
    t = a.type
    default = None
    if a.default_value is not None and a.default_value.name:
        dv = a.default_value
        if t == A.INT:
            default = f'"{dv.i}"'
        elif t == A.FLOAT:
            default = f'"{repr(float(dv.f))}"'
        elif t == A.STRING:
            default = '"\\"' + dv.s.decode() + '\\""'
    base = {
        A.INT: "I64Attr",
        A.FLOAT: "F32Attr",
        A.STRING: "StrAttr",
        A.INTS: "DenseI64ArrayAttr",
        A.FLOATS: "DenseF32ArrayAttr",
        A.STRINGS: "StrArrayAttr",
        A.TENSOR: "ElementsAttr",
    }.get(t)
    if base is None:
        return None
    if a.required:
        return base
    if default is not None:
        return f"DefaultValuedAttr<{base}, {default}>"
    return f"OptionalAttr<{base}>"


P = defs.OpSchema.FormalParameterOption


def operand(p):
    if p.option == P.Variadic:
        return f"Variadic<AnyTensor>:${p.name}"
    if p.option == P.Optional:
        return f"OnnxTensorOrNone:${p.name}"
    return f"AnyTensor:${p.name}"


def result(p):
    if p.option == P.Variadic:
        return f"Variadic<AnyTensor>:${p.name}"
    if p.option == P.Optional:
        return f"OnnxTensorOrNone:${p.name}"
    return f"AnyTensor:${p.name}"


def main():
    out = []
    w = out.append
    w("// Generated by gen_onnx_ops.py from libonnx's operator schemas at opset "
      f"{ONNX_OPSET}.\n// Do not edit; change the generator and re-run it.\n")
    w("#ifndef EDGEC_DIALECT_ONNX_ONNXOPS_GEN_TD\n#define EDGEC_DIALECT_ONNX_ONNXOPS_GEN_TD\n")
    for name in sorted(OPS):
        summary, hooks = OPS[name]
        s = defs.get_schema(name, ONNX_OPSET)
        attrs = []
        for an in sorted(s.attributes):
            a = s.attributes[an]
            at = attr_type(a)
            if at is None:
                sys.exit(f"{name}: attribute {an} has an unsupported type {a.type}")
            attrs.append(f"{at}:${an}")
        ins = [operand(p) for p in s.inputs]
        outs = [result(p) for p in s.outputs]
        w(f'def Onnx_{name}Op : Onnx_Op<"{name}", [Pure]> {{')
        w(f'  let summary = "{summary}";')
        desc = [f"ONNX `{name}` with the semantics of its opset-{s.since_version} "
                f"definition (the schema in force at opset {ONNX_OPSET})."]
        if s.deprecated:
            desc.append("Deprecated in ONNX; the importer keeps it for older models.")
        desc.append("")
        for p in s.inputs:
            opt = {P.Single: "", P.Optional: " (optional: `none` when absent)",
                   P.Variadic: " (variadic)"}[p.option]
            desc.append(f"* input `{p.name}`{opt}")
        for p in s.outputs:
            opt = {P.Single: "", P.Optional: " (optional: `none` when absent)",
                   P.Variadic: " (variadic)"}[p.option]
            desc.append(f"* output `{p.name}`{opt}")
        w("  let description = [{\n" + "\n".join(("    " + d) if d else "" for d in desc) + "\n  }];")
        args = ins + attrs
        w("  let arguments = (ins" + ("\n    " + ",\n    ".join(args) if args else "") + "\n  );")
        w("  let results = (outs" + ("\n    " + ",\n    ".join(outs) if outs else "") + "\n  );")
        if V in hooks:
            w("  let hasVerifier = 1;")
        if F in hooks:
            w("  let hasFolder = 1;")
        if C in hooks:
            w("  let hasCanonicalizer = 1;")
        w("}\n")
    w("#endif // EDGEC_DIALECT_ONNX_ONNXOPS_GEN_TD")
    print("\n".join(out))


if __name__ == "__main__":
    main()
