"""The nightly verdict over recorded runs (findings.json as the suite writes them), no network.

Night by night: new, still failing, resolved; a finding the re-run does not confirm is flaky, kept and
marked, and fails nothing; one issue per finding, opened, updated, closed on the first night it no
longer occurs; register entries met by no night for 14 nights are stale, not before.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from contract_tests.nightly.__main__ import main
from contract_tests.nightly.verdict import STALE_NIGHTS, decide, title_of


def finding(operation: str, check: str, pointer: str = "", deviation: str | None = None) -> dict[str, Any]:
    """One finding as findings.json records it."""
    return {
        "operation": operation, "operation_id": "VrsUserVaultOauthInitiation", "check": check,
        "title": f"{check} failed", "pointer": pointer, "rule": None, "observed": None, "severity": "high",
        "status": 200, "deviation": deviation, "message": "the 200 body lacks session_id",
        "reproduce": "curl -X POST '<base>/oauth2/session' -H <credentials>",
    }  # fmt: skip


A = finding("POST /oauth2/session", "response_schema_conformance", "/session_id")
B = finding("POST /user/data-availability", "not_a_server_error")
C = finding("GET /oauth2/user-details", "token_refused")
KNOWN = finding("POST /oauth2/session", "response_schema_conformance", "/user", deviation="DEV-001")
REGISTER = [{"id": "DEV-001", "use": "met"}, {"id": "DEV-009", "use": "unused"}]


def run(*found: dict[str, Any], register: list[dict[str, Any]] = REGISTER) -> dict[str, Any]:
    return {"findings": list(found), "register": register}


def test_the_first_night_opens_an_issue_per_finding_and_marks_the_unconfirmed_one_flaky() -> None:
    verdict = decide("2026-12-01", run(A, B, KNOWN), run(A, KNOWN), None, [])

    assert verdict.new == [title_of(A)]
    assert verdict.flaky == [title_of(B)]  # kept, marked
    assert verdict.fails_the_night
    actions = {(a.action, a.title): a.labels for a in verdict.issues}
    assert actions == {
        ("open", title_of(A)): ("contract-finding",),
        ("open", title_of(B)): ("contract-finding", "flaky"),
    }
    assert all(title != title_of(KNOWN) for _, title in actions)  # a registered deviation gets no issue


def test_a_night_that_only_flakes_does_not_fail() -> None:
    verdict = decide("2026-12-01", run(B), run(), None, [])
    assert verdict.flaky == [title_of(B)]
    assert not verdict.fails_the_night


def test_the_next_night_knows_still_failing_new_and_resolved_and_acts_on_the_issues() -> None:
    first = decide("2026-12-01", run(A, B), run(A, B), None, [])
    second = decide("2026-12-02", run(A, C), run(A, C), first.as_json(), [title_of(A), title_of(B)])

    assert second.still_failing == [title_of(A)]
    assert second.new == [title_of(C)]
    assert second.resolved == [title_of(B)]
    assert {(a.action, a.title) for a in second.issues} == {
        ("update", title_of(A)),
        ("open", title_of(C)),
        ("close", title_of(B)),
    }


def test_a_clean_night_closes_every_open_issue_and_passes() -> None:
    previous = decide("2026-12-01", run(A), run(A), None, []).as_json()
    verdict = decide("2026-12-02", run(KNOWN), None, previous, [title_of(A)])
    assert verdict.resolved == [title_of(A)]
    assert [(a.action, a.title) for a in verdict.issues] == [("close", title_of(A))]
    assert not verdict.fails_the_night


def test_a_register_entry_met_by_no_night_for_14_nights_is_stale_and_not_before() -> None:
    previous: dict[str, Any] | None = None
    stale_on: dict[int, list[str]] = {}
    for night in range(1, STALE_NIGHTS + 2):
        use = [
            {"id": "DEV-001", "use": "met" if night == 1 else "unused"},
            {"id": "DEV-009", "use": "unused"},
        ]
        verdict = decide(f"night-{night}", run(register=use), None, previous, [])
        stale_on[night] = verdict.stale
        previous = verdict.as_json()
    assert stale_on[STALE_NIGHTS - 1] == []  # 13 nights recorded: too soon to say
    assert stale_on[STALE_NIGHTS] == ["DEV-009"]  # DEV-001 was met on night 1, inside the window
    assert stale_on[STALE_NIGHTS + 1] == ["DEV-001", "DEV-009"]  # night 1 left the window


def test_the_command_line_writes_the_verdict_the_workflow_reads(tmp_path: Path) -> None:
    (tmp_path / "findings.json").write_text(json.dumps(run(A, B)), encoding="utf-8")
    (tmp_path / "rerun.json").write_text(json.dumps(run(A)), encoding="utf-8")
    (tmp_path / "open.json").write_text(json.dumps([title_of(C)]), encoding="utf-8")
    out = tmp_path / "verdict"
    argv = ["--night", "2026-12-03", "--findings", str(tmp_path / "findings.json")]
    argv += ["--rerun", str(tmp_path / "rerun.json"), "--previous", str(tmp_path / "absent.json")]
    argv += ["--open-issues", str(tmp_path / "open.json"), "--run-url", "https://ci/run/1", "--out", str(out)]

    assert main(argv) == 1
    written = json.loads((out / "verdict.json").read_text(encoding="utf-8"))
    assert written["new"] == [title_of(A)]
    assert written["flaky"] == [title_of(B)]
    assert {(i["action"], i["title"]) for i in written["issues"]} == {
        ("open", title_of(A)), ("open", title_of(B)), ("close", title_of(C)),
    }  # fmt: skip
    assert all("https://ci/run/1" in i["body"] for i in written["issues"])
    assert "# Nightly verdict 2026-12-03: FAIL" in (out / "verdict.md").read_text(encoding="utf-8")
