"""RFC 6901 JSON pointers and local ``$ref``s, the one place the project writes, reads and follows them.

Escaping and parsing are python-jsonpath's (``JSONPointer``), with two of its extensions turned off,
because a spec's keys are data: ``\\uXXXX`` in a token is not decoded, and a missing ``#name``/``~name``
key is missing (python-jsonpath would answer the key itself). One extension is ours: YAML reads an
unquoted status code (``200:``) as an integer key, so a token of digits also finds an integer key.

- ``escape(token)`` / ``join(pointer, *tokens)`` / ``tokens(pointer)``: build and split pointers;
- ``resolve(document, pointer)``: the value a pointer names (``PointerError``, a LookupError);
- ``resolve_ref(document, ref)``: a local ``#/...`` reference (a remote one is a ValueError);
- ``deref(document, node)``: follow ``$ref`` until a node that is not one (a cycle is a ValueError).

The pipeline (``scripts``) and the suite (``contract_tests``) use it; the client and the fake never
need a pointer (the fake's bundle has every ``$ref`` inlined).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from jsonpath import JSONPointer
from jsonpath.exceptions import JSONPointerError, JSONPointerKeyError, JSONPointerTypeError


class PointerError(LookupError):
    """A pointer that names nothing in the document (or is not a pointer)."""


class _SpecPointer(JSONPointer):
    def _handle_key_error(self, obj: Any, key: str, err: Exception) -> object:
        if isinstance(obj, Mapping) and key.isdigit() and int(key) in obj:
            return obj[int(key)]  # YAML's integer key for an unquoted status code
        raise JSONPointerKeyError(key) from err

    def _handle_type_error(self, obj: Any, key: str, err: Exception) -> object:
        raise JSONPointerTypeError(f"{key}: {err}") from err


def escape(token: object) -> str:
    """One reference token: ``~`` as ``~0``, ``/`` as ``~1``."""
    return str(_SpecPointer.from_parts([str(token)], unicode_escape=False))[1:]


def join(pointer: str, *parts: object) -> str:
    """``pointer`` with ``parts`` appended, each escaped."""
    return pointer + str(_SpecPointer.from_parts([str(p) for p in parts], unicode_escape=False))


def from_tokens(parts: Iterable[object]) -> str:
    """The pointer of ``parts`` (``""`` for none: the whole document)."""
    return join("", *parts)


def tokens(pointer: str) -> tuple[str, ...]:
    """The unescaped reference tokens of ``pointer`` (``"/a~1b/0"`` -> ``("a/b", "0")``)."""
    try:
        return _SpecPointer(pointer, unicode_escape=False).parts
    except JSONPointerError as error:
        raise PointerError(f"{pointer!r} is not a JSON pointer: {error}") from None


def resolve(document: Any, pointer: str) -> Any:
    """The value ``pointer`` names inside ``document``."""
    if isinstance(document, str):  # python-jsonpath would parse a string as a JSON document
        if pointer:
            raise PointerError(f"{pointer!r} names nothing: a string has no members")
        return document
    try:
        return _SpecPointer(pointer, unicode_escape=False).resolve(document)
    except JSONPointerError as error:
        raise PointerError(f"{pointer!r} names nothing: {error}") from None


def resolve_ref(document: Any, ref: object) -> Any:
    """The value a local reference (``#/components/...``, or ``#`` for the document) names."""
    if not isinstance(ref, str) or not ref.startswith("#"):
        raise ValueError(f"only local references are supported, got {ref!r}")
    return resolve(document, ref[1:])


def is_ref(node: Any) -> bool:
    return isinstance(node, dict) and "$ref" in node


def deref_at(document: Any, node: Any, pointer: str) -> tuple[Any, str]:
    """``node`` (found at ``pointer``) with its ``$ref`` chain followed, and the pointer it ends at."""
    seen: set[str] = set()
    while is_ref(node):
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise ValueError(f"{pointer or '#'}: only local references are supported, got {ref!r}")
        if ref in seen:
            raise ValueError(f"{pointer or '#'}: the $ref chain through {ref} does not end")
        seen.add(ref)
        pointer, node = ref[1:], resolve_ref(document, ref)
    return node, pointer


def deref(document: Any, node: Any) -> Any:
    """``node`` with its ``$ref`` chain followed (a node that is no ``$ref`` is itself)."""
    return deref_at(document, node, "")[0]
