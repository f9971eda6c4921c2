#!/usr/bin/env python3
"""Writes tinycnn.onnx, edgec's bundled example: a small image classifier
(1x1x28x28 grey image -> 10 class probabilities) as a PyTorch-style export would
produce it at opset 13 -- Conv/BatchNormalization/Relu/MaxPool blocks, a
Shape->Gather->Unsqueeze->Concat->Reshape flatten chain, Gemm and Softmax.

Weights are deterministic pseudo-random numbers (seed 2026): the model exists to
exercise the compiler, not to classify anything. Run with Debian's python3-onnx:

    /usr/bin/python3 examples/tinycnn/make_model.py examples/tinycnn/tinycnn.onnx
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(2026)


def weight(name, *shape, scale=0.1):
    return numpy_helper.from_array(
        (rng.standard_normal(shape) * scale).astype(np.float32), name)


def batchnorm_params(prefix, c):
    return [
        numpy_helper.from_array(rng.uniform(0.5, 1.5, c).astype(np.float32), f"{prefix}.weight"),
        numpy_helper.from_array(rng.uniform(-0.2, 0.2, c).astype(np.float32), f"{prefix}.bias"),
        numpy_helper.from_array(rng.uniform(-0.1, 0.1, c).astype(np.float32), f"{prefix}.running_mean"),
        numpy_helper.from_array(rng.uniform(0.5, 2.0, c).astype(np.float32), f"{prefix}.running_var"),
    ]


def main(path):
    inits = [
        weight("conv1.weight", 8, 1, 3, 3), weight("conv1.bias", 8),
        *batchnorm_params("bn1", 8),
        weight("conv2.weight", 16, 8, 3, 3), weight("conv2.bias", 16),
        *batchnorm_params("bn2", 16),
        weight("fc.weight", 10, 16 * 7 * 7, scale=0.02), weight("fc.bias", 10),
        numpy_helper.from_array(np.array(0, np.int64), "zero"),
        numpy_helper.from_array(np.array([-1], np.int64), "minus_one"),
    ]
    nodes = [
        helper.make_node("Conv", ["input", "conv1.weight", "conv1.bias"], ["c1"],
                         name="/conv1/Conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        helper.make_node("BatchNormalization",
                         ["c1", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var"],
                         ["b1"], name="/bn1/BatchNormalization", epsilon=1e-5),
        helper.make_node("Relu", ["b1"], ["r1"], name="/relu1/Relu"),
        helper.make_node("MaxPool", ["r1"], ["p1"], name="/pool1/MaxPool",
                         kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Conv", ["p1", "conv2.weight", "conv2.bias"], ["c2"],
                         name="/conv2/Conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        helper.make_node("BatchNormalization",
                         ["c2", "bn2.weight", "bn2.bias", "bn2.running_mean", "bn2.running_var"],
                         ["b2"], name="/bn2/BatchNormalization", epsilon=1e-5),
        helper.make_node("Relu", ["b2"], ["r2"], name="/relu2/Relu"),
        helper.make_node("MaxPool", ["r2"], ["p2"], name="/pool2/MaxPool",
                         kernel_shape=[2, 2], strides=[2, 2]),
        # x.view(x.size(0), -1) as torch.onnx exports it
        helper.make_node("Shape", ["p2"], ["shape"], name="/Shape"),
        helper.make_node("Gather", ["shape", "zero"], ["batch"], name="/Gather", axis=0),
        helper.make_node("Unsqueeze", ["batch", "axes0"], ["batch1"], name="/Unsqueeze"),
        helper.make_node("Concat", ["batch1", "minus_one"], ["newshape"], name="/Concat", axis=0),
        helper.make_node("Reshape", ["p2", "newshape"], ["flat"], name="/Reshape"),
        helper.make_node("Gemm", ["flat", "fc.weight", "fc.bias"], ["logits"], name="/fc/Gemm",
                         alpha=1.0, beta=1.0, transB=1),
        helper.make_node("Softmax", ["logits"], ["probs"], name="/Softmax", axis=1),
    ]
    inits.append(numpy_helper.from_array(np.array([0], np.int64), "axes0"))
    graph = helper.make_graph(
        nodes, "tinycnn",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 1, 28, 28])],
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT, [1, 10])],
        inits)
    model = helper.make_model(graph, producer_name="edgec-examples", producer_version="1",
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 7
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, path)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tinycnn.onnx")
