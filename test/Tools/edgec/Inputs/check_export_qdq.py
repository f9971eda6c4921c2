"""check_export_qdq.py ORIGINAL.onnx EXPORTED.onnx EDGEC_OUTPUT.npy

Checks the structure of a QDQ model written by `edgec export --format
onnx-qdq` without ONNX Runtime: onnx.checker passes; every float activation
between ops goes through QuantizeLinear -> DequantizeLinear; Conv/Gemm
weights are int8 initializers + per-axis DequantizeLinear whose scales are
edgec's rule (max|w| / 127 per output channel, rounded to f32) and whose
integers are round_half_even(w / scale); biases are int32 with scale
input_scale * weight_scale; and edgec's own dequantized output (`edgec run
--quantize int8`) lies on the exported output scale's grid.
"""
import sys

import numpy as np
import onnx
from onnx import numpy_helper

orig_path, qdq_path, edgec_out = sys.argv[1:4]
onnx.checker.check_model(onnx.load(qdq_path), full_check=True)
m = onnx.load(qdq_path)
orig = {t.name: numpy_helper.to_array(t) for t in onnx.load(orig_path).graph.initializer}
inits = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
producer = {o: n for n in m.graph.node for o in n.output}
ops = [n.op_type for n in m.graph.node]
print("nodes:", " ".join(ops))
print("QuantizeLinear: %d, DequantizeLinear: %d"
      % (ops.count("QuantizeLinear"), ops.count("DequantizeLinear")))


def dq_of(name):
    n = producer.get(name)
    assert n is not None and n.op_type == "DequantizeLinear", name
    return n


def act_params(name):
    """(scale, zp) of an activation input: DQ <- Q with the same params."""
    dq = dq_of(name)
    q = producer[dq.input[0]]
    assert q.op_type == "QuantizeLinear", q.op_type
    assert q.input[1] == dq.input[1] and q.input[2] == dq.input[2]
    s, z = inits[dq.input[1]], inits[dq.input[2]]
    assert s.shape == () and z.dtype == np.int8, (s.shape, z.dtype)
    return float(s), int(z)


orig_weights = {w.shape: w for w in orig.values() if w.ndim >= 2}
for n in m.graph.node:
    if n.op_type not in ("Conv", "Gemm"):
        continue
    x_scale, _ = act_params(n.input[0])
    wdq = dq_of(n.input[1])
    wq, ws, wz = (inits[i] for i in wdq.input)
    axis = [a.i for a in wdq.attribute if a.name == "axis"][0]
    assert wq.dtype == np.int8 and axis == 0 and not wz.any(), n.name
    w = orig_weights[wq.shape].astype(np.float64)
    absmax = np.abs(w.reshape(w.shape[0], -1)).max(1)
    assert np.array_equal(ws, (absmax / 127).astype(np.float32)), n.name
    shape = [-1] + [1] * (w.ndim - 1)
    expected = np.clip(np.round(w / ws.astype(np.float64).reshape(shape)), -127, 127)
    assert np.array_equal(wq, expected.astype(np.int8)), n.name
    bdq = dq_of(n.input[2])
    bq, bs, bz = (inits[i] for i in bdq.input)
    assert bq.dtype == np.int32 and not bz.any(), n.name
    assert np.allclose(bs, np.float32(x_scale) * ws, rtol=1e-6), n.name
    print("%s: int8 weights %s per-axis, int32 bias, input scale %.6g" %
          (n.name, "x".join(map(str, wq.shape)), x_scale))
    # Its output is quantized too.
    users = [u for u in m.graph.node if n.output[0] in u.input]
    assert [u.op_type for u in users] == ["QuantizeLinear"], n.name

out = m.graph.output[0].name
scale, zp = act_params(out)
got = np.load(edgec_out).astype(np.float64)
steps = got / scale
assert np.allclose(steps, np.round(steps), atol=1e-3), "edgec's output is not on the exported grid"
print("output %s: scale %.6g, zero point %d; edgec's output on its grid" % (out, scale, zp))
