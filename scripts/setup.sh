#!/usr/bin/env bash
# Set up regrapht on a fresh machine: a virtual environment in .venv, llama-cpp-python from a
# cached wheel (built once, ~4-7 min on 2 cores), the package with its test tools, CuPy when an
# NVIDIA driver is present, and the default model (verified by sha256). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
LLAMA_VERSION=0.3.36
CACHE=${REGRAPHT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/regrapht}
WHEELS=${REGRAPHT_WHEEL_CACHE:-$CACHE/wheels}
# Portable x86-64 build (AVX2/FMA): a wheel built with -march=native breaks on older CPUs.
LLAMA_CMAKE_ARGS=${LLAMA_CMAKE_ARGS:--DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON}

"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "setup: Python 3.11 or newer is needed (set PYTHON=...)" >&2; exit 1; }
[ -x .venv/bin/python ] || "$PY" -m venv .venv
VPY=.venv/bin/python
"$VPY" -m pip install -q --disable-pip-version-check --upgrade pip

if ! "$VPY" -c "import llama_cpp, sys; sys.exit(llama_cpp.__version__ != '$LLAMA_VERSION')" 2>/dev/null; then
  mkdir -p "$WHEELS"
  wheel=$(ls "$WHEELS"/llama_cpp_python-"$LLAMA_VERSION"-*.whl 2>/dev/null | head -n 1 || true)
  if [ -z "$wheel" ]; then
    echo "setup: building llama-cpp-python $LLAMA_VERSION once (several minutes); cached in $WHEELS"
    CMAKE_ARGS="$LLAMA_CMAKE_ARGS" CMAKE_BUILD_PARALLEL_LEVEL=$(nproc) \
      "$VPY" -m pip wheel -q --no-deps --disable-pip-version-check \
      "llama-cpp-python==$LLAMA_VERSION" -w "$WHEELS"
    wheel=$(ls "$WHEELS"/llama_cpp_python-"$LLAMA_VERSION"-*.whl | head -n 1)
  fi
  "$VPY" -m pip install -q --disable-pip-version-check "$wheel"
fi

extras="test"
if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
  extras="test,gpu"
fi
"$VPY" -m pip install -q --disable-pip-version-check -e ".[$extras]"

# Neovim is the second editor the language-server tests drive (tests/e2e/neovim); optional:
# without it that test is skipped with its reason.
if ! command -v nvim >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 \
    && [ "$(id -u)" = 0 ]; then
  apt-get install -y -q neovim >/dev/null 2>&1 \
    || echo "setup: could not install neovim; its editor test will be skipped" >&2
fi

# The VS Code extension's editor test (tests/e2e/vscode) drives code-server in Debian's Chromium;
# it needs npm (to build the .vsix; Node 24 and code-server are then fetched from the npm
# registry into ~/.cache/regrapht/editor on its first run). Optional: without them that test is
# skipped with its reason.
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  editor_pkgs=""
  command -v chromium >/dev/null 2>&1 || editor_pkgs="chromium libkrb5-dev"
  command -v npm >/dev/null 2>&1 || editor_pkgs="$editor_pkgs nodejs npm"
  if [ -n "$editor_pkgs" ]; then
    { apt-get update -q && apt-get install -y -q $editor_pkgs build-essential; } >/dev/null 2>&1 \
      || echo "setup: could not install $editor_pkgs; the editor test will be skipped" >&2
  fi
fi
if command -v npm >/dev/null 2>&1 && [ ! -d node_modules/vscode-languageclient ]; then
  npm ci --no-audit --no-fund >/dev/null 2>&1 \
    || echo "setup: npm ci failed; the extension cannot be built here" >&2
fi

.venv/bin/regrapht model fetch
