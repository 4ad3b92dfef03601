"""The contract bundle checks each user-details record against its own scope (overlays/contract.yaml)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from cashfree_oneclick.fake.people import person_for
from cashfree_oneclick.fake.records import ALL_SCOPES, user_details
from contract_tests import conformance
from contract_tests.interactions import Interaction
from contract_tests.targets import BUNDLES

LABEL = "GET /oauth2/user-details"
BODY = user_details(person_for("9999900000"), ALL_SCOPES, "vid-1", 7, quirks=False)


def _findings(body: dict[str, Any]) -> set[tuple[str, str]]:
    item = Interaction(LABEL, "examples", "GET", "http://x/oauth2/user-details", {}, None, 200, {}, None)
    item.response_body = json.dumps(body).encode()
    found = conformance.findings(BUNDLES / "contract.yaml", [item], {})
    return {(f.pointer, f.title) for f in found}


def _metadata(body: dict[str, Any], scope: str) -> dict[str, Any]:
    entry = next(e for e in body["scopes"] if e["scope"] == scope)
    metadata: dict[str, Any] = entry["records"][0]["metadata"]
    return metadata


def test_the_fakes_user_details_conform() -> None:
    assert _findings(BODY) == set()


@pytest.mark.parametrize(
    ("scope", "field", "value", "expected"),
    [
        ("PAN", "pan", "ABCPV1234DX", ("/scopes/*/records/*/metadata/pan", "`pattern` broken")),
        ("PAN", "pan", None, ("/scopes/*/records/*/metadata/pan", "`type` broken")),
        ("AADHAAR", "aadhaar", "234567890124", ("/scopes/*/records/*/metadata/aadhaar", "`pattern` broken")),
        ("ADDRESS", "pincode", "05601", ("/scopes/*/records/*/metadata/pincode", "`pattern` broken")),
        ("DOB", "dob", "1 Feb 1990", ("/scopes/*/records/*/metadata/dob", "`pattern` broken")),
        ("BANK_ACCOUNT", "ifsc", "FAKE1234567", ("/scopes/*/records/*/metadata/ifsc", "`pattern` broken")),
    ],
)
def test_a_record_is_checked_against_its_own_scope(
    scope: str, field: str, value: object, expected: tuple[str, str]
) -> None:
    body = copy.deepcopy(BODY)
    _metadata(body, scope)[field] = value
    # Exactly the culprit: the branches of other scopes (keyed out by their one-value enum) say nothing.
    assert _findings(body) == {expected}


def test_a_record_without_its_scopes_value_is_reported() -> None:
    body = copy.deepcopy(BODY)
    del _metadata(body, "PAN")["pan"]
    assert _findings(body) == {("/scopes/*/records/*/metadata", "`required` broken")}


def test_the_flows_fields_are_required() -> None:
    body = copy.deepcopy(BODY)
    del body["scopes"]
    assert _findings(body) == {("", "`required` broken")}
