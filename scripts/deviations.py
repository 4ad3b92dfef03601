"""The deviation register (openapi/deviations.yaml): strict loading and matching of findings.

Every place where the vendor contradicts itself is an entry: what the spec says, what the vendor's
example or behaviour says, and the decision. Each entry lists the findings it covers as ``matches``:
``source: lint`` (fields file, pointer, rule) or ``source: contract`` (fields operation, check,
pointer); every field is an fnmatch glob, and a field a match does not name matches anything.
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
ID = re.compile(r"DEV-\d{3}")


class RegisterError(ValueError):
    """The register file is malformed."""


@dataclass(frozen=True)
class Match:
    source: str
    fields: tuple[tuple[str, str], ...]

    def covers(self, source: str, values: dict[str, str]) -> bool:
        if source != self.source:
            return False
        return all(fnmatch.fnmatchcase(values.get(name, ""), pattern) for name, pattern in self.fields)


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

    def find(self, source: str, **values: str) -> Deviation | None:
        """The first entry with a match of ``source`` whose every named field matches ``values``."""
        for deviation in self.deviations:
            if any(match.covers(source, values) for match in deviation.matches):
                return deviation
        return None


def load_register(path: Path) -> Register:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or set(raw) != {"deviations"} or not isinstance(raw["deviations"], list):
        raise RegisterError(f"{path}: expected a mapping with one key, 'deviations', holding a list")
    seen: set[str] = set()
    entries = []
    for index, entry in enumerate(raw["deviations"]):
        deviation = _entry(entry, f"{path}: entry {index}")
        if deviation.id in seen:
            raise RegisterError(f"{path}: duplicate id {deviation.id}")
        seen.add(deviation.id)
        entries.append(deviation)
    return Register(tuple(entries))


def _entry(entry: Any, where: str) -> Deviation:
    if not isinstance(entry, dict):
        raise RegisterError(f"{where}: an entry must be a mapping")
    where = f"{where} ({entry.get('id', 'no id')})"
    missing, unknown = ENTRY_KEYS - set(entry), set(entry) - ENTRY_KEYS
    if missing or unknown:
        raise RegisterError(f"{where}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}")
    if not isinstance(entry["id"], str) or not ID.fullmatch(entry["id"]):
        raise RegisterError(f"{where}: id must look like DEV-001")
    if entry["decision"] not in DECISIONS:
        raise RegisterError(f"{where}: decision must be one of {sorted(DECISIONS)}")
    for key in ("title", "where", "spec_says", "vendor_says"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise RegisterError(f"{where}: {key} must be a non-empty string")
    if not isinstance(entry["matches"], list) or not entry["matches"]:
        raise RegisterError(f"{where}: matches must be a non-empty list")
    return Deviation(
        id=entry["id"],
        title=entry["title"].strip(),
        where=entry["where"].strip(),
        spec_says=entry["spec_says"].strip(),
        vendor_says=entry["vendor_says"].strip(),
        decision=entry["decision"],
        matches=tuple(_match(m, f"{where}: match {i}") for i, m in enumerate(entry["matches"])),
    )


def _match(raw: Any, where: str) -> Match:
    if not isinstance(raw, dict) or raw.get("source") not in FIELDS:
        raise RegisterError(f"{where}: a match needs a source among {sorted(FIELDS)}")
    source = raw["source"]
    fields = {k: v for k, v in raw.items() if k != "source"}
    unknown = set(fields) - FIELDS[source]
    if unknown or not fields:
        raise RegisterError(
            f"{where}: {source} matches take fields {sorted(FIELDS[source])}, got {sorted(fields)}"
        )
    if not all(isinstance(v, str) for v in fields.values()):
        raise RegisterError(f"{where}: match fields must be strings (globs)")
    return Match(source, tuple(sorted(fields.items())))
