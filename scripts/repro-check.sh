#!/usr/bin/env bash
# Checks that two edgec binaries (by default a clang-built and a gcc-built one)
# write byte-identical outputs for the same model and options: `edgec compile
# --target c` (float with a weights blob; int8 for the calibrated examples),
# `edgec import` and `edgec export`. Models: the bundled examples and every
# ONNX backend node test model (libonnx-testdata) that compiles.
#
# Usage: scripts/repro-check.sh [EDGEC_A [EDGEC_B]]
#   EDGEC_A defaults to build/bin/edgec (clang-22, scripts/build.sh);
#   EDGEC_B defaults to build-gcc/bin/edgec, configured and built here with
#   g++ when it does not exist yet (that build takes a while on 2 cores).
# Prints how many models were compared and every one whose outputs differ;
# exits 1 when any differs. See docs/reproducibility.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
A="${1:-$ROOT/build/bin/edgec}"
B="${2:-}"
if [[ -z "$B" ]]; then
  GCC_BUILD="${EDGEC_GCC_BUILD_DIR:-$ROOT/build-gcc}"
  if [[ ! -f "$GCC_BUILD/build.ninja" ]]; then
    launcher=()
    if command -v ccache >/dev/null; then
      launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    fi
    cmake -G Ninja -S "$ROOT" -B "$GCC_BUILD" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ "${launcher[@]}"
  fi
  ninja -C "$GCC_BUILD" edgec
  B="$GCC_BUILD/bin/edgec"
fi
for e in "$A" "$B"; do
  [[ -x "$e" ]] || { echo "repro-check: no edgec at '$e'" >&2; exit 2; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
compared=0
differ=0

# compare NAME -- ARGS...: runs `edgec ARGS` with each binary, the output
# (the word OUT in ARGS) going to $work/a/OUT and $work/b/OUT.
compare() {
  local name="$1"; shift
  local ok=1
  for side in a b; do
    local exe="$A"; [[ $side == b ]] && exe="$B"
    local args=()
    for x in "$@"; do args+=("${x//OUT/$work/$side/out}"); done
    rm -rf "$work/$side"; mkdir -p "$work/$side"
    if ! "$exe" "${args[@]}" >"$work/$side.log" 2>&1; then ok=0; fi
  done
  if (( ok == 0 )); then
    # Both must fail alike (a model outside the op set); otherwise it is a
    # difference too.
    if ! cmp -s "$work/a.log" "$work/b.log"; then
      echo "DIFFERS (exit/diagnostics): $name"
      differ=$((differ + 1))
    fi
    return
  fi
  compared=$((compared + 1))
  if ! diff -r "$work/a/out" "$work/b/out" >/dev/null; then
    echo "DIFFERS: $name"
    diff -r "$work/a/out" "$work/b/out" | head -5 || true
    differ=$((differ + 1))
  fi
}

D="$ROOT/examples/digits"
compare "digits float" compile "$D/digits.onnx" --target c --weights-threshold 256 -o OUT
compare "digits int8" compile "$D/digits.onnx" --target c --weights-threshold 256 \
  --quantize int8 --calibration "$D/calib_images.npy" -o OUT
compare "digits int8 separate" compile "$D/digits.onnx" --target c --weights separate \
  --quantize int8 --calibration "$D/calib_images.npy" -o OUT
compare "digits import" import "$D/digits.onnx" -o OUT
compare "digits export" export "$D/digits.onnx" --format onnx-qdq --quantize int8 \
  --calibration "$D/calib_images.npy" -o OUT
compare "tinycnn float" compile "$ROOT/examples/tinycnn/tinycnn.onnx" --target c -o OUT
for m in /usr/share/libonnx-testdata/data/node/*/model.onnx; do
  t="$(basename "$(dirname "$m")")"
  compare "$t" compile "$m" --target c --weights-threshold 256 -o OUT
done
echo "repro-check: $compared outputs compared, $differ differ ($A vs $B)"
(( differ == 0 ))
