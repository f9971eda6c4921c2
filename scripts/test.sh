#!/usr/bin/env bash
# README command 2: install what is missing, build, run the whole test suite.
# Usage: scripts/test.sh [--sanitize]
#   --sanitize  build edgec, its tools, tests and the runtime with
#               AddressSanitizer (+LeakSanitizer) and UndefinedBehaviorSanitizer
#               in ${EDGEC_BUILD_DIR:-build-asan} and run every ctest there; the
#               C code tests generate is compiled with the same sanitizers
#               ($CC). See docs/testing.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SANITIZE=0
for arg in "$@"; do
  case "$arg" in
    --sanitize) SANITIZE=1 ;;
    *) echo "usage: scripts/test.sh [--sanitize]" >&2; exit 2 ;;
  esac
done
"$ROOT/scripts/install-deps.sh" --with-torch   # torch: example-model tests
if (( SANITIZE )); then
  export EDGEC_BUILD_DIR="${EDGEC_BUILD_DIR:-$ROOT/build-asan}"
  export EDGEC_CMAKE_ARGS="-DEDGEC_SANITIZE=ON ${EDGEC_CMAKE_ARGS:-}"
  # Any report fails the process that made it (and so its test). Leaks are
  # errors too, except the library ones listed in scripts/lsan.supp.
  # allow_user_poisoning=0: LLVM's BumpPtrAllocator poisons the unused part
  # of its slabs in code compiled with ASan (edgec's, from LLVM's headers) but
  # not in Debian's uninstrumented libMLIR, which allocates from the same
  # slabs without unpoisoning: every MLIR tool would report use-after-poison
  # in memory it owns. Heap, stack and global checks are unaffected.
  export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:allow_user_poisoning=0"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  export LSAN_OPTIONS="suppressions=$ROOT/scripts/lsan.supp:print_suppressions=0"
  # Generated C (edgec run --backend c, the onnx-node-c suite) is built by
  # $CC; with the sanitizers it can link the instrumented runtime library
  # and the generated code is checked as well.
  export CC="clang-22 -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
fi
"$ROOT/scripts/build.sh"
BUILD="${EDGEC_BUILD_DIR:-$ROOT/build}"
export PATH=/usr/lib/llvm-22/bin:$PATH
cd "$BUILD"
ctest -j2 --output-on-failure
