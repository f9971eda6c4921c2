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

# digits, float32 and int8, each compiled to C, built with the host compiler
# (-O2) and run on the 360 held-out images.
build_digits() { # build_digits NAME [edgec compile options...]
  local name="$1"; shift
  local out="$OUT/$name"
  rm -rf "$out" && mkdir -p "$OUT"
  echo
  echo "== edgec compile $DIGITS/digits.onnx --target c $* ($name)"
  "$BUILD/bin/edgec" compile "$DIGITS/digits.onnx" --target c -o "$out" "$@"
  cc -std=c99 -O2 -Wall -Wextra -Werror -I"$out" -I"$out/edgert" \
    "$out/digits.c" "$out"/edgert/*.c "$DIGITS/demo_main.c" -lm -o "$out/digits_demo"
  # flash: .text + .data of the generated C and the runtime after the
  # linker's garbage collection, rooted at digits_run (what a firmware link
  # with --gc-sections keeps; no unwind tables, as on an MCU).
  (cd "$out" && mkdir -p obj && cd obj &&
   cc -std=c99 -O2 -ffunction-sections -fdata-sections \
      -fno-asynchronous-unwind-tables -c -I.. -I../edgert ../digits.c ../edgert/*.c &&
   ld -r --gc-sections -u digits_run -e digits_run -o ../linked.o ./*.o)
  size "$out/linked.o" | awk 'NR > 1 { print $1 + $2 }' > "$out/flash"
  sed -n 's/^#define DIGITS_ARENA_SIZE //p' "$out/digits.h" > "$out/arena"
  "$out/digits_demo" "$DIGITS/test_images.npy" "$DIGITS/test_labels.npy" > "$out/run"
}
build_digits float
build_digits int8 --quantize int8 --calibration "$DIGITS/calib_images.npy"

field() { sed -n "s/^$2: \([^ ]*\).*/\1/p" "$OUT/$1/run"; }
echo
echo "== digits on the host: generated C (-O2), $(basename "$DIGITS")/test_images.npy (360 held-out images)"
printf '%-34s %12s %12s\n' "" float int8
printf '%-34s %12s %12s\n' "accuracy" "$(field float accuracy)" "$(field int8 accuracy)"
printf '%-34s %12s %12s\n' "flash (weights + code), bytes" "$(cat "$OUT/float/flash")" "$(cat "$OUT/int8/flash")"
printf '%-34s %12s %12s\n' "arena (RAM for tensors), bytes" "$(cat "$OUT/float/arena")" "$(cat "$OUT/int8/arena")"
printf '%-34s %12s %12s\n' "latency per image, us" "$(field float latency)" "$(field int8 latency)"
echo "float model in torch: 0.9833 (354/360); int8 calibrated on 200 training images"
echo "(examples/digits/README.md). flash = .text + .data of model + runtime after ld --gc-sections;"
echo "latency = CPU time per image on this host. The int8 kernels are portable reference"
echo "code (no SIMD): on a host with an FPU float is faster; int8 saves flash and RAM."
