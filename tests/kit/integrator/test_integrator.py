"""An integrator's test file: only pytest, the installed wheel and its plugin's fixtures.

tests/kit/test_wheel.py copies this file OUTSIDE the repository into a clean virtual environment
holding the built wheels, pytest and mypy, runs it there and checks it with ``mypy --strict`` (the
wheels ship ``py.typed``); in the repository it runs against the same plugin (installed editable, its
``pytest11`` entry point). So it imports nothing but the public ``cashfree_oneclick`` package.
"""

from __future__ import annotations

import json

import pytest

from cashfree_oneclick import ConflictError, InvalidRequestError
from cashfree_oneclick.fake import OneClickFake
from cashfree_oneclick.models import AadhaarScope, PanScope, Unset

MOBILE = "9999900000"


def test_whole_flow_with_typed_scopes(oneclick_fake: OneClickFake) -> None:
    with oneclick_fake.client() as cf:
        cf.data_availability("vid-da", MOBILE)
        session = cf.initiate_session("vid-flow", MOBILE)
        code = oneclick_fake.approve(session.session_id, scopes=["PAN", "AADHAAR", "BANK_ACCOUNT"])
        token = cf.generate_token(code)
        details = cf.fetch_user_details(token.access_token)
    kinds = sorted(type(scope).__name__ for scope in details.scopes)
    assert kinds == ["AadhaarScope", "BankAccountScope", "PanScope"]
    aadhaar = next(s for s in details.scopes if isinstance(s, AadhaarScope))
    # Record fields are optional in the typed client (a missing one parses as Unset): narrow first.
    assert not isinstance(aadhaar.records, Unset)
    metadata = aadhaar.records[0].metadata
    assert not isinstance(metadata, Unset)
    assert isinstance(metadata.aadhaar, str)
    assert metadata.aadhaar.startswith("xxxxxxxx")  # only ever masked


def test_deny_consent_over_http(oneclick_fake_server: OneClickFake) -> None:
    assert oneclick_fake_server.base_url.startswith("http://127.0.0.1:")
    with oneclick_fake_server.client() as cf:
        session = cf.initiate_session("vid-deny", MOBILE)
    assert oneclick_fake_server.deny(session.session_id)["status"] == "ERROR"
    with pytest.raises(ValueError, match="consent is already recorded"):
        oneclick_fake_server.approve(session.session_id)


def test_advance_expires_the_token(oneclick_fake_server: OneClickFake) -> None:
    with oneclick_fake_server.client() as cf:
        session = cf.initiate_session("vid-expire", MOBILE)
        token = cf.generate_token(oneclick_fake_server.approve(session.session_id, scopes=["NAME"]))
        cf.fetch_user_details(token.access_token)
        oneclick_fake_server.advance(3600)
        with pytest.raises(InvalidRequestError) as expired:
            cf.fetch_user_details(token.access_token)
    assert expired.value.code == "access_token_value_invalid"


def test_reused_verification_id_is_409(oneclick_fake: OneClickFake) -> None:
    with oneclick_fake.client() as cf:
        cf.initiate_session("vid-once", MOBILE)
        with pytest.raises(ConflictError):
            cf.initiate_session("vid-once", MOBILE)


@pytest.mark.parametrize("fixture", ["oneclick_fake", "oneclick_fake_server"])
def test_next_test_starts_fresh(fixture: str, request: pytest.FixtureRequest) -> None:
    fake: OneClickFake = request.getfixturevalue(fixture)
    assert list(fake.journal) == []
    with fake.client() as cf:
        cf.initiate_session("vid-once", MOBILE)  # used by the tests before: no 409 here
        cf.initiate_session("vid-expire", MOBILE)


@pytest.mark.parametrize("fixture", ["oneclick_fake", "oneclick_fake_server"])
def test_journal_holds_no_secret(fixture: str, request: pytest.FixtureRequest) -> None:
    fake: OneClickFake = request.getfixturevalue(fixture)
    with fake.client() as cf:
        session = cf.initiate_session("vid-journal", MOBILE)
        code = fake.approve(session.session_id)
        token = cf.generate_token(code)
        details = cf.fetch_user_details(token.access_token)
    records = list(fake.journal)
    assert [(r.operation, r.status) for r in records] == [
        ("VrsUserVaultOauthInitiation", 200),
        ("VrsUserVaultOauthGenerateToken", 200),
        ("VrsUserVaultFetchDetailsFromAccessToken", 200),
    ]
    dumped = json.dumps([r.to_json() for r in records])
    pans = next(s for s in details.scopes if isinstance(s, PanScope)).records
    assert not isinstance(pans, Unset)
    assert not isinstance(pans[0].metadata, Unset)
    pan = pans[0].metadata.pan
    assert isinstance(pan, str)
    for secret in (MOBILE, session.session_id, code, token.access_token, "test_app_client_secret", pan):
        assert secret not in dumped
