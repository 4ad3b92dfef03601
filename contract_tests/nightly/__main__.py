"""``python -m contract_tests.nightly``: the nightly verdict from the night's files (see verdict.py).

    python -m contract_tests.nightly --night 2026-12-06 --findings build/contract/findings.json
        [--rerun build/contract-rerun/findings.json] [--previous previous/verdict.json]
        [--open-issues open-issues.json] [--run-url URL] --out build/verdict

Writes verdict.json (the issue actions for the workflow, and the history the next night reads) and
verdict.md. Exit status 1 when the night fails (a new or still-failing finding the re-run confirmed).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from contract_tests.nightly.verdict import decide, markdown


def _read(path: Path | None) -> Any:
    if path is None or not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m contract_tests.nightly")
    parser.add_argument("--night", required=True, help="the night's date, e.g. 2026-12-06")
    parser.add_argument("--findings", type=Path, required=True, help="tonight's findings.json")
    parser.add_argument("--rerun", type=Path, help="the re-run's findings.json (when the first run failed)")
    parser.add_argument("--previous", type=Path, help="last night's verdict.json (absent: the first night)")
    parser.add_argument(
        "--open-issues", type=Path, help="JSON list of the open contract-finding issue titles"
    )
    parser.add_argument("--run-url", default="", help="this run's URL, for the issues")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    first = _read(args.findings)
    if first is None:
        parser.error(f"{args.findings}: no findings.json (the run wrote no report)")
    verdict = decide(
        args.night,
        first,
        _read(args.rerun),
        _read(args.previous),
        _read(args.open_issues) or [],
        args.run_url,
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "verdict.json").write_text(json.dumps(verdict.as_json(), indent=2), encoding="utf-8")
    (args.out / "verdict.md").write_text(markdown(verdict), encoding="utf-8")
    print(markdown(verdict))
    return 1 if verdict.fails_the_night else 0


if __name__ == "__main__":
    raise SystemExit(main())
