"""The deviation register in a run: an entry covers its own contradiction only, and one the run could
have met and did not is reported as unused (summary.md and findings.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from contract_tests import findings, reports, runner
from contract_tests.conformance import findings as conformance_findings
from contract_tests.drift import DRIFTS
from contract_tests.drift import run as drift_run
from contract_tests.findings import Finding
from contract_tests.interactions import Interaction
from contract_tests.profiles import profile
from contract_tests.register_use import Use, usage
from contract_tests.targets import fake_target
from scripts.deviations import load_register

REGISTER = load_register(Path(__file__).resolve().parents[2] / "openapi" / "deviations.yaml")
DETAILS = "GET /oauth2/user-details"
SESSION = "POST /oauth2/session"
IDS = {DETAILS: "VrsUserVaultFetchDetailsFromAccessToken", SESSION: "VrsUserVaultOauthInitiation"}
BUNDLE = fake_target().bundle


def _details(score: object) -> Interaction:
    record = {"mobile": "99999xxxxx", "confidence_score": score}
    body = {
        "reference_id": "1",
        "verification_id": "v-1",
        "scopes": [{"scope": "MOBILE", "records": [record]}],
    }
    return _answer(DETAILS, body)


def _answer(operation: str, body: object) -> Interaction:
    method, path = operation.split(" ")
    return Interaction(
        operation, "examples", method, f"http://testserver/verification{path}", {}, None, 200,
        {"content-type": "application/json"}, json.dumps(body).encode(),
    )  # fmt: skip


def _classified(*answers: Interaction) -> list[Finding]:
    return findings.classify(conformance_findings(BUNDLE, list(answers), IDS), REGISTER)


def test_a_null_score_is_dev_003_and_a_string_score_at_the_same_place_is_new() -> None:
    found = _classified(_details(None), _details("0.97"))
    scores = [f for f in found if f.pointer == "/scopes/*/records/*/confidence_score"]
    assert {(f.observed, f.deviation) for f in scores} == {("null", "DEV-003"), ("string", None)}
    assert all(f.rule == "type" for f in scores)


def test_an_entry_is_met_unused_or_not_exercised() -> None:
    number = _details(0.97)  # the place of DEV-003, with the schema's type: nothing to register
    assert usage(REGISTER, _classified(number), [number], IDS) == usage(REGISTER, [], [number], IDS)
    uses = {entry.id: entry for entry in usage(REGISTER, _classified(number), [number], IDS)}
    assert uses["DEV-003"].use is Use.UNUSED
    assert (uses["DEV-003"].answers, uses["DEV-003"].findings) == (1, 0)
    # No session answer in the run: DEV-001's place (/user of Initiate OAuth) was never shown.
    assert uses["DEV-001"].use is Use.NOT_EXERCISED
    assert "DEV-004" not in uses  # lint matches only: nothing a run can meet

    null = _details(None)
    met = {entry.id: entry for entry in usage(REGISTER, _classified(null, number), [null, number], IDS)}
    assert met["DEV-003"].use is Use.MET
    assert (met["DEV-003"].answers, met["DEV-003"].findings) == (2, 1)


def test_an_answer_that_is_not_json_shows_no_place() -> None:
    broken = Interaction(
        DETAILS, "examples", "GET", "http://testserver/verification/oauth2/user-details", {}, None, 200,
        {"content-type": "application/json"}, b'{"scopes": NaN}',
    )  # fmt: skip
    uses = {entry.id: entry.use for entry in usage(REGISTER, [], [broken], IDS)}
    assert uses["DEV-003"] is Use.NOT_EXERCISED


def test_the_summary_and_findings_json_name_the_unused_entries() -> None:
    number = _details(0.97)
    result = runner.RunResult(
        fake_target(), profile("pr"), {}, [], [number], [], 1.0, "completed",
        register=usage(REGISTER, [], [number], IDS),
    )  # fmt: skip
    summary = reports.markdown(result, reports.verdict(result))
    assert "## Deviation register" in summary
    # DEV-002 too: the answer's `reference_id` is the schema's string, not the example's integer.
    assert "Unused: DEV-002, DEV-003 (" in summary
    assert "| **unused** | 0 | 1 |" in summary
    data = json.loads(reports.findings_json(result))
    assert data["findings"] == []
    by_id = {entry["id"]: entry for entry in data["register"]}
    assert by_id["DEV-003"] | {"title": ""} == {
        "id": "DEV-003", "title": "", "use": "unused", "findings": 0, "answers": 1,
    }  # fmt: skip
    assert by_id["DEV-001"]["use"] == "not exercised"
    assert reports.verdict(result).passed  # unused is said, not failed


def test_the_command_line_and_make_drift_judge_by_the_register_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One step (``judge_by_register``) classifies and records the register's use, for the command
    line and for each drift of ``make drift``: a drift's own summary has the register section too."""
    null_score = _details(None)

    def canned(target: Any, *args: Any, **kwargs: Any) -> runner.RunResult:
        found = conformance_findings(BUNDLE, [null_score], IDS)
        return runner.RunResult(target, profile("pr"), {}, found, [null_score], [], 1.0, "completed")

    monkeypatch.setattr(runner, "run", canned)  # drift/run.py calls runner.run
    whole = next(drift for drift in DRIFTS if not drift.quick)  # one that goes through the engine
    drift_run.full(whole.name, tmp_path)

    summary = (tmp_path / whole.name / "summary.md").read_text(encoding="utf-8")
    assert "## Deviation register" in summary
    data = json.loads((tmp_path / whole.name / "findings.json").read_text(encoding="utf-8"))
    assert {entry["id"]: entry["use"] for entry in data["register"]}["DEV-003"] == "met"
    assert "DEV-003" in [f["deviation"] for f in data["findings"]]
