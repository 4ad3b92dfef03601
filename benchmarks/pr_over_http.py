"""Benchmark: the wall time of a whole `pr` contract run over HTTP, the median of three.

The fake is served as its own process (``python -m cashfree_oneclick.fake``, as `make fake` does) on a
free loopback port, and the suite runs the `pr` profile against its URL, as ``make contract
TARGET=http://127.0.0.1:…`` would: target detection, probes, the engine, rules and conformance, the
reports left out (their writing is not the run). Three runs, each bounded by the profile (60 s).
Goal: median at most 15 s on this machine.

    python -m benchmarks.pr_over_http
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from cashfree_oneclick.fake.process import run_fake
from contract_tests import reports, runner
from contract_tests.profiles import profile
from contract_tests.targets import resolve

RUNS = 3
GOAL_SECONDS = 15.0


def one_run() -> tuple[float, bool]:
    with (
        tempfile.TemporaryDirectory() as directory,
        run_fake(output=Path(directory) / "fake.log") as (url, _),
    ):
        started = time.monotonic()
        result = runner.run(resolve(url), profile("pr"), progress=None)
        seconds = time.monotonic() - started
    return seconds, reports.verdict(result).passed


def main() -> None:
    times = []
    for index in range(RUNS):
        seconds, passed = one_run()
        times.append(seconds)
        print(f"pr run over HTTP {index + 1}/{RUNS}: {seconds:.1f} s ({'PASS' if passed else 'FAIL'})")
    median = statistics.median(times)
    verdict = "within" if median <= GOAL_SECONDS else "OVER"
    print(f"pr run over HTTP: median {median:.1f} s of {RUNS} ({verdict} the {GOAL_SECONDS:.0f} s goal)")


if __name__ == "__main__":
    main()
