"""The register of the fake's known limitations (limitations.yaml): where it knowingly answers unlike
the vendor, and why.

Read like openapi/deviations.yaml and with the same strict helpers (scripts/deviations.py): each entry
says what the vendor does, what the fake does and why, and lists the replay differences it covers as
``matches`` (``source: fidelity``; fields operation, aspect, pointer, where: fnmatch globs, a field a
match does not name matches anything). A replay difference no entry matches fails ``make fidelity``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.deviations import Match, check_entry, parse_match, read_entries, unique_ids

REGISTER = Path(__file__).resolve().parent / "limitations.yaml"
SOURCES = {"fidelity": frozenset({"operation", "aspect", "pointer", "where"})}
ENTRY_KEYS = frozenset({"id", "title", "vendor_says", "fake_says", "why", "matches"})
TEXT_KEYS = ("title", "vendor_says", "fake_says", "why")
ID = re.compile(r"FAKE-\d{3}")


@dataclass(frozen=True)
class Limitation:
    id: str
    title: str
    vendor_says: str
    fake_says: str
    why: str
    matches: tuple[Match, ...]


@dataclass(frozen=True)
class Limitations:
    entries: tuple[Limitation, ...]

    def find(self, operation: str, aspect: str, pointer: str, where: str) -> Limitation | None:
        fields = {"operation": operation, "aspect": aspect, "pointer": pointer, "where": where}
        for entry in self.entries:
            if any(match.covers("fidelity", fields) for match in entry.matches):
                return entry
        return None


def load(path: Path = REGISTER) -> Limitations:
    """Load and validate the register; raise scripts.deviations.RegisterError naming file and entry."""
    entries = [
        _entry(raw, f"{path}: entry {index}") for index, raw in enumerate(read_entries(path, "limitations"))
    ]
    unique_ids(path, [entry.id for entry in entries])
    return Limitations(tuple(entries))


def _entry(raw: Any, where: str) -> Limitation:
    where = check_entry(raw, where, ENTRY_KEYS, TEXT_KEYS, ID, "FAKE- and three digits, e.g. FAKE-001")
    return Limitation(
        id=raw["id"],
        title=raw["title"].strip(),
        vendor_says=raw["vendor_says"].strip(),
        fake_says=raw["fake_says"].strip(),
        why=raw["why"].strip(),
        matches=tuple(parse_match(m, f"{where}: match {i}", SOURCES) for i, m in enumerate(raw["matches"])),
    )
