"""Benchmark: cases per second of the `pr` contract profile, beside schemathesis's own ceiling.

Runs, in one process and one run, the `pr` profile against the in-process fake and the very same
schemathesis configuration (phases, checks, auth, hooks) against a no-op ASGI app that answers every
request with an empty 200: the second is what schemathesis itself costs on this machine. Prints both
rates and the ratio. Target: the suite at >= 80% of the ceiling.

    python -m benchmarks.contract_speed
"""

from __future__ import annotations

import dataclasses
from typing import Any

from contract_tests import runner
from contract_tests.profiles import profile
from contract_tests.targets import fake_target

TARGET_RATIO = 0.8


async def noop_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]}
    )
    await send({"type": "http.response.body", "body": b"{}"})


def rate(result: runner.RunResult) -> tuple[int, float]:
    cases = sum(stats.cases for stats in result.operations.values())
    return cases, cases / result.elapsed if result.elapsed else 0.0


def main() -> int:
    prof = profile("pr")
    fake = fake_target()
    # The same target description, with the app swapped for the no-op one. It has no consent step, so
    # user details gets a constant token instead of running the flow.
    noop = dataclasses.replace(fake, app=noop_app, has_consent_step=False, access_token="noop-token")  # noqa: S106 - a placeholder the no-op app ignores
    suite_cases, suite_rate = rate(runner.run(fake, prof, progress=None))
    noop_cases, noop_rate = rate(runner.run(noop, prof, progress=None))
    ratio = suite_rate / noop_rate if noop_rate else 0.0
    print(f"pr profile, seed {prof.seed}, in-process ASGI")
    print(f"  against the fake      {suite_cases:>6} cases  {suite_rate:8.1f} cases/s")
    print(
        f"  against a no-op app   {noop_cases:>6} cases  {noop_rate:8.1f} cases/s  (schemathesis's ceiling)"
    )
    verdict = "met" if ratio >= TARGET_RATIO else "NOT met"
    print(f"  ratio {ratio:.0%} (target >= {TARGET_RATIO:.0%}: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
