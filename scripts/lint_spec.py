"""Spec lint: each document valid OpenAPI 3.0, and every example valid against its schema.

Examples are checked where they are written (scripts/example_sites.py finds them, following ``$ref``
only to validate): media types', parameters' and headers' ``example`` / ``examples``, and schemas' own
``example`` and ``default``. Validation uses openapi-schema-validator's OAS 3.0 dialect (``nullable`` and
the OAS formats honoured) with the whole document registered, so ``#/components/...`` references
resolve as they do for any OpenAPI tool. A finding names the file, the JSON pointer of the offending
value, the value, the rule (the keyword broken) and where that keyword is written; ``anyOf``/``oneOf``
failures are reported at their real leaf.

    python -m scripts.lint_spec FILE... [--report] [--deviations openapi/deviations.yaml] [--out DIR]

``--report`` lists every finding and exits 0 (used on the vendor files alone). Otherwise each finding
must match a ``source: lint`` entry of the deviation register, or the run fails. An invalid OpenAPI
document always fails the run.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from jsonschema import ValidationError
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import OpenAPIV30SpecValidator
from referencing import Registry
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT4

from scripts.deviations import Register, RegisterError, json_type, load_register
from scripts.example_sites import BrokenReference, iter_examples
from scripts.json_pointer import join, resolve
from scripts.openapi_schema import leaf_errors

OPENAPI_RULE = "openapi-3.0"
_URI = "urn:lint-spec:document"  # the name the document is registered under, for $ref resolution


@dataclass(frozen=True)
class Finding:
    file: str
    pointer: str
    value: Any
    rule: str
    schema_pointer: str
    message: str

    def line(self) -> str:
        value = json.dumps(self.value, ensure_ascii=False, default=str)
        return f"{self.file}:{self.pointer}: {self.rule} broken: {self.message} (value: {value[:200]})"


class _JsonLoader(yaml.SafeLoader):
    """SafeLoader without YAML timestamps: OpenAPI is JSON, so ``2024-01-01`` is a string, not a date."""

    yaml_implicit_resolvers = {  # noqa: RUF012 (PyYAML's own class attribute, replaced whole)
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def load_document(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_JsonLoader)  # noqa: S506 (a SafeLoader)


def _locations(node: Any, pointer: str = "", found: dict[int, str] | None = None) -> dict[int, str]:
    """id() of every mapping and list in the document -> its pointer: the validator hands back the very
    schema object a keyword failed in, and this says where that object is written."""
    found = {} if found is None else found
    if isinstance(node, dict | list) and id(node) not in found:
        found[id(node)] = pointer
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in items:
            _locations(child, join(pointer, key), found)
    return found


def validate_openapi(document: Any, file: str) -> list[Finding]:
    """The document against the OpenAPI 3.0 specification: each error is one ``openapi-3.0`` finding."""
    if not isinstance(document, dict):
        return [Finding(file, "", None, OPENAPI_RULE, "", "the document is not a mapping")]
    findings = []
    try:
        for error in OpenAPIV30SpecValidator(document).iter_errors():
            pointer = join("", *error.absolute_path)
            findings.append(
                Finding(file, pointer, _value_at(document, pointer), OPENAPI_RULE, "", _say(error))
            )
    except Exception as error:  # the validator raises (e.g. on a dangling $ref) instead of reporting
        findings.append(Finding(file, "", None, OPENAPI_RULE, "", f"validation stopped: {_say(error)}"))
    return findings


def _value_at(document: dict[str, Any], pointer: str) -> Any:
    # The value at the error's place (the validator's own `instance` may be the whole document); the
    # document itself is not repeated.
    try:
        return resolve(document, pointer) if pointer else None
    except (LookupError, ValueError, TypeError):
        return None


def _say(error: Exception) -> str:
    """One line: a reference error's text would otherwise quote the whole document."""
    if isinstance(error, Unresolvable):
        return f"cannot resolve $ref {error.ref!r}"
    text = error.message if isinstance(error, ValidationError) else f"{type(error).__name__}: {error}"
    return text.splitlines()[0][:300]


def lint_document(document: Any, file: str) -> list[Finding]:
    """Every finding of one document: OpenAPI 3.0 validity, then every example against its schema."""
    findings = validate_openapi(document, file)
    if not isinstance(document, dict):
        return findings
    registry: Registry[Any] = Registry().with_resource(_URI, DRAFT4.create_resource(document))
    locations = _locations(document)
    for site in iter_examples(document):
        if isinstance(site, BrokenReference):
            message = f"example reference {site.ref!r} does not resolve inside the document"
            findings.append(Finding(file, site.pointer, site.ref, "$ref", "", message))
            continue
        reference = {"$ref": f"{_URI}#{quote(site.schema, safe='/~')}"}
        validator = OAS30Validator(reference, registry=registry, format_checker=OAS30Validator.FORMAT_CHECKER)
        via = f" (example referenced from {site.via})" if site.via else ""
        try:
            errors = leaf_errors(validator.iter_errors(site.value))
        except Exception as problem:  # a schema the validator cannot evaluate: unknown type, dangling $ref
            message = f"cannot validate against {site.schema}: {_say(problem)}"
            findings.append(Finding(file, site.pointer, site.value, "schema", site.schema, message))
            continue
        for error in errors:
            where = locations.get(id(error.schema), "?")
            findings.append(
                Finding(
                    file=file,
                    pointer=join(site.pointer, *error.absolute_path),
                    value=error.instance,
                    rule=str(error.validator),
                    schema_pointer=join(where, str(error.validator)),
                    message=error.message + via,
                )
            )
    unique: dict[tuple[str, str, str], Finding] = {}
    for finding in findings:
        # One bad value is one finding; distinct OpenAPI errors at one place (root) stay distinct.
        message = finding.message if finding.rule == OPENAPI_RULE else ""
        unique.setdefault((finding.pointer, finding.rule, message), finding)
    return sorted(unique.values(), key=_order)


def _order(finding: Finding) -> tuple[Any, ...]:
    # Numeric tokens in numeric order: /scopes/2 before /scopes/10.
    tokens = [(0, int(t), "") if t.isdigit() else (1, 0, t) for t in finding.pointer.split("/")]
    return (finding.rule != OPENAPI_RULE, tokens, finding.rule)


def _stale(register: Register, findings: list[Finding]) -> list[str]:
    """Entries with lint matches that cover no finding: a warning, as a fixed vendor example would make."""
    stale = []
    values = [({"file": f.file, "pointer": f.pointer, "rule": f.rule}, json_type(f.value)) for f in findings]
    for deviation in register.deviations:
        lint = [match for match in deviation.matches if match.source == "lint"]
        if lint and not any(match.covers("lint", v, observed) for match in lint for v, observed in values):
            stale.append(deviation.id)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate OpenAPI 3.0 documents and their examples.")
    parser.add_argument("files", nargs="+", type=Path, help="OpenAPI 3.0 documents (YAML or JSON)")
    parser.add_argument("--report", action="store_true", help="list every finding and exit 0")
    parser.add_argument("--deviations", type=Path, help="the deviation register (openapi/deviations.yaml)")
    parser.add_argument("--out", type=Path, help="directory for lint-findings.json")
    args = parser.parse_args(argv)
    try:
        register = load_register(args.deviations) if args.deviations else None
        findings = [f for path in args.files for f in lint_document(load_document(path), path.stem)]
    except (OSError, yaml.YAMLError, RegisterError) as error:
        print(f"lint_spec: {error}", file=sys.stderr)
        return 2
    records, new = [], 0
    for finding in findings:
        entry = (
            register.find(
                "lint",
                json_type(finding.value),
                file=finding.file,
                pointer=finding.pointer,
                rule=finding.rule,
            )
            if register
            else None
        )
        new += entry is None
        label = f"known ({entry.id})" if entry else ("finding" if args.report else "NEW")
        print(f"{label}: {finding.line()}")
        records.append({**asdict(finding), "deviation": entry.id if entry else None})
    for deviation_id in _stale(register, findings) if register else []:
        print(f"warning: {deviation_id} has lint matches that match no finding in these files (stale entry?)")
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        text = json.dumps(records, indent=2, ensure_ascii=False, default=str)
        (args.out / "lint-findings.json").write_text(text + "\n", encoding="utf-8")
    invalid = sorted({f.file for f in findings if f.rule == OPENAPI_RULE})
    print(
        f"lint_spec: {len(findings)} finding(s) in {len(args.files)} file(s), {len(findings) - new} known, "
        f"{new} not registered" + (f"; not valid OpenAPI 3.0: {', '.join(invalid)}" if invalid else "")
    )
    if invalid:
        return 1
    return 0 if args.report or new == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
