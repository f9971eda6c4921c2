#!/usr/bin/env bash
# README command 2: install what is missing, build, run the whole test suite.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/install-deps.sh" --with-torch   # torch: example-model tests
"$ROOT/scripts/build.sh"
BUILD="${EDGEC_BUILD_DIR:-$ROOT/build}"
export PATH=/usr/lib/llvm-22/bin:$PATH
cd "$BUILD"
ctest -j2 --output-on-failure
