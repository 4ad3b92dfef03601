"""Client credentials: which pair opens which operation, and the documented answers when they do not.

The vendor documents two pairs: the merchant's general Verification keys for data availability, the
1-Click app's keys for session and generate-token. Missing headers are 400 (not 401); a pair the
operation does not accept is 401 authentication_failed. User details takes a bearer token only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping

import httpx
import pytest

from cashfree_oneclick.fake import (
    TEST_APP_CLIENT_ID,
    TEST_APP_CLIENT_SECRET,
    TEST_GENERAL_CLIENT_ID,
    TEST_GENERAL_CLIENT_SECRET,
    FakeCashfree,
    FakeConfig,
)
from cashfree_oneclick.version import API_VERSION
from tests.support.fake_bundle import assert_error, assert_matches
from tests.support.fake_flow import APP_HEADERS, GENERAL_HEADERS, FlowClient, in_process

pytestmark = pytest.mark.anyio

GENERAL = (TEST_GENERAL_CLIENT_ID, TEST_GENERAL_CLIENT_SECRET)
APP = (TEST_APP_CLIENT_ID, TEST_APP_CLIENT_SECRET)
UNAUTHORIZED = ("authentication_failed", "Invalid clientId and clientSecret combination")
ID_MISSING = ("x-client-id_missing", "x-client-id is missing in the request.")
SECRET_MISSING = ("x-client-secret_missing", "x-client-secret is missing in the request.")
# operationId -> the pair it accepts
ACCEPTS = {
    "VrsUserVaultDataAvailability": GENERAL,
    "VrsUserVaultOauthInitiation": APP,
    "VrsUserVaultOauthGenerateToken": APP,
}


@pytest.fixture
async def fake(make_app: Callable[..., FakeCashfree]) -> AsyncIterator[FlowClient]:
    async with in_process(make_app()) as client:
        yield client


def pair(client_id: str | None, secret: str | None) -> dict[str, str]:
    headers = {"x-api-version": API_VERSION}
    if client_id is not None:
        headers["x-client-id"] = client_id
    if secret is not None:
        headers["x-client-secret"] = secret
    return headers


async def call(fake: FlowClient, operation_id: str, headers: Mapping[str, str]) -> httpx.Response:
    """One request of ``operation_id`` with ``headers``; a valid auth code for generate-token."""
    if operation_id == "VrsUserVaultDataAvailability":
        return await fake.data_availability(headers=headers)
    if operation_id == "VrsUserVaultOauthInitiation":
        return await fake.session(headers=headers)
    session_id = (await fake.session()).json()["session_id"]
    code = (await fake.consent(session_id)).json()["auth_code"]
    return await fake.generate_token(code, headers=headers)


@pytest.mark.parametrize("operation_id", ACCEPTS)
async def test_the_documented_pair_is_accepted(fake: FlowClient, operation_id: str) -> None:
    assert_matches(await call(fake, operation_id, pair(*ACCEPTS[operation_id])), operation_id)


@pytest.mark.parametrize("operation_id", ACCEPTS)
async def test_the_other_pair_is_refused(fake: FlowClient, operation_id: str) -> None:
    other = APP if ACCEPTS[operation_id] == GENERAL else GENERAL
    response = await call(fake, operation_id, pair(*other))
    assert_matches(response, operation_id, 401)
    assert_error(response, 401, *UNAUTHORIZED)


@pytest.mark.parametrize("operation_id", ACCEPTS)
@pytest.mark.parametrize(
    "mix",
    [
        pytest.param(lambda i, s: (i, "wrong-secret"), id="wrong-secret"),
        pytest.param(lambda i, s: ("unknown-client", s), id="unknown-id"),
        pytest.param(lambda i, s: (i, s.upper()), id="secret-case-changed"),
        pytest.param(lambda i, s: (i, s + " "), id="secret-trailing-space"),
        pytest.param(lambda i, s: (i, s[:-1]), id="secret-truncated"),
        pytest.param(lambda i, s: (s, i), id="swapped"),
    ],
)
async def test_a_wrong_pair_is_401(
    fake: FlowClient, operation_id: str, mix: Callable[[str, str], tuple[str, str]]
) -> None:
    response = await call(fake, operation_id, pair(*mix(*ACCEPTS[operation_id])))
    assert_error(response, 401, *UNAUTHORIZED)


REAL = "<the operation's own value>"


@pytest.mark.parametrize("operation_id", ACCEPTS)
@pytest.mark.parametrize(
    ("client_id", "secret", "expected"),
    [
        pytest.param(None, REAL, ID_MISSING, id="no-id"),
        pytest.param("", REAL, ID_MISSING, id="empty-id"),
        pytest.param(REAL, None, SECRET_MISSING, id="no-secret"),
        pytest.param(REAL, "", SECRET_MISSING, id="empty-secret"),
        pytest.param(None, None, ID_MISSING, id="neither"),
        pytest.param(None, "wrong", ID_MISSING, id="no-id-wrong-secret"),
    ],
)
async def test_missing_headers_are_400(
    fake: FlowClient, operation_id: str, client_id: str | None, secret: str | None, expected: tuple[str, str]
) -> None:
    real_id, real_secret = ACCEPTS[operation_id]
    headers = pair(real_id if client_id == REAL else client_id, real_secret if secret == REAL else secret)
    response = await call(fake, operation_id, headers)
    assert_matches(response, operation_id, 400)
    assert_error(response, 400, *expected)


async def test_configured_pairs_replace_the_test_pairs(make_app: Callable[..., FakeCashfree]) -> None:
    config = FakeConfig(
        app_credentials={"app-1": "app-secret-1", "app-2": "app-secret-2"},
        general_credentials={"general-1": "general-secret-1"},
    )
    async with in_process(make_app(config)) as fake:
        assert (await fake.session(headers=pair("app-2", "app-secret-2"))).status_code == 200
        assert (await fake.session(headers=pair("app-1", "app-secret-2"))).status_code == 401
        assert (await fake.session(headers=APP_HEADERS)).status_code == 401
        assert (
            await fake.data_availability(headers=pair("general-1", "general-secret-1"))
        ).status_code == 200
        assert (await fake.data_availability(headers=GENERAL_HEADERS)).status_code == 401


async def test_user_details_takes_the_bearer_token_only(fake: FlowClient) -> None:
    granted = await fake.grant()
    with_client_pair = {**APP_HEADERS, "Authorization": f"Bearer {granted.access_token}"}
    ok = await fake.http.get("/oauth2/user-details", headers=with_client_pair)
    assert ok.status_code == 200
    client_pair_only = await fake.http.get("/oauth2/user-details", headers=dict(APP_HEADERS))
    assert_error(client_pair_only, 400, "access_token_missing")


async def test_consent_step_needs_no_client_pair(fake: FlowClient) -> None:
    """The fake's consent stands in for the user in the SDK: no merchant credentials are involved."""
    session_id = (await fake.session()).json()["session_id"]
    response = await fake.http.post(f"/__fake__/sessions/{session_id}/consent", json={"decision": "GRANTED"})
    assert_matches(response, "FakeGiveConsent")


async def test_ip_allowlist_guards_data_availability_only(make_app: Callable[..., FakeCashfree]) -> None:
    """The vendor checks the caller's IP on data availability; the 403 names the caller's own IP."""
    app = make_app(FakeConfig(ip_allowlist=frozenset({"10.0.0.1"})))
    async with in_process(app, "10.0.0.1") as allowed, in_process(app, "10.9.8.7") as other:
        assert_matches(await allowed.data_availability(), "VrsUserVaultDataAvailability")
        refused = await other.data_availability()
        wrong_pair_too = await other.data_availability(headers=APP_HEADERS)
        session = await other.session()
    assert_matches(refused, "VrsUserVaultDataAvailability", 403)
    assert refused.json() == {
        "type": "authentication_error",
        "code": "ip_validation_failed",
        "message": "IP not whitelisted, your current IP is 10.9.8.7",
    }
    assert_error(wrong_pair_too, 401, *UNAUTHORIZED)  # credentials are checked before the IP
    assert session.status_code == 200
