"""The one flow driver (cashfree_oneclick/fake/driver.py), sync and async, over the fake in process."""

from __future__ import annotations

import asyncio

import httpx
import jwt
import pytest

from cashfree_oneclick.fake import (
    BASE_PATH,
    TEST_APP_CLIENT_ID,
    TEST_APP_CLIENT_SECRET,
    FakeConfig,
    create_app,
)
from cashfree_oneclick.fake.driver import FlowBlockedError, adrive, drive, token_flow
from cashfree_oneclick.fake.transport import SyncASGITransport, async_transport

BASE = "http://oneclick-fake.test" + BASE_PATH


def test_drive_runs_session_consent_token_and_keeps_what_each_step_handed_out() -> None:
    app = create_app(FakeConfig())
    with httpx.Client(base_url=BASE, transport=SyncASGITransport(app)) as http:
        flow = token_flow(TEST_APP_CLIENT_ID, TEST_APP_CLIENT_SECRET, verification_id="drv-1", scopes=["PAN"])
        state = drive(flow, http)
    assert state.session_id is not None
    assert state.auth_code is not None
    assert state.access_token is not None
    assert state.answers["generate-token"]["verification_id"] == "drv-1"
    claims = jwt.decode(state.access_token, options={"verify_signature": False})
    assert "PAN" in str(claims)


def test_adrive_stops_where_asked() -> None:
    async def run() -> tuple[str | None, str | None]:
        app = create_app(FakeConfig())
        async with httpx.AsyncClient(base_url=BASE, transport=async_transport(app)) as http:
            flow = token_flow(
                TEST_APP_CLIENT_ID, TEST_APP_CLIENT_SECRET, verification_id="drv-2", until="session"
            )
            state = await adrive(flow, http)
        return state.session_id, state.auth_code

    session_id, auth_code = asyncio.run(run())
    assert session_id is not None
    assert auth_code is None


def test_a_refused_step_names_itself_and_what_it_answered() -> None:
    app = create_app(FakeConfig())
    with httpx.Client(base_url=BASE, transport=SyncASGITransport(app)) as http:
        flow = token_flow(TEST_APP_CLIENT_ID, "not-the-secret", verification_id="drv-3")
        with pytest.raises(FlowBlockedError) as blocked:
            drive(flow, http)
    assert blocked.value.step.step == "session"
    assert str(blocked.value) == "flow blocked at session: 401 authentication_failed"
