"""The admin API under /__fake__/ does over HTTP what the programmatic controls do, one route each."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from cashfree_oneclick.fake.kit import OneClickFake
from cashfree_oneclick.version import API_VERSION

MOBILE = "9999900000"
APP_HEADERS = {
    "x-client-id": "test_app_client_id",
    "x-client-secret": "test_app_client_secret",
    "x-api-version": API_VERSION,
}


def _session(http: httpx.Client, verification_id: str, mobile: str = MOBILE) -> httpx.Response:
    user = {"identifier_type": "MOBILE", "identifier_value": mobile}
    return http.post(
        "/oauth2/session", json={"verification_id": verification_id, "user": user}, headers=APP_HEADERS
    )


def _flow(http: httpx.Client, verification_id: str) -> str:
    session_id = _session(http, verification_id).json()["session_id"]
    consent = http.post(f"/__fake__/sessions/{session_id}/consent", json={"decision": "GRANTED"})
    token = http.post(
        "/oauth2/generate-token", json={"auth_code": consent.json()["auth_code"]}, headers=APP_HEADERS
    )
    access_token: str = token.json()["access_token"]
    return access_token


def _details(http: httpx.Client, access_token: str) -> httpx.Response:
    return http.get(
        "/oauth2/user-details",
        headers={"Authorization": f"Bearer {access_token}", "x-api-version": API_VERSION},
    )


@pytest.fixture(params=["in_process", "server"])
def http(request: pytest.FixtureRequest) -> httpx.Client:
    fake: OneClickFake = request.getfixturevalue(
        "oneclick_fake" if request.param == "in_process" else "oneclick_fake_server"
    )
    return fake.http()  # in-process transport, or real HTTP to the server; closed with the fixture


def test_clock_advance_expires_the_token(http: httpx.Client) -> None:
    token = _flow(http, "vid-clock")
    before = http.get("/__fake__/clock").json()
    assert before["offset"] == 0
    moved = http.post("/__fake__/clock/advance", json={"seconds": 3600})
    assert moved.status_code == 200
    assert moved.json()["offset"] == 3600
    assert moved.json()["now"] >= before["now"] + 3600
    assert _details(http, token).json()["code"] == "access_token_value_invalid"
    refused = http.post("/__fake__/clock/advance", json={"seconds": -1})
    assert refused.status_code == 400


def test_reset_forgets_everything(http: httpx.Client) -> None:
    token = _flow(http, "vid-reset")
    http.post("/__fake__/clock/advance", json={"seconds": 10})
    assert http.post("/__fake__/reset").json() == {"reset": True}
    assert http.get("/__fake__/clock").json()["offset"] == 0
    assert http.get("/__fake__/journal").json() == {"records": []}
    assert _details(http, token).status_code == 400
    assert _session(http, "vid-reset").status_code == 200  # the verification_id is free again


def test_scripted_faults(http: httpx.Client) -> None:
    planned = http.post(
        "/__fake__/faults",
        json={"operation": "VrsUserVaultOauthInitiation", "status": 429, "times": 2, "retry_after": 5},
    )
    assert planned.json() == {"pending": {"VrsUserVaultOauthInitiation": 2}}
    first, second, third = (_session(http, f"vid-fault-{n}") for n in range(3))
    assert [first.status_code, second.status_code, third.status_code] == [429, 429, 200]
    assert first.headers["retry-after"] == "5"
    assert first.headers["x-fake-fault"] == "planned"
    assert first.json()["code"] == "too_many_requests_per_operation"
    undocumented = http.post(
        "/__fake__/faults", json={"operation": "VrsUserVaultOauthGenerateToken", "status": 403}
    )
    assert undocumented.status_code == 400
    assert "documents no 403" in undocumented.json()["message"]
    http.post("/__fake__/faults", json={"operation": "VrsUserVaultOauthInitiation", "status": 500})
    assert http.delete("/__fake__/faults").json() == {"pending": {}}
    assert _session(http, "vid-fault-after").status_code == 200


def test_journal_over_http_is_redacted_and_clearable(http: httpx.Client) -> None:
    token = _flow(http, "vid-journal")
    journal: list[dict[str, Any]] = http.get("/__fake__/journal").json()["records"]
    assert [(r["operation"], r["status"]) for r in journal] == [
        ("VrsUserVaultOauthInitiation", 200),
        ("FakeGiveConsent", 200),
        ("VrsUserVaultOauthGenerateToken", 200),
    ]
    text = http.get("/__fake__/journal").text
    for secret in (MOBILE, token, "test_app_client_secret"):
        assert secret not in text
    assert journal[1]["path"] == "/__fake__/sessions/{session_id}/consent"
    assert http.delete("/__fake__/journal").json() == {"records": []}
    assert http.get("/__fake__/journal").json() == {"records": []}


def test_persona(http: httpx.Client) -> None:
    chosen = http.put("/__fake__/persona", json={"persona": "scopes_missing", "mobile": MOBILE})
    assert chosen.json() == {"default": "individual", "chosen": 1}
    available = http.post(
        "/user/data-availability",
        json={
            "verification_id": "vid-p",
            "user": [{"identifier_type": "MOBILE", "identifier_value": MOBILE}],
        },
        headers={
            **APP_HEADERS,
            "x-client-id": "test_general_client_id",
            "x-client-secret": "test_general_client_secret",
        },
    )
    assert sorted(s["scope"] for s in available.json()["available_scopes"]) == ["EMAIL", "MOBILE", "NAME"]
    assert http.put("/__fake__/persona", json={"persona": "nobody"}).status_code == 400
