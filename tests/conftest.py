"""Test-wide settings: hypothesis profiles, and the seed printed with every failure.

Profiles (select with HYPOTHESIS_PROFILE, default ``pr``):
- ``pr``: the commit profile; a fixed seed (HYPOTHESIS_SEED overrides it) and bounded examples, so
  the same commit always runs the same cases.
- ``nightly``: a fresh random seed each run (printed), more examples, bounded in time per test.

The suite runs in parallel processes (pytest-xdist, one more than the cores in ``make test``): the
controller draws the seed once and hands it to every worker, so one run has one seed, printed in the
header and beside every failure (a worker's failure section travels back with its report).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import random
from collections.abc import Generator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests.support.heavy import heavy_seconds

PR_SEED = 20261123

settings.register_profile(
    "pr",
    max_examples=60,
    # No example database: what a commit runs must not depend on what earlier runs in this checkout
    # (or another xdist worker) saved; the seed alone decides.
    database=None,
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
_WORKER_INPUT_KEY = "cashfree_hypothesis_seed"


# Hypothesis draws constants from the source of every local module imported when a test runs, so
# what a seed generates depends on which modules earlier tests happened to import. Under xdist that
# differs per worker and per run; importing all of the project first makes it the same everywhere.
PROJECT_PACKAGES = (
    "cashfree_oneclick_generated",
    "cashfree_oneclick",
    "contract_tests",
    "scripts",
    "benchmarks",
)


def _import_project() -> None:
    for name in PROJECT_PACKAGES:
        package = importlib.import_module(name)
        for module in pkgutil.walk_packages(package.__path__, f"{name}."):
            if not module.name.endswith(".__main__"):
                importlib.import_module(module.name)


def pytest_configure(config: pytest.Config) -> None:
    global SEED
    worker_input: dict[str, object] | None = getattr(config, "workerinput", None)
    # The xdist controller runs no test: only the processes that do need the whole project imported
    # (two seconds of start-up before the workers are even spawned otherwise).
    controller = worker_input is None and config.getoption("dist", "no") != "no"
    if not controller:
        _import_project()
    # An xdist worker uses the controller's seed, never its own draw (nightly draws a fresh one).
    if worker_input is not None and _WORKER_INPUT_KEY in worker_input:
        SEED = int(str(worker_input[_WORKER_INPUT_KEY]))
    # The hypothesis pytest plugin seeds every @given test from this option.
    config.option.hypothesis_seed = SEED


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist (controller side): each worker gets the run's seed before it starts."""
    node.workerinput[_WORKER_INPUT_KEY] = SEED


# `make test` hands whole modules to the workers in collection order (--dist loadfile): the modules
# that cost most CPU (whole contract runs, served fakes, subprocesses) go first, heaviest first, so
# that the workers finish together instead of one of them starting a 15 s module while the other
# is already done. Each such module says so itself: `pytestmark = pytest.mark.heavy(seconds=N)`, N the
# seconds it holds a worker in `make test` (its CPU where it computes, its waits where it waits on
# dripping stand-ins or processes, which the other workers fill). Any other module keeps its place.
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A stable sort: every other module keeps its collection order.
    items.sort(key=lambda item: -heavy_seconds(item))


def pytest_report_header() -> str:
    return f"hypothesis profile {PROFILE}, seed {SEED} (rerun: HYPOTHESIS_SEED={SEED} make test)"


@pytest.fixture(scope="module", autouse=True)
def _module_own_redactor() -> Generator[None]:
    """Each test module starts with the process redactor as the session found it: values another
    module's fakes and runs registered (tenant keys, fuzzed secrets) would otherwise mask keys of this
    module's recordings and not of their replays, a difference no real run has."""
    from cashfree_oneclick.redaction import REDACTOR  # here: the xdist controller imports no project

    checkpoint = REDACTOR.known_values()
    yield
    REDACTOR.forget_since(checkpoint)


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
