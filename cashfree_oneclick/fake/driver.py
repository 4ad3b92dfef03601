"""The one flow driver: session -> consent -> generate-token on our fake, for every part that needs it.

The suite's probes and its token provider, the fidelity replay and the kit all need a real auth code or
access token from a fake they talk to over HTTP or ASGI. The steps are written once, sans I/O:
:func:`token_flow` is a generator that yields each :class:`FlowStep` (method, path, JSON body,
headers) and is sent back the answer's ``(status, parsed body)``; :func:`drive` runs it over an
``httpx.Client``, :func:`adrive` over an ``httpx.AsyncClient``, and :func:`run_steps` /
:func:`arun_steps` over any function that sends a step (the probes record each exchange). A step
that is not a 200 carrying the field the next step needs stops the flow with :class:`FlowBlockedError`
naming the step and what it answered.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx

from cashfree_oneclick.fake.info import CONSENT_PATH
from cashfree_oneclick.jsonbody import BodyError, parse_json
from cashfree_oneclick.version import API_VERSION

FLOW_MOBILE = "9999900000"  # synthetic, obviously fake


@dataclass(frozen=True)
class FlowStep:
    step: str  # "session", "consent", "generate-token"
    method: str
    path: str  # below the base URL, e.g. "/oauth2/session"
    body: dict[str, Any]
    headers: dict[str, str] = field(repr=False)
    needs: str  # the field of a 200 the next step needs


@dataclass
class FlowState:
    """What the flow was handed so far (a blocked flow keeps what it got before)."""

    session_id: str | None = None
    auth_code: str | None = None
    access_token: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)  # step -> its parsed 200 body


class FlowBlockedError(RuntimeError):
    """A step of the flow did not answer what the next step needs."""

    def __init__(self, step: FlowStep, status: int | None, answer: Any) -> None:
        code = str(answer.get("code", "")) if isinstance(answer, dict) else ""
        self.why = f"{status} without {step.needs}" if status == 200 else f"{status} {code}".strip()
        super().__init__(f"flow blocked at {step.step}: {self.why}")
        self.step, self.status, self.answer = step, status, answer


Answer = tuple[int, Any]  # status and parsed JSON body (None when it is not JSON)
Flow = Generator[FlowStep, Answer, FlowState]


def token_flow(
    client_id: str,
    client_secret: str,
    *,
    verification_id: str,
    mobile: str = FLOW_MOBILE,
    scopes: Iterable[str] | None = None,
    until: str = "generate-token",
    state: FlowState | None = None,
) -> Flow:
    """The steps up to ``until`` ("session", "consent" or "generate-token"); returns the state."""
    state = state if state is not None else FlowState()
    pair = {"x-client-id": client_id, "x-client-secret": client_secret, "x-api-version": API_VERSION}
    user = {"identifier_type": "MOBILE", "identifier_value": mobile}
    body = {"verification_id": verification_id, "user": user}
    state.answers["session"] = yield FlowStep("session", "POST", "/oauth2/session", body, pair, "session_id")
    state.session_id = str(state.answers["session"]["session_id"])
    if until == "session":
        return state
    decision: dict[str, Any] = {"decision": "GRANTED"}
    if scopes is not None:
        decision["scopes"] = list(scopes)
    path = CONSENT_PATH.format(session_id=state.session_id)
    state.answers["consent"] = yield FlowStep("consent", "POST", path, decision, {}, "auth_code")
    state.auth_code = str(state.answers["consent"]["auth_code"])
    if until == "consent":
        return state
    token = {"auth_code": state.auth_code}
    step = FlowStep("generate-token", "POST", "/oauth2/generate-token", token, pair, "access_token")
    state.answers["generate-token"] = yield step
    state.access_token = str(state.answers["generate-token"]["access_token"])
    return state


def _checked(step: FlowStep, answer: Answer) -> Any:
    status, body = answer
    if status != 200 or not isinstance(body, dict) or not body.get(step.needs):
        raise FlowBlockedError(step, status, body)
    return body


def run_steps(flow: Flow, send: Callable[[FlowStep], Answer]) -> FlowState:
    """Run ``flow``, each step sent by ``send``; FlowBlockedError at the first step that fails."""
    try:
        step = next(flow)
        while True:
            step = flow.send(_checked(step, send(step)))
    except StopIteration as done:
        result: FlowState = done.value
        return result


async def arun_steps(flow: Flow, send: Callable[[FlowStep], Awaitable[Answer]]) -> FlowState:
    try:
        step = next(flow)
        while True:
            step = flow.send(_checked(step, await send(step)))
    except StopIteration as done:
        result: FlowState = done.value
        return result


def _parsed(response: httpx.Response) -> Any:
    # The fake's answers are small JSON; anything else is no body the flow can use.
    try:
        return parse_json(response.content)
    except BodyError:
        return None


def drive(flow: Flow, http: httpx.Client) -> FlowState:
    """Run ``flow`` over ``http`` (its base URL is the API's, e.g. http://127.0.0.1:8080/verification)."""

    def send(step: FlowStep) -> Answer:
        response = http.request(step.method, _url(http, step), json=step.body, headers=step.headers)
        return response.status_code, _parsed(response)

    return run_steps(flow, send)


async def adrive(flow: Flow, http: httpx.AsyncClient) -> FlowState:
    async def send(step: FlowStep) -> Answer:
        response = await http.request(step.method, _url(http, step), json=step.body, headers=step.headers)
        return response.status_code, _parsed(response)

    return await arun_steps(flow, send)


def _url(http: httpx.Client | httpx.AsyncClient, step: FlowStep) -> str:
    return str(http.base_url).rstrip("/") + step.path
