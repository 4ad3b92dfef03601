"""Hostile servers x {sync client, async client, suite}: each case ends within its bound, under a
memory ceiling, with the package's error or a finding, and the planted secret appears nowhere.

The servers (tests/hostile/servers.py) are raw asyncio: a body dripping a byte every 0.1 s, a head
dripping a byte every 0.1 s, a body that drips for 1 s and then stalls, a 256 MiB body, a gzip bomb,
100,000-deep JSON, a 307 to another origin (127.0.0.2 plays the remote host), a 401 echoing the secret,
a refused connection, malformed JSON, NaN. Bounds are scaled down (a 1.5 s client deadline, a 256 KiB
body cap, a 4 s suite run with a 1 s request time-out) so the module runs in seconds. Memory: the
client's Python allocations are traced (tracemalloc peak per case); the suite's whole process is
measured (peak RSS, ru_maxrss).
"""

from __future__ import annotations

import asyncio
import logging
import resource
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from cashfree_oneclick import (
    AsyncOneClickClient,
    AuthenticationError,
    CashfreeError,
    DeadlineExceededError,
    MalformedResponseError,
    OneClickClient,
    RetryPolicy,
    Settings,
    TransportError,
    UndocumentedStatusError,
    resolve,
)
from cashfree_oneclick.redaction import REDACTOR
from contract_tests import reports, runner
from contract_tests.detect import Detection, UnreachableError, probe
from contract_tests.profiles import Profile
from contract_tests.targets import resolve as resolve_target
from tests.hostile.servers import BEHAVIOURS, CLIENT_ID, SECRET, Behaviour, hostile

pytestmark = pytest.mark.heavy(seconds=30)

DEADLINE = 1.5
CAP = 256 * 1024
CLIENT_CEILING = 16 * 1024 * 1024  # bytes of Python allocations one client call may peak at
SUITE_CEILING_KIB = 200 * 1024  # growth of the process's peak RSS over a suite case
EXPECTED_ERROR: dict[str, type[CashfreeError]] = {
    "slow_drip": DeadlineExceededError,
    "header_drip": DeadlineExceededError,
    "drip_then_stall": DeadlineExceededError,
    "huge_body": MalformedResponseError,
    "gzip_bomb": MalformedResponseError,
    "deep_json": MalformedResponseError,
    "redirect": UndocumentedStatusError,
    "echo_secret": AuthenticationError,
    "refused": TransportError,
    "malformed": MalformedResponseError,
    "nan": MalformedResponseError,
}
# The finding the suite's probes must report first (the run may report more).
EXPECTED_FINDING = {
    "slow_drip": ("flow_blocked", "no answer"),
    "header_drip": ("flow_blocked", "no answer"),
    "drip_then_stall": ("flow_blocked", "no answer"),
    "huge_body": ("body_within_limits", "exceeds the limit of 262144 bytes"),
    "gzip_bomb": ("body_within_limits", "exceeds the limit of 262144 bytes (decompressed)"),
    "deep_json": ("body_within_limits", "nests deeper than 64 levels"),
    "redirect": ("flow_blocked", "307"),
    "echo_secret": ("flow_blocked", "401 authentication_failed"),
    "refused": ("flow_blocked", "no answer"),
    # Within the limits, not strict JSON: kept as it came, reported by wire.json_body.
    "malformed": ("json_body", "body is not JSON"),
    "nan": ("json_body", "NaN is not JSON"),
}
CASES = [pytest.param(behaviour, id=behaviour.name) for behaviour in BEHAVIOURS]


def _hidden(*texts: str) -> None:
    for text in texts:
        assert SECRET not in text


MakeCall = Callable[[Settings], Callable[[], object]]  # a client built for the stand-in: its one call


def _call_sync(settings: Settings) -> Callable[[], object]:
    client = OneClickClient(settings)  # built first: its TLS context is no part of the call

    def call() -> object:
        with client:
            return client.data_availability("vid-hostile-1", "9999900000")

    return call


def _call_async(settings: Settings) -> Callable[[], object]:
    client = AsyncOneClickClient(settings)

    async def call() -> object:
        async with client:
            return await client.data_availability("vid-hostile-1", "9999900000")

    return lambda: asyncio.run(call())


@pytest.mark.parametrize("behaviour", CASES)
@pytest.mark.parametrize("make_call", [_call_sync, _call_async], ids=["sync", "async"])
def test_the_client_ends_in_time_with_its_error(
    behaviour: Behaviour, make_call: MakeCall, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with hostile(behaviour) as server:
        settings = resolve(
            base_url=server.base_url, general_client_id=CLIENT_ID, general_client_secret=SECRET,
            app_client_id=CLIENT_ID, app_client_secret=SECRET, deadline=DEADLINE, max_response_bytes=CAP,
            retry=RetryPolicy(max_attempts=2, initial_backoff=0.01, max_backoff=0.02), environ={},
        )  # fmt: skip
        call = make_call(settings)
        tracemalloc.start()
        started = time.monotonic()
        try:
            with pytest.raises(CashfreeError) as caught:
                call()
            elapsed = time.monotonic() - started
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        witnessed = list(server.witness.seen)
    error = caught.value
    assert type(error) is EXPECTED_ERROR[behaviour.name], repr(error)
    assert elapsed < DEADLINE + 0.5  # the deadline, and the 0.1 s piece of a drip in which it passed
    assert peak < CLIENT_CEILING
    assert witnessed == []  # nothing reached the other origin
    _hidden(str(error), repr(error), error.message, str(error.request_id), str(error.code), caplog.text)


@pytest.mark.parametrize("behaviour", CASES)
def test_the_suite_ends_in_time_with_a_finding(behaviour: Behaviour, tmp_path: Path) -> None:
    environ = {
        "CASHFREE_APP_CLIENT_ID": CLIENT_ID,
        "CASHFREE_APP_CLIENT_SECRET": SECRET,
        "CASHFREE_GENERAL_CLIENT_ID": CLIENT_ID,
        "CASHFREE_GENERAL_CLIENT_SECRET": SECRET,
        "CONTRACT_MAX_BODY_BYTES": str(CAP),
    }
    prof = Profile("pr", 20261123, max_examples=1, max_time=4, stateful_steps=1)
    examples_only = {
        name: {"enabled": name == "examples"} for name in ("examples", "coverage", "fuzzing", "stateful")
    }
    with hostile(behaviour) as server:
        started = time.monotonic()
        try:
            detected: Detection | None = probe(server.base_url, timeout=1.0)
        except UnreachableError:
            detected = None  # a clear "cannot tell what this is" for the command line (exit 2)
        detection_seconds = time.monotonic() - started
        seen = Detection(False, "a hostile stand-in (detection checked above)")
        target = resolve_target(server.base_url, environ=environ, detect=lambda url: seen)
        peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.monotonic()
        result = runner.run(
            target, prof, progress=None, overrides={"request-timeout": 1, "phases": examples_only}
        )
        written = reports.write_all(result, reports.verdict(result), tmp_path, REDACTOR)
        elapsed = time.monotonic() - started
        peak_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
        witnessed = list(server.witness.seen)
    assert detection_seconds < 2.5
    assert detected is None or not detected.is_fake
    # The engine stops at the bound (one request time-out later at most); GRACE_SECONDS is the hard
    # bound, after which it would be abandoned.
    assert elapsed < prof.max_time + runner.GRACE_SECONDS
    assert result.stop_reason.startswith(("completed", "time bound")), result.stop_reason
    assert peak_growth < SUITE_CEILING_KIB
    assert witnessed == []
    assert result.stop_reason != "crashed"
    check, words = EXPECTED_FINDING[behaviour.name]
    assert any(f.check == check and words in f.title + f.message for f in result.findings), [
        (f.check, f.title, f.message) for f in result.findings
    ]
    for path in written.values():
        _hidden(path.read_text(encoding="utf-8"))
    _hidden(*result.errors, *(f.message + f.title + f.reproduce for f in result.findings))
