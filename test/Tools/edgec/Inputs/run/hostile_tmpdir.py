"""Runs `edgec run --backend c` with the weights in an .incbin blob and
$TMPDIR set to a directory whose name holds a quote, a newline, an
assembler directive and a comment end: the generated assembly must embed the
path as data, not execute it (issue 9, defect 6). Exits non-zero on failure.

usage: hostile_tmpdir.py EDGEC MODEL INPUT.npy WORKDIR
"""
import os
import subprocess
import sys

edgec, model, inp, work = sys.argv[1:5]
hostile = os.path.join(work, 'x"\n.error "injected directive ran"\n*/ \\z\x01')
os.makedirs(hostile)
out = os.path.join(work, "out")
env = dict(os.environ, TMPDIR=hostile)
r = subprocess.run([edgec, "run", model, "--backend", "c",
                    "--weights-threshold", "1024", "-i", inp, "-o", out],
                   env=env, capture_output=True, text=True)
sys.stdout.write(r.stdout)
sys.stderr.write(r.stderr)
if r.returncode != 0:
    sys.exit("edgec run failed with exit code %d" % r.returncode)
print("outputs:", " ".join(sorted(os.listdir(out))))
# The temporary build directory was removed from inside the hostile TMPDIR.
print("left in TMPDIR:", len(os.listdir(hostile)))
