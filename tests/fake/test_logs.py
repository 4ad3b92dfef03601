"""The fake's logs carry no credential and no personal data.

The whole flow runs with every logger captured at DEBUG and the project's redacting filter installed
(``redaction.install("cashfree_fake")``, as ``python -m cashfree_oneclick.fake`` does). Planted values (a
custom client secret, the mobile number, the session id, the auth code, the access token, the person's
PAN and name) must appear in no captured record. The test client's own request log (``httpx``, which
prints URLs, and the consent URL holds the session id) is the client's, not the fake's: it is set to
WARNING (and so is uvicorn's raw access log, see the ``logs`` fixture).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator

import anyio
import pytest

from cashfree_oneclick import redaction
from cashfree_oneclick.fake import FakeCashfree, FakeConfig
from cashfree_oneclick.fake.people import Person, person_for
from cashfree_oneclick.version import API_VERSION
from tests.support.fake_bundle import assert_error
from tests.support.fake_flow import FlowClient, LiveServer, in_process, over_http

pytestmark = pytest.mark.anyio

MOBILE = "9811122233"
CLIENT_ID = "planted-app-client"
CLIENT_SECRET = "planted-app-secret-Qv7xW2"  # noqa: S105 - a planted test value
HEADERS = {"x-api-version": API_VERSION, "x-client-id": CLIENT_ID, "x-client-secret": CLIENT_SECRET}


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """caplog at DEBUG; the redacting filters the test installs are removed afterwards."""
    root = logging.getLogger()
    before = {id(h) for h in root.handlers for f in h.filters if isinstance(f, redaction.RedactingFilter)}
    # In this order: set_level also sets the capture handler's level, and the last call must leave DEBUG.
    caplog.set_level(logging.WARNING, logger="httpx")
    # uvicorn's own access log (raw paths) is off where the fake is served (access_log=False), but uvicorn
    # turns it on whenever "uvicorn.access" has a handler, and pytest attaches its capture handler to
    # every non-propagating logger. The subprocess test checks the served fake's real output instead.
    caplog.set_level(logging.WARNING, logger="uvicorn.access")
    caplog.set_level(logging.DEBUG)
    yield caplog
    for logger in (logging.getLogger("cashfree_fake"), *[h for h in root.handlers if id(h) not in before]):
        for f in [f for f in logger.filters if isinstance(f, redaction.RedactingFilter)]:
            logger.removeFilter(f)
    for f in [f for f in caplog.handler.filters if isinstance(f, redaction.RedactingFilter)]:
        caplog.handler.removeFilter(f)


def install() -> None:
    # In the test body: pytest gives each phase its own capture handler, and install() filters the
    # handlers the root logger has when it is called.
    redaction.install("cashfree_fake")


async def flow(fake: FlowClient) -> list[str]:
    """The whole flow with the planted credentials; returns the values it produced."""
    assert (await fake.data_availability(MOBILE)).status_code == 200
    session = await fake.session(MOBILE, headers=HEADERS)
    session_id = session.json()["session_id"]
    auth_code = (await fake.consent(session_id, scopes=["PAN", "NAME", "MOBILE"])).json()["auth_code"]
    token = (await fake.generate_token(auth_code, headers=HEADERS)).json()["access_token"]
    details = await fake.user_details(token)
    assert details.status_code == 200
    assert person_for(MOBILE).pan in details.text  # the planted PAN did go through the fake
    refused = await fake.user_details(token + "x")
    assert refused.status_code == 400
    return [session_id, auth_code, token]


def planted(produced: list[str]) -> list[str]:
    person: Person = person_for(MOBILE)
    values = [CLIENT_SECRET, MOBILE, person.pan, person.name, *produced]
    assert all(len(v) >= 8 for v in values)
    return values


def leaks(caplog: pytest.LogCaptureFixture, values: list[str]) -> list[tuple[str, str]]:
    found = []
    for record in caplog.records:
        for text in (record.getMessage(), caplog.handler.format(record)):
            found += [(record.name, value) for value in values if value in text]
    found += [("caplog.text", value) for value in values if value in caplog.text]
    return found


def access_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "cashfree_fake.access"]


async def test_flow_in_process_logs_nothing_planted(
    make_app: Callable[..., FakeCashfree], logs: pytest.LogCaptureFixture
) -> None:
    install()
    app = make_app(FakeConfig(app_credentials={CLIENT_ID: CLIENT_SECRET}))
    async with in_process(app) as fake:
        produced = await flow(fake)
    assert leaks(logs, planted(produced)) == []
    lines = access_lines(logs)
    assert len(lines) == 6, "one access line per request: the capture did see the fake's logs"
    assert any(line.startswith("POST /__fake__/sessions/{session_id}/consent 200 ") for line in lines)
    assert any(line.startswith("GET /oauth2/user-details 400 ") for line in lines)


async def test_flow_over_http_logs_nothing_planted(
    live_server: LiveServer, logs: pytest.LogCaptureFixture
) -> None:
    install()
    async with over_http(live_server) as fake:
        session = (await fake.session(MOBILE)).json()["session_id"]
        code = (await fake.consent(session)).json()["auth_code"]
        token = (await fake.generate_token(code)).json()["access_token"]
        assert (await fake.user_details(token)).status_code == 200
    # The server thread logs a request just after sending its answer: wait for the last line.
    deadline = time.monotonic() + 5
    while not any(line.startswith("GET /oauth2/user-details 200") for line in access_lines(logs)):
        assert time.monotonic() < deadline, access_lines(logs)
        await anyio.sleep(0.005)
    routes = {line.rsplit(" ", 1)[0].rsplit(" ", 1)[0] for line in access_lines(logs)}
    assert routes >= {
        "POST /oauth2/session",
        "POST /__fake__/sessions/{session_id}/consent",
        "POST /oauth2/generate-token",
        "GET /oauth2/user-details",
    }
    values = [MOBILE, person_for(MOBILE).pan, person_for(MOBILE).name, session, code, token]
    assert leaks(logs, values) == []


async def test_an_unexpected_error_is_logged_redacted(
    make_app: Callable[..., FakeCashfree], logs: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception whose text carries request data: the 500 is the documented one, and the logged
    traceback is redacted (by pattern: mobile, PAN, JWT; by known value: the configured secret)."""
    install()
    app = make_app(FakeConfig(app_credentials={CLIENT_ID: CLIENT_SECRET}))
    async with in_process(app) as fake:
        session_id = (await fake.session(MOBILE, headers=HEADERS)).json()["session_id"]
        code = (await fake.consent(session_id)).json()["auth_code"]
        token = (await fake.generate_token(code, headers=HEADERS)).json()["access_token"]
        pan = person_for(MOBILE).pan

        def explode(mobile: str) -> Person:
            raise RuntimeError(f"lookup failed for {mobile} pan={pan} token={token} secret={CLIENT_SECRET}")

        monkeypatch.setattr("cashfree_oneclick.fake.handlers.person_for", explode)
        response = await fake.user_details(token)
    assert_error(response, 500, "verification_failed", "something went wrong")
    errors = [r for r in logs.records if r.name == "cashfree_fake.error"]
    assert len(errors) == 1
    assert "RuntimeError: lookup failed for [REDACTED]" in logs.handler.format(errors[0])
    assert leaks(logs, [MOBILE, pan, token, CLIENT_SECRET]) == []
