"""The drift corpus, fast: every quick drift caught (by the rules it names only), every control silent.

The quick path runs the probes, the response rules and conformance against the drifted fake in process
(well under a second per drift); `make drift` runs the whole pr profile over HTTP against every drift.
"""

from __future__ import annotations

import dataclasses
import threading
from functools import cache

import httpx
import pytest

from contract_tests import runner
from contract_tests.drift import BY_NAME, DRIFTS, Drift, DriftApp
from contract_tests.drift.corpus import Edit
from contract_tests.drift.middleware import apply_edit
from contract_tests.drift.run import Outcome, quick, run_all, serve
from contract_tests.profiles import Profile
from contract_tests.targets import fake_target

pytestmark = pytest.mark.heavy(seconds=15)

QUICK = [drift for drift in DRIFTS if drift.quick]
# The rules the probes and response rules add; each must have a drift that only it catches.
OWN_RULES = {
    "flow_blocked", "echo_verification_id", "echo_user", "pii_unmasked", "verification_id_reuse",
    "auth_code_single_use", "token_isolation", "scope_within_consent", "token_refused", "json_body",
    "response_content_type",
    "response_schema_conformance",
}  # fmt: skip


@cache
def outcome(drift: Drift) -> Outcome:
    return quick(drift)


@pytest.mark.parametrize("drift", QUICK, ids=[d.name for d in QUICK])
def test_a_quick_drift_is_caught_by_its_rules_only_and_a_control_is_silent(drift: Drift) -> None:
    result = outcome(drift)
    assert result.ok, f"{drift.name}: {result.by}"
    # No stray finding: a drift is reported by the rules that name it, nothing else.
    assert result.rules <= drift.expect, f"{drift.name}: also reported by {set(result.rules - drift.expect)}"


def test_the_corpus_covers_every_kind_the_issue_names() -> None:
    kinds = {d.kind for d in DRIFTS if not d.control}
    assert kinds >= {
        "types", "required", "enums", "formats", "status", "content type", "error shape", "error codes",
        "credentials", "relaxed validation", "stateful", "PII", "flakiness", "latency",
    }  # fmt: skip
    assert sum(not d.control for d in DRIFTS) >= 25
    assert sum(d.control for d in DRIFTS) >= 3


@pytest.mark.parametrize("rule", sorted(OWN_RULES))
def test_every_rule_has_a_drift_only_it_catches(rule: str) -> None:
    only = [d.name for d in QUICK if not d.control and outcome(d).rules == {rule}]
    assert only, f"no quick drift is caught by {rule} alone"


def test_an_unchanged_fake_raises_nothing() -> None:
    control = next(d for d in DRIFTS if d.name == "control_new_headers")
    assert outcome(control).rules == frozenset()


def test_a_run_that_cannot_advance_ends_within_its_bound_and_says_where_it_stopped() -> None:
    base = fake_target()
    target = dataclasses.replace(base, app=DriftApp(base.app, BY_NAME["token_without_access_token"]))
    bound = Profile("pr", 20261123, max_examples=2, max_time=4, stateful_steps=2)
    result = runner.run(target, bound, progress=None)
    assert result.elapsed < bound.max_time + runner.GRACE_SECONDS
    assert result.skipped["GET /oauth2/user-details"].startswith("flow blocked at generate-token")
    blocked = [f for f in result.findings if f.check == "flow_blocked"]
    assert [f.title for f in blocked] == ["flow blocked at generate-token: 200 without access_token"]


def test_an_edit_names_existing_places_only() -> None:
    document = {"scopes": [{"scope": "PAN"}]}
    for pointer in ("/scopes/3/scope", "/scopes/0/missing", "/absent/*/scope"):
        apply_edit(document, Edit("set", pointer, "X"))
    assert document == {"scopes": [{"scope": "PAN"}]}
    apply_edit(document, Edit("set", "/scopes/0/scope", "X"))
    assert document == {"scopes": [{"scope": "X"}]}


def test_a_crashed_run_is_a_failed_line_of_the_table_not_its_end() -> None:
    # An unknown name makes the worker process raise (KeyError) before any server starts.
    outcomes = list(run_all(["no_such_drift"], 1, None))

    assert [o.drift for o in outcomes] == ["no_such_drift"]
    assert not outcomes[0].ok
    assert outcomes[0].by.startswith("run crashed: KeyError")


def test_a_drift_is_served_by_the_fake_s_one_thread_server_and_stopped() -> None:
    drift = next(iter(BY_NAME.values()))
    with serve(drift) as url:
        assert url.startswith("http://127.0.0.1:")
        assert url.endswith("/verification")
        assert any(thread.name == f"drift-{drift.name}" for thread in threading.enumerate())
        assert httpx.get(url + "/__fake__/info").status_code == 200  # /__fake__/ passes through
    assert not any(thread.name == f"drift-{drift.name}" for thread in threading.enumerate())
