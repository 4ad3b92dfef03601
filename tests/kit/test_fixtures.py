"""The pytest plugin's fixtures drive the whole flow, in-process and over HTTP, with every control."""

from __future__ import annotations

import asyncio
import json
from typing import TypeVar

import pytest
from cashfree_oneclick_generated.models import NameScope, PanScope
from cashfree_oneclick_generated.types import Unset

from cashfree_oneclick import (
    ConflictError,
    ForbiddenError,
    InsufficientBalanceError,
    InvalidRequestError,
    RateLimitedError,
    ServerError,
)
from cashfree_oneclick.fake.controls import ConsentRefused, ControlError
from cashfree_oneclick.fake.kit import OneClickFake
from cashfree_oneclick.version import API_VERSION

T = TypeVar("T")

MOBILE = "9999900000"


def given(value: T | Unset) -> T:
    """A field the answer must carry (the generated models type every field as maybe-unset)."""
    assert not isinstance(value, Unset)
    return value


@pytest.fixture(params=["in_process", "server"])
def fake(request: pytest.FixtureRequest) -> OneClickFake:
    name = "oneclick_fake" if request.param == "in_process" else "oneclick_fake_server"
    kit: OneClickFake = request.getfixturevalue(name)
    return kit


def test_whole_flow_with_typed_scopes(fake: OneClickFake) -> None:
    with fake.client() as cf:
        available = cf.data_availability("vid-da-1", MOBILE)
        assert len(given(available.available_scopes)) == 11
        session = cf.initiate_session("vid-1", MOBILE)
        code = fake.approve(given(session.session_id), scopes=["PAN", "NAME"])
        token = cf.generate_token(code)
        details = cf.fetch_user_details(given(token.access_token))
    kinds = sorted(type(scope).__name__ for scope in given(details.scopes))
    assert kinds == [NameScope.__name__, PanScope.__name__]


def test_each_test_starts_fresh_first(fake: OneClickFake) -> None:
    with fake.client() as cf:
        cf.initiate_session("vid-fresh", MOBILE)
    assert [r.operation for r in fake.journal] == ["VrsUserVaultOauthInitiation"]


def test_each_test_starts_fresh_second(fake: OneClickFake) -> None:
    # The same verification_id as the test before: no 409, the journal is empty again.
    assert fake.journal == []
    with fake.client() as cf:
        cf.initiate_session("vid-fresh", MOBILE)
        with pytest.raises(ConflictError):
            cf.initiate_session("vid-fresh", MOBILE)
    assert [r.status for r in fake.journal] == [200, 409]


def test_deny_and_drop(fake: OneClickFake) -> None:
    with fake.client() as cf:
        denied = cf.initiate_session("vid-deny", MOBILE)
        dropped = cf.initiate_session("vid-drop", MOBILE)
    assert fake.deny(given(denied.session_id))["status"] == "ERROR"
    assert fake.drop(given(dropped.session_id))["status"] == "USER_DROPPED"
    with pytest.raises(ControlError) as error:
        fake.approve(given(denied.session_id))
    assert error.value.status == 409


def test_advance_expires_token_code_and_session(fake: OneClickFake) -> None:
    with fake.client() as cf:
        session = cf.initiate_session("vid-time", MOBILE)
        token = cf.generate_token(fake.approve(given(session.session_id)))
        cf.fetch_user_details(given(token.access_token))
        late = cf.initiate_session("vid-late", MOBILE)
        late_code = fake.approve(given(late.session_id))
        fake.advance(3600)
        with pytest.raises(InvalidRequestError) as expired:
            cf.fetch_user_details(given(token.access_token))
        assert expired.value.code == "access_token_value_invalid"
        with pytest.raises(InvalidRequestError):
            cf.generate_token(late_code)
        with pytest.raises(ControlError) as gone:
            fake.approve(given(session.session_id))
        assert gone.value.status == 404


@pytest.mark.parametrize(
    ("operation", "status", "error"),
    [
        ("VrsUserVaultOauthInitiation", 422, InsufficientBalanceError),
        ("VrsUserVaultDataAvailability", 403, ForbiddenError),
    ],
)
def test_scripted_faults_answer_documented_errors(
    oneclick_fake: OneClickFake, operation: str, status: int, error: type[Exception]
) -> None:
    oneclick_fake.fail(operation, status, times=1)
    with oneclick_fake.client() as cf:
        call = cf.initiate_session if operation == "VrsUserVaultOauthInitiation" else cf.data_availability
        with pytest.raises(error):
            call("vid-f", MOBILE)
    assert oneclick_fake.journal[-1].status == status


def test_retries_wait_on_the_fake_clock(oneclick_fake: OneClickFake) -> None:
    oneclick_fake.fail("VrsUserVaultDataAvailability", 429, times=2, retry_after=7)
    before = oneclick_fake.now()
    with oneclick_fake.client() as cf:
        cf.data_availability("vid-r", MOBILE)  # two 429s, retried, then 200
    assert [r.status for r in oneclick_fake.journal] == [429, 429, 200]
    assert oneclick_fake.now() - before >= 14  # both Retry-After waits passed on the fake's clock


def test_5xx_exhausts_retries(oneclick_fake: OneClickFake) -> None:
    oneclick_fake.fail("VrsUserVaultOauthGenerateToken", 500, times=10)
    with oneclick_fake.client() as cf, pytest.raises(ServerError):
        cf.generate_token("whatever")


def test_undocumented_fault_is_refused(oneclick_fake: OneClickFake) -> None:
    with pytest.raises(ControlError, match="documents no 403"):
        oneclick_fake.fail("VrsUserVaultOauthGenerateToken", 403)


def test_personas(oneclick_fake: OneClickFake) -> None:
    oneclick_fake.person("business_pan", mobile=MOBILE)
    oneclick_fake.person("scopes_missing")
    with oneclick_fake.client() as cf:
        other = cf.data_availability("vid-p1", "9999900001")
        assert sorted(given(s.scope) for s in given(other.available_scopes)) == ["EMAIL", "MOBILE", "NAME"]
        session = cf.initiate_session("vid-p2", MOBILE)
        token = cf.generate_token(oneclick_fake.approve(given(session.session_id), scopes=["PAN"]))
        pan = given(cf.fetch_user_details(given(token.access_token)).scopes)[0]
    assert isinstance(pan, PanScope)
    metadata = given(given(pan.records)[0].metadata)
    assert metadata.type_ == "Company"
    assert given(metadata.pan)[3] == "C"


def test_quirks_mode(oneclick_fake: OneClickFake) -> None:
    oneclick_fake.quirks()
    with oneclick_fake.http() as http:
        answer = http.post(
            "/oauth2/session",
            json={
                "verification_id": "vid-q",
                "user": {"identifier_type": "MOBILE", "identifier_value": MOBILE},
            },
            headers={
                "x-client-id": "test_app_client_id",
                "x-client-secret": "test_app_client_secret",
                "x-api-version": API_VERSION,
            },
        )
    assert isinstance(answer.json()["user"], list)  # the vendor example's shape (DEV-001)


def test_journal_holds_no_secret(fake: OneClickFake) -> None:
    with fake.client() as cf:
        session = cf.initiate_session("vid-j", MOBILE)
        code = fake.approve(given(session.session_id))
        token = cf.generate_token(code)
        details = cf.fetch_user_details(given(token.access_token))
    dumped = json.dumps([record.to_json() for record in fake.journal])
    assert [r.operation for r in fake.journal] == [
        "VrsUserVaultOauthInitiation",
        "VrsUserVaultOauthGenerateToken",
        "VrsUserVaultFetchDetailsFromAccessToken",
    ]
    pan_scope = next(s for s in given(details.scopes) if isinstance(s, PanScope))
    pan = given(given(given(pan_scope.records)[0].metadata).pan)
    for secret in (
        MOBILE,
        given(session.session_id),
        code,
        given(token.access_token),
        "test_app_client_secret",
        pan,
    ):
        assert secret not in dumped


def test_async_client(oneclick_fake: OneClickFake) -> None:
    async def flow() -> str:
        async with oneclick_fake.async_client() as cf:
            session = await cf.initiate_session("vid-async", MOBILE)
            token = await cf.generate_token(oneclick_fake.approve(given(session.session_id), ["NAME"]))
            details = await cf.fetch_user_details(given(token.access_token))
            return type(given(details.scopes)[0]).__name__

    assert asyncio.run(flow()) == NameScope.__name__


def test_sync_client_inside_a_running_loop(oneclick_fake: OneClickFake) -> None:
    async def inside() -> None:
        with oneclick_fake.client() as cf:
            cf.initiate_session("vid-loop", MOBILE)

    asyncio.run(inside())
    assert oneclick_fake.journal[0].status == 200


def test_magic_numbers(oneclick_fake: OneClickFake) -> None:
    with oneclick_fake.client() as cf:
        with pytest.raises(InsufficientBalanceError):
            cf.initiate_session("vid-m1", "9000000422")
        with pytest.raises(RateLimitedError):
            cf.data_availability("vid-m2", "9000000429")
        assert oneclick_fake.journal[-1].status == 429
        session = cf.initiate_session("vid-m3", "9000000010")
        with pytest.raises(ConsentRefused):
            oneclick_fake.approve(given(session.session_id))
