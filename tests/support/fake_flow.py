"""Clients of the fake's tests: the flow's calls on an httpx client, in process or over HTTP.

- ``FakeClock``: a clock the test moves by hand (``START`` is 2026-01-01T00:00:00Z);
- ``FlowClient``: the five calls of the flow, with valid defaults, returning the raw responses;
  ``grant`` runs session -> consent -> token;
- ``in_process``: a FlowClient on the ASGI app itself; ``over_http``: one on a ``LiveServer``
  (the ``live_server`` fixture of tests/fake/conftest.py); ``served``: a fake with a config on a free
  loopback port, as a base URL.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from cashfree_oneclick.fake import (
    TEST_APP_CLIENT_ID,
    TEST_APP_CLIENT_SECRET,
    TEST_GENERAL_CLIENT_ID,
    TEST_GENERAL_CLIENT_SECRET,
    FakeCashfree,
    FakeConfig,
)
from cashfree_oneclick.version import API_VERSION
from tests.serving import serve

GENERAL_HEADERS: Mapping[str, str] = {
    "x-api-version": API_VERSION,
    "x-client-id": TEST_GENERAL_CLIENT_ID,
    "x-client-secret": TEST_GENERAL_CLIENT_SECRET,
}
APP_HEADERS: Mapping[str, str] = {
    "x-api-version": API_VERSION,
    "x-client-id": TEST_APP_CLIENT_ID,
    "x-client-secret": TEST_APP_CLIENT_SECRET,
}
MOBILE = "9876543210"
START = 1_767_225_600.0  # 2026-01-01T00:00:00Z
IN_PROCESS_BASE = "http://fake/verification"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def new_verification_id() -> str:
    return f"vid_{uuid.uuid4().hex}"


@dataclass(frozen=True)
class Granted:
    verification_id: str
    session_id: str
    auth_code: str
    access_token: str


class FlowClient:
    """The calls of the flow on an httpx.AsyncClient whose base URL ends in /verification."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def data_availability(
        self,
        mobile: str = MOBILE,
        verification_id: str | None = None,
        headers: Mapping[str, str] = GENERAL_HEADERS,
    ) -> httpx.Response:
        body = {
            "verification_id": verification_id or new_verification_id(),
            "user": [{"identifier_type": "MOBILE", "identifier_value": mobile}],
        }
        return await self.http.post("/user/data-availability", headers=dict(headers), json=body)

    async def session(
        self,
        mobile: str = MOBILE,
        verification_id: str | None = None,
        headers: Mapping[str, str] = APP_HEADERS,
    ) -> httpx.Response:
        body = {
            "verification_id": verification_id or new_verification_id(),
            "user": {"identifier_type": "MOBILE", "identifier_value": mobile},
        }
        return await self.http.post("/oauth2/session", headers=dict(headers), json=body)

    async def consent(
        self, session_id: str, decision: str = "GRANTED", scopes: Sequence[str] | None = None
    ) -> httpx.Response:
        body: dict[str, Any] = {"decision": decision}
        if scopes is not None:
            body["scopes"] = list(scopes)
        return await self.http.post(f"/__fake__/sessions/{session_id}/consent", json=body)

    async def generate_token(
        self, auth_code: str, headers: Mapping[str, str] = APP_HEADERS
    ) -> httpx.Response:
        return await self.http.post(
            "/oauth2/generate-token", headers=dict(headers), json={"auth_code": auth_code}
        )

    async def user_details(
        self, access_token: str | None = None, *, authorization: str | None = None
    ) -> httpx.Response:
        headers = {"x-api-version": API_VERSION}
        if authorization is not None:
            headers["Authorization"] = authorization
        elif access_token is not None:
            headers["Authorization"] = f"Bearer {access_token}"
        return await self.http.get("/oauth2/user-details", headers=headers)

    async def grant(self, mobile: str = MOBILE, scopes: Sequence[str] | None = None) -> Granted:
        """Session, consent and token in one go (each step must succeed)."""
        verification_id = new_verification_id()
        session = await self.session(mobile, verification_id)
        assert session.status_code == 200, session.text
        session_id = session.json()["session_id"]
        consent = await self.consent(session_id, "GRANTED", scopes)
        assert consent.status_code == 200, consent.text
        auth_code = consent.json()["auth_code"]
        token = await self.generate_token(auth_code)
        assert token.status_code == 200, token.text
        return Granted(verification_id, session_id, auth_code, token.json()["access_token"])


@asynccontextmanager
async def in_process(app: FakeCashfree, client_ip: str = "127.0.0.1") -> AsyncIterator[FlowClient]:
    asgi_app: Callable[..., Awaitable[None]] = app  # the app's scope is a dict, httpx's a MutableMapping
    transport = httpx.ASGITransport(app=asgi_app, client=(client_ip, 50_000))
    try:
        async with httpx.AsyncClient(transport=transport, base_url=IN_PROCESS_BASE) as http:
            yield FlowClient(http)
    finally:
        await app.aclose()  # the ASGI transport runs no lifespan: release the store's connections here


@dataclass(frozen=True)
class LiveServer:
    base_url: str  # http://127.0.0.1:<port>/verification
    app: FakeCashfree


@asynccontextmanager
async def over_http(server: LiveServer, connections: int = 10) -> AsyncIterator[FlowClient]:
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=server.base_url, limits=limits, timeout=30.0) as http:
        yield FlowClient(http)


@contextmanager
def served(config: FakeConfig) -> Iterator[str]:
    """The fake with ``config`` on a free loopback port; yields its base URL (.../verification)."""
    with serve(config) as serving:
        yield serving.base_url
