"""Which entries of the deviation register a run met, and which it could have met and did not.

An entry records one contradiction of the vendor at one place. A run that exercised that place (an
answer of the entry's operation with a value at its pointer) and found nothing the entry covers leaves
it *unused*: the vendor may have fixed it (the entry is stale and would hide a later, different
contradiction there), or the target never sends it (our fake, by default, sends the schema's shapes).
Either way the summary says so; an unused entry does not fail the run. An entry whose place no answer
of the run showed is *not exercised*: the run says nothing about it.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from cashfree_oneclick.jsonbody import BodyError, parse_json
from cashfree_oneclick.redaction import Redactor
from contract_tests.findings import Finding, classify, pointer_of, redact
from contract_tests.interactions import Interaction
from scripts.deviations import Deviation, Match, Register

if TYPE_CHECKING:
    from contract_tests.runner import RunResult


class Use(StrEnum):
    MET = "met"
    UNUSED = "unused"
    NOT_EXERCISED = "not exercised"


@dataclass(frozen=True)
class EntryUse:
    id: str
    title: str
    use: Use
    findings: int  # the run's findings the entry covered
    answers: int  # the run's answers that showed the entry's place


def judge_by_register(result: RunResult, register: Register, redactor: Redactor) -> None:
    """Classify ``result``'s findings by ``register`` (redacted) and record each entry's use: what the
    command line and every run of ``make drift`` report (the summary's register section)."""
    result.findings = [redact(f, redactor) for f in classify(result.findings, register)]
    result.register = usage(register, result.findings, result.interactions, result.operation_ids)


def usage(
    register: Register,
    found: Sequence[Finding],
    interactions: Sequence[Interaction],
    operation_ids: dict[str, str],
) -> tuple[EntryUse, ...]:
    """The use of every entry with contract matches; ``operation_ids``: operation label -> operationId."""
    entries = [d for d in register.deviations if any(m.source == "contract" for m in d.matches)]
    places = _Places(interactions, operation_ids)
    uses = []
    for entry in entries:
        met = sum(finding.deviation == entry.id for finding in found)
        answers = places.showing(_contract_matches(entry))
        use = Use.MET if met else Use.UNUSED if answers else Use.NOT_EXERCISED
        uses.append(EntryUse(entry.id, entry.title, use, met, answers))
    return tuple(uses)


def _contract_matches(entry: Deviation) -> list[Match]:
    return [match for match in entry.matches if match.source == "contract"]


class _Places:
    """The generalised pointers (list indices as ``*``) present in each JSON answer, read once."""

    def __init__(self, interactions: Sequence[Interaction], operation_ids: dict[str, str]) -> None:
        self.interactions = interactions
        self.operation_ids = operation_ids
        self._pointers: dict[int, frozenset[str]] = {}

    def showing(self, matches: list[Match]) -> int:
        """How many answers of a matched operation hold a value at a matched pointer."""
        count = 0
        for index, item in enumerate(self.interactions):
            operation = self.operation_ids.get(item.operation, item.operation)
            for match in matches:
                globs = dict(match.fields)
                if not fnmatch.fnmatchcase(operation, globs.get("operation", "*")):
                    continue
                if any(fnmatch.fnmatchcase(p, globs.get("pointer", "*")) for p in self._of(index, item)):
                    count += 1
                    break
        return count

    def _of(self, index: int, item: Interaction) -> frozenset[str]:
        if index not in self._pointers:
            try:
                body = parse_json(item.response_body) if item.response_body else None
            except BodyError:
                body = None  # not JSON: no place of a body was shown
            self._pointers[index] = frozenset(_pointers(body)) if body is not None else frozenset()
        return self._pointers[index]


def _pointers(value: Any) -> Iterator[str]:
    """Every place in ``value`` (the root included, as ""), list indices generalised to ``*``."""
    stack: list[tuple[list[str | int], Any]] = [([], value)]
    while stack:
        path, node = stack.pop()
        yield pointer_of(path)
        if isinstance(node, dict):
            stack.extend(([*path, str(key)], child) for key, child in node.items())
        elif isinstance(node, list):
            stack.extend(([*path, index], child) for index, child in enumerate(node))
