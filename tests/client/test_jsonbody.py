"""cashfree_oneclick.jsonbody: RFC 8259 JSON within bounds, or one error with a reason."""

from __future__ import annotations

import pytest

from cashfree_oneclick.jsonbody import BodyError, depth_of, parse_json


def test_a_documented_body_parses() -> None:
    assert parse_json(b'{"scopes": [{"records": [{"pan": "ABCDE1234F"}]}]}') == {
        "scopes": [{"records": [{"pan": "ABCDE1234F"}]}]
    }


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"score": NaN}', "NaN is not JSON"),
        (b'{"score": Infinity}', "Infinity is not JSON"),
        (b'{"score": -Infinity}', "-Infinity is not JSON"),
        (b'\xef\xbb\xbf{"a": 1}', "byte order mark"),
        (b'{"a": "\xff"}', "not UTF-8"),
        (b'{"a": ', "not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nests deeper than 64"),
        (b"[" * 65 + b"]" * 65, "nests deeper than 64"),
    ],
)
def test_what_python_forgives_or_chokes_on_is_one_error(body: bytes, reason: str) -> None:
    with pytest.raises(BodyError, match=reason):
        parse_json(body)


def test_the_depth_and_size_bounds_are_inclusive() -> None:
    assert depth_of(parse_json(b"[" * 64 + b"]" * 64)) == 64
    assert parse_json(b'"' + b"x" * 98 + b'"', max_bytes=100) == "x" * 98
    with pytest.raises(BodyError, match="101 bytes exceeds the limit of 100"):
        parse_json(b'"' + b"x" * 99 + b'"', max_bytes=100)


def test_the_reason_never_quotes_the_body() -> None:
    with pytest.raises(BodyError) as error:
        parse_json(b'{"pan": "ABCDE1234F", oops}')
    assert "ABCDE1234F" not in str(error.value)
