"""What a run could not finish is a finding saying where it stopped, and the run still ends in time."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import pytest

from contract_tests import probes, runner
from contract_tests.profiles import Profile
from contract_tests.targets import fake_target

pytestmark = pytest.mark.heavy(seconds=4)


class Slow:
    """The fake answering every API request 0.3 s late."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            await asyncio.sleep(0.3)
        await self.app(scope, receive, send)


def test_probes_cut_by_their_time_share_are_a_finding_naming_the_first_rule_left_out() -> None:
    base = fake_target()
    target = dataclasses.replace(base, app=Slow(base.app))
    bound = Profile("pr", 20261123, max_examples=1, max_time=4, stateful_steps=1)  # probes: 1 s
    examples = {
        name: {"enabled": name == "examples"} for name in ("examples", "coverage", "fuzzing", "stateful")
    }

    result = runner.run(target, bound, progress=None, overrides={"phases": examples})

    cut = [f for f in result.findings if f.check == "run_incomplete"]
    assert [f.title for f in cut] == ["the probes stopped at their share of the time bound"]
    assert "did not run" in cut[0].message
    assert cut[0].message.split("before ")[1].split(":")[0] in {r.__name__ for r in probes.RULES}
    assert result.elapsed < bound.max_time + runner.GRACE_SECONDS
