"""The client's logs (and httpx's under it) carry no credential and no personal data, yet say what happened.

A full flow against the fake over HTTP, with every record captured at DEBUG on the root logger and the
redacting filter installed as an application would (``redaction.install("httpx", "cashfree_oneclick")``).
Planted values: a custom client id and secret of each pair (configured in the fake), the mobile number,
the session id, the auth code, the access token, and the person's PAN and name from the user details.
None may appear in any formatted record; and the client's lines carry method, path, status, duration
and attempt. One retry (a connection refused once) and one rejected call (a reused auth code) are part
of the flow, so retry lines and error paths are covered too. The consent step is the SDK's, not the
client's, and is sent without httpx (see ``Served.consent``); uvicorn's raw access log is the fake's
concern (tests/fake/test_logs.py), and set to WARNING here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator

import httpx
import pytest
from cashfree_oneclick_generated.models import PANRecordMetadata, PanScope

from cashfree_oneclick import InvalidRequestError, OneClickClient, RetryPolicy, redaction, resolve
from cashfree_oneclick.fake import FakeConfig
from cashfree_oneclick.fake.people import person_for
from tests.support.client import Served

MOBILE = "9833344455"
APP_ID = "planted-app-id-Kj4"
APP_SECRET = "planted-app-secret-Wm8Rt2"  # noqa: S105 - a planted test value
GENERAL_ID = "planted-general-id-Ux6"
GENERAL_SECRET = "planted-general-secret-Bd3Nq7"  # noqa: S105 - a planted test value
LINE = re.compile(r"^(GET|POST) (/verification/[a-z0-9/-]+) -> (\d{3}) in \d+\.\d ms \(attempt (\d+)\)$")
FORMAT = logging.Formatter("%(asctime)s %(levelname)s %(name)s %(threadName)s %(message)s")


class RefusedOnce(httpx.HTTPTransport):
    """A real transport whose first user-details request fails to connect (so the client retries)."""

    def __init__(self) -> None:
        super().__init__()
        self.refused = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/user-details") and not self.refused:
            self.refused = True
            raise httpx.ConnectError("connection refused (planted)", request=request)
        return super().handle_request(request)


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """caplog at DEBUG everywhere; the redacting filters installed by the test are removed afterwards."""
    watched = [logging.getLogger("httpx"), logging.getLogger("cashfree_oneclick")]
    before = {id(f) for logger in watched for f in logger.filters}
    caplog.set_level(logging.WARNING, logger="uvicorn.access")
    caplog.set_level(logging.DEBUG)  # last: the capture handler must end at DEBUG
    yield caplog
    for filtered in [*watched, caplog.handler, *logging.getLogger().handlers]:
        for f in [f for f in filtered.filters if isinstance(f, redaction.RedactingFilter)]:
            if id(f) not in before:
                filtered.removeFilter(f)


def test_a_full_flow_logs_no_secret_and_no_personal_data(
    logs: pytest.LogCaptureFixture, fake_server: Callable[[FakeConfig], Served]
) -> None:
    config = FakeConfig(
        app_credentials={APP_ID: APP_SECRET}, general_credentials={GENERAL_ID: GENERAL_SECRET}
    )
    served = fake_server(config)
    redaction.install("httpx", "cashfree_oneclick")  # in the test body: it filters the current handlers
    retry = RetryPolicy(max_attempts=3, initial_backoff=0.01, max_backoff=0.02)
    settings = resolve(
        base_url=served.base_url,
        app_client_id=APP_ID,
        app_client_secret=APP_SECRET,
        general_client_id=GENERAL_ID,
        general_client_secret=GENERAL_SECRET,
        retry=retry,
        environ={},
    )

    with OneClickClient(settings, httpx_transport=RefusedOnce()) as cf:
        cf.data_availability("vid-logs-1", MOBILE)
        session = cf.initiate_session("vid-logs-2", MOBILE)
        auth_code = served.consent(str(session.session_id))
        token = cf.generate_token(auth_code)
        with pytest.raises(InvalidRequestError) as reused:
            cf.generate_token(auth_code)  # single-use: 400 auth_code_value_invalid
        details = cf.fetch_user_details(str(token.access_token))
        logging.getLogger("cashfree_oneclick").error("flow failed", exc_info=reused.value)

    pan = next(s for s in details.scopes or [] if isinstance(s, PanScope))
    person = person_for(MOBILE)
    assert isinstance(pan.records, list)
    metadata = pan.records[0].metadata
    assert isinstance(metadata, PANRecordMetadata)
    assert metadata.pan == person.pan  # the planted PII really came back
    planted = {
        "app client id": APP_ID,
        "app client secret": APP_SECRET,
        "general client id": GENERAL_ID,
        "general client secret": GENERAL_SECRET,
        "mobile": MOBILE,
        "session id": str(session.session_id),
        "auth code": auth_code,
        "access token": str(token.access_token),
        "PAN": person.pan,
        "name": person.name,
    }
    records = logs.records
    texts = [FORMAT.format(record) for record in records]
    assert len(texts) > 10, "the flow was not logged"
    leaks = [(what, text) for text in texts for what, value in planted.items() if value in text]
    assert leaks == []
    assert not any(value in logs.text for value in planted.values())

    lines = [LINE.match(r.getMessage()) for r in records if r.name == "cashfree_oneclick"]
    seen = {(m[1], m[2], m[3], m[4]) for m in lines if m}
    assert seen >= {
        ("POST", "/verification/user/data-availability", "200", "1"),
        ("POST", "/verification/oauth2/session", "200", "1"),
        ("POST", "/verification/oauth2/generate-token", "200", "1"),
        ("POST", "/verification/oauth2/generate-token", "400", "1"),
        ("GET", "/verification/oauth2/user-details", "200", "2"),  # after the refused first attempt
    }
    retry_lines = [r.getMessage() for r in records if r.getMessage().startswith("retrying in")]
    assert len(retry_lines) == 1
    assert "after TransportError (attempt 1)" in retry_lines[0]
    assert any(r.name == "httpx" for r in records), "httpx's own request log was not captured"
