#!/usr/bin/env bash
# Here: fetch llama-cpp-python's source package and trim what a CUDA build does not need
# (llama.cpp's docs, media, benches and vocabulary test models), so that it fits one device
# call's carry (64 MiB). Writes .devcarry/llama-src.tgz for scripts/device/build-llama-cuda.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=${1:-0.3.36}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/python -m pip download -q --no-binary :all: --no-deps \
  "llama-cpp-python==$version" -d "$work"
tar xzf "$work"/llama_cpp_python-"$version".tar.gz -C "$work"
v="$work/llama_cpp_python-$version/vendor/llama.cpp"
rm -rf "$v/docs" "$v/media" "$v/benches" "$v"/models/*.gguf
mkdir -p .devcarry
tar czf .devcarry/llama-src.tgz -C "$work" "llama_cpp_python-$version"
ls -l .devcarry/llama-src.tgz
