"""``python -m contract_tests.drift [NAME...] [--workers 2] [--quick | --whole] [--report-dir build/drift]``.

Every drift served over HTTP: the whole pr profile against each drift that needs the engine, the probes,
rules and conformance against each quick one (``--whole``: the whole profile for all). ``--quick``: the
quick drifts in process, no server. NAMEs narrow the run to those drifts. Exit status 0 when every drift
is detected and no control alarms; 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from contract_tests.drift.corpus import BY_NAME
from contract_tests.drift.run import Outcome, all_names, quick, run_all, table_line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m contract_tests.drift")
    parser.add_argument("names", nargs="*", help="drifts to run (default: the whole corpus)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="the quick drifts only, in process")
    parser.add_argument(
        "--whole", action="store_true", help="the whole pr profile for every drift (quick ones too)"
    )
    parser.add_argument("--report-dir", type=Path, default=Path("build/drift"))
    args = parser.parse_args(argv)
    names = args.names or all_names()
    unknown = [name for name in names if name not in BY_NAME]
    if unknown:
        print(f"drift: unknown drift(s) {unknown}", file=sys.stderr)
        return 2
    if args.quick:
        names = [name for name in names if BY_NAME[name].quick]
    started = time.monotonic()
    print(f"{'drift':<34} {'result':<17} {'time':>8}  finding")
    if args.quick:
        outcomes: Iterable[Outcome] = (quick(BY_NAME[name]) for name in names)
    else:
        outcomes = run_all(names, args.workers, args.report_dir, args.whole)
    bad = 0
    for outcome in outcomes:
        print(table_line(outcome), flush=True)
        bad += not outcome.ok
    total = len(names)
    controls = sum(BY_NAME[n].control for n in names)
    elapsed = time.monotonic() - started
    print(
        f"\n{total - bad}/{total} as expected ({total - controls} drifts, {controls} controls) {elapsed:.0f}s"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
