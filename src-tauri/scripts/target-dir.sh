#!/usr/bin/env bash
# Prints the folder cargo builds into, as cargo itself resolves it: ./target by default,
# $CARGO_TARGET_DIR or a cargo config's build.target-dir when one is set.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
cargo metadata --format-version 1 --no-deps --offline 2>/dev/null \
  | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).target_directory))' \
  || { echo "could not ask cargo for its target folder (cargo metadata failed)" >&2; exit 1; }
