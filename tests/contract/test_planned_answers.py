"""A 5xx the fake was asked for (scripted fault, marked X-Fake-Fault) is not held against it; an
unplanned 5xx still is. The same run, the same operation, only the mark differs."""

from __future__ import annotations

from cashfree_oneclick.fake import FakeConfig
from cashfree_oneclick.fake.transport import run_sync
from contract_tests import runner
from contract_tests.policy import is_planned_answer
from contract_tests.profiles import Profile
from contract_tests.targets import fake_target

QUICK = Profile("quick", seed=7, max_examples=5, max_time=60, stateful_steps=1)
ONLY_FUZZING = {
    "phases": {
        "examples": {"enabled": False},
        "coverage": {"enabled": False},
        "fuzzing": {"enabled": True},
        "stateful": {"enabled": False},
    }
}
SESSION = "VrsUserVaultOauthInitiation"


def _server_error_findings(config: FakeConfig, planned: bool) -> set[str]:
    target = fake_target(config)
    if planned:
        run_sync(target.app.controls.fail(SESSION, 500, times=100))
    # Only the session operation: the admin API (reset, DELETE faults) would drop the plan otherwise.
    result = runner.run(target, QUICK, progress=None, overrides=ONLY_FUZZING, only=[SESSION])
    # The 500 was served in both runs: a run that never met it would pass the first test vacuously.
    assert any(500 in stats.statuses for stats in result.operations.values())
    return {f.operation_id for f in result.findings if f.check == "not_a_server_error"}


def test_a_planned_500_is_not_a_finding() -> None:
    assert SESSION not in _server_error_findings(FakeConfig(), planned=True)


def test_an_unplanned_500_is_one() -> None:
    # Control: the fake's random fault injection sends the same documented 500, unmarked.
    assert SESSION in _server_error_findings(FakeConfig(faults={500: 1.0}), planned=False)


def test_only_the_status_checks_are_dropped() -> None:
    headers = {"X-Fake-Fault": "planned"}
    assert is_planned_answer("not_a_server_error", headers)
    assert is_planned_answer("ServerError", headers)  # how schemathesis names that failure
    assert not is_planned_answer("not_a_server_error", {"content-type": "application/json"})
    assert not is_planned_answer("vendor_error_shape", headers)
    assert not is_planned_answer("status_code_conformance", headers)
