"""Compare two JSON answers by shape: keys, JSON types, nesting and enum values, never other values.

Both sides are redacted the same way before they meet (the vendor's in its cassette, the fake's here),
so a value cannot differ by accident of data: only structure and the values the spec makes a closed set
(enum properties of the contract bundle) are compared. A list is compared by the merged shape of its
elements; a list of objects that carry an enum property in common (``scope`` in user details) is
compared group by group, so that a key only the PAN record lacks is not hidden by the other records.

A key that redaction masked (``[REDACTED]``: a fuzzed property name that looked like a mobile number,
or a value the redactor had harvested from that run's traffic) has no name left to compare: whether a
side masks it depends on what its redactor knew, not on the server. So a masked key is never a
difference, and it may be any key the other side has that this side lacks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from cashfree_oneclick.redaction import MASK
from scripts.json_pointer import join
from scripts.openapi_schema import read_bundle

CONTRACT = Path(__file__).resolve().parents[2] / "openapi" / "bundles" / "contract.yaml"


@dataclass(frozen=True)
class Difference:
    aspect: str  # status, content-type, error-type, error-code, type, enum, missing-in-fake, extra-in-fake
    pointer: str  # JSON pointer in the answer, list elements as "*"; "" for the answer as a whole
    vendor: str
    fake: str
    where: str = ""  # the group of list elements, e.g. "scope=PAN"


@dataclass
class Shape:
    types: set[str] = field(default_factory=set)
    properties: dict[str, Shape] = field(default_factory=dict)
    items: Shape | None = None
    groups: dict[str, Shape] = field(default_factory=dict)  # by "key=value" of a common enum property
    values: set[str] = field(default_factory=set)  # only where the property is an enum


@cache
def enum_properties(bundle: Path = CONTRACT) -> frozenset[str]:
    """Names of the properties that the bundle declares with an ``enum`` anywhere."""
    found: set[str] = set()
    stack: list[Any] = [read_bundle(bundle)]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for name, schema in (node.get("properties") or {}).items():
                if isinstance(schema, dict) and "enum" in schema:
                    found.add(str(name))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return frozenset(found)


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def shape(values: Iterable[Any], enums: frozenset[str], key: str | None = None) -> Shape:
    values = list(values)
    node = Shape(types={json_type(value) for value in values})
    if key in enums:
        node.values = {value for value in values if isinstance(value, str)}
    objects = [value for value in values if isinstance(value, dict)]
    for name in dict.fromkeys(name for obj in objects for name in obj):
        node.properties[name] = shape((obj[name] for obj in objects if name in obj), enums, name)
    elements = [element for value in values if isinstance(value, list) for element in value]
    if elements:
        node.items = shape(elements, enums, key)
        discriminator = _discriminator(elements, enums)
        if discriminator:
            grouped: dict[str, list[Any]] = {}
            for element in elements:
                grouped.setdefault(f"{discriminator}={element[discriminator]}", []).append(element)
            node.groups = {group: shape(members, enums, key) for group, members in grouped.items()}
    return node


def _discriminator(elements: list[Any], enums: frozenset[str]) -> str | None:
    if not all(isinstance(element, dict) for element in elements):
        return None
    common = set.intersection(*(set(element) for element in elements)) & enums
    return next((name for name in sorted(common) if all(isinstance(e[name], str) for e in elements)), None)


def compare(
    vendor: Any, fake: Any, enums: frozenset[str], skip_values: frozenset[str] = frozenset()
) -> list[Difference]:
    """Every difference of shape between the vendor's answer and the fake's; ``skip_values``: pointers
    whose values are compared elsewhere (an error's type and code)."""
    out: list[Difference] = []
    _compare(shape([vendor], enums), shape([fake], enums), "", "", out, skip_values)
    return out


def _compare(
    v: Shape, f: Shape, pointer: str, where: str, out: list[Difference], skip: frozenset[str]
) -> None:
    if v.types != f.types:
        out.append(Difference("type", pointer, "|".join(sorted(v.types)), "|".join(sorted(f.types)), where))
    if (v.values or f.values) and v.values != f.values and pointer not in skip:
        out.append(
            Difference("enum", pointer, ", ".join(sorted(v.values)), ", ".join(sorted(f.values)), where)
        )
    if "object" not in v.types or "object" not in f.types:
        v_props: dict[str, Shape] = {}
        f_props: dict[str, Shape] = {}
    else:
        v_props = {name: node for name, node in v.properties.items() if MASK not in name}
        f_props = {name: node for name, node in f.properties.items() if MASK not in name}
    # An array where the other side has an object is one difference (its type), not one per key.
    if len(f_props) == len(f.properties):  # the fake masked no key that could be the vendor's
        for name in v_props.keys() - f_props.keys():
            out.append(Difference("missing-in-fake", join(pointer, name), "present", "absent", where))
    if len(v_props) == len(v.properties):
        for name in f_props.keys() - v_props.keys():
            out.append(Difference("extra-in-fake", join(pointer, name), "absent", "present", where))
    for name in v_props.keys() & f_props.keys():
        _compare(v.properties[name], f.properties[name], join(pointer, name), where, out, skip)
    if v.groups and f.groups:
        if v.groups.keys() != f.groups.keys():  # elements of a kind only one side sent (a scope)
            name = next(iter(v.groups)).split("=", 1)[0]
            sides = [", ".join(sorted(g.split("=", 1)[1] for g in groups)) for groups in (v.groups, f.groups)]
            out.append(Difference("enum", join(pointer + "/*", name), sides[0], sides[1], where))
        for group in sorted(v.groups.keys() & f.groups.keys()):
            _compare(v.groups[group], f.groups[group], pointer + "/*", group, out, skip)
    elif v.items is not None and f.items is not None:
        _compare(v.items, f.items, pointer + "/*", where, out, skip)
