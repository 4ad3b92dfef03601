"""Every artifact of a run with every report enabled holds none of the planted secrets and PII."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from cashfree_oneclick import redaction
from cashfree_oneclick.fake import FakeConfig
from cashfree_oneclick.fake.people import person_for
from cashfree_oneclick.redaction import MASK
from contract_tests import __main__ as cli
from contract_tests import auth
from contract_tests.targets import fake_target

pytestmark = pytest.mark.heavy(seconds=9)

PLANTED_APP = ("planted_app_id_4f1c", "planted-app-secret-8d2e71")
PLANTED_GENERAL = ("planted_general_id_77aa", "planted-general-secret-19bc")


def test_no_planted_value_in_any_artifact_or_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    config = FakeConfig(app_credentials=dict([PLANTED_APP]), general_credentials=dict([PLANTED_GENERAL]))
    monkeypatch.setattr(cli, "resolve", lambda *args, **kwargs: fake_target(config))
    redaction.install("cashfree_fake", "schemathesis", "httpx")
    caplog.set_level(logging.DEBUG)

    # The nightly profile shrunk as `make nightly` allows, a fixed seed: every report and the whole flow
    # (the planted person's details at 200, asserted below) in half a pr run's time.
    monkeypatch.setenv("CONTRACT_NIGHTLY_MAX_EXAMPLES", "2")
    arguments = ["--profile", "nightly", "--seed", "11", "--report-dir", str(tmp_path), "--quiet"]
    exit_code = cli.main(arguments)

    assert exit_code == 0
    person = person_for(auth.FLOW_MOBILE)
    planted = [
        *PLANTED_APP,
        *PLANTED_GENERAL,
        auth.FLOW_MOBILE,
        person.pan,
        person.name,
        person.email,
        person.bank_account,
        person.aadhaar_masked,
        person.address.house,
    ]
    # Values the run creates: access tokens (JWTs) and the fake's session ids.
    dynamic = [re.compile(r"eyJ[A-Za-z0-9_-]{10,}\."), re.compile(r"session_[A-Za-z0-9_-]{20,}")]
    artifacts = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert {p.name for p in artifacts} >= {"junit.xml", "summary.md", "cassette.ndjson", "findings.json"}
    # The cassette holds the planted person's details: a vacuous scan would pass too.
    interactions = [
        json.loads(line)
        for line in (tmp_path / "cassette.ndjson").read_text(encoding="utf-8").rstrip("\n").split("\n")
    ]
    assert any(
        i["request"]["path"] == "/oauth2/user-details" and (i.get("response") or {}).get("status") == 200
        for i in interactions
    ), "the run never fetched user details"
    for path in artifacts:
        text = path.read_text(encoding="utf-8")
        # One marker in every artifact: ours, never schemathesis's own.
        assert "[Filtered]" not in text, f"schemathesis's marker in {path.name}"
        for value in planted:
            assert value not in text, f"{value!r} found in {path.name}"
        for pattern in dynamic:
            assert not pattern.search(text), f"{pattern.pattern} found in {path.name}"
    assert any(MASK in path.read_text(encoding="utf-8") for path in artifacts), "nothing was redacted"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged, "the run logged nothing: a vacuous scan"
    for value in planted:
        assert value not in logged, f"{value!r} found in the log"
    for pattern in dynamic:
        assert not pattern.search(logged), f"{pattern.pattern} found in the log"
