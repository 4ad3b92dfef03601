"""``redaction.Redactor.data``/``body``: property names are redacted like any text, not only values.

A fuzzed request body can carry a mobile number, a PAN or a configured secret as a property *name*
(schemathesis draws additional properties from example values); the contract suite's cassette is
written through ``Redactor.body``, so a name must not slip through where a value would not.
"""

from __future__ import annotations

import json

from cashfree_oneclick.redaction import MASK, Redactor

SECRET = "planted-secret-Jr4Tz8"  # noqa: S105 - a planted test value


def redactor() -> Redactor:
    fresh = Redactor()
    fresh.add_known(SECRET)
    return fresh


def test_a_property_name_shaped_like_personal_data_is_redacted() -> None:
    clean = redactor()

    assert clean.data({"9999900000": "x", "verification_id": "vid-1"}) == {
        MASK: "x",
        "verification_id": "vid-1",
    }
    assert clean.data({"ABCDE1234F": 1}) == {MASK: 1}
    assert clean.data({f"prefix-{SECRET}": True}) == {f"prefix-{MASK}": True}


def test_a_redacted_body_keeps_no_planted_value_anywhere() -> None:
    raw = json.dumps({"user": {"9876543210": {"pan": "ABCDE1234F"}}, "note": f"{SECRET} and 9876543210"})

    text = redactor().body(raw)

    for planted in ("9876543210", "ABCDE1234F", SECRET):
        assert planted not in text
    assert json.loads(text) == {"user": {MASK: {"pan": MASK}}, "note": f"{MASK} and {MASK}"}


def test_ordinary_names_and_values_are_kept() -> None:
    body = {"verification_id": "vid-1", "user": [{"identifier_type": "MOBILE"}], 7: "seven"}

    assert redactor().data(body) == body
