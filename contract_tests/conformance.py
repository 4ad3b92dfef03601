"""Response conformance with every violation reported, each at its JSON pointer.

Schemathesis's response_schema_conformance stops at the first violation of a response; a body with
three vendor quirks would show one. Here every recorded response of a documented status is validated
against the bundle's schema for it, and every leaf violation becomes its own finding, so each quirk
can be matched (or not) by its own entry of the deviation register. Validation is as strict as the
documents (formats.py): formats are checked (the `int64` range) and the vendor's date layouts are read
as real dates.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import ValidationError

from cashfree_oneclick.jsonbody import BodyError, parse_json
from contract_tests.findings import SEVERITY_BY_CHECK, Finding, FindingKey, pointer_of
from contract_tests.formats import strict_validator
from contract_tests.interactions import Interaction
from scripts.deviations import json_type
from scripts.json_pointer import deref
from scripts.openapi_schema import leaf_errors, read_bundle, to_json_schema

CHECK = "response_schema_conformance"


@cache
def _validators(bundle: Path) -> dict[tuple[str, int], Any]:
    document = read_bundle(bundle)
    validators = {}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            label = f"{method.upper()} {path}"
            for status, response in operation.get("responses", {}).items():
                response = deref(document, response)
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                if status.isdigit() and schema is not None:
                    validators[(label, int(status))] = strict_validator(to_json_schema(schema, document))
    return validators


def findings(bundle: Path, interactions: list[Interaction], operation_ids: dict[str, str]) -> list[Finding]:
    validators = _validators(bundle)
    found: dict[FindingKey, Finding] = {}
    # A run repeats many answers byte for byte (the same error for many generated requests): each
    # distinct body of an operation and status is validated once.
    errors_of: dict[tuple[str, int, bytes], list[ValidationError]] = {}
    for item in interactions:
        validator = validators.get((item.operation, item.status or 0))
        if validator is None or not item.response_body:
            continue
        seen = (item.operation, item.status or 0, item.response_body)
        if seen not in errors_of:
            errors_of[seen] = _leaf_errors(validator, item.response_body)
        for error in errors_of[seen]:
            pointer = pointer_of(list(error.absolute_path))
            rule = json.dumps(error.validator_value)
            finding = Finding(
                operation=item.operation,
                operation_id=operation_ids.get(item.operation, item.operation),
                check=CHECK,
                title=f"`{error.validator}` broken",
                message=f"the {item.status} body breaks `{error.validator}: {rule[:200]}`",
                severity=SEVERITY_BY_CHECK[CHECK],
                status=item.status,
                pointer=pointer,
                reproduce=f"curl -X {item.method} '{item.url}'  # headers, body: see cassette.ndjson",
                rule=str(error.validator),
                observed=json_type(error.instance),
            )
            found.setdefault(finding.key, finding)
    return list(found.values())


def _leaf_errors(validator: Any, response_body: bytes) -> list[ValidationError]:
    try:
        body: Any = parse_json(response_body)
    except BodyError:
        return []  # wire.json_body reports a body that is not RFC 8259 JSON
    return leaf_errors(validator.iter_errors(body))
