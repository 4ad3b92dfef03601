"""Which credentials go on which request, and what is refused before anything is sent.

Data availability carries the merchant's general pair, Initiate OAuth and generate-token the 1-Click
app pair, Fetch User Details only ``Authorization: Bearer <token>``; every call sends ``x-api-version``.
A missing pair (MissingCredentialsError, a ValueError) and arguments that break a documented rule
(ValueError) are raised with zero requests sent.
"""

from __future__ import annotations

import json

import pytest

from cashfree_oneclick import MissingCredentialsError
from tests.support.client import (
    APP_ID,
    APP_SECRET,
    ARGUMENTS,
    GENERAL_ID,
    GENERAL_SECRET,
    MOBILE,
    PATHS,
    VERIFICATION_ID,
    Script,
    Twin,
    success,
)

CLIENT_HEADERS = ("x-client-id", "x-client-secret")


@pytest.mark.parametrize(
    ("method", "pair"),
    [
        ("data_availability", (GENERAL_ID, GENERAL_SECRET)),
        ("initiate_session", (APP_ID, APP_SECRET)),
        ("generate_token", (APP_ID, APP_SECRET)),
    ],
)
def test_api_key_operations_send_their_pair_and_no_bearer(
    twin: Twin, method: str, pair: tuple[str, str]
) -> None:
    script = Script(success(method))
    twin.call(script, method)

    (request,) = script.requests
    assert request.method == "POST"
    assert request.url.path == PATHS[method]
    assert (request.headers["x-client-id"], request.headers["x-client-secret"]) == pair
    assert "authorization" not in request.headers


def test_user_details_sends_only_the_bearer_token(twin: Twin) -> None:
    script = Script(success("fetch_user_details"))
    twin.call(script, "fetch_user_details", "the-access-token")

    (request,) = script.requests
    assert request.method == "GET"
    assert request.url.path == PATHS["fetch_user_details"]
    assert request.headers["authorization"] == "Bearer the-access-token"
    assert not any(header in request.headers for header in CLIENT_HEADERS)
    assert request.content == b""


@pytest.mark.parametrize("method", ARGUMENTS)
def test_every_call_sends_the_configured_api_version(twin: Twin, method: str) -> None:
    script = Script(success(method))
    twin.call(script, method, api_version="2024-12-17")

    assert script.requests[0].headers["x-api-version"] == "2024-12-17"


def test_request_bodies_are_as_documented(twin: Twin) -> None:
    # Each call gets its own success body: the client parses each answer, and the flow's fields are required.
    script = Script(success("data_availability"), success("initiate_session"), success("generate_token"))
    twin.call(script, "data_availability")
    twin.call(script, "initiate_session")
    twin.call(script, "generate_token", "code-1")

    availability, session, token = (json.loads(r.content) for r in script.requests)
    user = {"identifier_type": "MOBILE", "identifier_value": MOBILE}
    assert availability == {"verification_id": VERIFICATION_ID, "user": [user]}  # a list here
    assert session == {"verification_id": VERIFICATION_ID, "user": user}  # an object here
    assert token == {"auth_code": "code-1"}
    assert all(r.headers["content-type"] == "application/json" for r in script.requests)


@pytest.mark.parametrize(
    ("method", "missing"),
    [
        ("data_availability", "general"),
        ("initiate_session", "app"),
        ("generate_token", "app"),
    ],
)
def test_a_missing_pair_is_refused_before_any_request(twin: Twin, method: str, missing: str) -> None:
    script = Script(success(method))
    unset = {f"{missing}_client_id": None, f"{missing}_client_secret": None}

    with pytest.raises(MissingCredentialsError, match="pair") as caught:
        twin.call(script, method, **unset)

    assert isinstance(caught.value, ValueError)
    assert script.requests == []


def test_user_details_needs_no_pair(twin: Twin) -> None:
    script = Script(success("fetch_user_details"))
    no_pairs = {
        "app_client_id": None,
        "app_client_secret": None,
        "general_client_id": None,
        "general_client_secret": None,
    }
    twin.call(script, "fetch_user_details", **no_pairs)

    assert len(script.requests) == 1


BAD_VERIFICATION_IDS = ["", "x" * 51, "has space", "slash/id", "ümlaut", "tab\tid", "new\nline"]
BAD_MOBILES = ["", "987654321", "98765432101", "+919876543210", "919876543210", "98765 43210", "98765-4321"]


@pytest.mark.parametrize("method", ["data_availability", "initiate_session"])
@pytest.mark.parametrize("verification_id", BAD_VERIFICATION_IDS)
def test_a_bad_verification_id_is_refused_before_sending(
    twin: Twin, method: str, verification_id: str
) -> None:
    script = Script(success(method))

    with pytest.raises(ValueError, match="verification_id"):
        twin.call(script, method, verification_id, MOBILE)

    assert script.requests == []


@pytest.mark.parametrize("verification_id", ["x" * 50, "a", "A.b-c_9"])
def test_a_valid_verification_id_is_sent(twin: Twin, verification_id: str) -> None:
    script = Script(success("initiate_session"))
    twin.call(script, "initiate_session", verification_id, MOBILE)

    assert json.loads(script.requests[0].content)["verification_id"] == verification_id


@pytest.mark.parametrize("method", ["data_availability", "initiate_session"])
@pytest.mark.parametrize("mobile", BAD_MOBILES)
def test_a_bad_mobile_is_refused_before_sending(twin: Twin, method: str, mobile: str) -> None:
    script = Script(success(method))

    with pytest.raises(ValueError, match="10-digit") as caught:
        twin.call(script, method, VERIFICATION_ID, mobile)

    assert script.requests == []
    if mobile:
        assert mobile not in str(caught.value)  # personal data is never echoed


@pytest.mark.parametrize(
    ("method", "name"), [("generate_token", "auth_code"), ("fetch_user_details", "access_token")]
)
@pytest.mark.parametrize("value", ["", "   "])
def test_an_empty_code_or_token_is_refused_before_sending(
    twin: Twin, method: str, name: str, value: str
) -> None:
    script = Script(success(method))

    with pytest.raises(ValueError, match=name):
        twin.call(script, method, value)

    assert script.requests == []
