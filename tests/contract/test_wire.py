"""The suite reads answers as strictly as the documents: media types, RFC 8259 JSON, formats, dates."""

from __future__ import annotations

import json
from collections.abc import Mapping

import pytest

from contract_tests import conformance, rules
from contract_tests.formats import strict_validator
from contract_tests.interactions import Interaction
from contract_tests.targets import BUNDLES

BUNDLE = BUNDLES / "contract-fake.yaml"
DA = "POST /user/data-availability"
DA_BODY = {
    "reference_id": 1,
    "verification_id": "v-1",
    "user": [{"identifier_type": "MOBILE", "identifier_value": "9999900000"}],
    "available_scopes": [{"scope": "PAN"}],
}


def _answer(body: bytes, content_type: str | None = "application/json", status: int = 200) -> Interaction:
    headers = {"Content-Type": content_type} if content_type is not None else {}
    return Interaction(DA, "t", "POST", "http://x", {}, None, status, headers, body)


def _checks(item: Interaction) -> list[str]:
    return sorted(f.check for f in rules.findings(BUNDLE, [item], {}))


def test_a_plain_json_answer_with_or_without_a_charset_raises_nothing() -> None:
    body = json.dumps(DA_BODY).encode()
    assert _checks(_answer(body)) == []
    assert _checks(_answer(body, "Application/JSON; charset=utf-8")) == []


@pytest.mark.parametrize("label", ["text/plain", "text/html; charset=utf-8", None])
def test_an_answer_labelled_other_than_declared_is_a_finding_even_with_a_json_body(label: str | None) -> None:
    found = rules.findings(BUNDLE, [_answer(json.dumps(DA_BODY).encode(), label)], {})
    assert [f.check for f in found] == ["response_content_type"]
    assert found[0].message.endswith("declares ['application/json']")


def test_an_undocumented_status_is_left_to_status_code_conformance() -> None:
    assert _checks(_answer(b'{"code": "x"}', "text/plain", status=418)) == []


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"reference_id": NaN}', "NaN is not JSON"),
        (b'{"score": -Infinity}', "-Infinity is not JSON"),
        (b"\xef\xbb\xbf" + json.dumps(DA_BODY).encode(), "byte order mark"),
        (b'{"a": "\xff"}', "not UTF-8"),
        (b"", "not JSON"),
    ],
)
def test_a_body_python_forgives_but_rfc_8259_does_not_is_a_finding(body: bytes, reason: str) -> None:
    found = [f for f in rules.findings(BUNDLE, [_answer(body)], {}) if f.check == "json_body"]
    assert len(found) == 1
    assert reason in found[0].message
    # conformance does not read around it: the body is not validated as if it were JSON
    assert conformance.findings(BUNDLE, [_answer(body)], {}) == []


def _violations(schema: Mapping[str, object], value: object) -> list[tuple[str, object]]:
    return [(e.validator, e.validator_value) for e in strict_validator(schema).iter_errors(value)]


def test_int64_is_a_range() -> None:
    schema = {"type": "integer", "format": "int64"}
    assert _violations(schema, 2**63 - 1) == []
    assert _violations(schema, -(2**63)) == []
    assert _violations(schema, 2**63) == [("format", "int64")]
    assert [v for v, _ in _violations(schema, "1")] == ["type"]  # not an integer: the type's finding


@pytest.mark.parametrize(
    ("pattern", "good", "bad"),
    [
        (
            r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
            "2024-02-29T23:59:59Z",
            "2023-02-29T23:59:59Z",
        ),
        (
            r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
            "2024-12-31T00:00:00Z",
            "2024-12-31T24:00:00Z",
        ),
        (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "2023-09-01", "2023-13-01"),
        (r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}-[0-9]{2}-[0-9]{4})$", "02-02-1995", "31-02-1995"),
        (r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}-[0-9]{2}-[0-9]{4})$", "1990-01-01", "1990-00-01"),
    ],
)
def test_a_vendor_date_layout_is_a_real_date(pattern: str, good: str, bad: str) -> None:
    schema = {"type": "string", "pattern": pattern}
    assert _violations(schema, good) == []
    assert [v for v, _ in _violations(schema, bad)] == ["format"]
    assert [v for v, _ in _violations(schema, "not a date")] == ["pattern"]  # one finding, not two


def test_the_vendors_own_example_dates_are_real_dates() -> None:
    # The seed pages' success examples: session expiry, PAN last_updated_at, DOB and Aadhaar dob.
    session = {"verification_id": "123456", "session_id": "s", "expiry": "2024-12-31T23:59:59Z"}
    item = Interaction(
        "POST /oauth2/session", "t", "POST", "http://x", {}, None, 200, {}, json.dumps(session).encode()
    )
    assert conformance.findings(BUNDLE, [item], {}) == []
