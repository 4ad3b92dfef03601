"""``python -m contract_tests.fidelity`` on cassettes recorded against vendor stand-ins over real HTTP,
the suite's own verdict on a local server that is not our fake (judged foreign, clean, no /__fake__
call), and the artifacts of that command-line run of the nightly profile (what the nightly workflow
uploads)."""

from __future__ import annotations

import asyncio
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from cashfree_oneclick.fake import (
    TEST_APP_CLIENT_ID,
    TEST_APP_CLIENT_SECRET,
    TEST_GENERAL_CLIENT_SECRET,
    FakeConfig,
    create_app,
)
from cashfree_oneclick.redaction import Redactor
from cashfree_oneclick.version import API_VERSION
from contract_tests.fidelity import __main__ as cli
from contract_tests.fidelity.rebuild import AsgiClient
from contract_tests.profiles import PR_SEED
from tests.support.vendor_runs import VendorRun

pytestmark = pytest.mark.heavy(seconds=23)

# Each recorded stand-in is a session fixture (tests/fidelity/conftest.py): every test that reads one is
# in this module, which `make test` runs whole on one worker (--dist loadfile), so each is recorded once
# per session. (A reader in another module would record it again on another worker.)


def fidelity(cassette: Path, out: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    code = cli.main([str(cassette), "--report-dir", str(out), *extra])
    report = out / "fidelity.json"
    return code, json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}


def unplanned_skips(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Skipped replays, but for answers the run planned through the fake's admin API (X-Fake-Fault):
    a suite run against a stand-in that is our fake exercises that API too."""
    return [skip for skip in report["skipped"] if "X-Fake-Fault" not in skip["why"]]


def test_an_identical_server_replays_with_no_difference(identical_run: VendorRun, tmp_path: Path) -> None:
    code, report = fidelity(identical_run.cassette, tmp_path)

    assert code == 0, report["differences"]
    assert report["agree"]
    assert report["differences"] == []
    assert not unplanned_skips(report)
    assert report["replayed"] > 100
    assert (tmp_path / "fidelity.md").read_text(encoding="utf-8").startswith("# Fidelity of the fake: AGREE")
    for path in (tmp_path / "fidelity.json", tmp_path / "fidelity.md"):
        text = path.read_text(encoding="utf-8")
        for planted in (identical_run.token, TEST_APP_CLIENT_SECRET, TEST_GENERAL_CLIENT_SECRET):
            assert planted not in text, f"a secret in {path.name}"


def test_negative_data_replays_with_no_difference(negative_run: VendorRun, tmp_path: Path) -> None:
    lines = negative_run.cassette.read_text(encoding="utf-8").rstrip("\n").split("\n")
    codes = {json.loads(json.loads(line)["response"]["body"] or "{}").get("code") for line in lines}
    # Not vacuous: requests the vendor refused by name, masked credentials among them, are in it.
    assert {"x-client-id_missing", "x-client-secret_missing", "access_token_missing"} & codes
    assert len([code for code in codes if code and code.endswith("_value_invalid")]) >= 2

    code, report = fidelity(negative_run.cassette, tmp_path)

    assert code == 0, report["differences"]
    assert not unplanned_skips(report)


# What replay must name for tests.support.vendor_runs.CHANGED: (operation, aspect, pointer, vendor, fake).
CHANGED_DIFFERENCES = {
    # The request credentials_enforced re-sends without a token: recorded (phase "check") and replayed.
    ("GET /oauth2/user-details", "error-type", "/type", "invalid_request_error", "validation_error"),
    ("POST /oauth2/generate-token", "error-code", "/code", "auth_code_invalid", "auth_code_value_invalid"),
    ("POST /oauth2/generate-token", "error-type", "/type", "invalid_request_error", "validation_error"),
    ("POST /oauth2/session", "extra-in-fake", "/expiry", "absent", "present"),
    ("POST /oauth2/session", "type", "/reference_id", "string", "integer"),
    ("POST /oauth2/session", "error-type", "/type", "invalid_request_error", "validation_error"),
    ("POST /user/data-availability", "type", "/reference_id", "string", "integer"),
    ("POST /user/data-availability", "error-type", "/type", "invalid_request_error", "validation_error"),
}


def test_a_changed_server_replays_with_each_difference_named(changed_run: VendorRun, tmp_path: Path) -> None:
    code, report = fidelity(changed_run.cassette, tmp_path)

    assert code == 1
    assert not report["agree"]
    named = {
        (d["operation"], d["aspect"], d["pointer"], d["vendor"], d["fake"]) for d in report["differences"]
    }
    assert named == CHANGED_DIFFERENCES
    for difference in report["differences"]:
        request = difference["request"]  # the recorded request that shows it, redacted
        line = changed_run.cassette.read_text(encoding="utf-8").split("\n")[request["line"] - 1]
        assert json.loads(line)["operation"] == difference["operation"]
        assert request["path"] == difference["operation"].split(" ", 1)[1]
    markdown = (tmp_path / "fidelity.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Fidelity of the fake: DIFFER")
    assert (
        "| **new** | `POST /oauth2/generate-token` | error-code | `/code` | auth_code_invalid |" in markdown
    )


def test_registered_limitations_are_known_and_pass(changed_run: VendorRun, tmp_path: Path) -> None:
    register = tmp_path / "limitations.yaml"
    register.write_text(
        """limitations:
  - id: FAKE-101
    title: the stand-in renames and retypes
    vendor_says: what tests.support.vendor_runs.CHANGED makes it say
    fake_says: the documented shapes
    why: a test of the register
    matches:
      - {source: fidelity, aspect: "error-*"}
      - {source: fidelity, pointer: /reference_id, aspect: type}
      - {source: fidelity, operation: POST /oauth2/session, pointer: /expiry}
""",
        encoding="utf-8",
    )
    code, report = fidelity(changed_run.cassette, tmp_path / "out", "--register", str(register))

    assert code == 0
    assert report["agree"]
    assert report["new"] == 0
    assert {d["known"] for d in report["differences"]} == {"FAKE-101"}
    assert len(report["differences"]) == len(CHANGED_DIFFERENCES)


def test_the_vendor_example_shapes_are_the_registered_limitations(
    quirky_run: VendorRun, tmp_path: Path
) -> None:
    # A vendor that answers like its documented examples: the default fake differs exactly where
    # limitations.yaml says it does, and with --quirks it does not differ at all.
    code, report = fidelity(quirky_run.cassette, tmp_path / "default")

    assert code == 0, report["differences"]
    known = {
        (d["operation"], d["pointer"], d["vendor"], d["fake"], d["known"]) for d in report["differences"]
    }
    assert known == {
        ("POST /oauth2/session", "/user", "array", "object", "FAKE-001"),
        ("GET /oauth2/user-details", "/reference_id", "integer", "string", "FAKE-002"),
    } | {("GET /oauth2/user-details", "/scopes/*/records/*/confidence_score", "null", "number", "FAKE-003")}
    code, report = fidelity(quirky_run.cassette, tmp_path / "quirks", "--quirks")
    assert code == 0
    assert report["differences"] == []


def test_answers_of_load_outage_or_account_are_skipped_not_compared(tmp_path: Path) -> None:
    def line(status: int | None, code: str = "") -> dict[str, Any]:
        body = json.dumps({"type": "x", "code": code, "message": "x"}) if code else None
        return {
            "operation": "POST /user/data-availability",
            "request": {"method": "POST", "url": "https://x.test/verification/user/data-availability"},
            "response": {"status": status, "headers": {}, "body": body},
        }

    cassette = tmp_path / "cassette.ndjson"
    lines = [
        line(429),
        line(502),
        line(None),
        line(403, "ip_validation_failed"),
        line(422, "insufficient_balance"),
    ]
    cassette.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")

    code, report = fidelity(cassette, tmp_path / "out")

    assert code == 0
    assert report["replayed"] == 0
    assert [s["line"] for s in report["skipped"]] == [1, 2, 3, 4, 5]
    assert "429: load or outage" in report["skipped"][0]["why"]
    assert "no answer" in report["skipped"][2]["why"]
    assert "IP is not allowlisted" in report["skipped"][3]["why"]
    assert "balance ran out" in report["skipped"][4]["why"]


def test_an_account_answer_the_run_planned_on_the_fake_is_replayed_as_planned(tmp_path: Path) -> None:
    # A magic number or a scripted fault of the recorded run answered insufficient_balance (X-Fake-Fault):
    # that is the run's plan, replayed (so the fake spends the same plan), not the account's balance.
    body = json.dumps({"type": "x", "code": "insufficient_balance", "message": "x"})
    line = {
        "operation": "POST /user/data-availability",
        "request": {"method": "POST", "url": "https://x.test/verification/user/data-availability"},
        "response": {"status": 422, "headers": {"x-fake-fault": "planned"}, "body": body},
    }
    cassette = tmp_path / "cassette.ndjson"
    cassette.write_text(json.dumps(line) + "\n", encoding="utf-8")

    code, report = fidelity(cassette, tmp_path / "out")

    assert code == 0
    assert [s["line"] for s in report["skipped"]] == [1]
    assert "X-Fake-Fault" in report["skipped"][0]["why"]
    assert not unplanned_skips(report)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot be read"),
        ("", "empty: there is nothing to replay"),
        ('{"operation": "POST /oauth2/session"}\n', ":1: not a recorded interaction"),
        ("[1, 2]\n", ":1: a line must be a JSON object"),
        ("{not json\n", ":1: not JSON"),
    ],
)
def test_a_cassette_that_cannot_be_replayed_exits_2(
    tmp_path: Path, content: str | None, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    cassette = tmp_path / "cassette.ndjson"
    if content is not None:
        cassette.write_text(content, encoding="utf-8")

    assert cli.main([str(cassette), "--report-dir", str(tmp_path / "out")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists(), "no report of a replay that did not run"


def test_a_malformed_register_exits_2(
    identical_run: VendorRun, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register = tmp_path / "limitations.yaml"
    register.write_text("limitations:\n  - id: FAKE-1\n", encoding="utf-8")

    assert cli.main([str(identical_run.cassette), "--register", str(register)]) == 2
    assert "entry 0 (FAKE-1): missing keys" in capsys.readouterr().err


def test_the_cassette_keeps_shapes_and_no_secret(identical_run: VendorRun) -> None:
    text = identical_run.cassette.read_text(encoding="utf-8")
    for planted in (identical_run.token, TEST_APP_CLIENT_SECRET, TEST_GENERAL_CLIENT_SECRET, "9999900000"):
        assert planted not in text
    details = [json.loads(line) for line in text.rstrip("\n").split("\n") if "user-details" in line]
    body = json.loads(next(d for d in details if d["response"]["status"] == 200)["response"]["body"])
    aadhaar = next(s for s in body["scopes"] if s["scope"] == "AADHAAR")
    # Under sensitive keys the object stays an object with its keys, each leaf redacted in its type.
    split = aadhaar["records"][0]["metadata"]["split_address"]
    assert isinstance(split, dict)
    assert {"house", "pincode", "state"} <= split.keys()
    assert all(value in ("[REDACTED]", 0, None) for value in split.values())


def test_a_verification_id_partly_masked_replays_as_new_then_as_used(tmp_path: Path) -> None:
    # A digit run in a verification id is masked by pattern ("vid-[REDACTED]"): the vendor's 200 and
    # then 409 verification_id_already_exists must replay as 200 and 409, not as an invalid id.
    app = create_app(FakeConfig())
    client = AsgiClient(app)
    redactor = Redactor()
    body = {
        "verification_id": "vid-123456789012",
        "user": {"identifier_type": "MOBILE", "identifier_value": "9999900000"},
    }
    headers = {"x-client-id": TEST_APP_CLIENT_ID, "x-client-secret": TEST_APP_CLIENT_SECRET}
    headers |= {"x-api-version": API_VERSION, "content-type": "application/json"}
    lines = []
    for _ in range(2):
        answer = asyncio.run(
            client.request("POST", "/verification/oauth2/session", headers.items(), json.dumps(body).encode())
        )
        request: dict[str, Any] = {
            "method": "POST",
            "url": "http://vendor.test/verification/oauth2/session",
            "path": "/oauth2/session",
        }
        request |= {
            "headers": dict(redactor.headers(headers.items())),
            "body": redactor.body(json.dumps(body), True),
        }
        response = {
            "status": answer.status,
            "headers": answer.headers,
            "body": redactor.body(answer.body, True),
        }
        lines.append(
            json.dumps({"operation": "POST /oauth2/session", "request": request, "response": response})
        )
    assert "vid-[REDACTED]" in lines[0]
    assert [json.loads(line)["response"]["status"] for line in lines] == [200, 409]
    cassette = tmp_path / "cassette.ndjson"
    cassette.write_text("\n".join(lines) + "\n", encoding="utf-8")

    code, report = fidelity(cassette, tmp_path / "out")

    assert code == 0, report["differences"]
    assert report["replayed"] == 2


def test_a_foreign_server_runs_clean_with_credentials_from_the_environment(identical_run: VendorRun) -> None:
    summary = (identical_run.reports / "summary.md").read_text(encoding="utf-8")
    assert identical_run.exit_code == 0, summary
    assert summary.startswith("# Contract run: PASS")
    assert f"- target: `foreign` {identical_run.base_url}: GET /__fake__/info answered 404" in summary
    assert "- data: positive only" in summary
    # The probe is the only /__fake__/ request: no consent step, no fake-only operation.
    assert identical_run.fake_paths == ("/verification/__fake__/info",)
    lines = identical_run.cassette.read_text(encoding="utf-8").rstrip("\n").split("\n")
    operations = {json.loads(line)["operation"] for line in lines}
    assert operations == {
        "POST /user/data-availability",
        "POST /oauth2/session",
        "POST /oauth2/generate-token",
        "GET /oauth2/user-details",
    }
    details = [json.loads(line)["response"]["status"] for line in lines if "user-details" in line]
    assert 200 in details, "the token from the environment was used"


# What .github/workflows/nightly-contract.yml uploads and reads (findings.json opens the issues).
ARTIFACTS = ("junit.xml", "summary.md", "cassette.ndjson", "findings.json")
FINDING_KEYS = {"operation", "operation_id", "check", "title", "pointer", "severity", "deviation", "message"}


def test_the_nightly_profile_writes_every_artifact_the_workflow_uploads(identical_run: VendorRun) -> None:
    """The workflow runs ``make nightly TARGET=sandbox`` and uploads what the run writes; the identical
    run is that command line (the nightly profile shrunk with CONTRACT_NIGHTLY_MAX_EXAMPLES, a fixed
    seed) against a stand-in over HTTP: the seed and the profile reach the reports, and every artifact
    the workflow uploads is written and well-formed. (``python -m contract_tests`` as a process of its
    own: tests/contract/test_sandbox_policy.py.)"""
    reports = identical_run.reports
    # 0: pass, 1: new findings; both write the reports. 2 would be a run that could not start.
    assert identical_run.exit_code in (0, 1)
    assert sorted(path.name for path in reports.iterdir()) == sorted(ARTIFACTS)

    summary = (reports / "summary.md").read_text(encoding="utf-8")
    passed = identical_run.exit_code == 0
    assert summary.startswith("# Contract run: PASS" if passed else "# Contract run: FAIL")
    assert f"profile: `nightly`, seed `{PR_SEED}`" in summary
    assert summary in identical_run.printed  # printed as well as written
    suite = ET.parse(reports / "junit.xml").getroot()  # noqa: S314 - our own report, just written
    assert list(suite.iter("testcase")), "a JUnit report with test cases"
    report = json.loads((reports / "findings.json").read_text(encoding="utf-8"))
    assert set(report) == {"findings", "register"}
    findings = report["findings"]
    assert isinstance(findings, list)
    # The register's use: each entry with contract matches, and the fake (no quirks) meets none.
    assert {entry["use"] for entry in report["register"]} <= {"unused", "not exercised"}
    assert "DEV-003" in {entry["id"] for entry in report["register"]}
    assert all(finding.keys() >= FINDING_KEYS for finding in findings)
    new = [finding for finding in findings if finding["deviation"] is None]
    assert not new or identical_run.exit_code == 1, "a new finding fails the run"
    # NDJSON lines end at "\n" only; generated bodies may hold U+2028 and the like, where splitlines() cuts.
    interactions = identical_run.cassette.read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert interactions, "the cassette records the traffic"
    assert all(json.loads(line)["request"]["url"].startswith(identical_run.base_url) for line in interactions)
