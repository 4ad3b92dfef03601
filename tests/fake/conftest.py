"""Shared fixtures of the fake server's tests.

- ``clock`` / ``make_app``: a movable clock and apps that run on it (expiry without waiting), on the
  in-memory store or (``store`` fixture) on a real redis-server (``redis_server``: one per process).
- ``in_process``: an httpx.AsyncClient on the ASGI app itself; ``live_server`` / ``over_http``: the same
  app served by uvicorn on 127.0.0.1 (port 0) for the whole session.
- ``FlowClient``: the five calls of the flow, with valid defaults, returning the raw responses.
- ``assert_matches`` / ``assert_error``: responses checked against the contract-fake bundle's own
  response schemas (read from the bundle, never copied).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from jsonschema import Draft4Validator

from cashfree_oneclick.fake import (
    TEST_APP_CLIENT_ID,
    TEST_APP_CLIENT_SECRET,
    TEST_GENERAL_CLIENT_ID,
    TEST_GENERAL_CLIENT_SECRET,
    FakeCashfree,
    FakeConfig,
    create_app,
)
from cashfree_oneclick.fake.redis_server import RedisServer, run_redis
from cashfree_oneclick.version import API_VERSION
from scripts.json_pointer import deref as deref_in
from scripts.openapi_schema import to_json_schema
from tests.serving import serve

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_FAKE_BUNDLE = ROOT / "openapi" / "bundles" / "contract-fake.yaml"
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
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A redis-server of this test process's own (a free port; xdist workers each start theirs)."""
    with run_redis(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture
def store() -> str:
    """The state store of ``make_app``'s apps; a module re-runs its tests on Redis by overriding it
    with ``params=["memory", "redis"]``."""
    return "memory"


@pytest.fixture
def make_app(clock: FakeClock, store: str, request: pytest.FixtureRequest) -> Callable[..., FakeCashfree]:
    """Apps on the test's clock: ``make_app()`` or ``make_app(FakeConfig(...))``."""
    # Each Redis app gets a fresh key prefix (FakeConfig's default): tests never see each other's state.
    state = request.getfixturevalue("redis_server").url if store == "redis" else None

    def make(config: FakeConfig | None = None) -> FakeCashfree:
        return create_app((config or FakeConfig()).with_(state=state), clock=clock)

    return make


def new_verification_id() -> str:
    return f"vid_{uuid.uuid4().hex}"


# ---------------------------------------------------------------------------------------------------
# The bundle


@cache
def bundle() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(CONTRACT_FAKE_BUNDLE.read_text(encoding="utf-8"))
    return document


def deref(node: Any) -> Any:
    return deref_in(bundle(), node)


def operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(path, METHOD, operation object) of every operation of the bundle."""
    for path, item in bundle()["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method.upper(), operation


def operation(operation_id: str) -> dict[str, Any]:
    return next(op for _, _, op in operations() if op["operationId"] == operation_id)


@cache
def response_validator(operation_id: str, status: int) -> Draft4Validator:
    """The JSON schema the bundle documents for ``operation_id``'s ``status`` answer."""
    response = deref(operation(operation_id)["responses"][str(status)])
    schema = response["content"]["application/json"]["schema"]
    return Draft4Validator(to_json_schema(schema, bundle()))


def documented_scopes() -> tuple[str, ...]:
    scopes: list[str] = bundle()["components"]["schemas"]["Scope"]["properties"]["scope"]["enum"]
    return tuple(scopes)


def assert_matches(response: httpx.Response, operation_id: str, status: int = 200) -> Any:
    """The response has ``status`` and a JSON body valid under the bundle's schema for it."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in response_validator(operation_id, status).iter_errors(body)
    ]
    assert errors == [], f"{operation_id} {status} does not match the bundle: {errors}"
    return body


def assert_error(
    response: httpx.Response, status: int, code: str, message: str | None = None
) -> dict[str, Any]:
    """A vendor-shaped error: JSON of string type, code and message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    assert isinstance(body, dict)
    assert all(isinstance(body.get(key), str) for key in ("type", "code", "message")), body
    assert body["code"] == code, body
    if message is not None:
        assert body["message"] == message, body
    return body


# ---------------------------------------------------------------------------------------------------
# Clients


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


@pytest.fixture(scope="session")
def live_server() -> Iterator[LiveServer]:
    """The fake (default configuration, real clock) on uvicorn + httptools, 127.0.0.1, a free port."""
    with serve(FakeConfig()) as serving:
        yield LiveServer(serving.base_url, serving.app)


@asynccontextmanager
async def over_http(server: LiveServer, connections: int = 10) -> AsyncIterator[FlowClient]:
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=server.base_url, limits=limits, timeout=30.0) as http:
        yield FlowClient(http)
