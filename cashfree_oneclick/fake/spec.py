"""What the fake knows of each operation, read from the contract-fake bundle at start-up.

Nothing here is copied by hand from the spec: header rules, body schemas, security, documented
statuses and the documented error bodies all come from the contract-fake bundle. The fake reads it
as package data, ``contract-fake.json`` beside this module: written by ``make bundle`` with every
``$ref`` inlined and every schema in plain JSON Schema (checked fresh by ``make check``), so reading it
takes ``json`` alone. When the spec changes, the fake's validation and its error messages change with it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from jsonschema import Draft7Validator

BUNDLE = Path(__file__).resolve().with_name("contract-fake.json")
SEEN_HEADER_VALUES = 256  # header values whose verdict a rule remembers
Security = Literal["api_key", "bearer", "none"]


@dataclass(frozen=True)
class HeaderRule:
    name: str  # lower case, as ASGI gives header names
    required: bool
    validator: Draft7Validator
    # Verdicts on values seen: the same few values (x-api-version) come on every request, and
    # jsonschema's validation of one was 40 % of the app's time on user details. Bounded: a fuzzer's
    # values beyond it are validated each time.
    _seen: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def accepts(self, value: str) -> bool:
        verdict = self._seen.get(value)
        if verdict is None:
            verdict = self.validator.is_valid(value)
            if len(self._seen) < SEEN_HEADER_VALUES:
                self._seen[value] = verdict
        return verdict


@dataclass(frozen=True)
class ErrorExample:
    status: int
    type: str
    code: str
    message: str


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str  # as in the spec, e.g. /oauth2/session or /__fake__/sessions/{session_id}/consent
    security: Security
    headers: tuple[HeaderRule, ...]
    body: Draft7Validator | None
    statuses: frozenset[int]
    errors: Mapping[str, ErrorExample] = field(default_factory=dict)  # by code
    # One code can be documented under several statuses (data availability: verification_failed under
    # both 500 and 502, with different messages); keyed by (status, code) too.
    errors_by_status: Mapping[tuple[int, str], ErrorExample] = field(default_factory=dict)

    def error(self, code: str, status: int | None = None) -> ErrorExample | None:
        """The documented example for ``code``, the one under ``status`` when there is one."""
        if status is not None and (status, code) in self.errors_by_status:
            return self.errors_by_status[(status, code)]
        return self.errors.get(code)


def load_operations(bundle: Path = BUNDLE) -> dict[str, Operation]:
    """Every operation of a resolved bundle (JSON), by operationId (parsed once per bundle version:
    apps share them, the records and validators are immutable)."""
    return dict(_load_operations(bundle.resolve(), bundle.stat().st_mtime_ns))


@cache
def _load_operations(bundle: Path, _version: int) -> dict[str, Operation]:
    return operations_of(json.loads(bundle.read_text(encoding="utf-8")))


def operations_of(document: dict[str, Any]) -> dict[str, Operation]:
    """Every operation of ``document``, a resolved bundle (no ``$ref``, schemas in JSON Schema)."""
    operations: dict[str, Operation] = {}
    for path, item in document["paths"].items():
        for method, raw in item.items():
            if method in {"parameters", "summary", "description", "servers"}:
                continue
            operation = _operation(document, path, method, raw)
            operations[operation.operation_id] = operation
    return operations


def _operation(document: dict[str, Any], path: str, method: str, raw: dict[str, Any]) -> Operation:
    headers = []
    for parameter in raw.get("parameters", []):
        if parameter["in"] == "header":
            schema = parameter.get("schema", {})
            headers.append(
                HeaderRule(
                    parameter["name"].lower(), bool(parameter.get("required")), Draft7Validator(schema)
                )
            )
    body = None
    if "requestBody" in raw:
        media = raw["requestBody"]["content"]["application/json"]
        body = Draft7Validator(media["schema"])
    statuses = frozenset(int(status) for status in raw["responses"] if status.isdigit())
    errors: dict[str, ErrorExample] = {}
    errors_by_status: dict[tuple[int, str], ErrorExample] = {}
    for status, response in raw["responses"].items():
        if not status.isdigit() or int(status) < 400:
            continue
        media = response.get("content", {}).get("application/json", {})
        for example in media.get("examples", {}).values():
            value = example.get("value", {})
            if "code" in value:
                example = ErrorExample(
                    int(status), value.get("type", ""), value["code"], value.get("message", "")
                )
                errors.setdefault(value["code"], example)
                errors_by_status.setdefault((int(status), value["code"]), example)
    return Operation(
        operation_id=raw["operationId"],
        method=method.upper(),
        path=path,
        security=_security(document, raw),
        headers=tuple(headers),
        body=body,
        statuses=statuses,
        errors=errors,
        errors_by_status=errors_by_status,
    )


def _security(document: dict[str, Any], raw: dict[str, Any]) -> Security:
    requirements = raw.get("security", document.get("security", []))
    if {} in requirements:  # credentials optional: the fake's admin routes (tenant_gate.py decides)
        return "none"
    schemes = document.get("components", {}).get("securitySchemes", {})
    for requirement in requirements:
        for name in requirement:
            scheme = schemes[name]
            if scheme["type"] == "http" and scheme.get("scheme", "").lower() == "bearer":
                return "bearer"
            if scheme["type"] == "apiKey":
                return "api_key"
    return "none"
