"""The replay's verdict and its two reports, fidelity.json (for tools: the nightly issue) and fidelity.md.

Differences are grouped: one line per operation, aspect, pointer, group and the two sides, with how
many requests showed it and the first of them (as recorded: already redacted). Every text passes the
redaction module once more before it is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cashfree_oneclick.redaction import REDACTOR, Redactor
from contract_tests.fidelity.limitations import Limitations
from contract_tests.fidelity.replay import Outcome


@dataclass(frozen=True)
class Grouped:
    operation: str
    operation_id: str
    aspect: str
    pointer: str
    where: str
    vendor: str
    fake: str
    count: int
    known: str | None  # the register entry (FAKE-xxx) that covers it
    request: dict[str, Any]  # the first recorded request that shows it


def group(outcomes: list[Outcome], register: Limitations) -> list[Grouped]:
    seen: dict[tuple[str, ...], Grouped] = {}
    for outcome in outcomes:
        entry = outcome.recorded
        for difference in outcome.differences:
            key = (
                entry.operation,
                difference.aspect,
                difference.pointer,
                difference.where,
                difference.vendor,
                difference.fake,
            )
            if key in seen:
                seen[key] = _replace_count(seen[key])
                continue
            limitation = register.find(
                entry.operation, difference.aspect, difference.pointer, difference.where
            )
            known = limitation.id if limitation else None
            seen[key] = Grouped(
                entry.operation, outcome.operation_id, difference.aspect, difference.pointer,
                difference.where, difference.vendor, difference.fake, 1, known,
                {"line": entry.line, "method": entry.method, "path": entry.path, "headers": entry.headers,
                 "body": entry.body, "vendor_status": entry.status, "fake_status": outcome.fake_status},
            )  # fmt: skip
    return sorted(seen.values(), key=lambda g: (g.known is not None, g.operation, g.pointer, g.aspect))


def _replace_count(grouped: Grouped) -> Grouped:
    return Grouped(**{**grouped.__dict__, "count": grouped.count + 1})


def document(cassette: Path, outcomes: list[Outcome], grouped: list[Grouped]) -> dict[str, Any]:
    new = [g for g in grouped if g.known is None]
    return {
        "cassette": str(cassette),
        "agree": not new,
        "interactions": len(outcomes),
        "replayed": sum(not o.skipped for o in outcomes),
        "new": len(new),
        "known": len(grouped) - len(new),
        "skipped": [
            {"line": o.recorded.line, "operation": o.recorded.operation, "why": o.skipped}
            for o in outcomes
            if o.skipped
        ],
        "differences": [g.__dict__ for g in grouped],
    }


def markdown(doc: dict[str, Any]) -> str:
    verdict = "AGREE" if doc["agree"] else "DIFFER"
    lines = [
        f"# Fidelity of the fake: {verdict}",
        "",
        f"- cassette: `{doc['cassette']}`: {doc['interactions']} recorded requests, "
        f"{doc['replayed']} replayed on the in-process fake, {len(doc['skipped'])} skipped",
        f"- differences: {doc['new']} new, {doc['known']} known (contract_tests/fidelity/limitations.yaml)",
        "",
    ]
    if doc["differences"]:
        lines += [
            "| | operation | aspect | pointer | vendor | fake | requests |",
            "|---|---|---|---|---|---|---:|",
        ]
        for d in doc["differences"]:
            state = f"known {d['known']}" if d["known"] else "**new**"
            pointer = (d["pointer"] or "(answer)") + (f" [{d['where']}]" if d["where"] else "")
            lines.append(
                f"| {state} | `{d['operation']}` | {d['aspect']} | `{pointer}` | {d['vendor']} | {d['fake']} "
                f"| {d['count']} |"
            )
        lines += ["", "## The requests that show them", ""]
        for d in doc["differences"]:
            request = d["request"]
            lines += [
                f"### `{d['operation']}` {d['aspect']} at `{d['pointer'] or '(answer)'}`",
                "",
                f"Cassette line {request['line']}: "
                f"vendor {request['vendor_status']}, fake {request['fake_status']}.",
                "",
                "```http",
                f"{request['method']} {request['path']}",
                *[f"{name}: {value}" for name, value in request["headers"].items()],
                "",
                request["body"] or "",
                "```",
                "",
            ]
    else:
        lines += ["The fake answered every replayed request as the vendor did.", ""]
    if doc["skipped"]:
        lines += ["## Skipped", ""] + [
            f"- line {s['line']} `{s['operation']}`: {s['why']}" for s in doc["skipped"]
        ]
        lines.append("")
    return "\n".join(lines)


def write(directory: Path, doc: dict[str, Any], redactor: Redactor = REDACTOR) -> dict[str, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = {"json": directory / "fidelity.json", "markdown": directory / "fidelity.md"}
    paths["json"].write_text(
        redactor.text(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n", encoding="utf-8"
    )
    paths["markdown"].write_text(redactor.text(markdown(doc)), encoding="utf-8")
    return paths
