#!/usr/bin/env bash
# Installs every Debian package edgec needs to build and test.
# Usage: scripts/install-deps.sh [--with-torch]
#   --with-torch  also install python3-torch/torchvision/sklearn (example and benchmark models)
set -euo pipefail

PKGS=(
  cmake ninja-build g++ git ccache
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools clang-22 lld-22
  libonnx-dev libprotobuf-dev protobuf-compiler libonnx-testdata
  libcli11-dev libgtest-dev
  libfuzzer-22-dev libclang-rt-22-dev   # test/fuzz: libFuzzer, ASan and UBSan runtimes
  zlib1g-dev          # lib/Quant: inflating np.savez_compressed .npz calibration data
  python3-onnx python3-numpy
  gcc-arm-none-eabi libnewlib-arm-none-eabi   # runtime-compile-arm-none-eabi ctest
)
if [[ "${1:-}" == "--with-torch" ]]; then
  PKGS+=(python3-torch python3-torchvision python3-sklearn)
fi

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if (( ${#missing[@]} )); then
  echo "edgec: installing ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# ONNX Runtime (CPU) for the tests that run exported QDQ models
# (test/Tools/edgec/export-qdq-ort.test): npm's onnxruntime-node, installed
# into test/ort/node_modules from test/ort/package-lock.json. Debian's nodejs
# and npm provide node and npm when they are missing. ONNXRUNTIME_NODE_INSTALL
# =skip stops its post-install step from fetching a CUDA provider (the CPU
# binaries ship inside the package). Without it the lit tests are skipped.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "edgec: installing nodejs npm"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi
if [[ ! -f "$ROOT/test/ort/node_modules/onnxruntime-node/package.json" ]]; then
  echo "edgec: installing onnxruntime-node into test/ort/node_modules"
  (cd "$ROOT/test/ort" && ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund --loglevel=error) ||
    echo "edgec: warning: npm could not install onnxruntime-node; the ONNX Runtime tests will be skipped" >&2
fi
