"""OpenAPI 3.0 schema objects as plain JSON Schema, for tools that speak only JSON Schema.

hypothesis-jsonschema (property tests) and anything else that generates or validates data outside
openapi-schema-validator needs the OpenAPI dialect translated: ``$ref`` to ``#/components/...``
inlined (our specs have no recursive schemas, and a cycle is reported rather than looped on),
``nullable: true`` turned into a ``null`` alternative, and annotation keywords (``example``,
``xml``, ``externalDocs``, ``discriminator``, ``readOnly``/``writeOnly``, ``x-*``) dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import ValidationError

from scripts.json_pointer import resolve_ref
from scripts.yaml_io import load_yaml

_DROPPED = {"example", "xml", "externalDocs", "discriminator", "readOnly", "writeOnly", "deprecated"}


def read_bundle(path: Path) -> dict[str, Any]:
    """The OpenAPI document in ``path`` (a bundle), parsed once per path and version of the file.

    The one bundle reader of the pipeline and the suite. Callers share the parsed tree: never mutate it.
    """
    return _read_bundle(path.resolve(), path.stat().st_mtime_ns)


@cache
def _read_bundle(path: Path, _version: int) -> dict[str, Any]:
    with path.open(encoding="utf-8") as stream:
        document = load_yaml(stream)
    if not isinstance(document, dict):
        raise ValueError(f"{path}: not an OpenAPI document")
    return document


def to_json_schema(schema: Any, document: dict[str, Any], _seen: tuple[str, ...] = ()) -> Any:
    """Return ``schema`` (an OpenAPI 3.0 schema object inside ``document``) as JSON Schema."""
    if isinstance(schema, list):
        return [to_json_schema(item, document, _seen) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        ref = schema["$ref"]
        if ref in _seen:
            raise ValueError(f"recursive schema through {ref}: not supported")
        return to_json_schema(resolve_ref(document, ref), document, (*_seen, ref))
    result: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _DROPPED or key.startswith("x-") or key == "nullable":
            continue
        if key in {"properties", "patternProperties"}:
            result[key] = {name: to_json_schema(sub, document, _seen) for name, sub in value.items()}
        elif key in {"items", "additionalProperties", "not", "allOf", "anyOf", "oneOf"}:
            result[key] = to_json_schema(value, document, _seen)
        else:
            result[key] = value
    if schema.get("nullable") is True:
        # OpenAPI 3.0: nullable widens the schema to accept null, whatever else it says.
        return {"anyOf": [result, {"type": "null"}]}
    return result


def resolved_document(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with every local ``$ref`` inlined and every ``schema`` as JSON Schema.

    What a reader that knows neither ``$ref`` nor the OpenAPI dialect needs (the fake's packaged
    bundle): ``openapi``, ``info``, ``security``, ``paths`` and the security schemes; the other
    components are reachable only through the references this inlines.
    """

    def walk(node: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [walk(item, seen) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            ref = node["$ref"]
            if ref in seen:
                raise ValueError(f"recursive reference through {ref}: not supported")
            return walk(resolve_ref(document, ref), (*seen, ref))
        return {
            key: to_json_schema(value, document) if key == "schema" else walk(value, seen)
            for key, value in node.items()
        }

    resolved: dict[str, Any] = {
        key: document[key] for key in ("openapi", "info", "security") if key in document
    }
    resolved["paths"] = walk(document.get("paths", {}), ())
    schemes = document.get("components", {}).get("securitySchemes")
    if schemes is not None:
        resolved["components"] = {"securitySchemes": walk(schemes, ())}
    return resolved


def leaf_errors(errors: Iterable[ValidationError]) -> list[ValidationError]:
    """The errors that name the real culprit, one per (place, keyword).

    An ``anyOf``/``oneOf`` failure is replaced by the errors of its closest branch (the one with the
    fewest leaf errors, all of them on a tie), recursively; in a union keyed by a one-value enum (the
    contract's per-scope ``oneOf``) only the branches whose key matches are candidates. A ``null``
    confidence score under an ``anyOf`` of eleven record schemas is then one ``type`` error at
    ``.../confidence_score``, not "is not valid under any of the given schemas" at the record, nor the
    errors of branches that fail for reasons of their own.
    """
    leaves: dict[tuple[tuple[str | int, ...], str], ValidationError] = {}
    for error in errors:
        for leaf in _leaves(error):
            leaves.setdefault((tuple(leaf.absolute_path), str(leaf.validator)), leaf)
    return sorted(leaves.values(), key=lambda e: ([str(p) for p in e.absolute_path], str(e.validator)))


def _leaves(error: ValidationError) -> list[ValidationError]:
    if not error.context:
        return [error]
    branches: dict[object, list[ValidationError]] = {}
    keyed_out: set[object] = set()
    for sub in error.context:
        branch = sub.relative_schema_path[0] if sub.relative_schema_path else None
        branches.setdefault(branch, []).extend(_leaves(sub))
        if _misses_key(sub):
            keyed_out.add(branch)
    if len(keyed_out) < len(branches):
        # A union keyed by a one-value enum (the contract's per-scope oneOf): the branches whose key does
        # not match say nothing about the data; only the branch the key selects names the culprit.
        branches = {branch: leaves for branch, leaves in branches.items() if branch not in keyed_out}
    fewest = min(len(leaves) for leaves in branches.values())
    return [leaf for leaves in branches.values() if len(leaves) == fewest for leaf in leaves]


def _misses_key(error: ValidationError) -> bool:
    """A branch's own property fails a one-value ``enum`` (or ``const``): the branch is for another key."""
    value = error.validator_value
    one_value = error.validator == "const" or (
        error.validator == "enum" and isinstance(value, list) and len(value) == 1
    )
    return one_value and len(error.relative_path) == 1
