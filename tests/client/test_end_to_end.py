"""The clients against the fake over real HTTP (uvicorn on 127.0.0.1, a free port).

The whole flow returns typed models, one record type per scope. Then the fake's configured behaviours,
each on its own server: a rate limit of one call per second (429 with X-RateLimit-Reset/Retry-After,
recovered by waiting, really, the one second), a fault on every call (retried max_attempts times, then
ServerError), no balance (InsufficientBalanceError, one request) and latency above the client's read
time-out (TransportError after retries).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from cashfree_oneclick_generated.models import (
    AadhaarScope,
    AddressScope,
    BankAccountScope,
    DataAvailabilityResponseSchema,
    DobScope,
    EmailScope,
    FetchDetailsResponseSchema,
    GenderScope,
    IncomeScope,
    MobileScope,
    NameScope,
    OccupationScope,
    PANRecordMetadata,
    PanScope,
)

from cashfree_oneclick import (
    AsyncOneClickClient,
    InsufficientBalanceError,
    OneClickClient,
    RateLimitedError,
    RetryPolicy,
    ServerError,
    TransportError,
)
from cashfree_oneclick.fake import (
    TEST_APP_CLIENT_ID,
    TEST_APP_CLIENT_SECRET,
    TEST_GENERAL_CLIENT_ID,
    TEST_GENERAL_CLIENT_SECRET,
    FakeConfig,
    RateLimit,
)
from cashfree_oneclick.fake.people import person_for
from tests.support.client import Served, serve

MOBILE = "9812345678"
SCOPE_TYPES = {
    AadhaarScope, AddressScope, BankAccountScope, DobScope, EmailScope, GenderScope, IncomeScope,
    MobileScope, NameScope, OccupationScope, PanScope,
}  # fmt: skip
FAST_RETRY = RetryPolicy(max_attempts=3, initial_backoff=0.01, max_backoff=0.02, max_total_seconds=10)


def options(served: Served, **overrides: Any) -> dict[str, Any]:
    settings: dict[str, Any] = {
        "base_url": served.base_url,
        "app_client_id": TEST_APP_CLIENT_ID,
        "app_client_secret": TEST_APP_CLIENT_SECRET,
        "general_client_id": TEST_GENERAL_CLIENT_ID,
        "general_client_secret": TEST_GENERAL_CLIENT_SECRET,
        "environ": {},
    }
    settings.update(overrides)
    return settings


def new_id() -> str:
    return f"vid_{uuid.uuid4().hex}"


class Counting(httpx.HTTPTransport):
    """A real HTTP transport that counts the requests it sends."""

    def __init__(self) -> None:
        super().__init__()
        self.sent = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent += 1
        return super().handle_request(request)


@pytest.fixture(scope="module")
def default_fake() -> Iterator[Served]:
    with serve(FakeConfig()) as served:
        yield served


def assert_details(details: FetchDetailsResponseSchema, verification_id: str) -> None:
    assert isinstance(details, FetchDetailsResponseSchema)
    assert details.verification_id == verification_id
    scopes = details.scopes
    assert isinstance(scopes, list)
    assert {type(scope) for scope in scopes} == SCOPE_TYPES
    pan = next(scope for scope in scopes if isinstance(scope, PanScope))
    assert isinstance(pan.records, list)
    metadata = pan.records[0].metadata
    assert isinstance(metadata, PANRecordMetadata)
    assert metadata.pan == person_for(MOBILE).pan


def test_the_sync_client_runs_the_whole_flow(default_fake: Served) -> None:
    with OneClickClient(**options(default_fake)) as cf:
        available = cf.data_availability(new_id(), MOBILE)
        verification_id = new_id()
        session = cf.initiate_session(verification_id, MOBILE)
        auth_code = default_fake.consent(str(session.session_id))
        token = cf.generate_token(auth_code)
        details = cf.fetch_user_details(str(token.access_token))

    assert isinstance(available, DataAvailabilityResponseSchema)
    assert isinstance(available.available_scopes, list)
    assert len(available.available_scopes) == 11
    assert session.verification_id == token.verification_id == verification_id
    assert_details(details, verification_id)


def test_the_async_client_runs_the_whole_flow(default_fake: Served) -> None:
    async def flow() -> tuple[str, FetchDetailsResponseSchema]:
        async with AsyncOneClickClient(**options(default_fake)) as cf:
            await cf.data_availability(new_id(), MOBILE)
            verification_id = new_id()
            session = await cf.initiate_session(verification_id, MOBILE)
            auth_code = await asyncio.to_thread(default_fake.consent, str(session.session_id))
            token = await cf.generate_token(auth_code)
            return verification_id, await cf.fetch_user_details(str(token.access_token))

    verification_id, details = asyncio.run(flow())

    assert_details(details, verification_id)


def test_a_rate_limit_is_waited_out_as_the_server_says(fake_server: Callable[[FakeConfig], Served]) -> None:
    limit = {"VrsUserVaultDataAvailability": RateLimit(1, window=1.0)}
    served = fake_server(FakeConfig(operation_rate_limits=limit))
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:  # the real sleep, recorded
        sleeps.append(seconds)
        time.sleep(seconds)

    with OneClickClient(**options(served, retry=RetryPolicy(max_attempts=1))) as once:
        once.data_availability(new_id(), MOBILE)
        with pytest.raises(RateLimitedError) as caught:
            once.data_availability(new_id(), MOBILE)
    with OneClickClient(sleep=sleep, **options(served)) as cf:
        recovered = cf.data_availability(new_id(), MOBILE)

    error = caught.value
    assert error.code == "too_many_requests_per_operation"
    assert error.retry_after == 1.0
    assert error.response is not None
    assert error.response.headers["x-ratelimit-reset"] == "1"
    assert error.response.headers["retry-after"] == "1"
    assert sleeps == [1.0]
    assert isinstance(recovered, DataAvailabilityResponseSchema)


def test_a_failing_server_is_retried_then_raised(fake_server: Callable[[FakeConfig], Served]) -> None:
    served = fake_server(FakeConfig(faults={500: 1.0}))
    transport, sleeps = Counting(), list[float]()

    settings = options(served, retry=FAST_RETRY)
    with (
        OneClickClient(httpx_transport=transport, sleep=sleeps.append, **settings) as cf,
        pytest.raises(ServerError) as caught,
    ):
        cf.initiate_session(new_id(), MOBILE)

    assert caught.value.status == 500
    assert caught.value.code == "verification_failed"
    assert caught.value.attempts == 3
    assert transport.sent == 3
    assert len(sleeps) == 2


def test_no_balance_is_raised_without_retrying(fake_server: Callable[[FakeConfig], Served]) -> None:
    served = fake_server(FakeConfig(balance=0))
    transport, sleeps = Counting(), list[float]()

    settings = options(served, retry=FAST_RETRY)
    with (
        OneClickClient(httpx_transport=transport, sleep=sleeps.append, **settings) as cf,
        pytest.raises(InsufficientBalanceError) as caught,
    ):
        cf.data_availability(new_id(), MOBILE)

    assert caught.value.status == 422
    assert caught.value.code == "insufficient_balance"
    assert caught.value.attempts == 1
    assert transport.sent == 1
    assert sleeps == []


def test_latency_above_the_read_time_out_is_a_transport_error(
    fake_server: Callable[[FakeConfig], Served],
) -> None:
    served = fake_server(FakeConfig(latency_ms=400))
    transport, sleeps = Counting(), list[float]()
    timeout = httpx.Timeout(0.1, connect=2.0)

    settings = options(served, retry=FAST_RETRY, timeout=timeout)
    with (
        OneClickClient(httpx_transport=transport, sleep=sleeps.append, **settings) as cf,
        pytest.raises(TransportError) as caught,
    ):
        cf.generate_token("any-auth-code")

    assert "timed out" in str(caught.value)
    assert caught.value.response is None
    assert caught.value.attempts == 3
    assert transport.sent == 3
    assert len(sleeps) == 2
