"""Helpers of the client tests (cashfree_oneclick); their fixtures are in tests/client/conftest.py.

- ``Script``: an ``httpx.MockTransport`` handler answering from a list of steps (the last one repeats)
  and recording every request; ``Answer`` is one scripted answer, an exception class one failure.
- ``Twin`` / ``twin``: the sync or the async client behind one calling convention, with a recording
  sleep (never real time); the ``twin`` fixture runs a test once per client.
- ``make_settings``: settings from arguments only, never from the environment.
- ``serve`` / ``Served``: the fake served by uvicorn on 127.0.0.1 (port 0) in a thread (the
  ``fake_server`` fixture serves one for the rest of a test).
"""

from __future__ import annotations

import asyncio
import http.client
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from cashfree_oneclick import AsyncOneClickClient, CashfreeError, OneClickClient, Settings, resolve
from cashfree_oneclick.fake import FakeCashfree, FakeConfig
from cashfree_oneclick.fake.people import person_for
from cashfree_oneclick.fake.records import ALL_SCOPES, user_details
from tests.serving import serve as serve_fake

BASE_URL = "http://cashfree.test/verification"
GENERAL_ID = "general-client-id-Tq4"
GENERAL_SECRET = "general-secret-Zq81LmR0"  # noqa: S105 - a planted test value
APP_ID = "app-client-id-Vn2"
APP_SECRET = "app-secret-Hw27PdK5"  # noqa: S105 - a planted test value
ACCESS_TOKEN = "access-token-Xb93Kf-planted"  # noqa: S105 - a planted test value
AUTH_CODE = "auth-code-Lw55Ns-planted"
MOBILE = "9876543210"
VERIFICATION_ID = "vid-test_1.a"
SECRETS = (GENERAL_SECRET, APP_SECRET, ACCESS_TOKEN)

# The arguments each client method is called with unless a test says otherwise.
ARGUMENTS: dict[str, tuple[str, ...]] = {
    "data_availability": (VERIFICATION_ID, MOBILE),
    "initiate_session": (VERIFICATION_ID, MOBILE),
    "generate_token": (AUTH_CODE,),
    "fetch_user_details": (ACCESS_TOKEN,),
}
METHODS = tuple(ARGUMENTS)
PATHS = {
    "data_availability": "/verification/user/data-availability",
    "initiate_session": "/verification/oauth2/session",
    "generate_token": "/verification/oauth2/generate-token",
    "fetch_user_details": "/verification/oauth2/user-details",
}
# A documented success body of each operation.
SUCCESS: dict[str, dict[str, Any]] = {
    "data_availability": {
        "reference_id": 11,
        "verification_id": VERIFICATION_ID,
        "user": [{"identifier_type": "MOBILE", "identifier_value": MOBILE}],
        "available_scopes": [{"scope": "PAN"}, {"scope": "NAME"}],
    },
    "initiate_session": {
        "verification_id": VERIFICATION_ID,
        "reference_id": 12,
        "expiry": "2026-01-01T01:00:00Z",
        "session_id": "session_scripted",
        "user": {"identifier_type": "MOBILE", "identifier_value": MOBILE},
    },
    "generate_token": {
        "verification_id": VERIFICATION_ID,
        "reference_id": 13,
        "expiry": "2026-01-01T01:00:00Z",
        "access_token": ACCESS_TOKEN,
    },
    "fetch_user_details": user_details(person_for(MOBILE), ALL_SCOPES, VERIFICATION_ID, 14, quirks=False),
}


def make_settings(**overrides: Any) -> Settings:
    """Settings with both pairs, on a fake host, ignoring the environment; ``overrides`` win."""
    options: dict[str, Any] = {
        "base_url": BASE_URL,
        "app_client_id": APP_ID,
        "app_client_secret": APP_SECRET,
        "general_client_id": GENERAL_ID,
        "general_client_secret": GENERAL_SECRET,
        "environ": {},
    }
    options.update(overrides)
    return resolve(**options)


def vendor_error(
    status: int, code: str, *, ref_id: int | None = 102, headers: Mapping[str, str] | None = None
) -> Answer:
    """An error in the vendor's shape: type, code, message and error.ref_id."""
    body: dict[str, Any] = {"type": "validation_error", "code": code, "message": f"message of {code}"}
    if ref_id is not None:
        body["error"] = {"ref_id": ref_id}
    return Answer(status, body, dict(headers or {}))


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: Any = None  # JSON-encoded, unless bytes (sent as they are)
    headers: Mapping[str, str] = field(default_factory=dict)

    def response(self) -> httpx.Response:
        content = self.body if isinstance(self.body, bytes) else json.dumps(self.body).encode()
        headers = {"content-type": "application/json", **self.headers}
        return httpx.Response(self.status, content=content, headers=headers)


Step = Answer | type[httpx.TransportError]


class Script:
    """A MockTransport handler: the n-th request gets the n-th step (the last step repeats)."""

    def __init__(self, *steps: Step) -> None:
        self.steps = steps or (Answer(),)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.steps[min(len(self.requests), len(self.steps)) - 1]
        if isinstance(step, Answer):
            return step.response()
        raise step(f"scripted {step.__name__}", request=request)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


def success(method: str) -> Answer:
    return Answer(200, SUCCESS[method])


@dataclass
class Twin:
    """One calling convention for both clients: a fresh client per call, a recording sleep."""

    kind: str  # "sync" or "async"
    sleeps: list[float] = field(default_factory=list)

    def call(self, script: Script, method: str, *args: str, **settings: Any) -> Any:
        config = make_settings(**settings)
        arguments = args or ARGUMENTS[method]
        if self.kind == "sync":
            with OneClickClient(config, httpx_transport=script.transport, sleep=self.sleeps.append) as client:
                return getattr(client, method)(*arguments)
        return asyncio.run(self._call_async(config, script, method, arguments))

    async def _call_async(self, config: Settings, script: Script, method: str, args: tuple[str, ...]) -> Any:
        async def sleep(seconds: float) -> None:
            self.sleeps.append(seconds)

        async with AsyncOneClickClient(config, httpx_transport=script.transport, sleep=sleep) as client:
            return await getattr(client, method)(*args)

    def error(self, script: Script, method: str, *args: str, **settings: Any) -> CashfreeError:
        """The CashfreeError the call raises (fails the test if it returns)."""
        with pytest.raises(CashfreeError) as caught:
            self.call(script, method, *args, **settings)
        return caught.value


# ---------------------------------------------------------------------------------------------------
# The fake over real HTTP


@dataclass(frozen=True)
class Served:
    base_url: str  # http://127.0.0.1:<port>/verification
    app: FakeCashfree

    def consent(self, session_id: str) -> str:
        """The SDK's consent step (GRANTED), a direct POST to the fake-only route; returns the auth code.

        http.client, not httpx: this request stands in for the vendor's SDK, not for our client, and must
        add no log record of its own (its URL holds the session id).
        """
        url = urlsplit(self.base_url)
        connection = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=10)
        try:
            connection.request(
                "POST",
                f"{url.path}/__fake__/sessions/{session_id}/consent",
                body=json.dumps({"decision": "GRANTED"}),
                headers={"content-type": "application/json"},
            )
            response = connection.getresponse()
            body = json.loads(response.read())
        finally:
            connection.close()
        assert response.status == 200, body
        auth_code: str = body["auth_code"]
        return auth_code


@contextmanager
def serve(config: FakeConfig) -> Iterator[Served]:
    """The fake with ``config`` on uvicorn (httptools), 127.0.0.1, a free port, for the block."""
    with serve_fake(config) as serving:
        yield Served(serving.base_url, serving.app)
