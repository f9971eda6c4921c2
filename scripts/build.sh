#!/usr/bin/env bash
# Configures (once) and builds edgec in ${EDGEC_BUILD_DIR:-build} with clang-22 + lld.
# EDGEC_CMAKE_ARGS: extra configure arguments (word-split), e.g.
# "-DEDGEC_SANITIZE=ON" as scripts/test.sh --sanitize passes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${EDGEC_BUILD_DIR:-$ROOT/build}"
export PATH=/usr/lib/llvm-22/bin:$PATH   # lld 22 and lit before Debian's older defaults

if [[ ! -f "$BUILD/build.ninja" ]]; then
  launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  cmake -G Ninja -S "$ROOT" -B "$BUILD" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DLLVM_USE_LINKER=lld "${launcher[@]}" ${EDGEC_CMAKE_ARGS:-}
fi
ninja -C "$BUILD" "$@"
