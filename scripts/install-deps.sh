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
