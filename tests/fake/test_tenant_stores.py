"""Tenants in the state stores, called directly, on memory and on a real redis-server.

Every record is scoped by its tenant: the same verification ids, the clock offset, resets, journal,
scripted faults and personas of one tenant never touch another's. The journal, faults and personas
are store rules like the others (shared by every worker on Redis, atomic under racing callers).
Caps refuse with CapReachedError; a deleted or idle-expired tenant is refused (TenantGoneError) and
leaves no key behind in Redis.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
import redis.asyncio as aioredis

from cashfree_oneclick.fake.redis_server import RedisServer
from cashfree_oneclick.fake.state import (
    DEFAULT_TENANT,
    CapReachedError,
    Caps,
    Consent,
    JournalEntry,
    Lifetimes,
    TenantGoneError,
)
from cashfree_oneclick.fake.store_memory import MemoryStore
from cashfree_oneclick.fake.store_redis import GONE_GRACE, MAX_CONNECTIONS, RedisStore
from cashfree_oneclick.fake.tenancy import RootStore, key_digest, new_tenant
from tests.support.fake_flow import START, FakeClock

pytestmark = pytest.mark.anyio

LIFETIMES = Lifetimes(session=3600, auth_code=300, token=3600)
CAPS = Caps(sessions=3, verification_ids=5, faults=4, personas=2, journal=3)
IDLE = 600.0
RACERS = MAX_CONNECTIONS - 4


@pytest.fixture(params=["memory", "redis"])
async def root(request: pytest.FixtureRequest, clock: FakeClock) -> AsyncIterator[RootStore]:
    store: RootStore
    if request.param == "memory":
        store = MemoryStore(LIFETIMES, clock, tenant_caps=CAPS, idle_seconds=IDLE)
    else:
        server: RedisServer = request.getfixturevalue("redis_server")
        store = RedisStore(server.url, LIFETIMES, clock, tenant_caps=CAPS, idle_seconds=IDLE)
    yield store
    for tenant_id in await store.tenant_ids():
        await store.delete_tenant(tenant_id)
    await store.reset()
    await store.close()


async def created(root: RootStore, max_tenants: int = 10) -> str:
    tenant = new_tenant()
    await root.create_tenant(tenant.record, max_tenants)
    return tenant.record.tenant_id


def entry(operation: str, status: int = 200, body: bytes = b'{"ok":true}') -> JournalEntry:
    return JournalEntry(START, operation, "POST", "/oauth2/session", status, (("x-a", "1"),), {"a": 1}, body)


async def test_two_tenants_use_the_same_verification_ids(root: RootStore) -> None:
    one, other = root.tenant(await created(root)), root.tenant(await created(root))
    for store in (root, one, other):
        assert await store.claim_verification_id("session", "vid-shared")
        assert not await store.claim_verification_id("session", "vid-shared")
    session = await one.create_session("vid-shared", "9999900000", START)
    assert await one.session(session.session_id, START) is not None
    assert await other.session(session.session_id, START) is None, "another tenant's session"
    assert await root.session(session.session_id, START) is None
    decided = await one.decide(session.session_id, Consent.GRANTED, ("NAME",), START)
    assert not (await other.decide(session.session_id, Consent.GRANTED, ("NAME",), START)).recorded
    assert await other.redeem(decided.auth_code or "", START) is None, "another tenant cannot redeem it"
    assert await one.redeem(decided.auth_code or "", START) is not None


async def test_clock_reset_and_balance_are_per_tenant(root: RootStore, clock: FakeClock) -> None:
    one, other = root.tenant(await created(root)), root.tenant(await created(root))
    await one.set_clock_offset(7200)
    assert await one.now() == clock() + 7200
    assert await other.now() == clock()
    assert await root.now() == clock()
    await other.claim_verification_id("session", "vid-kept")
    assert await one.spend_balance(1)
    assert not await one.spend_balance(1)
    assert await other.spend_balance(1), "a balance of its own"
    await one.reset()
    assert await one.clock_offset() == 0
    assert await one.now() == clock(), "a reset tenant still exists"
    assert not await other.claim_verification_id("session", "vid-kept"), "the other kept its claims"
    await root.reset()
    assert not await other.claim_verification_id("session", "vid-kept"), "resetting the default too"


async def test_journal_is_a_ring_of_the_tenants_own(root: RootStore) -> None:
    one, other = root.tenant(await created(root)), root.tenant(await created(root))
    await root.record(entry("default-op"))
    for index in range(5):
        await one.record(entry(f"op-{index}", body=b"\xff not utf-8 \x00"))
    kept = await one.journal()
    assert [e.operation for e in kept] == ["op-2", "op-3", "op-4"], "the newest, up to the cap"
    assert kept[0] == entry("op-2", body=b"\xff not utf-8 \x00"), "every field comes back as recorded"
    assert await other.journal() == []
    assert [e.operation for e in await root.journal()] == ["default-op"]
    await one.clear_journal()
    assert await one.journal() == []
    assert len(await root.journal()) == 1


async def test_scripted_faults_are_taken_once_each(root: RootStore) -> None:
    one, other = root.tenant(await created(root)), root.tenant(await created(root))
    await one.add_faults("Op", 429, 3, 2)
    await one.add_faults("Op", 500, None, 1)
    await one.now()
    assert one.faults_hint == 3
    assert await one.pending_faults() == {"Op": 3}
    assert await other.pending_faults() == {}
    assert await other.take_fault("Op") is None
    taken = await asyncio.gather(*(one.take_fault("Op") for _ in range(RACERS)))
    assert sorted(t for t in taken if t is not None) == [(429, 3), (429, 3), (500, None)]
    assert await one.pending_faults() == {}
    await one.now()
    assert one.faults_hint == 0
    with pytest.raises(CapReachedError, match="4 pending scripted faults"):
        await one.add_faults("Op", 500, None, 5)
    await one.add_faults("Other", 500, None, 4)
    await one.clear_faults()
    assert await one.pending_faults() == {}
    assert await one.take_fault("Other") is None


async def test_personas_are_per_tenant_and_capped(root: RootStore) -> None:
    one, other = root.tenant(await created(root)), root.tenant(await created(root))
    await one.choose_persona("business_pan", "9999900001")
    await one.choose_persona("scopes_missing", None)
    assert await one.personas("9999900001") == ("business_pan", "scopes_missing")
    assert await one.personas("9999900002") == (None, "scopes_missing")
    assert await other.personas("9999900001") == (None, None)
    await one.choose_persona("individual", "9999900002")
    await one.choose_persona("individual", "9999900001")  # a number it has already: no new one
    with pytest.raises(CapReachedError, match="2 mobile numbers"):
        await one.choose_persona("individual", "9999900003")
    assert await one.personas_chosen() == ("scopes_missing", 2)
    await one.reset()
    assert await one.personas_chosen() == (None, 0)


async def test_caps_on_sessions_and_verification_ids(root: RootStore) -> None:
    one = root.tenant(await created(root))
    for index in range(3):
        await one.create_session(f"vid-{index}", "9999900000", START)
    with pytest.raises(CapReachedError, match="3 live sessions"):
        await one.create_session("vid-4", "9999900000", START)
    # Sessions past their horizon (session + code + token lifetimes) no longer count.
    later = START + LIFETIMES.session_horizon + 1
    await one.create_session("vid-5", "9999900000", later)
    for index in range(5):
        assert await one.claim_verification_id("data-availability", f"vid-{index}")
    with pytest.raises(CapReachedError, match="5 verification ids"):  # every namespace counts
        await one.claim_verification_id("session", "vid-0")
    assert not await one.claim_verification_id("data-availability", "vid-0"), "a claim is still a claim"
    for index in range(10):
        await root.create_session(f"vid-{index}", "9999900000", START)  # the default: unbounded here


async def test_tenant_registry_and_deletion(root: RootStore, request: pytest.FixtureRequest) -> None:
    tenant = new_tenant()
    await root.create_tenant(tenant.record, 10)
    tenant_id = tenant.record.tenant_id
    found = await root.tenant_for_client(tenant.record.app_client_id)
    assert found == tenant.record
    assert await root.tenant_for_client(tenant.record.general_client_id) == tenant.record
    assert await root.tenant_for_client("nobody") is None
    assert await root.tenant_for_key(key_digest(tenant.key)) == tenant_id
    assert await root.tenant_for_key(key_digest("wrong")) is None
    assert tenant_id in await root.tenant_ids()
    store = root.tenant(tenant_id)
    await store.create_session("vid-1", "9999900000", START)
    await store.record(entry("op"))
    await store.add_faults("Op", 500, None, 1)
    await store.choose_persona("individual", "9999900000")
    assert await root.delete_tenant(tenant_id)
    assert not await root.delete_tenant(tenant_id)
    assert not await root.delete_tenant(DEFAULT_TENANT)
    with pytest.raises(TenantGoneError):
        await root.tenant(tenant_id).now()
    root.forget(tenant_id)
    assert await root.tenant_for_client(tenant.record.app_client_id) is None
    assert await root.tenant_for_key(key_digest(tenant.key)) is None
    assert tenant_id not in await root.tenant_ids()
    with pytest.raises(TenantGoneError):
        await root.tenant("tenant_never_made").now()
    await root.now()  # the default tenant is always there
    if isinstance(root, RedisStore):
        # Nothing of the deleted tenant is left but its tombstone, until the sweep after the grace.
        assert await redis_keys(request, root.prefix) == [root.prefix + "reg:gone"]


async def test_what_a_late_request_writes_after_its_tenant_was_deleted_is_swept(
    redis_server: RedisServer, clock: FakeClock, request: pytest.FixtureRequest
) -> None:
    """A request that passed the tenant check just before the deletion writes keys without a TTL (a
    claimed id, a journal record, the clock offset, a reset's epoch) after the deletion's scan: the
    tombstone's sweep removes them, so a deleted tenant cannot keep Redis growing."""
    root = RedisStore(redis_server.url, LIFETIMES, clock, tenant_caps=CAPS, idle_seconds=IDLE)
    try:
        tenant_id = await created(root)
        late = root.tenant(tenant_id)
        await late.now()  # admitted
        assert await root.delete_tenant(tenant_id)
        await late.reset()  # first: a reset deletes the tenant's other keys
        await late.claim_verification_id("data-availability", "vid-late")
        await late.record(entry("op"))
        await late.set_clock_offset(60)
        leftovers = [k for k in await redis_keys(request, root.prefix) if tenant_id in k]
        assert len(leftovers) >= 4, leftovers  # the race this guards against, reproduced
        clock.advance(GONE_GRACE - 1)
        await root.sweep_idle()
        assert [k for k in await redis_keys(request, root.prefix) if tenant_id in k] == leftovers
        clock.advance(2)
        await root.sweep_idle()
        assert await redis_keys(request, root.prefix) == []
        with pytest.raises(TenantGoneError):
            await root.tenant(tenant_id).now()
    finally:
        await root.reset()
        await root.close()


async def redis_keys(request: pytest.FixtureRequest, prefix: str) -> list[str]:
    server: RedisServer = request.getfixturevalue("redis_server")
    client = aioredis.Redis.from_url(server.url, decode_responses=True)
    try:
        return sorted([k async for k in client.scan_iter(match=prefix + "*")])
    finally:
        await client.aclose()


async def test_tenant_count_is_capped(root: RootStore) -> None:
    for _ in range(3):
        await created(root, max_tenants=3)
    with pytest.raises(CapReachedError, match="3 tenants"):
        await created(root, max_tenants=3)


async def test_idle_tenants_expire(root: RootStore, clock: FakeClock, request: pytest.FixtureRequest) -> None:
    idle_id, busy_id = await created(root), await created(root)
    await root.tenant(idle_id).create_session("vid-1", "9999900000", START)
    for _ in range(4):
        clock.advance(IDLE / 4)
        await root.touch(busy_id)
    clock.advance(IDLE / 4)
    await root.touch(busy_id)  # a request of the busy tenant sweeps the idle one
    assert await root.tenant_ids() == [busy_id]
    with pytest.raises(TenantGoneError):
        await root.tenant(idle_id).now()
    await root.tenant(busy_id).now()
    if isinstance(root, RedisStore):
        keys = await redis_keys(request, root.prefix)
        assert not [k for k in keys if idle_id in k], keys


async def test_a_worker_that_remembers_a_deleted_tenant_is_told(
    redis_server: RedisServer, clock: FakeClock
) -> None:
    """Two roots on one prefix are two workers: one looked the tenant up, the other deleted it."""
    one = RedisStore(redis_server.url, LIFETIMES, clock, tenant_caps=CAPS)
    other = RedisStore(redis_server.url, LIFETIMES, clock, prefix=one.prefix, tenant_caps=CAPS)
    try:
        tenant = new_tenant()
        await one.create_tenant(tenant.record, 10)
        assert await other.tenant_for_client(tenant.record.app_client_id) == tenant.record
        await other.tenant(tenant.record.tenant_id).now()
        assert await one.delete_tenant(tenant.record.tenant_id)
        assert await other.tenant_for_client(tenant.record.app_client_id) == tenant.record, "remembered"
        with pytest.raises(TenantGoneError):
            await other.tenant(tenant.record.tenant_id).now()
        other.forget(tenant.record.tenant_id)
        assert await other.tenant_for_client(tenant.record.app_client_id) is None
    finally:
        await one.reset()
        await one.close()
        await other.close()
