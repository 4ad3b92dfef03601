"""``retries.parse_retry_after``: how long the vendor asked to wait, from the headers of a 429.

``Retry-After`` as delta-seconds or an HTTP date (against an injected clock), else
``X-RateLimit-Reset`` (seconds, or an epoch time when it looks like one); anything unreadable is None.
"""

from __future__ import annotations

import email.utils

import pytest
from hypothesis import given

from cashfree_oneclick.retries import parse_retry_after
from tests.strategies import retry_after_seconds

NOW = 1_767_225_600.0  # 2026-01-01T00:00:00Z
HTTP_DATE = "Thu, 01 Jan 2026 00:01:30 GMT"  # NOW + 90 s


def now() -> float:
    return NOW


@pytest.mark.parametrize(("value", "seconds"), [("120", 120.0), ("0", 0.0), (" 5 ", 5.0), ("007", 7.0)])
def test_delta_seconds(value: str, seconds: float) -> None:
    assert parse_retry_after({"retry-after": value}, now=now) == seconds


def test_http_date_is_seconds_from_now() -> None:
    assert parse_retry_after({"retry-after": HTTP_DATE}, now=now) == 90.0


def test_http_date_in_the_past_is_no_wait() -> None:
    assert parse_retry_after({"retry-after": "Wed, 31 Dec 2025 23:00:00 GMT"}, now=now) == 0.0


def test_http_date_with_a_numeric_zone() -> None:
    # 05:31:30 +0530 is 00:01:30 UTC
    assert parse_retry_after({"retry-after": "Thu, 01 Jan 2026 05:31:30 +0530"}, now=now) == 90.0


def test_http_date_formatted_by_the_standard_library() -> None:
    value = email.utils.formatdate(NOW + 42, usegmt=True)

    assert parse_retry_after({"retry-after": value}, now=now) == 42.0


@pytest.mark.parametrize(("value", "seconds"), [("3", 3.0), ("2.5", 2.5), ("0", 0.0), ("-4", 0.0)])
def test_x_ratelimit_reset_seconds(value: str, seconds: float) -> None:
    assert parse_retry_after({"x-ratelimit-reset": value}, now=now) == seconds


def test_x_ratelimit_reset_as_an_epoch_time() -> None:
    assert parse_retry_after({"x-ratelimit-reset": str(int(NOW) + 25)}, now=now) == 25.0


def test_retry_after_wins_over_x_ratelimit_reset() -> None:
    assert parse_retry_after({"retry-after": "9", "x-ratelimit-reset": "3"}, now=now) == 9.0


def test_unreadable_retry_after_falls_back_to_x_ratelimit_reset() -> None:
    assert parse_retry_after({"retry-after": "soon", "x-ratelimit-reset": "3"}, now=now) == 3.0


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"retry-after": "soon"},
        {"retry-after": ""},
        {"retry-after": "Thu, 99 Foo 2026 25:61:61 GMT"},
        {"x-ratelimit-reset": "later"},
        {"x-ratelimit-reset": ""},
        {"retry-after": "garbage", "x-ratelimit-reset": "garbage"},
        {"x-ratelimit-limit": "100", "x-ratelimit-remaining": "0"},
    ],
)
def test_garbage_is_none(headers: dict[str, str]) -> None:
    assert parse_retry_after(headers, now=now) is None


@given(retry_after_seconds())
def test_any_delta_seconds_is_read_exactly(seconds: int) -> None:
    assert parse_retry_after({"retry-after": str(seconds)}, now=now) == float(seconds)
    assert parse_retry_after({"x-ratelimit-reset": str(seconds)}, now=now) == float(seconds)
