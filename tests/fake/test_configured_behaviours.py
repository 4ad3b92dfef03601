"""Behaviours switched on by configuration: off by default, and doing what they say when on.

Rate limits per operation and per IP (429 with X-RateLimit-* headers, windows on the fake's clock),
a billing balance (422 once spent), injected faults (500/502), latency, and quirks mode (the shapes
of the vendor's own examples rather than the contract's).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

import cashfree_oneclick.fake.app
from cashfree_oneclick.fake import FakeCashfree, FakeConfig, RateLimit
from tests.support.fake_bundle import assert_error, assert_matches, response_validator
from tests.support.fake_flow import MOBILE, FakeClock, in_process, new_verification_id

pytestmark = pytest.mark.anyio


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest) -> str:
    """Every rule here holds on both state stores (Redis: a real redis-server, a fresh key prefix)."""
    param: str = request.param
    return param


UNSCORED_IN_VENDOR_EXAMPLE = {"MOBILE", "EMAIL", "ADDRESS", "GENDER", "DOB", "OCCUPATION", "INCOME"}


class _AsyncioOfTheFake:
    """The asyncio module as the fake's app module sees it, with sleep recorded (and still slept)."""

    def __init__(self, delays: list[float]) -> None:
        self.delays = delays

    async def sleep(self, delay: float, result: Any = None) -> Any:
        self.delays.append(delay)
        return await asyncio.sleep(delay, result)

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)


def record_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every delay the fake sleeps, seen without timing it (only the fake's module is patched)."""
    delays: list[float] = []
    monkeypatch.setattr(cashfree_oneclick.fake.app, "asyncio", _AsyncioOfTheFake(delays))
    return delays


async def test_everything_is_off_by_default(
    make_app: Callable[..., FakeCashfree], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Well past the vendor's 100-per-minute tier, one clock instant: no 429, 422, 5xx, nor any sleep."""
    delays = record_sleeps(monkeypatch)
    async with in_process(make_app()) as fake:
        statuses: Counter[int] = Counter()
        for _ in range(150):
            statuses[(await fake.data_availability()).status_code] += 1
            statuses[(await fake.session()).status_code] += 1
    assert statuses == {200: 300}
    assert delays == []


async def test_operation_rate_limit(make_app: Callable[..., FakeCashfree], clock: FakeClock) -> None:
    config = FakeConfig(operation_rate_limits={"VrsUserVaultOauthInitiation": RateLimit(3, window=60)})
    async with in_process(make_app(config)) as fake:
        assert [(await fake.session()).status_code for _ in range(3)] == [200] * 3
        clock.advance(15)
        limited = await fake.session()
        other_operation = [(await fake.data_availability()).status_code for _ in range(5)]
        clock.advance(45)  # the window started at the first call: it is over now
        after_window = [(await fake.session()).status_code for _ in range(4)]
    assert_matches(limited, "VrsUserVaultOauthInitiation", 429)
    assert_error(
        limited,
        429,
        "too_many_requests_per_operation",
        "Too many requests for this operation, rate limit reached",
    )
    assert limited.headers["X-RateLimit-Limit"] == "3"
    assert limited.headers["X-RateLimit-Remaining"] == "0"
    assert limited.headers["X-RateLimit-Reset"] == "45"
    assert other_operation == [200] * 5
    assert after_window == [200, 200, 200, 429]


async def test_ip_rate_limit_counts_each_ip(make_app: Callable[..., FakeCashfree], clock: FakeClock) -> None:
    app = make_app(FakeConfig(ip_rate_limit=RateLimit(2, window=10)))
    async with in_process(app, "10.0.0.1") as first, in_process(app, "10.0.0.2") as second:
        # Across operations: the IP's budget is shared by all of them.
        assert (await first.data_availability()).status_code == 200
        assert (await first.session()).status_code == 200
        limited = await first.session()
        assert (await second.session()).status_code == 200
        clock.advance(10)
        assert (await first.session()).status_code == 200
    assert_error(
        limited, 429, "too_many_requests_per_ip", "Too many requests from the IP, rate limit reached"
    )
    assert limited.headers["X-RateLimit-Limit"] == "2"
    assert limited.headers["X-RateLimit-Remaining"] == "0"
    assert limited.headers["X-RateLimit-Reset"] == "10"


async def test_balance_is_spent_then_422(make_app: Callable[..., FakeCashfree]) -> None:
    async with in_process(make_app(FakeConfig(balance=3))) as fake:
        assert (await fake.data_availability()).status_code == 200
        assert (await fake.session()).status_code == 200
        session = await fake.session()
        assert session.status_code == 200
        code = (await fake.consent(session.json()["session_id"])).json()["auth_code"]  # not billed
        token = await fake.generate_token(code)  # documents no 422: never refused for balance
        spent = [await fake.session(), await fake.data_availability(), await fake.user_details("x")]
    assert token.status_code == 200
    for response, operation_id in zip(
        spent,
        [
            "VrsUserVaultOauthInitiation",
            "VrsUserVaultDataAvailability",
            "VrsUserVaultFetchDetailsFromAccessToken",
        ],
        strict=True,
    ):
        assert_matches(response, operation_id, 422)
        assert_error(response, 422, "insufficient_balance", "Insufficient balance to process this request")


async def test_fault_500_on_every_operation_that_documents_it(make_app: Callable[..., FakeCashfree]) -> None:
    async with in_process(make_app(FakeConfig(faults={500: 1.0}))) as fake:
        responses = {
            "VrsUserVaultDataAvailability": await fake.data_availability(),
            "VrsUserVaultOauthInitiation": await fake.session(),
            "VrsUserVaultOauthGenerateToken": await fake.generate_token("code"),
            "VrsUserVaultFetchDetailsFromAccessToken": await fake.user_details("token"),
        }
    for operation_id, response in responses.items():
        assert_matches(response, operation_id, 500)
        assert_error(response, 500, "verification_failed", "something went wrong")


async def test_fault_502_only_where_documented(make_app: Callable[..., FakeCashfree]) -> None:
    async with in_process(make_app(FakeConfig(faults={502: 1.0}))) as fake:
        availability = await fake.data_availability()
        session = await fake.session()  # documents no 502
    assert_matches(availability, "VrsUserVaultDataAvailability", 502)
    assert_error(availability, 502, "verification_failed", "verification attempt failed")
    assert session.status_code == 200


async def test_probabilistic_faults_are_seeded(make_app: Callable[..., FakeCashfree]) -> None:
    async def statuses(seed: int) -> list[int]:
        async with in_process(make_app(FakeConfig(faults={500: 0.5}, seed=seed))) as fake:
            return [(await fake.session()).status_code for _ in range(40)]

    first, again, other = await statuses(7), await statuses(7), await statuses(8)
    assert first == again
    assert first != other
    assert set(first) == {200, 500}


async def test_latency_is_awaited_on_every_request(
    make_app: Callable[..., FakeCashfree], monkeypatch: pytest.MonkeyPatch
) -> None:
    delays = record_sleeps(monkeypatch)
    loop = asyncio.get_running_loop()
    async with in_process(make_app(FakeConfig(latency_ms=20))) as fake:
        started = loop.time()
        assert (await fake.data_availability()).status_code == 200
        assert (await fake.session()).status_code == 200
        elapsed = loop.time() - started
    assert delays == [0.02, 0.02]
    assert elapsed >= 0.035  # loose: two 20 ms sleeps


async def test_quirks_mode_sends_the_vendor_example_shapes(make_app: Callable[..., FakeCashfree]) -> None:
    async with in_process(make_app(FakeConfig(quirks=True))) as fake:
        session = (await fake.session(MOBILE, new_verification_id())).json()
        granted = await fake.grant()
        details = (await fake.user_details(granted.access_token)).json()
    assert session["user"] == [{"identifier_type": "MOBILE", "identifier_value": MOBILE}]
    assert isinstance(details["reference_id"], int)
    scores = {entry["scope"]: entry["records"][0]["confidence_score"] for entry in details["scopes"]}
    assert {scope for scope, score in scores.items() if score is None} == UNSCORED_IN_VENDOR_EXAMPLE
    assert all(
        isinstance(score, float) for scope, score in scores.items() if scope not in UNSCORED_IN_VENDOR_EXAMPLE
    )
    # These are deviations from the contract (DEV-001, DEV-003): the contract bundle refuses them.
    assert not response_validator("VrsUserVaultFetchDetailsFromAccessToken", 200).is_valid(details)
    assert not response_validator("VrsUserVaultOauthInitiation", 200).is_valid(session)


async def test_without_quirks_the_contract_shapes(make_app: Callable[..., FakeCashfree]) -> None:
    async with in_process(make_app()) as fake:
        session = assert_matches(await fake.session(), "VrsUserVaultOauthInitiation")
        granted = await fake.grant()
        details = assert_matches(
            await fake.user_details(granted.access_token), "VrsUserVaultFetchDetailsFromAccessToken"
        )
    assert isinstance(session["user"], dict)
    assert isinstance(details["reference_id"], str)
    assert all(isinstance(entry["records"][0]["confidence_score"], float) for entry in details["scopes"])


async def test_info_names_the_state_store(make_app: Callable[..., FakeCashfree], store: str) -> None:
    async with in_process(make_app()) as fake:
        response = await fake.http.get("/__fake__/info")
    assert response.status_code == 200
    assert response.json()["state_store"] == store
    assert "redis://" not in response.text
