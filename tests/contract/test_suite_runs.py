"""The contract suite end to end: quirks found, wrong credentials caught ."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest

from cashfree_oneclick.fake import FakeConfig
from contract_tests import findings, reports, runner
from contract_tests.profiles import PR_SEED, Profile
from contract_tests.register_use import Use, usage
from contract_tests.targets import Credentials, resolve
from scripts.deviations import load_register
from tests.support.fake_flow import served

pytestmark = pytest.mark.heavy(seconds=10)

REGISTER = Path(__file__).resolve().parents[2] / "openapi" / "deviations.yaml"


# Each quirk is in every 2xx answer of its operation (the shapes of the vendor's examples), so two
# examples per operation and the pr profile's stateful walk to user details meet all three; the pr
# profile's volume (no false alarm from a dozen examples of everything) is tests/contract/
# test_fake_pr_run.py's. At pr volume this run took 17 s of CPU; at two examples, 7.
QUIRKS_RUN = Profile("pr", PR_SEED, max_examples=2, max_time=60, stateful_steps=10)


@pytest.fixture(scope="module")
def quirks_run() -> runner.RunResult:
    """One run against the quirky fake over real HTTP, shared by the two tests that classify it.

    Each test classifies a deep copy (classification replaces ``findings``), so neither sees the
    other's verdict. `make test` runs a module on one worker (--dist loadfile): the run happens once.
    """
    with served(FakeConfig(quirks=True)) as url:
        return runner.run(resolve(url), QUIRKS_RUN, progress=None)


def test_vendor_quirks_over_http_are_each_reported_and_known(quirks_run: runner.RunResult) -> None:
    result = copy.deepcopy(quirks_run)
    schema_findings = {
        (f.operation_id, f.pointer) for f in result.findings if f.check == "response_schema_conformance"
    }
    assert schema_findings == {
        ("VrsUserVaultOauthInitiation", "/user"),
        ("VrsUserVaultFetchDetailsFromAccessToken", "/reference_id"),
        ("VrsUserVaultFetchDetailsFromAccessToken", "/scopes/*/records/*/confidence_score"),
    }
    classified = findings.classify(result.findings, load_register(REGISTER))
    known = {f.pointer: f.deviation for f in classified if f.check == "response_schema_conformance"}
    assert known == {
        "/user": "DEV-001",
        "/reference_id": "DEV-002",
        "/scopes/*/records/*/confidence_score": "DEV-003",
    }
    result.findings = classified
    assert reports.verdict(result).passed
    # Each entry met by the value its example shows (the quirks are the vendor's example shapes).
    uses = usage(load_register(REGISTER), classified, result.interactions, result.operation_ids)
    assert {entry.id: entry.use for entry in uses} == {
        "DEV-001": Use.MET,
        "DEV-002": Use.MET,
        "DEV-003": Use.MET,
    }
    assert {f.observed for f in classified if f.deviation == "DEV-003"} == {"null"}


def test_an_unregistered_quirk_fails_the_run(quirks_run: runner.RunResult) -> None:
    result = copy.deepcopy(quirks_run)
    result.findings = findings.classify(result.findings, None)
    outcome = reports.verdict(result)
    assert not outcome.passed
    assert any("new finding" in reason for reason in outcome.reasons)


# Every request of a run with wrong credentials answers 401: what is under test is the verdict's
# message, which one example per operation shows as well as the pr profile's dozen.
WRONG_CREDENTIALS_RUN = Profile("pr", PR_SEED, max_examples=1, max_time=60, stateful_steps=2)


def test_wrong_credentials_fail_with_a_clear_message() -> None:
    with served(FakeConfig()) as url:
        target = resolve(url)
        wrong = Credentials("wrong_client_id", "wrong_client_secret")
        target = dataclasses.replace(target, app_pair=wrong, general_pair=wrong)
        result = runner.run(target, WRONG_CREDENTIALS_RUN, progress=None)
    outcome = reports.verdict(result)
    assert not outcome.passed
    silent = [reason for reason in outcome.reasons if "never answered 2xx" in reason]
    # Both the general-pair and the app-pair operations are named, with what to check.
    assert any(reason.startswith("POST /user/data-availability") for reason in silent)
    assert any(reason.startswith("POST /oauth2/session") for reason in silent)
    assert all("check the credentials" in reason for reason in silent)


def test_production_host_is_refused_unless_forced() -> None:
    from contract_tests.targets import TargetError

    with pytest.raises(TargetError, match="production"):
        resolve("https://api.cashfree.com/verification", environ={})
    pairs = {
        f"CASHFREE_{kind}_CLIENT_{part}": f"{kind}-{part}-x"
        for kind in ("APP", "GENERAL")
        for part in ("ID", "SECRET")
    }
    forced = resolve("https://api.cashfree.com/verification", environ=pairs, force_production=True)
    assert forced.positive_only
    assert forced.request_budget is not None
