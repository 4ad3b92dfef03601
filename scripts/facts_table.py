"""``python -m scripts.facts_table [--check]``: the fact ledger (openapi/facts.yaml) as README tables.

Writes the part of README.md between the ledger's two markers: one row per fact (what, its source and
quote, how the suite reads it, the check, the drift) and one per statement left out (and why).
``--check`` writes nothing and exits 1 when the README's tables are not the ledger's (``make check``).
The ledger's entries themselves are proven by tests/test_facts.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from scripts.yaml_io import load_yaml

ROOT = Path(__file__).resolve().parent.parent
LEDGER = ROOT / "openapi" / "facts.yaml"
README = ROOT / "README.md"
BEGIN = "<!-- facts:begin (python -m scripts.facts_table writes this part; edit openapi/facts.yaml) -->"
END = "<!-- facts:end -->"


def _cell(text: Any) -> str:
    return " ".join(str(text or "").split()).replace("|", "\\|")


def _source(source: dict[str, Any]) -> str:
    return f"{Path(source['file']).name}:{source['lines']} «{_cell(source['quote'])}»"


def render(ledger: dict[str, Any]) -> str:
    facts, left_out = ledger["facts"], ledger.get("left_out", [])
    lines = [
        BEGIN,
        f"{len(facts)} facts, each with the check that enforces it and the drift that proves the check "
        f"(a control for a statement of tolerance); {len(left_out)} statements left out below.",
        "",
        "| fact | source | how the suite reads it | check | drift |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {_cell(f['fact'])} | {_source(f['source'])} | {_cell(f.get('reading')) or '—'} "
        f"| `{f['check']}` | `{f['drift']}` |"
        for f in facts
    ]
    lines += ["", "Left out (no server behaviour can break them):", "", "| source | why |", "|---|---|"]
    lines += [f"| {_source(entry['source'])} | {_cell(entry['why'])} |" for entry in left_out]
    lines.append(END)
    return "\n".join(lines)


def updated(readme: str, table: str) -> str:
    if BEGIN not in readme or END not in readme:
        raise SystemExit(f"{README.name}: the markers of the fact table are missing ({BEGIN!r} ... {END!r})")
    head, rest = readme.split(BEGIN, 1)
    return head + table + rest.split(END, 1)[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.facts_table")
    parser.add_argument("--check", action="store_true", help="exit 1 when README.md's table is stale")
    args = parser.parse_args(argv)
    ledger = load_yaml(LEDGER.read_text(encoding="utf-8"))
    readme = README.read_text(encoding="utf-8")
    new = updated(readme, render(ledger))
    if args.check:
        if new != readme:
            print(
                f"{README.name}: the fact table is stale: run python -m scripts.facts_table", file=sys.stderr
            )
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
