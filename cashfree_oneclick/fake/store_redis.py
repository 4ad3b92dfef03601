"""The Redis state store: every worker and replica given the same URL and prefix is one fake.

Each rule is one atomic Redis step: a verification_id claim is ``SET NX``; an auth code is spent
with ``GETDEL``; consent, fixed-window counts, the balance and reference ids are Lua scripts
(``store_redis.lua``). Expiry is decided against the fake's clock from stored timestamps; key TTLs
(the vendor's lifetimes) only collect garbage. All keys start with the instance's prefix, so runs
sharing one Redis never see each other's state, and ``reset`` deletes exactly those keys.

Timeouts are short and retries few, so a Redis that is down or gone answers within a couple of
seconds as :class:`StoreUnavailableError` (the app's 503); the pool reconnects by itself when it is back.
"""

from __future__ import annotations

import math
import os
import re
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from cashfree_oneclick.fake.state import (
    Consent,
    Decided,
    Lifetimes,
    Session,
    StateStore,
    StoreUnavailableError,
)

SCRIPTS = Path(__file__).with_suffix(".lua")
CONNECT_TIMEOUT = 1.0  # seconds; with one retry a dead Redis is reported in about 2 s, never a hang
COMMAND_TIMEOUT = 1.0
POOL_WAIT = 2.0  # how long a request waits for a free connection before it is a 503
MAX_CONNECTIONS = 64  # per worker


def load_scripts(path: Path = SCRIPTS) -> dict[str, str]:
    """The Lua scripts of ``path`` by name: each block starts with a ``-- name: <name>`` line."""
    scripts: dict[str, str] = {}
    for block in re.split(r"^-- name: ", path.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]:
        name, _, body = block.partition("\n")
        scripts[name.strip()] = body.strip() + "\n"
    return scripts


def new_prefix() -> str:
    return f"cashfree-fake:{secrets.token_hex(6)}:"


@contextmanager
def _unavailable() -> Iterator[None]:
    try:
        yield
    except (RedisError, OSError) as error:  # connection refused, reset, timed out, pool exhausted
        raise StoreUnavailableError(f"{type(error).__name__}: {error}") from error


def _ms(seconds: float) -> int:
    return max(1, math.ceil(seconds * 1000))


class RedisStore(StateStore):
    def __init__(
        self,
        url: str,
        lifetimes: Lifetimes,
        clock: Callable[[], float] = time.time,
        prefix: str | None = None,
    ):
        self.clock = clock
        self.prefix = prefix if prefix is not None else new_prefix()
        self._lifetimes = lifetimes
        pool = BlockingConnectionPool.from_url(
            url,
            max_connections=MAX_CONNECTIONS,
            timeout=POOL_WAIT,
            socket_timeout=COMMAND_TIMEOUT,
            socket_connect_timeout=CONNECT_TIMEOUT,
            # One immediate retry: after a Redis restart a pooled connection fails once, the next is new.
            retry=Retry(NoBackoff(), 1),
            decode_responses=True,
            # Names each worker's connections (CLIENT LIST shows which processes share the store).
            client_name=f"cashfree-fake-{os.getpid()}",
        )
        self.redis: Redis = Redis(connection_pool=pool)
        self._scripts = {name: self.redis.register_script(body) for name, body in load_scripts().items()}
        self._reference_base = str(100_000 + secrets.randbelow(900_000))

    def _key(self, *parts: str) -> str:
        return self.prefix + ":".join(parts)

    async def _run(self, script: str, keys: list[str], args: list[Any]) -> Any:
        with _unavailable():
            return await self._scripts[script](keys=keys, args=args)

    async def now(self) -> float:
        # One round trip for both: the offset (time travel) and the epoch (has any worker reset?).
        with _unavailable():
            offset, epoch = await self.redis.mget(self._key("clock-offset"), self._key("epoch"))
        self.epoch = str(epoch or "")
        return self.clock() + (float(offset) if offset is not None else 0.0)

    async def clock_offset(self) -> float:
        with _unavailable():
            value = await self.redis.get(self._key("clock-offset"))
        return float(value) if value is not None else 0.0

    async def set_clock_offset(self, seconds: float) -> None:
        with _unavailable():
            await self.redis.set(self._key("clock-offset"), repr(float(seconds)))

    async def next_reference_id(self) -> int:
        return int(await self._run("next_reference_id", [self._key("reference-id")], [self._reference_base]))

    async def claim_verification_id(self, namespace: str, verification_id: str) -> bool:
        # No TTL: the vendor never lets a verification_id be used twice; reset (or the prefix) clears it.
        with _unavailable():
            return bool(await self.redis.set(self._key("vid", namespace, verification_id), "1", nx=True))

    async def create_session(self, verification_id: str, mobile: str, now: float) -> Session:
        session_id = f"session_{secrets.token_urlsafe(24)}"
        expires_at = now + self._lifetimes.session
        reference_id = await self._run(
            "create_session",
            [self._key("session", session_id), self._key("reference-id")],
            [
                verification_id,
                mobile,
                repr(expires_at),
                _ms(self._lifetimes.session_horizon),
                self._reference_base,
            ],
        )
        return Session(session_id, verification_id, mobile, int(reference_id), expires_at)

    async def _load(self, session_id: str, with_tokens: bool) -> Session | None:
        with _unavailable():
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
        with _unavailable():
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
        with _unavailable():
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

    async def reset(self) -> None:
        with _unavailable():
            batch: list[str] = []
            async for key in self.redis.scan_iter(match=_glob_escape(self.prefix) + "*", count=1000):
                batch.append(key)
                if len(batch) >= 1000:
                    await self.redis.unlink(*batch)
                    batch.clear()
            if batch:
                await self.redis.unlink(*batch)
            self.epoch = secrets.token_hex(8)
            await self.redis.set(self._key("epoch"), self.epoch)

    async def close(self) -> None:
        with _unavailable():
            await self.redis.aclose()
            await self.redis.connection_pool.disconnect()


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[\]\\])", r"\\\1", text)
