"""Every schemathesis check we switch off or adjust, with the reason, in one place.

Schemathesis's defaults encode common REST habits; the vendor documents different ones. We encode the
vendor's documented behaviour instead of disabling checks: a check is only switched off where it cannot
apply to this API at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Adjustment:
    check: str
    setting: dict[str, Any]
    reason: str


ADJUSTMENTS: tuple[Adjustment, ...] = (
    Adjustment(
        "missing_required_header",
        {"expected-statuses": [400, 401]},
        "The vendor answers a missing x-client-id / x-client-secret / x-api-version with a documented "
        "400 (x-client-id_missing, ...), and a missing bearer token with 400 access_token_missing; "
        "never 406/415/422.",
    ),
    Adjustment(
        "negative_data_rejection",
        {"expected-statuses": [400, 401, 403, 404, 405, 409, 413, 422, 429]},
        "Invalid data is a documented 400 validation_error; 401/403 when credentials are what is "
        "invalid; 409 when a generated verification_id repeats; 413 for an oversized body; 422/429 are "
        "billing and rate limits that may answer before validation.",
    ),
    Adjustment(
        "positive_data_acceptance",
        {"expected-statuses": [200, 201, 400, 401, 403, 404, 409, 422, 429]},
        "201 is the fake's admin API creating a tenant (POST /__fake__/tenants). "
        "Schema-valid data is still refused where the vendor documents it: generate-token with a "
        "made-up auth_code (400 auth_code_value_invalid), user details with a made-up token (400 "
        "access_token_value_invalid), "
        "a verification_id used before (409), no balance (422), rate limits (429), and on the fake's consent "
        "step a session id that does not exist (404) or a grant of a scope the user has no data for "
        "(422 scopes_not_available).",
    ),
    Adjustment(
        "response_schema_conformance",
        {"enabled": False},
        "It reports the first violation of a response only. Replaced by contract_tests/conformance.py, "
        "which validates every recorded response against the same bundle schema and reports every "
        "violation at its JSON pointer, so each vendor quirk is its own finding for the register to match.",
    ),
    Adjustment(
        "ignored_auth",
        {"enabled": False},
        "It expects 401/403 for a request without credentials; the vendor documents 400 "
        "x-client-id_missing / x-client-secret_missing (and 400 access_token_missing on user details, "
        "which documents no 401). "
        "Replaced by our credentials_enforced check, which probes the same way and expects what is "
        "documented.",
    ),
    Adjustment(
        "use_after_free",
        {"enabled": False},
        "Cannot apply: the vendor's API has no DELETE operation (the fake's admin DELETEs empty a list, "
        "they free no resource another operation reads).",
    ),
    Adjustment(
        "ensure_resource_availability",
        {"enabled": False},
        "Cannot apply: the API has no operation that reads back a created resource by id (sessions are "
        "consumed through the SDK, not fetched).",
    ),
)

# Custom checks of ours (contract_tests/checks.py), always on:
CUSTOM_CHECKS = {
    "credentials_enforced": "Re-sends a successful request without each credential and with a wrong one; "
    "expects the documented 400 <header>_missing, 401 authentication_failed, 400 access_token_*.",
    "vendor_error_shape": "Every 4xx/5xx body is a JSON object whose type, code and message are strings.",
    "user_details_scopes": "A 200 from user details carries each scope at most once, with records.",
    # contract_tests/probes.py (the flow driven by hand before the engine) and rules.py (every answer):
    "flow_blocked": "Each flow step answers 200 with the field the next step needs.",
    "verification_id_reuse": "A verification_id used before answers 409 verification_id_already_exists.",
    "auth_code_single_use": "A replayed auth code answers 400 auth_code_value_invalid.",
    "token_isolation": "A token reads its own session's user only.",
    "scope_within_consent": "User details return no scope beyond the consent.",
    "token_refused": "Forged, foreign and expired tokens answer 400 access_token_value_invalid.",
    "echo_verification_id": "Answers carry the request's (or the session's) verification_id.",
    "echo_user": "Data availability echoes the request's user identifiers.",
    "documented_error_code": "Error codes are documented for the operation and status (400 validation "
    "family excepted); an undocumented one fails the run.",
    "response_content_type": "Every answer's media type is one its operation declares for the status.",
    "json_body": "A body declared or labelled JSON is RFC 8259 JSON (no NaN/Infinity, UTF-8 without BOM).",
    "stated_lifetime": "A session's or token's expiry is the documented hour after the answer (its Date, "
    "else the request time).",
    "documented_error_type": "A documented error code comes with the type its table gives it.",
    "rate_limit_headers": "A 429 carries whole-number X-RateLimit-Limit, -Remaining and -Reset.",
    "flow_data_agrees": "User details return every scope both available and consented, none unavailable.",
    "consent_offers_available": "On our fake's consent step, a grant of a scope data availability did not "
    "report for the user is refused (422 scopes_not_available), not a success that returns nothing.",
    "valid_input_refused": "A valid request at the edges of the documented rules (50-character id of every "
    "allowed character, 10-digit mobile) is accepted.",
    "invalid_input_accepted": "A request just outside a documented rule (51-character id, +91 mobile, "
    "another identifier type) is refused.",
    "token_lifetime": "An access token works again, and 55 minutes into its hour (on our fake).",
    "pii_unmasked": "No Aadhaar number in clear (aadhaar fields, Verhoeff-valid numbers in text), no mobile "
    "number in mobile_hash; critical.",
}


def checks_config() -> dict[str, Any]:
    """The `checks` section of the schemathesis configuration."""
    config: dict[str, Any] = {}
    for adjustment in ADJUSTMENTS:
        config[adjustment.check] = adjustment.setting
    return config


def describe() -> str:
    lines = ["| check | setting | why |", "|---|---|---|"]
    lines += [f"| `{a.check}` | `{a.setting}` | {a.reason} |" for a in ADJUSTMENTS]
    lines += [f"| `{name}` (ours) | on | {why} |" for name, why in CUSTOM_CHECKS.items()]
    lines += [
        f"| `{check}` on `{operation}` | {status} `{code}` accepted | {why} |"
        for (check, operation, status, code), why in DOCUMENTED_EXCEPTIONS.items()
    ]
    lines += [
        f"| `{check}` on an answer marked `{PLANNED_ANSWER_HEADER}` | dropped | {why} |"
        for check, why in PLANNED_ANSWER_CHECKS.items()
    ]
    return "\n".join(lines)


# Failures schemathesis raises that contradict a documented vendor behaviour; dropped by a filter_failure
# hook (runner.py), each with its reason.
DOCUMENTED_EXCEPTIONS = {
    ("missing_required_header", "VrsUserVaultFetchDetailsFromAccessToken", 400, "access_token_missing"): (
        "schemathesis hard-codes 401 for a missing Authorization header; user details documents 400 "
        "access_token_missing and no 401 at all."
    ),
}


def is_documented_exception(check: str, operation_id: str, status: int, code: object) -> bool:
    return (check, operation_id, status, code) in DOCUMENTED_EXCEPTIONS


# A scripted fault or a magic number on our fake answers what a test asked for (a 5xx included), marked
# with this header (cashfree_oneclick/fake/scripted.py). The suite exercises the fake's admin API, which
# can plan such answers; failures of the checks below on a marked answer are the plan, not a defect,
# and are dropped (runner.py). Every other check still judges the marked answer (shape, schema, headers).
PLANNED_ANSWER_HEADER = "x-fake-fault"
PLANNED_ANSWER_CHECKS = {
    "not_a_server_error": "a planned 500/502 is what the test asked the fake for",
    "positive_data_acceptance": "a planned error answers valid data on purpose",
    "negative_data_rejection": "a planned status stands in for the fake's own answer",
}


# schemathesis names these failures by class, not by check.
_FAILURE_CHECKS = {
    "ServerError": "not_a_server_error",
    "RejectedPositiveData": "positive_data_acceptance",
    "AcceptedNegativeData": "negative_data_rejection",
}


def is_planned_answer(check: str, headers: Any) -> bool:
    """True when ``check`` (a check or failure class name) failed on an answer marked as planned."""
    if _FAILURE_CHECKS.get(check, check) not in PLANNED_ANSWER_CHECKS or not headers:
        return False
    return any(str(name).lower() == PLANNED_ANSWER_HEADER for name in headers)
