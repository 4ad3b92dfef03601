"""The sandbox path, end to end, against a local stand-in: ``--target sandbox`` with CONTRACT_SANDBOX_URL.

The nightly job runs ``make nightly TARGET=sandbox``; here ``sandbox`` is a vendor stand-in on
127.0.0.1 (the fake with its /__fake__/ routes hidden, tests/standins.py) and the throttle and the
budget are scaled down (CONTRACT_RATE_LIMIT, CONTRACT_REQUEST_BUDGET), so the real command line runs
the sandbox policy in seconds: positive data only, the probes, the throttle kept, the budget never
passed, a summary naming the URL, a pass, and the run within its profile's bound.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cashfree_oneclick.fake import (
    TEST_APP_CLIENT_ID,
    TEST_APP_CLIENT_SECRET,
    TEST_GENERAL_CLIENT_ID,
    TEST_GENERAL_CLIENT_SECRET,
)
from contract_tests.fidelity.rebuild import Rebuilder
from tests.serving import serve
from tests.standins import VendorStandIn

pytestmark = pytest.mark.heavy(seconds=3)

ROOT = Path(__file__).resolve().parents[2]
RATE_PER_SECOND = 30  # the scaled-down throttle (the sandbox's is 60/m)
BUDGET = 30


class Recorder:
    """ASGI middleware noting when each API request arrived."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.arrivals: list[float] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and "/__fake__/" not in scope["path"]:
            self.arrivals.append(time.monotonic())
        await self.app(scope, receive, send)


@pytest.fixture
def stand_in() -> Iterator[tuple[str, Recorder, str]]:
    recorders: list[Recorder] = []

    def wrap(app: Any) -> Any:
        recorders.append(Recorder(VendorStandIn(app)))
        return recorders[-1]

    with serve(wrap=wrap) as serving:
        token = asyncio.run(Rebuilder(serving.app).access_token())
        yield serving.base_url, recorders[0], token


def run_sandbox(
    base_url: str, token: str, reports: Path, profile: str
) -> tuple[subprocess.CompletedProcess[str], float]:
    environment = {
        **os.environ,
        "CONTRACT_SANDBOX_URL": base_url,
        "CONTRACT_RATE_LIMIT": f"{RATE_PER_SECOND}/s",
        "CONTRACT_REQUEST_BUDGET": str(BUDGET),
        "CONTRACT_NIGHTLY_MAX_EXAMPLES": "3",
        "CASHFREE_APP_CLIENT_ID": TEST_APP_CLIENT_ID,
        "CASHFREE_APP_CLIENT_SECRET": TEST_APP_CLIENT_SECRET,
        "CASHFREE_GENERAL_CLIENT_ID": TEST_GENERAL_CLIENT_ID,
        "CASHFREE_GENERAL_CLIENT_SECRET": TEST_GENERAL_CLIENT_SECRET,
        "CASHFREE_ACCESS_TOKEN": token,
    }
    environment.pop("CONTRACT_TARGET", None)
    command = [sys.executable, "-m", "contract_tests", "--target", "sandbox", "--profile", profile]
    command += ["--seed", "11", "--report-dir", str(reports), "--quiet"]
    started = time.monotonic()
    run = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300, check=False
    )
    return run, time.monotonic() - started


def test_the_sandbox_policy_runs_against_a_stand_in_with_the_nightly_profile(
    stand_in: tuple[str, Recorder, str], tmp_path: Path
) -> None:
    """The nightly command line (its profile, bound 1500 s) under the sandbox policy; the pr profile
    differs only in its numbers (tests/contract/test_targets.py covers the policy's resolution)."""
    base_url, recorder, token = stand_in
    bound = 1500
    run, elapsed = run_sandbox(base_url, token, tmp_path, "nightly")
    arrivals = recorder.arrivals
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")

    assert run.returncode == 0, summary + run.stderr[-3000:]
    assert elapsed < bound
    assert f"`sandbox` {base_url}" in summary
    assert "positive only, throttled to 30/s, at most 30 requests" in summary
    # Requests were sent, the probes' among them, and never more than the budget.
    assert 10 < len(arrivals) <= BUDGET
    found = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    assert not [f for f in found["findings"] if f["check"] in ("flow_blocked", "run_incomplete")]
    # The throttle: no second-long window holds more than the rate (plus the probes' burst before the
    # engine starts, which the throttle does not see: at most four requests).
    engine = arrivals[4:]
    busiest = max(sum(1 for t in engine if start <= t < start + 1.0) for start in engine)
    assert busiest <= RATE_PER_SECOND + 1
