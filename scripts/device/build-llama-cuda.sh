#!/usr/bin/env bash
# On the GPU machine: build llama-cpp-python with CUDA from its source package, for the
# benchmark's `--backend llama --gpu-layers -1` (the product's own Q4 model and grammar on the
# GPU). The source (PyPI's sdist, 73 MB) is over one call's carry, so it travels trimmed:
#   here:   bash scripts/device/pack-llama-source.sh   (-> .devcarry/llama-src.tgz, ~51 MB)
#   there:  setsid bash scripts/device/build-llama-cuda.sh > /root/llama-build.log 2>&1 &
# It builds for this GPU only (sm_90) and installs into /root/site, over the CPU wheel that
# install-wheels.sh put there; the wheel is kept in /root/wheels (bring it back through $OUT
# to skip the build on a later machine: carry it in .whl/ instead of the CPU one).
set -euo pipefail
cd "$(dirname "$0")/../.."
src=${1:-.devcarry/llama-src.tgz}
rm -rf /root/llama-src && mkdir -p /root/llama-src /root/wheels
tar xzf "$src" -C /root/llama-src
pkg=$(ls -d /root/llama-src/llama_cpp_python-*)
start=$(date +%s)
export CMAKE_ARGS="-DGGML_CUDA=on -DCMAKE_CUDA_ARCHITECTURES=90 -DGGML_NATIVE=off \
 -DLLAVA_BUILD=off -DLLAMA_BUILD_TESTS=off -DLLAMA_BUILD_EXAMPLES=off \
 -DLLAMA_BUILD_TOOLS=off -DLLAMA_BUILD_SERVER=off"
export CMAKE_BUILD_PARALLEL_LEVEL=$(nproc)
python3 -m pip wheel --no-deps --no-build-isolation --no-cache-dir -w /root/wheels "$pkg"
python3 -m pip install -q --no-index --no-deps --no-compile --upgrade --target /root/site \
  /root/wheels/llama_cpp_python-*.whl
echo "built and installed in $(( $(date +%s) - start )) s: $(ls /root/wheels)"
touch /root/llama-build.done
