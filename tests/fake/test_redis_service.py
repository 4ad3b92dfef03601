"""The fake as a shared service: two worker processes on one port, state in a real redis-server.

Over real HTTP on fresh connections (so the kernel spreads them over both workers): 100 whole flows
all succeed; 100 concurrent sessions with one verification_id give exactly one 200 and 99 x 409;
time travel and reset through the admin API reach every worker; a
Redis stopped (or hung) mid-run is a prompt 503 in the vendor's error shape naming the state store,
never a 500, a traceback or a hang, and the service recovers by itself once Redis is back.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import redis

from cashfree_oneclick.fake.process import run_fake
from cashfree_oneclick.fake.redis_server import RedisServer, run_redis
from tests.support.fake_bundle import assert_error, assert_matches
from tests.support.fake_flow import FlowClient, new_verification_id

pytestmark = [pytest.mark.anyio, pytest.mark.heavy(seconds=16)]

WORKERS = 2
PROMPT = 5.0  # seconds: the most an answer may take while Redis is gone
FLOWS = 100
RACERS = 100


@dataclass(frozen=True)
class Service:
    base_url: str
    redis: RedisServer
    log: Path


STARTUP_SECONDS = 90  # generous: the workers start at once, and the machine may be busy with other tests


@contextmanager
def serve_shared(server: RedisServer, log: Path) -> Iterator[Service]:
    args = ("--workers", str(WORKERS), "--state", server.url, "--no-access-log", "--log-level", "info")
    with run_fake(*args, output=log, startup_seconds=STARTUP_SECONDS) as (base_url, _):
        # The parent listens before its workers run: wait for every worker, so that all of them accept.
        deadline = time.monotonic() + STARTUP_SECONDS
        while log.read_text(errors="replace").count("Application startup complete.") < WORKERS:
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.05)
        yield Service(base_url, server, log)


@asynccontextmanager
async def fresh_connections(base_url: str, limit: int = 50) -> AsyncIterator[FlowClient]:
    """A new TCP connection for every request (nothing kept alive), at most ``limit`` at once."""
    limits = httpx.Limits(max_connections=limit, max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30.0) as http:
        yield FlowClient(http)


def worker_names(server: RedisServer) -> set[str]:
    """The names of the fake's worker processes connected to Redis (CLIENT SETNAME per worker)."""
    with redis.Redis.from_url(server.url, decode_responses=True) as client:
        return {str(c["name"]) for c in client.client_list() if str(c["name"]).startswith("cashfree-fake-")}


def assert_no_crash(log: Path) -> None:
    text = log.read_text(errors="replace")
    assert "Traceback" not in text, text
    assert "unexpected error" not in text, text


async def whole_flows_over_both_workers(service: Service) -> None:
    async with fresh_connections(service.base_url) as fake:

        async def flow(index: int) -> str:
            granted = await fake.grant(mobile=f"98765{index:05d}")
            details = assert_matches(
                await fake.user_details(granted.access_token), "VrsUserVaultFetchDetailsFromAccessToken"
            )
            assert details["verification_id"] == granted.verification_id
            return granted.verification_id

        verification_ids = await asyncio.gather(*(flow(i) for i in range(FLOWS)))
    assert len(set(verification_ids)) == FLOWS
    assert len(worker_names(service.redis)) == WORKERS, "both workers served the flows"
    assert_no_crash(service.log)


async def one_verification_id_claimed_once_across_workers(service: Service) -> None:
    verification_id = new_verification_id()
    async with fresh_connections(service.base_url, limit=RACERS) as fake:
        responses = await asyncio.gather(
            *(fake.session("9876500001", verification_id) for _ in range(RACERS))
        )
    assert Counter(r.status_code for r in responses) == {200: 1, 409: RACERS - 1}
    for response in responses:
        if response.status_code == 409:
            assert_error(response, 409, "verification_id_already_exists")
    assert_no_crash(service.log)


async def time_travel_and_reset_reach_every_worker(service: Service) -> None:
    """Admin calls land on one worker; the clock offset and the reset live in Redis, so all follow."""
    async with fresh_connections(service.base_url) as fake:
        sessions = [(await fake.session()).json()["session_id"] for _ in range(2 * WORKERS)]
        claimed = new_verification_id()
        assert (await fake.session(verification_id=claimed)).status_code == 200
        advanced = await fake.http.post("/__fake__/clock/advance", json={"seconds": 3600})
        assert advanced.status_code == 200, advanced.text
        clocks = [(await fake.http.get("/__fake__/clock")).json()["offset"] for _ in range(2 * WORKERS)]
        assert clocks == [3600] * (2 * WORKERS)
        for session_id in sessions:  # expired on whichever worker answers
            assert_error(await fake.consent(session_id), 404, "session_id_value_invalid")
        assert (await fake.http.post("/__fake__/reset")).status_code == 200
        clocks = [(await fake.http.get("/__fake__/clock")).json()["offset"] for _ in range(2 * WORKERS)]
        assert clocks == [0] * (2 * WORKERS)
        assert (await fake.session(verification_id=claimed)).status_code == 200, "claims were reset"


async def timed(call: Awaitable[httpx.Response]) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = await call
    return response, time.monotonic() - started


def assert_store_unavailable(response: httpx.Response, seconds: float) -> None:
    assert seconds < PROMPT, f"answered after {seconds:.1f} s"
    body = assert_error(response, 503, "state_store_unavailable")
    assert body["type"] == "internal_error"
    assert response.headers["retry-after"] == "1"


async def wait_until_served(fake: FlowClient, deadline_seconds: float = 15.0) -> None:
    deadline = time.monotonic() + deadline_seconds
    while True:
        response = await fake.session()
        if response.status_code == 200:
            return
        assert response.status_code == 503, response.text
        assert time.monotonic() < deadline, "the fake did not recover after Redis came back"
        await asyncio.sleep(0.1)


async def redis_lost_mid_run_then_back(service: Service) -> None:
    server = service.redis
    async with fresh_connections(service.base_url, limit=10) as fake:
        granted = await fake.grant()
        server.stop()
        for call in (fake.session(), fake.data_availability(), fake.user_details(granted.access_token)):
            assert_store_unavailable(*await timed(call))
        server.start()  # the same port, an empty Redis (no persistence): the service starts afresh
        await wait_until_served(fake)
        for _ in range(2 * WORKERS):  # fresh connections: every worker has reconnected
            granted = await fake.grant()
            assert_matches(
                await fake.user_details(granted.access_token), "VrsUserVaultFetchDetailsFromAccessToken"
            )
        server.pause()  # a hung Redis: it keeps its socket and answers nothing
        try:
            assert_store_unavailable(*await timed(fake.session()))
        finally:
            server.resume()
        await wait_until_served(fake)
    assert_no_crash(service.log)


async def test_shared_service(tmp_path: Path) -> None:
    """One service, its phases in order (starting the workers is the slow part, and the last phase
    stops the service's own redis-server): flows, the race, time travel and reset, Redis lost and back."""
    with run_redis(tmp_path) as server, serve_shared(server, tmp_path / "fake.log") as service:
        await whole_flows_over_both_workers(service)
        await one_verification_id_claimed_once_across_workers(service)
        await time_travel_and_reset_reach_every_worker(service)
        await redis_lost_mid_run_then_back(service)
