"""The deviation register (openapi/deviations.yaml): strict loading and matching of findings.

Every place where the vendor contradicts itself is an entry: what the spec says, what the vendor's
example or behaviour says, and the decision. Each entry lists the findings it covers as ``matches``:
``source: lint`` (fields file, pointer, rule) or ``source: contract`` (fields operation, check,
pointer, rule); every field is an fnmatch glob, and a field a match does not name matches anything.

A match also says what the vendor's example sends there: ``observed: {type: T}`` (T a JSON type, or a
list of them; YAML's ``null`` is the JSON null type). It covers a finding only when the value found is
of that type, so DEV-003 (``confidence_score: null``) does not hide a score sent as a string: an entry
records one contradiction, never every violation at its place. ``observed`` is required.

The loader is strict because a typo in the register (``pointr:``, a misspelt decision) would otherwise
silently stop an entry from matching, and a known deviation would turn into a "new" one, or worse, a
too-wide entry would hide a real one.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DECISIONS = frozenset({"tolerated-by-client", "reported-by-contract-suite", "both"})
FIELDS = {
    "lint": frozenset({"file", "pointer", "rule"}),
    "contract": frozenset({"operation", "check", "pointer", "rule"}),
}
# The sources whose matches must say what the vendor sends (``observed``): their findings carry a value.
OBSERVING = frozenset(FIELDS)
JSON_TYPES = ("null", "boolean", "integer", "number", "string", "array", "object")
ENTRY_KEYS = frozenset({"id", "title", "where", "spec_says", "vendor_says", "decision", "matches"})
TEXT_KEYS = ("title", "where", "spec_says", "vendor_says")
ID = re.compile(r"DEV-\d{3}")
ID_HINT = "DEV- and three digits, e.g. DEV-001"


class RegisterError(ValueError):
    """The register file is malformed; the message names the file and the entry."""


def json_type(value: Any) -> str:
    """The JSON type of a parsed value (an integral number is ``integer``, as JSON Schema says)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


@dataclass(frozen=True)
class Match:
    """One kind of finding an entry covers: a source, a glob per named field, and the JSON types of the
    value the vendor sends there (``observed``; empty for a source without values)."""

    source: str
    fields: tuple[tuple[str, str], ...]
    observed: frozenset[str] = frozenset()

    def covers(self, source: str, values: dict[str, str], observed: str | None = None) -> bool:
        """Whether a finding of ``source`` with these field ``values`` is covered.

        Only the given values are checked, each against this match's glob for that field; a field the
        match does not name matches anything. A match that names ``observed`` types covers only a
        finding whose value (``observed``: its JSON type) is one of them; an unknown value, none.
        """
        if source != self.source:
            return False
        if self.observed and not _admits(self.observed, observed):
            return False
        globs = dict(self.fields)
        return all(fnmatch.fnmatchcase(value, globs[name]) for name, value in values.items() if name in globs)


def _admits(types: frozenset[str], observed: str | None) -> bool:
    # JSON Schema's `number` includes the integers.
    return observed in types or (observed == "integer" and "number" in types)


@dataclass(frozen=True)
class Deviation:
    id: str
    title: str
    where: str
    spec_says: str
    vendor_says: str
    decision: str
    matches: tuple[Match, ...]


@dataclass(frozen=True)
class Register:
    deviations: tuple[Deviation, ...]

    def find(self, source: str, observed: str | None = None, **fields: str) -> Deviation | None:
        """The first entry with a match of ``source`` whose every given field glob-matches and whose
        ``observed`` types admit the JSON type of the value found (``observed``; None: unknown)."""
        unknown = set(fields) - FIELDS.get(source, frozenset())
        if source not in FIELDS or unknown:
            # A caller's typo would otherwise make every finding "new" (or every finding "known").
            raise ValueError(f"find({source!r}): unknown source or fields {sorted(unknown)}")
        if observed is not None and observed not in JSON_TYPES:
            raise ValueError(f"find({source!r}): observed must be a JSON type, got {observed!r}")
        for deviation in self.deviations:
            if any(match.covers(source, fields, observed) for match in deviation.matches):
                return deviation
        return None


class UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys (PyYAML keeps the last one, silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_entries(path: Path, top: str) -> list[Any]:
    """The list under the one key ``top`` of a register file, read strictly (duplicate keys refused).

    Shared by every register of the project (this one, the fake's known limitations), so that each is
    read with the same care.
    """
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=UniqueKeyLoader)  # noqa: S506 (a SafeLoader)
    except OSError as error:
        raise RegisterError(f"{path}: cannot be read: {error}") from error
    except yaml.YAMLError as error:
        raise RegisterError(f"{path}: not valid YAML: {error}") from error
    if not isinstance(raw, dict) or set(raw) != {top} or not isinstance(raw[top], list):
        raise RegisterError(f"{path}: expected a mapping with one key, {top!r}, holding a list")
    entries: list[Any] = raw[top]
    return entries


def check_entry(
    entry: Any,
    where: str,
    keys: frozenset[str],
    text_keys: tuple[str, ...],
    id_pattern: re.Pattern[str],
    id_hint: str,
) -> str:
    """Validate the keys, id and texts every register entry has; return ``where`` with the entry's id."""
    if not isinstance(entry, dict):
        raise RegisterError(f"{where}: an entry must be a mapping")
    where = f"{where} ({entry.get('id', 'no id')})"
    missing, unknown = keys - set(entry), set(entry) - keys
    if missing:
        raise RegisterError(f"{where}: missing keys {sorted(missing)}")
    if unknown:
        raise RegisterError(f"{where}: unknown keys {sorted(map(str, unknown))}")
    if not isinstance(entry["id"], str) or not id_pattern.fullmatch(entry["id"]):
        raise RegisterError(f"{where}: id must be {id_hint}")
    for key in text_keys:
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise RegisterError(f"{where}: {key} must be a non-empty string")
    if not isinstance(entry["matches"], list) or not entry["matches"]:
        raise RegisterError(f"{where}: matches must be a non-empty list")
    return where


def unique_ids(path: Path, ids: list[str]) -> None:
    first_index: dict[str, int] = {}
    for index, entry_id in enumerate(ids):
        if entry_id in first_index:
            raise RegisterError(
                f"{path}: entry {index} ({entry_id}): duplicate id, "
                f"first used by entry {first_index[entry_id]}"
            )
        first_index[entry_id] = index


def load_register(path: Path) -> Register:
    """Load and validate the register at ``path``; raise RegisterError naming the file and the entry."""
    entries = [
        _entry(entry, f"{path}: entry {index}")
        for index, entry in enumerate(read_entries(path, "deviations"))
    ]
    unique_ids(path, [entry.id for entry in entries])
    return Register(tuple(entries))


def _entry(entry: Any, where: str) -> Deviation:
    where = check_entry(entry, where, ENTRY_KEYS, TEXT_KEYS, ID, ID_HINT)
    if not isinstance(entry["decision"], str) or entry["decision"] not in DECISIONS:
        raise RegisterError(f"{where}: decision must be one of {sorted(DECISIONS)}")
    return Deviation(
        id=entry["id"],
        title=entry["title"].strip(),
        where=entry["where"].strip(),
        spec_says=entry["spec_says"].strip(),
        vendor_says=entry["vendor_says"].strip(),
        decision=entry["decision"],
        matches=tuple(parse_match(m, f"{where}: match {i}") for i, m in enumerate(entry["matches"])),
    )


def parse_match(
    raw: Any,
    where: str,
    sources: dict[str, frozenset[str]] = FIELDS,
    observing: frozenset[str] = OBSERVING,
) -> Match:
    """One match of an entry; ``sources``: the fields each source may name; ``observing``: the sources
    whose matches must say what the vendor sends (``observed``)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("source"), str) or raw["source"] not in sources:
        raise RegisterError(f"{where}: a match needs a source among {sorted(sources)}")
    source = raw["source"]
    skipped = {"source", "observed"} if source in observing else {"source"}
    fields = {key: value for key, value in raw.items() if key not in skipped}
    unknown = set(fields) - sources[source]
    # A match naming no field would cover every finding of its source: refused as surely a mistake.
    if unknown or not fields:
        allowed, given = sorted(sources[source]), sorted(map(str, fields))
        raise RegisterError(f"{where}: {source} matches take fields among {allowed}, got {given}")
    if not all(isinstance(value, str) and value for value in fields.values()):
        raise RegisterError(f"{where}: match fields must be non-empty strings (fnmatch globs)")
    observed = _observed(raw.get("observed", _MISSING), where) if source in observing else frozenset()
    return Match(source, tuple(sorted(fields.items())), observed)


_MISSING = object()


def _observed(raw: Any, where: str) -> frozenset[str]:
    """``observed: {type: T | [T, ...]}``, checked; YAML's null (``type: null``) is the JSON null type."""
    if raw is _MISSING:
        raise RegisterError(
            f"{where}: a match needs `observed: {{type: ...}}`, the JSON type of the value the vendor "
            "sends there; without it the entry would cover every violation at its place"
        )
    if not isinstance(raw, dict) or set(raw) != {"type"}:
        given = sorted(map(str, raw)) if isinstance(raw, dict) else type(raw).__name__
        raise RegisterError(f"{where}: observed must be a mapping with one key, `type`, got {given}")
    listed = raw["type"] if isinstance(raw["type"], list) else [raw["type"]]
    types = ["null" if value is None else value for value in listed]
    if not types or not all(isinstance(value, str) and value in JSON_TYPES for value in types):
        raise RegisterError(
            f"{where}: observed type must be one of {list(JSON_TYPES)} or a list of them, got {raw['type']!r}"
        )
    return frozenset(types)
