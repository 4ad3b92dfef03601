"""The consent step offers what the vendor's consent screen offers: the scopes data availability reports.

A grant of a scope the user has no data for (or of no scope) is refused with the documented 422
``scopes_not_available`` and records nothing, instead of succeeding and then returning nothing. On
both state stores.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cashfree_oneclick.fake import FakeCashfree
from tests.support.fake_bundle import assert_error, assert_matches
from tests.support.fake_flow import in_process

pytestmark = pytest.mark.anyio

FEW_SCOPES = "9000000003"  # magic number: the vendor holds only EMAIL, MOBILE and NAME
OFFERED = ("EMAIL", "MOBILE", "NAME")


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest) -> str:
    param: str = request.param
    return param


@pytest.mark.parametrize(
    ("scopes", "said"),
    [
        pytest.param(["PAN"], "PAN not available", id="one-unavailable"),
        pytest.param(["EMAIL", "PAN", "BANK_ACCOUNT"], "PAN, BANK_ACCOUNT not available", id="some"),
        pytest.param([], "none granted", id="nothing"),
    ],
)
async def test_a_grant_beyond_the_offer_is_refused_and_records_nothing(
    make_app: Callable[..., FakeCashfree], scopes: list[str], said: str
) -> None:
    async with in_process(make_app()) as fake:
        available = (await fake.data_availability(FEW_SCOPES)).json()["available_scopes"]
        assert sorted(entry["scope"] for entry in available) == sorted(OFFERED)
        session_id = (await fake.session(FEW_SCOPES)).json()["session_id"]
        refused = await fake.consent(session_id, "GRANTED", scopes)
        # Nothing was recorded: the user can still consent to what is on offer.
        code = (await fake.consent(session_id, "GRANTED", ["EMAIL"])).json()["auth_code"]
        token = (await fake.generate_token(code)).json()["access_token"]
        details = (await fake.user_details(token)).json()
    assert_matches(refused, "FakeGiveConsent", 422)
    body = assert_error(refused, 422, "scopes_not_available")
    assert body["type"] == "validation_error"
    assert (
        body["message"]
        == f"scopes should be among those available for this user (EMAIL, MOBILE, NAME): {said}."
    )
    assert [entry["scope"] for entry in details["scopes"]] == ["EMAIL"]


async def test_a_grant_of_everything_on_offer_returns_all_of_it(
    make_app: Callable[..., FakeCashfree],
) -> None:
    async with in_process(make_app()) as fake:
        for scopes in (None, list(OFFERED)):
            session_id = (await fake.session(FEW_SCOPES)).json()["session_id"]
            code = (await fake.consent(session_id, "GRANTED", scopes)).json()["auth_code"]
            token = (await fake.generate_token(code)).json()["access_token"]
            details = (await fake.user_details(token)).json()
            assert sorted(entry["scope"] for entry in details["scopes"]) == sorted(OFFERED), scopes


async def test_a_refusal_by_the_user_names_no_scope_check(make_app: Callable[..., FakeCashfree]) -> None:
    """Denying or dropping off grants nothing: the scopes the call names do not matter."""
    async with in_process(make_app()) as fake:
        outcomes = []
        for decision in ("DENIED", "DROPPED"):
            session_id = (await fake.session(FEW_SCOPES)).json()["session_id"]
            outcomes.append((await fake.consent(session_id, decision, ["PAN"])).json()["status"])
    assert outcomes == ["ERROR", "USER_DROPPED"]


async def test_an_individual_may_grant_every_scope_one_by_one(make_app: Callable[..., FakeCashfree]) -> None:
    async with in_process(make_app()) as fake:
        available = (await fake.data_availability()).json()["available_scopes"]
        for scope in (entry["scope"] for entry in available):
            session_id = (await fake.session()).json()["session_id"]
            consent = await fake.consent(session_id, "GRANTED", [scope])
            assert consent.status_code == 200, (scope, consent.text)
