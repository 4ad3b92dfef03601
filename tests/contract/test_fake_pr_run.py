"""The pr run against the in-process fake: green, and replayed by the fake with no difference.

`make contract` then `make fidelity` is the README's own sequence: a contract run against the fake
(consent step, admin API, journal and all) recorded as a cassette, then replayed on a fresh fake, on
either state store. A fake that disagrees with its own recording cannot judge the vendor's, so every
difference is a bug of the fake or of the replay. The run happens once for the module.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from cashfree_oneclick.fake import FakeConfig
from cashfree_oneclick.fake.redis_server import RedisServer, run_redis
from cashfree_oneclick.redaction import Redactor
from contract_tests import findings, reports, runner
from contract_tests.fidelity import cassette
from contract_tests.fidelity.replay import Outcome, replay
from contract_tests.profiles import profile
from contract_tests.targets import fake_target
from scripts.deviations import load_register

pytestmark = pytest.mark.heavy(seconds=21)

REGISTER = Path(__file__).resolve().parents[2] / "openapi" / "deviations.yaml"


@pytest.fixture(scope="module")
def pr_run() -> runner.RunResult:
    result = runner.run(fake_target(), profile("pr"), progress=None)
    result.findings = findings.classify(result.findings, load_register(REGISTER))
    return result


def test_pr_profile_against_the_in_process_fake_is_green(pr_run: runner.RunResult) -> None:
    outcome = reports.verdict(pr_run)
    assert outcome.passed, outcome.reasons
    assert not pr_run.errors
    # Every operation was exercised and reached a 2xx; the flow went through the links to user details.
    assert all(any(200 <= s < 300 for s in stats.statuses) for stats in pr_run.operations.values())
    details = next(s for s in pr_run.operations.values() if s.label == "GET /oauth2/user-details")
    assert details.stateful_user_details_200 > 0
    assert sum(stats.cases for stats in pr_run.operations.values()) > 200


@pytest.fixture(scope="module")
def recorded(pr_run: runner.RunResult, tmp_path_factory: pytest.TempPathFactory) -> list[cassette.Recorded]:
    """The run's cassette, written as `make contract` writes it, read back as `make fidelity` does."""
    redactor = Redactor()
    result = dataclasses.replace(pr_run, findings=[findings.redact(f, redactor) for f in pr_run.findings])
    directory = tmp_path_factory.mktemp("fake-pr-run")
    written = reports.write_all(result, reports.verdict(result), directory, redactor)
    return cassette.read(written["cassette"])


@pytest.fixture(scope="module")
def redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    with run_redis(tmp_path_factory.mktemp("redis")) as server:
        yield server


def _differences(outcomes: list[Outcome]) -> list[str]:
    return [
        f"line {o.recorded.line} {o.recorded.operation}: {d.aspect} at {d.pointer or '(answer)'}: "
        f"recorded {d.vendor}, replayed {d.fake}"
        for o in outcomes
        for d in o.differences
    ]


def _check(outcomes: list[Outcome], recorded: list[cassette.Recorded]) -> None:
    assert _differences(outcomes) == []
    # Nothing was left out to agree: only answers the run planned (X-Fake-Fault) are not compared.
    assert {o.skipped for o in outcomes if o.skipped} <= {
        "an answer the run planned on the fake it recorded (X-Fake-Fault)"
    }
    assert len(outcomes) == len(recorded)


def test_the_recording_exercises_what_used_to_differ(recorded: list[cassette.Recorded]) -> None:
    """The parts of the fake that replayed unlike their recording are in it: consents by a masked
    session id (granted and repeated), a persona for a masked mobile, the journal, and the requests
    the checks send themselves."""
    consents = [r for r in recorded if r.operation.endswith("/consent") and "[REDACTED]" in r.path]
    assert {r.status for r in consents} >= {200, 409}
    assert any(r.operation == "PUT /__fake__/persona" and r.status == 200 for r in recorded)
    assert any(r.operation == "GET /__fake__/journal" and r.status == 200 for r in recorded)
    assert any(r.status == 401 and r.error_code() == "authentication_failed" for r in recorded)


def test_the_fake_replays_its_recording_on_the_memory_store(recorded: list[cassette.Recorded]) -> None:
    _check(replay(recorded, FakeConfig()), recorded)


def test_the_fake_replays_its_recording_on_the_redis_store(
    recorded: list[cassette.Recorded], redis: RedisServer
) -> None:
    _check(replay(recorded, FakeConfig(state=redis.url)), recorded)
