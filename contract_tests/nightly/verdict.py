"""The nightly verdict, as data: what is new, still failing, resolved or flaky, and what to do about it.

Inputs are files the nightly job already has, so the whole decision is tested with recorded runs:

- tonight's ``findings.json`` (the first run) and, when that run failed, the re-run's (same seed):
  a new finding the re-run does not confirm is **flaky**, marked so and kept, never dropped, and it
  does not fail the night;
- last night's ``verdict.json`` (the previous run's artifact; absent on the first night): tonight's
  unregistered findings are **new** or **still failing**, last night's that tonight lacks **resolved**;
- the open issues of the ``contract-finding`` label (their titles): one issue per finding, opened the
  first night, updated every night it occurs, closed on the first night it no longer occurs;
- the history of which register entries each night met (carried in ``verdict.json``): an entry that no
  night met for :data:`STALE_NIGHTS` nights in a row is reported **stale**.

A finding is named by operation, check and pointer (no seed, status or message: stable across nights),
which is also its issue's title.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

STALE_NIGHTS = 14
HISTORY_NIGHTS = 60  # nights of register use kept in verdict.json
LABEL = "contract-finding"


def title_of(finding: Mapping[str, Any]) -> str:
    place = finding.get("pointer") or "(response)"
    return f"Contract finding: {finding['operation']} {finding['check']} at {place}"[:250]


def unregistered(document: Mapping[str, Any] | None) -> dict[str, Mapping[str, Any]]:
    """The findings of a findings.json the register does not know, by title."""
    found = (document or {}).get("findings", [])
    return {title_of(f): f for f in found if f.get("deviation") is None}


def met_entries(document: Mapping[str, Any] | None) -> set[str]:
    """Register entries the run met: a known finding names one, or the register section says so."""
    document = document or {}
    met = {str(f["deviation"]) for f in document.get("findings", []) if f.get("deviation")}
    met |= {str(e["id"]) for e in document.get("register", []) if e.get("use") == "met"}
    return met


@dataclass(frozen=True)
class IssueAction:
    action: str  # "open", "update" or "close"
    title: str
    body: str = ""
    labels: tuple[str, ...] = (LABEL,)


@dataclass
class Verdict:
    night: str
    new: list[str] = field(default_factory=list)
    still_failing: list[str] = field(default_factory=list)
    resolved: list[str] = field(default_factory=list)
    flaky: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    issues: list[IssueAction] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)  # [{"night", "met": [...]}], oldest first
    failing: dict[str, Mapping[str, Any]] = field(default_factory=dict)  # title -> finding (flaky too)

    @property
    def fails_the_night(self) -> bool:
        return bool(set(self.new) | set(self.still_failing))

    def as_json(self) -> dict[str, Any]:
        return {
            "night": self.night,
            "fails": self.fails_the_night,
            "new": self.new,
            "still_failing": self.still_failing,
            "resolved": self.resolved,
            "flaky": self.flaky,
            "stale": self.stale,
            "issues": [vars(action) | {"labels": list(action.labels)} for action in self.issues],
            "failing": self.failing,
            "history": self.history,
        }


def _body(finding: Mapping[str, Any], state: str, run_url: str) -> str:
    return "\n".join(
        [
            f"**{finding.get('title', '')}** ({finding.get('severity', '')}): {state}",
            "",
            f"- operation: `{finding['operation']}` (`{finding.get('operation_id', '')}`)",
            f"- check: `{finding['check']}`",
            f"- pointer: `{finding.get('pointer') or '(response)'}`",
            f"- last seen: {run_url}",
            "",
            "```",
            str(finding.get("message", "")),
            "```",
            "",
            "Reproduce (redacted):",
            "",
            "```sh",
            str(finding.get("reproduce", "")),
            "```",
            "",
            "Register it in `openapi/deviations.yaml` if the vendor means it, or fix the contract.",
        ]
    )


def _stale(history: Sequence[Mapping[str, Any]], entries: Iterable[str]) -> list[str]:
    recent = history[-STALE_NIGHTS:]
    if len(recent) < STALE_NIGHTS:
        return []  # fewer nights recorded than the window: nothing can be called stale yet
    met = {entry for night in recent for entry in night.get("met", [])}
    return sorted(set(entries) - met)


def decide(
    night: str,
    first: Mapping[str, Any],
    rerun: Mapping[str, Any] | None,
    previous: Mapping[str, Any] | None,
    open_issues: Iterable[str],
    run_url: str = "",
) -> Verdict:
    """The verdict of one night (see the module's docstring); ``previous`` is last night's verdict.json."""
    tonight = unregistered(first)
    confirmed = unregistered(rerun) if rerun is not None else tonight
    before = set((previous or {}).get("failing", {}))
    verdict = Verdict(night, failing=dict(tonight))
    for title in sorted(tonight):
        if title not in confirmed:
            verdict.flaky.append(title)
        elif title in before:
            verdict.still_failing.append(title)
        else:
            verdict.new.append(title)
    verdict.resolved = sorted(before - set(tonight))
    opened = set(open_issues)
    for title in sorted(tonight):
        state = "flaky (not confirmed by the re-run)" if title in verdict.flaky else "failing"
        action = "update" if title in opened else "open"
        labels = (LABEL, "flaky") if title in verdict.flaky else (LABEL,)
        verdict.issues.append(IssueAction(action, title, _body(tonight[title], state, run_url), labels))
    for title in sorted(opened - set(tonight)):
        verdict.issues.append(IssueAction("close", title, f"No longer occurs in the nightly run: {run_url}"))
    history = [*(previous or {}).get("history", []), {"night": night, "met": sorted(met_entries(first))}]
    verdict.history = history[-HISTORY_NIGHTS:]
    entries = {str(e["id"]) for e in first.get("register", [])}
    verdict.stale = _stale(verdict.history, entries)
    return verdict


def markdown(verdict: Verdict) -> str:
    lines = [f"# Nightly verdict {verdict.night}: {'FAIL' if verdict.fails_the_night else 'PASS'}", ""]
    for name, titles in (
        ("New", verdict.new),
        ("Still failing", verdict.still_failing),
        ("Flaky (failed once, not confirmed by the re-run; kept)", verdict.flaky),
        ("Resolved", verdict.resolved),
        (f"Stale register entries (met by no night for {STALE_NIGHTS} nights)", verdict.stale),
    ):
        lines += [f"## {name}: {len(titles)}", "", *(f"- {title}" for title in titles), ""]
    return "\n".join(lines)
