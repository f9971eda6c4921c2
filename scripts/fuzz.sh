#!/usr/bin/env bash
# Long fuzzing run of one libFuzzer target (docs/fuzzing.md).
# Usage: scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags...]
#   TARGET   importer | tensor | calibration | blob
#   SECONDS  how long to fuzz (libFuzzer -max_total_time)
# Builds the target if needed (in ${EDGEC_BUILD_DIR:-build}), keeps the corpus
# in ${EDGEC_FUZZ_DIR:-$HOME/.cache/edgec-fuzz}/TARGET/corpus (outside the
# source tree, kept between runs) and crash/leak/timeout inputs in
# .../TARGET/artifacts, and prints executions and crashes at the end.
# One fuzzing process at a time (add -fork=1 -ignore_crashes=1 to keep going
# after a crash); it runs under `nice -n 5`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${EDGEC_BUILD_DIR:-$ROOT/build}"
if [[ $# -lt 2 ]]; then
  sed -n '2,10p' "$0" >&2
  exit 2
fi
TARGET=$1 SECONDS_=$2
shift 2
case "$TARGET" in
  importer) DICT=onnx.dict ;;
  tensor|calibration) DICT=tensor.dict ;;
  blob) DICT= ;;
  *) echo "fuzz.sh: unknown target '$TARGET' (importer, tensor, calibration, blob)" >&2; exit 2 ;;
esac
export PATH=/usr/lib/llvm-22/bin:$PATH
if [[ ! -f "$BUILD/build.ninja" ]]; then
  EDGEC_BUILD_DIR="$BUILD" "$ROOT/scripts/build.sh" "edgec-fuzz-$TARGET"
else
  ninja -C "$BUILD" "edgec-fuzz-$TARGET" edgec-fuzz-seeds
fi
FUZZER="$BUILD/bin/edgec-fuzz-$TARGET"
[[ -x "$FUZZER" ]] || { echo "fuzz.sh: $FUZZER was not built (EDGEC_FUZZ=OFF? see docs/fuzzing.md)" >&2; exit 1; }

WORK="${EDGEC_FUZZ_DIR:-$HOME/.cache/edgec-fuzz}/$TARGET"
mkdir -p "$WORK/corpus" "$WORK/artifacts"
LOG="$WORK/fuzz-$(date -u +%Y%m%dT%H%M%SZ).log"
# Read-only corpora besides the growing one: the seeds, the regression
# inputs and, for the importer, the ONNX backend test models
# (libonnx-testdata), which cover most operators.
corpora=("$BUILD/test/fuzz/seeds/$TARGET")
[[ -d "$ROOT/test/fuzz/regressions/$TARGET" ]] && corpora+=("$ROOT/test/fuzz/regressions/$TARGET")
if [[ $TARGET == importer && -d /usr/share/libonnx-testdata/data/node ]]; then
  mkdir -p "$WORK/onnx-testdata"
  if [[ -z "$(ls -A "$WORK/onnx-testdata")" ]]; then
    for m in /usr/share/libonnx-testdata/data/*/*/model.onnx; do
      d=$(basename "$(dirname "$m")")
      cp "$m" "$WORK/onnx-testdata/$d.onnx"
    done
  fi
  corpora+=("$WORK/onnx-testdata")
fi

echo "fuzz.sh: $TARGET for ${SECONDS_}s; corpus $WORK/corpus; log $LOG"
set +e
nice -n 5 "$FUZZER" -max_total_time="$SECONDS_" -timeout=20 -rss_limit_mb=3072 \
  -max_len=65536 -print_final_stats=1 ${DICT:+-dict="$ROOT/test/fuzz/$DICT"} \
  -artifact_prefix="$WORK/artifacts/" "$@" "$WORK/corpus" "${corpora[@]}" \
  >"$LOG" 2>&1
rc=$?
set -e
# Executions: the final statistics, or (with -fork) the last status line.
execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$LOG" | grep -o '[0-9]*$' | tail -1 || true)
if [[ -z "$execs" ]]; then
  execs=$(grep -o '^#[0-9]*' "$LOG" | tr -d '#' | tail -1 || true)
fi
crashes=$(grep -c '^SUMMARY: ' "$LOG" || true)
echo "fuzz.sh: $TARGET: ${execs:-?} executions in ${SECONDS_}s, exit $rc, $crashes crash reports"
echo "fuzz.sh: corpus $(ls "$WORK/corpus" | wc -l) inputs; artifacts:"
ls -l "$WORK/artifacts" | tail -n +2
exit $rc
