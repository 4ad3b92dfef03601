"""Every error example the contract-fake bundle documents is one the fake can be made to answer.

The examples are read from the bundle (per operation, per status, per example, $refs resolved). For
each, a trigger from the table below (keyed by status and code) builds the configuration and the
requests that must make the fake answer with exactly the example's status, type, code and message.
An example with no trigger fails: a new vendor example forces a new trigger here.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from cashfree_oneclick.fake import FakeCashfree, FakeConfig, RateLimit
from cashfree_oneclick.version import API_VERSION
from tests.support.fake_bundle import deref, operations
from tests.support.fake_flow import APP_HEADERS, GENERAL_HEADERS, MOBILE, in_process, new_verification_id

pytestmark = pytest.mark.anyio


@dataclass(frozen=True)
class Example:
    operation_id: str
    status: int
    name: str
    value: dict[str, Any]


@dataclass
class Call:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None = None


@dataclass
class Scenario:
    calls: list[Call]  # the last answer is the one checked
    config: FakeConfig = field(default_factory=FakeConfig)


def error_examples() -> list[Example]:
    found = []
    for _, _, raw in operations():
        for status, response in raw["responses"].items():
            if not status.isdigit() or int(status) < 400:
                continue
            media = deref(response).get("content", {}).get("application/json", {})
            for name, example in media.get("examples", {}).items():
                found.append(Example(raw["operationId"], int(status), name, deref(example)["value"]))
    return found


EXAMPLES = error_examples()


def valid_call(operation_id: str) -> Call:
    """A request of ``operation_id`` that passes every check up to the flow itself."""
    user = {"identifier_type": "MOBILE", "identifier_value": MOBILE}
    if operation_id == "VrsUserVaultDataAvailability":
        body = {"verification_id": new_verification_id(), "user": [user]}
        return Call("POST", "/user/data-availability", dict(GENERAL_HEADERS), body)
    if operation_id == "VrsUserVaultOauthInitiation":
        return Call(
            "POST",
            "/oauth2/session",
            dict(APP_HEADERS),
            {"verification_id": new_verification_id(), "user": user},
        )
    if operation_id == "VrsUserVaultOauthGenerateToken":
        return Call("POST", "/oauth2/generate-token", dict(APP_HEADERS), {"auth_code": "an-auth-code"})
    if operation_id == "VrsUserVaultFetchDetailsFromAccessToken":
        headers = {"x-api-version": API_VERSION, "Authorization": "Bearer not-a-token"}
        return Call("GET", "/oauth2/user-details", headers)
    if operation_id == "FakeGiveConsent":  # the session of the answer before it (SESSION_ID)
        return Call("POST", f"/__fake__/sessions/{SESSION_ID}/consent", {}, {"decision": "GRANTED"})
    raise AssertionError(f"no valid request known for {operation_id}")


# In a call's path: the session id the last answer that had one handed out.
SESSION_ID = "{session_id}"


def for_few_scopes_user(operation_id: str, call: Call) -> Scenario:
    """A grant of PAN for the magic number whose user the vendor holds only EMAIL, MOBILE, NAME for."""
    user = {"identifier_type": "MOBILE", "identifier_value": "9000000003"}
    session = Call("POST", "/oauth2/session", dict(APP_HEADERS), {"verification_id": "v-few", "user": user})
    assert call.body is not None
    return Scenario([session, Call(call.method, call.path, call.headers, {**call.body, "scopes": ["PAN"]})])


def with_body(change: Callable[[dict[str, Any]], None]) -> Callable[[str, Call], Scenario]:
    def trigger(operation_id: str, call: Call) -> Scenario:
        assert call.body is not None, f"{operation_id} has no body to change"
        body = copy.deepcopy(call.body)
        change(body)
        return Scenario([Call(call.method, call.path, call.headers, body)])

    return trigger


def on_user(change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    """Apply ``change`` to the user identifier (an object in a session, an array item elsewhere)."""

    def apply(body: dict[str, Any]) -> None:
        change(body["user"][0] if isinstance(body["user"], list) else body["user"])

    return apply


def without_header(name: str) -> Callable[[str, Call], Scenario]:
    def trigger(operation_id: str, call: Call) -> Scenario:
        headers = {k: v for k, v in call.headers.items() if k != name}
        return Scenario([Call(call.method, call.path, headers, call.body)])

    return trigger


def twice(operation_id: str, call: Call) -> Scenario:
    return Scenario([call, call])


def configured(**config: Any) -> Callable[[str, Call], Scenario]:
    return lambda operation_id, call: Scenario([call], FakeConfig(**config))


def per_operation_limit(operation_id: str, call: Call) -> Scenario:
    # The limit is checked before anything else, so the second call is refused whatever it carries.
    return Scenario([call, call], FakeConfig(operation_rate_limits={operation_id: RateLimit(1)}))


def per_ip_limit(operation_id: str, call: Call) -> Scenario:
    return Scenario([call, call], FakeConfig(ip_rate_limit=RateLimit(1)))


def wrong_secret(operation_id: str, call: Call) -> Scenario:
    return Scenario([Call(call.method, call.path, {**call.headers, "x-client-secret": "wrong"}, call.body)])


def set_key(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda target: target.__setitem__(key, value)


def drop_key(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda target: target.pop(key)


# (status, code) -> how to make the fake answer it, given the operation and a valid request of it.
TRIGGERS: dict[tuple[int, str], Callable[[str, Call], Scenario]] = {
    (400, "verification_id_missing"): with_body(drop_key("verification_id")),
    (400, "verification_id_value_invalid"): with_body(set_key("verification_id", "not valid!")),
    (400, "verification_id_length_exceeded"): with_body(set_key("verification_id", "v" * 51)),
    (400, "identifier_type_missing"): with_body(on_user(drop_key("identifier_type"))),
    (400, "identifier_value_missing"): with_body(on_user(drop_key("identifier_value"))),
    (400, "identifier_type_value_invalid"): with_body(on_user(set_key("identifier_type", "EMAIL"))),
    (400, "identifier_value_value_invalid"): with_body(on_user(set_key("identifier_value", "+919876543210"))),
    (400, "x-client-id_missing"): without_header("x-client-id"),
    (400, "x-client-secret_missing"): without_header("x-client-secret"),
    (400, "auth_code_missing"): with_body(drop_key("auth_code")),
    (400, "auth_code_value_invalid"): lambda operation_id, call: Scenario([call]),  # an unknown code
    (400, "access_token_missing"): without_header("Authorization"),
    (400, "access_token_value_invalid"): lambda operation_id, call: Scenario([call]),  # not a token
    (401, "authentication_failed"): wrong_secret,
    (403, "ip_validation_failed"): configured(ip_allowlist=frozenset({"10.0.0.1"})),  # caller is 127.0.0.1
    (409, "verification_id_already_exists"): twice,
    (422, "insufficient_balance"): configured(balance=0),
    (429, "too_many_requests_per_operation"): per_operation_limit,
    (429, "too_many_requests_per_ip"): per_ip_limit,
    (500, "verification_failed"): configured(faults={500: 1.0}),
    (502, "verification_failed"): configured(faults={502: 1.0}),
    (422, "scopes_not_available"): for_few_scopes_user,
}


def test_the_bundle_documents_error_examples() -> None:
    assert len(EXAMPLES) >= 30
    assert {e.operation_id for e in EXAMPLES} == {
        "VrsUserVaultDataAvailability",
        "VrsUserVaultOauthInitiation",
        "VrsUserVaultOauthGenerateToken",
        "VrsUserVaultFetchDetailsFromAccessToken",
        "FakeGiveConsent",
    }
    assert all(set(e.value) == {"type", "code", "message"} for e in EXAMPLES)


def test_every_trigger_is_used() -> None:
    """A trigger for a code the bundle no longer documents is dead weight: remove it with the example."""
    assert set(TRIGGERS) == {(e.status, e.value["code"]) for e in EXAMPLES}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.operation_id}-{e.status}-{e.name}")
async def test_documented_example_is_reachable(
    make_app: Callable[..., FakeCashfree], example: Example
) -> None:
    trigger = TRIGGERS.get((example.status, example.value["code"]))
    assert trigger is not None, f"no trigger known for {example}: add one to TRIGGERS"
    scenario = trigger(example.operation_id, valid_call(example.operation_id))
    async with in_process(make_app(scenario.config)) as fake:
        session_id = ""
        for call in scenario.calls:
            path = call.path.replace(SESSION_ID, session_id)
            response = await fake.http.request(call.method, path, headers=call.headers, json=call.body)
            session_id = str(response.json().get("session_id", session_id))
    assert response.status_code == example.status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json() == example.value
