#!/usr/bin/env python3
"""Writes a small pre-quantized ONNX model in QDQ form, as ONNX Runtime's
quantize_static produces it (uint8 asymmetric activations, int8 symmetric
per-channel weights, int32 bias with scale x_scale * w_scale), plus random
inputs and the model's output computed with numpy from the ONNX operator
definitions (onnx 1.12 has no onnx.reference).

    make_qdq_model.py OUT_DIR

writes OUT_DIR/qdq.onnx, OUT_DIR/x.npy, OUT_DIR/expected.npy and
OUT_DIR/scale.txt (the output scale: one uint8 step).

Graph: x -> Q -> DQ -> Conv(3x3, pad 1) -> Relu -> Q -> DQ
          -> Conv(1x1) -> Q -> DQ -> Add(with the first conv's DQ) -> Q -> DQ -> y
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(7)

C_IN, C1, H, W = 3, 4, 6, 6


def q_params(lo, hi):
    """ORT-style uint8 asymmetric parameters for [lo, hi] (0 included)."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    scale = np.float32((hi - lo) / 255.0)
    zp = np.uint8(np.clip(np.round(-lo / scale), 0, 255))
    return scale, zp


def quantize(x, scale, zp, lo=0, hi=255, dtype=np.uint8):
    # ONNX QuantizeLinear: saturate(round_half_even(x / scale) + zp).
    q = np.rint(x.astype(np.float32) / np.float32(scale)) + int(zp)
    return np.clip(q, lo, hi).astype(dtype)


def dequantize(q, scale, zp):
    return ((q.astype(np.float32) - np.float32(zp)) * np.float32(scale)).astype(np.float32)


def conv(x, w, b, pad):
    n, c, h, wd = x.shape
    o, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh, ow = h + 2 * pad - kh + 1, wd + 2 * pad - kw + 1
    y = np.zeros((n, o, oh, ow), np.float32)
    for i in range(oh):
        for j in range(ow):
            patch = xp[:, :, i:i + kh, j:j + kw]
            y[:, :, i, j] = np.tensordot(patch, w, axes=([1, 2, 3], [1, 2, 3]))
    return (y + b.reshape(1, -1, 1, 1)).astype(np.float32)


def quantized_weights(wf):
    """Per-output-channel symmetric int8 weights (zero point 0)."""
    amax = np.abs(wf).reshape(wf.shape[0], -1).max(axis=1)
    scale = (amax / 127.0).astype(np.float32)
    q = np.clip(np.rint(wf / scale.reshape(-1, 1, 1, 1)), -127, 127).astype(np.int8)
    return q, scale


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    x = rng.uniform(-1.0, 2.0, (1, C_IN, H, W)).astype(np.float32)
    w1f = rng.normal(0, 0.4, (C1, C_IN, 3, 3)).astype(np.float32)
    b1f = rng.normal(0, 0.2, (C1,)).astype(np.float32)
    w2f = rng.normal(0, 0.5, (C1, C1, 1, 1)).astype(np.float32)
    b2f = rng.normal(0, 0.2, (C1,)).astype(np.float32)

    xs, xz = q_params(-1.0, 2.0)
    w1, w1s = quantized_weights(w1f)
    w2, w2s = quantized_weights(w2f)
    b1 = np.rint(b1f / (xs * w1s)).astype(np.int32)
    # Activation ranges (a stand-in for calibration).
    a1s, a1z = q_params(0.0, 4.0)   # after conv1 + relu
    b2 = np.rint(b2f / (a1s * w2s)).astype(np.int32)
    a2s, a2z = q_params(-3.0, 3.0)  # conv2
    ys, yz = q_params(-3.0, 6.0)    # add

    # Reference: the ONNX semantics of the QDQ graph, node by node.
    qx = quantize(x, xs, xz)
    dx = dequantize(qx, xs, xz)
    c1 = conv(dx, dequantize(w1, w1s.reshape(-1, 1, 1, 1), 0),
              dequantize(b1, xs * w1s, 0), 1)
    q1 = quantize(np.maximum(c1, 0), a1s, a1z)
    d1 = dequantize(q1, a1s, a1z)
    c2 = conv(d1, dequantize(w2, w2s.reshape(-1, 1, 1, 1), 0),
              dequantize(b2, a1s * w2s, 0), 0)
    q2 = quantize(c2, a2s, a2z)
    d2 = dequantize(q2, a2s, a2z)
    qy = quantize(d2 + d1, ys, yz)
    y = dequantize(qy, ys, yz)

    inits = []

    def init(name, arr):
        inits.append(numpy_helper.from_array(np.asarray(arr), name))
        return name

    init("xs", np.float32(xs)); init("xz", np.uint8(xz))
    init("w1", w1); init("w1s", w1s); init("w1z", np.zeros(C1, np.int8))
    init("b1", b1); init("b1s", (xs * w1s).astype(np.float32)); init("b1z", np.zeros(C1, np.int32))
    init("a1s", np.float32(a1s)); init("a1z", np.uint8(a1z))
    init("w2", w2); init("w2s", w2s); init("w2z", np.zeros(C1, np.int8))
    init("b2", b2); init("b2s", (a1s * w2s).astype(np.float32)); init("b2z", np.zeros(C1, np.int32))
    init("a2s", np.float32(a2s)); init("a2z", np.uint8(a2z))
    init("ys", np.float32(ys)); init("yz", np.uint8(yz))

    N = helper.make_node
    nodes = [
        N("QuantizeLinear", ["x", "xs", "xz"], ["qx"], name="q_x"),
        N("DequantizeLinear", ["qx", "xs", "xz"], ["dx"], name="dq_x"),
        N("DequantizeLinear", ["w1", "w1s", "w1z"], ["dw1"], axis=0, name="dq_w1"),
        N("DequantizeLinear", ["b1", "b1s", "b1z"], ["db1"], axis=0, name="dq_b1"),
        N("Conv", ["dx", "dw1", "db1"], ["c1"], pads=[1, 1, 1, 1], name="conv1"),
        N("Relu", ["c1"], ["r1"], name="relu1"),
        N("QuantizeLinear", ["r1", "a1s", "a1z"], ["q1"], name="q_1"),
        N("DequantizeLinear", ["q1", "a1s", "a1z"], ["d1"], name="dq_1"),
        N("DequantizeLinear", ["w2", "w2s", "w2z"], ["dw2"], axis=0, name="dq_w2"),
        N("DequantizeLinear", ["b2", "b2s", "b2z"], ["db2"], axis=0, name="dq_b2"),
        N("Conv", ["d1", "dw2", "db2"], ["c2"], name="conv2"),
        N("QuantizeLinear", ["c2", "a2s", "a2z"], ["q2"], name="q_2"),
        N("DequantizeLinear", ["q2", "a2s", "a2z"], ["d2"], name="dq_2"),
        N("Add", ["d2", "d1"], ["s"], name="add"),
        N("QuantizeLinear", ["s", "ys", "yz"], ["qy"], name="q_y"),
        N("DequantizeLinear", ["qy", "ys", "yz"], ["y"], name="dq_y"),
    ]
    graph = helper.make_graph(
        nodes, "qdq",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, C_IN, H, W])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, C1, H, W])],
        inits)
    model = helper.make_model(graph, producer_name="edgec-tests",
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out, "qdq.onnx"))
    np.save(os.path.join(out, "x.npy"), x)
    np.save(os.path.join(out, "expected.npy"), y)
    with open(os.path.join(out, "scale.txt"), "w") as f:
        f.write(repr(float(ys)) + "\n")


if __name__ == "__main__":
    main()
