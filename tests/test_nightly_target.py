"""The nightly profile end to end, as the nightly workflow runs it, against the fake served over HTTP.

The workflow runs ``make nightly TARGET=sandbox`` and uploads what the run writes; here the target is
our fake on 127.0.0.1 (started as a process, like ``make fake``) and the run is shrunk with
CONTRACT_NIGHTLY_MAX_EXAMPLES, so that the same command line is exercised in seconds: the seed and the
profile reach the reports, and every artifact the workflow uploads is written and well-formed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from cashfree_oneclick.fake.process import run_fake

pytestmark = pytest.mark.heavy(seconds=16)

ROOT = Path(__file__).resolve().parent.parent

# What .github/workflows/nightly-contract.yml uploads and reads (findings.json opens the issues).
ARTIFACTS = ("junit.xml", "summary.md", "cassette.ndjson", "findings.json")
FINDING_KEYS = {"operation", "operation_id", "check", "title", "pointer", "severity", "deviation", "message"}


@pytest.fixture
def fake_url(tmp_path: Path) -> Iterator[str]:
    with run_fake(output=tmp_path / "fake.log") as (base_url, _):
        yield base_url


def test_the_nightly_profile_writes_every_artifact_the_workflow_uploads(
    fake_url: str, tmp_path: Path
) -> None:
    reports = tmp_path / "contract"
    environment = {**os.environ, "CONTRACT_NIGHTLY_MAX_EXAMPLES": "1"}
    environment.pop("CONTRACT_SEED", None)  # the command line's seed must be the one used
    command = [sys.executable, "-m", "contract_tests", "--target", fake_url, "--profile", "nightly"]
    command += ["--seed", "7", "--report-dir", str(reports), "--quiet"]
    run = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300, check=False
    )
    # 0: pass, 1: new findings; both write the reports. 2 would be a run that could not start.
    assert run.returncode in (0, 1), run.stderr
    assert sorted(path.name for path in reports.iterdir()) == sorted(ARTIFACTS)

    summary = (reports / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("# Contract run: PASS" if run.returncode == 0 else "# Contract run: FAIL")
    assert "profile: `nightly`, seed `7`" in summary
    assert summary in run.stdout  # printed as well as written
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
    assert not new or run.returncode == 1, "a new finding fails the run"
    # NDJSON lines end at "\n" only; generated bodies may hold U+2028 and the like, where splitlines() cuts.
    interactions = (reports / "cassette.ndjson").read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert interactions, "the cassette records the traffic"
    assert all(json.loads(line)["request"]["url"].startswith(fake_url) for line in interactions)
