"""Calibration data for calibration-degenerate.test, one subdirectory per
sample: x varies and is always negative (so Relu(x) is always 0), k is 2.5
everywhere in every sample, z varies within a sample but is the same in every
sample. With `varied`, every input also varies across samples and x has
positive values."""
import os
import sys

import numpy as np

out, kind = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(7)
z = np.arange(1, 7, dtype=np.float32).reshape(2, 3)
for s in range(4):
    d = os.path.join(out, f"sample_{s}")
    os.makedirs(d, exist_ok=True)
    x = -rng.uniform(0.5, 2.0, size=(2, 3)).astype(np.float32)
    k = np.full((2, 3), 2.5, dtype=np.float32)
    zs = z
    if kind == "varied":
        x = rng.uniform(-2.0, 2.0, size=(2, 3)).astype(np.float32)
        k = rng.uniform(-1.0, 1.0, size=(2, 3)).astype(np.float32)
        zs = z + s
    np.save(os.path.join(d, "x.npy"), x)
    np.save(os.path.join(d, "k.npy"), k)
    np.save(os.path.join(d, "z.npy"), zs)
