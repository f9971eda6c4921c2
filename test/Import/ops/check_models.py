#!/usr/bin/python3
"""Validates the per-op import tests independently of edgec.

Usage: check_models.py DIR [FILE.onnxtxt ...]

Every `*.onnxtxt` in DIR (or only the files named) is parsed as a
text-format onnx.ModelProto, checked with onnx.checker (full_check) and
shape-inferred in strict mode; the inferred type of each graph output is
printed so that the CHECK lines can be written against it. Also verifies that
every op of edgec's op set is the op under test of at least one model.

Exits non-zero on the first kind of problem found, after reporting all.
"""
import glob
import os
import sys

import onnx
import onnx.checker
import onnx.shape_inference
from google.protobuf import text_format

# edgec's op set (README of the onnx dialect); Constant is covered too.
OP_SET = """
Conv ConvTranspose Gemm MatMul Add Sub Mul Div Pow Sqrt Exp Log Abs Neg Floor
Ceil Relu LeakyRelu PRelu Elu Selu Sigmoid Tanh HardSigmoid HardSwish Softplus
Softsign Clip Erf Max Min Sum Mean Softmax LogSoftmax MaxPool AveragePool
GlobalAveragePool GlobalMaxPool BatchNormalization InstanceNormalization
LayerNormalization LRN Reshape Flatten Transpose Concat Split Slice Squeeze
Unsqueeze Pad Gather Shape Cast Identity Dropout Constant ConstantOfShape Expand
Tile Range Resize Upsample DepthToSpace SpaceToDepth ReduceMean ReduceMax
ReduceMin ReduceSum ReduceProd ArgMax ArgMin CumSum Equal Greater Less Not And Or
Where
TopK QuantizeLinear DequantizeLinear QLinearConv QLinearMatMul MatMulInteger
ConvInteger
""".split()

ELT = {
    onnx.TensorProto.FLOAT: "f32", onnx.TensorProto.FLOAT16: "f16",
    onnx.TensorProto.DOUBLE: "f64", onnx.TensorProto.INT64: "i64",
    onnx.TensorProto.INT32: "i32", onnx.TensorProto.INT8: "i8",
    onnx.TensorProto.UINT8: "ui8", onnx.TensorProto.BOOL: "i1",
}


def mlir_type(type_proto):
    tt = type_proto.tensor_type
    dims = ["%d" % d.dim_value if d.HasField("dim_value") else "?" for d in tt.shape.dim]
    return "tensor<%s%s>" % ("".join(d + "x" for d in dims), ELT.get(tt.elem_type, "elt%d" % tt.elem_type))


def op_under_test(path):
    # File names are `<OpType>.onnxtxt` or `<OpType>-<variant>.onnxtxt`.
    return os.path.basename(path)[: -len(".onnxtxt")].split("-")[0]


def check(path):
    with open(path) as f:
        model = text_format.Parse(f.read(), onnx.ModelProto())
    onnx.checker.check_model(model, full_check=True)
    inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True, data_prop=True)
    op = op_under_test(path)
    types = [o.op_type for o in model.graph.node]
    if op not in types:
        raise ValueError("no %s node in the model" % op)
    for out in inferred.graph.output:
        tt = out.type.tensor_type
        if not tt.HasField("shape") or any(not d.HasField("dim_value") for d in tt.shape.dim):
            raise ValueError("output %s has no static shape: %s" % (out.name, mlir_type(out.type)))
    opsets = ",".join("%s:%d" % (o.domain or "ai.onnx", o.version) for o in model.opset_import)
    outs = ", ".join("%s: %s" % (o.name, mlir_type(o.type)) for o in inferred.graph.output)
    return "%s [%s] %s" % (os.path.basename(path), opsets, outs)


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    files = argv[2:] or sorted(glob.glob(os.path.join(argv[1], "*.onnxtxt")))
    failures = 0
    covered = set()
    for path in files:
        try:
            print("ok   " + check(path))
            covered.add(op_under_test(path))
        except Exception as e:  # report every broken model, not just the first
            failures += 1
            print("FAIL %s: %s" % (os.path.basename(path), str(e).strip().replace("\n", " | ")))
    if not argv[2:]:
        missing = [op for op in OP_SET if op not in covered]
        unknown = sorted(covered - set(OP_SET))
        if missing:
            failures += 1
            print("FAIL ops without a test: " + " ".join(missing))
        if unknown:
            failures += 1
            print("FAIL tests named after ops outside the op set: " + " ".join(unknown))
    print("%d models, %d ops covered, %d failures" % (len(files), len(covered), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
