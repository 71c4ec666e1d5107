#!/usr/bin/env bash
# Installs what is missing, then runs every test: formatting and lints, the core's unit and
# property tests, the food generator's check, the UI's type check and component tests, the
# commands through Tauri's IPC, and the end-to-end tests that drive the real app binary under
# Xvfb on a private D-Bus session.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
start=$(date +%s)
step() { printf '\n\033[1m[magday] %s\033[0m (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }

step "installing what is missing"
bash src-tauri/scripts/install-deps.sh test
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"

step "UI: build, type check, component tests, size budget"
npm --prefix ui run build
npm --prefix ui run check
npm --prefix ui test
npm --prefix ui run size

step "Rust: format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust: core, food generator, bindings and commands"
# --no-fail-fast: one failing test binary must not hide the others' results.
cargo test --workspace --locked --no-fail-fast

step "Rust: the commands at night and in far zones (libfaketime)"
bash tests/clock-matrix.sh

step "end to end: build the app, then drive it through tauri-driver"
ui/node_modules/.bin/tauri build --debug --no-bundle
export MAGDAY_APP="$root/target/debug/magday"
xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- npm --prefix tests/e2e test

step "all tests passed"
