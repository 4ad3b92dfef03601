"""Behaviours switched on by configuration: rate limits, a billing balance, fault injection."""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Mapping

from contract_tests.fake.config import RateLimit
from contract_tests.fake.errors import VendorError


class FixedWindowLimiter:
    """At most ``limit`` requests per key per window; answers 429 with the vendor's X-RateLimit-* headers."""

    def __init__(self, rule: RateLimit, code: str, message: str, clock: Callable[[], float] = time.time):
        self.rule = rule
        self._code = code
        self._message = message
        self._clock = clock
        self._windows: dict[str, tuple[float, int]] = {}

    def hit(self, key: str) -> None:
        now = self._clock()
        start, count = self._windows.get(key, (now, 0))
        if now - start >= self.rule.window:
            start, count = now, 0
        reset = max(1, math.ceil(start + self.rule.window - now))
        if count >= self.rule.limit:
            raise VendorError(
                429,
                "rate_limit_error",
                self._code,
                self._message,
                headers=(
                    ("X-RateLimit-Limit", str(self.rule.limit)),
                    ("X-RateLimit-Remaining", "0"),
                    ("X-RateLimit-Reset", str(reset)),
                    ("Retry-After", str(reset)),
                ),
            )
        self._windows[key] = (start, count + 1)


class Balance:
    """Billable calls left; each documented operation that bills spends one."""

    def __init__(self, calls: int | None):
        self.left = calls

    def spend(self) -> bool:
        if self.left is None:
            return True
        if self.left <= 0:
            return False
        self.left -= 1
        return True


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
