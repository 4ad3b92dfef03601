"""100 concurrent requests with one verification_id: exactly one wins, every other one is a 409.

In-process (asyncio.gather on the ASGI app) and over real HTTP (uvicorn, 100 client connections).
The control cases, 100 distinct verification ids all answered 200, show the 409s come from the
duplicate id and not from load.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from cashfree_oneclick.fake import FakeCashfree
from tests.support.fake_bundle import assert_matches, deref, operation
from tests.support.fake_flow import FlowClient, LiveServer, in_process, new_verification_id, over_http

pytestmark = [pytest.mark.anyio, pytest.mark.heavy(seconds=4)]


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest) -> str:
    """Every rule here holds on both state stores (Redis: a real redis-server, a fresh key prefix)."""
    param: str = request.param
    return param


CONCURRENCY = 100
OPERATIONS = ["VrsUserVaultOauthInitiation", "VrsUserVaultDataAvailability"]


def conflict_example() -> dict[str, Any]:
    """The bundle's documented 409 of both operations (the same shared response)."""
    examples = deref(operation("VrsUserVaultOauthInitiation")["responses"]["409"])["content"][
        "application/json"
    ]
    values = [deref(example)["value"] for example in examples["examples"].values()]
    assert len(values) == 1
    value: dict[str, Any] = values[0]
    assert value["code"] == "verification_id_already_exists"
    return value


def call(fake: FlowClient, operation_id: str) -> Callable[[str], Awaitable[httpx.Response]]:
    if operation_id == "VrsUserVaultOauthInitiation":
        return lambda vid: fake.session("9876500001", vid)
    return lambda vid: fake.data_availability("9876500001", vid)


async def hammer(fake: FlowClient, operation_id: str, verification_ids: list[str]) -> list[httpx.Response]:
    send = call(fake, operation_id)
    return await asyncio.gather(*(send(vid) for vid in verification_ids))


def check_one_winner(responses: list[httpx.Response], operation_id: str) -> None:
    statuses = Counter(r.status_code for r in responses)
    assert statuses == {200: 1, 409: CONCURRENCY - 1}, statuses
    expected = conflict_example()
    for response in responses:
        if response.status_code == 409:
            body = assert_matches(response, operation_id, 409)
            assert body == expected
        else:
            assert_matches(response, operation_id, 200)


@pytest.mark.parametrize("operation_id", OPERATIONS)
async def test_one_verification_id_wins_once_in_process(
    make_app: Callable[..., FakeCashfree], operation_id: str
) -> None:
    vid = new_verification_id()
    async with in_process(make_app()) as fake:
        responses = await hammer(fake, operation_id, [vid] * CONCURRENCY)
    check_one_winner(responses, operation_id)


@pytest.mark.parametrize("operation_id", OPERATIONS)
async def test_one_verification_id_wins_once_over_http(live_server: LiveServer, operation_id: str) -> None:
    vid = new_verification_id()
    async with over_http(live_server, connections=CONCURRENCY) as fake:
        responses = await hammer(fake, operation_id, [vid] * CONCURRENCY)
    check_one_winner(responses, operation_id)


async def test_winning_session_is_usable(make_app: Callable[..., FakeCashfree]) -> None:
    vid = new_verification_id()
    async with in_process(make_app()) as fake:
        responses = await hammer(fake, "VrsUserVaultOauthInitiation", [vid] * CONCURRENCY)
        (winner,) = (r for r in responses if r.status_code == 200)
        consent = await fake.consent(winner.json()["session_id"])
    assert assert_matches(consent, "FakeGiveConsent")["verification_id"] == vid


async def test_distinct_verification_ids_all_succeed_in_process(
    make_app: Callable[..., FakeCashfree],
) -> None:
    async with in_process(make_app()) as fake:
        responses = await hammer(
            fake, "VrsUserVaultOauthInitiation", [new_verification_id() for _ in range(CONCURRENCY)]
        )
    assert Counter(r.status_code for r in responses) == {200: CONCURRENCY}
    assert len({r.json()["session_id"] for r in responses}) == CONCURRENCY


async def test_distinct_verification_ids_all_succeed_over_http(live_server: LiveServer) -> None:
    async with over_http(live_server, connections=CONCURRENCY) as fake:
        responses = await hammer(
            fake, "VrsUserVaultOauthInitiation", [new_verification_id() for _ in range(CONCURRENCY)]
        )
    assert Counter(r.status_code for r in responses) == {200: CONCURRENCY}


async def test_session_and_data_availability_claim_ids_separately(
    make_app: Callable[..., FakeCashfree],
) -> None:
    """Ids are claimed per operation: data availability then a session may share one (the fake's choice)."""
    vid = new_verification_id()
    async with in_process(make_app()) as fake:
        assert (await fake.data_availability("9876500001", vid)).status_code == 200
        assert (await fake.session("9876500001", vid)).status_code == 200
        assert (await fake.session("9876500001", vid)).status_code == 409
