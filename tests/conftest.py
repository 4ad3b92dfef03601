"""Test-wide settings: hypothesis profiles, and the seed printed with every failure.

Profiles (select with HYPOTHESIS_PROFILE, default ``pr``):
- ``pr``: the commit profile; a fixed seed (HYPOTHESIS_SEED overrides it) and bounded examples, so
  the same commit always runs the same cases.
- ``nightly``: a fresh random seed each run (printed), more examples, bounded in time per test.
"""

from __future__ import annotations

import os
import random
from collections.abc import Generator

import pytest
from hypothesis import HealthCheck, settings

PR_SEED = 20261123

settings.register_profile(
    "pr",
    max_examples=60,
    deadline=None,  # speed is measured by `make bench`, never by a timed test
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "nightly",
    max_examples=1000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "pr")
settings.load_profile(PROFILE)


def _seed() -> int:
    if "HYPOTHESIS_SEED" in os.environ:
        return int(os.environ["HYPOTHESIS_SEED"])
    return PR_SEED if PROFILE == "pr" else random.SystemRandom().randrange(2**32)


SEED = _seed()


def pytest_configure(config: pytest.Config) -> None:
    # The hypothesis pytest plugin seeds every @given test from this option.
    config.option.hypothesis_seed = SEED


def pytest_report_header() -> str:
    return f"hypothesis profile {PROFILE}, seed {SEED} (rerun: HYPOTHESIS_SEED={SEED} make test)"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, object, object]:
    report = yield
    if isinstance(report, pytest.TestReport) and report.failed:
        report.sections.append(
            ("hypothesis seed", f"profile {PROFILE}, seed {SEED}: rerun with HYPOTHESIS_SEED={SEED}")
        )
    return report
