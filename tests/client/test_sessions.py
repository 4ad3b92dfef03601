"""Initiate OAuth is not idempotent: a 409 after an attempt that may have landed is AmbiguousSessionError.

An attempt that may have reached the vendor (a read time-out, a dropped connection, a 5xx) can have
created the session before failing; the retry then meets 409 verification_id_already_exists, and the
session_id is lost. An attempt that was never sent (a connect error or time-out) or that the vendor
refused before acting (429) leaves a later 409 a plain conflict. The idempotent operations never turn a
409 ambiguous.
"""

from __future__ import annotations

import httpx
import pytest

from cashfree_oneclick import AmbiguousSessionError, ConflictError, RetryPolicy
from tests.support.client import VERIFICATION_ID, Answer, Script, Step, Twin, success, vendor_error

TAKEN = vendor_error(409, "verification_id_already_exists", ref_id=31)
RETRY = RetryPolicy(max_attempts=3, max_total_seconds=100, random=lambda: 1.0)

MAY_HAVE_LANDED: list[Step] = [
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.ReadError,
    httpx.RemoteProtocolError,
    vendor_error(500, "verification_failed"),
    vendor_error(502, "verification_failed"),
    Answer(503, b"<html>unavailable</html>"),
]
NEVER_SENT: list[Step] = [httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout]


@pytest.mark.parametrize("first", MAY_HAVE_LANDED)
def test_a_409_after_an_attempt_that_may_have_landed_is_ambiguous(twin: Twin, first: Step) -> None:
    script = Script(first, TAKEN)
    error = twin.error(script, "initiate_session", retry=RETRY)

    assert type(error) is AmbiguousSessionError
    assert isinstance(error, ConflictError)  # still caught by code that handles a conflict
    assert error.status == 409
    assert error.code == "verification_id_already_exists"
    assert error.ref_id == "31"
    assert error.attempts == 2
    assert len(script.requests) == 2


def test_the_ambiguous_error_says_the_session_may_exist_and_to_start_over(twin: Twin) -> None:
    error = twin.error(Script(httpx.ReadTimeout, TAKEN), "initiate_session", retry=RETRY)
    text = str(error)

    assert "probably created the session" in text
    assert "session_id is lost" in text
    assert "new verification_id" in text
    assert VERIFICATION_ID not in text  # nothing of the request is echoed


@pytest.mark.parametrize("first", NEVER_SENT)
def test_a_409_after_an_attempt_never_sent_is_a_plain_conflict(twin: Twin, first: Step) -> None:
    script = Script(first, TAKEN)
    error = twin.error(script, "initiate_session", retry=RETRY)

    assert type(error) is ConflictError
    assert error.code == "verification_id_already_exists"
    assert error.attempts == 2


def test_a_409_after_a_rate_limit_is_a_plain_conflict(twin: Twin) -> None:
    # A 429 is the gateway refusing before the vendor acts: nothing can have been created.
    script = Script(vendor_error(429, "too_many_requests_per_operation"), TAKEN)

    assert type(twin.error(script, "initiate_session", retry=RETRY)) is ConflictError


def test_a_409_on_the_first_attempt_is_a_plain_conflict(twin: Twin) -> None:
    script = Script(TAKEN, success("initiate_session"))
    error = twin.error(script, "initiate_session", retry=RETRY)

    assert type(error) is ConflictError
    assert len(script.requests) == 1


def test_once_ambiguous_a_later_never_sent_attempt_keeps_it_ambiguous(twin: Twin) -> None:
    script = Script(httpx.ReadTimeout, httpx.ConnectError, TAKEN)

    assert type(twin.error(script, "initiate_session", retry=RETRY)) is AmbiguousSessionError


def test_a_409_with_another_code_is_a_plain_conflict(twin: Twin) -> None:
    script = Script(httpx.ReadTimeout, vendor_error(409, "some_other_conflict"))

    assert type(twin.error(script, "initiate_session", retry=RETRY)) is ConflictError


@pytest.mark.parametrize("method", ["data_availability", "generate_token"])
def test_idempotent_operations_never_turn_a_409_ambiguous(twin: Twin, method: str) -> None:
    script = Script(httpx.ReadTimeout, vendor_error(500, "x"), TAKEN)

    assert type(twin.error(script, method, retry=RETRY)) is ConflictError


def test_a_session_retried_after_a_time_out_can_still_succeed(twin: Twin) -> None:
    script = Script(httpx.ReadTimeout, success("initiate_session"))
    session = twin.call(script, "initiate_session", retry=RETRY)

    assert session.session_id == "session_scripted"
    # the retry sends the same verification_id: the vendor is the one to say whether it was taken
    assert script.requests[0].content == script.requests[1].content
