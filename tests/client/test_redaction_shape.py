"""``Redactor.shaped``: the cassette's redaction hides every value yet keeps keys, nesting and types."""

from __future__ import annotations

import json

from cashfree_oneclick.redaction import MASK, Redactor

DETAILS = {
    "reference_id": 123456,
    "verification_id": "vid-9876543210",
    "scopes": [
        {"scope": "PAN", "records": [{"pan": "ABCDE1234F", "confidence_score": None, "verified": True}]},
        {"scope": "ADDRESS", "records": [{"address": {"house": "12 Fake St", "pincode": 560001}}]},
        {"scope": "DOB", "records": [{"year_of_birth": 1990, "score": 0.93}]},
    ],
}


def test_shape_and_types_stay_while_every_value_goes() -> None:
    shaped = Redactor().shaped(DETAILS)

    assert shaped == {
        "reference_id": 123456,  # not sensitive, not text: kept
        "verification_id": f"vid-{MASK}",  # text: redacted by pattern, still a string
        "scopes": [
            {"scope": "PAN", "records": [{"pan": MASK, "confidence_score": None, "verified": True}]},
            # Under a sensitive key an object keeps its keys and every leaf its JSON type.
            {"scope": "ADDRESS", "records": [{"address": {"house": MASK, "pincode": 0}}]},
            {"scope": "DOB", "records": [{"year_of_birth": 0, "score": 0.93}]},
        ],
    }


def test_a_body_redacted_with_its_shape_holds_no_planted_value() -> None:
    text = Redactor().body(json.dumps(DETAILS).encode(), keep_shape=True)

    for planted in ("9876543210", "ABCDE1234F", "12 Fake St", "560001", "1990"):
        assert planted not in text
    assert json.loads(text)["scopes"][1]["records"][0]["address"]["pincode"] == 0
    # Without keep_shape the address is one string: the shape a replay compares would be gone.
    assert json.loads(Redactor().body(json.dumps(DETAILS)))["scopes"][1]["records"][0]["address"] == MASK


def test_a_blank_sensitive_value_stays_blank() -> None:
    # It hides nothing, and says what the vendor answered to: "missing", not "invalid".
    assert Redactor().shaped({"auth_code": "", "identifier_value": " ", "pan": "ABCDE1234F"}) == {
        "auth_code": "",
        "identifier_value": " ",
        "pan": MASK,
    }
