"""The suite against a local server that is not our fake: judged foreign, clean, no /__fake__ call."""

from __future__ import annotations

import json

import pytest

from tests.support.vendor_runs import VendorRun

pytestmark = pytest.mark.heavy(seconds=13)

IDENTICAL = pytest.mark.xdist_group("fidelity-identical")  # the run is shared with test_replay.py


@IDENTICAL
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
