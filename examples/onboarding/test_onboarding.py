"""The onboarding app tested the way a team would: only the kit's pytest fixtures, no patching."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from examples.onboarding.app import Onboarding

MOBILE = "9999900000"


@pytest.fixture
def app(oneclick_fake: Any) -> Iterator[Onboarding]:
    with oneclick_fake.client() as client:
        yield Onboarding(client)


def test_a_user_is_verified_and_stored_with_aadhaar_masked(app: Onboarding, oneclick_fake: Any) -> None:
    started = app.start("user-1", MOBILE)
    assert started is not None
    code = oneclick_fake.approve(started.session_id, scopes=["NAME", "PAN", "AADHAAR", "BANK_ACCOUNT"])
    profile = app.callback(
        {"verification_id": started.verification_id, "auth_code": code, "status": "SUCCESS"}
    )
    assert profile.status == "VERIFIED"
    assert profile.name is not None
    assert profile.name.startswith("Test ")
    assert profile.pan_type == "Individual"
    assert profile.aadhaar_masked is not None
    assert profile.aadhaar_masked.startswith("xxxxxxxx")
    assert profile.bank_account_last4 is not None
    assert len(profile.bank_account_last4) == 4
    # The app called the vendor in the documented order, and every call succeeded.
    assert [(r.operation, r.status) for r in oneclick_fake.journal] == [
        ("VrsUserVaultDataAvailability", 200),
        ("VrsUserVaultOauthInitiation", 200),
        ("VrsUserVaultOauthGenerateToken", 200),
        ("VrsUserVaultFetchDetailsFromAccessToken", 200),
    ]


@pytest.mark.parametrize(("decision", "status"), [("DENIED", "DENIED"), ("DROPPED", "DROPPED")])
def test_a_user_who_says_no_is_not_verified(
    app: Onboarding, oneclick_fake: Any, decision: str, status: str
) -> None:
    started = app.start("user-2", MOBILE)
    assert started is not None
    callback = (
        oneclick_fake.deny(started.session_id)
        if decision == "DENIED"
        else oneclick_fake.drop(started.session_id)
    )
    assert app.callback(callback).status == status
    assert [r.operation for r in oneclick_fake.journal][-1] == "VrsUserVaultOauthInitiation"  # no token asked


def test_a_late_callback_fails_cleanly(app: Onboarding, oneclick_fake: Any) -> None:
    started = app.start("user-3", MOBILE)
    assert started is not None
    code = oneclick_fake.approve(started.session_id)
    oneclick_fake.advance(301)  # the auth code lives five minutes
    profile = app.callback(
        {"verification_id": started.verification_id, "auth_code": code, "status": "SUCCESS"}
    )
    assert (profile.status, profile.reason) == ("FAILED", "auth_code_value_invalid")


def test_rate_limits_are_retried_without_sleeping(app: Onboarding, oneclick_fake: Any) -> None:
    oneclick_fake.fail("VrsUserVaultOauthInitiation", 429, times=2, retry_after=5)
    assert app.start("user-4", MOBILE) is not None
    statuses = [r.status for r in oneclick_fake.journal if r.operation == "VrsUserVaultOauthInitiation"]
    assert statuses == [429, 429, 200]


def test_vendor_outage_is_reported(app: Onboarding, oneclick_fake: Any) -> None:
    started = app.start("user-5", MOBILE)
    assert started is not None
    code = oneclick_fake.approve(started.session_id)
    oneclick_fake.fail("VrsUserVaultOauthGenerateToken", 500, times=10)
    profile = app.callback(
        {"verification_id": started.verification_id, "auth_code": code, "status": "SUCCESS"}
    )
    assert (profile.status, profile.reason) == ("FAILED", "ServerError")


def test_magic_numbers_need_no_control_call(app: Onboarding, oneclick_fake: Any) -> None:
    # 9000000003: the vendor holds only EMAIL, MOBILE and NAME: the app cannot onboard with PAN.
    assert app.start("user-6", "9000000003") is None
    assert app.profiles["user-6"].status == "UNAVAILABLE"
    # 9000000001: a business PAN.
    started = app.start("user-7", "9000000001")
    assert started is not None
    code = oneclick_fake.approve(started.session_id, scopes=["NAME", "PAN"])
    profile = app.callback(
        {"verification_id": started.verification_id, "auth_code": code, "status": "SUCCESS"}
    )
    assert profile.pan_type == "Company"
    assert profile.pan is not None
    assert profile.pan[3] == "C"


def test_the_same_app_against_the_fake_over_http(oneclick_fake_server: Any) -> None:
    with oneclick_fake_server.client() as client:
        app = Onboarding(client)
        started = app.start("user-8", MOBILE)
        assert started is not None
        code = oneclick_fake_server.approve(started.session_id, scopes=["NAME", "PAN"])
        profile = app.callback(
            {"verification_id": started.verification_id, "auth_code": code, "status": "SUCCESS"}
        )
    assert profile.status == "VERIFIED"
