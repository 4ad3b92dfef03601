"""The fact ledger: every fact quotes its source, names a check that exists and a drift that proves it."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from contract_tests import conformance, policy
from contract_tests.drift import BY_NAME
from contract_tests.findings import SEVERITY_BY_CHECK
from scripts import facts_table
from scripts.yaml_io import load_yaml

ROOT = Path(__file__).resolve().parent.parent
LEDGER: dict[str, Any] = load_yaml((ROOT / "openapi" / "facts.yaml").read_text(encoding="utf-8"))
FACTS: list[dict[str, Any]] = LEDGER["facts"]
# Every check a finding can carry: ours (policy.CUSTOM_CHECKS), schemathesis's that the suite runs, and
# conformance.
CHECKS = set(policy.CUSTOM_CHECKS) | set(SEVERITY_BY_CHECK) | {conformance.CHECK}


@cache
def _lines(file: str) -> tuple[str, ...]:
    return tuple((ROOT / file).read_text(encoding="utf-8").splitlines())


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def quoted(source: dict[str, Any]) -> bool:
    first, _, last = str(source["lines"]).partition("-")
    lines = _lines(source["file"])[int(first) - 1 : int(last or first)]
    return _norm(source["quote"]) in _norm(" ".join(lines))


@pytest.mark.parametrize("fact", FACTS, ids=[f["id"] for f in FACTS])
def test_a_fact_quotes_its_source_and_names_a_check_and_a_drift_that_exist(fact: dict[str, Any]) -> None:
    assert fact["fact"].strip()
    assert quoted(fact["source"]), f"{fact['id']}: the quote is not at {fact['source']['lines']}"
    assert fact["check"] in CHECKS, f"{fact['id']}: no check {fact['check']!r}"
    drift = BY_NAME.get(fact["drift"])
    assert drift is not None, f"{fact['id']}: no drift {fact['drift']!r} in contract_tests/drift/corpus.py"
    # The drift proves the check: it is the check it expects to catch it, or a control it must not flag.
    assert drift.control or fact["check"] in drift.expect, (
        f"{fact['id']}: {drift.name} expects {drift.expect}"
    )


def test_ids_are_unique_and_every_left_out_statement_says_why() -> None:
    ids = [f["id"] for f in FACTS]
    assert len(ids) == len(set(ids))
    for entry in LEDGER["left_out"]:
        assert quoted(entry["source"]), entry
        assert entry["why"].strip()


def test_every_rule_of_ours_enforces_a_fact() -> None:
    unused = set(policy.CUSTOM_CHECKS) - {f["check"] for f in FACTS}
    assert not unused, f"checks of ours with no fact in openapi/facts.yaml: {sorted(unused)}"


def test_the_ledger_fails_on_a_fact_without_a_drift_or_with_a_wrong_quote() -> None:
    # The test above must be able to fail: a made-up drift name and a misquote are caught.
    fact = {**FACTS[0], "drift": "no_such_drift"}
    assert BY_NAME.get(fact["drift"]) is None
    assert not quoted({**FACTS[0]["source"], "quote": "valid for 2 hours"})


def test_the_readme_table_is_the_ledgers() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert facts_table.updated(readme, facts_table.render(LEDGER)) == readme
    assert f"{len(FACTS)} facts" in readme
