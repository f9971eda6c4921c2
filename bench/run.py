#!/usr/bin/env python3
"""edgec's benchmark: per model, compile to C with `edgec compile --target c`,
build with the host C compiler (-O2) and bench/driver.c, run, and print

  compile s   wall time of `edgec compile` (import -> C files, runtime copied)
  arena       bytes of the arena the generated code needs
  bound       the planner's lower bound for that schedule (most bytes live
              at once, docs/memory-planning.md) and arena/bound
  weights     weight bytes (static const arrays or the .incbin blob)
  .text       code bytes: .text of the model object + the runtime objects it
              needs (weights and other .rodata not counted)
  latency     median wall time of one inference over RUNS runs after one
              warm-up, single thread; cpu ms: the same for the process's CPU
              time (less sensitive to other load on the machine)
  max err     largest |C - reference| / largest |reference| where a
              reference output exists (torchvision: torch's logits)

Figures only: nothing passes or fails on them. Models: digits and tinycnn
(examples/), and the five torchvision models (bench/models/) when they are in
MODEL_DIR or torch and torchvision can export them there.

    /usr/bin/python3 bench/run.py [--runs N] [--models a,b,...] [--edgec PATH]
        [--cc CC] [--model-dir DIR] [--workdir DIR]

Defaults: 5 runs, all models, edgec from $EDGEC or PATH, cc, MODEL_DIR
bench/models/out/, WORKDIR a temporary directory (removed afterwards).
"""
import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import edgec_c  # noqa: E402

TORCHVISION = ["mobilenet_v2", "resnet18", "squeezenet1_1",
               "mobilenet_v3_small", "shufflenet_v2_x0_5"]
ALL = ["digits", "tinycnn"] + TORCHVISION


def cpu_name():
    """/proc/cpuinfo's model name, family/model and clock of the first CPU."""
    info = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if not line.strip():
                    break
                key, _, value = line.partition(":")
                info[key.strip()] = value.strip()
    except OSError:
        pass
    if "model name" not in info:
        return platform.processor() or platform.machine()
    extra = []
    if "cpu family" in info:
        extra.append(f"family {info['cpu family']} model {info.get('model', '?')}")
    if "cpu MHz" in info:
        extra.append(f"{float(info['cpu MHz']):.0f} MHz")
    return info["model name"] + (f" ({', '.join(extra)})" if extra else "")


def prepare(name, model_dir, workdir):
    """(model.onnx, input.npy, reference.npy or None) for NAME, or a string
    saying why it is skipped."""
    if name == "digits":
        images = np.load(os.path.join(ROOT, "examples/digits/test_images.npy"))
        inp = os.path.join(workdir, "digits.input.npy")
        np.save(inp, images[:1])
        return os.path.join(ROOT, "examples/digits/digits.onnx"), inp, None
    if name == "tinycnn":
        inp = os.path.join(workdir, "tinycnn.input.npy")
        x = np.random.default_rng(0).standard_normal((1, 1, 28, 28))
        np.save(inp, x.astype(np.float32))
        return os.path.join(ROOT, "examples/tinycnn/tinycnn.onnx"), inp, None
    onnx = os.path.join(model_dir, f"{name}.onnx")
    if not os.path.exists(onnx):
        proc = subprocess.run(
            [sys.executable, os.path.join(HERE, "models/export_torchvision.py"),
             model_dir, name], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True)
        if proc.returncode != 0:
            last = (proc.stdout.strip().splitlines() or ["?"])[-1]
            return f"not exported ({last})"
    return (onnx, os.path.join(model_dir, f"{name}.input.npy"),
            os.path.join(model_dir, f"{name}.output.npy"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--models", default=",".join(ALL))
    ap.add_argument("--edgec")
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--model-dir", default=os.path.join(HERE, "models", "out"))
    ap.add_argument("--workdir")
    args = ap.parse_args()
    names = [n for n in args.models.split(",") if n]
    unknown = [n for n in names if n not in ALL]
    if unknown:
        ap.error(f"unknown model(s) {', '.join(unknown)}; choose from {', '.join(ALL)}")
    edgec = edgec_c.find_edgec(args.edgec)
    cc_version = edgec_c.run([args.cc, "--version"]).splitlines()[0]

    workdir = args.workdir or tempfile.mkdtemp(prefix="edgec-bench-")
    os.makedirs(workdir, exist_ok=True)
    version = edgec_c.run([edgec, "--version"]).strip().splitlines()[0]
    print(f"edgec: {edgec} ({version})")
    print(f"cc:    {args.cc} -O2 ({cc_version})")
    print(f"cpu:   {cpu_name()}, one thread; latency = median of {args.runs} "
          f"run(s) after one warm-up" if args.runs > 1 else
          f"cpu:   {cpu_name()}, one thread; latency = one run")
    header = (f"{'model':20s} {'compile s':>9s} {'arena':>10s} {'bound':>10s} "
              f"{'ratio':>6s} {'weights':>11s} {'.text':>8s} {'latency ms':>11s} "
              f"{'cpu ms':>9s} {'max err':>8s}")
    print(header)
    print("-" * len(header))
    try:
        for name in names:
            prepared = prepare(name, args.model_dir, workdir)
            if isinstance(prepared, str):
                print(f"{name:20s} skipped: {prepared}", flush=True)
                continue
            model, inp, ref = prepared
            out = os.path.join(workdir, name, "output.npy")
            try:
                compiled = edgec_c.compile_model(edgec, model,
                                                 os.path.join(workdir, name, "c"))
                exe, objects = edgec_c.build(compiled,
                                             os.path.join(workdir, name, "obj"),
                                             cc=args.cc, opt="-O2")
                latency, cpu = edgec_c.run_model(exe, inp, out, args.runs)
            except SystemExit as failure:
                # One line: the failing tool's first error line.
                lines = [l for l in str(failure).splitlines()[1:] if l.strip()]
                print(f"{name:20s} failed: {lines[0] if lines else failure}",
                      flush=True)
                continue
            err = "-"
            if ref and os.path.exists(ref):
                want = np.load(ref).astype(np.float64)
                got = np.load(out)
                err = f"{np.max(np.abs(got - want)) / np.max(np.abs(want)):.1e}"
            ratio = compiled.arena / compiled.lower_bound if compiled.lower_bound else 1.0
            print(f"{name:20s} {compiled.seconds:9.2f} {compiled.arena:10,d} "
                  f"{compiled.lower_bound:10,d} {ratio:6.3f} "
                  f"{compiled.weight_bytes:11,d} {edgec_c.text_bytes(objects):8,d} "
                  f"{latency:11.2f} {cpu:9.2f} {err:>8s}", flush=True)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
