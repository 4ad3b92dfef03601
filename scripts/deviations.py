"""The deviation register (openapi/deviations.yaml): strict loading and matching of findings.

Every place where the vendor contradicts itself is an entry: what the spec says, what the vendor's
example or behaviour says, and the decision. Each entry lists the findings it covers as ``matches``:
``source: lint`` (fields file, pointer, rule) or ``source: contract`` (fields operation, check,
pointer); every field is an fnmatch glob, and a field a match does not name matches anything.

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
    "contract": frozenset({"operation", "check", "pointer"}),
}
ENTRY_KEYS = frozenset({"id", "title", "where", "spec_says", "vendor_says", "decision", "matches"})
TEXT_KEYS = ("title", "where", "spec_says", "vendor_says")
ID = re.compile(r"DEV-\d{3}")
ID_HINT = "DEV- and three digits, e.g. DEV-001"


class RegisterError(ValueError):
    """The register file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Match:
    """One kind of finding an entry covers: a source and a glob per named field."""

    source: str
    fields: tuple[tuple[str, str], ...]

    def covers(self, source: str, values: dict[str, str]) -> bool:
        """Whether a finding of ``source`` with these field ``values`` is covered.

        Only the given values are checked, each against this match's glob for that field; a field the
        match does not name matches anything.
        """
        if source != self.source:
            return False
        globs = dict(self.fields)
        return all(fnmatch.fnmatchcase(value, globs[name]) for name, value in values.items() if name in globs)


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

    def find(self, source: str, **fields: str) -> Deviation | None:
        """The first entry with a match of ``source`` whose every given field glob-matches."""
        unknown = set(fields) - FIELDS.get(source, frozenset())
        if source not in FIELDS or unknown:
            # A caller's typo would otherwise make every finding "new" (or every finding "known").
            raise ValueError(f"find({source!r}): unknown source or fields {sorted(unknown)}")
        for deviation in self.deviations:
            if any(match.covers(source, fields) for match in deviation.matches):
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


def parse_match(raw: Any, where: str, sources: dict[str, frozenset[str]] = FIELDS) -> Match:
    """One match of an entry; ``sources``: the fields each source may name."""
    if not isinstance(raw, dict) or not isinstance(raw.get("source"), str) or raw["source"] not in sources:
        raise RegisterError(f"{where}: a match needs a source among {sorted(sources)}")
    source = raw["source"]
    fields = {key: value for key, value in raw.items() if key != "source"}
    unknown = set(fields) - sources[source]
    # A match naming no field would cover every finding of its source: refused as surely a mistake.
    if unknown or not fields:
        allowed, given = sorted(sources[source]), sorted(map(str, fields))
        raise RegisterError(f"{where}: {source} matches take fields among {allowed}, got {given}")
    if not all(isinstance(value, str) and value for value in fields.values()):
        raise RegisterError(f"{where}: match fields must be non-empty strings (fnmatch globs)")
    return Match(source, tuple(sorted(fields.items())))
