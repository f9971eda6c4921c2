#!/usr/bin/env bash
# README command 1: install what is missing, build, and run the main job on the
# bundled example model.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/install-deps.sh"
"$ROOT/scripts/build.sh"
BUILD="${EDGEC_BUILD_DIR:-$ROOT/build}"
MODEL="$ROOT/examples/tinycnn/tinycnn.onnx"

echo
echo "== edgec inspect $MODEL"
"$BUILD/bin/edgec" inspect "$MODEL"
echo
echo "== edgec import $MODEL (first lines of the onnx-dialect IR)"
"$BUILD/bin/edgec" import "$MODEL" -o "$BUILD/tinycnn.mlir"
sed -n '1,25p' "$BUILD/tinycnn.mlir"
echo "   ... full IR in $BUILD/tinycnn.mlir"
