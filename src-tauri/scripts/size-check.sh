#!/usr/bin/env bash
# Builds the release binary (no bundle) and fails when the stripped binary is over its budget
# (README, "Budgets, measured"). Slow (a release build with LTO): run it before a release and
# after adding a crate, not in the test command.
#   bash src-tauri/scripts/size-check.sh            build, then check
#   MAGDAY_SIZE_ONLY=1 bash src-tauri/scripts/size-check.sh   check the binary already built
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
budget=10000000 # bytes: "under 10 MB"
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
target="$(bash src-tauri/scripts/target-dir.sh)"
if [ -z "${MAGDAY_SIZE_ONLY:-}" ]; then
  bash src-tauri/scripts/install-deps.sh app
  ui/node_modules/.bin/tauri build --no-bundle
fi
bin="$target/release/magday"
[ -f "$bin" ] || { echo "[size] no release binary at $bin" >&2; exit 1; }
size=$(stat -c %s "$bin")
printf '[size] %s: %s bytes (%s MB), budget %s bytes\n' "$bin" "$size" \
  "$(awk -v s="$size" 'BEGIN { printf "%.2f", s / 1000000 }')" "$budget"
if [ "$size" -gt "$budget" ]; then
  echo "[size] over budget by $((size - budget)) bytes: see what grew with 'cargo bloat --release --crates'" >&2
  exit 1
fi
echo "[size] within budget"
