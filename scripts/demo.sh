#!/usr/bin/env bash
# README command 1: install what is missing, build, and run the main job on the
# bundled example model.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/install-deps.sh"
"$ROOT/scripts/build.sh"
BUILD="${EDGEC_BUILD_DIR:-$ROOT/build}"
MODEL="$ROOT/examples/tinycnn/tinycnn.onnx"
DIGITS="$ROOT/examples/digits"
OUT="$BUILD/demo/digits"

echo
echo "== edgec inspect $MODEL"
"$BUILD/bin/edgec" inspect "$MODEL"
echo
echo "== edgec import $MODEL (first lines of the onnx-dialect IR)"
"$BUILD/bin/edgec" import "$MODEL" -o "$BUILD/tinycnn.mlir"
sed -n '1,25p' "$BUILD/tinycnn.mlir"
echo "   ... full IR in $BUILD/tinycnn.mlir"

echo
echo "== edgec compile $DIGITS/digits.onnx --target c (digits CNN, float32)"
rm -rf "$OUT" && mkdir -p "$(dirname "$OUT")"
"$BUILD/bin/edgec" compile "$DIGITS/digits.onnx" --target c -o "$OUT"
cc -std=c99 -O2 -Wall -Wextra -Werror -I"$OUT" -I"$OUT/edgert" \
  "$OUT/digits.c" "$OUT"/edgert/*.c "$DIGITS/demo_main.c" -lm -o "$OUT/digits_demo"
(cd "$OUT" && cc -std=c99 -O2 -c -I. -Iedgert digits.c edgert/*.c)
flash=$(size "$OUT"/*.o | awk 'NR > 1 { sum += $1 + $2 } END { print sum }')
arena=$(sed -n 's/^#define DIGITS_ARENA_SIZE //p' "$OUT/digits.h")
echo
echo "== digits on the host, generated C (-O2), $(basename "$DIGITS")/test_images.npy"
"$OUT/digits_demo" "$DIGITS/test_images.npy" "$DIGITS/test_labels.npy"
echo "float model (torch): 0.9833 (354/360), see examples/digits/README.md"
echo "flash (weights + code, .text + .data of the generated C and runtime): $flash bytes"
echo "arena (RAM for intermediates): $arena bytes"
