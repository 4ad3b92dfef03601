"""A reset with a new config: its credentials are secrets of the fake like the first config's."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

import httpx
import pytest

from cashfree_oneclick.fake import FakeConfig, create_app
from cashfree_oneclick.version import API_VERSION

pytestmark = pytest.mark.anyio

PLANTED = "planted-secret-after-reset-7d3f"


async def test_credentials_given_at_reset_never_reach_the_journal() -> None:
    app = create_app(FakeConfig())
    await app.reset(FakeConfig(app_credentials={"app-after-reset": PLANTED}))
    asgi_app: Callable[..., Awaitable[None]] = app  # the app's scope is a dict, httpx's a MutableMapping
    transport = httpx.ASGITransport(app=asgi_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver/verification") as http:
        # The secret also travels where no key names it (as the verification_id, echoed in the answer).
        answer = await http.post(
            "/oauth2/session",
            headers={
                "x-client-id": "app-after-reset",
                "x-client-secret": PLANTED,
                "x-api-version": API_VERSION,
            },
            json={
                "verification_id": PLANTED,
                "user": {"identifier_type": "MOBILE", "identifier_value": "9999900000"},
            },
        )
    assert answer.status_code == 200, answer.text
    records = await app.journal.records(None)
    assert [record.operation for record in records] == ["VrsUserVaultOauthInitiation"]
    dumped = json.dumps([record.to_json() for record in records])
    assert PLANTED not in dumped
    assert "[REDACTED]" in dumped
    await app.aclose()
