# lit configuration for edgec's regression tests.
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "edgec"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".onnxtxt", ".test"]
config.excludes = ["CMakeLists.txt", "README.md", "lit.cfg.py", "lit.site.cfg.py",
                   "Inputs", "unit", "e2e"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.edgec_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%edgec_src", config.edgec_src_root))
# Debian's python3 with onnx and numpy (the first python3 on PATH may lack them).
config.substitutions.append(("%python", "/usr/bin/python3"))

# Tests that train or export with PyTorch declare `REQUIRES: torch`; without
# python3-torch lit lists them as UNSUPPORTED (scripts/test.sh installs it).
import subprocess

if subprocess.call(["/usr/bin/python3", "-c", "import torch"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
    config.available_features.add("torch")
else:
    lit_config.note("python3-torch not found: tests that need torch are skipped")

llvm_config.with_system_environment(["HOME", "TMPDIR"])
llvm_config.use_default_substitutions()
# `not`, `count`, FileCheck and split-file live in LLVM 22's bin directory, which
# need not be on the caller's PATH.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.edgec_tools_dir, append_path=True)

tool_dirs = [config.edgec_tools_dir, config.llvm_tools_dir]
tools = ["edgec-opt", "edgec-translate", "edgec"]
llvm_config.add_tool_substitutions(tools, tool_dirs)
