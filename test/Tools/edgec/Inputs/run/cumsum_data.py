"""cumsum_data.py OUTDIR: CumSum models and test data for run-cumsum.test.

Writes OUTDIR/cumsum.onnx (constant axes: f32, int32 with wrapping sums,
int64; exclusive/reverse combinations), OUTDIR/cumsum-axis-input.onnx (the
axis a graph input), the inputs as OUTDIR/in/*.npy and numpy's results as
OUTDIR/expected/*.npy. The expected values are np.cumsum in the input's own
dtype (integers wrap as numpy's do), independent of edgec. Run with
/usr/bin/python3 (numpy + onnx).
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
rng = np.random.default_rng(14)


def save(sub, name, array):
    os.makedirs(os.path.join(out, sub), exist_ok=True)
    np.save(os.path.join(out, sub, name + ".npy"), array)


def cumsum(x, axis, exclusive=False, reverse=False):
    """ONNX CumSum from its definition, with numpy."""
    if reverse:
        x = np.flip(x, axis)
    y = np.cumsum(x, axis=axis, dtype=x.dtype)
    if exclusive:
        zero = np.zeros_like(np.take(y, [0], axis=axis))
        y = np.concatenate([zero, np.take(y, range(x.shape[axis] - 1), axis=axis)], axis=axis)
    if reverse:
        y = np.flip(y, axis)
    return np.ascontiguousarray(y)


x = rng.standard_normal((3, 4, 5)).astype(np.float32)
# int32 sums that overflow: numpy's int32 cumsum wraps.
xi = rng.integers(-2**31, 2**31, size=(6, 3), dtype=np.int64).astype(np.int32)
xl = rng.integers(-2**40, 2**40, size=(2, 7), dtype=np.int64)
cases = [  # output, input, axis (as stored), axis type, exclusive, reverse
    ("y_f32", "x", -2, np.int32, 0, 0),
    ("y_f32_excl_rev", "x", 2, np.int64, 1, 1),
    ("y_i32_rev", "xi", 0, np.int64, 0, 1),
    ("y_i64_excl", "xl", 1, np.int32, 1, 0),
]
inputs = {"x": x, "xi": xi, "xl": xl}
elem = {np.float32: TensorProto.FLOAT, np.int32: TensorProto.INT32,
        np.int64: TensorProto.INT64}

nodes, inits, outputs = [], [], []
for name, inp, axis, axis_type, exclusive, reverse in cases:
    a = inputs[inp]
    inits.append(numpy_helper.from_array(np.array(axis, dtype=axis_type), name + "_axis"))
    nodes.append(helper.make_node("CumSum", [inp, name + "_axis"], [name], name=name,
                                  exclusive=exclusive, reverse=reverse))
    outputs.append(helper.make_tensor_value_info(name, elem[a.dtype.type], a.shape))
    save("expected", name, cumsum(a, axis % a.ndim, exclusive, reverse))
graph_inputs = [helper.make_tensor_value_info(n, elem[a.dtype.type], a.shape)
                for n, a in inputs.items()]
for n, a in inputs.items():
    save("in", n, a)


def write(path, graph):
    model = helper.make_model(graph, producer_name="edgec-tests",
                              opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)


write(os.path.join(out, "cumsum.onnx"),
      helper.make_graph(nodes, "cumsum", graph_inputs, outputs, inits))

# The axis as a graph input: lowering needs it constant (--freeze-input).
write(os.path.join(out, "cumsum-axis-input.onnx"), helper.make_graph(
    [helper.make_node("CumSum", ["x", "axis"], ["y"], name="cs", reverse=1)],
    "cumsum_axis_input",
    [graph_inputs[0], helper.make_tensor_value_info("axis", TensorProto.INT32, [])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, x.shape)]))
save("axis", "axis", np.array(1, dtype=np.int32))
save("expected-axis-input", "y", cumsum(x, 1, reverse=True))
