"""compare.py EXPECTED_DIR ACTUAL_DIR: every EXPECTED_DIR/*.npy must exist in
ACTUAL_DIR with the same shape and dtype and values within rtol 1e-4, atol 1e-5
(exact for integer and bool). Prints one line per output; exit 1 on a mismatch."""
import os
import sys

import numpy as np

expected_dir, actual_dir = sys.argv[1], sys.argv[2]
ok = True
names = sorted(n for n in os.listdir(expected_dir) if n.endswith(".npy"))
extra = sorted(set(n for n in os.listdir(actual_dir) if n.endswith(".npy")) - set(names))
for name in names:
    exp = np.load(os.path.join(expected_dir, name))
    path = os.path.join(actual_dir, name)
    if not os.path.exists(path):
        print(f"{name}: MISSING")
        ok = False
        continue
    act = np.load(path)
    if act.shape != exp.shape or act.dtype != exp.dtype:
        print(f"{name}: got {act.dtype}{list(act.shape)}, expected {exp.dtype}{list(exp.shape)}")
        ok = False
    elif exp.dtype.kind == "f" and not np.allclose(act, exp, rtol=1e-4, atol=1e-5):
        print(f"{name}: MISMATCH max abs diff {np.max(np.abs(act - exp)):g}")
        ok = False
    elif exp.dtype.kind != "f" and not np.array_equal(act, exp):
        print(f"{name}: MISMATCH")
        ok = False
    else:
        print(f"{name}: ok {act.dtype}{list(act.shape)}")
for name in extra:
    print(f"{name}: UNEXPECTED output")
    ok = False
sys.exit(0 if ok else 1)
