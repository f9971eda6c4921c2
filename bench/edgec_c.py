"""Compile an ONNX model to C with edgec, build it with the host C compiler
and bench/driver.c, run it. Shared by bench/run.py (figures) and
bench/check_c.py (the torchvision lit tests): one place that knows how the
generated C is built.

Only the standard library and numpy; run with Debian's /usr/bin/python3.
"""
import os
import re
import shutil
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DRIVER = os.path.join(HERE, "driver.c")
NAME = "net"  # edgec compile --name: the driver calls net_run, NET_*


def find_edgec(explicit=None):
    """The edgec binary: `explicit`, $EDGEC, or the first edgec on PATH."""
    path = explicit or os.environ.get("EDGEC") or shutil.which("edgec")
    if not path:
        raise SystemExit("edgec not found: pass --edgec or put it on PATH")
    return path


def run(cmd, cwd=None):
    """Runs `cmd`; on failure prints its output and exits."""
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n"
                         f"{proc.stdout}")
    return proc.stdout


class Compiled:
    """What `edgec compile --target c` wrote and reported."""

    def __init__(self, outdir, report, seconds):
        self.outdir = outdir
        self.report = report
        self.seconds = seconds
        m = re.search(r"arena:\s+(\d+) bytes \(lower bound (\d+)", report)
        if not m:
            raise SystemExit(f"no arena line in the compile report:\n{report}")
        self.arena, self.lower_bound = int(m.group(1)), int(m.group(2))
        m = re.search(r"weights:\s+(\d+) bytes", report)
        self.weight_bytes = int(m.group(1)) if m else 0
        self.blob = os.path.exists(os.path.join(outdir, f"{NAME}_weights.S"))


def compile_model(edgec, model, outdir, extra_args=()):
    """edgec compile MODEL --target c --name net -o OUTDIR; times it."""
    # Absolute: edgec compile creates its temporary directory with LLVM's
    # createUniqueDirectory, which puts a relative path under $TMPDIR.
    outdir = os.path.abspath(outdir)
    if os.path.exists(outdir):
        shutil.rmtree(outdir)
    os.makedirs(os.path.dirname(os.path.abspath(outdir)), exist_ok=True)
    start = time.perf_counter()
    report = run([edgec, "compile", model, "--target", "c", "--name", NAME,
                  "-o", outdir, *extra_args])
    return Compiled(outdir, report, time.perf_counter() - start)


def build(compiled, builddir, cc="cc", opt="-O2"):
    """Compiles the model, the runtime sources it needs (each once) and the
    driver to objects in BUILDDIR and links them; returns (exe, model and
    runtime object paths)."""
    builddir = os.path.abspath(builddir)
    os.makedirs(builddir, exist_ok=True)
    out = compiled.outdir
    flags = ["-std=c99", opt, "-I", out, "-I", os.path.join(out, "edgert")]
    sources = [os.path.join(out, f"{NAME}.c")]
    rtdir = os.path.join(out, "edgert")
    sources += sorted(os.path.join(rtdir, f) for f in os.listdir(rtdir)
                      if f.endswith(".c"))
    objects = []
    for src in sources:
        obj = os.path.join(builddir, os.path.basename(src)[:-2] + ".o")
        objects.append(obj)
    # One compiler process for all sources: -c with several inputs writes
    # each object into the working directory.
    run([cc, *flags, "-c", *[os.path.abspath(s) for s in sources]], cwd=builddir)
    link = list(objects)
    if compiled.blob:
        weights = os.path.join(builddir, f"{NAME}_weights.o")
        run([cc, "-c", f"{NAME}_weights.S", "-o", weights], cwd=out)
        link.append(weights)
    driver_obj = os.path.join(builddir, "driver.o")
    run([cc, *flags, "-c", DRIVER, "-o", driver_obj])
    exe = os.path.join(builddir, "driver")
    run([cc, driver_obj, *link, "-lm", "-o", exe])
    return exe, objects


def text_bytes(objects):
    """Summed size of the .text sections of the objects (code only: weights,
    shapes and parameter structs are .rodata and not counted)."""
    total = 0
    for obj in objects:
        for line in run(["size", "-A", obj]).splitlines():
            fields = line.split()
            if fields and (fields[0] == ".text" or fields[0].startswith(".text.")):
                total += int(fields[1])
    return total


def run_model(exe, input_npy, output_npy, runs=1):
    """Runs the driver; returns the median latency in ms (wall, cpu)."""
    out = run([exe, input_npy, output_npy, str(runs)])
    m = re.search(r"median: ([0-9.]+) ms \(cpu ([0-9.]+) ms\)", out)
    return float(m.group(1)), float(m.group(2))
