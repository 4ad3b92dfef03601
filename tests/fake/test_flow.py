"""The whole flow: data availability -> session -> consent -> generate-token -> user-details.

In-process and over real HTTP, every answer checked against the contract-fake bundle's response
schemas; then the documented (and the fake's own) validity windows on a moved clock.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from cashfree_oneclick.fake import FakeCashfree, FakeConfig
from cashfree_oneclick.fake.people import person_for
from tests.support.fake_bundle import assert_error, assert_matches, documented_scopes
from tests.support.fake_flow import (
    MOBILE,
    START,
    FakeClock,
    FlowClient,
    LiveServer,
    in_process,
    new_verification_id,
    over_http,
)

pytestmark = pytest.mark.anyio


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest) -> str:
    """Every rule here holds on both state stores (Redis: a real redis-server, a fresh key prefix)."""
    param: str = request.param
    return param


ONE_HOUR = 3600
EXPIRY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")
GRANTS = [
    pytest.param(None, id="all-scopes"),
    pytest.param(("PAN", "NAME", "BANK_ACCOUNT"), id="subset"),
    pytest.param(("MOBILE",), id="one-scope"),
]


def utc(timestamp: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp))


async def run_flow(fake: FlowClient, mobile: str, scopes: Sequence[str] | None) -> dict[str, Any]:
    """Drive the five steps; check each answer against the bundle; return the user details."""
    verification_id = new_verification_id()
    user = {"identifier_type": "MOBILE", "identifier_value": mobile}

    available = assert_matches(
        await fake.data_availability(mobile, verification_id), "VrsUserVaultDataAvailability"
    )
    assert available["verification_id"] == verification_id
    assert available["user"] == [user]
    assert sorted(s["scope"] for s in available["available_scopes"]) == sorted(documented_scopes())

    session = assert_matches(await fake.session(mobile, verification_id), "VrsUserVaultOauthInitiation")
    assert session["verification_id"] == verification_id
    assert session["user"] == user
    assert EXPIRY.match(session["expiry"])

    consent = assert_matches(await fake.consent(session["session_id"], "GRANTED", scopes), "FakeGiveConsent")
    assert consent["status"] == "SUCCESS"
    assert consent["verification_id"] == verification_id
    assert consent["auth_code"]

    token = assert_matches(await fake.generate_token(consent["auth_code"]), "VrsUserVaultOauthGenerateToken")
    assert token["verification_id"] == verification_id
    assert EXPIRY.match(token["expiry"])

    details: dict[str, Any] = assert_matches(
        await fake.user_details(token["access_token"]), "VrsUserVaultFetchDetailsFromAccessToken"
    )
    assert details["verification_id"] == verification_id
    granted = documented_scopes() if scopes is None else scopes
    returned = [entry["scope"] for entry in details["scopes"]]
    assert sorted(returned) == sorted(granted), "user details must return exactly the granted scopes"
    return details


def metadata(details: dict[str, Any], scope: str) -> dict[str, Any]:
    entry = next(e for e in details["scopes"] if e["scope"] == scope)
    assert len(entry["records"]) == 1
    record: dict[str, Any] = entry["records"][0]["metadata"]
    return record


@pytest.mark.parametrize("scopes", GRANTS)
async def test_flow_in_process(make_app: Callable[..., FakeCashfree], scopes: Sequence[str] | None) -> None:
    async with in_process(make_app()) as fake:
        details = await run_flow(fake, MOBILE, scopes)
    person = person_for(MOBILE)
    if scopes is None or "MOBILE" in scopes:
        assert metadata(details, "MOBILE") == {"mobile": MOBILE}
    if scopes is None or "PAN" in scopes:
        assert metadata(details, "PAN")["pan"] == person.pan
        assert metadata(details, "NAME") == {"name": person.name}


@pytest.mark.parametrize("scopes", GRANTS)
async def test_flow_over_real_http(live_server: LiveServer, scopes: Sequence[str] | None) -> None:
    async with over_http(live_server) as fake:
        details = await run_flow(fake, "9123456780", scopes)
    if scopes is None:
        assert metadata(details, "MOBILE") == {"mobile": "9123456780"}


async def test_expiry_texts_follow_the_clock(make_app: Callable[..., FakeCashfree], clock: FakeClock) -> None:
    async with in_process(make_app()) as fake:
        session = (await fake.session()).json()
        assert session["expiry"] == utc(START + ONE_HOUR) == "2026-01-01T01:00:00Z"
        clock.advance(600)
        code = (await fake.consent(session["session_id"])).json()["auth_code"]
        token = (await fake.generate_token(code)).json()
        assert token["expiry"] == utc(START + 600 + ONE_HOUR)


@pytest.mark.parametrize(("elapsed", "open_"), [(3599, True), (3600, False), (3601, False)])
async def test_session_is_valid_one_hour(
    make_app: Callable[..., FakeCashfree], clock: FakeClock, elapsed: int, open_: bool
) -> None:
    async with in_process(make_app()) as fake:
        session_id = (await fake.session()).json()["session_id"]
        clock.advance(elapsed)
        response = await fake.consent(session_id)
    if open_:
        assert_matches(response, "FakeGiveConsent")
    else:
        assert_matches(response, "FakeGiveConsent", 404)
        assert_error(response, 404, "session_id_value_invalid")


async def test_consent_is_recorded_once(make_app: Callable[..., FakeCashfree]) -> None:
    async with in_process(make_app()) as fake:
        session_id = (await fake.session()).json()["session_id"]
        assert (await fake.consent(session_id, "DENIED")).json()["status"] == "ERROR"
        again = await fake.consent(session_id, "GRANTED")
    assert_matches(again, "FakeGiveConsent", 409)
    assert_error(again, 409, "consent_already_given")


async def test_auth_code_is_single_use(make_app: Callable[..., FakeCashfree]) -> None:
    async with in_process(make_app()) as fake:
        session_id = (await fake.session()).json()["session_id"]
        code = (await fake.consent(session_id)).json()["auth_code"]
        first = await fake.generate_token(code)
        second = await fake.generate_token(code)
        details = await fake.user_details(first.json()["access_token"])
    assert_matches(first, "VrsUserVaultOauthGenerateToken")
    assert_error(second, 400, "auth_code_value_invalid", "auth_code should be valid.")
    assert details.status_code == 200, "the token of the first exchange stays valid"


@pytest.mark.parametrize(("ttl", "elapsed", "valid"), [(300, 299, True), (300, 300, False), (60, 61, False)])
async def test_auth_code_is_short_lived(
    make_app: Callable[..., FakeCashfree], clock: FakeClock, ttl: float, elapsed: float, valid: bool
) -> None:
    async with in_process(make_app(FakeConfig(auth_code_ttl=ttl))) as fake:
        session_id = (await fake.session()).json()["session_id"]
        code = (await fake.consent(session_id)).json()["auth_code"]
        clock.advance(elapsed)
        response = await fake.generate_token(code)
    if valid:
        assert_matches(response, "VrsUserVaultOauthGenerateToken")
    else:
        assert_error(response, 400, "auth_code_value_invalid", "auth_code should be valid.")


@pytest.mark.parametrize(("elapsed", "valid"), [(3599, True), (3600, False), (3601, False)])
async def test_access_token_is_valid_one_hour(
    make_app: Callable[..., FakeCashfree], clock: FakeClock, elapsed: int, valid: bool
) -> None:
    async with in_process(make_app()) as fake:
        granted = await fake.grant()
        # A first call puts the answer in the fake's cache; expiry must still be checked on the next one.
        assert (await fake.user_details(granted.access_token)).status_code == 200
        clock.advance(elapsed)
        response = await fake.user_details(granted.access_token)
    if valid:
        assert_matches(response, "VrsUserVaultFetchDetailsFromAccessToken")
    else:
        assert_error(response, 400, "access_token_value_invalid", "access_token should be valid.")


async def test_token_outlives_its_session_even_after_a_purge(
    make_app: Callable[..., FakeCashfree], clock: FakeClock
) -> None:
    """Consent at the end of the session's hour, code redeemed late: the token still has its own hour,
    even once the fake purges expired sessions (every 1024 new sessions)."""
    app = make_app()
    async with in_process(app) as fake:
        session_id = (await fake.session()).json()["session_id"]
        clock.advance(ONE_HOUR - 1)
        code = (await fake.consent(session_id)).json()["auth_code"]
        clock.advance(299)
        token = (await fake.generate_token(code)).json()["access_token"]
        clock.advance(ONE_HOUR - 100)
        for _ in range(1024):  # enough new sessions to trigger the purge
            await app.state.create_session(new_verification_id(), MOBILE, clock())
        response = await fake.user_details(token)
    assert_matches(response, "VrsUserVaultFetchDetailsFromAccessToken")


async def test_time_travel_expires_the_session(make_app: Callable[..., FakeCashfree]) -> None:
    """The clock offset lives in the store (on Redis: shared by every worker), and expiry follows it."""
    app = make_app()
    async with in_process(app) as fake:
        session_id = (await fake.session()).json()["session_id"]
        await app.controls.advance(ONE_HOUR)
        response = await fake.consent(session_id)
        offset = await app.state.clock_offset()
    assert offset == ONE_HOUR
    assert_error(response, 404, "session_id_value_invalid")
