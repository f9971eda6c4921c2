# lit configuration for edgec's regression tests.
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "edgec"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".onnxtxt", ".test"]
config.excludes = ["CMakeLists.txt", "README.md", "lit.cfg.py", "lit.site.cfg.py",
                   "Inputs", "unit", "e2e", "fuzz"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.edgec_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%edgec_src", config.edgec_src_root))
# Debian's python3 with onnx and numpy (the first python3 on PATH may lack them).
config.substitutions.append(("%python", "/usr/bin/python3"))

# Tests that train or export with PyTorch declare `REQUIRES: torch`; the
# torchvision models compiled to C (test/Examples/torchvision-*.test) also
# `REQUIRES: torchvision`. Without python3-torch / python3-torchvision lit
# lists them as UNSUPPORTED (scripts/test.sh installs both). One probe process
# for both: importing torch takes a second or two.
import shutil
import subprocess

_probe = subprocess.run(
    ["/usr/bin/python3", "-c",
     "for m in ('torch', 'torchvision'):\n"
     "    try:\n"
     "        __import__(m); print(m)\n"
     "    except Exception:\n"
     "        pass"],
    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.split()
if "torch" in _probe:
    config.available_features.add("torch")
else:
    lit_config.note("python3-torch not found: tests that need torch are skipped")
if "torchvision" in _probe:
    config.available_features.add("torchvision")
else:
    lit_config.note("python3-torchvision not found: the torchvision model tests "
                    "(test/Examples/torchvision-*.test) are skipped")

# ONNX Runtime (npm onnxruntime-node, installed into test/ort/node_modules by
# scripts/install-deps.sh) for tests that run exported models:
# `REQUIRES: onnxruntime`.
_ort_dir = os.path.join(config.edgec_src_root, "test", "ort")
_ort = subprocess.run(
    ["node", "-e", "require(process.argv[1])",
     os.path.join(_ort_dir, "node_modules", "onnxruntime-node")],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) if shutil.which("node") else None
if _ort is not None and _ort.returncode == 0:
    config.available_features.add("onnxruntime")
else:
    lit_config.note("onnxruntime-node not found in test/ort/node_modules (run "
                    "scripts/install-deps.sh, or `cd test/ort && "
                    "ONNXRUNTIME_NODE_INSTALL=skip npm install`): tests that "
                    "run exported models in ONNX Runtime are skipped")

# CC: the host C compiler of `edgec run --backend c` (scripts/test.sh
# --sanitize sets it to clang with the sanitizers).
llvm_config.with_system_environment(["HOME", "TMPDIR", "CC"])
llvm_config.use_default_substitutions()
# `not`, `count`, FileCheck and split-file live in LLVM 22's bin directory, which
# need not be on the caller's PATH.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.edgec_tools_dir, append_path=True)

tool_dirs = [config.edgec_tools_dir, config.llvm_tools_dir]
tools = ["edgec-opt", "edgec-translate", "edgec"]
llvm_config.add_tool_substitutions(tools, tool_dirs)
