#!/usr/bin/env bash
# Installs what is missing, builds Magday (UI and app, debug) and launches it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bash src-tauri/scripts/install-deps.sh app
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
# `tauri build` runs the UI build first (tauri.conf.json) and embeds ui/dist in the binary.
ui/node_modules/.bin/tauri build --debug --no-bundle
exec "$(bash src-tauri/scripts/target-dir.sh)/debug/magday" "$@"
