#!/usr/bin/env bash
# Runs the IPC command tests (tests/commands.rs) with the clock faked by libfaketime to times
# around the day start (04:00) and midnight, each in two zones far apart, so a test that reads the
# wall clock, or a rule that gets the day boundary wrong, fails at any hour the run happens at.
# Only the built test binary runs under libfaketime: cargo and rustc hang under it.
#   bash tests/clock-matrix.sh            the whole matrix
#   MAGDAY_CLOCK_DATE=2027-03-28 bash tests/clock-matrix.sh   on another date
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"

date_="${MAGDAY_CLOCK_DATE:-2026-07-15}"
times=(00:30 03:59 04:00 12:00 23:59)
zones=(UTC Pacific/Auckland)

command -v faketime >/dev/null || { echo "faketime is missing: bash src-tauri/scripts/install-deps.sh test" >&2; exit 1; }

# Build (outside libfaketime) and take the test executable's path from cargo's JSON messages.
# --workspace: the same feature set as the test command's `cargo test --workspace`, so the
# binary it built is reused rather than rebuilt with other features.
bin=$(cargo test --workspace --locked --test commands --no-run --message-format=json \
  | node tests/cargo-test-bins.mjs commands | cut -f1)

failed=()
for zone in "${zones[@]}"; do
  for t in "${times[@]}"; do
    printf '[clock matrix] %s %s %s\n' "$date_" "$t" "$zone"
    # The timestamp is read in $TZ, so each run starts at that local wall-clock time; the fake
    # clock then runs on (the tests take seconds, well inside a minute).
    if ! TZ="$zone" MAGDAY_FAKE_NOW="$date_ $t" faketime -m "$date_ $t:00" "$bin" --quiet; then
      failed+=("$t $zone")
    fi
  done
done
if [ "${#failed[@]}" -gt 0 ]; then
  printf '[clock matrix] failed at: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "[clock matrix] the commands passed at ${#times[@]} times in ${#zones[@]} zones"
