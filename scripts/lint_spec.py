"""Spec lint: each document valid OpenAPI 3.0, and every example valid against its schema.

Examples are checked where they are written (walking the document as written, following ``$ref`` only
to validate): media types' ``example`` / ``examples`` (a ``$ref`` to components/examples resolved),
parameters' ``example`` / ``examples``, and schemas' own ``example`` and ``default``. Validation uses
openapi-schema-validator's OAS 3.0 dialect (``nullable`` and friends honoured). A finding names the
file, the JSON pointer of the offending value, the value, the rule (the keyword broken) and where that
rule lives; ``anyOf``/``oneOf`` failures are reported at their real leaf.

    python -m scripts.lint_spec FILE... [--report] [--deviations openapi/deviations.yaml] [--out DIR]

``--report`` lists every finding and exits 0 (used on the vendor files alone). Otherwise each finding
must match an entry of the deviation register, or the run fails.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate as validate_spec

from scripts.deviations import Register, load_register
from scripts.openapi_schema import leaf_errors, resolve_pointer

_SCHEMA_CHILDREN = ("properties", "patternProperties")
_SCHEMA_CHILD = ("items", "additionalProperties", "not")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf")


@dataclass(frozen=True)
class Finding:
    file: str
    pointer: str
    value: Any
    rule: str
    schema_pointer: str
    message: str

    def line(self) -> str:
        value = json.dumps(self.value, ensure_ascii=False)
        return f"{self.file}:{self.pointer}: {self.rule} broken: {self.message} (value: {value[:200]})"


def escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def join(pointer: str, *tokens: str | int) -> str:
    return pointer + "".join("/" + escape(token) for token in tokens)


def _examples(document: dict[str, Any]) -> Iterator[tuple[str, Any, Any]]:
    """(pointer of the example value, the value, the schema it must satisfy) for every example."""

    def media_and_parameters(node: Any, pointer: str) -> Iterator[tuple[str, Any, Any]]:
        if isinstance(node, dict):
            schema = node.get("schema")
            if schema is not None and ("example" in node or "examples" in node):
                if "example" in node:
                    yield join(pointer, "example"), node["example"], schema
                for name, example in (node.get("examples") or {}).items():
                    resolved = resolve_pointer(document, example["$ref"]) if "$ref" in example else example
                    if "value" in resolved:
                        yield join(pointer, "examples", name, "value"), resolved["value"], schema
            for key, child in node.items():
                if key != "schema" and not (key == "components" and pointer == ""):
                    yield from media_and_parameters(child, join(pointer, key))
        elif isinstance(node, list):
            for index, child in enumerate(node):
                yield from media_and_parameters(child, join(pointer, index))

    yield from media_and_parameters(document.get("paths", {}), "/paths")
    components = document.get("components", {})
    for section in ("responses", "requestBodies", "parameters", "headers"):
        yield from media_and_parameters(components.get(section, {}), join("/components", section))
    for name, schema in components.get("schemas", {}).items():
        yield from _schema_examples(schema, join("/components/schemas", name))


def _schema_examples(schema: Any, pointer: str) -> Iterator[tuple[str, Any, Any]]:
    if not isinstance(schema, dict) or "$ref" in schema:
        return
    for key in ("example", "default"):
        if key in schema:
            yield join(pointer, key), schema[key], schema
    for key in _SCHEMA_CHILDREN:
        for name, child in (schema.get(key) or {}).items():
            yield from _schema_examples(child, join(pointer, key, name))
    for key in _SCHEMA_CHILD:
        if isinstance(schema.get(key), dict):
            yield from _schema_examples(schema[key], join(pointer, key))
    for key in _SCHEMA_LISTS:
        for index, child in enumerate(schema.get(key) or []):
            yield from _schema_examples(child, join(pointer, key, index))


def lint_document(document: dict[str, Any], file: str) -> list[Finding]:
    findings: list[Finding] = []
    try:
        validate_spec(document)
    except Exception as invalid:  # every validator failure is a finding, whatever its class
        findings.append(Finding(file, "", None, "openapi-3.0", "", str(invalid).splitlines()[0]))
    components = document.get("components", {})
    for pointer, value, schema in _examples(document):
        # The schema becomes the root of a document that also holds the components, so that its
        # `#/components/...` references resolve as they do in the OpenAPI document.
        validator = OAS30Validator(
            {**schema, "components": components} if isinstance(schema, dict) else schema
        )
        for error in leaf_errors(validator.iter_errors(value)):
            findings.append(
                Finding(
                    file=file,
                    pointer=join(pointer, *error.absolute_path),
                    value=error.instance,
                    rule=str(error.validator),
                    schema_pointer=_schema_pointer(error),
                    message=error.message,
                )
            )
    unique = {(f.file, f.pointer, f.rule): f for f in findings}
    return sorted(unique.values(), key=lambda f: (f.file, f.pointer, f.rule))


def _schema_pointer(error: Any) -> str:
    # The $ref'd schema the keyword lives in, when the error went through one; else the relative path.
    path = list(error.absolute_schema_path)
    return "#" + "".join("/" + escape(part) for part in path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate OpenAPI documents and their examples.")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--report", action="store_true", help="list every finding and exit 0")
    parser.add_argument("--deviations", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    register: Register | None = load_register(args.deviations) if args.deviations else None
    findings: list[Finding] = []
    for path in args.files:
        findings += lint_document(yaml.safe_load(path.read_text(encoding="utf-8")), path.stem)
    unknown = 0
    records = []
    for finding in findings:
        entry = (
            register.find("lint", file=finding.file, pointer=finding.pointer, rule=finding.rule)
            if register
            else None
        )
        label = f"known ({entry.id})" if entry else ("finding" if args.report else "NEW")
        unknown += entry is None and not args.report
        invalid = finding.rule == "openapi-3.0"
        print(f"{label}: {finding.line()}")
        records.append(
            {**asdict(finding), "deviation": entry.id if entry else None, "invalid_document": invalid}
        )
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "lint-findings.json").write_text(
            json.dumps(records, indent=2, ensure_ascii=False, default=str)
        )
    invalid_documents = any(record["invalid_document"] for record in records)
    print(f"lint_spec: {len(findings)} finding(s) in {len(args.files)} file(s), {unknown} not registered")
    if invalid_documents:
        return 1
    return 0 if args.report or unknown == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
