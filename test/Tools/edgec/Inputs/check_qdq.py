#!/usr/bin/env python3
"""check_qdq.py MODEL_DIR RESULT.npy: edgec's output of make_qdq_model.py's
model against the ONNX-semantics reference, within one quantization step of
the output (edgec's integer kernels requantize with TFLite's fixed-point
multipliers where ONNX rounds in float)."""
import sys

import numpy as np

model_dir, result = sys.argv[1], sys.argv[2]
expected = np.load(model_dir + "/expected.npy")
got = np.load(result)
step = float(open(model_dir + "/scale.txt").read())
assert got.shape == expected.shape, (got.shape, expected.shape)
steps = np.abs(got.astype(np.float64) - expected) / step
exact = int(np.sum(steps < 1e-3))
print("qdq: %d values, %d exact, max difference %.3f steps"
      % (got.size, exact, steps.max()))
if steps.max() > 1.0 + 1e-3:
    print("qdq: FAILED: more than one step off")
    sys.exit(1)
print("qdq: OK")
