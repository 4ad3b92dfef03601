"""Behaviours switched on by configuration: rate limits, a billing balance, fault injection."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping

from cashfree_oneclick.fake.config import RateLimit
from cashfree_oneclick.fake.errors import VendorError
from cashfree_oneclick.fake.state import StateStore


class FixedWindowLimiter:
    """At most ``limit`` requests per key per window; answers 429 with the vendor's X-RateLimit-* headers.

    The windows are counted in the state store (shared by every worker), on the fake's clock.
    """

    def __init__(self, rule: RateLimit, code: str, message: str, store: StateStore, name: str):
        self.rule = rule
        self._code = code
        self._message = message
        self._store = store
        self._name = name

    async def hit(self, key: str, now: float) -> None:
        admitted, start = await self._store.hit_window(
            f"{self._name}:{key}", self.rule.limit, self.rule.window, now
        )
        if admitted:
            return
        reset = max(1, math.ceil(start + self.rule.window - now))
        raise VendorError(
            429,
            "rate_limit_error",
            self._code,
            self._message,
            headers=rate_limited_headers(self.rule.limit, reset),
        )


def rate_limited_headers(limit: int, reset: int) -> tuple[tuple[str, str], ...]:
    """The headers of the vendor's 429: the window's limit, none left, seconds until it resets."""
    return (
        ("X-RateLimit-Limit", str(limit)),
        ("X-RateLimit-Remaining", "0"),
        ("X-RateLimit-Reset", str(reset)),
        ("Retry-After", str(reset)),
    )


class Balance:
    """Billable calls left (kept in the state store); each documented operation that bills spends one."""

    def __init__(self, calls: int | None, store: StateStore):
        self._calls = calls
        self._store = store

    async def spend(self) -> bool:
        if self._calls is None:
            return True
        return await self._store.spend_balance(self._calls)


class Faults:
    """Injects configured error statuses with their probabilities (seeded: the same run, the same faults)."""

    def __init__(self, probabilities: Mapping[int, float], seed: int):
        self._probabilities = dict(sorted(probabilities.items()))
        self._random = random.Random(seed)  # noqa: S311 - fault injection, not cryptography

    def draw(self, documented: frozenset[int]) -> int | None:
        """A status to fail with, among those the operation documents, or None."""
        for status, probability in self._probabilities.items():
            if self._random.random() < probability and status in documented:
                return status
        return None
