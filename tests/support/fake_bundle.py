"""The contract-fake bundle, read once, and responses checked against its own schemas.

- ``bundle`` / ``deref`` / ``operations`` / ``operation``: the bundle and its operations;
- ``response_validator`` / ``documented_scopes``: what it documents, read from it (never copied);
- ``assert_matches`` / ``assert_error``: a response against the bundle's schema for it, or a
  vendor-shaped error.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import httpx
from jsonschema import Draft4Validator

from scripts.json_pointer import deref as deref_in
from scripts.openapi_schema import read_bundle, to_json_schema

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_FAKE_BUNDLE = ROOT / "openapi" / "bundles" / "contract-fake.yaml"
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


@cache
def bundle() -> dict[str, Any]:
    return read_bundle(CONTRACT_FAKE_BUNDLE)


def deref(node: Any) -> Any:
    return deref_in(bundle(), node)


def operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(path, METHOD, operation object) of every operation of the bundle."""
    for path, item in bundle()["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method.upper(), operation


def operation(operation_id: str) -> dict[str, Any]:
    return next(op for _, _, op in operations() if op["operationId"] == operation_id)


@cache
def response_validator(operation_id: str, status: int) -> Draft4Validator:
    """The JSON schema the bundle documents for ``operation_id``'s ``status`` answer."""
    response = deref(operation(operation_id)["responses"][str(status)])
    schema = response["content"]["application/json"]["schema"]
    return Draft4Validator(to_json_schema(schema, bundle()))


def documented_scopes() -> tuple[str, ...]:
    scopes: list[str] = bundle()["components"]["schemas"]["Scope"]["properties"]["scope"]["enum"]
    return tuple(scopes)


def assert_matches(response: httpx.Response, operation_id: str, status: int = 200) -> Any:
    """The response has ``status`` and a JSON body valid under the bundle's schema for it."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in response_validator(operation_id, status).iter_errors(body)
    ]
    assert errors == [], f"{operation_id} {status} does not match the bundle: {errors}"
    return body


def assert_error(
    response: httpx.Response, status: int, code: str, message: str | None = None
) -> dict[str, Any]:
    """A vendor-shaped error: JSON of string type, code and message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    assert isinstance(body, dict)
    assert all(isinstance(body.get(key), str) for key in ("type", "code", "message")), body
    assert body["code"] == code, body
    if message is not None:
        assert body["message"] == message, body
    return body
