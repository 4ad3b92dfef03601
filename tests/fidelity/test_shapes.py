"""shapes.compare: keys, JSON types, nesting and enum values differ; other values never do."""

from __future__ import annotations

from contract_tests.fidelity.shapes import compare, enum_properties

ENUMS = frozenset({"scope", "status"})


def named(vendor: object, fake: object) -> set[tuple[str, str, str, str, str]]:
    return {(d.aspect, d.pointer, d.vendor, d.fake, d.where) for d in compare(vendor, fake, ENUMS)}


def test_values_that_are_no_enum_never_differ() -> None:
    assert named({"id": "a", "n": 1, "x": [1, 2]}, {"id": "b", "n": 7, "x": [3]}) == set()


def test_types_keys_and_enum_values_differ_at_their_pointer() -> None:
    vendor = {"reference_id": "1", "status": "SUCCESS", "user": [{"a": 1}], "gone": None, "a/b": 1}
    fake = {"reference_id": 1, "status": "ERROR", "user": {"a": 1}, "new": True, "a/b": True}
    assert named(vendor, fake) == {
        ("type", "/reference_id", "string", "integer", ""),
        ("enum", "/status", "SUCCESS", "ERROR", ""),
        ("type", "/user", "array", "object", ""),
        ("missing-in-fake", "/gone", "present", "absent", ""),
        ("extra-in-fake", "/new", "absent", "present", ""),
        ("type", "/a~1b", "integer", "boolean", ""),
    }


def test_list_elements_are_compared_per_enum_group() -> None:
    vendor = {
        "scopes": [{"scope": "PAN", "records": [{"pan": "x"}]}, {"scope": "DOB", "records": [{"dob": "x"}]}]
    }
    fake = {
        "scopes": [{"scope": "DOB", "records": [{"dob": "x"}]}, {"scope": "PAN", "records": [{"pan": 1}]}]
    }
    # Merged, PAN's `pan` would be string|integer on one side only; grouped, the PAN group names it.
    assert named(vendor, fake) == {("type", "/scopes/*/records/*/pan", "string", "integer", "scope=PAN")}
    fewer = {"scopes": [{"scope": "DOB", "records": [{"dob": "x"}]}]}
    assert named(vendor, fewer) == {("enum", "/scopes/*/scope", "DOB, PAN", "DOB", "")}


def test_enum_properties_come_from_the_contract_bundle() -> None:
    enums = enum_properties()
    assert {"scope", "identifier_type"} <= enums
    assert "verification_id" not in enums


def test_a_masked_key_is_no_difference_but_its_named_siblings_are() -> None:
    # Redaction masks a key that looks like PII (a fuzzed mobile number as a property name): one side
    # may show it and the other not, depending on what its redactor knew; the named keys still count.
    vendor = {"user": [{"identifier_type": "MOBILE", "[REDACTED]": "x", "extra": 1}]}
    fake = {"user": [{"identifier_type": "MOBILE"}]}
    assert named(vendor, fake) == {("missing-in-fake", "/user/*/extra", "present", "absent", "")}
    assert named(fake, {"user": [{"identifier_type": "MOBILE", "x[REDACTED]": 2}]}) == set()
    # The vendor's masked key may be the fake's FakeGetClock (a harvested value on one side only).
    assert named({"user": [{"[REDACTED]": 1}]}, {"user": [{"FakeGetClock": 1}]}) == set()
    assert named({"user": [{"FakeGetClock": 1}]}, {"user": [{"[REDACTED]": 1}]}) == set()
