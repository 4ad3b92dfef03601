"""What is retried, how many times, and how long the client waits in between (a recording sleep).

429, 5xx and transport errors are retried up to ``RetryPolicy.max_attempts`` and then raised with
``attempts`` set; every other 4xx is sent exactly once. With ``random=lambda: 1.0`` the jittered
backoff is its ceiling, ``initial * 2**(n-1)`` capped at ``max_backoff``; a server's ``Retry-After``
(seconds or HTTP date) or ``X-RateLimit-Reset`` replaces it, capped at ``max_server_wait``; and no wait
that would overrun ``max_total_seconds`` is started.
"""

from __future__ import annotations

import email.utils
import time

import httpx
import pytest

from cashfree_oneclick import (
    CashfreeError,
    RateLimitedError,
    RetryPolicy,
    ServerError,
    TransportError,
)
from tests.support.client import Answer, Script, Step, Twin, success, vendor_error


def policy(**changes: float) -> RetryPolicy:
    """No jitter (random() is 1.0), a generous total-time bound unless the test sets one."""
    options: dict[str, float] = {"max_attempts": 4, "max_total_seconds": 1000.0}
    options.update(changes)
    attempts = int(options.pop("max_attempts"))
    return RetryPolicy(max_attempts=attempts, random=lambda: 1.0, **options)


RETRYABLE: list[tuple[Step, type[CashfreeError]]] = [
    (vendor_error(429, "too_many_requests_per_operation"), RateLimitedError),
    (vendor_error(500, "verification_failed"), ServerError),
    (vendor_error(502, "verification_failed"), ServerError),
    (Answer(504, b"<html>gateway time-out</html>"), ServerError),
    (httpx.ConnectError, TransportError),
    (httpx.ReadTimeout, TransportError),
    (httpx.RemoteProtocolError, TransportError),
]


@pytest.mark.parametrize(("step", "error_class"), RETRYABLE)
@pytest.mark.parametrize("max_attempts", [1, 3])
def test_retryable_failures_are_tried_max_attempts_times(
    twin: Twin, step: Step, error_class: type[CashfreeError], max_attempts: int
) -> None:
    script = Script(step)
    error = twin.error(script, "data_availability", retry=policy(max_attempts=max_attempts))

    assert type(error) is error_class
    assert error.attempts == max_attempts
    assert len(script.requests) == max_attempts
    assert len(twin.sleeps) == max_attempts - 1
    if max_attempts > 1:
        assert f"after {max_attempts} attempts" in str(error)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 418, 422])
def test_other_client_errors_are_sent_exactly_once(twin: Twin, status: int) -> None:
    script = Script(vendor_error(status, "some_code"), success("initiate_session"))
    error = twin.error(script, "initiate_session", retry=policy(max_attempts=5))

    assert error.status == status
    assert error.attempts == 1
    assert len(script.requests) == 1
    assert twin.sleeps == []


def test_a_retry_that_succeeds_returns_the_model(twin: Twin) -> None:
    script = Script(httpx.ConnectError, vendor_error(503, "x"), success("data_availability"))
    result = twin.call(script, "data_availability", retry=policy())

    assert result.reference_id == 11
    assert len(script.requests) == 3
    # every attempt is a full request: same body, same credentials
    assert len({request.content for request in script.requests}) == 1
    assert {request.headers["x-client-id"] for request in script.requests} == {"general-client-id-Tq4"}


def test_backoff_doubles_from_initial_and_is_capped(twin: Twin) -> None:
    script = Script(vendor_error(500, "verification_failed"))
    twin.error(
        script, "fetch_user_details", retry=policy(max_attempts=7, initial_backoff=0.5, max_backoff=5.0)
    )

    assert twin.sleeps == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0]


def test_backoff_is_jittered_by_the_random_source(twin: Twin) -> None:
    jittered = RetryPolicy(
        max_attempts=4, max_total_seconds=1000, initial_backoff=1.0, max_backoff=8.0, random=lambda: 0.25
    )
    twin.error(Script(httpx.ReadTimeout), "generate_token", retry=jittered)

    assert twin.sleeps == [0.25, 0.5, 1.0]


def test_retry_after_seconds_is_the_wait(twin: Twin) -> None:
    script = Script(vendor_error(429, "x", headers={"Retry-After": "7"}), success("generate_token"))
    twin.call(script, "generate_token", retry=policy())

    assert twin.sleeps == [7.0]
    assert len(script.requests) == 2


def test_retry_after_http_date_is_the_wait(twin: Twin) -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)  # whole seconds: up to 1 s earlier
    script = Script(vendor_error(429, "x", headers={"Retry-After": when}), success("generate_token"))
    twin.call(script, "generate_token", retry=policy())

    assert len(twin.sleeps) == 1
    assert 28.0 < twin.sleeps[0] <= 30.0


def test_retry_after_http_date_is_capped_by_max_server_wait(twin: Twin) -> None:
    when = email.utils.formatdate(time.time() + 3600, usegmt=True)
    script = Script(vendor_error(429, "x", headers={"Retry-After": when}), success("generate_token"))
    twin.call(script, "generate_token", retry=policy(max_server_wait=12.0))

    assert twin.sleeps == [12.0]


def test_x_ratelimit_reset_is_the_wait(twin: Twin) -> None:
    headers = {"X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "4"}
    script = Script(vendor_error(429, "x", headers=headers), success("data_availability"))
    twin.call(script, "data_availability", retry=policy())

    assert twin.sleeps == [4.0]


def test_a_server_wait_is_capped_by_max_server_wait(twin: Twin) -> None:
    script = Script(vendor_error(429, "x", headers={"Retry-After": "100"}), success("data_availability"))
    twin.call(script, "data_availability", retry=policy(max_server_wait=9.0))

    assert twin.sleeps == [9.0]


def test_a_wait_that_would_overrun_the_total_time_is_not_started(twin: Twin) -> None:
    script = Script(vendor_error(429, "x", headers={"Retry-After": "10"}), success("data_availability"))
    error = twin.error(script, "data_availability", retry=policy(max_total_seconds=3.0))

    assert isinstance(error, RateLimitedError)
    assert error.retry_after == 10.0
    assert error.attempts == 1
    assert len(script.requests) == 1
    assert twin.sleeps == []


def test_a_backoff_that_would_overrun_the_total_time_is_not_started(twin: Twin) -> None:
    script = Script(vendor_error(500, "x"))
    bounded = policy(max_attempts=10, initial_backoff=1.0, max_backoff=64.0, max_total_seconds=6.0)
    error = twin.error(script, "data_availability", retry=bounded)

    # waits 1, 2, 4 each fit within 6 s of (real, near-zero) elapsed time; the next one, 8, does not
    assert twin.sleeps == [1.0, 2.0, 4.0]
    assert error.attempts == 4


def test_the_default_policy_is_bounded() -> None:
    default = RetryPolicy()

    assert default.max_attempts == 4
    assert default.max_total_seconds == 30.0
    assert default.max_server_wait == 60.0
    assert 0.0 <= default.backoff(1) <= default.initial_backoff
    assert default.backoff(50) <= default.max_backoff


@pytest.mark.parametrize(
    "changes",
    [{"max_attempts": 0}, {"max_total_seconds": 0}, {"initial_backoff": -1.0}, {"max_backoff": 0.1}],
)
def test_an_impossible_policy_is_refused(changes: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must"):
        RetryPolicy(**changes)  # type: ignore[arg-type]
