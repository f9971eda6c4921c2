#!/usr/bin/env python3
"""Checks a model compiled to C against a reference output: edgec compile
--target c, build with the host cc (bench/edgec_c.py, bench/driver.c), run
once on INPUT.npy, compare with EXPECTED.npy. The test passes when the largest
absolute error is at most TOL times the largest reference magnitude and the
arena is at most MAX_ARENA_RATIO times its lower bound. Used by the
torchvision lit tests (test/Examples/torchvision-*.test):

    /usr/bin/python3 bench/check_c.py MODEL.onnx INPUT.npy EXPECTED.npy WORKDIR
        [--tol 1e-4] [--max-arena-ratio 1.10] [--opt -O1] [--cc cc] [--edgec PATH]

Prints the compile report's arena and weights lines, the error, and "PASS" or
"FAIL" (exit status 1).
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import edgec_c  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model")
    ap.add_argument("input")
    ap.add_argument("expected")
    ap.add_argument("workdir")
    ap.add_argument("--tol", type=float, default=1e-4)
    ap.add_argument("--max-arena-ratio", type=float, default=1.10)
    ap.add_argument("--opt", default="-O1")
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--edgec")
    args = ap.parse_args()

    edgec = edgec_c.find_edgec(args.edgec)
    compiled = edgec_c.compile_model(edgec, args.model,
                                     os.path.join(args.workdir, "c"))
    exe, _ = edgec_c.build(compiled, os.path.join(args.workdir, "obj"),
                           cc=args.cc, opt=args.opt)
    out_npy = os.path.join(args.workdir, "output.npy")
    edgec_c.run_model(exe, args.input, out_npy)

    got = np.load(out_npy)
    want = np.load(args.expected)
    ratio = compiled.arena / compiled.lower_bound if compiled.lower_bound else 1.0
    print(f"arena: {compiled.arena} bytes (lower bound {compiled.lower_bound}, "
          f"{ratio:.3f}x)")
    print(f"weights: {compiled.weight_bytes} bytes"
          f"{' (blob)' if compiled.blob else ''}")
    ok = True
    if got.shape != want.shape:
        print(f"shape {got.shape} != expected {want.shape}")
        ok = False
    else:
        err = float(np.max(np.abs(got.astype(np.float64) - want)))
        scale = float(np.max(np.abs(want)))
        print(f"max abs error {err:.3g} (largest |expected| {scale:.3g}, "
              f"relative {err / scale if scale else err:.3g}, tolerance {args.tol:g})")
        if not np.all(np.isfinite(got)) or err > args.tol * scale:
            ok = False
        print(f"argmax: {int(np.argmax(got))} (expected {int(np.argmax(want))})")
    if ratio > args.max_arena_ratio:
        print(f"arena is {ratio:.3f}x its lower bound (limit {args.max_arena_ratio:g}x)")
        ok = False
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
