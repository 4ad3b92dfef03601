"""A header rule judges every value as its schema does, remembering at most a bounded number of verdicts."""

from __future__ import annotations

from jsonschema import Draft7Validator

from cashfree_oneclick.fake.spec import SEEN_HEADER_VALUES, HeaderRule

VERSION = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}


def test_a_rule_remembers_verdicts_up_to_its_bound_and_still_judges_every_value() -> None:
    rule = HeaderRule("x-api-version", True, Draft7Validator(VERSION))

    assert rule.accepts("2024-12-01")
    assert not rule.accepts("v1")
    # Asked again, from memory: the same verdicts.
    assert rule.accepts("2024-12-01")
    assert not rule.accepts("v1")
    for n in range(SEEN_HEADER_VALUES):
        rule.accepts(f"junk-{n}")
    assert len(rule._seen) == SEEN_HEADER_VALUES
    # Past the bound, values are validated each time and not kept.
    assert rule.accepts("1999-01-01")
    assert not rule.accepts("1999-01-0x")
    assert len(rule._seen) == SEEN_HEADER_VALUES
