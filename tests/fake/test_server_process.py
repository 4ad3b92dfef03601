"""``python -m contract_tests.fake`` serves the fake: started as a process, it answers, and it stops.

Configured from the environment (CASHFREE_FAKE_*), driven over HTTP on 127.0.0.1, terminated with
SIGTERM; its own output (at debug level) names route templates, never a session id or a secret.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.fake.conftest import API_VERSION, ROOT, assert_matches, new_verification_id

GENERAL_ID = "process-general-client"
GENERAL_SECRET = "process-general-secret-4kP9"  # noqa: S105 - a planted test value
MOBILE = "9800011122"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_answering(client: httpx.Client, process: subprocess.Popen[bytes], output: Path) -> None:
    deadline = time.monotonic() + 20
    while True:
        assert process.poll() is None, f"the server exited early:\n{output.read_text(errors='replace')}"
        try:
            client.get("/oauth2/user-details")
            return
        except httpx.TransportError:
            assert time.monotonic() < deadline, "the server did not answer within 20s"
            time.sleep(0.05)


def test_the_module_serves_the_fake(tmp_path: Path) -> None:
    port = free_port()
    output = tmp_path / "server.log"
    environment = {
        **os.environ,
        "CASHFREE_FAKE_GENERAL_CREDENTIALS": json.dumps({GENERAL_ID: GENERAL_SECRET}),
        "CASHFREE_FAKE_QUIRKS": "1",
    }
    command = [sys.executable, "-m", "contract_tests.fake", "--host", "127.0.0.1", "--port", str(port)]
    with output.open("wb") as sink:
        process = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
            [*command, "--log-level", "debug"],
            cwd=ROOT,
            env=environment,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}/verification", timeout=5) as client:
            wait_until_answering(client, process, output)
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
    finally:
        process.terminate()
        process.wait(timeout=10)
    log = output.read_text(errors="replace")
    # uvicorn shuts down cleanly, then re-raises the SIGTERM it caught: the process ends by that signal.
    assert process.returncode in {0, -signal.SIGTERM}, log
    assert "Application shutdown complete." in log
    assert "POST /user/data-availability 200" in log
    assert "POST /__fake__/sessions/{session_id}/consent 200" in log
    for secret in (session["session_id"], GENERAL_SECRET, MOBILE):
        assert secret not in log
