"""Every answer other than a success raises its error of the tree, carrying what the vendor said.

Through ``httpx.MockTransport`` on both clients (the ``twin`` fixture), with no retry (max_attempts 1)
so each scripted answer is the one raised: the class by status, status/type/code/message/ref_id from
the body, the request id from ``x-request-id``, the raw ``httpx.Response`` as ``error.response`` (None
when there was no answer), and a ``str``/``repr`` that never shows a credential.
"""

from __future__ import annotations

import httpx
import pytest

from cashfree_oneclick import (
    AuthenticationError,
    CashfreeError,
    ConflictError,
    ForbiddenError,
    InsufficientBalanceError,
    InvalidRequestError,
    MalformedResponseError,
    RateLimitedError,
    RetryPolicy,
    ServerError,
    TransportError,
    UndocumentedStatusError,
)
from tests.support.client import METHODS, SECRETS, Answer, Script, Twin, success, vendor_error

ONCE = RetryPolicy(max_attempts=1)

BY_STATUS = [
    (400, "verification_id_value_invalid", InvalidRequestError),
    (401, "authentication_failed", AuthenticationError),
    (403, "ip_validation_failed", ForbiddenError),
    (409, "verification_id_already_exists", ConflictError),
    (422, "insufficient_balance", InsufficientBalanceError),
    (429, "too_many_requests_per_operation", RateLimitedError),
    (500, "verification_failed", ServerError),
    (502, "verification_failed", ServerError),
    (503, "service_unavailable", ServerError),
    (418, "teapot", UndocumentedStatusError),
    (404, "path_not_found", UndocumentedStatusError),
]


@pytest.mark.parametrize(("status", "code", "error_class"), BY_STATUS)
def test_each_status_raises_its_error_with_the_vendor_details(
    twin: Twin, status: int, code: str, error_class: type[CashfreeError]
) -> None:
    script = Script(vendor_error(status, code, ref_id=4711, headers={"x-request-id": "req-abc-123"}))
    error = twin.error(script, "data_availability", retry=ONCE)

    assert type(error) is error_class
    assert error.status == status
    assert error.type == "validation_error"
    assert error.code == code
    assert error.message == f"message of {code}"
    assert error.ref_id == "4711"
    assert error.request_id == "req-abc-123"
    assert error.operation == "VrsUserVaultDataAvailability"
    assert error.attempts == 1
    assert isinstance(error.response, httpx.Response)
    assert error.response.status_code == status
    assert error.response.json()["code"] == code
    assert len(script.requests) == 1
    for shown in (code, "4711", "req-abc-123"):
        assert shown in str(error)


def test_rate_limited_error_carries_retry_after(twin: Twin) -> None:
    answer = vendor_error(429, "too_many_requests_per_ip", headers={"Retry-After": "17"})
    error = twin.error(Script(answer), "fetch_user_details", retry=ONCE)

    assert isinstance(error, RateLimitedError)
    assert error.retry_after == 17.0


def test_rate_limited_error_without_a_wait_has_no_retry_after(twin: Twin) -> None:
    error = twin.error(Script(vendor_error(429, "too_many_requests_per_ip")), "generate_token", retry=ONCE)

    assert isinstance(error, RateLimitedError)
    assert error.retry_after is None


def test_an_error_body_without_details_still_raises_by_status(twin: Twin) -> None:
    error = twin.error(Script(Answer(401, {})), "initiate_session", retry=ONCE)

    assert type(error) is AuthenticationError
    assert (error.type, error.code, error.ref_id, error.request_id) == (None, None, None, None)
    assert error.message == "HTTP 401"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"<html>Bad Gateway</html>", id="html"),
        pytest.param(b"", id="empty"),
        pytest.param(b'["not", "an", "object"]', id="array"),
    ],
)
@pytest.mark.parametrize("status", [429, 500, 502, 520])
def test_a_429_or_5xx_without_vendor_json_is_still_classified_by_status(
    twin: Twin, status: int, body: bytes
) -> None:
    # A gateway's HTML page is no vendor JSON; it is still a 5xx/429, retried as such (520: Cloudflare).
    error = twin.error(Script(Answer(status, body)), "data_availability", retry=ONCE)

    assert isinstance(error, RateLimitedError if status == 429 else ServerError)
    assert error.status == status
    assert error.code is None
    assert error.response is not None
    assert error.response.content == body


@pytest.mark.parametrize(
    ("method", "body"),
    [
        pytest.param("data_availability", b"<html>ok</html>", id="not-json"),
        pytest.param("data_availability", b"[]", id="array"),
        pytest.param("data_availability", b'{"available_scopes": "PAN"}', id="scopes-a-string"),
        pytest.param("initiate_session", b'"session"', id="json-string"),
        pytest.param("generate_token", b"{", id="truncated"),
        pytest.param("fetch_user_details", b'{"scopes": [{"scope": "PAN", "records": 7}]}', id="records"),
    ],
)
def test_a_success_with_a_body_not_as_documented_is_malformed(twin: Twin, method: str, body: bytes) -> None:
    script = Script(Answer(200, body))
    error = twin.error(script, method)

    assert type(error) is MalformedResponseError
    assert error.status == 200
    assert error.attempts == 1
    assert len(script.requests) == 1  # a malformed answer is not retried
    assert error.response is not None
    assert error.response.content == body


def test_no_answer_is_a_transport_error_without_response(twin: Twin) -> None:
    error = twin.error(Script(httpx.ConnectError), "generate_token", retry=ONCE)

    assert type(error) is TransportError
    assert error.response is None
    assert error.status is None
    assert error.operation == "VrsUserVaultOauthGenerateToken"
    assert "ConnectError" in str(error)


def test_a_time_out_says_so(twin: Twin) -> None:
    error = twin.error(Script(httpx.ReadTimeout), "fetch_user_details", retry=ONCE)

    assert type(error) is TransportError
    assert "timed out" in str(error)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    "step",
    [
        vendor_error(400, "x"),
        vendor_error(401, "authentication_failed"),
        vendor_error(429, "y", headers={"Retry-After": "1"}),
        vendor_error(500, "z"),
        Answer(418, b"teapot"),
        Answer(200, b"[]"),
        httpx.ReadTimeout,
    ],
    ids=["400", "401", "429", "500", "418", "malformed", "timeout"],
)
def test_no_error_text_shows_a_secret_or_the_token(
    twin: Twin, method: str, step: Answer | type[httpx.TransportError]
) -> None:
    error = twin.error(Script(step), method, retry=ONCE)

    for text in (str(error), repr(error), str(error.args)):
        for secret in SECRETS:
            assert secret not in text


def test_the_raw_response_keeps_the_request_for_debugging(twin: Twin) -> None:
    error = twin.error(Script(vendor_error(400, "auth_code_value_invalid")), "generate_token", retry=ONCE)

    assert error.response is not None
    assert error.response.request.url.path == "/verification/oauth2/generate-token"


def test_a_success_is_returned_not_raised(twin: Twin) -> None:
    result = twin.call(Script(success("generate_token")), "generate_token")

    assert result.access_token == success("generate_token").body["access_token"]
