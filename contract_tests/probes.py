"""Stateful probes: the flow run by hand, and the rules no schema states, each a named check.

Before the schemathesis engine starts, the flow is driven step by step (data availability, session,
consent, generate-token, user details) with requests we choose, so that rules about *state* can be
tested exactly once per run: a verification_id reused, an auth code replayed, one session's token
reading another's data, a forged token. A step that cannot go on is itself a finding ("flow blocked at
generate-token: 200 without access_token") and tells the runner what to leave out of the engine's run.

Against a target without the consent step (the sandbox, a foreign server) only what needs no consent
runs: one data availability and one session, each replayed once (billed calls: at most four).
Every request is recorded as an Interaction of phase ``probe``: validated by conformance and the
response rules, and written (redacted) to the cassette like any other.
"""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import jwt

from cashfree_oneclick.fake.driver import FlowBlockedError, FlowState, FlowStep, run_steps, token_flow
from cashfree_oneclick.version import API_VERSION
from contract_tests import auth, flow_checks, http_client
from contract_tests.findings import Finding, Severity
from contract_tests.interactions import Interaction
from contract_tests.operations import CLOCK, CONSENT, DA, DETAILS, SESSION, TOKEN
from contract_tests.targets import Target

MOBILES = ("9999900000", "9999900001")  # synthetic, obviously fake
# Two different consents, so that one token showing the other's scopes is visible.
# Together they cover every scope, so each record's rules are judged in every run.
GRANTS = (
    ("NAME", "PAN", "MOBILE", "AADHAAR", "ADDRESS", "INCOME"),
    ("EMAIL", "DOB", "MOBILE", "BANK_ACCOUNT", "GENDER", "OCCUPATION"),
)


@dataclass
class Flow:
    """How far one run of the flow got, and what it was handed on the way."""

    verification_id: str
    mobile: str
    scopes: tuple[str, ...]
    state: FlowState = field(default_factory=FlowState)  # what the flow driver was handed
    details: Any = None
    available: tuple[str, ...] = ()  # the scopes data availability reported

    @property
    def session_id(self) -> str | None:
        return self.state.session_id

    @property
    def auth_code(self) -> str | None:
        return self.state.auth_code

    @property
    def access_token(self) -> str | None:
        return self.state.access_token


@dataclass
class ProbeResult:
    findings: list[Finding] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    blocked_at: str | None = None  # the first flow step that could not go on
    cut_before: str | None = None  # the first rule the probes' time share left no time for


class Prober:
    def __init__(self, target: Target, http: httpx.Client, deadline: float) -> None:
        self.target, self.http, self.deadline = target, http, deadline
        self.result = ProbeResult()
        self.current = DA  # the operation of the request in flight (a transport failure names it)

    def call(
        self,
        operation: tuple[str, str],
        path: str,
        *,
        body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        self.current = operation
        method = operation[0].split()[0]
        url = self.target.base_url + path
        sent = {"x-api-version": API_VERSION, **(headers or {})}
        seconds = max(0.5, min(10.0, self.deadline - time.monotonic()))
        at = time.time()
        answer = http_client.request(self.http, method, url, seconds=seconds, json=body, headers=sent)
        # What was sent, as sent (Content-Type and all): the cassette is replayed from it.
        prepared = answer.request
        sent_headers = {str(name): str(value) for name, value in prepared.headers.items()}
        self.result.interactions.append(
            Interaction(
                operation[0], "probe", method, url, sent_headers, prepared.content or None, answer.status,
                dict(answer.headers), answer.content, at,
            )
        )  # fmt: skip
        if answer.unreadable:
            self.fail(
                "body_within_limits", operation, "the answer's body is past the suite's limits",
                f"a {answer.status} answer was not read to its end: {answer.unreadable}",
                Severity.HIGH, answer.status,
            )  # fmt: skip
        return answer.status, answer.json()

    def fail(
        self, rule: str, operation: tuple[str, str], title: str, message: str, severity: Severity,
        status: int | None, pointer: str = "", reproduce: str = "",
    ) -> None:  # fmt: skip
        self.result.findings.append(
            Finding(
                operation[0], operation[1], rule, title, message, severity, status, pointer,
                reproduce or f"# run the probe: CONTRACT_SEED=<seed> make contract ({rule})",
            )
        )  # fmt: skip

    def pair(self, operation: tuple[str, str]) -> dict[str, str]:
        pair = self.target.general_pair if operation == DA else self.target.app_pair
        return {"x-client-id": pair.client_id, "x-client-secret": pair.client_secret} if pair else {}


def _curl(operation: tuple[str, str], path: str, body: Any) -> str:
    method = operation[0].split()[0]
    data = f" -H 'content-type: application/json' -d '{json.dumps(body)}'" if body is not None else ""
    return f"curl -X {method} '<base>{path}' -H 'x-api-version: {API_VERSION}' -H <credentials>{data}"


def _step(p: Prober, operation: tuple[str, str], path: str, body: Any, field_name: str, **kw: Any) -> Any:
    """One flow step; a non-200 or a 200 without the field the next step needs blocks the flow."""
    status, answer = p.call(operation, path, body=body, **kw)
    value = answer.get(field_name) if isinstance(answer, dict) else None
    if status == 200 and value:
        return answer
    why = f"{status} without {field_name}" if status == 200 else f"{status} {_code(answer)}".strip()
    step = operation[0].rsplit("/", 1)[-1]
    p.fail(
        "flow_blocked", operation, f"flow blocked at {step}: {why}",
        f"the flow cannot go past {step}: it answered {why}; later steps were not probed",
        Severity.HIGH, status, "" if status != 200 else "/" + field_name, _curl(operation, path, body),
    )  # fmt: skip
    p.result.blocked_at = p.result.blocked_at or step
    return None


def scopes_of(entries: Any) -> tuple[str, ...]:
    """The scope names of a list of `{scope: ...}` entries (available_scopes, user details' scopes)."""
    if not isinstance(entries, list):
        return ()
    return tuple(str(e.get("scope")) for e in entries if isinstance(e, dict) and "scope" in e)


# The operation of each step of the flow driver (cashfree_oneclick.fake.driver).
STEP_OPERATIONS = {"session": SESSION, "consent": CONSENT, "generate-token": TOKEN}


def _blocked(p: Prober, blocked: FlowBlockedError) -> None:
    step: FlowStep = blocked.step
    operation = STEP_OPERATIONS[step.step]
    p.fail(
        "flow_blocked", operation, f"flow blocked at {step.step}: {blocked.why}",
        f"the flow cannot go past {step.step}: it answered {blocked.why}; later steps were not probed",
        Severity.HIGH, blocked.status, "" if blocked.status != 200 else "/" + step.needs,
        _curl(operation, step.path, step.body),
    )  # fmt: skip
    p.result.blocked_at = p.result.blocked_at or step.step


def _code(answer: Any) -> str:
    return str(answer.get("code", "")) if isinstance(answer, dict) else ""


def _user(mobile: str) -> dict[str, str]:
    return {"identifier_type": "MOBILE", "identifier_value": mobile}


def run_flow(p: Prober, index: int) -> Flow:
    """Data availability, session, consent, generate-token, user details, as far as the target allows."""
    flow = Flow(f"probe-{uuid.uuid4().hex[:20]}", MOBILES[index], GRANTS[index])
    da_body = {"verification_id": flow.verification_id, "user": [_user(flow.mobile)]}
    availability = _step(p, DA, "/user/data-availability", da_body, "available_scopes", headers=p.pair(DA))
    if availability is None:
        return flow
    flow.available = scopes_of(availability.get("available_scopes"))
    pair = p.target.app_pair
    if pair is None:
        return flow
    # Session -> consent -> generate-token through the one flow driver; without the consent step
    # (the sandbox, a foreign server) only the session.
    until = "generate-token" if p.target.has_consent_step else "session"
    steps = token_flow(
        pair.client_id, pair.client_secret, verification_id=flow.verification_id, mobile=flow.mobile,
        scopes=flow.scopes, until=until, state=flow.state,
    )  # fmt: skip
    try:
        run_steps(steps, lambda s: p.call(STEP_OPERATIONS[s.step], s.path, body=s.body, headers=s.headers))
    except FlowBlockedError as blocked:
        _blocked(p, blocked)
        return flow
    if flow.access_token is None:
        return flow
    token = flow.state.answers["generate-token"]
    echo(p, TOKEN, token, flow)
    bearer = {"Authorization": f"Bearer {flow.access_token}"}
    details = _step(p, DETAILS, "/oauth2/user-details", None, "scopes", headers=bearer)
    if details is not None:
        flow.details = details
        echo(p, DETAILS, details, flow)
    return flow


def echo(p: Prober, operation: tuple[str, str], answer: dict[str, Any], flow: Flow) -> None:
    """Generate-token and user details answer with the verification_id of the session the code or the
    token came from (facts: generate-token's 200 `verification_id` "echoes the session's")."""
    # An absent id is conformance's finding (the field is required); a different one is this rule's.
    if "verification_id" in answer and answer["verification_id"] != flow.verification_id:
        p.fail(
            "echo_verification_id", operation, "verification_id is not the session's",
            "the 200 carries a verification_id other than the one the session was started with",
            Severity.HIGH, 200, "/verification_id",
        )  # fmt: skip


def verification_id_reuse(p: Prober, flows: list[Flow]) -> None:
    """A verification_id already used answers 409 verification_id_already_exists, in each operation's own
    namespace (facts: the shared error table's 409 on session and data availability). The flow itself
    uses one id on data availability and then on the session: a 409 there would block the flow (one
    namespace for both is a drift too). Here each is replayed once: two billed calls per run.
    """
    flow = flows[0]
    if flow.session_id is None:
        return
    vid, user = flow.verification_id, _user(flow.mobile)
    for operation, path, body in (
        (DA, "/user/data-availability", {"verification_id": vid, "user": [user]}),
        (SESSION, "/oauth2/session", {"verification_id": vid, "user": user}),
    ):
        status, answer = p.call(operation, path, body=body, headers=p.pair(operation))
        if status != 409 or _code(answer) != "verification_id_already_exists":
            p.fail(
                "verification_id_reuse", operation, "a reused verification_id was not refused as documented",
                f"the same verification_id sent twice answered {status} {_code(answer)!r}; the vendor "
                "documents 409 'verification_id_already_exists'",
                Severity.HIGH, status, "", _curl(operation, path, body),
            )  # fmt: skip


def auth_code_single_use(p: Prober, flows: list[Flow]) -> None:
    """An auth code is single-use (facts: undocumented by the vendor, so the contract takes the safe
    reading the fake implements; a replayed code minting a second token is a leak)."""
    flow = flows[0]
    if flow.auth_code is None or flow.access_token is None:
        return
    body = {"auth_code": flow.auth_code}
    status, answer = p.call(TOKEN, "/oauth2/generate-token", body=body, headers=p.pair(TOKEN))
    if status != 400 or _code(answer) != "auth_code_value_invalid":
        p.fail(
            "auth_code_single_use", TOKEN, "a second use of an auth code was not refused as documented",
            f"the second use of one auth code answered {status} {_code(answer)!r}; expected 400 "
            "'auth_code_value_invalid'",
            Severity.CRITICAL, status, "", _curl(TOKEN, "/oauth2/generate-token", {"auth_code": "<code>"}),
        )  # fmt: skip


def token_isolation(p: Prober, flows: list[Flow]) -> None:
    """An access token reads only its own session's data, and only the scopes consented in it (facts:
    the token is bound to the session; user details return "the consented scopes"). Two flows with two
    users and two different consents: each token must see its own verification_id, mobile and scopes."""
    for flow in flows:
        if not isinstance(flow.details, dict):
            continue
        scopes = [e.get("scope") for e in flow.details.get("scopes", []) if isinstance(e, dict)]
        beyond = sorted(str(s) for s in set(scopes) - set(flow.scopes))
        if beyond:
            p.fail(
                "scope_within_consent", DETAILS, "user details return scopes beyond the consent",
                f"the token of a consent to {len(flow.scopes)} scopes read {len(beyond)} more: {beyond}",
                Severity.CRITICAL, 200, "/scopes",
            )  # fmt: skip
        entries = [e for e in flow.details.get("scopes", []) if isinstance(e, dict)]
        mobiles = [
            record.get("metadata", {}).get("mobile")
            for entry in entries
            if entry.get("scope") == "MOBILE"
            for record in entry.get("records", [])
            if isinstance(record, dict)
        ]
        if any(isinstance(mobile, str) and mobile != flow.mobile for mobile in mobiles):
            p.fail(
                "token_isolation", DETAILS, "a token read another user's data",
                "the MOBILE record under one session's token is not that session's user",
                Severity.CRITICAL, 200, "/scopes/*/records/*/metadata/mobile",
            )  # fmt: skip


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def token_refused(p: Prober, flows: list[Flow]) -> None:
    """Forged and foreign tokens are refused with 400 access_token_value_invalid (facts: user details
    documents no 401; an invalid or expired token is 400 access_token_value_invalid). Forged: a real
    token whose payload claims more scopes, signature kept. Foreign: a well-formed token signed by
    someone else's key. (An expired token: token_expires.)"""
    token = flows[0].access_token
    if token is None:
        return
    header, _, signature = token.split(".") if token.count(".") == 2 else ("", "", "")
    forged = f"{header}.{_b64({'scopes': list(GRANTS[0] + GRANTS[1]), 'sub': 'x'})}.{signature}"
    foreign = jwt.encode(
        {"sub": "someone-else", "scopes": ["AADHAAR"], "exp": int(time.time()) + 3600},
        "a-key-that-is-not-the-servers-0123456789",
        algorithm="HS256",
    )
    for kind, value in (("forged", forged), ("foreign", foreign)):
        status, answer = p.call(DETAILS, "/oauth2/user-details", headers={"Authorization": f"Bearer {value}"})
        if status != 400 or _code(answer) != "access_token_value_invalid":
            p.fail(
                "token_refused", DETAILS, f"a {kind} access token was not refused as documented",
                f"user details with a {kind} token answered {status} {_code(answer)!r}; expected 400 "
                "'access_token_value_invalid'",
                Severity.CRITICAL, status,
            )  # fmt: skip


TOKEN_TTL = 3600  # facts: the access token is valid one hour


def token_expires(p: Prober, flows: list[Flow]) -> None:
    """An access token is valid one hour (facts: "validity windows, each one hour"); after that user
    details answer 400 access_token_value_invalid. Needs the fake's clock (POST /__fake__/clock/advance),
    so it runs on our fake only, and last: the clock never goes back."""
    token = flows[0].access_token
    if token is None or not p.target.has_consent_step:
        return
    status, _ = p.call(CLOCK, "/__fake__/clock/advance", body={"seconds": TOKEN_TTL + 1})
    if status != 200:
        return  # a fake without the clock control: expiry cannot be probed over HTTP
    status, answer = p.call(DETAILS, "/oauth2/user-details", headers={"Authorization": f"Bearer {token}"})
    if status != 400 or _code(answer) != "access_token_value_invalid":
        p.fail(
            "token_refused", DETAILS, "an expired access token was not refused as documented",
            f"user details with a token older than {TOKEN_TTL} s answered {status} {_code(answer)!r}; "
            "expected 400 'access_token_value_invalid'",
            Severity.CRITICAL, status,
        )  # fmt: skip


# The rules that need the flow's state, in the order they run (each after the flows).
RULES: tuple[Callable[[Prober, list[Flow]], None], ...] = (
    auth_code_single_use,
    token_isolation,
    token_refused,
    verification_id_reuse,
    *flow_checks.PROBES,  # data complete, valid inputs, errors met, the token's hour
    token_expires,
)


def run(target: Target, budget_seconds: float) -> ProbeResult:
    """Run the flow (twice with the consent step, once without) and every rule of RULES."""
    if target.app_pair is None and target.general_pair is None:
        return ProbeResult()
    with auth.http_session(target) as http:
        prober = Prober(target, http, time.monotonic() + budget_seconds)
        _probe(prober)
    return prober.result


def _probe(prober: Prober) -> None:
    target = prober.target
    try:
        flows = [run_flow(prober, 0)]
        if target.has_consent_step and flows[0].access_token:
            flows.append(run_flow(prober, 1))
        for rule in RULES:
            if time.monotonic() > prober.deadline:
                prober.result.cut_before = rule.__name__
                break
            rule(prober, flows)
    except http_client.NoAnswerError as error:
        step = prober.current[0].rsplit("/", 1)[-1]
        prober.result.blocked_at = prober.result.blocked_at or step
        prober.fail(
            "flow_blocked", prober.current, f"flow blocked at {step}: no answer",
            f"the request got no answer in time: {error}", Severity.HIGH, None,
        )  # fmt: skip
