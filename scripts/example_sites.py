"""Where a document's examples are written, and the schema each must satisfy.

The document is walked as written, following the OpenAPI 3.0 structure: paths (and callbacks) to
operations, parameters, request bodies, responses, headers, media types and encodings; components'
responses, parameters, request bodies, headers, callbacks and schemas. An object written as a ``$ref``
is skipped (it is checked where it is written), except a named example's ``$ref``: a components/examples
entry has no schema of its own, so it is checked against the schema of each media type or parameter
that references it, and reported where its value is written. Every schema is walked through
properties, items, additionalProperties, not and allOf/anyOf/oneOf for its own ``example`` and
``default``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from scripts.json_pointer import join, resolve_ref

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class Site(NamedTuple):
    """An example to check: where its value is written, the value, and where its schema is written."""

    pointer: str
    value: Any
    schema: str
    via: str  # for a $ref'd example, where it is referenced from (the schema's context); else ""


class BrokenReference(NamedTuple):
    """A named example whose ``$ref`` does not resolve inside the document."""

    pointer: str  # of the $ref
    ref: Any


def iter_examples(document: dict[str, Any]) -> Iterator[Site | BrokenReference]:
    """Every example of ``document`` as a Site, or a BrokenReference when its ``$ref`` does not resolve."""
    for path, item in _mapping(document.get("paths")).items():
        yield from _path_item(document, item, join("/paths", path))
    components = _mapping(document.get("components"))
    for name, schema in _mapping(components.get("schemas")).items():
        yield from _schema(schema, join("/components/schemas", name))
    for section in ("responses", "parameters", "requestBodies", "headers"):
        for name, holder in _mapping(components.get(section)).items():
            yield from _holder(document, holder, join("/components", section, name))
    for name, callback in _mapping(components.get("callbacks")).items():
        for expression, item in _mapping(callback).items():
            yield from _path_item(document, item, join("/components/callbacks", name, expression))


def _mapping(node: Any) -> dict[Any, Any]:
    # An invalid document may hold anything anywhere: the OpenAPI validation reports it, the walk skips it.
    return node if isinstance(node, dict) else {}


def _list(node: Any) -> list[Any]:
    return node if isinstance(node, list) else []


def _path_item(document: dict[str, Any], item: Any, pointer: str) -> Iterator[Site | BrokenReference]:
    item = _mapping(item)
    for index, parameter in enumerate(_list(item.get("parameters"))):
        yield from _holder(document, parameter, join(pointer, "parameters", index))
    for method in _METHODS:
        operation = _mapping(item.get(method))
        where = join(pointer, method)
        for index, parameter in enumerate(_list(operation.get("parameters"))):
            yield from _holder(document, parameter, join(where, "parameters", index))
        yield from _holder(document, operation.get("requestBody"), join(where, "requestBody"))
        for status, response in _mapping(operation.get("responses")).items():
            yield from _holder(document, response, join(where, "responses", status))
        for name, callback in _mapping(operation.get("callbacks")).items():
            for expression, callback_item in _mapping(callback).items():
                yield from _path_item(document, callback_item, join(where, "callbacks", name, expression))


def _holder(document: dict[str, Any], node: Any, pointer: str) -> Iterator[Site | BrokenReference]:
    """A response, request body, parameter, header, media type or encoding, as written (no $ref)."""
    node = _mapping(node)
    if "$ref" in node:
        return  # checked where the referenced object is written
    if "schema" in node:
        schema = join(pointer, "schema")
        yield from _schema(node["schema"], schema)
        if "example" in node:
            yield Site(join(pointer, "example"), node["example"], schema, "")
        for name, example in _mapping(node.get("examples")).items():
            yield from _named_example(document, _mapping(example), join(pointer, "examples", name), schema)
    for key in ("content", "headers", "encoding"):
        for name, child in _mapping(node.get(key)).items():
            yield from _holder(document, child, join(pointer, key, name))


def _named_example(
    document: dict[str, Any], example: dict[str, Any], pointer: str, schema: str
) -> Iterator[Site | BrokenReference]:
    if "$ref" not in example:
        if "value" in example:  # an externalValue is not ours to fetch
            yield Site(join(pointer, "value"), example["value"], schema, "")
        return
    ref = example["$ref"]
    try:
        target = _mapping(resolve_ref(document, ref))
    except (ValueError, LookupError, TypeError, AttributeError):
        yield BrokenReference(join(pointer, "$ref"), ref)
        return
    if "value" in target:
        # Reported where the value is written; `ref` resolved, so its fragment is a valid pointer.
        yield Site(ref[1:] + "/value", target["value"], schema, pointer)


def _schema(schema: Any, pointer: str) -> Iterator[Site]:
    """A schema's own example and default, then those of the schemas written inside it."""
    if not isinstance(schema, dict) or "$ref" in schema:
        return
    for key in ("example", "default"):
        if key in schema:
            yield Site(join(pointer, key), schema[key], pointer, "")
    for name, child in _mapping(schema.get("properties")).items():
        yield from _schema(child, join(pointer, "properties", name))
    for key in ("items", "additionalProperties", "not"):
        yield from _schema(schema.get(key), join(pointer, key))
    for key in ("allOf", "anyOf", "oneOf"):
        for index, child in enumerate(_list(schema.get(key))):
            yield from _schema(child, join(pointer, key, index))
