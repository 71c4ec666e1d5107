#!/usr/bin/env python3
"""Validate every *.json FHIR R4 bundle in a directory; exit 1 naming each invalid one.

    python tests/fhir/validate.py DIR

The validator is fhir.resources 6.1.0 (see requirements.txt), whose models are generated from
the official FHIR R4 4.0.1 StructureDefinitions: it rejects a missing required element (e.g. a
MedicationAdministration without `status` or `subject`), an element R4 does not define (e.g.
R5's `MedicationAdministration.medication`, or a typo), a wrong type or cardinality, a choice
element given twice or not at all, and malformed primitives (dateTime, uri, decimal...).

The models do not check value sets, so on top of them this script checks the codes of the
required bindings of the elements Magday writes against the R4 value sets (Bundle.type,
MedicationStatement.status, MedicationAdministration.status, Observation.status), that every
fullUrl is a unique urn:uuid, and that every `urn:uuid:` reference resolves within the bundle.
"""

import json
import re
import sys
from pathlib import Path

import fhir.resources
from fhir.resources.bundle import Bundle

# R4 4.0.1 required bindings (http://hl7.org/fhir/R4/valueset-*.html).
REQUIRED_CODES = {
    ("Bundle", "type"): {
        "document", "message", "transaction", "transaction-response", "batch",
        "batch-response", "history", "searchset", "collection",
    },
    ("MedicationStatement", "status"): {
        "active", "completed", "entered-in-error", "intended", "stopped", "on-hold",
        "unknown", "not-taken",
    },
    ("MedicationAdministration", "status"): {
        "in-progress", "not-done", "on-hold", "completed", "entered-in-error", "stopped",
        "unknown",
    },
    ("Observation", "status"): {
        "registered", "preliminary", "final", "amended", "corrected", "cancelled",
        "entered-in-error", "unknown",
    },
}
UUID_URN = re.compile(r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def references(value):
    """Every Reference.reference string under `value`."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "reference" and isinstance(inner, str):
                yield inner
            else:
                yield from references(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from references(inner)


def extra_checks(data):
    """Problems the generated models do not see."""
    problems = []
    if data.get("type") not in REQUIRED_CODES[("Bundle", "type")]:
        problems.append(f"Bundle.type {data.get('type')!r} is not an R4 bundle type")
    urls = []
    for i, entry in enumerate(data.get("entry", [])):
        url = entry.get("fullUrl", "")
        if not UUID_URN.match(url):
            problems.append(f"entry {i}: fullUrl {url!r} is not a urn:uuid")
        urls.append(url)
        res = entry.get("resource", {})
        kind = res.get("resourceType")
        codes = REQUIRED_CODES.get((kind, "status"))
        if codes is not None and res.get("status") not in codes:
            problems.append(f"entry {i}: {kind}.status {res.get('status')!r} is not in R4's value set")
    if len(set(urls)) != len(urls):
        problems.append("two entries share a fullUrl")
    for ref in references(data.get("entry", [])):
        if ref.startswith("urn:uuid:") and ref not in urls:
            problems.append(f"reference {ref} resolves to no entry of the bundle")
    return problems


def check(path):
    """The problems of one file (empty when it is a valid R4 bundle)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"not JSON: {e}"]
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        return ["not a Bundle"]
    try:
        Bundle.parse_obj(data)
    except Exception as e:  # pydantic's ValidationError, or a model's own error
        return [f"R4 model: {line}" for line in str(e).splitlines()]
    return extra_checks(data)


def main(argv):
    if len(argv) != 2 or not Path(argv[1]).is_dir():
        print("usage: validate.py DIR (every *.json bundle in DIR is checked)", file=sys.stderr)
        return 2
    if fhir.resources.__fhir_version__ != "4.0.1":
        print(f"fhir.resources implements FHIR {fhir.resources.__fhir_version__}, not R4 4.0.1",
              file=sys.stderr)
        return 2
    files = sorted(Path(argv[1]).glob("*.json"))
    if not files:
        print(f"no *.json bundle in {argv[1]}", file=sys.stderr)
        return 2
    bad = 0
    for path in files:
        problems = check(path)
        if problems:
            bad += 1
            print(f"INVALID {path}:", file=sys.stderr)
            for p in problems:
                print(f"  {p}", file=sys.stderr)
        else:
            print(f"valid FHIR R4 bundle: {path}")
    print(f"{len(files) - bad} valid, {bad} invalid (FHIR R4 {fhir.resources.__fhir_version__})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
