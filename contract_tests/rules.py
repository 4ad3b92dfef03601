"""Response rules no schema states, checked on every recorded answer (engine cases and probes alike).

Each rule is a function of one interaction that yields findings; RULES is the table the runner reads.
The source of each rule is in its docstring. A finding names the rule, the place (JSON pointer) and a
reproduction; it never carries the offending value (an unmasked Aadhaar is reported, not repeated).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cashfree_oneclick.jsonbody import BodyError, parse_json
from contract_tests import semantics, wire
from contract_tests.findings import Finding, FindingKey, Severity, about, pointer_of
from contract_tests.interactions import Interaction

_ECHOING = {"POST /oauth2/session", "POST /user/data-availability"}


def _json(raw: bytes | None) -> Any:
    # The one strict reader: a body it refuses is json_body's finding (wire.py), not read around here.
    try:
        return parse_json(raw) if raw else None
    except BodyError:
        return None


def echo_request(item: Interaction, ops: dict[str, str], bundle: Path) -> Iterator[Finding]:
    """A 200 of session or data availability echoes the request's verification_id and its `user`
    (facts: "verification_id (string)", "user (array as in the request)"; Initiate OAuth's schema:
    `user` "the list of user identifiers provided in the request"). The session's `user` is an object
    in the request and either an object or, as in the vendor's own example, a list in the answer."""
    if item.status != 200 or item.operation not in _ECHOING:
        return
    sent, answer = _json(item.request_body), _json(item.response_body)
    if not isinstance(sent, dict) or not isinstance(answer, dict):
        return
    if "verification_id" in answer and answer["verification_id"] != sent.get("verification_id"):
        yield about(item, ops, "echo_verification_id", "verification_id not echoed",
                    "the 200 carries a verification_id other than the request's", Severity.HIGH,
                    "/verification_id")  # fmt: skip
    users = answer.get("user")
    if users is not None and _identifiers(_listed(users)) != _identifiers(_listed(sent.get("user"))):
        message = "the 200 carries user identifiers other than the request's"
        yield about(item, ops, "echo_user", "user not echoed", message, Severity.MEDIUM, "/user")


def _listed(users: Any) -> Any:
    return [users] if isinstance(users, dict) else users


def _identifiers(users: Any) -> list[tuple[Any, Any]] | None:
    # The documented pair of each user; other properties a request carries need not come back.
    if not isinstance(users, list):
        return None
    return [
        (u.get("identifier_type"), u.get("identifier_value")) if isinstance(u, dict) else (u, None)
        for u in users
    ]


# The vendor's naming family for validation errors (`verification_id_missing`, `auth_code_value_invalid`,
# `verification_id_length_exceeded`, ...): the codes for invalid input it cannot list exhaustively.
_VALIDATION_FAMILY = re.compile(r"[a-z0-9_-]+_(?:missing|invalid|length_exceeded)")


def documented_error_code(item: Interaction, ops: dict[str, str], bundle: Path) -> Iterator[Finding]:
    """An error answer carries a code its operation documents for that status (facts: the error
    tables per operation and the shared one; the bundle's error examples state them).

    Decision: an undocumented code FAILS the run (a new finding, not a warning): our client maps codes
    to errors, so a renamed code silently turns a documented case into a generic one. One allowance:
    a 400 `validation_error` may carry any code of the vendor's validation family
    (`<field>_missing`, `<field>_value_invalid`, `<field>_length_exceeded`): fuzzed input reaches
    fields and checks no table lists. Where the probes know the exact situation (a reused id, a
    replayed code, a forged token) they assert the exact documented code. Statuses the operation
    documents no code for are left to status_code_conformance.
    """
    if item.status is None or item.status < 400:
        return
    operation = semantics.operations_by_label(bundle).get(item.operation)
    if operation is None:
        return
    documented = {code for status, code in operation.errors_by_status if status == item.status}
    answer = _json(item.response_body)
    code = answer.get("code") if isinstance(answer, dict) else None
    if not documented or not isinstance(code, str) or code in documented:
        return
    if item.status == 400 and answer.get("type") == "validation_error" and _VALIDATION_FAMILY.fullmatch(code):
        return
    yield about(item, ops, "documented_error_code", f"undocumented error code for {item.status}",
                   f"{item.status} answered code {code[:60]!r}; documented for this status: "
                   f"{sorted(documented)}", Severity.MEDIUM, "/code")  # fmt: skip


_VERHOEFF_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]  # fmt: skip
_VERHOEFF_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]  # fmt: skip


def verhoeff_valid(digits: str) -> bool:
    """The Verhoeff check (Aadhaar's last digit is a Verhoeff check digit: UIDAI)."""
    check = 0
    for position, digit in enumerate(reversed(digits)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[position % 8][int(digit)]]
    return check == 0


_AADHAAR_IN_TEXT = re.compile(r"(?<![0-9])([2-9][0-9]{3})[ -]?([0-9]{4})[ -]?([0-9]{4})(?![0-9])")
_TWELVE = re.compile(r"[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}")
# Fields that hold other numbers by definition (or the caller's own value): not free text.
_NOT_FREE_TEXT = frozenset(
    {"bank_account", "micr", "mobile", "identifier_value", "reference_id", "verification_id", "pincode"}
)


def _walk(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, index))


def pii_unmasked(item: Interaction, ops: dict[str, str], bundle: Path) -> Iterator[Finding]:
    """No answer carries an Aadhaar number in clear (facts, UIDAI regulations: only masked, first eight
    digits hidden). Field-aware: any 12-digit value under an `aadhaar` key; in any other string, twelve
    digits (first not 0 or 1) passing the Verhoeff check. And `mobile_hash` (documented as a hash) must
    not be the mobile number in clear. A hit is critical; the value itself is never repeated."""
    answer = _json(item.response_body)
    for path, value in _walk(answer):
        key = str(path[-1]).lower() if path and isinstance(path[-1], str) else ""
        text = str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None
        if text is None:
            continue
        if key == "aadhaar" and _TWELVE.fullmatch(text.strip()):
            yield about(item, ops, "pii_unmasked", "unmasked Aadhaar number",
                           "an `aadhaar` field carries 12 digits in clear (value redacted)",
                           Severity.CRITICAL, pointer_of(list(path)))  # fmt: skip
        elif key == "mobile_hash" and re.fullmatch(r"(?:\+?91)?[0-9]{10}", text):
            yield about(item, ops, "pii_unmasked", "mobile number in clear in mobile_hash",
                           "`mobile_hash` carries a 10-digit mobile number, not a hash (value redacted)",
                           Severity.CRITICAL, pointer_of(list(path)))  # fmt: skip
        elif (
            isinstance(value, str)
            and key not in _NOT_FREE_TEXT
            and any(verhoeff_valid("".join(m.groups())) for m in _AADHAAR_IN_TEXT.finditer(value))
        ):
            yield about(item, ops, "pii_unmasked", "Aadhaar number in free text",
                           "a text field carries 12 digits that pass Aadhaar's Verhoeff check (value "
                           "redacted)", Severity.CRITICAL, pointer_of(list(path)))  # fmt: skip


Rule = Callable[[Interaction, dict[str, str], Path], Iterator[Finding]]
RULES: tuple[Rule, ...] = (echo_request, documented_error_code, pii_unmasked, *wire.RULES, *semantics.RULES)


def findings(bundle: Path, interactions: list[Interaction], operation_ids: dict[str, str]) -> list[Finding]:
    found: dict[FindingKey, Finding] = {}
    for item in interactions:
        for rule in RULES:
            for finding in rule(item, operation_ids, bundle):
                found.setdefault(finding.key, finding)
    return list(found.values())
