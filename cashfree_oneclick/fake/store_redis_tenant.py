"""The Redis rules of one tenant: every worker and replica given the same URL and prefix is one fake.

Each rule is one atomic Redis step: a verification_id claim is ``SET NX`` (a Lua script when capped);
an auth code is spent with ``GETDEL``; sessions, consent, fixed-window counts, the balance, reference
ids, scripted faults and personas are Lua scripts (``store_redis.lua``); a journal record is one
``MULTI`` of RPUSH and LTRIM (the ring). Expiry is decided against the fake's clock from stored
timestamps; key TTLs (the vendor's lifetimes) only collect garbage. Every key of a tenant starts with
its prefix (the instance's, then ``t:<tenant>:``), so ``reset`` deletes exactly that tenant's keys.

Timeouts are short and retries few, so a Redis that is down or gone answers within a couple of
seconds as :class:`StoreUnavailableError` (the app's 503); the pool reconnects by itself when it is back.
"""

from __future__ import annotations

import json
import math
import re
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from redis.asyncio import Redis
from redis.commands.core import AsyncScript
from redis.exceptions import RedisError

from cashfree_oneclick.fake.state import (
    DEFAULT_TENANT,
    UNBOUNDED,
    CapReachedError,
    Caps,
    Consent,
    Decided,
    JournalEntry,
    Lifetimes,
    Session,
    StateStore,
    StoreUnavailableError,
    TenantGoneError,
)

SCRIPTS = Path(__file__).with_name("store_redis.lua")


def load_scripts(path: Path = SCRIPTS) -> dict[str, str]:
    """The Lua scripts of ``path`` by name: each block starts with a ``-- name: <name>`` line."""
    scripts: dict[str, str] = {}
    for block in re.split(r"^-- name: ", path.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]:
        name, _, body = block.partition("\n")
        scripts[name.strip()] = body.strip() + "\n"
    return scripts


@contextmanager
def unavailable() -> Iterator[None]:
    try:
        yield
    except (RedisError, OSError) as error:  # connection refused, reset, timed out, pool exhausted
        raise StoreUnavailableError(f"{type(error).__name__}: {error}") from error


def _ms(seconds: float) -> int:
    return max(1, math.ceil(seconds * 1000))


def _cap(value: int | None) -> int:
    return -1 if value is None else max(value, 0)  # -1 in a script: unbounded


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[\]\\])", r"\\\1", text)


class RedisTenantStore(StateStore):
    def __init__(
        self,
        redis: Redis,
        scripts: dict[str, AsyncScript],
        prefix: str,
        lifetimes: Lifetimes,
        clock: Callable[[], float] = time.time,
        tenant_id: str = DEFAULT_TENANT,
        caps: Caps = UNBOUNDED,
        reference_base: str = "100000",
    ):
        self.redis = redis
        self.clock = clock
        self.tenant_id = tenant_id
        self.caps = caps
        self.key_prefix = prefix  # this tenant's keys start so
        self._scripts = scripts
        self._lifetimes = lifetimes
        self._reference_base = reference_base

    def _key(self, *parts: str) -> str:
        return self.key_prefix + ":".join(parts)

    async def _run(self, script: str, keys: list[str], args: list[Any]) -> Any:
        with unavailable():
            return await self._scripts[script](keys=keys, args=args)

    async def now(self) -> float:
        # One round trip for all three: the offset (time travel), the epoch (has any worker reset? does
        # the tenant still exist?) and how many scripted faults are pending (none: no take to ask).
        with unavailable():
            offset, epoch, faults = await self.redis.mget(
                self._key("clock-offset"), self._key("epoch"), self._key("faults-pending")
            )
        if epoch is None and self.tenant_id != DEFAULT_TENANT:
            raise TenantGoneError(self.tenant_id)  # a created tenant has an epoch until deleted
        self.epoch = str(epoch or "")
        self.faults_hint = int(faults or 0)
        return self.clock() + (float(offset) if offset is not None else 0.0)

    async def clock_offset(self) -> float:
        with unavailable():
            value = await self.redis.get(self._key("clock-offset"))
        return float(value) if value is not None else 0.0

    async def set_clock_offset(self, seconds: float) -> None:
        with unavailable():
            await self.redis.set(self._key("clock-offset"), repr(float(seconds)))

    async def next_reference_id(self) -> int:
        return int(await self._run("next_reference_id", [self._key("reference-id")], [self._reference_base]))

    async def claim_verification_id(self, namespace: str, verification_id: str) -> bool:
        # No TTL: the vendor never lets a verification_id be used twice; reset (or the prefix) clears it.
        key = self._key("vid", namespace, verification_id)
        if self.caps.verification_ids is None:
            with unavailable():
                return bool(await self.redis.set(key, "1", nx=True))
        claimed = await self._run("claim_capped", [key, self._key("vid-count")], [self.caps.verification_ids])
        if claimed == -1:
            raise CapReachedError("verification ids", self.caps.verification_ids)
        return bool(claimed)

    async def create_session(self, verification_id: str, mobile: str, now: float) -> Session:
        session_id = f"session_{secrets.token_urlsafe(24)}"
        expires_at = now + self._lifetimes.session
        horizon = now + self._lifetimes.session_horizon
        reference_id = await self._run(
            "create_session",
            [self._key("session", session_id), self._key("reference-id"), self._key("sessions")],
            [
                verification_id,
                mobile,
                repr(expires_at),
                _ms(self._lifetimes.session_horizon),
                self._reference_base,
                _cap(self.caps.sessions),
                repr(now),
                repr(horizon),
                session_id,
            ],
        )
        if reference_id == -1:
            raise CapReachedError("live sessions", self.caps.sessions or 0)
        return Session(session_id, verification_id, mobile, int(reference_id), expires_at)

    async def _load(self, session_id: str, with_tokens: bool) -> Session | None:
        with unavailable():
            async with self.redis.pipeline(transaction=False) as pipe:
                pipe.hgetall(self._key("session", session_id))
                if with_tokens:
                    pipe.smembers(self._key("tokens", session_id))
                results = await pipe.execute()
        fields: dict[str, str] = results[0]
        if not fields:
            return None
        return Session(
            session_id=session_id,
            verification_id=fields["vid"],
            mobile=fields["mobile"],
            reference_id=int(fields["ref"]),
            expires_at=float(fields["exp"]),
            consent=Consent(fields["consent"]),
            scopes=tuple(fields["scopes"].split()),
            token_ids=set(results[1]) if with_tokens else set(),
        )

    async def session(self, session_id: str, now: float) -> Session | None:
        session = await self._load(session_id, with_tokens=False)
        if session is None or now >= session.expires_at:
            return None
        return session

    async def session_for_token(self, session_id: str) -> Session | None:
        return await self._load(session_id, with_tokens=True)

    async def decide(
        self, session_id: str, decision: Consent, scopes: tuple[str, ...], now: float
    ) -> Decided:
        granted = decision is Consent.GRANTED
        code = secrets.token_urlsafe(24) if granted else None
        recorded = await self._run(
            "decide",
            [self._key("session", session_id), self._key("auth-code", code or "-")],
            [
                decision.value,
                " ".join(scopes) if granted else "",
                f"{session_id} {now + self._lifetimes.auth_code!r}" if code else "",
                _ms(self._lifetimes.auth_code),
            ],
        )
        return Decided(recorded=bool(recorded), auth_code=code if recorded else None)

    async def redeem(self, code: str, now: float) -> Session | None:
        with unavailable():
            value = await self.redis.getdel(self._key("auth-code", code))  # spent by whoever reads it first
        if value is None:
            return None
        session_id, _, expires_at = str(value).partition(" ")
        if now >= float(expires_at):
            return None
        session = await self._load(session_id, with_tokens=False)
        if session is None or session.consent is not Consent.GRANTED:
            return None
        return session

    async def add_token(self, session_id: str, token_id: str) -> None:
        key = self._key("tokens", session_id)
        with unavailable():
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.sadd(key, token_id)
                pipe.pexpire(key, _ms(self._lifetimes.session_horizon))
                await pipe.execute()

    async def hit_window(self, key: str, limit: int, window: float, now: float) -> tuple[bool, float]:
        # The key outlives its window a little: the window is decided on the fake's clock, not by TTL.
        admitted, start = await self._run(
            "hit_window", [self._key("window", key)], [limit, repr(window), repr(now), _ms(2 * window + 1)]
        )
        return bool(admitted), float(start)

    async def spend_balance(self, initial: int) -> bool:
        return bool(await self._run("spend_balance", [self._key("balance")], [initial]))

    async def record(self, entry: JournalEntry) -> None:
        if self.caps.journal <= 0:
            return
        key = self._key("journal")
        with unavailable():
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.rpush(key, _encode_entry(entry))
                pipe.ltrim(key, -self.caps.journal, -1)
                await pipe.execute()

    async def journal(self) -> list[JournalEntry]:
        with unavailable():
            raw = await self.redis.lrange(self._key("journal"), 0, -1)
        return [_decode_entry(str(item)) for item in raw]

    async def clear_journal(self) -> None:
        with unavailable():
            await self.redis.delete(self._key("journal"))

    def _fault_keys(self, operation: str) -> list[str]:
        return [self._key("faults", operation), self._key("fault-counts"), self._key("faults-pending")]

    async def add_faults(self, operation: str, status: int, retry_after: int | None, times: int) -> None:
        entry = f"{status} {'' if retry_after is None else retry_after}"
        added = await self._run(
            "add_faults", self._fault_keys(operation), [operation, entry, times, _cap(self.caps.faults)]
        )
        if added == -1:
            raise CapReachedError("pending scripted faults", self.caps.faults or 0)

    async def take_fault(self, operation: str) -> tuple[int, int | None] | None:
        entry = await self._run("take_fault", self._fault_keys(operation), [operation])
        if entry is None:
            return None
        status, _, retry_after = str(entry).partition(" ")
        return int(status), int(retry_after) if retry_after else None

    async def pending_faults(self) -> dict[str, int]:
        with unavailable():
            counts = await self.redis.hgetall(self._key("fault-counts"))
        return {str(op): int(n) for op, n in sorted(counts.items()) if int(n) > 0}

    async def clear_faults(self) -> None:
        keys = [self._key("fault-counts"), self._key("faults-pending")]
        await self._run("clear_faults", keys, [self.key_prefix])

    async def choose_persona(self, name: str, mobile: str | None) -> None:
        keys = [self._key("personas"), self._key("persona-default")]
        chosen = await self._run("choose_persona", keys, [name, mobile or "", _cap(self.caps.personas)])
        if chosen == -1:
            raise CapReachedError("mobile numbers with a persona", self.caps.personas or 0)

    async def personas(self, mobile: str) -> tuple[str | None, str | None]:
        with unavailable():
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.hget(self._key("personas"), mobile)
                pipe.get(self._key("persona-default"))
                own, default = await pipe.execute()
        return own, default

    async def personas_chosen(self) -> tuple[str | None, int]:
        with unavailable():
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.get(self._key("persona-default"))
                pipe.hlen(self._key("personas"))
                default, count = await pipe.execute()
        return default, int(count)

    async def reset(self) -> None:
        # Every key of this tenant but its epoch goes (a tenant whose epoch is missing is a deleted
        # one: a request running meanwhile must not be refused), then the epoch is new.
        epoch_key = self._key("epoch")
        await self.delete_keys(keep=epoch_key)
        self.epoch = secrets.token_hex(8)
        with unavailable():
            await self.redis.set(epoch_key, self.epoch)

    async def delete_keys(self, keep: str | None = None) -> None:
        with unavailable():
            batch: list[str] = []
            async for key in self.redis.scan_iter(match=glob_escape(self.key_prefix) + "*", count=1000):
                if key != keep:
                    batch.append(key)
                if len(batch) >= 1000:
                    await self.redis.unlink(*batch)
                    batch.clear()
            if batch:
                await self.redis.unlink(*batch)


def _encode_entry(entry: JournalEntry) -> str:
    # surrogateescape: a body that is not UTF-8 comes back byte for byte.
    return json.dumps(
        [
            entry.at,
            entry.operation,
            entry.method,
            entry.path,
            entry.status,
            entry.headers,
            entry.request_body,
            entry.response_body.decode("utf-8", "surrogateescape"),
        ]
    )


def _decode_entry(raw: str) -> JournalEntry:
    at, operation, method, path, status, headers, request_body, response = json.loads(raw)
    return JournalEntry(
        at,
        operation,
        method,
        path,
        status,
        tuple((str(k), str(v)) for k, v in headers),
        request_body,
        str(response).encode("utf-8", "surrogateescape"),
    )
