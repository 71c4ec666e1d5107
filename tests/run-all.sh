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
# Where cargo puts what it builds: ./target, or $CARGO_TARGET_DIR (or a config's build.target-dir)
# when the developer shares one folder between projects.
target="$(bash src-tauri/scripts/target-dir.sh)"
# One build per run: cargo's incremental caches would add about 3 GB that this run never reads
# again (a CI machine whose disk filled up killed the linker with SIGBUS). Developers' own cargo
# runs keep them.
export CARGO_INCREMENTAL=0
mkdir -p "$target"
free_kb=$(df -Pk "$target" | awk 'NR==2 {print $4}')
echo "free space where cargo builds ($target): $(( free_kb / 1024 )) MB; a cold run needs about 4 GB"
[ "$free_kb" -ge $(( 4 * 1024 * 1024 )) ] || echo "warning: less than 4 GB free: the build may fail (a linker killed by SIGBUS is a full disk)" >&2

# MAGDAY_FAKETIME="01:30" (anything `date -d` reads, in $TZ) runs every test on a clock that
# reads that time when this script starts and runs on from there: libfaketime with one offset
# for the UI tests, every Rust test binary and the whole end-to-end stack (tests, drivers, app).
# Builds run on the real clock (cargo and rustc hang under libfaketime).
if [ -n "${MAGDAY_FAKETIME:-}" ]; then
  faketime_lib=$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 2>/dev/null | head -n1)
  [ -n "$faketime_lib" ] || { echo "libfaketime is missing" >&2; exit 1; }
  # Signed: libfaketime reads an unsigned number as an absolute date, not an offset.
  faketime_offset=$(printf '%+d' $(( $(date -d "$MAGDAY_FAKETIME" +%s) - $(date +%s) )))
  step "every test runs on a clock faked to $(date -d "$MAGDAY_FAKETIME" '+%F %T %Z') (offset ${faketime_offset}s)"
  fake() { LD_PRELOAD="$faketime_lib" FAKETIME="$faketime_offset" "$@"; }
else
  fake() { "$@"; }
fi

# The FHIR R4 validator the export tests use (issue 26): fhir.resources 6.1.0 (R4 4.0.1) from
# PyPI in a venv beside the build, installed once.
step "FHIR R4 validator"
MAGDAY_FHIR_VALIDATE="$(bash tests/fhir/install.sh "$target/fhir-venv")"
export MAGDAY_FHIR_VALIDATE

step "UI: build, type check, component tests, size budget"
npm --prefix ui run build
npm --prefix ui run check
fake npm --prefix ui test
npm --prefix ui run size

step "Rust: format"
cargo fmt --all -- --check

# The floors (issue 23): no import circle between files of the core, the shell or foodgen, no
# file over 500 lines, no function over 80, no SQL outside the store. The checker's own tests
# show it failing on each.
step "Structure: floors"
PYTHONDONTWRITEBYTECODE=1 python3 -m unittest discover -s tests/floors
python3 tests/floors/check.py

# The end-to-end tests spend most of their time waiting for dose times, while the lints and the
# Rust tests spend theirs compiling: the app is built first, the end-to-end tests run in the
# background, and the compiling runs beside them at a lower priority (the apps under test keep
# the CPU they need). The binary under test is copied aside: `cargo test` rebuilds
# target/debug/magday without the embedded UI.
step "end to end: build the app, then drive it through tauri-driver (in the background)"
ui/node_modules/.bin/tauri build --debug --no-bundle
mkdir -p "$target/e2e"
cp "$target/debug/magday" "$target/e2e/magday"
export MAGDAY_APP="$target/e2e/magday"
# Two lanes side by side, each on its own X display. Within a lane every test file gets a D-Bus
# session bus of its own from the project's config (tests/e2e/dbus/session.conf: no service
# directories, so nothing the host installed, a notification daemon included, is ever started
# on it), and whatever a file left on its bus is killed before the next file starts
# (tests/e2e/lane.mjs). Lane A holds the record tests (two app instances, kills, recovery), a
# pause travelling between two instances and the breathing session; lane B the rest (each lane
# about ten minutes).
lane() {
  local name="$1" display="$2"; shift 2
  (cd tests/e2e && fake xvfb-run -a -n "$display" -s "-screen 0 1280x1024x24" node lane.mjs "$name" "$@")
}
lane_a=(record.test.mjs safety-sync.test.mjs practice.test.mjs exports.test.mjs autostart.test.mjs)
mapfile -t lane_b < <(cd tests/e2e && ls ./*.test.mjs | sed 's|^\./||' | grep -v -x -e record.test.mjs -e safety-sync.test.mjs -e practice.test.mjs -e exports.test.mjs -e autostart.test.mjs)
lane_a_log="$target/e2e-lane-a.log"
lane_b_log="$target/e2e-lane-b.log"
lane A 110 "${lane_a[@]}" > "$lane_a_log" 2>&1 &
lane_a_pid=$!
sleep 3
lane B 130 "${lane_b[@]}" > "$lane_b_log" 2>&1 &
lane_b_pid=$!
# Should a step below fail, the lanes still finish (their harness cleans up its apps and
# drivers) before this script exits with that failure.
trap 'wait "$lane_a_pid" "$lane_b_pid" 2>/dev/null || true' EXIT

step "Rust: lints"
nice -n 10 cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust: core, food generator, bindings and commands"
# --no-fail-fast: one failing test binary must not hide the others' results.
if [ -z "${MAGDAY_FAKETIME:-}" ]; then
  nice -n 10 cargo test --workspace --locked --no-fail-fast
else
  # Build on the real clock, then run each test binary on the fake one, where cargo would.
  nice -n 10 cargo test --workspace --locked --no-run --message-format=json | node tests/cargo-test-bins.mjs > "$target/test-bins.tsv"
  failed=0
  while IFS=$'\t' read -r bin dir; do
    (cd "$dir" && CARGO_MANIFEST_DIR="$dir" fake "$bin") || failed=1
  done < "$target/test-bins.tsv"
  [ "$failed" = 0 ] || { echo "a Rust test binary failed" >&2; exit 1; }
fi

step "Rust: the commands at night and in far zones (libfaketime)"
nice -n 10 bash tests/clock-matrix.sh

step "end to end: waiting for both lanes"
lane_a_status=0
wait "$lane_a_pid" || lane_a_status=$?
lane_b_status=0
wait "$lane_b_pid" || lane_b_status=$?
step "end to end, lane A (${lane_a[*]})"
cat "$lane_a_log"
step "end to end, lane B"
cat "$lane_b_log"
if [ "$lane_a_status" != 0 ] || [ "$lane_b_status" != 0 ]; then
  echo "end-to-end tests failed (lane A: $lane_a_status, lane B: $lane_b_status)" >&2
  exit 1
fi

step "all tests passed ($(du -sh "$target" | cut -f1) in $target)"
