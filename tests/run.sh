#!/usr/bin/env bash
# Runs every NeuronAtlas test: the .NET suites (unit, integration, browser) and the Python tests (the CLIP
# exporter and the demo CLIP trainer).
# System packages the tests need are installed with apt-get when running as root; otherwise the script
# stops and names them. Nothing is skipped silently.
set -uo pipefail
cd "$(dirname "$0")/.."

apt_packages=()
command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
if [ -x /usr/bin/python3 ]; then
  /usr/bin/python3 -c 'import torch' 2>/dev/null || apt_packages+=(python3-torch)
  /usr/bin/python3 -c 'import torchvision' 2>/dev/null || apt_packages+=(python3-torchvision)
  /usr/bin/python3 -c 'import onnx' 2>/dev/null || apt_packages+=(python3-onnx)
  /usr/bin/python3 -c 'import pytest' 2>/dev/null || apt_packages+=(python3-pytest)
  /usr/bin/python3 -c 'import regex' 2>/dev/null || apt_packages+=(python3-regex)
  /usr/bin/python3 -c 'import PIL' 2>/dev/null || apt_packages+=(python3-pil)
else
  apt_packages+=(python3 python3-torch python3-torchvision python3-onnx python3-pytest python3-regex python3-pil)
fi
# Debian's torch does its matrix products through libblas.so.3; without OpenBLAS that is the reference BLAS, ~10x slower.
[ -e /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 ] || [ "$(uname -m)" != x86_64 ] || apt_packages+=(libopenblas0-pthread)
if [ ${#apt_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing test prerequisites: ${apt_packages[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" \
      || { echo "error: could not install ${apt_packages[*]}" >&2; exit 1; }
  else
    echo "error: the tests need these Debian packages: ${apt_packages[*]}" >&2
    echo "       install them with: sudo apt-get install -y ${apt_packages[*]}" >&2
    exit 1
  fi
fi

log=$(mktemp)
status=0
dotnet test NeuronAtlas.sln 2>&1 | tee "$log" || status=1
python_tests=()
for folder in tools/clip_export/tests tools/demo_clip/tests; do
  [ -d "$folder" ] && python_tests+=("$folder")
done
if [ ${#python_tests[@]} -gt 0 ]; then
  # One pytest run: the closing line below reads one "N passed" summary.
  /usr/bin/python3 -m pytest "${python_tests[@]}" -q -p no:cacheprovider 2>&1 | tee -a "$log" || status=1
fi

# One closing line for the whole run, summed over every suite.
sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{ s += $2 } END { print s + 0 }'; }
passed=$(sum Passed)
failed=$(sum Failed)
py_passed=$(grep -oE '[0-9]+ passed' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
py_failed=$(grep -oE '[0-9]+ failed' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
rm -f "$log"
echo "tests: $(( ${passed:-0} + ${py_passed:-0} )) passed, $(( ${failed:-0} + ${py_failed:-0} )) failed"
exit $status
