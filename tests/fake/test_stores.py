"""The state stores' rules, called directly and concurrently, on memory and on a real redis-server.

Each rule must be atomic however many callers race: one claim per verification_id, one decision per
session, one redemption per auth code, exactly ``limit`` admissions per window, a balance that stops
at zero. On Redis also: prefixes isolate instances, reset clears only the instance's own keys, the
clock offset is shared through the store, and an unreachable Redis is StoreUnavailableError, promptly.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TypeVar

import pytest

from cashfree_oneclick.fake import FakeConfig, create_app
from cashfree_oneclick.fake.__main__ import main as serve_fake
from cashfree_oneclick.fake.process import free_port
from cashfree_oneclick.fake.redis_server import RedisServer
from cashfree_oneclick.fake.state import Consent, Lifetimes, StateStore, StoreUnavailableError
from cashfree_oneclick.fake.store_memory import MemoryStore
from cashfree_oneclick.fake.store_redis import MAX_CONNECTIONS, RedisStore, new_prefix
from cashfree_oneclick.redaction import REDACTOR
from tests.support.fake_bundle import assert_error
from tests.support.fake_flow import START, FakeClock, in_process

pytestmark = pytest.mark.anyio

LIFETIMES = Lifetimes(session=3600, auth_code=300, token=3600)
# Racers start at once: fewer than the Redis store's pooled connections, so none waits for one (under
# heavy load 100 racers waited past the pool's timeout, a 503 by design). 100 requests race over HTTP
# in tests/fake/test_redis_service.py.
RACERS = MAX_CONNECTIONS - 4
T = TypeVar("T")


@pytest.fixture(params=["memory", "redis"])
async def store(request: pytest.FixtureRequest, clock: FakeClock) -> AsyncIterator[StateStore]:
    kind: StateStore
    if request.param == "memory":
        kind = MemoryStore(LIFETIMES, clock)
    else:
        kind = RedisStore(request.getfixturevalue("redis_server").url, LIFETIMES, clock)
    yield kind
    await kind.reset()
    await kind.close()


@pytest.fixture
def redis_store(redis_server: RedisServer, clock: FakeClock) -> Callable[[str | None], RedisStore]:
    def make(prefix: str | None = None) -> RedisStore:
        return RedisStore(redis_server.url, LIFETIMES, clock, prefix=prefix)

    return make


async def race(count: int, call: Callable[[], Awaitable[T]]) -> list[T]:
    """``count`` calls started at once on one event loop (each its own Redis connection on Redis)."""
    return list(await asyncio.gather(*(call() for _ in range(count))))


async def test_one_claim_per_verification_id(store: StateStore) -> None:
    won = await race(RACERS, lambda: store.claim_verification_id("session", "vid-race"))
    assert won.count(True) == 1
    assert await store.claim_verification_id("data-availability", "vid-race"), "namespaces are apart"


async def test_one_decision_per_session(store: StateStore) -> None:
    session = await store.create_session("vid-1", "9999900000", START)
    decided = await race(
        RACERS, lambda: store.decide(session.session_id, Consent.GRANTED, ("NAME", "PAN"), START)
    )
    codes = [d.auth_code for d in decided if d.recorded]
    assert len(codes) == 1
    assert codes[0] is not None
    redeemed = await race(RACERS, lambda: store.redeem(codes[0] or "", START + 1))
    winners = [s for s in redeemed if s is not None]
    assert len(winners) == 1
    assert winners[0].scopes == ("NAME", "PAN")
    assert winners[0].consent is Consent.GRANTED


async def test_expiry_is_decided_on_the_fakes_clock(store: StateStore) -> None:
    session = await store.create_session("vid-2", "9999900000", START)
    assert await store.session(session.session_id, START + 3599) is not None
    assert await store.session(session.session_id, START + 3600) is None
    assert await store.session_for_token(session.session_id) is not None, "tokens outlive the session"
    decided = await store.decide(session.session_id, Consent.GRANTED, ("NAME",), START)
    assert await store.redeem(decided.auth_code or "", START + 300) is None


async def test_denied_consent_mints_no_code(store: StateStore) -> None:
    session = await store.create_session("vid-3", "9999900000", START)
    decided = await store.decide(session.session_id, Consent.DENIED, ("NAME",), START)
    assert decided.recorded
    assert decided.auth_code is None
    assert not (await store.decide(session.session_id, Consent.GRANTED, ("NAME",), START)).recorded
    stored = await store.session(session.session_id, START)
    assert stored is not None
    assert (stored.consent, stored.scopes) == (Consent.DENIED, ())


async def test_tokens_are_recorded_on_the_session(store: StateStore) -> None:
    session = await store.create_session("vid-4", "9999900000", START)
    await store.add_token(session.session_id, "jti-1")
    await store.add_token(session.session_id, "jti-2")
    loaded = await store.session_for_token(session.session_id)
    assert loaded is not None
    assert loaded.token_ids == {"jti-1", "jti-2"}
    assert loaded.reference_id == session.reference_id


async def test_window_admits_exactly_its_limit(store: StateStore) -> None:
    admitted = await race(RACERS, lambda: store.hit_window("op", 7, 60.0, START + 0.25))
    assert [ok for ok, _ in admitted].count(True) == 7
    assert {start for _, start in admitted} == {START + 0.25}
    assert await store.hit_window("op", 7, 60.0, START + 60.25) == (True, START + 60.25)


async def test_balance_never_goes_below_zero(store: StateStore) -> None:
    spent = await race(RACERS, lambda: store.spend_balance(10))
    assert spent.count(True) == 10
    assert not await store.spend_balance(10), "the initial value counts once, not on every call"


async def test_reference_ids_are_unique(store: StateStore) -> None:
    ids = await race(RACERS, store.next_reference_id)
    assert len(set(ids)) == RACERS


async def test_clock_offset_moves_now(store: StateStore, clock: FakeClock) -> None:
    assert await store.now() == clock()
    await store.set_clock_offset(3600.5)
    assert await store.clock_offset() == 3600.5
    assert await store.now() == clock() + 3600.5


async def test_reset_forgets_everything(store: StateStore) -> None:
    await store.claim_verification_id("session", "vid-5")
    session = await store.create_session("vid-5", "9999900000", START)
    await store.set_clock_offset(10)
    await store.spend_balance(1)
    await store.reset()
    assert await store.claim_verification_id("session", "vid-5")
    assert await store.session_for_token(session.session_id) is None
    assert await store.clock_offset() == 0
    assert await store.spend_balance(1)


async def test_redis_prefixes_isolate_instances(redis_store: Callable[[str | None], RedisStore]) -> None:
    one, other, twin = redis_store(None), redis_store(None), None
    try:
        twin = redis_store(one.prefix)
        assert await one.claim_verification_id("session", "shared-vid")
        assert await other.claim_verification_id("session", "shared-vid"), "another instance: its own ids"
        assert not await twin.claim_verification_id("session", "shared-vid"), "same prefix: one service"
        await twin.set_clock_offset(120)
        assert await one.clock_offset() == 120, "the offset is shared by every worker of the instance"
        await one.reset()
        assert await one.claim_verification_id("session", "shared-vid")
        assert not await other.claim_verification_id("session", "shared-vid"), "reset touched only its own"
    finally:
        for store in (one, other, twin):
            if store is not None:
                await store.reset()
                await store.close()


async def test_unreachable_redis_is_reported_promptly(clock: FakeClock) -> None:
    store = RedisStore(f"redis://127.0.0.1:{free_port()}/0", LIFETIMES, clock)  # nothing listens there
    started = time.monotonic()
    with pytest.raises(StoreUnavailableError):
        await store.claim_verification_id("session", "vid-6")
    assert time.monotonic() - started < 5
    await store.close()


def test_state_must_be_a_redis_url() -> None:
    with pytest.raises(ValueError, match="state must be a redis URL"):
        FakeConfig(state="http://127.0.0.1:6379")
    assert (
        FakeConfig.from_env({"CASHFREE_FAKE_STATE": "redis://127.0.0.1:1/0"}).state == "redis://127.0.0.1:1/0"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--workers", "2"], "--workers above 1 needs --state"),
        (["--state", "memcached://127.0.0.1"], "state must be a redis URL"),
        (["--workers", "0"], "--workers must be at least 1"),
    ],
)
def test_serving_refuses_a_bad_state_setup(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        serve_fake(argv)
    assert exited.value.code == 2
    assert message in capsys.readouterr().err


async def test_a_reset_by_one_worker_reaches_the_others(redis_server: RedisServer, clock: FakeClock) -> None:
    """Two apps on one prefix and secret are two workers of one service: a token answered (and its
    body kept in memory) by one is refused by it once the other worker resets the store."""
    config = FakeConfig(state=redis_server.url, state_prefix=new_prefix())
    one, other = create_app(config, clock=clock), create_app(config, clock=clock)
    async with in_process(one) as first, in_process(other) as second:
        granted = await first.grant()
        assert (await first.user_details(granted.access_token)).status_code == 200
        assert (await second.user_details(granted.access_token)).status_code == 200, "one service"
        await other.reset()
        refused = await first.user_details(granted.access_token)
    assert_error(refused, 400, "access_token_value_invalid")


async def test_a_redis_password_is_redacted(clock: FakeClock) -> None:
    password = "test-redis-pass-Q7vX2"  # noqa: S105 - a planted test value
    app = create_app(FakeConfig(state=f"redis://:{password}@127.0.0.1:{free_port()}/0"), clock=clock)
    assert password not in REDACTOR.text(f"connecting to redis://:{password}@127.0.0.1 failed")
    await app.aclose()
