#!/usr/bin/env bash
# On the GPU machine: join the model pieces carried one per call (.devcarry/mNN, made here with
# `split -b 58720256 -d -a 2 MODEL .devcarry/m`: 20 pieces of 56 MiB, since a call carries the
# tracked tree too, 64 MiB in all) and verify the default model's sha256.
# Usage: bash scripts/device/assemble-model.sh PIECES_DIR   (writes /root/model.gguf)
set -euo pipefail
SHA=cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046
cat "$1"/m?? > /root/model.gguf.part
echo "$SHA  /root/model.gguf.part" | sha256sum -c - >/dev/null \
  || { echo "model pieces do not add up to the default model (sha256 mismatch)" >&2; rm -f /root/model.gguf.part; exit 1; }
mv /root/model.gguf.part /root/model.gguf
rm -rf "$1"
echo "model ok: $(stat -c %s /root/model.gguf) bytes"
