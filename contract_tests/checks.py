"""Custom checks: what the vendor documents that schemathesis cannot know.

Importing this module registers them with schemathesis (a global registry, like its built-in checks).
Each raises AssertionError with a message that names the rule, never the values of the response.
"""

from __future__ import annotations

import threading
from typing import Any

from cashfree_oneclick.jsonbody import BodyError, parse_json
from contract_tests.interactions import Interaction
from contract_tests.schemathesis_adapter import Case, CaseHeaders, CheckContext, Response, check

API_KEY_OPERATIONS = frozenset(
    {"VrsUserVaultDataAvailability", "VrsUserVaultOauthInitiation", "VrsUserVaultOauthGenerateToken"}
)
USER_DETAILS = "VrsUserVaultFetchDetailsFromAccessToken"
# Operations whose credential enforcement was already confirmed in this run: probing once is enough.
_confirmed: set[str] = set()
# The requests the checks sent themselves, in order, until the runner takes them into the run's record:
# they reached the server like any case (its journal, its state, its bill), so the cassette holds them
# and a replay sends them again. The checks run in the engine's thread, the runner reads in its own.
_sent: list[Interaction] = []
_sent_lock = threading.Lock()


def reset() -> None:
    """Forget the confirmations and unread requests of a previous run (the runner calls it at start)."""
    _confirmed.clear()
    with _sent_lock:
        _sent.clear()


def take_sent() -> list[Interaction]:
    """The requests the checks sent since the last call, oldest first."""
    with _sent_lock:
        taken = list(_sent)
        _sent.clear()
    return taken


def _json(response: Response) -> Any:
    # The one strict reader: a NaN or a byte order mark is no JSON object (wire.json_body says why).
    try:
        return parse_json(response.content)
    except BodyError:
        return None


def error_code(response: Response) -> object:
    body = _json(response)
    return body.get("code") if isinstance(body, dict) else None


@check
def vendor_error_shape(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    if response.status_code < 400:
        return None
    body = _json(response)
    if not isinstance(body, dict):
        raise AssertionError(
            f"a {response.status_code} body is not a JSON object in the vendor's error shape"
        )
    wrong = [key for key in ("type", "code", "message") if not isinstance(body.get(key), str)]
    if wrong:
        raise AssertionError(
            f"a {response.status_code} body lacks string {', '.join(wrong)} (vendor error shape)"
        )
    return True


@check
def user_details_scopes(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    if case.operation.definition.raw.get("operationId") != "VrsUserVaultFetchDetailsFromAccessToken":
        return None
    if response.status_code != 200:
        return None
    body = _json(response)
    scopes = body.get("scopes") if isinstance(body, dict) else None
    if not isinstance(scopes, list):
        return None  # the schema check reports it
    names = [entry.get("scope") for entry in scopes if isinstance(entry, dict)]
    if len(names) != len(set(names)):
        raise AssertionError("user details lists a scope more than once")
    if any(not entry.get("records") for entry in scopes if isinstance(entry, dict)):
        raise AssertionError("user details lists a scope without records")
    return True


def _probe(case: Case[Any], headers: dict[str, str]) -> tuple[int, Any]:
    response = case.derive(headers=CaseHeaders(headers)).call()
    request = response.request
    body = request.body.encode() if isinstance(request.body, str) else request.body
    with _sent_lock:
        _sent.append(
            Interaction(
                operation=case.operation.label,
                phase="check",
                method=str(request.method),
                url=str(request.url),
                request_headers={str(k): str(v) for k, v in request.headers.items()},
                request_body=body if isinstance(body, bytes) else None,
                status=response.status_code,
                response_headers={k: ", ".join(v) for k, v in response.headers.items()},
                response_body=response.content,
            )
        )
    return response.status_code, _json(response)


@check
def credentials_enforced(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    """The vendor's replacement for schemathesis's ignored_auth (which expects 401/403).

    When a request with credentials succeeds, the same request is re-sent without each credential and
    with a wrong one; the vendor documents 400 `<header>_missing` for a missing apiKey header, 401
    authentication_failed for a wrong pair, and for user details 400 access_token_missing /
    access_token_value_invalid (it documents no 401).
    """
    operation_id = case.operation.definition.raw.get("operationId")
    if not 200 <= response.status_code < 300 or operation_id in _confirmed:
        return None
    sent = {str(k): str(v) for k, v in (case.headers or {}).items()}
    expectations: list[tuple[str, dict[str, str], int, str]] = []
    if operation_id in API_KEY_OPERATIONS:
        for header in ("x-client-id", "x-client-secret"):
            without = {k: v for k, v in sent.items() if k.lower() != header}
            expectations.append((f"without {header}", without, 400, f"{header}_missing"))
        wrong = {**sent, "x-client-secret": "wrong-secret-for-probe"}
        expectations.append(("with a wrong client secret", wrong, 401, "authentication_failed"))
    elif operation_id == USER_DETAILS:
        without = {k: v for k, v in sent.items() if k.lower() != "authorization"}
        expectations.append(("without a token", without, 400, "access_token_missing"))
        forged = {**without, "Authorization": "Bearer not.a.token"}
        expectations.append(("with a forged token", forged, 400, "access_token_value_invalid"))
    else:
        return None
    for scenario, headers, status, code in expectations:
        got_status, body = _probe(case, headers)
        got_code = body.get("code") if isinstance(body, dict) else None
        if got_status != status or got_code != code:
            raise AssertionError(
                f"request {scenario} answered {got_status} {got_code!r}; "
                f"the vendor documents {status} {code!r}"
            )
    _confirmed.add(str(operation_id))
    return True
