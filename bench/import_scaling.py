#!/usr/bin/env python3
"""Import time against model size: `edgec import` on generated node chains
of 1k, 3k, 10k and 30k nodes at opsets 11, 13 and 17, printing the wall time
of each import (best of RUNS) and its time per 1,000 nodes. Import time
should grow about linearly with the node count at every opset.

Chains:
  relu-add-mul     Relu, Add, Mul repeated (ops whose schemas only widened
                   their types since opset 11: no adapter rewrites them)
  squeeze-softmax  Unsqueeze, Squeeze, Softmax(axis=1) repeated on a rank-3
                   tensor (at opsets 11 and 12, every node is rewritten by
                   the version converter: axes become inputs, Softmax gets
                   a Flatten/Reshape pair)

Figures only; nothing passes or fails on them.

    /usr/bin/python3 bench/import_scaling.py [--edgec PATH] [--runs N]
        [--sizes 1000,3000,...] [--opsets 11,13,17] [--chains a,b]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import onnx
from onnx import TensorProto, helper


def relu_add_mul(n, opset):
    nodes, prev = [], "x"
    for i in range(n):
        op = ("Relu", "Add", "Mul")[i % 3]
        ins = [prev] if op == "Relu" else [prev, "c"]
        nodes.append(helper.make_node(op, ins, [f"v{i}"], name=f"n{i}"))
        prev = f"v{i}"
    inits = [helper.make_tensor("c", TensorProto.FLOAT, [1, 8], [0.5] * 8)]
    return nodes, inits, [1, 8], prev, [1, 8]


def squeeze_softmax(n, opset):
    nodes, prev = [], "x"
    for i in range(n):
        out = f"v{i}"
        k = i % 3
        if k < 2:
            op = ("Unsqueeze", "Squeeze")[k]
            if opset < 13:
                nodes.append(helper.make_node(op, [prev], [out], name=f"n{i}",
                                              axes=[0]))
            else:
                nodes.append(helper.make_node(op, [prev, "axes"], [out],
                                              name=f"n{i}"))
        else:
            nodes.append(helper.make_node("Softmax", [prev], [out],
                                          name=f"n{i}", axis=1))
        prev = out
    inits = ([helper.make_tensor("axes", TensorProto.INT64, [1], [0])]
             if opset >= 13 else [])
    out_shape = [1, 2, 8, 3] if (n - 1) % 3 == 0 else [2, 8, 3]
    return nodes, inits, [2, 8, 3], prev, out_shape


CHAINS = {"relu-add-mul": relu_add_mul, "squeeze-softmax": squeeze_softmax}


def make_model(chain, n, opset, path):
    nodes, inits, shape, last, out_shape = CHAINS[chain](n, opset)
    out = helper.make_tensor_value_info(last, TensorProto.FLOAT, out_shape)
    graph = helper.make_graph(
        nodes, chain,
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
        [out], inits)
    model = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    onnx.save(model, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--edgec", default=os.environ.get("EDGEC", "edgec"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="1000,3000,10000,30000")
    ap.add_argument("--opsets", default="11,13,17")
    ap.add_argument("--chains", default=",".join(CHAINS))
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    opsets = [int(s) for s in args.opsets.split(",")]

    print(f"{'chain':<16} {'opset':>5} {'nodes':>7} {'import s':>9} "
          f"{'ms/1k nodes':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for chain in args.chains.split(","):
            for opset in opsets:
                for n in sizes:
                    model = os.path.join(tmp, f"{chain}-{opset}-{n}.onnx")
                    make_model(chain, n, opset, model)
                    best = None
                    for _ in range(args.runs):
                        start = time.perf_counter()
                        p = subprocess.run(
                            [args.edgec, "import", model, "-o",
                             model + ".mlir"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
                        took = time.perf_counter() - start
                        if p.returncode != 0:
                            sys.exit(f"{chain} opset {opset} n={n}: "
                                     f"{p.stderr.strip()}")
                        best = took if best is None else min(best, took)
                    print(f"{chain:<16} {opset:>5} {n:>7} {best:>9.3f} "
                          f"{1000 * best / n * 1000:>12.2f}", flush=True)
                    os.unlink(model)
                    os.unlink(model + ".mlir")


if __name__ == "__main__":
    main()
