"""When and how long to wait before trying again (tenacity does the looping).

Retried: 429, 5xx and transport errors (no answer). Never any other 4xx: the same request would get
the same answer. The wait is exponential with full jitter, capped, unless the vendor said how long:
``Retry-After`` (seconds or an HTTP date) or ``X-RateLimit-Reset`` (seconds) win, capped too. Both
the number of attempts and the total time are bounded; a wait that would overrun the total, or the
call's deadline (``deadline.DEADLINE``), is not started, and a call past its deadline is not retried.
Sleeping is injectable (tests use a fake clock), and the async loop sleeps with
``asyncio.sleep`` so it never blocks the event loop.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
)
from tenacity.stop import stop_base

from cashfree_oneclick.deadline import remaining
from cashfree_oneclick.errors import DeadlineExceededError, RateLimitedError, ServerError, TransportError

RETRYABLE = (RateLimitedError, ServerError, TransportError)


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 4  # the first attempt included
    max_total_seconds: float = 30.0
    initial_backoff: float = 0.5
    max_backoff: float = 8.0
    max_server_wait: float = 60.0  # the most we wait when the vendor asks (Retry-After)
    random: Callable[[], float] = field(default=random.random, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.max_total_seconds <= 0 or self.initial_backoff < 0 or self.max_backoff < self.initial_backoff:
            raise ValueError("retry timings must be positive, with max_backoff >= initial_backoff")

    def backoff(self, attempt: int) -> float:
        """Exponential backoff with full jitter for the wait after ``attempt`` (1-based)."""
        ceiling = min(self.max_backoff, self.initial_backoff * 2.0 ** (attempt - 1))
        return ceiling * self.random()

    def wait_for(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, RateLimitedError) and error.retry_after is not None:
            return min(max(error.retry_after, 0.0), self.max_server_wait)
        return self.backoff(state.attempt_number)


def parse_retry_after(headers: Mapping[str, str], now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait, from ``Retry-After`` (delta-seconds or HTTP date) or ``X-RateLimit-Reset``."""
    value = headers.get("retry-after")
    if value is not None:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            moment = None
        if moment is not None:
            return max(0.0, moment.timestamp() - now())
    reset = headers.get("x-ratelimit-reset")
    if reset is not None:
        try:
            seconds = float(reset.strip())
        except ValueError:
            return None
        # The vendor documents seconds to wait; a value that looks like an epoch time is read as one.
        return max(0.0, seconds - now()) if seconds > 1_000_000_000 else max(0.0, seconds)
    return None


def is_retryable(error: BaseException) -> bool:
    return isinstance(error, RETRYABLE) and not isinstance(error, DeadlineExceededError)


class stop_at_deadline(stop_base):  # noqa: N801 - named as tenacity's own stop conditions
    """Stop when the wait would overrun the call's deadline (``deadline.DEADLINE``)."""

    def __call__(self, retry_state: RetryCallState) -> bool:
        left = remaining()
        return left is not None and left - retry_state.upcoming_sleep <= 0


def _options(policy: RetryPolicy, before_sleep: Callable[[RetryCallState], None]) -> dict[str, Any]:
    """What the sync and async loops share: when to stop, how long to wait, what to retry."""
    return {
        "stop": stop_after_attempt(policy.max_attempts)
        | stop_before_delay(policy.max_total_seconds)
        | stop_at_deadline(),
        "wait": policy.wait_for,
        "retry": retry_if_exception(is_retryable),
        "before_sleep": before_sleep,
        "reraise": True,
    }


def sync_retrying(
    policy: RetryPolicy, sleep: Callable[[float], None], before_sleep: Callable[[RetryCallState], None]
) -> Retrying:
    return Retrying(sleep=sleep, **_options(policy, before_sleep))


def async_retrying(
    policy: RetryPolicy,
    sleep: Callable[[float], Awaitable[None]],
    before_sleep: Callable[[RetryCallState], None],
) -> AsyncRetrying:
    return AsyncRetrying(sleep=sleep, **_options(policy, before_sleep))
