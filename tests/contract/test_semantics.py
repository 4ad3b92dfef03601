"""The rules on what the vendor states about values: lifetimes, error types, a 429's headers."""

from __future__ import annotations

import json
from email.utils import formatdate
from typing import Any

import pytest

from contract_tests import rules
from contract_tests.interactions import Interaction
from contract_tests.targets import BUNDLES

BUNDLE = BUNDLES / "contract-fake.yaml"
NOW = 1_767_225_600.0  # 2026-01-01T00:00:00Z
SESSION = {"verification_id": "v-1", "session_id": "s-1", "reference_id": 1}


def _answer(
    operation: str, status: int, body: Any, headers: dict[str, str] | None = None, at: float | None = None
) -> Interaction:
    labelled = {"Content-Type": "application/json", **(headers or {})}
    return Interaction(
        operation, "t", "POST", "http://x", {}, None, status, labelled, json.dumps(body).encode(), at
    )


def _checks(item: Interaction) -> list[str]:
    return sorted(f.check for f in rules.findings(BUNDLE, [item], {}))


def _session(expiry: str, **kw: Any) -> Interaction:
    return _answer("POST /oauth2/session", 200, {**SESSION, "expiry": expiry}, **kw)


@pytest.mark.parametrize(
    ("expiry", "found"),
    [
        ("2026-01-01T01:00:00Z", []),  # the documented hour
        ("2026-01-01T01:00:59Z", []),  # within the tolerance
        ("2026-01-01T00:00:00Z", ["stated_lifetime"]),  # already at the answer's time
        ("2025-12-31T23:00:00Z", ["stated_lifetime"]),  # past when issued
        ("2026-01-01T02:00:00Z", ["stated_lifetime"]),  # two hours
    ],
)
def test_an_expiry_is_the_documented_hour_after_the_answers_date(expiry: str, found: list[str]) -> None:
    assert _checks(_session(expiry, headers={"Date": formatdate(NOW, usegmt=True)})) == found


def test_without_a_date_the_request_time_is_the_answers_time_and_without_either_nothing_is_judged() -> None:
    assert _checks(_session("2026-01-01T01:01:00Z", at=NOW)) == []
    assert _checks(_session("2026-01-01T05:00:00Z", at=NOW)) == ["stated_lifetime"]
    assert _checks(_session("2026-01-01T05:00:00Z")) == []


def test_two_date_headers_joined_are_read_as_the_last_the_origins() -> None:
    joined = f"{formatdate(NOW - 7200, usegmt=True)}, {formatdate(NOW, usegmt=True)}"
    assert _checks(_session("2026-01-01T01:00:00Z", headers={"Date": joined})) == []


def test_an_expiry_not_in_the_layout_is_conformances_finding_not_this_rules() -> None:
    found = _checks(_session("2026-01-01 01:00", headers={"Date": formatdate(NOW, usegmt=True)}))
    assert "stated_lifetime" not in found


def test_a_token_expiry_is_judged_too() -> None:
    token = {"verification_id": "v", "access_token": "t", "expiry": "2026-01-01T00:10:00Z"}
    item = _answer("POST /oauth2/generate-token", 200, token, headers={"Date": formatdate(NOW, usegmt=True)})
    assert "stated_lifetime" in _checks(item)


@pytest.mark.parametrize(
    ("status", "body", "found"),
    [
        (400, {"type": "validation_error", "code": "auth_code_value_invalid", "message": "m"}, []),
        (
            400,
            {"type": "invalid_request_error", "code": "auth_code_value_invalid", "message": "m"},
            ["documented_error_type"],
        ),
        (
            401,
            {"type": "validation_error", "code": "authentication_failed", "message": "m"},
            ["documented_error_type"],
        ),
        (
            400,
            {"type": "validation_error", "code": "some_field_missing", "message": "m"},
            [],
        ),  # no documented type for it
    ],
)
def test_a_documented_code_comes_with_its_documented_type(status: int, body: Any, found: list[str]) -> None:
    assert _checks(_answer("POST /oauth2/generate-token", status, body)) == found


RATE_LIMITED = {"type": "rate_limit_error", "code": "too_many_requests_per_ip", "message": "m"}


def test_a_429_carries_its_rate_limit_headers_as_whole_numbers() -> None:
    full = {"X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "42"}
    assert _checks(_answer("POST /user/data-availability", 429, RATE_LIMITED, headers=full)) == []
    assert _checks(_answer("POST /user/data-availability", 429, RATE_LIMITED)) == ["rate_limit_headers"]
    wrong = {**full, "X-RateLimit-Reset": "soon"}
    found = rules.findings(
        BUNDLE, [_answer("POST /user/data-availability", 429, RATE_LIMITED, headers=wrong)], {}
    )
    assert [f.message for f in found] == ["the 429 lacks a whole-number X-RateLimit-Reset"]
