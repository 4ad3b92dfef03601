"""``python -m cashfree_oneclick.fake`` serves the fake: started as a process, it answers, and it stops.

Configured from the environment (CASHFREE_FAKE_*), driven over HTTP on 127.0.0.1, terminated with
SIGTERM; its own output (at debug level) names route templates, never a session id or a secret.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import httpx

from cashfree_oneclick.fake.process import run_fake
from cashfree_oneclick.version import API_VERSION
from tests.support.fake_bundle import assert_matches
from tests.support.fake_flow import new_verification_id

GENERAL_ID = "process-general-client"
GENERAL_SECRET = "process-general-secret-4kP9"  # noqa: S105 - a planted test value
MOBILE = "9800011122"


def test_the_module_serves_the_fake(tmp_path: Path) -> None:
    output = tmp_path / "server.log"
    environment = {
        **os.environ,
        "CASHFREE_FAKE_GENERAL_CREDENTIALS": json.dumps({GENERAL_ID: GENERAL_SECRET}),
        "CASHFREE_FAKE_QUIRKS": "1",
    }
    with (
        run_fake("--log-level", "debug", env=environment, output=output) as (base_url, process),
        httpx.Client(base_url=base_url, timeout=5) as client,
    ):
        headers = {
            "x-api-version": API_VERSION,
            "x-client-id": GENERAL_ID,
            "x-client-secret": GENERAL_SECRET,
        }
        body = {
            "verification_id": new_verification_id(),
            "user": [{"identifier_type": "MOBILE", "identifier_value": MOBILE}],
        }
        available = client.post("/user/data-availability", headers=headers, json=body)
        assert_matches(available, "VrsUserVaultDataAvailability")
        app_headers = {
            **headers,
            "x-client-id": "test_app_client_id",
            "x-client-secret": "test_app_client_secret",
        }
        session_body = {"verification_id": new_verification_id(), "user": body["user"][0]}
        session = client.post("/oauth2/session", headers=app_headers, json=session_body).json()
        assert isinstance(session["user"], list), "CASHFREE_FAKE_QUIRKS=1 reached the served app"
        consent = client.post(
            f"/__fake__/sessions/{session['session_id']}/consent", json={"decision": "DENIED"}
        )
        assert consent.json()["status"] == "ERROR"
    log = output.read_text(errors="replace")
    # uvicorn shuts down cleanly, then re-raises the SIGTERM it caught: the process ends by that signal.
    assert process.returncode in {0, -signal.SIGTERM}, log
    assert "Application shutdown complete." in log
    assert "POST /user/data-availability 200" in log
    assert "POST /__fake__/sessions/{session_id}/consent 200" in log
    for secret in (session["session_id"], GENERAL_SECRET, MOBILE):
        assert secret not in log
