"""Upsample-9 (ONNX operator spec) in numpy, independent of edgec:

  upsample_ref.py MODE X.npy OUT.npy SCALE...

An output coordinate x_out reads the input at x_out / scale ("asymmetric");
nearest takes floor() of it, linear interpolates between floor() and the next
input element (clamped at the edge). Compares OUT.npy (edgec's result) with
the reference (atol 1e-6) and prints "upsample: OK" or the first difference.
"""
import sys

import numpy as np


def upsample(x, scales, mode):
    y = x.astype(np.float64)
    for axis, scale in enumerate(scales):
        n_in = y.shape[axis]
        n_out = int(np.floor(n_in * scale))
        pos = np.arange(n_out) / scale
        lo = np.minimum(np.floor(pos).astype(int), n_in - 1)
        if mode == "nearest":
            y = np.take(y, lo, axis=axis)
            continue
        hi = np.minimum(lo + 1, n_in - 1)
        w = (pos - lo).reshape([-1 if a == axis else 1 for a in range(y.ndim)])
        y = np.take(y, lo, axis=axis) * (1 - w) + np.take(y, hi, axis=axis) * w
    return y


def main(argv):
    mode, x, got = argv[1], np.load(argv[2]), np.load(argv[3])
    want = upsample(x, [float(s) for s in argv[4:]], mode)
    if got.shape != want.shape:
        raise SystemExit(f"upsample: shape {got.shape}, expected {want.shape}")
    bad = np.argwhere(np.abs(got - want) > 1e-6)
    if len(bad):
        i = tuple(bad[0])
        raise SystemExit(f"upsample: {len(bad)} elements differ, first at {i}: "
                         f"got {got[i]}, expected {want[i]}")
    print("upsample: OK")


if __name__ == "__main__":
    main(sys.argv)
