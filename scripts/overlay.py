"""A strict applier of OpenAPI Overlay 1.0 documents.

Every change we make on top of the vendor's YAML is an overlay action, so the applier is the one place
those changes happen. It is stricter than the Overlay 1.0 specification on purpose:

- an action whose ``target`` selects nothing is an error (a vendor edit that moves a schema must not
  silently turn our fix into a no-op);
- every action carries a ``description`` saying why;
- an action has exactly one of ``update`` or ``remove: true``;
- ``update`` on a scalar node is an error (update its parent instead).

Targets are RFC 9535 JSONPath expressions, evaluated by python-jsonpath in its strict (RFC 9535) mode.
Merge semantics follow the specification: an object update is merged recursively into an object target
(scalars and arrays inside it are replaced), and an update on an array target is appended to it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonpath

from scripts.yaml_io import load_yaml

_ENV = jsonpath.JSONPathEnvironment(strict=True)
_ACTION_KEYS = {"target", "description", "update", "remove"}


class OverlayError(ValueError):
    """An overlay document is malformed, or one of its actions cannot be applied."""


@dataclass(frozen=True)
class Action:
    target: str
    description: str
    update: Any = None
    remove: bool = False


@dataclass(frozen=True)
class Overlay:
    source: str
    title: str
    actions: tuple[Action, ...]


def load_overlay(path: Path) -> Overlay:
    # From the open file, not its text: a YAML syntax error then names the file it is in.
    with path.open(encoding="utf-8") as stream:
        return parse_overlay(load_yaml(stream), str(path))


def parse_overlay(document: Any, source: str) -> Overlay:
    if not isinstance(document, Mapping):
        raise OverlayError(f"{source}: an overlay document must be a mapping")
    version = str(document.get("overlay", ""))
    if re.fullmatch(r"1\.0(\.\d+)?", version) is None:  # `overlay: 1.0` unquoted is a YAML float
        raise OverlayError(f"{source}: 'overlay' must be 1.0.x, got {version!r}")
    info = document.get("info")
    if not isinstance(info, Mapping) or not info.get("title") or not info.get("version"):
        raise OverlayError(f"{source}: 'info' needs a title and a version")
    raw_actions = document.get("actions")
    if not isinstance(raw_actions, list) or not raw_actions:
        raise OverlayError(f"{source}: 'actions' must be a non-empty list")
    return Overlay(
        source,
        str(info["title"]),
        tuple(_parse_action(a, f"{source}: action {i}") for i, a in enumerate(raw_actions)),
    )


def _parse_action(raw: Any, where: str) -> Action:
    if not isinstance(raw, Mapping):
        raise OverlayError(f"{where}: an action must be a mapping")
    unknown = set(raw) - _ACTION_KEYS
    if unknown and not all(str(key).startswith("x-") for key in unknown):
        raise OverlayError(f"{where}: unknown keys {sorted(unknown)}")
    target, description = raw.get("target"), raw.get("description")
    if not isinstance(target, str) or not target.startswith("$"):
        raise OverlayError(f"{where}: 'target' must be a JSONPath expression starting with '$'")
    if not isinstance(description, str) or not description.strip():
        raise OverlayError(f"{where} ({target}): every action needs a 'description' saying why")
    has_update, remove = "update" in raw, raw.get("remove", False)
    # isinstance, not `in (True, False)`: 1 == True and 0 == False, so `remove: 1` would pass.
    if not isinstance(remove, bool):
        raise OverlayError(f"{where} ({target}): 'remove' must be a boolean")
    if has_update == bool(remove):
        raise OverlayError(f"{where} ({target}): an action needs exactly one of 'update' or 'remove: true'")
    try:
        _ENV.compile(target)
    except jsonpath.JSONPathError as error:
        raise OverlayError(f"{where}: invalid JSONPath {target!r}: {error}") from error
    return Action(target, description.strip(), copy.deepcopy(raw.get("update")), bool(remove))


def apply_overlay(document: dict[str, Any], overlay: Overlay) -> dict[str, Any]:
    """Return a new document with every action of ``overlay`` applied in order."""
    result = copy.deepcopy(document)
    for index, action in enumerate(overlay.actions):
        where = f"{overlay.source}: action {index} ({action.target})"
        # RFC 9535 keeps duplicate nodes (`$.a[1,1]`, `$.a[-4,1]` of a 5-list): act on each node once,
        # or a remove would also delete a neighbour and an update of an array would append twice.
        matches = list({tuple(m.parts): m for m in _ENV.finditer(action.target, result)}.values())
        if not matches:
            raise OverlayError(f"{where}: target matches nothing")
        if action.remove:
            _remove(result, [m.parts for m in matches], where)
        else:
            for match in matches:
                _update(match.obj, action.update, where)
    return result


def _update(node: Any, update: Any, where: str) -> None:
    if isinstance(node, list):
        node.append(copy.deepcopy(update))
    elif isinstance(node, dict):
        if not isinstance(update, Mapping):
            raise OverlayError(f"{where}: an object target needs an object 'update'")
        _merge(node, update)
    else:
        raise OverlayError(f"{where}: cannot update scalar {node!r}; target its parent")


def _merge(target: dict[str, Any], update: Mapping[str, Any]) -> None:
    for key, value in update.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def _remove(document: dict[str, Any], paths: list[tuple[Any, ...]], where: str) -> None:
    # Remove array elements from the highest index down so earlier removals do not shift later ones.
    for parts in sorted(paths, key=lambda p: [(str(type(k)), k) for k in p], reverse=True):
        if not parts:
            raise OverlayError(f"{where}: cannot remove the document root")
        parent: Any = document
        for key in parts[:-1]:
            parent = parent[key]
        del parent[parts[-1]]
