#!/usr/bin/env bash
# Install the FHIR R4 validator into a venv (default /tmp/magday-fhir-venv, or $1) from PyPI, once,
# and print the command the Rust test takes in MAGDAY_FHIR_VALIDATE.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${1:-/tmp/magday-fhir-venv}"
if ! "$venv/bin/python" -c 'import fhir.resources, sys; sys.exit(fhir.resources.__fhir_version__ != "4.0.1")' 2>/dev/null; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt" >&2
fi
echo "$venv/bin/python $here/validate.py"
