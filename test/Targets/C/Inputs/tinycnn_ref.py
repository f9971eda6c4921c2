#!/usr/bin/env python3
"""tinycnn's float reference in numpy, for the C target's end-to-end test.

  tinycnn_ref.py MODEL --write-input IN.bin     writes a deterministic input
  tinycnn_ref.py MODEL --check IN.bin OUT.txt   compares the C outputs (one
                                                value a line) with numpy,
                                                rtol 1e-4
Computes Conv/BatchNormalization/Relu/MaxPool x2, flatten, Gemm, Softmax in
float64 from the model's initializers, independently of edgec.
"""
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def conv2d(x, w, b, pad):
    n, c, h, wd = x.shape
    o, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh, ow = h + 2 * pad - kh + 1, wd + 2 * pad - kw + 1
    out = np.zeros((n, o, oh, ow))
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, :, i:i + oh, j:j + ow]
            out += np.einsum("nchw,oc->nohw", patch, w[:, :, i, j])
    return out + b[None, :, None, None]


def batchnorm(x, s, b, m, v, eps=1e-5):
    r = lambda a: a[None, :, None, None]
    return (x - r(m)) / np.sqrt(r(v) + eps) * r(s) + r(b)


def maxpool2(x):
    n, c, h, w = x.shape
    return x.reshape(n, c, h // 2, 2, w // 2, 2).max(axis=(3, 5))


def reference(model_path, x):
    model = onnx.load(model_path)
    p = {t.name: numpy_helper.to_array(t).astype(np.float64)
         for t in model.graph.initializer}
    y = conv2d(x, p["conv1.weight"], p["conv1.bias"], 1)
    y = np.maximum(batchnorm(y, p["bn1.weight"], p["bn1.bias"],
                             p["bn1.running_mean"], p["bn1.running_var"]), 0)
    y = maxpool2(y)
    y = conv2d(y, p["conv2.weight"], p["conv2.bias"], 1)
    y = np.maximum(batchnorm(y, p["bn2.weight"], p["bn2.bias"],
                             p["bn2.running_mean"], p["bn2.running_var"]), 0)
    y = maxpool2(y)
    y = y.reshape(y.shape[0], -1) @ p["fc.weight"].T + p["fc.bias"]
    e = np.exp(y - y.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def make_input():
    rng = np.random.default_rng(7)
    return rng.standard_normal((1, 1, 28, 28)).astype(np.float32)


def main(argv):
    model = argv[1]
    if argv[2] == "--write-input":
        make_input().tofile(argv[3])
        return 0
    x = np.fromfile(argv[3], dtype=np.float32).reshape(1, 1, 28, 28)
    got = np.array([float(l) for l in open(argv[4]).read().split()])
    want = reference(model, x.astype(np.float64)).reshape(-1)
    if got.shape != want.shape:
        print(f"FAIL: {got.size} outputs, expected {want.size}")
        return 1
    err = np.abs(got - want)
    tol = 1e-4 * np.abs(want) + 1e-7
    print(f"outputs {got.size}, max abs err {err.max():.3g}, "
          f"argmax {int(got.argmax())} (numpy {int(want.argmax())})")
    if np.any(err > tol):
        print("FAIL: mismatch at", np.nonzero(err > tol)[0].tolist())
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
