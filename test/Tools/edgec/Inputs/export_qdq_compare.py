"""Compares ONNX Runtime on a QDQ model exported by `edgec export` with
`edgec run --backend interp --quantize int8` (the same calibration) on the
first N samples of a batched .npy.

usage: export_qdq_compare.py EDGEC MODEL CALIB QDQ_MODEL INPUTS N WORKDIR RUN_ORT_JS

Prints the largest |ort - edgec| in steps of the output's scale (the scale
of the DequantizeLinear that produces the graph output) and exits 1 when it
exceeds one step (+1e-5 relative slack for float rounding).
"""
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import numpy_helper

edgec, model, calib, qdq, inputs, n, work, run_ort = sys.argv[1:9]
n = int(n)
os.makedirs(work, exist_ok=True)

m = onnx.load(qdq)
inits = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
out_name = m.graph.output[0].name
dq = [x for x in m.graph.node if out_name in x.output][0]
assert dq.op_type == "DequantizeLinear", dq.op_type
scale = float(inits[dq.input[1]])

x = np.load(inputs)[:n].astype(np.float32)
np.save(os.path.join(work, "inputs.npy"), x)
ort_out = os.path.join(work, "ort.npy")
subprocess.run(["node", run_ort, qdq, os.path.join(work, "inputs.npy"), ort_out],
               check=True)
ort = np.load(ort_out)

edge = []
for i in range(n):
    sample = os.path.join(work, "x%d.npy" % i)
    np.save(sample, x[i:i + 1] if x.ndim > 1 else x[i])
    out_dir = os.path.join(work, "edgec%d" % i)
    subprocess.run([edgec, "run", model, "--backend", "interp", "--quantize", "int8",
                    "--calibration", calib, "-i", sample, "-o", out_dir], check=True)
    edge.append(np.load(os.path.join(out_dir, out_name + ".npy")))
edge = np.stack(edge)

diff = np.abs(ort.reshape(edge.shape) - edge)
steps = float(diff.max() / scale)
same = float(np.mean(diff <= 1e-6 * scale))
print("samples: %d, outputs: %d, output scale: %.6g" % (n, edge.size, scale))
print("max |ort - edgec|: %.4f steps; identical: %.1f%%" % (steps, 100 * same))
agree = np.mean(ort.reshape(edge.shape).argmax(-1) == edge.argmax(-1))
print("argmax agreement: %.3f" % agree)
# Informational: ONNX Runtime's own fused int8 kernels (CPU-dependent).
fused_out = os.path.join(work, "ort_fused.npy")
subprocess.run(["node", run_ort, qdq, os.path.join(work, "inputs.npy"), fused_out],
               check=True, env=dict(os.environ, EDGEC_ORT_OPT_LEVEL="all"))
fused = np.load(fused_out).reshape(edge.shape)
print("(informational) ORT fused int8 kernels: max %.4f steps, argmax agreement %.3f"
      % (float(np.abs(fused - edge).max() / scale),
         np.mean(fused.argmax(-1) == edge.argmax(-1))))
if steps > 1 + 1e-5:
    print("FAIL: more than one int8 step apart")
    sys.exit(1)
print("OK: within one int8 step")
