"""Probes of what the flow promises beyond one answer: data complete, valid inputs accepted, tokens
usable for their whole lifetime. Each is a rule of the probes (probes.RULES), run after the flows with
the prober's request helper, and named in the fact ledger (openapi/facts.yaml) with its source.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from contract_tests.findings import Severity
from contract_tests.operations import CLOCK, CONSENT, DA, DETAILS, SESSION

if TYPE_CHECKING:
    from contract_tests.probes import Flow, Prober

TOKEN_TTL = 3600  # facts: the access token is valid one hour
# How far into its hour a token is used again (on our fake, whose clock can be moved): late enough
# that a token living minutes instead of an hour fails, early enough for slow runs to stay inside it.
LATE_IN_LIFE = TOKEN_TTL - 300
# A mobile number of ten digits that holds every digit once ("The 10-digit mobile number").
EDGE_MOBILE = "9876543210"
# Our fake's magic numbers for documented errors of data availability (cashfree_oneclick/fake/magic.py):
# 403 ip_validation_failed, 422 insufficient_balance, 429, 500 and 502 verification_failed.
MAGIC_ERROR_MOBILES = ("9000000403", "9000000422", "9000000429", "9000000500", "9000000502")
# Our fake's magic number of a user the vendor holds few scopes for (only EMAIL, MOBILE and NAME).
FEW_SCOPES_MOBILE = "9000000003"
ALL_SCOPES = ("AADHAAR", "PAN", "DOB", "EMAIL", "GENDER", "MOBILE", "NAME", "OCCUPATION", "ADDRESS", "INCOME",
              "BANK_ACCOUNT")  # fmt: skip


def _code(answer: Any) -> str:
    return str(answer.get("code", "")) if isinstance(answer, dict) else ""


def _scopes(entries: Any) -> set[str]:
    if not isinstance(entries, list):
        return set()
    return {str(e.get("scope")) for e in entries if isinstance(e, dict) and "scope" in e}


def flow_data_agrees(p: Prober, flows: list[Flow]) -> None:
    """What data availability reported, what the user consented to and what user details return agree:
    every scope both available and consented comes back, and none that was not available (seeds: user
    details "fetches the information associated with the authenticated user", the consented scopes;
    facts: data availability says "which scopes the vendor holds for a mobile number"). The bound (no
    scope beyond the consent) is scope_within_consent's; this is the other half: nothing goes missing."""
    for flow in flows:
        if not isinstance(flow.details, dict):
            continue
        got, available = _scopes(flow.details.get("scopes")), set(flow.available)
        missing = sorted((set(flow.scopes) & available) - got)
        if missing:
            p.fail(
                "flow_data_agrees", DETAILS, "consented data did not come back",
                f"user details left out {len(missing)} scope(s) the user consented to and data "
                f"availability reported: {missing}", Severity.HIGH, 200, "/scopes",
            )  # fmt: skip
        unannounced = sorted(got - available)
        if unannounced:
            p.fail(
                "flow_data_agrees", DETAILS, "user details return data availability did not report",
                f"user details returned {unannounced}, which data availability did not list for the "
                "user", Severity.MEDIUM, 200, "/scopes",
            )  # fmt: skip


def edge_verification_id() -> str:
    """A fresh verification_id at the edges of the documented rule: 50 characters (the maximum), with
    letters of both cases, digits, period, hyphen and underscore ("Alphanumeric, period (.), hyphen
    (-), and underscore ( _ ) are allowed")."""
    # Digits spread out and a unique part of letters only: a run of nine digits or more would be masked
    # as a number in the cassette, and the replay could not send the id again.
    unique = uuid.uuid4().hex[:20].translate(_LETTERS)
    return f"Edge.Case-_{unique}-0.1_2-3.4_5-6.7_8-9"[:50]


_LETTERS = str.maketrans("0123456789", "ghijklmnop")


def valid_input_accepted(p: Prober, flows: list[Flow]) -> None:
    """A request at the edges of every documented input rule is accepted (seeds: verification_id "The
    maximum character limit is 50. Alphanumeric, period (.), hyphen (-), and underscore ( _ ) are
    allowed"; identifier_value "The 10-digit mobile number"). A valid request refused is a finding: the
    vendor's validation is stricter than its documents, and integrators' valid ids fail in production.
    Statuses that are no verdict on the input (409 is excluded by fresh ids; 422, 429) are not judged."""
    if flows[0].session_id is None:
        return  # the flow itself did not pass: flow_blocked says why
    user = {"identifier_type": "MOBILE", "identifier_value": EDGE_MOBILE}
    for operation, path, body in (
        (DA, "/user/data-availability", {"verification_id": edge_verification_id(), "user": [user]}),
        (SESSION, "/oauth2/session", {"verification_id": edge_verification_id(), "user": user}),
    ):
        status, answer = p.call(operation, path, body=body, headers=p.pair(operation))
        if status != 200 and status not in (422, 429):
            p.fail(
                "valid_input_refused", operation, "a valid request at the edge of a documented rule "
                "was refused",
                f"a 50-character verification_id of every allowed character class and a mobile number "
                f"of ten digits answered {status} {_code(answer)!r}; the documents allow both",
                Severity.HIGH, status,
            )  # fmt: skip


def invalid_input_refused(p: Prober, flows: list[Flow]) -> None:
    """A request just outside a documented rule is refused, not quietly repaired: a verification_id
    of 51 characters (seeds: "The maximum character limit is 50"), a mobile number with a country
    code ("No prefixes or country codes are required"), another identifier type than MOBILE (its only
    value). The engine's negative cases cover more, but reuse ids, so a 409 can hide an acceptance."""
    if flows[0].session_id is None:
        return
    mobile = {"identifier_type": "MOBILE", "identifier_value": EDGE_MOBILE}
    prefixed, email = (
        {**mobile, "identifier_value": "+91" + EDGE_MOBILE},
        {**mobile, "identifier_type": "EMAIL"},
    )
    too_long = edge_verification_id() + "x"
    cases = (
        (DA, "/user/data-availability", {"verification_id": too_long, "user": [mobile]}, "a 51-character id"),
        (SESSION, "/oauth2/session", {"verification_id": too_long, "user": mobile}, "a 51-character id"),
        (DA, "/user/data-availability",
         {"verification_id": edge_verification_id(), "user": [prefixed]},
         "a mobile number with +91"),
        (DA, "/user/data-availability",
         {"verification_id": edge_verification_id(), "user": [email]},
         "identifier_type EMAIL"),
    )  # fmt: skip
    for operation, path, body, what in cases:
        status, _ = p.call(operation, path, body=body, headers=p.pair(operation))
        if 200 <= status < 300:
            p.fail(
                "invalid_input_accepted", operation, "a request outside a documented rule was accepted",
                f"{what} answered {status}; the documents allow no such value (400 validation_error)",
                Severity.HIGH, status,
            )  # fmt: skip


def meet_documented_errors(p: Prober, flows: list[Flow]) -> None:
    """On our fake, one answer of each documented error status data availability has no request for
    (403, 422, 429, 500, 502: its magic numbers), so that every run judges their codes, types, shape
    and a 429's headers (rules, semantics); a vendor's are judged whenever a run meets one."""
    if not p.target.has_consent_step:
        return
    for mobile in MAGIC_ERROR_MOBILES:
        user = {"identifier_type": "MOBILE", "identifier_value": mobile}
        body = {"verification_id": edge_verification_id(), "user": [user]}
        p.call(DA, "/user/data-availability", body=body, headers=p.pair(DA))


def consent_offers_available(p: Prober, flows: list[Flow]) -> None:
    """On our fake's consent step (the SDK's consent screen), a grant of a scope data availability did
    not report for the user is refused, 422 scopes_not_available, never a success whose user details
    then lack it (facts: data availability tells "which scopes the vendor holds for a mobile number",
    then "the user opens the vendor's SDK with session_id and consents"; the screen offers those)."""
    if not p.target.has_consent_step:
        return
    user = {"identifier_type": "MOBILE", "identifier_value": FEW_SCOPES_MOBILE}
    body = {"verification_id": edge_verification_id(), "user": [user]}
    status, answer = p.call(DA, "/user/data-availability", body=body, headers=p.pair(DA))
    available = _scopes(answer.get("available_scopes")) if isinstance(answer, dict) else set()
    offered_not = [scope for scope in ALL_SCOPES if scope not in available]
    opened = {"verification_id": edge_verification_id(), "user": user}
    started_status, started = p.call(SESSION, "/oauth2/session", body=opened, headers=p.pair(SESSION))
    session_id = started.get("session_id") if isinstance(started, dict) else None
    if status != 200 or not offered_not or started_status != 200 or not isinstance(session_id, str):
        return  # no user with missing data to consent for (the flow's own rules report a failing step)
    path = f"/__fake__/sessions/{session_id}/consent"
    status, answer = p.call(CONSENT, path, body={"decision": "GRANTED", "scopes": offered_not[:1]})
    if (status, _code(answer)) != (422, "scopes_not_available"):
        p.fail(
            "consent_offers_available", CONSENT, "a grant of a scope the user has no data for succeeded",
            f"a grant of {offered_not[0]}, which data availability did not report for the user, answered "
            f"{status} {_code(answer)!r}; the consent step offers the available scopes only (documented: "
            "422 scopes_not_available)", Severity.HIGH, status,
        )  # fmt: skip


def token_lifetime(p: Prober, flows: list[Flow]) -> None:
    """An access token is usable for its whole documented hour, not once (facts: "Validity windows,
    each one hour: ... the access_token"): user details answer again with the same scopes, and on our
    fake (its clock moved 55 minutes on) once more. Runs before token_expires moves the clock past it."""
    flow = flows[0]
    if flow.access_token is None or not isinstance(flow.details, dict):
        return
    bearer = {"Authorization": f"Bearer {flow.access_token}"}
    expected = _scopes(flow.details.get("scopes"))
    moments = ["again"]
    if p.target.has_consent_step:
        moments.append(f"{LATE_IN_LIFE // 60} minutes into its hour")
    for moment in moments:
        if moment != "again":
            status, _ = p.call(CLOCK, "/__fake__/clock/advance", body={"seconds": LATE_IN_LIFE})
            if status != 200:
                return  # a fake without the clock control: lifetime cannot be probed over HTTP
        status, answer = p.call(DETAILS, "/oauth2/user-details", headers=bearer)
        got = _scopes(answer.get("scopes")) if isinstance(answer, dict) else set()
        if status != 200 or got != expected:
            p.fail(
                "token_lifetime", DETAILS, "an access token stopped working within its hour",
                f"user details with a valid token used {moment} answered {status} {_code(answer)!r}"
                f"{'' if status != 200 else ' with other scopes'}; the token is valid one hour",
                Severity.HIGH, status,
            )  # fmt: skip
            return


# In the order they run, after the probes' own rules and before token_expires (which moves the clock
# past the token's hour; token_lifetime moves it within the hour, so it runs last of these).
PROBES = (
    flow_data_agrees,
    valid_input_accepted,
    invalid_input_refused,
    meet_documented_errors,
    consent_offers_available,
    token_lifetime,
)
