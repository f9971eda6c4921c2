#!/usr/bin/env python3
"""Attribute sweep: mutates the attributes and initializer ranks of ONNX
models and imports each mutant with `edgec import`, counting the runs that
end by a signal (a crash: SIGFPE, SIGSEGV, SIGABRT, ...) rather than with an
exit code. edgec must reject bad models with one error line and exit 1.

    /usr/bin/python3 test/Import/fuzz/attribute_sweep.py --edgec build/bin/edgec \\
        [--node-sample N] [--seed S] [--jobs J] [--keep DIR] [--limit N]
        [--log FILE] [MODEL ...]

Models: the arguments, or by default test/**/*.onnx and *.onnxtxt, examples/**/*.onnx
and N (default 150) models sampled with SEED from
/usr/share/libonnx-testdata/data/node/*/model.onnx. Mutations, per node:

  * every INT / INTS attribute set to 0, -1, 1, 2^31-1, 2^31, 2^32, 2^62,
    -2^63 (INTS: each value, and the whole list), an empty list and a list
    twice as long;
  * every attribute removed, and every attribute given twice;
  * every initializer the node reads reshaped to rank 0, 1, 2 and 5 (the
    data follows the element count of the new dims).

It prints the number of runs, the runs per outcome (exit 0, exit 1, other
exit codes, signals, timeouts), and for each crash the signal, model and
mutation; with --keep the crashing mutants are written to DIR, with --log
every run's outcome and first stderr line to FILE (tab-separated), to compare
two builds. Exit status 1
when any run crashed or timed out. Not run by ctest (it takes minutes);
docs/importer.md quotes its figures.
"""
import argparse
import copy
import glob
import os
import random
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

import onnx
from google.protobuf import text_format
from onnx import AttributeProto, helper, numpy_helper
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))))
EXTREMES = [0, -1, 1, 2**31 - 1, 2**31, 2**32, 2**62, -2**63]


def load(path):
    if path.endswith((".onnxtxt", ".textproto", ".pbtxt")):
        m = onnx.ModelProto()
        with open(path, encoding="utf-8") as f:
            text_format.Parse(f.read(), m)
        return m
    return onnx.load(path, load_external_data=False)


def default_models(sample, seed):
    models = sorted(glob.glob(os.path.join(ROOT, "test/**/*.onnx"), recursive=True))
    models += sorted(glob.glob(os.path.join(ROOT, "test/Import/**/*.onnxtxt"),
                               recursive=True))
    models += sorted(glob.glob(os.path.join(ROOT, "examples/**/*.onnx"),
                               recursive=True))
    node = sorted(glob.glob("/usr/share/libonnx-testdata/data/node/*/model.onnx"))
    random.Random(seed).shuffle(node)
    return [m for m in models if "node_modules" not in m] + node[:sample]


def mutations(model):
    """Yields (description, mutated model)."""
    g = model.graph
    inits = {t.name: i for i, t in enumerate(g.initializer)}
    for ni, node in enumerate(g.node):
        who = f"node {ni} '{node.name}' ({node.op_type})"
        for ai, attr in enumerate(node.attribute):
            def mutant(fn, what):
                m = copy.deepcopy(model)
                fn(m.graph.node[ni].attribute[ai], m.graph.node[ni])
                return f"{who}: {attr.name} {what}", m
            if attr.type == AttributeProto.INT:
                for v in EXTREMES:
                    yield mutant(lambda a, n, v=v: setattr(a, "i", v), f"= {v}")
            elif attr.type == AttributeProto.INTS:
                for v in EXTREMES:
                    for k in range(len(attr.ints)):
                        def set_one(a, n, k=k, v=v):
                            a.ints[k] = v
                        yield mutant(set_one, f"[{k}] = {v}")
                    def set_all(a, n, v=v):
                        a.ints[:] = [v] * max(1, len(a.ints))
                    yield mutant(set_all, f"all = {v}")
                def empty(a, n):
                    del a.ints[:]
                yield mutant(empty, "= []")
                def longer(a, n):
                    a.ints.extend(list(a.ints) or [1])
                yield mutant(longer, "twice as long")
            def remove(a, n, ai=ai):
                del n.attribute[ai]
            yield mutant(remove, "removed")
            def twice(a, n):
                n.attribute.append(copy.deepcopy(a))
            yield mutant(twice, "given twice")
        for inp in node.input:
            if inp not in inits:
                continue
            for rank in (0, 1, 2, 5):
                m = copy.deepcopy(model)
                t = m.graph.initializer[inits[inp]]
                try:
                    arr = numpy_helper.to_array(t).reshape(-1)
                except Exception:
                    continue
                dims = [1] * rank
                if rank:
                    dims[0] = arr.size if rank == 1 else 1
                    dims[-1] = arr.size if rank > 1 else dims[0]
                if rank == 0:
                    arr = arr[:1] if arr.size else np.zeros(1, arr.dtype)
                new = numpy_helper.from_array(arr.reshape(dims), t.name)
                t.CopyFrom(new)
                for vi in m.graph.input:
                    if vi.name == inp:
                        vi.type.tensor_type.shape.Clear()
                        for d in dims:
                            vi.type.tensor_type.shape.dim.add().dim_value = d
                yield f"{who}: initializer '{inp}' to rank {rank}", m


def run_one(edgec, workdir, index, path, what, model):
    f = os.path.join(workdir, f"m{index}.onnx")
    with open(f, "wb") as out:
        out.write(model.SerializeToString())
    try:
        p = subprocess.run([edgec, "import", f, "-o", f + ".mlir"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           timeout=60)
        rc = p.returncode
        first = p.stderr.decode("utf-8", "replace").split("\n", 1)[0]
    except subprocess.TimeoutExpired:
        rc = "timeout"
        first = ""
    for name in (f, f + ".mlir"):
        if os.path.exists(name):
            if rc not in (0, 1) and name == f:
                continue
            os.unlink(name)
    return rc, path, what, f, first


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("models", nargs="*")
    ap.add_argument("--edgec", default=os.environ.get("EDGEC", "edgec"))
    ap.add_argument("--node-sample", type=int, default=150)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0,
                    help="stop after this many runs (0: all)")
    ap.add_argument("--keep", help="directory for crashing mutants")
    ap.add_argument("--log", help="file for every run's outcome")
    args = ap.parse_args()

    models = args.models or default_models(args.node_sample, args.seed)
    counts = {"exit 0": 0, "exit 1": 0, "other exit": 0, "signal": 0,
              "timeout": 0}
    crashes = []
    runs = 0
    with tempfile.TemporaryDirectory() as workdir, \
            ThreadPoolExecutor(args.jobs) as pool:
        futures = []
        for path in models:
            try:
                model = load(path)
            except Exception as e:  # a test model that is broken on purpose
                print(f"skip {path}: {e}", file=sys.stderr)
                continue
            for what, m in mutations(model):
                if args.limit and len(futures) >= args.limit:
                    break
                futures.append(pool.submit(run_one, args.edgec, workdir,
                                           len(futures), path, what, m))
        log = open(args.log, "w", encoding="utf-8") if args.log else None
        for fut in futures:
            rc, path, what, f, first = fut.result()
            runs += 1
            if log:
                rel = os.path.relpath(path, ROOT) if path.startswith(ROOT) else path
                log.write(f"{rc}\t{rel}\t{what}\t{first}\n")
            if rc == "timeout":
                counts["timeout"] += 1
                crashes.append(("timeout", path, what, f))
            elif rc < 0 or rc >= 128:
                counts["signal"] += 1
                sig = -rc if rc < 0 else rc - 128
                try:
                    name = signal.Signals(sig).name
                except ValueError:
                    name = str(sig)
                crashes.append((name, path, what, f))
            elif rc == 0:
                counts["exit 0"] += 1
            elif rc == 1:
                counts["exit 1"] += 1
            else:
                counts["other exit"] += 1
        if log:
            log.close()
        for name, path, what, f in crashes:
            rel = os.path.relpath(path, ROOT) if path.startswith(ROOT) else path
            print(f"CRASH {name}: {rel}: {what}")
            if args.keep and os.path.exists(f):
                os.makedirs(args.keep, exist_ok=True)
                os.replace(f, os.path.join(args.keep, os.path.basename(f)))
    print(f"models: {len(models)}  runs: {runs}  " +
          "  ".join(f"{k}: {v}" for k, v in counts.items()))
    return 1 if counts["signal"] or counts["timeout"] else 0


if __name__ == "__main__":
    sys.exit(main())
