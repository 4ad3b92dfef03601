"""Talk to the in-process fake over ASGI, and rebuild the state a recorded request needs.

A request recorded against the vendor refers to state the fake does not have: an auth code, an access
token for some scopes, a verification id the vendor had already seen. The fake's own routes create it
(session -> fake-only consent -> generate-token), so replay needs no back door into the fake's storage
and works whatever store the fake keeps its state in.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpx

from cashfree_oneclick.fake import BASE_PATH, FakeCashfree
from cashfree_oneclick.fake.driver import (
    FLOW_MOBILE,
    FlowBlockedError,
    FlowState,
    FlowStep,
    arun_steps,
    token_flow,
)
from cashfree_oneclick.fake.info import CONSENT_PATH
from cashfree_oneclick.fake.transport import async_transport
from cashfree_oneclick.jsonbody import parse_json
from cashfree_oneclick.version import API_VERSION

__all__ = ["FLOW_MOBILE", "Answer", "AsgiClient", "RebuildError", "Rebuilder"]
ORIGIN = "http://testserver"  # the in-process fake's host: any name, no socket is opened


class RebuildError(RuntimeError):
    """The fake refused to create the state a recorded request needs."""


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes

    def json(self) -> Any:
        return parse_json(self.body)


class AsgiClient:
    """Requests to an ASGI app on the caller's event loop, no socket, no thread: through the fake's one
    in-process transport (``cashfree_oneclick.fake.transport``), with the recorded headers only (no
    client defaults) and a content-length of the body actually sent."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._transport = async_transport(app)

    async def request(
        self, method: str, path: str, headers: Iterable[tuple[str, str]] = (), body: bytes | None = None
    ) -> Answer:
        raw = [(k.lower().encode("latin-1"), v.encode("latin-1", "replace")) for k, v in headers]
        if not any(name == b"host" for name, _ in raw):
            # Every HTTP/1.1 client sends one (a recorded request's headers are taken before the
            # transport adds it), and the fake's journal shows the headers it received.
            raw.append((b"host", b"testserver"))
        if body is not None:
            raw = [h for h in raw if h[0] != b"content-length"]
        request = httpx.Request(method.upper(), ORIGIN + path, headers=raw, content=body)
        response = await self._transport.handle_async_request(request)
        content = await response.aread()
        answer_headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in response.headers.raw}
        return Answer(response.status_code, answer_headers, content)


class Rebuilder:
    """Creates sessions, auth codes and access tokens on the fake through its own routes."""

    def __init__(self, app: FakeCashfree) -> None:
        self.client = AsgiClient(app)
        app_id, app_secret = next(iter(app.config.app_credentials.items()))
        general_id, general_secret = next(iter(app.config.general_credentials.items()))
        self.app_pair = (app_id, app_secret)
        self.general_pair = (general_id, general_secret)
        # The sessions replayed session requests made on the fake, by the verification id recorded in
        # the request (masked parts and all): a recorded consent names its session by it.
        self.sessions: dict[str, str] = {}

    def remember(self, operation_id: str, recorded_body: str | None, answer: Answer) -> None:
        """Keep the session a replayed Initiate OAuth request made, under its recorded verification id."""
        if operation_id != "VrsUserVaultOauthInitiation" or answer.status != 200 or recorded_body is None:
            return
        try:
            sent, made = json.loads(recorded_body), answer.json()
        except ValueError:
            return
        if isinstance(sent, dict) and isinstance(made, dict) and isinstance(made.get("session_id"), str):
            self.sessions[str(sent.get("verification_id"))] = made["session_id"]

    def session_of(self, verification_id: object) -> str | None:
        """The session made for a recorded verification id, once: a session is consented to once."""
        return self.sessions.pop(verification_id, None) if isinstance(verification_id, str) else None

    async def consented_session(self) -> str:
        """A session whose consent is already given (a recorded 409 ``consent_already_given``)."""
        session_id = await self.session_id()
        path = CONSENT_PATH.format(session_id=session_id)
        _expect(await self.post(path, {"decision": "GRANTED"}, None), "consent")
        return session_id

    def headers(self, pair: tuple[str, str]) -> list[tuple[str, str]]:
        return [
            ("x-client-id", pair[0]),
            ("x-client-secret", pair[1]),
            ("x-api-version", API_VERSION),
            ("content-type", "application/json"),
        ]

    async def post(self, path: str, body: Any, pair: tuple[str, str] | None) -> Answer:
        headers = self.headers(pair) if pair else [("content-type", "application/json")]
        return await self.client.request("POST", BASE_PATH + path, headers, json.dumps(body).encode())

    async def _flow(
        self, until: str, verification_id: str | None = None, mobile: str = FLOW_MOBILE,
        scopes: Iterable[str] | None = None,
    ) -> FlowState:  # fmt: skip
        """The one flow driver (cashfree_oneclick.fake.driver) over this ASGI client, up to ``until``."""

        async def send(step: FlowStep) -> tuple[int, Any]:
            headers = [*step.headers.items(), ("content-type", "application/json")]
            answer = await self.client.request(
                step.method, BASE_PATH + step.path, headers, json.dumps(step.body).encode()
            )
            try:
                return answer.status, answer.json()
            except ValueError:
                return answer.status, None

        flow = token_flow(
            *self.app_pair, verification_id=verification_id or f"replay-{uuid.uuid4().hex}", mobile=mobile,
            scopes=None if scopes is None else sorted(set(scopes)), until=until,
        )  # fmt: skip
        try:
            return await arun_steps(flow, send)
        except FlowBlockedError as error:
            raise RebuildError(f"the fake answered {error.why} to {error.step.step}") from error

    async def session_id(self, verification_id: str | None = None, mobile: str = FLOW_MOBILE) -> str:
        return str((await self._flow("session", verification_id, mobile)).session_id)

    async def auth_code(self, scopes: Iterable[str] | None = None, mobile: str = FLOW_MOBILE) -> str:
        return str((await self._flow("consent", mobile=mobile, scopes=scopes)).auth_code)

    async def access_token(self, scopes: Iterable[str] | None = None, mobile: str = FLOW_MOBILE) -> str:
        return str((await self._flow("generate-token", mobile=mobile, scopes=scopes)).access_token)

    async def claim(self, path: str, verification_id: str, pair: tuple[str, str]) -> None:
        """Use ``verification_id`` once, so that the recorded request meets it as already used."""
        user = {"identifier_type": "MOBILE", "identifier_value": FLOW_MOBILE}
        body = {"verification_id": verification_id, "user": [user] if "availability" in path else user}
        await self.post(path, body, pair)  # 200, or 409 when it was already used: either way claimed


def _expect(answer: Answer, step: str) -> dict[str, Any]:
    if answer.status != 200:
        raise RebuildError(f"the fake answered {answer.status} to {step}: {answer.body[:200]!r}")
    body: dict[str, Any] = answer.json()
    return body
