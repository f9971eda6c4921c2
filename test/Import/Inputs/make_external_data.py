#!/usr/bin/env python3
"""Writes a model whose initializer 'W' lives in an external data file.

    make_external_data.py DIR MODE

MODE:
  ok      DIR/model.onnx + DIR/weights.bin (W at offset 16 after 16 junk bytes)
  escape  DIR/sub/model.onnx referring to '../weights.bin' (outside its dir)
  range   DIR/model.onnx reading past the end of DIR/weights.bin
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    out_dir, mode = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    model_dir = os.path.join(out_dir, "sub") if mode == "escape" else out_dir
    os.makedirs(model_dir, exist_ok=True)

    weights = np.arange(12, dtype=np.float32).reshape(3, 4)
    with open(os.path.join(out_dir, "weights.bin"), "wb") as f:
        f.write(b"\xee" * 16)
        f.write(weights.tobytes())

    w = TensorProto()
    w.name = "W"
    w.data_type = TensorProto.FLOAT
    w.dims.extend([3, 4])
    w.data_location = TensorProto.EXTERNAL
    location = "../weights.bin" if mode == "escape" else "weights.bin"
    offset, length = (16, 48) if mode != "range" else (40, 48)
    for key, value in (("location", location), ("offset", str(offset)),
                       ("length", str(length))):
        entry = w.external_data.add()
        entry.key, entry.value = key, value

    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "W"], ["y"], name="matmul")],
        "external",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 4])],
        initializer=[w])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                              producer_name="make_external_data")
    model.ir_version = 8
    with open(os.path.join(model_dir, "model.onnx"), "wb") as f:
        f.write(model.SerializeToString())


if __name__ == "__main__":
    main()
