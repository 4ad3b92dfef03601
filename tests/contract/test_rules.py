"""The response rules on single answers, and the PII guard's value kept out of every artifact."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from cashfree_oneclick.redaction import Redactor
from contract_tests import reports, rules, runner
from contract_tests.drift import BY_NAME, DriftApp
from contract_tests.findings import Finding, Severity
from contract_tests.interactions import Interaction
from contract_tests.probes import run as run_probes
from contract_tests.profiles import profile
from contract_tests.targets import BUNDLES, fake_target

BUNDLE = BUNDLES / "contract-fake.yaml"


def _answer(operation: str, status: int, body: Any, sent: Any = None) -> Interaction:
    raw = json.dumps(sent).encode() if sent is not None else None
    labelled = {"Content-Type": "application/json"}
    return Interaction(
        operation, "t", "POST", "http://x", {}, raw, status, labelled, json.dumps(body).encode()
    )


def _checks(item: Interaction) -> set[tuple[str, str]]:
    return {(f.check, f.pointer) for f in rules.findings(BUNDLE, [item], {})}


def test_verhoeff_accepts_valid_check_digits_only() -> None:
    assert rules.verhoeff_valid("2363")  # the textbook example: 236 -> check digit 3
    assert rules.verhoeff_valid("234123412346")
    assert not rules.verhoeff_valid("234123412345")


def test_an_aadhaar_field_with_twelve_digits_is_critical_whatever_the_check_digit() -> None:
    body = {"scopes": [{"records": [{"metadata": {"aadhaar": "1234 5678 9012"}}]}]}
    found = rules.findings(BUNDLE, [_answer("GET /oauth2/user-details", 200, body)], {})
    assert [(f.check, f.pointer, str(f.severity)) for f in found] == [
        ("pii_unmasked", "/scopes/*/records/*/metadata/aadhaar", "critical")
    ]
    assert "1234" not in found[0].message


def test_free_text_is_flagged_only_for_a_verhoeff_valid_number_outside_identifier_fields() -> None:
    flagged = {"message": "uid 2341 2341 2346 seen"}
    assert _checks(_answer("GET /oauth2/user-details", 400, flagged)) >= {("pii_unmasked", "/message")}
    for quiet in (
        {"message": "uid 2341 2341 2345"},
        {"bank_account": "234123412346"},
        {"aadhaar": "xxxxxxxx2346"},
    ):
        assert not {
            c for c in _checks(_answer("GET /oauth2/user-details", 200, quiet)) if c[0] == "pii_unmasked"
        }


def test_undocumented_error_codes_fail_except_the_validation_family_on_400() -> None:
    op = "POST /oauth2/generate-token"
    renamed = {"type": "validation_error", "code": "invalid_auth_code", "message": "m"}
    family = {"type": "validation_error", "code": "auth_code_length_exceeded", "message": "m"}
    documented = {"type": "validation_error", "code": "auth_code_value_invalid", "message": "m"}
    assert ("documented_error_code", "/code") in _checks(_answer(op, 400, renamed))
    assert _checks(_answer(op, 400, family)) == set()
    assert _checks(_answer(op, 400, documented)) == set()
    other_status = {"type": "authentication_error", "code": "auth_failed", "message": "m"}
    assert ("documented_error_code", "/code") in _checks(_answer(op, 401, other_status))


def test_echo_compares_the_documented_identifiers_only() -> None:
    sent = {
        "verification_id": "v1",
        "user": [{"identifier_type": "MOBILE", "identifier_value": "9999900000", "x": 1}],
    }
    same = {
        "verification_id": "v1",
        "user": [{"identifier_type": "MOBILE", "identifier_value": "9999900000"}],
    }
    other = {
        "verification_id": "v2",
        "user": [{"identifier_type": "MOBILE", "identifier_value": "9999900001"}],
    }
    op = "POST /user/data-availability"
    assert _checks(_answer(op, 200, same, sent)) == set()
    assert _checks(_answer(op, 200, other, sent)) == {
        ("echo_verification_id", "/verification_id"),
        ("echo_user", "/user"),
    }


def test_an_unmasked_aadhaar_is_redacted_in_every_artifact(tmp_path: Path) -> None:
    base = fake_target()
    target = dataclasses.replace(base, app=DriftApp(base.app, BY_NAME["aadhaar_unmasked"]))
    probed = run_probes(target, 30.0)
    found = [*probed.findings, *rules.findings(target.bundle, probed.interactions, {})]
    assert any(f.check == "pii_unmasked" for f in found)
    result = runner.RunResult(target, profile("pr"), {}, found, probed.interactions, [], 1.0, "completed")
    written = reports.write_all(result, reports.verdict(result), tmp_path, Redactor())
    assert b"234123412346" in b"".join(i.response_body or b"" for i in probed.interactions)  # it was sent
    for path in written.values():
        text = path.read_text(encoding="utf-8")
        assert "234123412346" not in text, path.name
        assert "2341 2341 2346" not in text, path.name


def test_the_summary_groups_findings_by_rule() -> None:
    def finding(check: str, pointer: str, severity: Severity, deviation: str | None = None) -> Finding:
        return Finding("GET /x", "X", check, "t", "m", severity, 200, pointer, "curl", deviation)

    rows = reports.by_rule(
        [
            finding("pii_unmasked", "/a", Severity.CRITICAL),
            finding("pii_unmasked", "/b", Severity.CRITICAL),
            finding("response_schema_conformance", "/c", Severity.HIGH, "DEV-001"),
        ]
    )
    assert rows[2] == "| `pii_unmasked` | critical | 2 | 0 | `GET /x` `/a`, `GET /x` `/b` |"
    assert rows[3] == "| `response_schema_conformance` | high | 0 | 1 | `GET /x` `/c` |"
